import { MS_PER_DAY } from '../../domain/calendar';
import type { VendorLine } from '../../claims/vendor-file';
import type { Db } from '../connect';
import { ClaimDecisionError, recordVendorDecision, type VendorDecision } from './vendor-decisions';

/**
 * Reconciles the vendor portal's decisions with the claims ledger: applies each decision the
 * ledger does not hold yet (through recordVendorDecision, so each is audited and moves the claim
 * by its lifecycle) and reports every mismatch. A decision the ledger already holds changes
 * nothing, so the same file again is harmless.
 */

export type MismatchKind = 'invalid-row' | 'unknown-claim' | 'amount-differs' | 'paid-twice' | 'refused' | 'no-decision';

export interface Mismatch {
  kind: MismatchKind;
  /** The file's row; absent for a claim the file says nothing about. */
  row?: number;
  claim: string;
  detail: string;
}

export interface ReconciliationReport {
  rows: number;
  applied: number;
  unchanged: number;
  mismatches: Mismatch[];
}

export interface ReconcileContext {
  partnerId: string;
  recordedBy: string;
  /** A submitted claim with no decision after this many days is reported. */
  noDecisionAfterDays: number;
  /** When the file is reconciled. */
  now: Date;
}


type ClaimState = { claim_id: string; idempotency_key: string; status: string; amount_usd: number; amount_approved_usd: number | null; paid_on: string | null };

async function find(db: Db, partnerId: string, claimIdOrKey: string): Promise<ClaimState | undefined> {
  return db
    .selectFrom('claims')
    .select(['claim_id', 'idempotency_key', 'status', 'amount_usd', 'amount_approved_usd', 'paid_on'])
    .where('partner_id', '=', partnerId)
    .where((eb) => eb.or([eb('claim_id', '=', claimIdOrKey), eb('idempotency_key', '=', claimIdOrKey)]))
    .executeTakeFirst();
}

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

export async function reconcileVendorDecisions(db: Db, lines: AsyncIterable<VendorLine>, context: ReconcileContext): Promise<ReconciliationReport> {
  const report: ReconciliationReport = { rows: 0, applied: 0, unchanged: 0, mismatches: [] };
  const paidInFile = new Map<string, number>();
  const at = context.now.toISOString();
  const mismatch = (m: Mismatch) => report.mismatches.push(m);
  const apply = async (row: number, claim: string, decision: VendorDecision): Promise<boolean> => {
    try {
      await recordVendorDecision(db, claim, decision, { partnerId: context.partnerId, recordedBy: context.recordedBy });
      return true;
    } catch (err) {
      if (!(err instanceof ClaimDecisionError)) throw err;
      mismatch({ kind: 'refused', row, claim, detail: err.message });
      return false;
    }
  };

  for await (const line of lines) {
    report.rows++;
    if ('problem' in line) {
      mismatch({ kind: 'invalid-row', row: line.row, claim: line.claim ?? '', detail: line.problem });
      continue;
    }
    const { row, decision } = line;
    const stored = await find(db, context.partnerId, decision.claim);
    if (!stored) {
      mismatch({ kind: 'unknown-claim', row, claim: decision.claim, detail: `no claim ${decision.claim} of partner ${context.partnerId} in the ledger` });
      continue;
    }
    const approved = decision.amount_approved_usd;
    if (approved !== undefined && approved !== stored.amount_usd) {
      mismatch({ kind: 'amount-differs', row, claim: stored.claim_id, detail: `claimed ${usd(stored.amount_usd)}, the vendor approved ${usd(approved)}` });
    }
    if (decision.status === 'paid') {
      const earlier = paidInFile.get(stored.claim_id);
      paidInFile.set(stored.claim_id, row);
      if (earlier !== undefined) {
        mismatch({ kind: 'paid-twice', row, claim: stored.claim_id, detail: `the file pays it again (first on row ${earlier}); not applied` });
        continue;
      }
      if (stored.status === 'paid') {
        if (stored.paid_on === decision.paid_on && (approved === undefined || approved === stored.amount_approved_usd)) report.unchanged++;
        else mismatch({ kind: 'paid-twice', row, claim: stored.claim_id, detail: `already paid on ${stored.paid_on}; the file pays it on ${decision.paid_on}; not applied` });
        continue;
      }
      // The portal reports the payment of a claim it never reported accepted: the payment says it was.
      if (stored.status === 'submitted' && !(await apply(row, stored.claim_id, { status: 'accepted', at, ...(approved !== undefined ? { amountApprovedUsd: approved } : {}) }))) continue;
      if (await apply(row, stored.claim_id, { status: 'paid', at, paidOn: decision.paid_on })) report.applied++;
      continue;
    }
    // Held already: the same decision, or an acceptance of a claim since paid (a file with its history).
    const held = stored.status === decision.status || (decision.status === 'accepted' && stored.status === 'paid');
    if (held && (decision.status === 'rejected' || approved === undefined || approved === stored.amount_approved_usd)) {
      report.unchanged++;
      continue;
    }
    const vendorDecision: VendorDecision = decision.status === 'accepted' ? { status: 'accepted', at, ...(approved !== undefined ? { amountApprovedUsd: approved } : {}) } : { status: 'rejected', at };
    if (await apply(row, stored.claim_id, vendorDecision)) report.applied++;
  }

  const staleBefore = new Date(context.now.getTime() - context.noDecisionAfterDays * MS_PER_DAY);
  const stale = await db
    .selectFrom('claims')
    .select(['claim_id', 'submitted_at'])
    .where('partner_id', '=', context.partnerId)
    .where('status', '=', 'submitted')
    .where('submitted_at', '<', staleBefore)
    .orderBy('submitted_at')
    .execute();
  for (const claim of stale) {
    const days = Math.floor((context.now.getTime() - claim.submitted_at!.getTime()) / MS_PER_DAY);
    mismatch({ kind: 'no-decision', claim: claim.claim_id, detail: `submitted ${days} days ago and still no decision from the vendor (reported after ${context.noDecisionAfterDays} days)` });
  }
  return report;
}
