import type { IsoDate } from '../../domain/schemas/common';
import type { Attestation, ExpansionBooking, OutcomesReportFact, SuccessPlanFact, UsageFact } from '../facts-schema';

/*
 * The business day Baton received each kind of fact. Facts recorded before `receivedOn` existed
 * fall back to the date they were judged by then (their claimed date), so those deals keep
 * exactly the results they had.
 */

export function planReceivedOn(plan: SuccessPlanFact): IsoDate {
  return plan.receivedOn ?? plan.submittedOn;
}

export function confirmedOn(report: OutcomesReportFact): IsoDate | undefined {
  const confirmation = report.confirmation;
  if (!confirmation) return undefined;
  return confirmation.kind === 'signature' ? confirmation.signedOn : confirmation.receivedOn;
}

/** Without `receivedOn`: the later of the report and its confirmation, the day it was complete. */
export function reportReceivedOn(report: OutcomesReportFact): IsoDate {
  if (report.receivedOn !== undefined) return report.receivedOn;
  const confirmed = confirmedOn(report);
  return confirmed !== undefined && confirmed > report.reportedOn ? confirmed : report.reportedOn;
}

export function usageReceivedOn(evidence: UsageFact): IsoDate {
  return evidence.receivedOn ?? evidence.observedOn;
}

export function expansionReceivedOn(expansion: ExpansionBooking): IsoDate {
  return expansion.receivedOn ?? expansion.bookedOn;
}

export function attestationReceivedOn(attestation: Attestation): IsoDate {
  return 'receivedOn' in attestation ? attestation.receivedOn : attestation.recordedOn;
}

/** Every outcomes report on the deal, oldest first. */
export function outcomesReports(facts: { businessOutcomes?: OutcomesReportFact; earlierOutcomesReports?: OutcomesReportFact[] }): OutcomesReportFact[] {
  return [...(facts.earlierOutcomesReports ?? []), ...(facts.businessOutcomes ? [facts.businessOutcomes] : [])];
}
