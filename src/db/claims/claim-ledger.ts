import { type Selectable, type Transaction } from 'kysely';
import { Claim, SubmissionReceipt, transitionClaimStatus, type StatusChange } from '../../incentives/claim-schema';
import type { Db } from '../connect';
import type { BatonDatabase, ClaimsTable, ClaimStatusHistoryTable } from '../schema';

/**
 * The claims ledger: every claim Baton earned, exactly once by its idempotency key (a UNIQUE
 * constraint, so two workers racing on one milestone cannot both insert), with its status history.
 * The gateway (outbox + CSV, or the vendor's endpoint) is where a claim is sent; this is where
 * Baton knows what it claimed.
 */

export type ClaimRow = Selectable<ClaimsTable>;
type HistoryRow = Selectable<ClaimStatusHistoryTable>;

export interface LedgerEntry {
  claim: Claim;
  /** False when the key was already in the ledger: a retry or the losing side of a race. */
  inserted: boolean;
}

/** The document column: the claim as earned, without what the ledger keeps in its own columns. */
function documentOf(claim: Claim): Record<string, unknown> {
  const { status: _status, statusHistory: _history, submittedAt: _submittedAt, sinkReceipt: _receipt, ...document } = claim;
  return document;
}

export function claimFromRow(row: ClaimRow, history: readonly HistoryRow[]): Claim {
  return Claim.parse({
    ...row.document,
    status: row.status,
    statusHistory: history.map((h): StatusChange => ({ status: h.status, at: h.at.toISOString(), ...(h.why ? { note: h.why } : {}) })),
    ...(row.submitted_at ? { submittedAt: row.submitted_at.toISOString() } : {}),
    ...(row.sink_receipt ? { sinkReceipt: SubmissionReceipt.parse(row.sink_receipt) } : {}),
  });
}

export async function historiesOf(db: Db | Transaction<BatonDatabase>, claimIds: readonly string[]): Promise<Map<string, HistoryRow[]>> {
  const byClaim = new Map<string, HistoryRow[]>(claimIds.map((id) => [id, []]));
  if (claimIds.length === 0) return byClaim;
  const rows = await db.selectFrom('claim_status_history').selectAll().where('claim_id', 'in', claimIds).orderBy('id').execute();
  for (const row of rows) byClaim.get(row.claim_id)?.push(row);
  return byClaim;
}

async function withHistory(db: Db | Transaction<BatonDatabase>, row: ClaimRow): Promise<Claim> {
  return claimFromRow(row, (await historiesOf(db, [row.claim_id])).get(row.claim_id) ?? []);
}

export class ClaimsLedger {
  constructor(private readonly db: Db) {}

  /**
   * Records an earned (draft) claim unless its key is there; answers the stored claim either way.
   * `ON CONFLICT DO NOTHING` without a target covers both unique keys (the claim id derives from
   * the idempotency key), so two submitters racing never see a unique violation: the loser waits
   * for the winner's commit, inserts nothing, and reads the winner's row.
   */
  async record(draft: Claim, recordedAt: Date = new Date()): Promise<LedgerEntry> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('claims')
        .values({
          claim_id: draft.claimId,
          idempotency_key: draft.idempotencyKey,
          partner_id: draft.partnerId,
          deal_id: draft.dealId,
          customer_name: draft.customerName,
          architecture: draft.architecture,
          incentive: draft.incentive,
          milestone: draft.milestone,
          amount_usd: draft.amountUsd,
          program_id: draft.program.id,
          program_version: draft.program.version,
          earned_on: draft.earnedOn,
          deadline: draft.deadline,
          fiscal_quarter: draft.fiscalQuarter,
          expected_payout_quarter: draft.expectedPayoutQuarter,
          status: 'draft',
          document: JSON.stringify(documentOf(draft)),
          recorded_at: recordedAt,
          updated_at: recordedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      const inserted = row !== undefined;
      const stored = row ?? (await trx.selectFrom('claims').selectAll().where('idempotency_key', '=', draft.idempotencyKey).executeTakeFirstOrThrow());
      if (inserted) {
        await trx
          .insertInto('claim_status_history')
          .values({ claim_id: stored.claim_id, status: 'draft', at: recordedAt, by: null, why: 'earned; recorded before it is sent' })
          .onConflict((oc) => oc.constraint('claim_status_history_once').doNothing())
          .execute();
      }
      return { claim: await withHistory(trx, stored), inserted };
    });
  }

  /**
   * Stores the sink's receipt and moves the claim to submitted, once: only a draft row is updated,
   * so when two submitters both got a receipt the first one stored stays the claim's receipt.
   */
  async markSubmitted(receipt: SubmissionReceipt, submittedAt: Date): Promise<Claim> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('claims')
        .set({ status: 'submitted', sink_receipt: JSON.stringify(receipt), submitted_at: submittedAt, updated_at: new Date() })
        .where('idempotency_key', '=', receipt.idempotencyKey)
        .where('status', '=', 'draft')
        .returningAll()
        .executeTakeFirst();
      if (updated) {
        await trx
          .insertInto('claim_status_history')
          .values({ claim_id: updated.claim_id, status: 'submitted', at: submittedAt, by: null, why: `received by the ${receipt.sink} sink as ${receipt.reference}` })
          .onConflict((oc) => oc.constraint('claim_status_history_once').doNothing())
          .execute();
        return withHistory(trx, updated);
      }
      const stored = await trx.selectFrom('claims').selectAll().where('idempotency_key', '=', receipt.idempotencyKey).executeTakeFirst();
      if (!stored) throw new Error(`claim ${receipt.claimId} is not in the ledger; record it before sending it`);
      return withHistory(trx, stored);
    });
  }

  /**
   * Moves a claim the partner withdrew to withdrawn, with who and why in its status history. A
   * second withdrawal of the same claim answers it unchanged; a move the claim lifecycle does not
   * allow (a paid claim) throws.
   */
  async markWithdrawn(idempotencyKey: string, withdrawal: { at: Date; by: string; why: string }): Promise<Claim> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('claims').selectAll().where('idempotency_key', '=', idempotencyKey).forUpdate().executeTakeFirst();
      if (!current) throw new Error(`claim ${idempotencyKey} is not in the ledger; nothing to withdraw`);
      if (current.status === 'withdrawn') return withHistory(trx, current);
      const transition = transitionClaimStatus(current.status, 'withdrawn');
      if (!transition.ok) throw new Error(`claim ${current.claim_id}: ${transition.reason}`);
      const updated = await trx.updateTable('claims').set({ status: 'withdrawn', updated_at: new Date() }).where('claim_id', '=', current.claim_id).returningAll().executeTakeFirstOrThrow();
      await trx
        .insertInto('claim_status_history')
        .values({ claim_id: current.claim_id, status: 'withdrawn', at: withdrawal.at, by: withdrawal.by, why: withdrawal.why })
        .onConflict((oc) => oc.constraint('claim_status_history_once').doNothing())
        .execute();
      return withHistory(trx, updated);
    });
  }

  async find(claimIdOrKey: string): Promise<Claim | undefined> {
    const row = await this.db
      .selectFrom('claims')
      .selectAll()
      .where((eb) => eb.or([eb('claim_id', '=', claimIdOrKey), eb('idempotency_key', '=', claimIdOrKey)]))
      .executeTakeFirst();
    return row && withHistory(this.db, row);
  }
}
