import { ApplicationFailure } from '@temporalio/workflow';
import { authorizeAction } from '../../src/domain/raci';
import { evidenceProblems } from '../../src/incentives/evidence-vocabulary';
import { REFUSAL, type EvidenceProblem } from '../action-refusal';
import type { ActionResult, HandoffConclusion, HealthObservation, RefusalRecord } from '../deal-messages';
import type { DealContext, DealUserAction } from './context';
import { applyEffects, applySystemEvent } from './effects';
import { attendDue } from './due';
import { factsAfter } from './facts';
import { judge } from './judge';
import type { SearchAttributePublisher } from './search-attributes';
import { record } from './timeline';

/** What the deal's messages do; deal.ts registers each in one line. */

/**
 * An update's validator: a refused action is rejected before anything is written. It is the one
 * authority on an action (the client asks the deal nothing first): the RACI on the deal's current
 * team, the evidence's words against the deal's program, then the lifecycle and the records. The
 * failure's type says which (see REFUSAL). Validators do not run on replay, so this may change.
 */
export function validateAction(ctx: DealContext, action: DealUserAction): void {
  const authorization = authorizeAction(ctx.playbook, ctx.memory.team, action);
  if (!authorization.allowed) throw ApplicationFailure.create({ type: REFUSAL.forbidden, message: authorization.reason, nonRetryable: true });
  if (action.type === 'usage.record') {
    const problems: EvidenceProblem[] = evidenceProblems(action.evidence, ctx.program).map((p) => ({ path: p.path.map(String), rule: p.rule }));
    if (problems.length > 0) {
      throw ApplicationFailure.create({ type: REFUSAL.invalidEvidence, message: problems.map((p) => `evidence.${p.path.join('.')}: ${p.rule}`).join('; '), details: problems, nonRetryable: true });
    }
  }
  const decision = judge(ctx, action);
  if (!decision.accepted) throw ApplicationFailure.create({ type: REFUSAL.refused, message: decision.reason, nonRetryable: true });
}

export function onAction(ctx: DealContext, searchAttributes: SearchAttributePublisher, action: DealUserAction): ActionResult {
  // The validator judged the same state; judging again guards a handler call without it.
  const decision = judge(ctx, action);
  if (!decision.accepted) throw ApplicationFailure.nonRetryable(decision.reason, REFUSAL.refused);
  const answer = { team: ctx.memory.team, timeShiftMs: ctx.memory.timeShiftMs };
  if ('unchanged' in decision) return { entries: [], unchanged: decision.unchanged, ...answer };
  // Judged before the lifecycle moves: a revision's version is the one after the current.
  const facts = ctx.rules.factsByIdentity ? factsAfter(ctx, action) : undefined;
  ctx.memory.lifecycle = decision.state;
  const entries = applyEffects(ctx, decision.effects, action, action.actor, facts);
  searchAttributes.refresh();
  return { entries, ...answer };
}

export function onRefusal(ctx: DealContext, { action, actor, reason }: RefusalRecord): void {
  record(ctx, 'action.refused', { action, reason }, actor);
  ctx.changed = true;
}

export function onHealth(ctx: DealContext, searchAttributes: SearchAttributePublisher, { healthScore, utilisation, renewalRisk, breakdown, source }: HealthObservation): void {
  const previous = healthScore === undefined ? undefined : latestHealthScore(ctx);
  const entries = applySystemEvent(ctx, { type: 'health.observed', healthScore, utilisation, ...(renewalRisk ? { renewalRisk } : {}) });
  if (entries.length > 0) {
    const entry = entries[0]!;
    entry.source = source;
    if (breakdown) entry.breakdown = breakdown;
    // The trend: the change since the last scored observation, to two decimals.
    if (previous !== undefined && healthScore !== undefined) entry.trend = Math.round((healthScore - previous) * 100) / 100;
  }
  searchAttributes.refresh();
}

function latestHealthScore(ctx: DealContext): number | undefined {
  const last = [...ctx.memory.timeline].reverse().find((e) => e.type === 'health.observed' && typeof e.healthScore === 'number');
  return last?.healthScore as number | undefined;
}

/** A handoff's answer, ignored when it is for an instance the deal no longer waits on. */
export function onHandoffConcluded(ctx: DealContext, searchAttributes: SearchAttributePublisher, { templateId, instance, outcome, by, reason }: HandoffConclusion): void {
  const current = ctx.memory.lifecycle.context.handoffs[templateId];
  if (!current || current.instance !== instance) return;
  // A signal can arrive in the activation that also fires a due timer: what fell due first is
  // recorded first, rather than lost to the deadline the answer meets.
  if (ctx.rules.ladderBeforeAnswers) attendDue(ctx, ctx.clock.now());
  applySystemEvent(ctx, outcome === 'accepted' ? { type: 'handoff.accepted', templateId } : { type: 'handoff.returned', templateId, reason: reason ?? '' }, by);
  searchAttributes.refresh();
}
