import { addMonths, startOfMonth } from '../../domain/calendar';
import type { IsoDate } from '../../domain/schemas/common';
import type { DealFacts, ExpansionBooking, OutcomesReportFact, UsageFact } from '../facts-schema';
import { expansionReceivedOn, outcomesReports, planReceivedOn, reportReceivedOn, usageReceivedOn } from '../facts/received-on';
import type { Condition, Proof, WindowMetBy } from '../program-schema';
import { evaluateCondition } from './conditions';

/** One way the milestone's proof is complete, dated by the day that meets its window. */
export interface ProofCandidate {
  /** The date that meets the window (the program's `windowMetBy`). */
  provenOn: IsoDate;
  /** What proved it and how that date came about, e.g. "the success plan was received". */
  dated: string;
  /**
   * The fact was recorded before facts carried the day Baton received them: its claimed date
   * stands in for it, and reasons are worded as they were then.
   */
  legacy: boolean;
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
  /** For per-occurrence milestones, which occurrence (1 = the first). */
  occurrence?: number;
  outcome: ProofOutcome;
}

function candidates(list: ProofCandidate[]): ProofOutcome {
  return { kind: 'candidates', candidates: [...list].sort((a, b) => (a.provenOn < b.provenOn ? -1 : a.provenOn > b.provenOn ? 1 : 0)) };
}

const byDate = <T>(dateOf: (item: T) => IsoDate) => (a: T, b: T) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0);

function evidenceName(evidence: UsageFact): string {
  return `${evidence.source === 'pop' ? 'PoP' : 'telemetry'} ${evidence.id}`;
}

function evidenceLine(evidence: UsageFact): string {
  const received = evidence.receivedOn !== undefined ? `, received ${evidence.receivedOn}` : '';
  return `${evidenceName(evidence)} observed ${evidence.observedOn}${received}`;
}

function usageCandidate(last: UsageFact, run: readonly UsageFact[], lines: string[]): ProofCandidate {
  const receivedOn = run.map(usageReceivedOn).reduce((a, b) => (b > a ? b : a));
  const legacy = run.every((e) => e.receivedOn === undefined);
  return { provenOn: receivedOn, dated: `${evidenceName(last)} (observed ${last.observedOn}) was received`, legacy, lines, metrics: last.metrics };
}

function test(condition: Condition | undefined, evidence: UsageFact) {
  return condition ? evaluateCondition(condition, evidence.metrics) : { met: true, lines: [] };
}

function explain(evidence: UsageFact, condition: Condition | undefined): string {
  return [evidenceLine(evidence), ...test(condition, evidence).lines.map((l) => l.trim())].join('; ');
}

function singleReading(items: UsageFact[], condition: Condition | undefined): ProofOutcome {
  const proving = items.flatMap((evidence) => {
    const result = test(condition, evidence);
    return result.met ? [usageCandidate(evidence, [evidence], [evidenceLine(evidence), ...result.lines])] : [];
  });
  if (proving.length > 0) return candidates(proving);
  return { kind: 'unmet', code: 'condition-not-met', explanation: explain(items[items.length - 1]!, condition) };
}

/**
 * "Sustained for N consecutive months": a calendar month (of the readings' observed dates)
 * counts when it has readings and every reading in it meets the condition (one dip breaks the
 * run); the proof is complete when the last reading of the Nth month is in.
 */
function sustainedReadings(items: UsageFact[], condition: Condition | undefined, months: number): ProofOutcome {
  const byMonth = new Map<IsoDate, UsageFact[]>();
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
      const inRun = run.slice(-months).flatMap((m) => byMonth.get(m)!);
      const lines = [`met in every reading for ${months} consecutive months, ${span}`, evidenceLine(last), ...test(condition, last).lines];
      proving.push(usageCandidate(last, inRun, lines));
    }
  }
  if (proving.length > 0) return candidates(proving);
  const explanation = `longest run of months meeting the condition: ${longest}, needs ${months} consecutive`;
  const failing = [...items].reverse().find((evidence) => !test(condition, evidence).met);
  return { kind: 'unmet', code: 'condition-not-met', explanation: failing ? `${explanation}; ${explain(failing, condition)}` : explanation };
}

/**
 * A sustained run is judged on the readings Baton had when it completed: a reading received
 * later (even one observed inside the run) cannot undo a proof that was already complete, so a
 * claim made on it stays earned. Readings recorded before `receivedOn` existed are judged all
 * together, as they always were.
 */
function sustainedAsReceived(items: UsageFact[], condition: Condition | undefined, months: number): ProofOutcome {
  if (items.some((e) => e.receivedOn === undefined)) return sustainedReadings(items, condition, months);
  const days = [...new Set(items.map(usageReceivedOn))].sort();
  const proving = new Map<string, ProofCandidate>();
  for (const day of days) {
    const outcome = sustainedReadings(items.filter((e) => usageReceivedOn(e) <= day), condition, months);
    if (outcome.kind !== 'candidates') continue;
    for (const candidate of outcome.candidates) {
      const key = `${candidate.provenOn} ${candidate.lines[0]}`;
      if (!proving.has(key)) proving.set(key, candidate);
    }
  }
  return proving.size > 0 ? candidates([...proving.values()]) : sustainedReadings(items, condition, months);
}

function confirmationLine(confirmation: NonNullable<OutcomesReportFact['confirmation']>): string {
  return confirmation.kind === 'signature'
    ? `confirmed by the customer's signature (${confirmation.signedBy}, ${confirmation.signedOn})`
    : `confirmed by the customer's e-mail from ${confirmation.from} (${confirmation.receivedOn})`;
}

function reportOutcome(report: OutcomesReportFact, requiresConfirmation: boolean): ProofOutcome {
  const name = report.reportId !== undefined ? `business outcomes report ${report.reportId}` : 'business outcomes';
  const received = report.receivedOn !== undefined ? `, received ${report.receivedOn}` : '';
  const reported = `${name} reported ${report.reportedOn}${received}`;
  const dated = report.reportId !== undefined ? `the business outcomes report ${report.reportId} was received` : 'the business outcomes report was received';
  const legacy = report.receivedOn === undefined;
  const provenOn = reportReceivedOn(report);
  if (!report.confirmation) {
    if (requiresConfirmation) {
      const explanation = `${reported} without the customer's confirmation: a signature or confirmation e-mail is required`;
      return { kind: 'unmet', code: 'missing-customer-confirmation', explanation };
    }
    return candidates([{ provenOn, dated, legacy, lines: [reported] }]);
  }
  return candidates([{ provenOn, dated, legacy, lines: [reported, confirmationLine(report.confirmation)] }]);
}

/** Resolves what in the deal's facts proves a milestone; `metBy` says which date meets its window. */
export function proofInstances(proof: Proof, facts: DealFacts, metBy: WindowMetBy): ProofInstance[] {
  switch (proof.type) {
    case 'evidence': {
      const items = facts.usage.filter((e) => e.useCase === proof.useCase).sort(byDate((e: UsageFact) => e.observedOn));
      if (items.length === 0) return [{ outcome: { kind: 'absent', explanation: `no ${proof.useCase} evidence recorded` } }];
      const outcome = proof.sustainedMonths === undefined ? singleReading(items, proof.condition) : sustainedAsReceived(items, proof.condition, proof.sustainedMonths);
      return [{ outcome }];
    }
    case 'success-plan': {
      const plan = facts.successPlan;
      if (!plan) return [{ outcome: { kind: 'absent', explanation: 'no success plan submitted' } }];
      const legacy = plan.receivedOn === undefined;
      const line = legacy
        ? `success plan submitted ${plan.submittedOn}`
        : `success plan version ${plan.version ?? 1} received ${plan.receivedOn}${plan.submittedOn !== plan.receivedOn ? ` (dated ${plan.submittedOn})` : ''}`;
      return [{ outcome: candidates([{ provenOn: planReceivedOn(plan), dated: 'the success plan was received', legacy, lines: [line] }]) }];
    }
    case 'business-outcomes': {
      const reports = outcomesReports(facts);
      if (reports.length === 0) return [{ outcome: { kind: 'absent', explanation: 'no business outcomes reported' } }];
      // Any report may prove it; when none does, the latest says why.
      const outcomes = reports.map((report) => reportOutcome(report, proof.requiresCustomerConfirmation));
      const proving = outcomes.flatMap((o) => (o.kind === 'candidates' ? o.candidates : []));
      return [{ outcome: proving.length > 0 ? candidates(proving) : outcomes.at(-1)! }];
    }
    case 'expansion-booking': {
      if (facts.expansions.length === 0) return [{ occurrence: 1, outcome: { kind: 'absent', explanation: 'no expansion booking recorded' } }];
      return facts.expansions.map((expansion, i) => {
        const name = expansion.orderRef !== undefined ? `expansion ${expansion.orderRef}` : 'the expansion';
        const received = expansion.receivedOn !== undefined ? `, received ${expansion.receivedOn}` : '';
        const reference = expansion.orderRef ?? expansion.reference;
        const line = `expansion booked ${expansion.bookedOn}${reference ? ` (${reference})` : ''}${received}`;
        const provenOn = metBy === 'booked' ? expansion.bookedOn : expansionReceivedOn(expansion);
        const dated = `${name} was ${metBy === 'booked' ? 'booked' : 'received'}`;
        return { occurrence: i + 1, outcome: candidates([{ provenOn, dated, legacy: expansion.receivedOn === undefined, lines: [line], expansion }]) };
      });
    }
  }
}
