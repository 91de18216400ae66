import { parseArgs } from 'node:util';
import { z } from 'zod';

export const usage = `npm run soak -- [--deals N] [--worker-kills N] [--server-restarts N] [--postgres-restarts N]
                     [--sink-outages N] [--targeted N] [--sla ISO] [--max-minutes N] [--late-ms N] [--results DIR]
  --deals N              deal journeys driven through the API (default 60)
  --worker-kills N       worker SIGKILLs, the targeted ones included (default 50)
  --server-restarts N    Temporal server restarts, alternately SIGKILL and SIGTERM (default 3)
  --postgres-restarts N  restarts of Temporal's PostgreSQL (default 1)
  --sink-outages N       times each of the SMTP and claims endpoints is stopped and restarted (default 1)
  --targeted N           deals whose sticky worker is killed ~1 s before their first escalation timer,
                         then queried idle, then updated (default 10; at most --deals)
  --sla ISO              the Sales -> CS handoff window, so its ladder fires during the soak (default PT60S)
  --max-minutes N        hard bound on the whole run (default 30)
  --late-ms N            a rung recorded (its notification scheduled) later than this after its instant is late (default 30000)
  --results DIR          where soak.json goes (default bench/results)`;

const whole = (min: number) => z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`);

const SoakOptions = z
  .object({
    deals: whole(1).default(60),
    workerKills: whole(0).default(50),
    serverRestarts: whole(0).default(3),
    postgresRestarts: whole(0).default(1),
    sinkOutages: whole(0).default(1),
    targeted: whole(0).default(10),
    sla: z.string().regex(/^PT\d+S$/, 'must be a window in seconds, e.g. PT60S').default('PT60S'),
    maxMinutes: whole(1).default(30),
    lateMs: whole(1).default(30_000),
    results: z.string().min(1, 'must not be empty').default('bench/results'),
  })
  .strict()
  .refine((o) => o.targeted <= o.deals, { message: 'must be at most --deals', path: ['targeted'] })
  .refine((o) => o.targeted <= o.workerKills, { message: 'must be at most --worker-kills (each targeted deal costs one kill)', path: ['targeted'] });
export type SoakOptions = z.infer<typeof SoakOptions>;

const flags = ['deals', 'worker-kills', 'server-restarts', 'postgres-restarts', 'sink-outages', 'targeted', 'sla', 'max-minutes', 'late-ms', 'results'] as const;
const camel = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export function parseSoakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({ args: argv, strict: true, options: Object.fromEntries(flags.map((f) => [f, { type: 'string' }])) });
  const result = SoakOptions.safeParse(Object.fromEntries(Object.entries(values).map(([k, v]) => [camel(k), v])));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  --${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`);
    throw new Error(`${lines.join('\n')}\n${usage}`);
  }
  return result.data;
}

export function slaMs(options: SoakOptions): number {
  return Number(options.sla.slice(2, -1)) * 1000;
}
