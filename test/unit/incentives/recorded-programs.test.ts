import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DealFacts } from '../../../src/incentives/facts-schema';
import type { Program } from '../../../src/incentives/program-schema';
import { evaluateIncentives } from '../../../src/incentives/rules/evaluate';
import { claim, makeDeal, makePartner } from './fixtures';

/*
 * Deal workflows already running hold the program they were booked under as JSON in their start
 * input, without any field added since; they re-evaluate it on replay. Read those programs from
 * the first generation of recorded histories (recorded before the readings were explicit; later
 * generations are prefixed `g<N>.`) and check they keep the readings they were recorded with.
 */
const HISTORIES = new URL('../../workflows/histories/', import.meta.url);

function recordedPrograms(): Program[] {
  return readdirSync(HISTORIES)
    .filter((file) => file.endsWith('-run1.json') && !file.includes('_handoff_') && !/^g\d+\./.test(file))
    .map((file) => {
      const { history } = JSON.parse(readFileSync(new URL(file, HISTORIES), 'utf8')) as {
        history: { events: { workflowExecutionStartedEventAttributes?: { input: { payloads: { data: string }[] } } }[] };
      };
      const input = JSON.parse(Buffer.from(history.events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!.data, 'base64').toString('utf8')) as { program: Program };
      return input.program;
    });
}

describe('programs recorded in running deals', () => {
  const programs = recordedPrograms();
  const partner = makePartner('specialized');
  const signed = { kind: 'signature' as const, signedBy: 'Jo Park', signedOn: '2021-11-20' };

  it('are found, and predate the explicit readings', () => {
    expect(programs.length).toBeGreaterThan(0);
    for (const program of programs) {
      const milestones = program.incentives.flatMap((i) => i.milestones);
      expect(milestones.some((m) => m.windowMetBy !== undefined)).toBe(false);
      expect(milestones.flatMap((m) => m.requires).every((r) => typeof r === 'string')).toBe(true);
    }
  });

  it('still void the outcomes after a late plan, with the reason they gave', () => {
    const facts = DealFacts.parse({ successPlan: { submittedOn: '2021-04-20' }, businessOutcomes: { reportedOn: '2021-11-20', confirmation: signed } });
    for (const program of programs) {
      const all = evaluateIncentives({ program, deal: makeDeal(), partner, facts, asOf: '2021-12-01' });
      expect(claim(all, 'adopt:business-outcomes')).toMatchObject({ eligible: false, reasonCode: 'requires', reason: 'requires adopt:success-plan, not yet proven' });
    }
  });

  it('still read the Adopt minimum on the deal total', () => {
    const deal = makeDeal({ lineItems: [{ sku: 'A', netValueUsd: 30_000, software: true, quantity: 1 }, { sku: 'B', netValueUsd: 30_000, software: true, quantity: 1 }] });
    const facts = DealFacts.parse({ successPlan: { submittedOn: '2021-03-01' } });
    for (const program of programs) {
      const plan = claim(evaluateIncentives({ program, deal, partner, facts, asOf: '2021-12-01' }), 'adopt:success-plan');
      expect(plan).toMatchObject({ eligible: true, amountUsd: 5_000 });
    }
  });
});
