import type { CustomerConfirmation } from '../../domain/schemas/outcomes';
import type { LineItem } from '../../domain/schemas/deal';
import type { Attestation, ExpansionBooking, OutcomesReportFact, UsageFact } from '../facts-schema';
import { formatUsd } from '../rules/money';

/*
 * One line per fact, in the words a conflict message names both facts with: everything that
 * makes two facts under one identity different is in it.
 */

function metricsText(metrics: Readonly<Record<string, number>>): string {
  const entries = Object.entries(metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? 'no metrics' : entries.map(([name, value]) => `${name} ${value}`).join(', ');
}

export function describeUsage(evidence: Omit<UsageFact, 'receivedOn'>): string {
  const source = evidence.source === 'pop' ? 'PoP' : 'telemetry';
  const reference = evidence.reference ? `, reference ${evidence.reference}` : '';
  return `${source} for ${evidence.useCase} observed ${evidence.observedOn} (${metricsText(evidence.metrics)}${reference})`;
}

function linesText(lineItems: readonly LineItem[]): string {
  return lineItems.map((line) => `${line.quantity} × ${line.sku} ${formatUsd(line.netValueUsd)}${line.software ? '' : ' (not software)'}`).join(', ');
}

export function describeExpansion(expansion: Omit<ExpansionBooking, 'receivedOn'>): string {
  const reference = expansion.reference ? `, reference ${expansion.reference}` : '';
  return `booked ${expansion.bookedOn}: ${linesText(expansion.lineItems)}${reference}`;
}

function confirmationText(confirmation: CustomerConfirmation | undefined): string {
  if (!confirmation) return 'not confirmed by the customer';
  return confirmation.kind === 'signature'
    ? `signed by ${confirmation.signedBy} on ${confirmation.signedOn}`
    : `confirmed by e-mail ${confirmation.messageId} from ${confirmation.from} on ${confirmation.receivedOn}`;
}

export function describeReport(report: Omit<OutcomesReportFact, 'receivedOn'>): string {
  return `reported ${report.reportedOn}, ${confirmationText(report.confirmation)}`;
}

export function describePlan(plan: { version: number; submittedOn?: string; reference?: string }): string {
  const submitted = plan.submittedOn ? ` submitted ${plan.submittedOn}` : '';
  return `version ${plan.version}${submitted}${plan.reference ? `, reference ${plan.reference}` : ''}`;
}

export function describeAttestation(attestation: Attestation): string {
  if (!('by' in attestation)) return `recorded ${attestation.recordedOn}`;
  return `by ${attestation.by} on evidence ${attestation.evidence.reference}${attestation.evidence.description ? ` (${attestation.evidence.description})` : ''}`;
}
