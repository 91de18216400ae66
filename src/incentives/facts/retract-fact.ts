import type { DealFacts, OutcomesReportFact } from '../facts-schema';

/** A fact that can earn money, named by its identity, as a correction names it. */
export type RetractableFact = { kind: 'usage'; id: string } | { kind: 'business-outcomes'; id: string };

/**
 * The deal's facts without the retracted one, or undefined when no such fact is recorded. A
 * retracted fact is gone from what the calculators read, so it earns nothing from then on; a
 * retracted latest outcomes report gives way to the report received before it.
 */
export function retractFact(facts: DealFacts, fact: RetractableFact): DealFacts | undefined {
  if (fact.kind === 'usage') {
    const usage = facts.usage.filter((e) => e.id !== fact.id);
    return usage.length === facts.usage.length ? undefined : { ...facts, usage };
  }
  const reports: OutcomesReportFact[] = [...(facts.earlierOutcomesReports ?? []), ...(facts.businessOutcomes ? [facts.businessOutcomes] : [])];
  const kept = reports.filter((r) => r.reportId !== fact.id);
  if (kept.length === reports.length) return undefined;
  const { businessOutcomes: _latest, earlierOutcomesReports: _earlier, ...rest } = facts;
  const latest = kept.at(-1);
  const earlier = kept.slice(0, -1);
  return { ...rest, ...(latest ? { businessOutcomes: latest } : {}), ...(earlier.length > 0 ? { earlierOutcomesReports: earlier } : {}) };
}

/** Whether any recorded outcomes report carries the customer's confirmation. */
export function outcomesConfirmed(facts: DealFacts): boolean {
  return [...(facts.earlierOutcomesReports ?? []), ...(facts.businessOutcomes ? [facts.businessOutcomes] : [])].some((r) => r.confirmation !== undefined);
}
