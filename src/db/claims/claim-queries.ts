import type { Claim, ClaimStatus, FiscalQuarterLabel } from '../../incentives/claim-schema';
import type { Db } from '../connect';
import { claimFromRow, historiesOf } from './claim-ledger';

export interface ClaimFilter {
  partnerId: string;
  status?: ClaimStatus;
  fiscalQuarter?: FiscalQuarterLabel;
  dealId?: string;
}

/** A claim with what the vendor decided about money, which the claim document does not carry. */
export interface LedgerClaim {
  claim: Claim;
  amountApprovedUsd: number | null;
  paidAmountUsd: number | null;
  paidOn: string | null;
}

/** One partner's claims, oldest fiscal quarter first, in the order they were recorded within it. */
export async function listLedgerClaims(db: Db, filter: ClaimFilter): Promise<LedgerClaim[]> {
  let query = db.selectFrom('claims').selectAll().where('partner_id', '=', filter.partnerId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.fiscalQuarter) query = query.where('fiscal_quarter', '=', filter.fiscalQuarter);
  if (filter.dealId) query = query.where('deal_id', '=', filter.dealId);
  const rows = await query.orderBy('fiscal_quarter').orderBy('recorded_at').orderBy('claim_id').execute();
  const histories = await historiesOf(db, rows.map((r) => r.claim_id));
  return rows.map((row) => ({
    claim: claimFromRow(row, histories.get(row.claim_id) ?? []),
    amountApprovedUsd: row.amount_approved_usd,
    paidAmountUsd: row.paid_amount_usd,
    paidOn: row.paid_on,
  }));
}
