import type { Playbook } from '../domain/playbook/schema';
import type { DealRunsUnder, DealViewWithHandoffs } from '../temporal/deal-client';
import type { DeadlineView } from '../../workflows/deal-messages';
import { presentClaim } from './claim-presenter';
import type { HistoryLinks } from './history-links';
import type { DealDetail } from './schemas/deal';
import { presentTimelineEntry, teamNames } from './timeline-presenter';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One deadline's ladder as the workflow fires it (its view holds the steps, from
 * src/domain/deadlines.ts), with whom each rung reaches under the deal's playbook.
 */
function ladderView(playbook: Playbook, deadline: DeadlineView): DealDetail['deadlines'][number]['ladder'] {
  const { escalation } = playbook;
  return deadline.ladder.map((step) => ({
    id: step.id,
    action: step.action,
    to: step.action === 'breach' ? [...escalation.breach.to] : escalation.rungs.filter((r) => r.id === step.id).map((r) => r.to),
    at: step.at,
    fired: step.fired,
    ...(step.beforeEntry ? { beforeEntry: true as const } : {}),
  }));
}

/** A deal's view as `GET /deals/{dealId}` answers it. */
export function presentDeal(view: DealViewWithHandoffs, playbook: Playbook, run: { workflowId: string; runId: string }, links: HistoryLinks, runsUnder: DealRunsUnder): DealDetail {
  const names = teamNames(view.team);
  const deadlineById = new Map(view.deadlines.map((d) => [d.id, d]));
  return {
    dealId: view.dealId,
    partnerId: view.partnerId,
    workflowId: run.workflowId,
    runId: run.runId,
    ...(links.current ? { historyUrl: links.current } : {}),
    stage: view.position.stage,
    step: view.position.step,
    completed: view.position.completed,
    playbook: runsUnder.playbook ?? null,
    program: runsUnder.program,
    team: Object.fromEntries(Object.entries(view.team).map(([role, people]) => [role, (people ?? []).map((p) => ({ id: p.id, name: p.name }))])),
    openHandoffs: view.openHandoffs.map((h) => {
      const deadline = deadlineById.get(h.deadlineId);
      return {
        templateId: h.templateId,
        instance: h.instance,
        name: h.name,
        status: h.status,
        startedAt: h.startedAt,
        workflowId: h.workflowId,
        ...(deadline ? { dueAt: iso(deadline.dueAt), timeLeftMs: deadline.timeLeftMs } : {}),
      };
    }),
    deadlines: view.deadlines.map((d) => ({
      id: d.id,
      kind: d.kind,
      label: d.label,
      status: d.status,
      dueOn: d.dueOn,
      dueAt: iso(d.dueAt),
      timeLeftMs: d.timeLeftMs,
      ...(d.paused ? { paused: { at: iso(d.paused.at), by: d.paused.by, reason: d.paused.reason } } : {}),
      extensions: d.extensions,
      ladder: ladderView(playbook, d),
    })),
    escalations: view.escalations.map((e) => presentTimelineEntry(e, names, links)),
    claims: view.claims.map((c) => presentClaim(c.claim, c.receipt)),
    ineligibleClaims: view.ineligibleClaims,
    ...(view.closure ? { closure: view.closure } : {}),
    now: view.now,
  };
}
