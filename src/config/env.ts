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
  /** Where the embedded dev server's SQLite file and the claims outbox live. */
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
  /** The API tokens file (YAML, SHA-256 hashes only); the shipped one holds the demo tokens, for development. */
  BATON_TOKENS_FILE: z.string().min(1, 'must not be empty').default('config/tokens.dev.yaml'),
  /** Partner profiles, one `<partnerId>.yaml` each: what a deal registered over the API is booked under. */
  BATON_PARTNERS_DIR: z.string().min(1, 'must not be empty').default('config/partners'),
  /** The playbook (YAML) deals registered over the API run; unset: the shipped config/playbooks/default.yaml. */
  BATON_PLAYBOOK_FILE: z.string().min(1, 'must not be empty').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((c) => !c.TEMPORAL_TLS_CERT === !c.TEMPORAL_TLS_KEY, {
  message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together',
  path: ['TEMPORAL_TLS_KEY'],
});
export type EnvConfig = z.infer<typeof EnvConfig>;

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
