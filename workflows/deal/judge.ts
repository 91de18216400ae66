import { deadlineChangeRefusal } from '../../src/domain/deadlines';
import { decide, type Decision } from '../../src/domain/lifecycle';
import { authorizeAction } from '../../src/domain/raci';
import type { DealContext, DealUserAction } from './context';
import { correctionRefusal } from './corrections';
import { judgeFact } from './facts';

/** A decision, or an accepted action that changes nothing because its fact is already recorded. */
export type Judgement = Decision | { accepted: true; unchanged: string };

/**
 * The statechart's and RACI's decision on a user action, refused also when the deal's own
 * records forbid it. Pure: the update's validator and its handler judge the same state.
 */
export function judge(ctx: DealContext, action: DealUserAction): Judgement {
  if (ctx.memory.closure) return { accepted: false, reason: correctionRefusal(ctx, action)! };
  const known = ctx.rules.factsByIdentity ? knownFact(ctx, action) : undefined;
  if (known) return known;
  const decision = decide(ctx.lifecycle, ctx.memory.lifecycle, action, { team: ctx.memory.team });
  if (!decision.accepted) return decision;
  const reason = recordsRefusal(ctx, action);
  return reason === undefined ? decision : { accepted: false, reason };
}

/**
 * A fact the deal already holds under this identity (a no-op that says so), or one it refuses
 * (a conflict, a date outside booking..today); undefined when the fact is new. Only the people
 * the action needs may learn either.
 */
function knownFact(ctx: DealContext, action: DealUserAction): Judgement | undefined {
  const judged = judgeFact(ctx, action);
  if (!judged || judged.outcome === 'recorded') return undefined;
  const authorization = authorizeAction(ctx.playbook, ctx.memory.team, action);
  if (!authorization.allowed) return { accepted: false, reason: authorization.reason };
  return judged.outcome === 'duplicate' ? { accepted: true, unchanged: judged.message } : { accepted: false, reason: judged.message };
}

/** Why the deal's deadlines or evidence forbid an action the statechart allows, or undefined. */
function recordsRefusal(ctx: DealContext, action: DealUserAction): string | undefined {
  switch (action.type) {
    case 'deadline.extend':
    case 'deadline.pause':
    case 'deadline.resume':
      return deadlineChangeRefusal(ctx.memory.deadlines, action);
    case 'usage.record':
      // Runs judging facts by identity have said so already.
      return ctx.memory.facts.usage.some((e) => e.id === action.evidence.id) ? `usage evidence ${action.evidence.id} is already recorded` : undefined;
    case 'attestation.record':
      return ctx.rules.factsByIdentity ? undefined : 'this deal was registered before attestations could be recorded on it';
    default:
      return correctionRefusal(ctx, action);
  }
}
