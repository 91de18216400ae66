import { describe, expect, it } from 'vitest';
import type { DealFacts } from '../../../src/incentives/facts-schema';
import { outcomesConfirmed, retractFact } from '../../../src/incentives/facts/retract-fact';

const usage = (id: string) => ({ id, useCase: 'intersight', observedOn: '2026-02-01', receivedOn: '2026-02-01', source: 'telemetry' as const, metrics: { licensedServers: 100, claimedServers: 40 } });
const confirmed = { kind: 'email' as const, from: 'cio@acme.example', messageId: '<1@acme.example>', receivedOn: '2026-03-02' };
const facts: DealFacts = {
  usage: [usage('ev-1'), usage('ev-2')],
  expansions: [],
  attestations: [],
  earlierOutcomesReports: [{ reportId: 'q1', reportedOn: '2026-03-01', receivedOn: '2026-03-01' }],
  businessOutcomes: { reportId: 'q2', reportedOn: '2026-06-01', receivedOn: '2026-06-01', confirmation: confirmed },
};

describe('retracting a fact', () => {
  it('removes the usage evidence named by its id, and nothing else', () => {
    expect(retractFact(facts, { kind: 'usage', id: 'ev-1' })?.usage.map((e) => e.id)).toEqual(['ev-2']);
    expect(retractFact(facts, { kind: 'usage', id: 'ev-9' })).toBeUndefined();
  });

  it('lets the report before the latest stand in for it, and a deal with none left has no confirmed outcomes', () => {
    const withoutLatest = retractFact(facts, { kind: 'business-outcomes', id: 'q2' })!;
    expect(withoutLatest.businessOutcomes?.reportId).toBe('q1');
    expect(withoutLatest.earlierOutcomesReports).toBeUndefined();
    expect(outcomesConfirmed(facts)).toBe(true);
    expect(outcomesConfirmed(withoutLatest)).toBe(false);
    const withoutEarlier = retractFact(facts, { kind: 'business-outcomes', id: 'q1' })!;
    expect(withoutEarlier.businessOutcomes?.reportId).toBe('q2');
    expect(withoutEarlier.earlierOutcomesReports).toBeUndefined();
    expect(retractFact(retractFact(withoutLatest, { kind: 'business-outcomes', id: 'q1' })!, { kind: 'business-outcomes', id: 'q1' })).toBeUndefined();
  });
});
