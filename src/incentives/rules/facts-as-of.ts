import type { IsoDate } from '../../domain/schemas/common';
import type { DealFacts, OutcomesReportFact } from '../facts-schema';
import { attestationReceivedOn, confirmedOn, expansionReceivedOn, outcomesReports, planReceivedOn, usageReceivedOn } from '../facts/received-on';

/**
 * An outcomes report as known at the end of `asOf`. A report with `receivedOn` arrived whole on
 * that day; one recorded before `receivedOn` existed is judged by its own dates, its
 * confirmation separately.
 */
function reportKnownBy(report: OutcomesReportFact, asOf: IsoDate): OutcomesReportFact | undefined {
  if (report.receivedOn !== undefined) return report.receivedOn <= asOf ? report : undefined;
  if (report.reportedOn > asOf) return undefined;
  const confirmed = confirmedOn(report);
  return { ...report, confirmation: confirmed !== undefined && confirmed <= asOf ? report.confirmation : undefined };
}

/**
 * The facts as they stood at the end of `asOf`: anything Baton received later had not happened
 * yet, so a quote for a past day is reproducible. Without `asOf` every recorded fact counts.
 */
export function factsKnownBy(facts: DealFacts, asOf: IsoDate | undefined): DealFacts {
  if (asOf === undefined) return facts;
  const known = (date: IsoDate) => date <= asOf;
  const reports = outcomesReports(facts).flatMap((report) => {
    const seen = reportKnownBy(report, asOf);
    return seen ? [seen] : [];
  });
  const earlier = reports.slice(0, -1);
  const plan = facts.successPlan;
  return {
    successPlan: plan && known(planReceivedOn(plan)) ? { ...plan, ...(plan.revisions ? { revisions: plan.revisions.filter((r) => known(r.receivedOn)) } : {}) } : undefined,
    businessOutcomes: reports.at(-1),
    ...(facts.earlierOutcomesReports ? { earlierOutcomesReports: earlier } : {}),
    usage: facts.usage.filter((e) => known(usageReceivedOn(e))),
    expansions: facts.expansions.filter((e) => known(expansionReceivedOn(e))),
    attestations: facts.attestations.filter((a) => known(attestationReceivedOn(a))),
  };
}
