import { describe, expect, it } from 'vitest';
import { DealFacts } from '../../../src/incentives/facts-schema';
import { recordFact } from '../../../src/incentives/facts/record-fact';
import type { NewFact, RecordOutcome } from '../../../src/incentives/facts/new-fact';
import { dealValueUsd } from '../../../src/incentives/rules/deal-values';
import { makeDeal } from './fixtures';

const clock = { bookedOn: '2026-01-15', today: '2026-06-01' };
const empty = DealFacts.parse({});

function recorded(outcome: RecordOutcome): DealFacts {
  if (outcome.outcome !== 'recorded') throw new Error(`expected recorded, got ${outcome.outcome}: ${outcome.message}`);
  return outcome.facts;
}

function recordAll(facts: DealFacts, ...offered: NewFact[]): DealFacts {
  return offered.reduce((current, fact) => recorded(recordFact(current, fact, clock)), facts);
}

const expansion = { kind: 'expansion' as const, orderRef: 'ORD-7', bookedOn: '2026-05-20', lineItems: [{ sku: 'SW-9', netValueUsd: 105_000, software: true, quantity: 1 }] };
const reading = { kind: 'usage' as const, evidence: { id: 'ev-1', useCase: 'intersight', observedOn: '2026-05-30', source: 'telemetry' as const, metrics: { licensedServers: 100, claimedServers: 40 } } };

describe('recordFact: each fact once under its identity', () => {
  it('stamps the deal\'s today as the day received, beside the claimed date', () => {
    const facts = recordAll(empty, reading, expansion);
    expect(facts.usage[0]).toMatchObject({ id: 'ev-1', observedOn: '2026-05-30', receivedOn: '2026-06-01' });
    expect(facts.expansions[0]).toMatchObject({ orderRef: 'ORD-7', bookedOn: '2026-05-20', receivedOn: '2026-06-01' });
  });

  it('says the same expansion twice is a no-op, and the deal value counts it once', () => {
    const facts = recordAll(empty, expansion);
    const again = recordFact(facts, { ...expansion, lineItems: [{ quantity: 1, software: true, netValueUsd: 105_000, sku: 'SW-9' }] }, { ...clock, today: '2026-06-03' });
    expect(again).toEqual({ outcome: 'duplicate', message: 'expansion ORD-7 is already recorded (received 2026-06-01): nothing changed' });
    expect(dealValueUsd(makeDeal({ softwareUsd: 120_000 }).lineItems, facts.expansions)).toBe(120_000 + 99_999 + 105_000);
  });

  it('refuses a different expansion under the same order reference, naming both', () => {
    const facts = recordAll(empty, expansion);
    const other = recordFact(facts, { ...expansion, lineItems: [{ sku: 'SW-9', netValueUsd: 90_000, software: true, quantity: 1 }] }, clock);
    expect(other).toEqual({
      outcome: 'conflict',
      message:
        'expansion ORD-7 is already recorded as booked 2026-05-20: 1 × SW-9 $105,000 (received 2026-06-01); this one is booked 2026-05-20: 1 × SW-9 $90,000: refused, a different fact needs its own order reference',
    });
  });

  it('counts expansions recorded twice under one order reference once, and legacy ones without a reference each', () => {
    const line = [{ sku: 'X', netValueUsd: 1_000, software: true, quantity: 1 }];
    const twice = [{ orderRef: 'A', bookedOn: '2026-02-01', lineItems: line }, { orderRef: 'A', bookedOn: '2026-02-01', lineItems: line }];
    expect(dealValueUsd(line, twice)).toBe(2_000);
    expect(dealValueUsd(line, [{ bookedOn: '2026-02-01', lineItems: line }, { bookedOn: '2026-02-01', lineItems: line }])).toBe(3_000);
  });

  it('tells a resent reading from a different one under the same evidence id', () => {
    const facts = recordAll(empty, reading);
    expect(recordFact(facts, reading, clock).outcome).toBe('duplicate');
    const changed = recordFact(facts, { kind: 'usage', evidence: { ...reading.evidence, metrics: { licensedServers: 100, claimedServers: 50 } } }, clock);
    expect(changed).toMatchObject({ outcome: 'conflict' });
    expect(changed.message).toContain('claimedServers 40, licensedServers 100');
    expect(changed.message).toContain('claimedServers 50, licensedServers 100');
  });

  it.each([
    ['2019-05-01', "usage evidence ev-1: observedOn 2019-05-01 is before the deal's booking on 2026-01-15"],
    ['2026-06-02', "usage evidence ev-1: observedOn 2026-06-02 is after the deal's today, 2026-06-01"],
  ])('refuses a reading observed on %s', (observedOn, message) => {
    expect(recordFact(empty, { kind: 'usage', evidence: { ...reading.evidence, observedOn } }, clock)).toEqual({ outcome: 'refused', message });
  });

  it('refuses negative and non-finite metrics', () => {
    const negative = recordFact(empty, { kind: 'usage', evidence: { ...reading.evidence, metrics: { claimedServers: -3 } } }, clock);
    expect(negative).toEqual({ outcome: 'refused', message: 'usage evidence ev-1: metrics.claimedServers is -3; a metric is a count or measure, zero or more' });
    expect(recordFact(empty, { kind: 'usage', evidence: { ...reading.evidence, metrics: { claimedServers: Infinity } } }, clock).outcome).toBe('refused');
  });

  it('refuses an expansion booked before the deal or after today', () => {
    expect(recordFact(empty, { ...expansion, bookedOn: '2025-12-31' }, clock)).toMatchObject({ outcome: 'refused', message: "expansion ORD-7: bookedOn 2025-12-31 is before the deal's booking on 2026-01-15" });
    expect(recordFact(empty, { ...expansion, bookedOn: '2026-07-01' }, clock).outcome).toBe('refused');
  });

  it('dates the plan by its first version; revisions are recorded, resent versions are no-ops', () => {
    const facts = recordAll(empty, { kind: 'success-plan', version: 1 }, { kind: 'success-plan', version: 2 });
    expect(facts.successPlan).toEqual({ version: 1, submittedOn: '2026-06-01', receivedOn: '2026-06-01', revisions: [{ version: 2, receivedOn: '2026-06-01' }] });
    expect(recordFact(facts, { kind: 'success-plan', version: 1 }, { ...clock, today: '2026-06-05' })).toEqual({
      outcome: 'duplicate',
      message: 'success plan version 1 is already recorded (received 2026-06-01): nothing changed',
    });
    expect(recordFact(facts, { kind: 'success-plan', version: 2, reference: 'doc-2b' }, clock).outcome).toBe('conflict');
    expect(recordFact(recordAll(empty, { kind: 'success-plan', version: 3 }), { kind: 'success-plan', version: 2 }, clock)).toEqual({
      outcome: 'refused',
      message: 'success plan version 2 is older than the recorded version 3',
    });
  });

  it('keeps every outcomes report by id; the same report again is a no-op, a changed one a conflict', () => {
    const signed = { kind: 'signature' as const, signedBy: 'Jo Park', signedOn: '2026-05-28' };
    const first = { kind: 'business-outcomes' as const, reportId: 'R1' };
    const second = { kind: 'business-outcomes' as const, reportId: 'R2', confirmation: signed };
    const facts = recordAll(empty, first, second);
    expect(facts.businessOutcomes).toMatchObject({ reportId: 'R2', receivedOn: '2026-06-01', confirmation: signed });
    expect(facts.earlierOutcomesReports).toEqual([{ reportId: 'R1', reportedOn: '2026-06-01', receivedOn: '2026-06-01' }]);
    expect(recordFact(facts, second, clock).outcome).toBe('duplicate');
    const changed = recordFact(facts, { ...first, confirmation: signed }, clock);
    expect(changed.outcome).toBe('conflict');
    expect(changed.message).toContain('reported 2026-06-01, not confirmed by the customer');
    expect(changed.message).toContain('signed by Jo Park on 2026-05-28');
    expect(recordFact(empty, { ...second, confirmation: { ...signed, signedOn: '2027-01-01' } }, clock)).toEqual({
      outcome: 'refused',
      message: "business-outcomes report R2: the customer's confirmation date 2027-01-01 is after the deal's today, 2026-06-01",
    });
  });

  it('records one attestation of each kind, by whom and on what evidence', () => {
    const attest = { kind: 'attestation' as const, id: 'value-added-selling', by: 'AM@partner.example', evidence: { reference: 'crm-4411' } };
    const facts = recordAll(empty, attest);
    expect(facts.attestations).toEqual([{ id: 'value-added-selling', by: 'am@partner.example', evidence: { reference: 'crm-4411' }, receivedOn: '2026-06-01' }]);
    expect(recordFact(facts, attest, clock).outcome).toBe('duplicate');
    expect(recordFact(facts, { ...attest, evidence: { reference: 'crm-9999' } }, clock)).toMatchObject({ outcome: 'conflict' });
  });
});
