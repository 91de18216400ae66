/** How Baton reads the answer of an external HTTP sink (claims endpoint, chat webhook). */

export type HttpOutcome = 'success' | 'permanent' | 'retryable';

/**
 * 2xx, and 409 (the sink already holds this Idempotency-Key), mean the sink has the request.
 * Timeouts (408), rate limiting (429) and server errors may pass on retry; any other client
 * error, or a redirect (a misconfigured URL), will not.
 */
export function classifyHttpStatus(status: number): HttpOutcome {
  if ((status >= 200 && status < 300) || status === 409) return 'success';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  return 'permanent';
}

const MAX_KEPT_BODY_CHARS = 4000;

/** The body as JSON when it parses, else as text; cut to a size worth keeping in a receipt. */
export async function readResponseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (text.length <= MAX_KEPT_BODY_CHARS) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return `${text.slice(0, MAX_KEPT_BODY_CHARS)}…`;
}
