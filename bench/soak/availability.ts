import type { FaultRecord } from './chaos';

/** A worker counts as serving once it has been up this long (started, connected, bundle loaded). */
export const SETTLED_WORKER_MS = 5_000;
const STEP_MS = 100;

interface Interval {
  from: number;
  to: number;
}

/**
 * When Baton could have run a deal's task, read from the soak's fault timeline: some worker up for
 * SETTLED_WORKER_MS and the Temporal server up. A rung that waited while no worker or no server
 * existed waited on the chaos, not on Baton; the rest of its lateness is Baton's.
 */
export class Availability {
  private readonly workers: Interval[] = [];
  private readonly serverDown: Interval[] = [];

  constructor(faults: readonly FaultRecord[], end: number) {
    const up = new Map<string, number>();
    let downSince: number | undefined;
    for (const { at, fault } of faults) {
      const pid = /pid (\d+)/.exec(fault)?.[1];
      if (pid && fault.startsWith('worker up')) up.set(pid, at);
      else if (pid && fault.startsWith('SIGKILL')) {
        this.workers.push({ from: up.get(pid) ?? Number.NEGATIVE_INFINITY, to: at });
        up.delete(pid);
      } else if (fault.startsWith('Temporal server down')) downSince = at;
      else if (fault === 'Temporal server up' && downSince !== undefined) {
        this.serverDown.push({ from: downSince, to: at });
        downSince = undefined;
      }
    }
    for (const from of up.values()) this.workers.push({ from, to: end });
  }

  /** Milliseconds of [from, to) during which Baton could run. */
  servingMs(from: number, to: number): number {
    let serving = 0;
    for (let t = from; t < to; t += STEP_MS) {
      const worker = this.workers.some((w) => w.from + SETTLED_WORKER_MS <= t && t < w.to);
      const server = !this.serverDown.some((d) => d.from <= t && t < d.to);
      if (worker && server) serving += STEP_MS;
    }
    return serving;
  }
}
