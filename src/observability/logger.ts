import { pino, type Logger } from 'pino';

/** Structured JSON logs; secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'baton', ...bindings },
    redact: {
      paths: [
        '*.token',
        '*.apiKey',
        '*.password',
        '*.authorization',
        'req.headers.authorization',
        '*.TEMPORAL_API_KEY',
        '*.SMTP_URL',
        '*.BATON_CHAT_WEBHOOK_URL',
        '*.BATON_CLAIMS_TOKEN',
        '*.BATON_CLAIMS_ENDPOINT',
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
