import { CliFailure, EXIT } from '../exit-codes';

export interface ApiConnection {
  baseUrl: string;
  token: string;
}

/** Where the API is and who the CLI acts as: `BATON_API_URL` and `BATON_TOKEN`. */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConnection {
  const token = env.BATON_TOKEN;
  if (!token) throw new CliFailure('set BATON_TOKEN to your API token (see `baton token create`)', EXIT.badInput);
  const baseUrl = env.BATON_API_URL || 'http://127.0.0.1:3000';
  try {
    new URL(baseUrl);
  } catch {
    throw new CliFailure(`BATON_API_URL must be a URL, got ${JSON.stringify(baseUrl)}`, EXIT.badInput);
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), token };
}

interface ErrorBody {
  error?: string;
  message?: string;
}

function exitCodeFor(status: number): number {
  if (status === 400) return EXIT.badInput;
  if (status >= 400 && status < 500) return EXIT.refused;
  return EXIT.unavailable;
}

/** The Baton HTTP API, as the CLI uses it: JSON in, JSON out, failures as CliFailure. */
export class ApiClient {
  constructor(private readonly connection: ApiConnection) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return this.request<T>('GET', `${path}${search}`);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.connection.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.connection.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new CliFailure(`cannot reach the Baton API at ${this.connection.baseUrl} (${reason}); is it running? (BATON_API_URL)`, EXIT.unavailable);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed ?? {}) as ErrorBody;
      const message = error.message ?? (text || response.statusText);
      throw new CliFailure(`${response.status} ${error.error ?? response.statusText}: ${message}`, exitCodeFor(response.status));
    }
    return parsed as T;
  }
}
