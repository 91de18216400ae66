import type { ClaimInput, SubmissionReceipt } from '../incentives/claim-schema';
import { classifyHttpStatus, readResponseBody } from '../io/http-response';
import { findClaim, markClaimWithdrawn, publishClaim, receiptOf } from './claim-outbox';
import { ClaimRejectedError } from './claim-rejected-error';
import type { ClaimsGateway, ClaimWithdrawal, WithdrawalReceipt } from './gateway';
import { asSubmitted, parseDraftClaim } from './submitted-claim';

export interface HttpClaimsGatewayOptions {
  /** The vendor's (or a broker's) claims URL. */
  endpoint: string;
  /** Where the record of submitted claims lives (the same outbox layout as the embedded sink). */
  dataDir: string;
  /** Sent as `Authorization: Bearer …`. */
  bearerToken?: string;
  timeoutMs?: number;
  now?: () => Date;
}

/** The endpoint did not take the claim this time (down, timed out, overloaded); a retry may. */
export class ClaimSinkUnavailableError extends Error {
  readonly nonRetryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClaimSinkUnavailableError';
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The sink's own id for the claim, if its JSON answer carries one as `receiptId` or `id`. */
function sinkReceiptId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { receiptId, id } = body as Record<string, unknown>;
  return [receiptId, id].find((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function describe(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return err instanceof Error ? `${err.message}${cause}` : String(err);
}

/**
 * POSTs the claim JSON with `Idempotency-Key`; the endpoint must keep one claim per key and
 * answer a repeated key with 2xx or 409, ideally repeating its original receipt. Once accepted,
 * the claim and receipt are recorded in the local outbox, so later retries and listings need no
 * request. Only the endpoint's host appears in errors: URLs may carry credentials.
 */
export class HttpClaimsGateway implements ClaimsGateway {
  private readonly endpoint: URL;
  private readonly now: () => Date;

  constructor(private readonly options: HttpClaimsGatewayOptions) {
    this.endpoint = new URL(options.endpoint);
    this.now = options.now ?? (() => new Date());
  }

  async submit(input: ClaimInput): Promise<SubmissionReceipt> {
    const draft = parseDraftClaim(input);
    const known = await findClaim(this.options.dataDir, draft.idempotencyKey);
    if (known) return receiptOf(known);

    const document = asSubmitted(draft, this.now().toISOString());
    const { status, body } = await this.post(this.endpoint, draft.idempotencyKey, document, `claim ${draft.claimId}`);
    const receipt: SubmissionReceipt = {
      idempotencyKey: draft.idempotencyKey,
      claimId: draft.claimId,
      sink: 'http',
      receivedAt: this.now().toISOString(),
      reference: sinkReceiptId(body) ?? `HTTP ${status}`,
      httpStatus: status,
      ...(body === undefined ? {} : { response: body }),
    };
    return receiptOf(await publishClaim(this.options.dataDir, { ...document, sinkReceipt: receipt }));
  }

  /**
   * POSTs `{claimId, idempotencyKey, reason, by, withdrawnAt}` to `<endpoint>/<claimId>/withdrawal`
   * with `Idempotency-Key: <claim key>:withdrawal`; the endpoint answers a repeat with 2xx or 409.
   * The local record of the claim then says withdrawn.
   */
  async withdraw(withdrawal: ClaimWithdrawal): Promise<WithdrawalReceipt> {
    const url = new URL(`${this.endpoint.pathname.replace(/\/$/, '')}/${encodeURIComponent(withdrawal.claimId)}/withdrawal`, this.endpoint);
    const { status, body } = await this.post(url, `${withdrawal.idempotencyKey}:withdrawal`, withdrawal, `the withdrawal of claim ${withdrawal.claimId}`);
    const receivedAt = this.now().toISOString();
    await markClaimWithdrawn(this.options.dataDir, withdrawal.idempotencyKey, withdrawal.withdrawnAt, `withdrawn by ${withdrawal.by}: ${withdrawal.reason}`);
    return { sink: 'http', receivedAt, reference: sinkReceiptId(body) ?? `HTTP ${status}` };
  }

  /** One idempotent POST; a refusal is ClaimRejectedError, anything a retry may cure ClaimSinkUnavailableError. */
  private async post(url: URL, idempotencyKey: string, document: unknown, what: string): Promise<{ status: number; body: unknown }> {
    const where = `claims endpoint ${this.endpoint.host}`;
    let status: number;
    let body: unknown;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': idempotencyKey,
          ...(this.options.bearerToken ? { authorization: `Bearer ${this.options.bearerToken}` } : {}),
        },
        body: JSON.stringify(document),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = response.status;
      body = await readResponseBody(response);
    } catch (err) {
      throw new ClaimSinkUnavailableError(`${where} did not answer for ${what}: ${describe(err)}`, { cause: err });
    }
    const outcome = classifyHttpStatus(status);
    if (outcome === 'permanent') throw new ClaimRejectedError(`${where} refused ${what} with HTTP ${status}`, status, body);
    if (outcome === 'retryable') throw new ClaimSinkUnavailableError(`${where} answered HTTP ${status} for ${what}`);
    return { status, body };
  }
}
