import type { PersonKey } from '../../api/api-stack';

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers read whatever the API answered
  body: any;
  /** How many requests it took: more than one when an instance was down or answered 5xx. */
  attempts: number;
}

const RETRY_PAUSE_MS = 300;

/**
 * The API instances behind a load balancer that fails over: a request that finds its instance
 * gone (refused, reset) or answering 5xx (Temporal restarting behind it) goes to the next one, until
 * `deadlineMs`. A request may thus reach Baton twice; callers treat "already done" as done.
 */
export class ApiPool {
  private next = 0;
  /** Requests that failed over to another instance or were sent again. */
  retries = 0;

  constructor(
    private readonly urls: string[],
    private readonly secrets: Record<PersonKey, string>,
    private readonly deadlineMs = 60_000,
  ) {}

  async call(who: PersonKey, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const giveUpAt = Date.now() + this.deadlineMs;
    let lastProblem: string;
    for (let attempts = 1; ; attempts++) {
      const url = this.urls[this.next++ % this.urls.length]!;
      try {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.secrets[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        if (response.status < 500) return { status: response.status, body: text ? JSON.parse(text) : undefined, attempts };
        lastProblem = `${response.status} ${text.slice(0, 300)}`;
      } catch (err) {
        lastProblem = `${url}: ${String((err as Error).cause ?? err)}`;
      }
      if (Date.now() > giveUpAt) throw new Error(`${method} ${path} as ${who}: no answer below 500 within ${this.deadlineMs} ms (${attempts} attempts); last: ${lastProblem}`);
      this.retries += 1;
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
  }
}
