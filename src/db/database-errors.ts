/**
 * What a failed database call means for a caller. PostgreSQL reports SQLSTATE codes (class 08:
 * connection exceptions, 57P0x: the server shutting down or starting, 53300: too many
 * connections, class 23: integrity constraints); node-postgres reports network errors by errno
 * and a few by message only.
 */
export type DatabaseFailure = { kind: 'unavailable'; reason: string } | { kind: 'constraint'; constraint: string; reason: string };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i];

export function classifyDatabaseError(err: unknown): DatabaseFailure | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, constraint } = err as { code?: string; constraint?: string };
  if (typeof code === 'string') {
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300' || NETWORK_CODES.has(code)) return { kind: 'unavailable', reason: err.message };
    if (code.startsWith('23')) return { kind: 'constraint', constraint: constraint ?? code, reason: err.message };
  }
  if (err instanceof AggregateError) return err.errors.map(classifyDatabaseError).find(Boolean);
  if (UNAVAILABLE_MESSAGES.some((m) => m.test(err.message))) return { kind: 'unavailable', reason: err.message };
  return undefined;
}
