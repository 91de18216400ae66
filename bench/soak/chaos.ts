import type { Client } from '@temporalio/client';
import type { BatonProcess } from '../../src/platform/cluster/baton-process';
import { SETTLED_WORKER_MS } from './availability';
import type { SoakStack } from './soak-stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RESTART_GIVE_UP_MS = 120_000;
/** How long a random crash waits for another worker to settle before it gives this turn up. */
const SURVIVOR_WAIT_MS = 30_000;

/** One fault as it happened, by the soak's clock, so that a late rung can be set beside the faults around it. */
export interface FaultRecord {
  at: number;
  fault: string;
}

export interface ChaosCounts {
  workerKills: number;
  targetedKills: number;
  serverRestarts: number;
  postgresRestarts: number;
  smtpOutages: number;
  claimsOutages: number;
}

/**
 * The faults the soak injects, one owner per process: a worker being killed or restarted is not
 * touched by anyone else until it runs again.
 *
 * A kill never leaves the task queue without a settled worker (one up SETTLED_WORKER_MS): three
 * workers are there so that the loss of one is survived, and a rung that fell due while every
 * worker was dead or still starting measures the chaos, not Baton. Total outages are still
 * injected, as restarts of the Temporal server and of its database, one at a time: a restart
 * begun while another is under way would kill the server before it serves.
 */
export class Chaos {
  readonly counts: ChaosCounts = { workerKills: 0, targetedKills: 0, serverRestarts: 0, postgresRestarts: 0, smtpOutages: 0, claimsOutages: 0 };
  readonly faults: FaultRecord[] = [];
  private readonly down = new Set<BatonProcess>();
  /** Workers a targeted deal is about to kill: random crashes leave them alone meanwhile. */
  private readonly reserved = new Set<BatonProcess>();
  private readonly upSince = new Map<BatonProcess, number>();
  /** The outage under way (a server or database restart); the next one waits for it. */
  private outage: Promise<void> = Promise.resolve();

  constructor(
    private readonly stack: SoakStack,
    private readonly log: (line: string) => void,
  ) {
    for (const worker of stack.topology.workers) {
      this.upSince.set(worker, Date.now());
      this.note(`worker up, pid ${worker.pid}`);
    }
  }

  private note(fault: string, at = Date.now()): void {
    this.faults.push({ at, fault });
  }

  private idleWorkers(): BatonProcess[] {
    return this.stack.topology.workers.filter((w) => w.running && !this.down.has(w) && !this.reserved.has(w));
  }

  /**
   * Whether some worker other than `victim` would still be serving: running, settled, and (for a
   * random crash) not reserved by a targeted deal that is about to kill it.
   */
  private leavesASettledWorker(victim: BatonProcess, targeted: boolean): boolean {
    return this.stack.topology.workers.some((w) => w !== victim && this.settled(w) && (targeted || !this.reserved.has(w)));
  }

  private settled(worker: BatonProcess): boolean {
    const since = this.upSince.get(worker);
    return worker.running && !this.down.has(worker) && since !== undefined && Date.now() - since >= SETTLED_WORKER_MS;
  }

  /** Runs `restart` once the outage before it is over. */
  private oneOutageAtATime(restart: () => Promise<void>): Promise<void> {
    const next = this.outage.then(restart);
    this.outage = next.catch(() => undefined);
    return next;
  }

  /** Keeps random crashes off `worker` until `release` (or a targeted kill of it). */
  reserve(worker: BatonProcess): boolean {
    if (this.down.has(worker) || this.reserved.has(worker) || !worker.running) return false;
    this.reserved.add(worker);
    return true;
  }

  release(worker: BatonProcess): void {
    this.reserved.delete(worker);
  }

  /** SIGKILLs `worker` unless someone else holds it or it is the last settled one; it stays down until `restart`. */
  async kill(worker: BatonProcess, targeted = false): Promise<boolean> {
    if (this.down.has(worker) || !worker.running || !this.leavesASettledWorker(worker, targeted)) return false;
    this.reserved.delete(worker);
    this.down.add(worker);
    const pid = worker.pid;
    await worker.kill();
    this.note(`SIGKILL worker pid ${pid}${targeted ? ' (targeted)' : ''}`);
    this.counts.workerKills += 1;
    if (targeted) this.counts.targetedKills += 1;
    return true;
  }

  /** A fresh process; it may have to wait out a Temporal server restart to connect. */
  async restart(worker: BatonProcess): Promise<void> {
    const giveUpAt = Date.now() + RESTART_GIVE_UP_MS;
    for (;;) {
      try {
        await worker.start();
        break;
      } catch (err) {
        if (Date.now() > giveUpAt) throw err;
        await sleep(1000);
      }
    }
    this.down.delete(worker);
    this.upSince.set(worker, Date.now());
    this.note(`worker up again, pid ${worker.pid}`);
  }

  /**
   * A random settled worker, once another has settled too: SIGKILL, a pause with it gone, then a
   * fresh process. A worker killed as soon as it started would have run nothing but a stolen task,
   * and its sticky queue would hold the deals it took for the sticky timeout. Returns without a
   * kill when none could be taken within SURVIVOR_WAIT_MS.
   */
  async crashRandomWorker(downMs: number): Promise<void> {
    const giveUpAt = Date.now() + SURVIVOR_WAIT_MS;
    let worker: BatonProcess | undefined;
    while (!worker && Date.now() < giveUpAt) {
      const candidates = this.idleWorkers().filter((w) => this.settled(w) && this.leavesASettledWorker(w, false));
      worker = candidates[Math.floor(Math.random() * candidates.length)];
      if (!worker) await sleep(250);
    }
    if (!worker || !(await this.kill(worker))) return;
    await sleep(downMs);
    await this.restart(worker);
  }

  /**
   * The worker that ran the workflow's last task, which holds it in its cache and whose sticky
   * queue the server sends the next task and queries to: the identity in the last
   * WorkflowTaskStarted event is `<pid>@<host>`.
   */
  async stickyWorker(client: Client, workflowId: string): Promise<BatonProcess | undefined> {
    const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
    const started = (events ?? []).filter((e) => e.workflowTaskStartedEventAttributes).pop();
    const pid = Number(started?.workflowTaskStartedEventAttributes?.identity?.split('@')[0]);
    return this.stack.topology.workers.find((w) => w.pid === pid);
  }

  restartServer(signal: NodeJS.Signals): Promise<void> {
    return this.oneOutageAtATime(() => this.restartServerNow(signal));
  }

  restartPostgres(): Promise<void> {
    return this.oneOutageAtATime(() => this.restartPostgresNow());
  }

  private async restartServerNow(signal: NodeJS.Signals): Promise<void> {
    const started = Date.now();
    await this.stack.cluster.server.stop(signal);
    await sleep(1000);
    await this.stack.cluster.server.start();
    this.counts.serverRestarts += 1;
    this.note(`Temporal server down (${signal})`, started);
    this.note('Temporal server up');
    this.log(`Temporal server restarted (${signal}), ${Date.now() - started} ms without it`);
  }

  private async restartPostgresNow(): Promise<void> {
    const started = Date.now();
    await this.stack.cluster.postgres.restart();
    this.counts.postgresRestarts += 1;
    this.note("Temporal's PostgreSQL down", started);
    this.note("Temporal's PostgreSQL up");
    this.log(`PostgreSQL restarted, ${Date.now() - started} ms without it`);
  }

  async smtpOutage(ms: number): Promise<void> {
    this.note('SMTP down');
    await this.stack.sinks.stopSmtp();
    await sleep(ms);
    await this.stack.sinks.startSmtp();
    this.counts.smtpOutages += 1;
    this.note('SMTP up');
    this.log(`SMTP endpoint was down for ${ms} ms`);
  }

  async claimsOutage(ms: number): Promise<void> {
    this.note('claims endpoint down');
    await this.stack.sinks.stopClaims();
    await sleep(ms);
    await this.stack.sinks.startClaims();
    this.counts.claimsOutages += 1;
    this.note('claims endpoint up');
    this.log(`claims endpoint was down for ${ms} ms`);
  }

  /** Every worker running again, for the audit. */
  async heal(): Promise<void> {
    await Promise.all(this.stack.topology.workers.filter((w) => !w.running).map((w) => this.restart(w)));
  }
}
