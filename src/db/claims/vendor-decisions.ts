import { z } from 'zod';
import { strictObject } from '../../domain/schemas/strict';
import { IsoDate, IsoDateTime, Usd } from '../../domain/schemas/common';
import { formatZodError } from '../../domain/schemas/errors';
import { transitionClaimStatus } from '../../incentives/claim-schema';
import type { Db } from '../connect';
import { claimFromRow, historiesOf } from './claim-ledger';
import type { LedgerClaim } from './claim-queries';

/**
 * What finance records after submission: the vendor's verdict, then the payout. Each decision is
 * a row of claim_vendor_decisions and a status-history entry, in one transaction that locks the
 * claim, so two people recording at once serialise and the second sees the first's status.
 */

const note = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

export const VendorDecision = z
  .discriminatedUnion('status', [
    strictObject({ status: z.literal('accepted'), at: IsoDateTime, amountApprovedUsd: Usd.optional(), note: note.optional() }),
    strictObject({ status: z.literal('rejected'), at: IsoDateTime, note: note.optional() }),
    strictObject({ status: z.literal('paid'), at: IsoDateTime, paidOn: IsoDate, paidAmountUsd: Usd.optional(), note: note.optional() }),
  ], { error: () => 'must be accepted, rejected or paid' });
export type VendorDecision = z.infer<typeof VendorDecision>;

export class ClaimNotFoundError extends Error {}
export class ClaimDecisionError extends Error {}

export interface DecisionContext {
  /** Only this partner's claims can be decided on. */
  partnerId: string;
  /** The person recording it. */
  recordedBy: string;
}

/**
 * Records `decision` for the claim (by claim id or idempotency key) of `partnerId`. Throws
 * ClaimNotFoundError, or ClaimDecisionError for invalid input or a move the claim lifecycle does
 * not allow (a refused decision changes nothing). Amounts default to what came before: approved
 * to the amount claimed, paid to the amount approved.
 */
export async function recordVendorDecision(db: Db, claimIdOrKey: string, input: unknown, context: DecisionContext): Promise<LedgerClaim> {
  const parsed = VendorDecision.safeParse(input);
  if (!parsed.success) throw new ClaimDecisionError(`invalid vendor decision:\n${formatZodError(parsed.error)}`);
  const decision = parsed.data;
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('claims')
      .selectAll()
      .where('partner_id', '=', context.partnerId)
      .where((eb) => eb.or([eb('claim_id', '=', claimIdOrKey), eb('idempotency_key', '=', claimIdOrKey)]))
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new ClaimNotFoundError(`no claim ${claimIdOrKey} of partner ${context.partnerId} in the ledger`);
    const transition = transitionClaimStatus(current.status, decision.status);
    if (!transition.ok) throw new ClaimDecisionError(`claim ${current.claim_id}: ${transition.reason}`);

    const approved = decision.status === 'accepted' ? (decision.amountApprovedUsd ?? current.amount_usd) : current.amount_approved_usd;
    const paid = decision.status === 'paid' ? (decision.paidAmountUsd ?? current.amount_approved_usd ?? current.amount_usd) : null;
    const paidOn = decision.status === 'paid' ? decision.paidOn : null;
    await trx
      .insertInto('claim_vendor_decisions')
      .values({
        claim_id: current.claim_id,
        decision: decision.status,
        decided_at: decision.at,
        amount_approved_usd: decision.status === 'accepted' ? approved : null,
        paid_amount_usd: paid,
        paid_on: paidOn,
        recorded_by: context.recordedBy,
        note: decision.note ?? null,
      })
      .execute();
    await trx
      .insertInto('claim_status_history')
      .values({ claim_id: current.claim_id, status: decision.status, at: decision.at, by: context.recordedBy, why: decision.note ?? null })
      .execute();
    const updated = await trx
      .updateTable('claims')
      .set({
        status: transition.status,
        amount_approved_usd: approved,
        ...(decision.status === 'paid' ? { paid_amount_usd: paid, paid_on: paidOn } : {}),
        updated_at: new Date(),
      })
      .where('claim_id', '=', current.claim_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      claim: claimFromRow(updated, (await historiesOf(trx, [updated.claim_id])).get(updated.claim_id) ?? []),
      amountApprovedUsd: updated.amount_approved_usd,
      paidAmountUsd: updated.paid_amount_usd,
      paidOn: updated.paid_on,
    };
  });
}
