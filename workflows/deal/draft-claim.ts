import { fiscalQuarterOf } from '../../src/domain/calendar';
import type { Deal } from '../../src/domain/schemas/deal';
import type { Program } from '../../src/incentives/program-schema';
import type { ClaimQuote } from '../../src/incentives/quote-schema';
import type { ClaimInput, EvidenceRef, TraceEvent } from '../../src/incentives/claim-schema';
import { claimIdFor, formatClaimKey } from '../../src/incentives/claim-key';
import { expectedPayoutQuarter } from '../../src/incentives/rules/payout-quarter';
import { parseMilestoneName } from '../../src/incentives/milestone-ref';
import type { DealMemory, TimelineEntry } from '../deal-state';

/** The deal events and documents behind a milestone's proof: what a reviewer checks. */
function proofOf(program: Program, deal: Deal, memory: DealMemory, quote: ClaimQuote): { events: string[]; evidence: EvidenceRef[] } {
  const booking: EvidenceRef = { kind: 'booking', id: deal.id };
  const named = parseMilestoneName(program, quote.milestone);
  const proof = named?.milestone.proof;
  const event = (key: string): string[] => (memory.factEvents[key] ? [memory.factEvents[key]] : []);
  switch (proof?.type) {
    case 'success-plan':
      return { events: event('successPlan'), evidence: [booking, { kind: 'success-plan', id: `${deal.id}-plan` }] };
    case 'business-outcomes': {
      const confirmation = memory.facts.businessOutcomes?.confirmation;
      const confirmedBy: EvidenceRef[] = confirmation
        ? [{ kind: 'customer-confirmation', id: confirmation.kind === 'email' ? confirmation.messageId : `signature-${confirmation.signedOn}`, reference: confirmation.kind === 'email' ? confirmation.from : confirmation.signedBy }]
        : [];
      return { events: [...event('successPlan'), ...event('outcomes')], evidence: [booking, { kind: 'success-plan', id: `${deal.id}-plan` }, ...confirmedBy] };
    }
    case 'evidence': {
      const items = memory.facts.usage.filter((e) => e.useCase === proof.useCase);
      return {
        events: items.flatMap((e) => event(`usage:${e.id}`)),
        evidence: [booking, ...items.map((e) => ({ kind: 'usage-evidence', id: e.id, ...(e.reference ? { reference: e.reference } : {}) }))],
      };
    }
    case 'expansion-booking': {
      const occurrence = named?.occurrence ?? 1;
      return { events: event(`expansion:${occurrence}`), evidence: [booking, { kind: 'booking', id: `${deal.id}-expansion-${occurrence}` }] };
    }
    default:
      return { events: [], evidence: [booking] };
  }
}

function traceOf(timeline: readonly TimelineEntry[], ids: readonly string[]): TraceEvent[] {
  return ids.flatMap((id) => {
    const entry = timeline.find((e) => e.id === id);
    return entry ? [{ event: entry.type, eventId: entry.id, at: entry.at }] : [];
  });
}

/** The claim document for an eligible quote, as a draft the claims gateway submits. */
export function draftClaim(input: { program: Program; deal: Deal; memory: DealMemory; quote: ClaimQuote; today: string; now: string }): ClaimInput {
  const { program, deal, memory, quote, today, now } = input;
  const idempotencyKey = formatClaimKey({
    partnerId: deal.partnerId,
    dealId: deal.id,
    programId: program.id,
    programVersion: program.version,
    milestone: quote.milestone,
  });
  const earnedOn = quote.provenOn ?? today;
  const proof = proofOf(program, deal, memory, quote);
  const registered = memory.timeline.find((e) => e.type === 'deal.registered');
  return {
    idempotencyKey,
    claimId: claimIdFor(idempotencyKey),
    partnerId: deal.partnerId,
    dealId: deal.id,
    customerName: deal.customer.name,
    architecture: deal.architecture,
    incentive: quote.incentive,
    milestone: quote.milestone,
    amountUsd: quote.amountUsd,
    // The calculator explains the amount in words; the last line carries the amount.
    breakdown: [...quote.breakdown.map((label) => ({ label, amountUsd: 0 })), { label: `${quote.label}: amount claimed`, amountUsd: quote.amountUsd }],
    program: quote.program,
    deadline: quote.deadline ?? earnedOn,
    earnedOn,
    fiscalQuarter: fiscalQuarterOf(earnedOn, program.fiscalYearStartMonth).label,
    expectedPayoutQuarter: expectedPayoutQuarter(today, program).label,
    evidence: proof.evidence,
    trace: traceOf(memory.timeline, [...(registered ? [registered.id] : []), ...proof.events]),
    status: 'draft',
    statusHistory: [{ status: 'draft', at: now }],
  };
}
