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

  /**
   * Sends a file as the request body, streamed, and yields the answer's NDJSON lines as they
   * arrive (a long import reports as it goes).
   */
  async *upload<T>(path: string, file: ReadableStream<Uint8Array>, headers: Record<string, string>, query: Record<string, string | undefined> = {}): AsyncGenerator<T> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const search = params.size > 0 ? `?${params.toString()}` : '';
    const response = await this.send(`${this.connection.baseUrl}${path}${search}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.connection.token}`, ...headers },
      body: file,
      duplex: 'half',
    } as RequestInit);
    if (!response.ok || !response.body) return this.fail(response, await response.text());
    let pending = '';
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
    }
    if (pending.trim()) yield JSON.parse(pending) as T;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new CliFailure(`cannot reach the Baton API at ${this.connection.baseUrl} (${reason}); is it running? (BATON_API_URL)`, EXIT.unavailable);
    }
  }

  private fail(response: Response, text: string): never {
    let parsed: ErrorBody;
    try {
      parsed = (text ? JSON.parse(text) : {}) as ErrorBody;
    } catch {
      parsed = {};
    }
    throw new CliFailure(`${response.status} ${parsed.error ?? response.statusText}: ${parsed.message ?? (text || response.statusText)}`, exitCodeFor(response.status));
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(`${this.connection.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.connection.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) this.fail(response, text);
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      return undefined as T;
    }
  }
}
