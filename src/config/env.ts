import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be a port 1-65535')
    .max(65535, 'must be a port 1-65535')
    .default(fallback);

const flag = z
  .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1')
  .default(false);

/** Every setting Baton reads from the environment, with defaults for the embedded single-machine run. */
export const EnvConfig = z.object({
  /** Set to use an existing cluster; unset starts the embedded dev server. */
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1, 'must not be empty').default('default'),
  TEMPORAL_TLS: flag,
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_UI_URL: z.url('must be a URL').optional(),
  /** What this process runs: everything (one machine), or only the worker or the API (production). */
  BATON_ROLE: z.enum(['all', 'worker', 'api'], { message: 'must be all, worker or api' }).default('all'),
  BATON_TASK_QUEUE: z.string().min(1, 'must not be empty').default('baton'),
  BATON_HOST: z.string().min(1).default('127.0.0.1'),
  BATON_HTTP_PORT: port(3000),
  BATON_METRICS_PORT: port(9464),
  BATON_TEMPORAL_PORT: port(7233),
  BATON_TEMPORAL_UI_PORT: port(8233),
  /**
   * Baton's business database, `postgres://user:pass@host:5432/baton`; unset runs an embedded
   * PostgreSQL with its data under BATON_DATA_DIR/postgres. The password is never logged.
   */
  BATON_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL, e.g. postgres://baton:secret@db.example:5432/baton' }).optional(),
  /** Where the embedded dev server's SQLite file, the embedded PostgreSQL and the claims outbox live. */
  BATON_DATA_DIR: z.string().min(1).default('.data'),
  BATON_PUBLIC_URL: z.url('must be a URL').optional(),
  /** A prebuilt workflow bundle (from `bundleBatonWorkflows`); unset bundles at worker start. */
  BATON_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** E-mail notifications: `smtp://user:pass@host:port` or `smtps://…`; unset sends no e-mail. Never logged. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587' }).optional(),
  /** `baton@example.com` or `Baton <baton@example.com>`. */
  BATON_MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]+ <[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, e.g. baton@example.com or "Baton <baton@example.com>"')
    .default('baton@localhost'),
  /** Chat notifications (Slack or Teams incoming webhook); the URL is a secret and never logged. */
  BATON_CHAT_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  BATON_CHAT_WEBHOOK_FORMAT: z.enum(['slack', 'teams'], { message: 'must be slack or teams' }).default('slack'),
  /** Where claims are POSTed; unset writes them to the outbox under BATON_DATA_DIR for portal upload. */
  BATON_CLAIMS_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** Bearer token for BATON_CLAIMS_ENDPOINT. Never logged. */
  BATON_CLAIMS_TOKEN: z.string().optional(),
  /** Token hashes to import (YAML) when the embedded database starts; the shipped file holds the demo tokens. */
  BATON_TOKENS_FILE: z.string().min(1, 'must not be empty').default('config/tokens.dev.yaml'),
  /** Partner profiles (one `<partnerId>.yaml` each), imported into the database at every start. */
  BATON_PARTNERS_DIR: z.string().min(1, 'must not be empty').default('config/partners'),
  /** Playbooks, one `<id>.yaml` each, validated at start: a booking's `playbookId` names one; `default` otherwise. */
  BATON_PLAYBOOKS_DIR: z.string().min(1, 'must not be empty').default('config/playbooks'),
  /**
   * The console offers the tokens file's development people to sign in as, without a token.
   * Unset: on exactly when Baton runs its own embedded dev server (`npm start` on one machine).
   */
  BATON_DEV_LOGIN: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((c) => !c.TEMPORAL_TLS_CERT === !c.TEMPORAL_TLS_KEY, {
  message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together',
  path: ['TEMPORAL_TLS_KEY'],
});
export type EnvConfig = z.infer<typeof EnvConfig>;

/** Whether the console's development sign-in is on (see BATON_DEV_LOGIN). */
export function devLoginEnabled(config: Pick<EnvConfig, 'BATON_DEV_LOGIN' | 'TEMPORAL_ADDRESS'>): boolean {
  return config.BATON_DEV_LOGIN ?? !config.TEMPORAL_ADDRESS;
}

export class ConfigError extends Error {}

/** Parses the environment; a bad value fails with every offending variable and its rule. */
export function loadEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  // Empty strings mean "unset", as in shells that export VAR= .
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvConfig.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
}
