/**
 * Calls `attempt` the way Temporal retries an activity: again after any error not marked
 * `nonRetryable`, up to `maxAttempts`. Returns the result and the errors of failed attempts.
 */
export async function retryLikeTemporal<T>(attempt: () => Promise<T>, maxAttempts = 5): Promise<{ result: T; failures: Error[] }> {
  const failures: Error[] = [];
  for (;;) {
    try {
      return { result: await attempt(), failures };
    } catch (err) {
      failures.push(err as Error);
      if ((err as { nonRetryable?: boolean }).nonRetryable === true || failures.length >= maxAttempts) throw err;
    }
  }
}
