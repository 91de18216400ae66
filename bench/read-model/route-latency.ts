import { percentile } from '../stats';

export interface RouteLatency {
  route: string;
  samples: number;
  p50: number;
  p95: number;
}

/** `samples` GETs of `path` as `token`, one at a time after a few warm-ups: p50 and p95 in ms. */
export async function measureRoute(baseUrl: string, token: string, path: string, samples: number): Promise<RouteLatency> {
  const get = async (): Promise<number> => {
    const start = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return performance.now() - start;
  };
  for (let i = 0; i < 5; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await get());
  return { route: path, samples, p50: percentile(times, 50), p95: percentile(times, 95) };
}
