/**
 * `npm run soak`: deal journeys through the API of the cluster topology while workers are
 * SIGKILLed (some at the stuck-deal timing), the Temporal server and its PostgreSQL are
 * restarted and the SMTP and claims endpoints go down; then every deal is audited. Prints one
 * line, writes the same as JSON, and exits non-zero when anything was stuck, lost, duplicated or late.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { auditDeal, auditTotals, type DealAudit } from './audit';
import { Availability } from './availability';
import { Chaos } from './chaos';
import { planJourneys, runJourney } from './journeys';
import { queryLoad, type LoadCounts } from './load';
import { parseSoakOptions, slaMs, type SoakOptions } from './options';
import { startSoakStack, type SoakStack } from './soak-stack';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const log = (line: string) => console.log(`[soak] ${line}`);
/**
 * Deals start this far apart, so that faults meet journeys at every stage. It also spreads the
 * faults: at 50 kills over 60 deals' window, one comes every ~6 s, so a killed worker is back and
 * settled before the next (on 2 cores, a worker's boot takes most of one of them).
 */
const DEAL_SPACING_MS = 4_000;
const WORKER_DOWN_MS = { min: 200, max: 2_000 };
const SINK_OUTAGE_MS = 20_000;
/** After the faults: how long deals get to finish what was acknowledged (a claim caught by a kill waits out its activity timeout). */
const SETTLE_MS = 180_000;

let options: SoakOptions;
try {
  options = parseSoakOptions(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const started = Date.now();
const hardStopAt = started + options.maxMinutes * 60_000;
const timeLeft = () => hardStopAt - Date.now();
const stack: SoakStack = await startSoakStack({ sla: options.sla, log });
let stopping = false;
process.on('SIGINT', () => {
  if (stopping) return;
  stopping = true;
  log('interrupted: stopping the stack');
  void stack.stop().finally(() => process.exit(130));
});

const chaos = new Chaos(stack, log);
const journeys = planJourneys(options.deals, options.targeted, Date.now().toString(36));
const begun: string[] = [];
const load: LoadCounts = { queries: 0, unanswered: 0, scrapes: 0 };
const loadStop = { done: false };
const loaders = [1, 2, 3].map(() => queryLoad(stack.api, () => begun, loadStop, load, stack.topology.apis.map((a) => a.url)));

const journeysDone = Promise.all(
  journeys.map(async (journey, i) => {
    await sleep(i * DEAL_SPACING_MS);
    begun.push(journey.dealId);
    await runJourney(stack.client, stack.api, chaos, stack.playbook, journey);
  }),
);

/** The planned faults in one shuffled order, spread over the journeys' window; kills topped up at the end. */
function faultPlan(): (() => Promise<void>)[] {
  const between = () => WORKER_DOWN_MS.min + Math.random() * (WORKER_DOWN_MS.max - WORKER_DOWN_MS.min);
  const events: (() => Promise<void>)[] = [
    ...Array.from({ length: Math.max(0, options.workerKills - options.targeted) }, () => () => chaos.crashRandomWorker(between())),
    ...Array.from({ length: options.serverRestarts }, (_, i) => () => chaos.restartServer(i % 2 === 0 ? 'SIGKILL' : 'SIGTERM')),
    ...Array.from({ length: options.postgresRestarts }, () => () => chaos.restartPostgres()),
    ...Array.from({ length: options.sinkOutages }, () => () => chaos.smtpOutage(SINK_OUTAGE_MS)),
    ...Array.from({ length: options.sinkOutages }, () => () => chaos.claimsOutage(SINK_OUTAGE_MS)),
  ];
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return events;
}

async function runFaults(): Promise<void> {
  const plan = faultPlan();
  const window = options.deals * DEAL_SPACING_MS + slaMs(options);
  const interval = window / Math.max(1, plan.length);
  const running: Promise<void>[] = [];
  for (const fault of plan) {
    if (timeLeft() < SETTLE_MS) break;
    await sleep(interval);
    running.push(fault().catch((err: unknown) => log(`fault failed: ${String(err)}`)));
  }
  await Promise.all(running);
  // Targeted kills that found their worker already down are made up with random ones.
  while (chaos.counts.workerKills < options.workerKills && timeLeft() > SETTLE_MS) await chaos.crashRandomWorker(WORKER_DOWN_MS.max);
}

const faults = runFaults();
await Promise.race([Promise.all([journeysDone, faults]), sleep(timeLeft() - SETTLE_MS)]);
loadStop.done = true;
await Promise.all(loaders);
await chaos.heal();
log(`faults done: ${JSON.stringify(chaos.counts)}; settling`);

// Every acknowledged plan's claim at the endpoint, and every unaccepted deal past its breach.
const settleUntil = Math.min(hardStopAt, Date.now() + SETTLE_MS);
const lastBreach = Date.now() + slaMs(options) + 5_000;
while (Date.now() < settleUntil) {
  const claimsIn = journeys.filter((j) => j.record.planAcknowledged).length <= stack.sinks.storedClaims.size;
  if (claimsIn && Date.now() > lastBreach) break;
  await sleep(1_000);
}

const audits: DealAudit[] = [];
for (const journey of journeys) audits.push(await auditDeal(stack.client, journey, stack.sinks, stack.playbook, options.lateMs));
const totals = auditTotals(audits, stack.sinks);
const availability = new Availability(chaos.faults, Date.now());
/** Of each late rung's lateness, the part Baton could have run it (a settled worker, the server up). */
const servedLateness = (r: { dueAt: number; lateMs: number | null }): number => availability.servingMs(r.dueAt, r.dueAt + (r.lateMs ?? Date.now() - r.dueAt));
const lateRungs = audits.flatMap((a) => a.lateRungs);
const maxServedLatenessMs = Math.max(0, ...lateRungs.map(servedLateness));

const c = chaos.counts;
const seconds = Math.round((Date.now() - started) / 1000);
const line =
  `soak: ${journeys.length} deals, ${c.workerKills} worker kills (${c.targetedKills} targeted), ${c.serverRestarts} server restarts, ` +
  `${c.postgresRestarts} postgres restarts, ${c.smtpOutages} SMTP and ${c.claimsOutages} claims outages, ${load.queries} queries; ` +
  `${totals.stuck} stuck, ${totals.lost} lost, ${totals.duplicateClaims} duplicate claims, ${totals.lateRungs} late rungs ` +
  `(max ${totals.maxRungLatenessMs} ms, of it at most ${maxServedLatenessMs} ms with a worker settled and the server up), ${totals.duplicateMails} duplicate mails; ${seconds} s`;

/** The faults from 15 s before a late rung was due until it was scheduled: what held it up. */
function faultsAround(rung: { dueAt: number; lateMs: number | null }): string[] {
  const until = rung.dueAt + (rung.lateMs ?? Date.now() - rung.dueAt);
  return chaos.faults.filter((f) => f.at >= rung.dueAt - 15_000 && f.at <= until).map((f) => `${f.at - rung.dueAt >= 0 ? '+' : ''}${f.at - rung.dueAt} ms ${f.fault}`);
}

const report = {
  deals: journeys.length,
  kills: c.workerKills,
  targetedKills: c.targetedKills,
  restarts: { temporalServer: c.serverRestarts, postgres: c.postgresRestarts, smtpOutages: c.smtpOutages, claimsOutages: c.claimsOutages },
  ...totals,
  maxServedLatenessMs,
  queries: load,
  claimPosts: stack.sinks.claimRequests.length,
  storedClaims: stack.sinks.storedClaims.size,
  mails: stack.sinks.mails.length,
  seconds,
  options,
  journeys: journeys.map((j) => ({ dealId: j.dealId, accept: j.accept, targeted: j.targeted, actions: j.record.actions, planAcknowledged: j.record.planAcknowledged, failure: j.failure, targetedOutcome: j.targetedOutcome })),
  problems: audits.filter((a) => a.stuck || a.lost.length > 0 || a.lateRungs.length > 0).map((a) => ({ ...a, lateRungs: a.lateRungs.map((r) => ({ ...r, dueAt: new Date(r.dueAt).toISOString(), servedLatenessMs: servedLateness(r), faultsAround: faultsAround(r) })) })),
  faults: chaos.faults.map((f) => ({ at: new Date(f.at).toISOString(), fault: f.fault })),
  duplicateMailKeys: stack.sinks.mails.map((m) => m.headers.get('x-baton-idempotency-key')).filter((k, i, all) => all.indexOf(k) !== i),
  line,
};
await mkdir(resolve(options.results), { recursive: true });
const out = join(resolve(options.results), 'soak.json');
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
stopping = true;
await stack.stop();
console.log(`(details in ${out})`);
console.log(line);
process.exit(totals.stuck + totals.lost + totals.duplicateClaims + totals.lateRungs > 0 ? 1 : 0);

