import type { ReserveAdoptionSlotInput, ReserveAdoptionSlotResult } from '../../activities/caps';
import type { SubmitClaimInput, SubmitClaimResult } from '../../activities/claims';
import { instantAfterLastDay } from '../../src/domain/calendar';
import { parseMilestoneName } from '../../src/incentives/milestone-ref';
import type { ClaimQuote } from '../../src/incentives/quote-schema';
import { capCountedOn, capDecision } from '../../src/incentives/rules/caps';
import { evaluateIncentives } from '../../src/incentives/rules/evaluate';
import type { DealClaim } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { closeDeadline } from './deadline-book';
import { draftClaim } from './draft-claim';
import { record } from './timeline';

/** What claiming needs from outside the deal: the partner's cap entity and the claims gateway. */
export interface ClaimPorts {
  reserveAdoptionSlot(input: ReserveAdoptionSlotInput): Promise<ReserveAdoptionSlotResult>;
  submitClaim(input: SubmitClaimInput): Promise<Pick<SubmitClaimResult, 'receipt'>>;
}

/**
 * Settles the deal's incentives against what it has proven: reserves a cap slot before the
 * first claim of a capped incentive, submits each eligible claim once, records why the others
 * do not pay, and closes the incentive deadlines whose proof arrived in time.
 */
export async function settleClaims(ctx: DealContext, ports: ClaimPorts, { closeProvenFirst = false } = {}): Promise<void> {
  const { program, deal, partner, memory } = ctx;
  // A deal closed as lost or cancelled claims nothing more.
  if (memory.closure) return;
  // Runs judging facts by identity also keep an exclusive group with the claim already made.
  const claimed = ctx.rules.factsByIdentity ? memory.claims.map((c) => c.milestone) : undefined;
  const evaluate = () => evaluateIncentives({ program, deal, partner, facts: memory.facts, asOf: ctx.clock.today(), capStatus: memory.capStatus, claimed });
  let quotes = evaluate();
  // Beside the loop, the submissions below may wait out an outage while the loop attends deadlines:
  // a deadline met in time is closed before, so that it does not escalate or breach meanwhile.
  if (closeProvenFirst) closeProvenDeadlines(ctx, quotes);
  for (const incentive of program.incentives) {
    if (!incentive.cap || memory.capStatus[incentive.kind] !== undefined) continue;
    const first = quotes.find((q) => q.incentive === incentive.kind && q.eligible);
    if (!first?.provenOn) continue;
    // The quarter reserved is the quarter quoted: both come from capCountedOn.
    const countedOn = ctx.rules.factsByIdentity ? capCountedOn(program, incentive, quotes) : first.provenOn;
    if (!countedOn) continue;
    const cap = capDecision({ program, incentiveKind: incentive.kind, deal, partner, countedOn });
    if (cap && cap.limited) {
      const slot = await ports.reserveAdoptionSlot({
        partnerId: partner.id,
        architecture: deal.architecture,
        fiscalQuarter: cap.fiscalQuarter.label,
        enterpriseAgreement: deal.enterpriseAgreement,
        dealId: deal.id,
        milestone: first.milestone,
        limit: cap.limit,
      });
      memory.capStatus[incentive.kind] = slot.granted ? 'slot-granted' : 'cap-reached';
    } else {
      memory.capStatus[incentive.kind] = 'slot-granted';
    }
    quotes = evaluate();
  }
  for (const quote of quotes) await settleQuote(ctx, ports, quote);
  closeProvenDeadlines(ctx, quotes);
}

/** Closes each open incentive deadline whose milestone was proven by its due instant. */
function closeProvenDeadlines(ctx: DealContext, quotes: ClaimQuote[]): void {
  for (const deadline of ctx.memory.deadlines) {
    if (deadline.kind !== 'incentive' || deadline.status !== 'open') continue;
    const proven = quotes.find((q) => deadline.milestones?.includes(parseMilestoneName(ctx.program, q.milestone)?.ref ?? '') && q.provenOn !== undefined && instantAfterLastDay(q.provenOn) <= deadline.dueAt);
    if (proven) closeDeadline(ctx, deadline.id, { milestone: proven.milestone });
  }
}

async function settleQuote(ctx: DealContext, ports: ClaimPorts, quote: ClaimQuote): Promise<void> {
  const { memory } = ctx;
  if (memory.claims.some((c) => c.milestone === quote.milestone)) return;
  if (quote.eligible) {
    const now = isoInstant(ctx.clock.now());
    const claim = draftClaim({ program: ctx.program, deal: ctx.deal, memory, quote, today: ctx.clock.today(), now });
    try {
      const { receipt } = await ports.submitClaim({ claim });
      const submitted = { ...claim, status: 'submitted' as const, submittedAt: receipt.receivedAt, sinkReceipt: receipt };
      memory.claims.push({ milestone: quote.milestone, claim: submitted as DealClaim['claim'], receipt });
      record(ctx, 'claim.submitted', { milestone: quote.milestone, amountUsd: quote.amountUsd, claimId: claim.claimId, idempotencyKey: claim.idempotencyKey, trace: claim.trace.map((t) => t.eventId) });
    } catch (err) {
      const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      memory.ineligible.push({ milestone: quote.milestone, reasonCode: 'rejected', reason, at: isoInstant(ctx.clock.now()) });
      record(ctx, 'claim.ineligible', { milestone: quote.milestone, reasonCode: 'rejected', reason });
    }
    return;
  }
  // Proof exists (or was tried) but does not earn the claim: say why, once per reason.
  const telling = quote.provenOn !== undefined || quote.reasonCode === 'condition-not-met' || quote.reasonCode === 'missing-customer-confirmation';
  if (!telling || !quote.reasonCode) return;
  if (memory.ineligible.some((i) => i.milestone === quote.milestone && i.reasonCode === quote.reasonCode)) return;
  memory.ineligible.push({ milestone: quote.milestone, reasonCode: quote.reasonCode, reason: quote.reason ?? '', at: isoInstant(ctx.clock.now()) });
  record(ctx, 'claim.ineligible', { milestone: quote.milestone, reasonCode: quote.reasonCode, reason: quote.reason });
}
