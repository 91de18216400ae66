import type { ApiPool } from '../../test/cluster/support/api-pool';

export interface LoadCounts {
  queries: number;
  /** Queries answered other than 200 (a deal not yet registered answers 404). */
  unanswered: number;
  scrapes: number;
}

const SCRAPE_EVERY_MS = 5_000;

/**
 * Queries in flight throughout, as people and Prometheus make them: a deal's page or timeline a
 * few times a second, and `/metrics` (which queries every running deal) every few seconds, until
 * `stop` is set. Bounded by the run: it ends with the journeys.
 */
export async function queryLoad(api: ApiPool, dealIds: () => string[], stop: { done: boolean }, counts: LoadCounts, metricsUrls: string[]): Promise<void> {
  let lastScrape = 0;
  while (!stop.done) {
    const ids = dealIds();
    const dealId = ids[Math.floor(Math.random() * ids.length)];
    if (dealId) {
      const path = Math.random() < 0.5 ? `/deals/${dealId}` : `/deals/${dealId}/timeline`;
      const answer = await api.call('ana', 'GET', path).catch(() => undefined);
      counts.queries += 1;
      if (answer?.status !== 200) counts.unanswered += 1;
    }
    if (Date.now() - lastScrape > SCRAPE_EVERY_MS) {
      lastScrape = Date.now();
      const url = metricsUrls[counts.scrapes % metricsUrls.length]!;
      await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.text(), () => undefined);
      counts.scrapes += 1;
    }
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
  }
}
