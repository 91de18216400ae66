import type { DealFacts, OutcomesReportFact } from '../facts-schema';
import { claimedDateRefusal } from './claimed-date';
import { describeAttestation, describeExpansion, describePlan, describeReport, describeUsage } from './describe-fact';
import type { FactClock, NewFact, RecordOutcome } from './new-fact';
import { attestationReceivedOn, confirmedOn, expansionReceivedOn, outcomesReports, planReceivedOn, reportReceivedOn, usageReceivedOn } from './received-on';
import { sameContent } from './same-content';

/*
 * Every fact that can earn money is recorded once under its identity: the same fact again is a
 * no-op that says so, a different fact under a recorded identity is refused naming both, and a
 * claimed date outside the deal's booking..today is refused. Pure, so the deal workflow can call
 * it and replace its facts with the result.
 */

const refused = (message: string): RecordOutcome => ({ outcome: 'refused', message });
const duplicate = (what: string, receivedOn: string): RecordOutcome => ({
  outcome: 'duplicate',
  message: `${what} is already recorded (received ${receivedOn}): nothing changed`,
});
const conflict = (what: string, recorded: string, receivedOn: string, offered: string, identity: string): RecordOutcome => ({
  outcome: 'conflict',
  message: `${what} is already recorded as ${recorded} (received ${receivedOn}); this one is ${offered}: refused, a different fact needs its own ${identity}`,
});

export function recordFact(facts: DealFacts, fact: NewFact, clock: FactClock): RecordOutcome {
  switch (fact.kind) {
    case 'success-plan':
      return recordPlan(facts, fact, clock);
    case 'business-outcomes':
      return recordReport(facts, fact, clock);
    case 'usage':
      return recordUsage(facts, fact, clock);
    case 'expansion':
      return recordExpansion(facts, fact, clock);
    case 'attestation':
      return recordAttestation(facts, fact, clock);
  }
}

function recordPlan(facts: DealFacts, fact: Extract<NewFact, { kind: 'success-plan' }>, clock: FactClock): RecordOutcome {
  const what = `success plan version ${fact.version}`;
  const badDate = fact.submittedOn === undefined ? undefined : claimedDateRefusal(`${what}: submittedOn`, fact.submittedOn, clock);
  if (badDate) return refused(badDate);
  const plan = facts.successPlan;
  if (!plan) {
    const submittedOn = fact.submittedOn ?? clock.today;
    const recorded = { version: fact.version, submittedOn, receivedOn: clock.today, ...(fact.reference ? { reference: fact.reference } : {}) };
    return { outcome: 'recorded', facts: { ...facts, successPlan: recorded }, message: `${what} recorded, received ${clock.today}` };
  }
  // A plan recorded before versions existed is the first submission.
  const versions = [
    { version: plan.version ?? 1, submittedOn: plan.submittedOn, reference: plan.reference, receivedOn: planReceivedOn(plan) },
    ...(plan.revisions ?? []).map((r) => ({ ...r, submittedOn: undefined })),
  ];
  const same = versions.find((v) => v.version === fact.version);
  if (same) {
    const claimedMatches = fact.submittedOn === undefined || same.submittedOn === undefined || fact.submittedOn === same.submittedOn;
    if (claimedMatches && sameContent(same.reference, fact.reference)) return duplicate(what, same.receivedOn);
    return conflict(what, describePlan(same), same.receivedOn, describePlan(fact), 'version');
  }
  const latest = Math.max(...versions.map((v) => v.version));
  if (fact.version < latest) return refused(`${what} is older than the recorded version ${latest}`);
  const revision = { version: fact.version, receivedOn: clock.today, ...(fact.reference ? { reference: fact.reference } : {}) };
  return {
    outcome: 'recorded',
    facts: { ...facts, successPlan: { ...plan, revisions: [...(plan.revisions ?? []), revision] } },
    message: `${what} recorded as a revision, received ${clock.today}; the submission of version ${versions[0]!.version} still dates the plan`,
  };
}

function recordReport(facts: DealFacts, fact: Extract<NewFact, { kind: 'business-outcomes' }>, clock: FactClock): RecordOutcome {
  const what = `business-outcomes report ${fact.reportId}`;
  const report: OutcomesReportFact = {
    reportId: fact.reportId,
    reportedOn: fact.reportedOn ?? clock.today,
    receivedOn: clock.today,
    ...(fact.confirmation ? { confirmation: fact.confirmation } : {}),
  };
  const badDate =
    claimedDateRefusal(`${what}: reportedOn`, report.reportedOn, clock) ??
    (report.confirmation ? claimedDateRefusal(`${what}: the customer's confirmation date`, confirmedOn(report)!, clock) : undefined);
  if (badDate) return refused(badDate);
  const same = outcomesReports(facts).find((r) => r.reportId === fact.reportId);
  if (same) {
    const claimedMatches = fact.reportedOn === undefined || fact.reportedOn === same.reportedOn;
    if (claimedMatches && sameContent(same.confirmation, fact.confirmation)) return duplicate(what, reportReceivedOn(same));
    return conflict(what, describeReport(same), reportReceivedOn(same), describeReport(report), 'report id');
  }
  const earlier = facts.businessOutcomes ? [...(facts.earlierOutcomesReports ?? []), facts.businessOutcomes] : facts.earlierOutcomesReports;
  return {
    outcome: 'recorded',
    facts: { ...facts, businessOutcomes: report, ...(earlier ? { earlierOutcomesReports: earlier } : {}) },
    message: `${what} recorded, received ${clock.today}`,
  };
}

function recordUsage(facts: DealFacts, fact: Extract<NewFact, { kind: 'usage' }>, clock: FactClock): RecordOutcome {
  const { evidence } = fact;
  const what = `usage evidence ${evidence.id}`;
  for (const [metric, value] of Object.entries(evidence.metrics)) {
    if (!Number.isFinite(value) || value < 0) return refused(`${what}: metrics.${metric} is ${value}; a metric is a count or measure, zero or more`);
  }
  const badDate = claimedDateRefusal(`${what}: observedOn`, evidence.observedOn, clock);
  if (badDate) return refused(badDate);
  const same = facts.usage.find((e) => e.id === evidence.id);
  if (same) {
    if (sameContent({ ...same, receivedOn: undefined }, evidence)) return duplicate(what, usageReceivedOn(same));
    return conflict(what, describeUsage(same), usageReceivedOn(same), describeUsage(evidence), 'evidence id');
  }
  return {
    outcome: 'recorded',
    facts: { ...facts, usage: [...facts.usage, { ...evidence, receivedOn: clock.today }] },
    message: `${what} recorded, observed ${evidence.observedOn}, received ${clock.today}`,
  };
}

function recordExpansion(facts: DealFacts, fact: Extract<NewFact, { kind: 'expansion' }>, clock: FactClock): RecordOutcome {
  const what = `expansion ${fact.orderRef}`;
  const badDate = claimedDateRefusal(`${what}: bookedOn`, fact.bookedOn, clock);
  if (badDate) return refused(badDate);
  if (fact.lineItems.length === 0) return refused(`${what}: an expansion booking needs at least one line item`);
  const offered = { bookedOn: fact.bookedOn, lineItems: fact.lineItems, reference: fact.reference };
  const same = facts.expansions.find((e) => e.orderRef === fact.orderRef);
  if (same) {
    if (sameContent({ bookedOn: same.bookedOn, lineItems: same.lineItems, reference: same.reference }, offered)) return duplicate(what, expansionReceivedOn(same));
    return conflict(what, describeExpansion(same), expansionReceivedOn(same), describeExpansion(offered), 'order reference');
  }
  const booking = { orderRef: fact.orderRef, bookedOn: fact.bookedOn, receivedOn: clock.today, lineItems: fact.lineItems, ...(fact.reference ? { reference: fact.reference } : {}) };
  return {
    outcome: 'recorded',
    facts: { ...facts, expansions: [...facts.expansions, booking] },
    message: `${what} recorded, booked ${fact.bookedOn}, received ${clock.today}`,
  };
}

function recordAttestation(facts: DealFacts, fact: Extract<NewFact, { kind: 'attestation' }>, clock: FactClock): RecordOutcome {
  const what = `attestation ${fact.id}`;
  const attestation = { id: fact.id, by: fact.by.toLowerCase(), evidence: fact.evidence, receivedOn: clock.today };
  const same = facts.attestations.find((a) => a.id === fact.id);
  if (same) {
    // One recorded before attestations had evidence is the same declaration: nothing to add.
    if (!('by' in same) || sameContent({ by: same.by, evidence: same.evidence }, { by: attestation.by, evidence: attestation.evidence })) {
      return duplicate(what, attestationReceivedOn(same));
    }
    return conflict(what, describeAttestation(same), attestationReceivedOn(same), describeAttestation(attestation), 'kind (one per deal)');
  }
  return {
    outcome: 'recorded',
    facts: { ...facts, attestations: [...facts.attestations, attestation] },
    message: `${what} recorded, received ${clock.today}`,
  };
}
