import type { Claim, ClaimInput, SubmissionReceipt } from '../incentives/claim-schema';
import { claimFileReference, exportQuarterCsv, findClaim, markClaimWithdrawn, publishClaim, receiptOf } from './claim-outbox';
import { ClaimRejectedError } from './claim-rejected-error';
import type { ClaimsGateway, ClaimWithdrawal, WithdrawalReceipt } from './gateway';
import { asSubmitted, parseDraftClaim } from './submitted-claim';

export interface OutboxClaimsGatewayOptions {
  dataDir: string;
  now?: () => Date;
}

/**
 * The embedded sink: each claim becomes one JSON file in the outbox, and the quarter's CSV is
 * rebuilt for upload to the vendor portal. Used when no claims endpoint is configured.
 */
export class OutboxClaimsGateway implements ClaimsGateway {
  private readonly dataDir: string;
  private readonly now: () => Date;

  constructor(options: OutboxClaimsGatewayOptions) {
    this.dataDir = options.dataDir;
    this.now = options.now ?? (() => new Date());
  }

  async submit(input: ClaimInput): Promise<SubmissionReceipt> {
    const draft = parseDraftClaim(input);
    const stored = (await findClaim(this.dataDir, draft.idempotencyKey)) ?? (await this.store(draft));
    // Rebuilt on replays too: that heals a crash between storing the claim and exporting it.
    await exportQuarterCsv(this.dataDir, stored.fiscalQuarter);
    return receiptOf(stored);
  }

  /** The claim's outbox file says withdrawn and its quarter's export is rebuilt for upload. */
  async withdraw(withdrawal: ClaimWithdrawal): Promise<WithdrawalReceipt> {
    const withdrawn = await markClaimWithdrawn(this.dataDir, withdrawal.idempotencyKey, withdrawal.withdrawnAt, `withdrawn by ${withdrawal.by}: ${withdrawal.reason}`);
    if (!withdrawn) throw new ClaimRejectedError(`claim ${withdrawal.claimId} is not in the outbox of ${this.dataDir}: nothing to withdraw`);
    const at = withdrawn.statusHistory.find((h) => h.status === 'withdrawn')?.at ?? withdrawal.withdrawnAt;
    return { sink: 'outbox', receivedAt: at, reference: claimFileReference(this.dataDir, withdrawn) };
  }

  private store(draft: Claim): Promise<Claim> {
    const at = this.now().toISOString();
    const receipt: SubmissionReceipt = {
      idempotencyKey: draft.idempotencyKey,
      claimId: draft.claimId,
      sink: 'outbox',
      receivedAt: at,
      reference: claimFileReference(this.dataDir, draft),
    };
    return publishClaim(this.dataDir, { ...asSubmitted(draft, at), sinkReceipt: receipt });
  }
}
