import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLifecycle, decide, startLifecycle, type LifecycleEvent, type LifecycleState } from '../../../src/domain/lifecycle';
import { COMPLETED_STATE } from '../../../src/domain/playbook/schema';
import { USER_ACTION_TYPES, type UserAction } from '../../../src/domain/schemas/actions';
import type { Role } from '../../../src/domain/schemas/common';
import type { Team } from '../../../src/domain/schemas/team';
import { playbook, userAction } from './support';

const lifecycle = createLifecycle(playbook);
const ROLES: Role[] = ['AM', 'ARCH', 'ENG', 'DEL', 'PM', 'CSM', 'CSS', 'RM', 'LEAD', 'EXEC'];
const PEOPLE = ['ana@p.example', 'bo@p.example', 'cy@p.example', 'di@p.example'];
const STEP_IDS = playbook.stages.flatMap((s) => s.steps.map((t) => t.id));
const TEMPLATE_IDS = playbook.handoffs.map((h) => h.id);

/** Every legal state value: `{ stage: step }` for a step of that stage, or the final state. */
const LEGAL_VALUES = new Set([COMPLETED_STATE, ...playbook.stages.flatMap((s) => s.steps.map((t) => JSON.stringify({ [s.id]: t.id })))]);

const teamArb: fc.Arbitrary<Team> = fc
  .tuple(...ROLES.map(() => fc.subarray(PEOPLE)))
  .map((people) =>
    Object.fromEntries(
      ROLES.map((role, i): [Role, Array<{ id: string; name: string }>] => [role, (people[i] ?? []).map((id) => ({ id, name: id }))]).filter(([, p]) => p.length > 0),
    ),
  );

const userEventArb: fc.Arbitrary<LifecycleEvent> = fc
  .record({ type: fc.constantFrom(...USER_ACTION_TYPES), actor: fc.constantFrom(...PEOPLE), step: fc.constantFrom(...STEP_IDS, 'no-such-step') })
  .map(({ type, actor, step }) => userAction(type, actor, step));

const systemEventArb: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constantFrom(...TEMPLATE_IDS, 'no-such-handoff').map((templateId) => ({ type: 'handoff.accepted' as const, templateId })),
  fc.constantFrom(...TEMPLATE_IDS).map((templateId) => ({ type: 'handoff.returned' as const, templateId, reason: 'missing data' })),
  fc.constant({ type: 'renewal.due' as const }),
  fc.record({ healthScore: fc.option(fc.double({ min: 1, max: 10, noNaN: true }), { nil: undefined }), utilisation: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) }).map((o) => ({ type: 'health.observed' as const, ...o })),
);

/** An event chosen when it is applied: "complete whatever step the deal is at", so runs get deep. */
type EventAt = (state: LifecycleState) => LifecycleEvent;
const advanceArb: fc.Arbitrary<EventAt> = fc
  .constantFrom(...PEOPLE)
  .map((actor) => (state) => userAction('step.complete', actor, state.context.currentStep ?? 'purchase'));
const eventArb: fc.Arbitrary<EventAt> = fc.oneof(
  { arbitrary: userEventArb.map((e) => () => e), weight: 3 },
  { arbitrary: systemEventArb.map((e) => () => e), weight: 2 },
  { arbitrary: advanceArb, weight: 2 },
);

/**
 * Independent of the RACI module: the actor's roles in the team against the raw RACI cells, and
 * for deadline actions the playbook's escalation managers.
 */
function permittedByRaci(team: Team, action: UserAction): boolean {
  const held = ROLES.filter((role) => (team[role] ?? []).some((p) => p.id === action.actor));
  const rolesIn = (row: Record<string, string>, letters: string[]) => held.filter((role) => (row[role] ?? '').split('/').some((l) => letters.includes(l)));
  // Handoff actions are decided by the handoff workflow: the lifecycle must never accept them.
  if (action.type.startsWith('handoff.')) return false;
  const stepId = action.type === 'step.complete' ? action.step : playbook.actionSteps[action.type as keyof typeof playbook.actionSteps];
  const step = playbook.stages.flatMap((s) => s.steps).find((s) => s.id === stepId);
  const managesEscalations = action.type.startsWith('deadline.') && held.some((role) => playbook.escalation.managers.includes(role));
  return (step !== undefined && rolesIn(step.raci, ['R', 'A']).length > 0) || managesEscalations;
}

const isUserAction = (event: LifecycleEvent): event is UserAction => 'actor' in event;

describe('lifecycle properties over random teams and event sequences', () => {
  it('stays in defined states, explains every refusal and only accepts RACI-permitted user actions', () => {
    let deepest = 0;
    fc.assert(
      fc.property(teamArb, fc.array(eventArb, { minLength: 60, maxLength: 150 }), (team, events) => {
        let state: LifecycleState = startLifecycle(lifecycle, { dealId: 'prop' }).state;
        for (const eventAt of events) {
          const event = eventAt(state);
          const decision = decide(lifecycle, state, event, { team });
          if (!decision.accepted) {
            expect(typeof decision.reason).toBe('string');
            expect(decision.reason.trim().length).toBeGreaterThan(0);
            continue;
          }
          if (isUserAction(event)) expect(permittedByRaci(team, event)).toBe(true);
          expect(decision.effects.length).toBeGreaterThan(0);
          state = decision.state;
          const value = typeof state.value === 'string' ? state.value : JSON.stringify(state.value);
          expect(LEGAL_VALUES.has(value)).toBe(true);
          expect(JSON.parse(JSON.stringify(state))).toEqual(state);
          deepest = Math.max(deepest, state.context.completedSteps.length);
        }
      }),
      { numRuns: 300 },
    );
    // Guards against a generator that never gets far into the lifecycle.
    expect(deepest).toBeGreaterThanOrEqual(8);
  });

  it('refuses every user action from someone with no role on the deal', () => {
    fc.assert(
      fc.property(teamArb, userEventArb, (team, event) => {
        const outsider = { ...event, actor: 'outsider@elsewhere.example' } as LifecycleEvent;
        const decision = decide(lifecycle, startLifecycle(lifecycle, { dealId: 'prop' }).state, outsider, { team });
        expect(decision.accepted).toBe(false);
      }),
    );
  });

  it('moves at most one step per accepted event, never backwards', () => {
    const order = (state: LifecycleState) => (state.context.currentStep === null ? STEP_IDS.length : STEP_IDS.indexOf(state.context.currentStep));
    fc.assert(
      fc.property(teamArb, fc.array(eventArb, { minLength: 30, maxLength: 100 }), (team, events) => {
        let state = startLifecycle(lifecycle, { dealId: 'prop' }).state;
        for (const eventAt of events) {
          const event = eventAt(state);
          const decision = decide(lifecycle, state, event, { team });
          if (!decision.accepted) continue;
          const moved = order(decision.state) - order(state);
          expect(moved === 0 || moved === 1).toBe(true);
          state = decision.state;
        }
      }),
      { numRuns: 200 },
    );
  });
});
