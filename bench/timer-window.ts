import type { Client } from '@temporalio/client';
import type { Playbook } from '../src/domain/playbook/schema';
import { timestampMs } from '../src/temporal/timestamp';
import { writeQuickPlaybook } from '../test/support/quick-playbook';
import { say } from './progress';
import { runPool, summarize, type LatencySummary } from './stats';

/** With --large, or a window without a lead: long enough for 100,000 starts to be caught up with (10,000 took 680 s). */
export const DEFAULT_TIMER_LEAD_MS = 9_000_000;
/** A timer due in the window must have been acted on this soon after its instant (issue 17). */
export const TIMER_BOUND_MS = 60_000;
/** The share of the open workflows that get a timer due in the window: one in this many. */
const TIMED_ONE_IN = 10;
/** The timed playbook's first rung, as a fraction of its Sales -> CS window. */
const FIRST_RUNG_FRACTION = 0.4;
const READ_CONCURRENCY = 20;

export interface TimerWindowOptions {
  /** From the first start until the window opens: long enough for the worker to have caught up. */
  leadMs: number;
  windowMs: number;
}

/** Where the window lies, fixed before the first start. */
export interface TimerWindowPlan {
  startsAt: number;
  endsAt: number;
  /** How many workflows get a timer in it, spread evenly across it. */
  timed: number;
}

export interface TimerWindowResult {
  windowStart: string;
  windowSeconds: number;
  /** Workflows that were given a timer in the window. */
  timedWorkflows: number;
  /** Timers whose instant fell in the window (a deal's first task running late moves its instant). */
  due: number;
  /** Of them, acted on (a workflow task completed after the timer fired) within TIMER_BOUND_MS. */
  withinBound: number;
  /** From each due timer's instant until the workflow task after its firing completed; a timer never acted on counts as the time waited. */
  lateness: LatencySummary & { maxMs: number };
  /** False when the worker was still catching up at the planned opening: the window opened once it had. */
  caughtUpBeforeWindow: boolean;
}

export function planTimerWindow(options: TimerWindowOptions, workflows: number, firstStartAt: number): TimerWindowPlan {
  const startsAt = firstStartAt + options.leadMs;
  return { startsAt, endsAt: startsAt + options.windowMs, timed: Math.ceil(workflows / TIMED_ONE_IN) };
}

/**
 * The instant workflow `i` of the run is to have its timer at, or undefined when it gets none in
 * the window. The timed ones are the first starts: a timer counts from its workflow's first task,
 * and theirs run first, before the worker's backlog of the other starts delays them.
 */
export function timerInstant(plan: TimerWindowPlan, i: number): number | undefined {
  if (i >= plan.timed) return undefined;
  return plan.startsAt + ((i + 0.5) / plan.timed) * (plan.endsAt - plan.startsAt);
}

/**
 * The default playbook with the soak's ladder (rungs at 0.4, 0.6 and 0.8 of the Sales -> CS
 * window); `withFirstRungAt` sets that window so its first rung falls at an instant, counted from
 * the handoff's start (the deal's first task).
 */
export async function timedPlaybook(dir: string): Promise<{ withFirstRungAt: (instant: number, now: number) => Playbook }> {
  const { playbook } = await writeQuickPlaybook(dir, {
    id: 'bench-timers',
    salesToCsSla: 'PT1H',
    rungs: [
      { id: 'remind-responsible', action: 'remind', to: 'R', atFractionOfWindow: FIRST_RUNG_FRACTION },
      { id: 'escalate-accountable', action: 'escalate', to: 'A', atFractionOfWindow: 0.6 },
      { id: 'escalate-lead', action: 'escalate', to: 'LEAD', atFractionOfWindow: 0.8 },
    ],
  });
  return {
    withFirstRungAt: (instant, now) => {
      const sla = `PT${Math.max(1, Math.ceil((instant - now) / FIRST_RUNG_FRACTION / 1000))}S`;
      return { ...playbook, handoffs: playbook.handoffs.map((h) => (h.id === 'sales-to-cs' ? { ...h, sla } : h)) };
    },
  };
}

interface TimerFiring {
  dueAt: number;
  /** When the workflow task that followed the firing completed; undefined while it has not. */
  actedAt?: number;
}

/**
 * Every timer the workflow started, with its instant (the TimerStarted event's time plus its
 * duration, both the server's) and when the workflow acted on its firing. A cancelled timer (a deal
 * re-arms its wake-up when something changes) is no timer due.
 */
async function timerFirings(client: Client, workflowId: string): Promise<TimerFiring[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = new Map<string, number>();
  const firings: TimerFiring[] = [];
  let awaitingTask: TimerFiring[] = [];
  for (const e of events ?? []) {
    const at = timestampMs(e.eventTime);
    if (e.timerStartedEventAttributes) started.set(String(e.eventId), at + timestampMs(e.timerStartedEventAttributes.startToFireTimeout));
    else if (e.timerCanceledEventAttributes) started.delete(String(e.timerCanceledEventAttributes.startedEventId));
    else if (e.timerFiredEventAttributes) {
      const key = String(e.timerFiredEventAttributes.startedEventId);
      const dueAt = started.get(key);
      started.delete(key);
      if (dueAt === undefined) continue;
      const firing: TimerFiring = { dueAt };
      firings.push(firing);
      awaitingTask.push(firing);
    } else if (e.workflowTaskCompletedEventAttributes) {
      for (const firing of awaitingTask) firing.actedAt = at;
      awaitingTask = [];
    }
  }
  // Started and neither fired nor cancelled: due, and not acted on, once its instant has passed.
  for (const dueAt of started.values()) firings.push({ dueAt });
  return firings;
}

/**
 * Waits out the window, then reads every timed workflow's history: each timer due in the window,
 * and how late it was acted on. A workflow with a due timer not yet acted on is read again until
 * TIMER_BOUND_MS after the window, so that a timer counts as late only once it is.
 *
 * A timer's instant counts from its workflow's first task, which runs as late as the worker's
 * catch-up leaves it: the instants spread past the planned window by that much. So the window
 * measured opens at the planned instant or once the worker had caught up, whichever is later, and
 * lasts as long as planned; the timers due while it was catching up are that figure's business.
 */
export async function measureTimerWindow(client: Client, planned: TimerWindowPlan, workflowIds: string[], caughtUpAt: number): Promise<TimerWindowResult> {
  const startsAt = Math.max(planned.startsAt, caughtUpAt);
  const plan = { ...planned, startsAt, endsAt: startsAt + (planned.endsAt - planned.startsAt) };
  const inWindow = (f: TimerFiring) => f.dueAt >= plan.startsAt && f.dueAt < plan.endsAt;
  say(`timer window: ${workflowIds.length} timed workflows, due from ${new Date(plan.startsAt).toISOString()} for ${(plan.endsAt - plan.startsAt) / 1000} s`);
  await new Promise((r) => setTimeout(r, Math.max(0, plan.endsAt - Date.now())));
  const firings = new Map<string, TimerFiring[]>();
  let toRead = workflowIds;
  const giveUpAt = plan.endsAt + TIMER_BOUND_MS;
  for (;;) {
    await runPool(toRead.length, READ_CONCURRENCY, async (i) => {
      firings.set(toRead[i]!, (await timerFirings(client, toRead[i]!)).filter(inWindow));
    });
    toRead = [...firings].filter(([, fs]) => fs.some((f) => f.actedAt === undefined)).map(([id]) => id);
    if (toRead.length === 0 || Date.now() >= giveUpAt) break;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const readAt = Date.now();
  const lateness = [...firings.values()].flat().map((f) => (f.actedAt ?? readAt) - f.dueAt);
  const summary = summarize(lateness);
  return {
    windowStart: new Date(plan.startsAt).toISOString(),
    windowSeconds: (plan.endsAt - plan.startsAt) / 1000,
    timedWorkflows: workflowIds.length,
    due: lateness.length,
    withinBound: [...firings.values()].flat().filter((f) => f.actedAt !== undefined && f.actedAt - f.dueAt <= TIMER_BOUND_MS).length,
    lateness: { ...summary, maxMs: lateness.length === 0 ? Number.NaN : Math.max(...lateness) },
    caughtUpBeforeWindow: caughtUpAt <= planned.startsAt,
  };
}
