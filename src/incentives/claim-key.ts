/**
 * Claim identity without zod, so that workflow code can name a claim. `claimIdempotencyKey` in
 * claim-schema validates the parts and formats them here.
 */

export interface ClaimKeyFields {
  partnerId: string;
  dealId: string;
  programId: string;
  programVersion: number;
  milestone: string;
}

/** `partner:deal:program@version:kind:milestone`; slugs contain neither ":" nor "@". */
export function formatClaimKey({ partnerId, dealId, programId, programVersion, milestone }: ClaimKeyFields): string {
  return `${partnerId}:${dealId}:${programId}@${programVersion}:${milestone}`;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const U64 = (1n << 64n) - 1n;

/**
 * A short id people can quote (`clm-` and 16 hex digits), derived from the idempotency key so a
 * retried activity names the claim the same. FNV-1a: no crypto API needed inside workflows.
 */
export function claimIdFor(idempotencyKey: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(idempotencyKey)) {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & U64;
  }
  return `clm-${hash.toString(16).padStart(16, '0')}`;
}

