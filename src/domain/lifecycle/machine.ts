import { setup } from 'xstate';
import type { Playbook } from '../playbook/schema';
import { COMPLETED_STATE } from '../playbook/reserved';
import { findStep, stepsInOrder } from '../playbook/queries';
import { consequences, handoffsOnEntry, refusal, startHandoffs } from './rules';
import type { LifecycleContext, LifecycleEffect, LifecycleEvent, LifecycleInput } from './types';

/**
 * The lifecycle statechart built from a playbook: one compound state per stage holding its
 * steps in order, entered at the playbook's entry step, ending in the `completed` final state.
 * `step.complete` moves to the next step when the step's exit criteria (guards) hold; every
 * other event is handled at the root and changes facts only. Effects are `emit` actions that
 * are never executed: the pure `transition()` returns them and `decide` hands them to the
 * workflow.
 */

const MACHINE_ID = 'lifecycle';

function initialContext(playbook: Playbook, input: LifecycleInput): LifecycleContext {
  return {
    dealId: input.dealId,
    playbook: { id: playbook.id, version: playbook.version },
    currentStep: playbook.entryStep,
    completedSteps: [],
    recordedSteps: [],
    handoffs: {},
    successPlanVersion: 0,
    outcomesConfirmed: false,
    usageRecords: 0,
    expansionBookings: 0,
  };
}

function buildMachine(playbook: Playbook) {
  const steps = stepsInOrder(playbook);
  const entry = findStep(playbook, playbook.entryStep);
  if (!entry) throw new Error(`playbook ${playbook.id} has no entry step "${playbook.entryStep}": parse it with parsePlaybook first`);
  const targetAfter = (index: number): string => {
    const next = steps[index + 1];
    return next ? `#${MACHINE_ID}.${next.stage.id}.${next.step.id}` : `#${MACHINE_ID}.${COMPLETED_STATE}`;
  };

  const lifecycle = setup({
    types: {
      context: {} as LifecycleContext,
      events: {} as LifecycleEvent,
      input: {} as LifecycleInput,
    },
    actions: {
      // Never executed: collected from transition() as the workflow's effects.
      emit: (_args, _effect: LifecycleEffect) => undefined,
    },
    guards: {
      /** The facts allow the event (see rules.refusal). */
      allowed: ({ context, event }) => refusal(playbook, context, event) === undefined,
      /** The event completes this step and its exit criteria hold. */
      completes: ({ context, event }, params: { step: string }) =>
        event.type === 'step.complete' && event.step === params.step && refusal(playbook, context, event) === undefined,
    },
  });

  const applyConsequences = lifecycle.enqueueActions(
    ({ context, event, enqueue }) => {
      const { changes, effects } = consequences(playbook, context, event);
      enqueue.assign(changes);
      for (const effect of effects) enqueue({ type: 'emit', params: effect });
    },
  );

  const stepState = (stepId: string, index: number) => ({
    entry: lifecycle.enqueueActions(({ context, enqueue }) => {
      const started = startHandoffs(context, handoffsOnEntry(playbook, stepId));
      enqueue.assign({ currentStep: stepId, handoffs: started.handoffs });
      enqueue({ type: 'emit', params: { type: 'step.entered', step: stepId } });
      for (const effect of started.effects) enqueue({ type: 'emit', params: effect });
    }),
    on: {
      'step.complete': {
        guard: { type: 'completes' as const, params: { step: stepId } },
        target: targetAfter(index),
        actions: [
          lifecycle.assign({ completedSteps: ({ context }: { context: LifecycleContext }) => [...context.completedSteps, stepId] }),
          { type: 'emit' as const, params: ({ event }: { event: LifecycleEvent }) => ({ type: 'step.completed' as const, step: stepId, by: 'actor' in event ? event.actor : '' }) },
        ],
      },
    },
  });

  const rootHandler = { guard: 'allowed' as const, actions: applyConsequences };

  return lifecycle.createMachine({
    id: MACHINE_ID,
    context: ({ input }) => initialContext(playbook, input),
    initial: entry.stage.id,
    on: {
      // Reached when no step state took the event: records optional pre-entry steps, and
      // otherwise refuses (the guard fails with the reason rules.refusal gives).
      'step.complete': rootHandler,
      'successPlan.submit': rootHandler,
      'successPlan.revise': rootHandler,
      'outcomes.record': rootHandler,
      'usage.record': rootHandler,
      'expansion.book': rootHandler,
      'attestation.record': rootHandler,
      'owner.reassign': rootHandler,
      'deadline.extend': rootHandler,
      'deadline.pause': rootHandler,
      'deadline.resume': rootHandler,
      'booking.amend': rootHandler,
      'evidence.retract': rootHandler,
      'claim.withdraw': rootHandler,
      'deal.close': rootHandler,
      'team.add': rootHandler,
      'team.remove': rootHandler,
      'team.handover': rootHandler,
      'handoff.accepted': rootHandler,
      'handoff.returned': rootHandler,
      'renewal.due': rootHandler,
      'health.observed': rootHandler,
    },
    states: {
      ...Object.fromEntries(
        playbook.stages.map((stage) => [
          stage.id,
          {
            initial: stage.id === entry.stage.id ? entry.step.id : stage.steps[0]?.id,
            entry: { type: 'emit' as const, params: { type: 'stage.entered' as const, stage: stage.id } },
            states: Object.fromEntries(
              stage.steps.map((step) => [step.id, stepState(step.id, steps.find((s) => s.step.id === step.id)?.index ?? -1)]),
            ),
          },
        ]),
      ),
      [COMPLETED_STATE]: {
        type: 'final' as const,
        entry: [lifecycle.assign({ currentStep: null }), { type: 'emit' as const, params: { type: 'lifecycle.completed' as const } }],
      },
    },
  });
}

export type LifecycleMachine = ReturnType<typeof buildMachine>;

/** A playbook with its statechart; what the other lifecycle functions take. */
export interface Lifecycle {
  playbook: Playbook;
  machine: LifecycleMachine;
}

// Keyed by the playbook object: a cache by id and version would hand an edited playbook the
// machine of the original.
const built = new WeakMap<Playbook, Lifecycle>();

/** The statechart of a validated playbook (from parsePlaybook), built once per playbook object. */
export function createLifecycle(playbook: Playbook): Lifecycle {
  const cached = built.get(playbook);
  if (cached) return cached;
  const lifecycle = { playbook, machine: buildMachine(playbook) };
  built.set(playbook, lifecycle);
  return lifecycle;
}
