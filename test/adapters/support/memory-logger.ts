import { pino, type Logger } from 'pino';

/** A real pino logger whose lines are kept as text, to check what would reach the log. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}
