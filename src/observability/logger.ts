import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Structured JSON logs; secrets are redacted wherever they appear in a logged object. Written to
 * stdout unless another destination is given (tests read what was logged).
 */
export function createLogger(level: string, bindings: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'baton', ...bindings },
    redact: {
      paths: [
        '*.token',
        '*.apiKey',
        '*.password',
        '*.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
        '*.cookie',
        '*.TEMPORAL_API_KEY',
        '*.SMTP_URL',
        '*.BATON_CHAT_WEBHOOK_URL',
        '*.BATON_CLAIMS_TOKEN',
        '*.BATON_CLAIMS_ENDPOINT',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
