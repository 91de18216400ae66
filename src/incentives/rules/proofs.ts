import { addMonths, startOfMonth } from '../../domain/calendar';
import type { IsoDate } from '../../domain/schemas/common';
import type { UsageEvidence } from '../../domain/schemas/evidence';
import type { DealFacts, ExpansionBooking } from '../facts-schema';
import type { Condition, Proof } from '../program-schema';
import { evaluateCondition } from './conditions';

/** One way the milestone's proof is complete, dated by the day it became complete. */
export interface ProofCandidate {
  provenOn: IsoDate;
  lines: string[];
  /** Metrics of the evidence that proves it (per-unit payouts count these). */
  metrics?: Readonly<Record<string, number>>;
  expansion?: ExpansionBooking;
}

export type ProofOutcome =
  /** Sorted by `provenOn`, never empty. Window and prerequisites are checked by the caller. */
  | { kind: 'candidates'; candidates: ProofCandidate[] }
  /** Something was submitted but does not prove the milestone. */
  | { kind: 'unmet'; code: 'condition-not-met' | 'missing-customer-confirmation'; explanation: string }
  | { kind: 'absent'; explanation: string };

/** A potential claim of the milestone: one, except one per expansion booking. */
export interface ProofInstance {
  /** Appended to the milestone id, e.g. `-2` for the second expansion booking. */
  suffix: string;
  outcome: ProofOutcome;
}

function candidates(list: ProofCandidate[]): ProofOutcome {
  return { kind: 'candidates', candidates: [...list].sort((a, b) => (a.provenOn < b.provenOn ? -1 : a.provenOn > b.provenOn ? 1 : 0)) };
}

function evidenceLine(evidence: UsageEvidence): string {
  return `${evidence.source === 'pop' ? 'PoP' : 'telemetry'} ${evidence.id} observed ${evidence.observedOn}`;
}

function test(condition: Condition | undefined, evidence: UsageEvidence) {
  return condition ? evaluateCondition(condition, evidence.metrics) : { met: true, lines: [] };
}

function explain(evidence: UsageEvidence, condition: Condition | undefined): string {
  return [evidenceLine(evidence), ...test(condition, evidence).lines.map((l) => l.trim())].join('; ');
}

function singleReading(items: UsageEvidence[], condition: Condition | undefined): ProofOutcome {
  const proving = items.flatMap((evidence) => {
    const result = test(condition, evidence);
    return result.met ? [{ provenOn: evidence.observedOn, lines: [evidenceLine(evidence), ...result.lines], metrics: evidence.metrics }] : [];
  });
  if (proving.length > 0) return candidates(proving);
  return { kind: 'unmet', code: 'condition-not-met', explanation: explain(items[items.length - 1]!, condition) };
}

/**
 * "Sustained for N consecutive months": a calendar month counts when it has readings and every
 * reading in it meets the condition (one dip breaks the run); the proof is complete on the last
 * reading of the Nth month.
 */
function sustainedReadings(items: UsageEvidence[], condition: Condition | undefined, months: number): ProofOutcome {
  const byMonth = new Map<IsoDate, UsageEvidence[]>();
  for (const evidence of items) {
    const month = startOfMonth(evidence.observedOn);
    byMonth.set(month, [...(byMonth.get(month) ?? []), evidence]);
  }
  const proving: ProofCandidate[] = [];
  let run: IsoDate[] = [];
  let longest = 0;
  for (const month of [...byMonth.keys()].sort()) {
    const readings = byMonth.get(month)!;
    if (!readings.every((evidence) => test(condition, evidence).met)) {
      run = [];
      continue;
    }
    const previous = run[run.length - 1];
    run = previous !== undefined && addMonths(previous, 1) === month ? [...run, month] : [month];
    longest = Math.max(longest, run.length);
    if (run.length >= months) {
      const last = readings[readings.length - 1]!;
      const span = `${run[run.length - months]!.slice(0, 7)} to ${month.slice(0, 7)}`;
      proving.push({
        provenOn: last.observedOn,
        lines: [`met in every reading for ${months} consecutive months, ${span}`, evidenceLine(last), ...test(condition, last).lines],
        metrics: last.metrics,
      });
    }
  }
  if (proving.length > 0) return candidates(proving);
  const explanation = `longest run of months meeting the condition: ${longest}, needs ${months} consecutive`;
  const failing = [...items].reverse().find((evidence) => !test(condition, evidence).met);
  return { kind: 'unmet', code: 'condition-not-met', explanation: failing ? `${explanation}; ${explain(failing, condition)}` : explanation };
}

function confirmationLine(confirmation: NonNullable<NonNullable<DealFacts['businessOutcomes']>['confirmation']>): { on: IsoDate; line: string } {
  return confirmation.kind === 'signature'
    ? { on: confirmation.signedOn, line: `confirmed by the customer's signature (${confirmation.signedBy}, ${confirmation.signedOn})` }
    : { on: confirmation.receivedOn, line: `confirmed by the customer's e-mail from ${confirmation.from} (${confirmation.receivedOn})` };
}

/** Resolves what in the deal's facts proves a milestone. */
export function proofInstances(proof: Proof, facts: DealFacts): ProofInstance[] {
  switch (proof.type) {
    case 'evidence': {
      const items = facts.usage.filter((e) => e.useCase === proof.useCase).sort((a, b) => (a.observedOn < b.observedOn ? -1 : a.observedOn > b.observedOn ? 1 : 0));
      if (items.length === 0) return [{ suffix: '', outcome: { kind: 'absent', explanation: `no ${proof.useCase} evidence recorded` } }];
      const outcome = proof.sustainedMonths === undefined ? singleReading(items, proof.condition) : sustainedReadings(items, proof.condition, proof.sustainedMonths);
      return [{ suffix: '', outcome }];
    }
    case 'success-plan': {
      const plan = facts.successPlan;
      if (!plan) return [{ suffix: '', outcome: { kind: 'absent', explanation: 'no success plan submitted' } }];
      return [{ suffix: '', outcome: candidates([{ provenOn: plan.submittedOn, lines: [`success plan submitted ${plan.submittedOn}`] }]) }];
    }
    case 'business-outcomes': {
      const report = facts.businessOutcomes;
      if (!report) return [{ suffix: '', outcome: { kind: 'absent', explanation: 'no business outcomes reported' } }];
      const reported = `business outcomes reported ${report.reportedOn}`;
      if (!report.confirmation) {
        if (proof.requiresCustomerConfirmation) {
          const explanation = `${reported} without the customer's confirmation: a signature or confirmation e-mail is required`;
          return [{ suffix: '', outcome: { kind: 'unmet', code: 'missing-customer-confirmation', explanation } }];
        }
        return [{ suffix: '', outcome: candidates([{ provenOn: report.reportedOn, lines: [reported] }]) }];
      }
      const confirmed = confirmationLine(report.confirmation);
      const provenOn = confirmed.on > report.reportedOn ? confirmed.on : report.reportedOn;
      return [{ suffix: '', outcome: candidates([{ provenOn, lines: [reported, confirmed.line] }]) }];
    }
    case 'expansion-booking': {
      if (facts.expansions.length === 0) return [{ suffix: '-1', outcome: { kind: 'absent', explanation: 'no expansion booking recorded' } }];
      return facts.expansions.map((expansion, i) => ({
        suffix: `-${i + 1}`,
        outcome: candidates([
          { provenOn: expansion.bookedOn, lines: [`expansion booked ${expansion.bookedOn}${expansion.reference ? ` (${expansion.reference})` : ''}`], expansion },
        ]),
      }));
    }
  }
}
