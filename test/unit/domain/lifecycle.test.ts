import { describe, expect, it } from 'vitest';
import {
  createLifecycle,
  decide,
  describeState,
  mermaidDiagram,
  renewalDueOn,
  startLifecycle,
  type LifecycleEffect,
  type LifecycleEvent,
  type LifecycleState,
} from '../../../src/domain/lifecycle';
import { parsePlaybook } from '../../../src/domain/playbook/parse';
import type { Team } from '../../../src/domain/schemas/team';
import { defaultPlaybookInput, fullTeam, person, playbook, userAction } from './support';

const lifecycle = createLifecycle(playbook);
const id = (role: string) => person(role).id;

/** Applies events in order, failing the test on the first refusal. */
function run(state: LifecycleState, events: LifecycleEvent[], team: Team = fullTeam): { state: LifecycleState; effects: LifecycleEffect[] } {
  const effects: LifecycleEffect[] = [];
  for (const event of events) {
    const decision = decide(lifecycle, state, event, { team });
    if (!decision.accepted) throw new Error(`${event.type} refused: ${decision.reason}`);
    state = decision.state;
    effects.push(...decision.effects);
  }
  return { state, effects };
}

function refusalOf(state: LifecycleState, event: LifecycleEvent, team: Team = fullTeam): string {
  const decision = decide(lifecycle, state, event, { team });
  if (decision.accepted) throw new Error(`${event.type} was accepted`);
  return decision.reason;
}

const complete = (step: string, role: string) => userAction('step.complete', id(role), step);
const started = () => startLifecycle(lifecycle, { dealId: 'deal-1' });

/** Every event needed to walk a deal from Purchase to the end, with the right people. */
const wholeLifecycle: LifecycleEvent[] = [
  complete('purchase', 'AM'),
  complete('implement', 'ENG'),
  { type: 'handoff.accepted', templateId: 'sales-to-cs' },
  userAction('successPlan.submit', id('CSM')),
  complete('onboard', 'DEL'),
  userAction('usage.record', id('CSS')),
  complete('use', 'CSM'),
  complete('engage', 'CSM'),
  userAction('outcomes.record', id('CSM')),
  complete('adopt', 'AM'),
  complete('optimize', 'ENG'),
  { type: 'renewal.due' },
  { type: 'handoff.accepted', templateId: 'cs-to-renewals' },
  complete('renew', 'RM'),
  complete('recommend', 'CSS'),
  complete('advocate', 'CSM'),
  userAction('expansion.book', id('RM')),
  complete('expand', 'ARCH'),
];

describe('starting a deal', () => {
  it('enters at Purchase and starts the sales-to-cs handoff', () => {
    const { state, effects } = started();
    expect(state.value).toEqual({ land: 'purchase' });
    expect(effects).toEqual([
      { type: 'stage.entered', stage: 'land' },
      { type: 'step.entered', step: 'purchase' },
      { type: 'handoff.start', templateId: 'sales-to-cs', instance: 1, trigger: 'step-entered' },
    ]);
    expect(describeState(lifecycle, state)).toEqual({ stage: { id: 'land', name: 'Land' }, step: { id: 'purchase', name: 'Purchase' }, completed: false });
  });
});

describe('walking the lifecycle', () => {
  it('reaches the end through every step, in order', () => {
    const { state, effects } = run(started().state, wholeLifecycle);
    expect(state.value).toBe('completed');
    expect(state.context.completedSteps).toEqual(['purchase', 'implement', 'onboard', 'use', 'engage', 'adopt', 'optimize', 'renew', 'recommend', 'advocate', 'expand']);
    expect(effects.filter((e) => e.type === 'stage.entered').map((e) => (e as { stage: string }).stage)).toEqual(['onboard', 'adopt', 'renew', 'expand']);
    expect(effects.at(-1)).toEqual({ type: 'lifecycle.completed' });
    expect(describeState(lifecycle, state)).toEqual({ stage: null, step: null, completed: true });
  });

  it('moves across a stage with completed, stage and step effects in that order', () => {
    const decision = decide(lifecycle, started().state, complete('purchase', 'AM'), { team: fullTeam });
    expect(decision).toEqual({
      accepted: true,
      state: expect.objectContaining({ value: { onboard: 'implement' } }),
      effects: [
        { type: 'step.completed', step: 'purchase', by: id('AM') },
        { type: 'stage.entered', stage: 'onboard' },
        { type: 'step.entered', step: 'implement' },
      ],
    });
  });

  it('survives a JSON round trip at every step (continue-as-new)', () => {
    let state = started().state;
    for (const event of wholeLifecycle) {
      const revived = JSON.parse(JSON.stringify(state)) as LifecycleState;
      const direct = decide(lifecycle, state, event, { team: fullTeam });
      const viaJson = decide(lifecycle, revived, event, { team: fullTeam });
      expect(viaJson).toEqual(direct);
      if (!direct.accepted) throw new Error(direct.reason);
      state = direct.state;
    }
  });

  it('refuses anything once complete', () => {
    const { state } = run(started().state, wholeLifecycle);
    expect(refusalOf(state, userAction('usage.record', id('CSM')))).toBe('the lifecycle is complete: usage.record no longer applies');
  });
});

describe('exit criteria', () => {
  const atOnboard = () => run(started().state, [complete('purchase', 'AM'), complete('implement', 'ENG')]).state;

  it('Onboard cannot complete before the sales-to-cs handoff is accepted and a plan is submitted', () => {
    expect(refusalOf(atOnboard(), complete('onboard', 'CSM'))).toBe(
      'Onboard cannot complete: the sales-to-cs handoff has not been accepted; no success plan has been submitted',
    );
    const accepted = run(atOnboard(), [{ type: 'handoff.accepted', templateId: 'sales-to-cs' }]).state;
    expect(refusalOf(accepted, complete('onboard', 'CSM'))).toBe('Onboard cannot complete: no success plan has been submitted');
  });

  it('a returned handoff is still not accepted', () => {
    const returned = run(atOnboard(), [{ type: 'handoff.returned', templateId: 'sales-to-cs', reason: 'contract missing' }, userAction('successPlan.submit', id('CSM'))]).state;
    expect(returned.context.handoffs['sales-to-cs']).toEqual({ status: 'returned', instance: 1 });
    expect(refusalOf(returned, complete('onboard', 'CSM'))).toBe('Onboard cannot complete: the sales-to-cs handoff has not been accepted');
    expect(run(returned, [{ type: 'handoff.accepted', templateId: 'sales-to-cs' }]).state.context.handoffs['sales-to-cs']!.status).toBe('accepted');
  });

  // Indices into wholeLifecycle: the state just before usage.record (5), outcomes.record (8), expansion.book (16).
  const upTo = (count: number) => run(started().state, wholeLifecycle.slice(0, count)).state;

  it('Use needs usage evidence, Adopt confirmed outcomes, Expand a booking', () => {
    expect(refusalOf(upTo(5), complete('use', 'CSM'))).toBe('Use cannot complete: no usage evidence has been recorded');
    expect(refusalOf(upTo(8), complete('adopt', 'CSM'))).toBe('Adopt cannot complete: no business outcomes confirmed by the customer have been recorded');
    expect(refusalOf(upTo(16), complete('expand', 'AM'))).toBe('Expand cannot complete: no expansion has been booked');
  });

  it('Renew waits for the cs-to-renewals handoff', () => {
    const atRenew = upTo(11);
    expect(atRenew.context.currentStep).toBe('renew');
    expect(refusalOf(atRenew, complete('renew', 'RM'))).toBe('Renew cannot complete: the cs-to-renewals handoff has not been accepted');
  });
});

describe('refusals always say why', () => {
  const state = started().state;

  it('not Responsible or Accountable', () => {
    expect(refusalOf(state, complete('purchase', 'CSM'))).toBe('csm@partner.example is not Responsible or Accountable for step Purchase (needs AM)');
    expect(refusalOf(state, userAction('expansion.book', id('CSM')))).toBe('csm@partner.example is not Responsible or Accountable for step Expand (needs ARCH or RM or AM)');
  });

  it('someone outside the team', () => {
    expect(refusalOf(state, complete('purchase', 'AM'), { CSM: [person('CSM')] })).toMatch(/^am@partner\.example is not Responsible or Accountable/);
  });

  it('a payload naming someone other than the sender', () => {
    expect(decide(lifecycle, state, complete('purchase', 'AM'), { team: fullTeam, actor: id('CSM') })).toEqual({
      accepted: false,
      reason: 'the action names am@partner.example as actor but was sent by csm@partner.example',
    });
  });

  it('completing a later step, an unknown step, a step already done', () => {
    expect(refusalOf(state, complete('use', 'CSM'))).toBe('Use cannot complete yet: the deal is at Purchase');
    const moved = run(state, [complete('purchase', 'AM')]).state;
    expect(refusalOf(moved, complete('purchase', 'AM'))).toBe('Purchase is already complete');
  });

  it('an event type the lifecycle does not know', () => {
    expect(refusalOf(state, { type: 'step.skip', actor: id('AM') } as unknown as LifecycleEvent)).toBe('unknown event type "step.skip"');
  });

  it('an unknown step is refused as unauthorised, naming the step', () => {
    expect(refusalOf(state, complete('kickoff', 'AM'))).toBe('step "kickoff" is not in the playbook');
  });

  it('plan, outcomes and handoff events out of order', () => {
    expect(refusalOf(state, userAction('successPlan.revise', id('CSM')))).toBe('there is no success plan to revise: send successPlan.submit first');
    expect(refusalOf(state, userAction('outcomes.record', id('CSM')))).toBe('business outcomes are measured against the success plan: submit the success plan first');
    const submitted = run(state, [userAction('successPlan.submit', id('CSM'))]).state;
    expect(refusalOf(submitted, userAction('successPlan.submit', id('CSM')))).toBe('a success plan was already submitted: send successPlan.revise instead');
    expect(refusalOf(state, { type: 'handoff.accepted', templateId: 'csm-to-css' })).toBe('the csm-to-css handoff is not in progress (never started)');
    expect(refusalOf(state, { type: 'handoff.accepted', templateId: 'nope' })).toBe('there is no handoff "nope" in playbook default');
    expect(refusalOf(state, { type: 'health.observed' })).toBe('a health observation needs a health score or a utilisation');
  });

  it('outcomes without the customer confirmation', () => {
    const submitted = run(state, [userAction('successPlan.submit', id('CSM'))]).state;
    const unconfirmed = { ...userAction('outcomes.record', id('CSM')), report: { results: [] } } as unknown as LifecycleEvent;
    expect(refusalOf(submitted, unconfirmed)).toBe('the customer has not confirmed the outcomes: a signature or confirmation e-mail is required');
  });

  it('handoff actions belong to the handoff, not the lifecycle', () => {
    expect(refusalOf(state, userAction('handoff.accept', id('CSM')))).toBe('handoff.accept is decided by the sales-to-cs handoff workflow (authorised by authorizeHandoffAction), not by the deal lifecycle');
  });

  it('a state from another playbook version', () => {
    const other = createLifecycle(parsePlaybook({ ...defaultPlaybookInput(), version: 2 }));
    expect(decide(other, state, complete('purchase', 'AM'), { team: fullTeam })).toEqual({ accepted: false, reason: 'the deal follows playbook default v1, not default v2' });
  });

  it('reassigning someone who does not hold the role', () => {
    const reassign = { ...userAction('owner.reassign', id('AM')), from: id('CSS') } as LifecycleEvent;
    expect(refusalOf(state, reassign)).toBe('css@partner.example is not CSM on this deal');
    expect(run(state, [userAction('owner.reassign', id('AM'))]).effects).toEqual([
      { type: 'team.reassign', role: 'CSM', from: id('CSM'), to: { id: 'new-csm@partner.example', name: 'New CSM' }, by: id('AM') },
    ]);
  });
});

describe('optional steps before the entry step', () => {
  it('records Need, Evaluate or Select without moving the deal', () => {
    const { state, effects } = run(started().state, [complete('select', 'ARCH'), complete('need', 'AM')]);
    expect(state.value).toEqual({ land: 'purchase' });
    expect(state.context.recordedSteps).toEqual(['need', 'select']);
    expect(effects).toEqual([
      { type: 'step.recorded', step: 'select', by: id('ARCH') },
      { type: 'step.recorded', step: 'need', by: id('AM') },
    ]);
    expect(refusalOf(state, complete('need', 'AM'))).toBe('Need is already complete');
  });
});

describe('triggered handoffs', () => {
  const atUse = () => run(started().state, wholeLifecycle.slice(0, 5)).state;

  it('low health starts csm-to-css once the deal is in Use, not before, and not twice', () => {
    const early = run(started().state, [{ type: 'health.observed', healthScore: 2 }]);
    expect(early.effects).toEqual([{ type: 'health.recorded', healthScore: 2 }]);

    const low = run(atUse(), [{ type: 'health.observed', healthScore: 4.9 }]);
    expect(low.effects).toEqual([
      { type: 'health.recorded', healthScore: 4.9 },
      { type: 'handoff.start', templateId: 'csm-to-css', instance: 1, trigger: 'health-low' },
    ]);
    expect(run(low.state, [{ type: 'health.observed', utilisation: 0.1 }]).effects).toHaveLength(1);

    const again = run(low.state, [{ type: 'handoff.accepted', templateId: 'csm-to-css' }, { type: 'health.observed', utilisation: 0.49 }]);
    expect(again.effects.at(-1)).toEqual({ type: 'handoff.start', templateId: 'csm-to-css', instance: 2, trigger: 'health-low' });
  });

  it('healthy observations start nothing', () => {
    expect(run(atUse(), [{ type: 'health.observed', healthScore: 5, utilisation: 0.5 }]).effects).toEqual([{ type: 'health.recorded', healthScore: 5, utilisation: 0.5 }]);
  });

  it('renewal.due starts cs-to-renewals once', () => {
    const due = run(atUse(), [{ type: 'renewal.due' }]);
    expect(due.effects).toEqual([{ type: 'handoff.start', templateId: 'cs-to-renewals', instance: 1, trigger: 'renewal-due' }]);
    expect(refusalOf(due.state, { type: 'renewal.due' })).toBe('the renewal handoffs have already started');
  });

  it('the renewal handoff is due 180 days before the renewal date', () => {
    expect(renewalDueOn(playbook, '2027-03-01')).toBe('2026-09-02');
  });
});

describe('mermaid diagram', () => {
  it('draws stages, steps in order, the entry and the guarded transitions', () => {
    const diagram = mermaidDiagram(playbook);
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> land_purchase\n')).toBe(true);
    expect(diagram).toContain('state "Onboard" as onboard_stage {');
    expect(diagram).toContain('onboard_onboard --> adopt_use : sales-to-cs accepted, success plan submitted');
    expect(diagram).toContain('expand_expand --> [*] : expansion booked');
    expect(diagram.match(/-->/g)).toHaveLength(15);
  });
});
