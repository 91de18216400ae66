import { describe, expect, it } from 'vitest';
import { parsePlaybook, PlaybookError } from '../../../src/domain/playbook/parse';
import type { PlaybookInput } from '../../../src/domain/playbook/schema';
import { defaultPlaybook } from '../../../src/config/playbook-files';
import { stepsInOrder } from '../../../src/domain/playbook/queries';
import { defaultPlaybookInput } from './support';

/** Parses an edited copy of the default playbook and returns its problems. */
function problemsAfter(edit: (pb: PlaybookInput & Record<string, unknown>) => void): string[] {
  const input = structuredClone(defaultPlaybookInput()) as PlaybookInput & Record<string, unknown>;
  edit(input);
  try {
    parsePlaybook(input);
  } catch (err) {
    if (err instanceof PlaybookError) return err.problems;
    throw err;
  }
  throw new Error('expected the playbook to be refused');
}

const step = (pb: PlaybookInput, stage: number, index: number) => pb.stages[stage]!.steps[index]!;

describe('the default playbook', () => {
  it('loads from disk: 5 stages, 14 steps, entered at Purchase', async () => {
    const pb = await defaultPlaybook();
    expect(pb.id).toBe('default');
    expect(pb.version).toBe(1);
    expect(pb.stages.map((s) => s.name)).toEqual(['Land', 'Onboard', 'Adopt', 'Renew', 'Expand']);
    expect(stepsInOrder(pb).map((s) => s.step.name)).toEqual([
      'Need', 'Evaluate', 'Select', 'Purchase', 'Implement', 'Onboard', 'Use', 'Engage', 'Adopt', 'Optimize', 'Renew', 'Recommend', 'Advocate', 'Expand',
    ]);
    expect(pb.entryStep).toBe('purchase');
  });

  it('carries the handoff templates and the DOMAIN escalation ladder', async () => {
    const pb = await defaultPlaybook();
    const salesToCs = pb.handoffs.find((h) => h.id === 'sales-to-cs')!;
    expect(salesToCs.raci).toEqual({ AM: 'R/A', CSM: 'A', CSS: 'I' });
    expect(salesToCs.slaDays).toBe(14);
    expect(salesToCs.trigger).toEqual({ on: 'step-entered', step: 'purchase' });
    expect(salesToCs.artifacts.map((a) => a.id)).toEqual(['contract-data', 'initial-success-plan', 'stakeholder-contacts', 'business-outcomes']);
    expect(pb.handoffs.find((h) => h.id === 'csm-to-css')!.raci).toEqual({ CSS: 'R', CSM: 'A', AM: 'C', EXEC: 'I' });
    expect(pb.escalation.rungs.map((r) => [r.to, r.atFractionOfWindow ?? `${r.daysBefore}d`])).toEqual([
      ['R', 0.5],
      ['R', '14d'],
      ['A', '7d'],
      ['LEAD', '3d'],
    ]);
    expect(pb.escalation.breach.to).toEqual(['LEAD']);
  });
});

describe('playbook consistency: each problem says what and where', () => {
  it('reports shape problems with their path', () => {
    expect(problemsAfter((pb) => { pb.version = 0; })).toEqual(['version: must be a positive whole number']);
    expect(problemsAfter((pb) => { step(pb, 0, 0).raci = { AM: 'X' }; })).toEqual(['stages[0].steps[0].raci.AM: must be R, A, C, I or a combination such as R/A']);
  });

  it('unknown role in a step RACI', () => {
    expect(problemsAfter((pb) => { step(pb, 1, 0).raci.QA = 'C'; })).toEqual([
      'stages[1].steps[0].raci.QA: unknown role "QA" (declared roles: AM, ARCH, ENG, DEL, PM, CSM, CSS, RM, LEAD, EXEC)',
    ]);
  });

  it('step with no R or no A', () => {
    expect(problemsAfter((pb) => { step(pb, 1, 0).raci = { AM: 'A', ENG: 'C' }; })).toEqual(['stages[1].steps[0].raci: step "implement" has no Responsible (R) role']);
    expect(problemsAfter((pb) => { step(pb, 1, 0).raci = { ENG: 'R' }; })).toEqual(['stages[1].steps[0].raci: step "implement" has no Accountable (A) role']);
  });

  it('duplicate step ids', () => {
    expect(problemsAfter((pb) => { step(pb, 4, 0).id = 'use'; })).toContainEqual('stages[4].steps[0].id: duplicate step id "use"');
  });

  it('handoff naming a missing step or role', () => {
    expect(problemsAfter((pb) => { pb.handoffs![0]!.trigger = { on: 'step-entered', step: 'booking' }; })).toEqual([
      'handoffs[0].trigger.step: handoff "sales-to-cs" trigger names step "booking", which is not in any stage',
    ]);
    expect(problemsAfter((pb) => { pb.handoffs![1]!.checklist[0]!.owner = 'SE'; })).toEqual([
      'handoffs[1].checklist[0].owner: unknown role "SE" (declared roles: AM, ARCH, ENG, DEL, PM, CSM, CSS, RM, LEAD, EXEC)',
    ]);
    expect(problemsAfter((pb) => { pb.handoffs![1]!.raci = { CSS: 'R' }; })).toEqual(['handoffs[1].raci: handoff "csm-to-css" has no Accountable (A) role']);
  });

  it('step waiting for an undefined handoff', () => {
    expect(problemsAfter((pb) => { pb.handoffs = pb.handoffs!.filter((h) => h.id !== 'cs-to-renewals'); })).toEqual([
      'stages[3].steps[0].exitCriteria[0].handoff: step "renew" waits for handoff "cs-to-renewals", which is not defined',
    ]);
  });

  it('action mapped to a missing step', () => {
    expect(problemsAfter((pb) => { pb.actionSteps['usage.record'] = 'activate'; })).toEqual([
      'actionSteps["usage.record"]: action "usage.record" names step "activate", which is not in any stage',
    ]);
  });

  it('action not mapped at all', () => {
    expect(problemsAfter((pb) => { delete (pb.actionSteps as Record<string, string>)['expansion.book']; })).toEqual([
      'actionSteps["expansion.book"]: is required (string)',
    ]);
  });

  it('ladder rung at or after the deadline', () => {
    expect(problemsAfter((pb) => { pb.escalation.rungs[1]!.daysBefore = -2; })).toEqual([
      'escalation.rungs[1].daysBefore: rung "remind-14-days" falls at or after the deadline (daysBefore must be at least 1; the deadline itself is the breach)',
    ]);
    expect(problemsAfter((pb) => { pb.escalation.rungs[0]!.atFractionOfWindow = 1; })).toEqual([
      'escalation.rungs[0].atFractionOfWindow: rung "remind-half-window" must fall inside the window (fraction strictly between 0 and 1)',
    ]);
    expect(problemsAfter((pb) => { pb.escalation.rungs[0]!.daysBefore = 3; })).toEqual(['escalation.rungs[0]: must set exactly one of atFractionOfWindow or daysBefore']);
  });

  it('entry step missing', () => {
    expect(problemsAfter((pb) => { pb.entryStep = 'booking'; })).toEqual(['entryStep: entryStep names step "booking", which is not in any stage']);
  });

  it('escalating to a lead the playbook does not declare', () => {
    expect(problemsAfter((pb) => { pb.roles = pb.roles.filter((r) => r.id !== 'LEAD'); pb.handoffs![2]!.raci = { CSM: 'R', RM: 'A' }; })).toEqual([
      'escalation: the ladder escalates to LEAD but LEAD is not a declared role',
      'escalation.managers[0]: unknown role "LEAD": not among the playbook\'s roles',
    ]);
  });

  it('lists every problem at once', () => {
    const problems = problemsAfter((pb) => {
      pb.entryStep = 'booking';
      pb.actionSteps['deadline.pause'] = 'nowhere';
      step(pb, 0, 0).raci.QA = 'I';
    });
    expect(problems).toHaveLength(3);
  });

  it('explains itself in the error message', () => {
    expect(() => parsePlaybook({})).toThrow(/invalid playbook:\n {2}id: is required/);
  });
});
