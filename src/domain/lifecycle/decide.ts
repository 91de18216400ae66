import { initialTransition, transition } from 'xstate';
import type { Team } from '../schemas/team';
import type { UserAction } from '../schemas/actions';
import { USER_ACTION_TYPES } from '../schemas/action-types';
import { findStep } from '../playbook/queries';
import { authorizeAction, rolesOf } from '../raci';
import type { Lifecycle } from './machine';
import { refusal } from './rules';
import { SYSTEM_EVENT_TYPES, type Decision, type LifecycleEffect, type LifecycleEvent, type LifecycleInput, type LifecycleState, type LifecycleStateValue } from './types';

/** Who is asking: the deal's current team, and the authenticated person when the caller knows it. */
export interface DecisionContext {
  team: Team;
  /** When given, must be the action's `actor` (guards against a payload naming someone else). */
  actor?: string;
}

type MachineSnapshot = ReturnType<Lifecycle['machine']['resolveState']>;

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): LifecycleEffect[] {
  return actions.filter((a) => a.type === 'emit').map((a) => a.params as LifecycleEffect);
}

function toState(snapshot: MachineSnapshot): LifecycleState {
  return { value: snapshot.value as LifecycleStateValue, context: snapshot.context };
}

/** The state a deal starts in (at the playbook's entry step) and the effects of entering it. */
export function startLifecycle(lifecycle: Lifecycle, input: LifecycleInput): { state: LifecycleState; effects: LifecycleEffect[] } {
  const [snapshot, actions] = initialTransition(lifecycle.machine, input);
  return { state: toState(snapshot), effects: effectsOf(actions) };
}

const isSystemEvent = (event: LifecycleEvent): boolean => (SYSTEM_EVENT_TYPES as readonly string[]).includes(event.type);
const isUserAction = (event: LifecycleEvent): event is UserAction => (USER_ACTION_TYPES as readonly string[]).includes(event.type);

/** Refusals that need the team: who acts, and whether a reassignment names real team members. */
function actorRefusal(lifecycle: Lifecycle, action: UserAction, { team, actor }: DecisionContext): string | undefined {
  if (actor !== undefined && actor.toLowerCase() !== action.actor.toLowerCase()) {
    return `the action names ${action.actor} as actor but was sent by ${actor}`;
  }
  const authorization = authorizeAction(lifecycle.playbook, team, action);
  if (!authorization.allowed) return authorization.reason;
  return teamChangeRefusal(team, action);
}

/** Whether a change of the team names people who hold (or do not yet hold) the roles it moves. */
function teamChangeRefusal(team: Team, action: UserAction): string | undefined {
  switch (action.type) {
    case 'owner.reassign':
      if (!rolesOf(team, action.from).includes(action.role)) return `${action.from} is not ${action.role} on this deal`;
      return rolesOf(team, action.to.id).includes(action.role) ? `${action.to.id} is already ${action.role} on this deal` : undefined;
    case 'team.add':
      return rolesOf(team, action.person.id).includes(action.role) ? `${action.person.id} is already ${action.role} on this deal` : undefined;
    case 'team.remove': {
      if (!rolesOf(team, action.personId).includes(action.role)) return `${action.personId} is not ${action.role} on this deal`;
      // A deal always has an Account Manager: they answer for the booking.
      const last = action.role === 'AM' && (team.AM ?? []).length === 1;
      return last ? `${action.personId} is the deal's only AM: add another AM first, or hand the deal over` : undefined;
    }
    case 'team.handover':
      if (action.from.toLowerCase() === action.to.id.toLowerCase()) return `${action.from} cannot hand over to themselves`;
      return rolesOf(team, action.from).length === 0 ? `${action.from} holds no role on this deal` : undefined;
    default:
      return undefined;
  }
}

/**
 * Applies one event to a deal's lifecycle state. User actions are checked against the RACI
 * (the acting person must be R or A of the step the action belongs to), then against the
 * facts; a refusal always says why. An accepted event returns the next state and at least one
 * effect.
 */
export function decide(lifecycle: Lifecycle, state: LifecycleState, event: LifecycleEvent, context: DecisionContext): Decision {
  const { playbook, machine } = lifecycle;
  const { id, version } = state.context.playbook;
  if (id !== playbook.id || version !== playbook.version) {
    return { accepted: false, reason: `the deal follows playbook ${id} v${version}, not ${playbook.id} v${playbook.version}` };
  }
  if (!isSystemEvent(event) && !isUserAction(event)) return { accepted: false, reason: `unknown event type "${String(event.type)}"` };
  if (isUserAction(event)) {
    const why = actorRefusal(lifecycle, event, context);
    if (why) return { accepted: false, reason: why };
  }
  const why = refusal(playbook, state.context, event);
  if (why) return { accepted: false, reason: why };

  const [next, actions] = transition(machine, machine.resolveState(state), event);
  const effects = effectsOf(actions);
  // The rules and the machine's guards are the same functions, so this only catches an event
  // type the machine does not handle at all.
  if (effects.length === 0) return { accepted: false, reason: `${event.type} is not an event the lifecycle handles` };
  return { accepted: true, state: toState(next), effects };
}

export interface StateDescription {
  stage: { id: string; name: string } | null;
  step: { id: string; name: string } | null;
  completed: boolean;
}

/** Human labels of where the deal is. */
export function describeState(lifecycle: Lifecycle, state: LifecycleState): StateDescription {
  const current = state.context.currentStep === null ? undefined : findStep(lifecycle.playbook, state.context.currentStep);
  if (!current) return { stage: null, step: null, completed: true };
  return {
    stage: { id: current.stage.id, name: current.stage.name },
    step: { id: current.step.id, name: current.step.name },
    completed: false,
  };
}
