import { deadlineChangeRefusal } from '../../src/domain/deadlines';
import { decide, type Decision } from '../../src/domain/lifecycle';
import type { UserAction } from '../../src/domain/schemas/actions';
import type { DealContext } from './context';

/** The user actions the deal itself answers; handoff actions go to the handoff's workflow. */
export type DealUserAction = Exclude<UserAction, { type: `handoff.${string}` }>;

/**
 * The statechart's and RACI's decision on a user action, refused also when the deal's own
 * records forbid it. Pure: the update's validator and its handler judge the same state.
 */
export function judge(ctx: DealContext, action: DealUserAction): Decision {
  const decision = decide(ctx.lifecycle, ctx.memory.lifecycle, action, { team: ctx.memory.team });
  if (!decision.accepted) return decision;
  const reason = recordsRefusal(ctx, action);
  return reason === undefined ? decision : { accepted: false, reason };
}

/** Why the deal's deadlines or evidence forbid an action the statechart allows, or undefined. */
function recordsRefusal(ctx: DealContext, action: DealUserAction): string | undefined {
  switch (action.type) {
    case 'deadline.extend':
    case 'deadline.pause':
    case 'deadline.resume':
      return deadlineChangeRefusal(ctx.memory.deadlines, action);
    case 'usage.record':
      return ctx.memory.facts.usage.some((e) => e.id === action.evidence.id) ? `usage evidence ${action.evidence.id} is already recorded` : undefined;
    default:
      return undefined;
  }
}
