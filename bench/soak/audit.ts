import type { Client } from '@temporalio/client';
import { rungAt } from '../../src/domain/deadlines';
import type { Playbook } from '../../src/domain/playbook/schema';
import { formatClaimKey } from '../../src/incentives/claim-key';
import { getDealView, type DealViewWithHandoffs } from '../../src/temporal/deal-client';
import { timestampMs } from '../../src/temporal/timestamp';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { handoffWorkflowId } from '../../workflows/handoff-messages';
import { partner } from '../../test/workflows/fixtures/journeys';
import { SALES_TO_CS_DEADLINE, type SoakJourney } from './journeys';
import type { SoakSinks } from './sinks';

export interface DealAudit {
  dealId: string;
  runs: number;
  /** Its deal or handoff workflow's task keeps failing, or the deal answers no query: why. */
  stuck?: string;
  lost: string[];
  lateRungs: { rung: string; lateMs: number | null; dueAt: number; trail: string[] }[];
  /** How long after its instant each recorded rung's notification was scheduled, in ms. */
  rungLatenessMs: number[];
}

export interface AuditTotals {
  stuck: number;
  lost: number;
  duplicateClaims: number;
  duplicateMails: number;
  lateRungs: number;
  /** The worst lateness of a recorded rung, in ms. */
  maxRungLatenessMs: number;
}

const claimKey = (dealId: string) => formatClaimKey({ partnerId: partner.id, dealId, programId: 'fy2021-lifecycle', programVersion: 1, milestone: 'adopt:success-plan' });
const decoder = new TextDecoder();

/**
 * A workflow is stuck when a task is pending and the last task it ran failed (a nondeterminism
 * error, a throwing handler): the server retries it forever. Server v1.29.1 has no
 * TemporalReportedProblems search attribute, so this reads the description and the history.
 */
async function stuckReason(client: Client, workflowId: string): Promise<string | undefined> {
  const handle = client.workflow.getHandle(workflowId);
  const { raw } = await handle.describe();
  if (!raw.pendingWorkflowTask || Number(raw.pendingWorkflowTask.attempt ?? 1) < 2) return undefined;
  const { events } = await handle.fetchHistory();
  const last = (events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes || e.workflowTaskFailedEventAttributes).pop();
  const failure = last?.workflowTaskFailedEventAttributes?.failure?.message;
  return failure ? `${workflowId}: attempt ${raw.pendingWorkflowTask.attempt}: ${failure.slice(0, 300)}` : undefined;
}

type HistoryEvent = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>[number];
const eventMs = (e: HistoryEvent) => timestampMs(e.eventTime);

/**
 * When each rung's notification was scheduled: the ActivityTaskScheduled event whose input holds
 * the rung's notification key. Event times are the server's, so a rung recorded late (its task
 * waiting behind a blocked loop or a dead worker) shows, whatever instant the timeline stamps.
 */
function scheduledNotifications(events: HistoryEvent[]): { at: number; input: string }[] {
  return events
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyAll')
    .map((e) => ({
      at: eventMs(e),
      input: (e.activityTaskScheduledEventAttributes?.input?.payloads ?? []).map((p) => decoder.decode(p.data ?? new Uint8Array())).join('\n'),
    }));
}

/**
 * What the deal's history holds from 2 s before a late rung's instant until it was scheduled: its
 * workflow tasks (the queue each was put on, the worker that took it, how it ended) and timers,
 * offset from the instant. It says where the time went: a sticky queue whose worker was dead, a
 * task taken by a worker that died with it, a task that ran long.
 */
function taskTrail(events: HistoryEvent[], instant: number, until: number): string[] {
  const offset = (e: HistoryEvent) => `${((eventMs(e) - instant) / 1000).toFixed(1)} s`;
  return events
    .filter((e) => eventMs(e) >= instant - 2_000 && eventMs(e) <= until)
    .flatMap((e) => {
      const a = e.workflowTaskScheduledEventAttributes;
      if (a) return [`${offset(e)} task scheduled on ${a.taskQueue?.kind === 2 ? 'the sticky queue' : 'the queue'} ${a.taskQueue?.name ?? ''} (attempt ${a.attempt ?? 1})`];
      if (e.workflowTaskStartedEventAttributes) return [`${offset(e)} task started by ${e.workflowTaskStartedEventAttributes.identity ?? '?'}`];
      if (e.workflowTaskCompletedEventAttributes) return [`${offset(e)} task completed`];
      if (e.workflowTaskTimedOutEventAttributes) return [`${offset(e)} task timed out (${e.workflowTaskTimedOutEventAttributes.timeoutType === 2 ? 'schedule to start' : 'start to close'})`];
      if (e.workflowTaskFailedEventAttributes) return [`${offset(e)} task failed: ${(e.workflowTaskFailedEventAttributes.failure?.message ?? '').slice(0, 120)}`];
      if (e.timerFiredEventAttributes) return [`${offset(e)} timer fired`];
      if (e.workflowExecutionUpdateAcceptedEventAttributes) return [`${offset(e)} update accepted`];
      return [];
    });
}

/** When the handoff workflow completed (its accept), by the server's clock; undefined while it is open. */
async function acceptedAt(client: Client, handoffId: string): Promise<number | undefined> {
  const { raw } = await client.workflow.getHandle(handoffId).describe();
  const close = raw.workflowExecutionInfo?.closeTime;
  return close ? timestampMs(close) : undefined;
}

/** The Sales -> CS ladder instants a deal must have recorded: rungs and breach due before its accept (with 2 s of margin) or `until`. */
function dueLadder(view: DealViewWithHandoffs, playbook: Playbook, workflowId: string, until: number): { rung: string; instant: number; key: string }[] {
  const deadline = view.deadlines.find((d) => d.id === SALES_TO_CS_DEADLINE);
  if (!deadline) return [];
  const rungs = playbook.escalation.rungs.map((r) => ({ rung: r.id, instant: rungAt(r, deadline), key: `${workflowId}:${deadline.id}:${deadline.dueAt}:${r.id}` }));
  const breach = { rung: 'breach', instant: deadline.dueAt, key: `${workflowId}:${deadline.id}:${deadline.dueAt}:breach` };
  return [...rungs, breach].filter((r) => r.instant < until);
}

export async function auditDeal(client: Client, journey: SoakJourney, sinks: SoakSinks, playbook: Playbook, lateMs: number): Promise<DealAudit> {
  const workflowId = dealWorkflowId(partner.id, journey.dealId);
  const audit: DealAudit = { dealId: journey.dealId, runs: 0, lost: [], lateRungs: [], rungLatenessMs: [] };
  for await (const _run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) audit.runs += 1;
  const acknowledged = journey.record.registrations.length > 0;
  if (audit.runs === 0) {
    if (acknowledged) audit.lost.push('registration acknowledged, no workflow');
    return audit;
  }
  if (audit.runs > 1) audit.lost.push(`registered ${audit.runs} times`);
  const handoffId = handoffWorkflowId(workflowId, 'sales-to-cs', 1);
  for (const id of [workflowId, handoffId]) {
    audit.stuck ??= await stuckReason(client, id).catch(() => undefined);
  }
  if (audit.stuck) return audit;

  let view: DealViewWithHandoffs;
  try {
    view = await getDealView(client, { workflowId });
  } catch (err) {
    // A deal that answers no query (too large, a failing handler) is as good as stuck to its people.
    audit.stuck = `${workflowId}: its query fails: ${String(err).slice(0, 300)}`;
    return audit;
  }
  const types = view.timeline.map((e) => e.type);
  if (journey.record.planAcknowledged && !types.includes('successPlan.submitted')) audit.lost.push('success plan acknowledged, not on the deal');
  if (types.includes('successPlan.submitted') && !sinks.storedClaims.has(claimKey(journey.dealId))) audit.lost.push('claim not at the claims endpoint');

  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const notifications = scheduledNotifications(events);
  const accepted = await acceptedAt(client, handoffId);
  for (const { rung, instant, key } of dueLadder(view, playbook, workflowId, accepted === undefined ? Date.now() : accepted - 2_000)) {
    const scheduled = notifications.find((n) => n.input.includes(key));
    const lateness = scheduled ? scheduled.at - instant : null;
    if (lateness !== null) audit.rungLatenessMs.push(lateness);
    if (lateness === null || lateness > lateMs) audit.lateRungs.push({ rung, lateMs: lateness, dueAt: instant, trail: taskTrail(events, instant, scheduled?.at ?? Date.now()) });
  }
  return audit;
}

export function auditTotals(audits: DealAudit[], sinks: SoakSinks): AuditTotals {
  // A duplicate claim: the endpoint stored two claims for one deal and milestone (under any keys).
  const perMilestone = new Map<string, number>();
  for (const { body } of sinks.storedClaims.values()) {
    const { dealId, milestone } = body as { dealId: string; milestone: string };
    perMilestone.set(`${dealId} ${milestone}`, (perMilestone.get(`${dealId} ${milestone}`) ?? 0) + 1);
  }
  const mailKeys = sinks.mails.map((m) => m.headers.get('x-baton-idempotency-key') ?? '');
  return {
    stuck: audits.filter((a) => a.stuck).length,
    lost: audits.reduce((n, a) => n + a.lost.length, 0),
    duplicateClaims: [...perMilestone.values()].reduce((n, c) => n + c - 1, 0),
    duplicateMails: mailKeys.length - new Set(mailKeys).size,
    lateRungs: audits.reduce((n, a) => n + a.lateRungs.length, 0),
    maxRungLatenessMs: Math.max(0, ...audits.flatMap((a) => a.rungLatenessMs)),
  };
}
