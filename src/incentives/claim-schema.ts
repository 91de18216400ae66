import { z } from 'zod';
import { strictObject } from '../domain/schemas/strict';
import { Architecture, IsoDate, IsoDateTime, Slug, Usd } from '../domain/schemas/common';
import { formatZodError } from '../domain/schemas/errors';
import { formatClaimKey } from './claim-key';

export { claimIdFor } from './claim-key';

/**
 * A claim: the self-contained document Baton submits to the vendor once per earned milestone.
 * Pure (no Node APIs) so that workflow code can build claims and keys too.
 */

const text = z.string().trim().min(1, 'must not be empty');
const KEBAB = /^[a-z0-9][a-z0-9-]*$/;

/** The program's incentive kind: use, adopt, expand, or whatever a program version defines. */
export const IncentiveKind = z.string().regex(KEBAB, 'must be an incentive kind such as use, adopt or expand (lower-case letters, digits and "-")');

/** `<incentive kind>:<milestone id>`, as the program names milestones. */
export const MilestoneRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*$/, 'must be "<incentive kind>:<milestone id>", e.g. adopt:success-plan');

export const FiscalQuarterLabel = z.string().regex(/^FY\d{4} Q[1-4]$/, 'must be a fiscal quarter such as "FY2022 Q3"');
export type FiscalQuarterLabel = z.infer<typeof FiscalQuarterLabel>;

const ProgramVersion = z.number().int('must be a whole number').positive('must be a positive whole number');

export const ClaimKeyParts = z.object({
  partnerId: Slug,
  dealId: Slug,
  programId: Slug,
  programVersion: ProgramVersion,
  milestone: MilestoneRef,
});
export type ClaimKeyParts = z.infer<typeof ClaimKeyParts>;

/**
 * `partner:deal:program@version:kind:milestone`. Readable and unambiguous: slugs contain neither
 * ":" nor "@". The same milestone of the same deal under the same program version is one claim,
 * however often an activity retries.
 */
export function claimIdempotencyKey(parts: ClaimKeyParts): string {
  const result = ClaimKeyParts.safeParse(parts);
  if (!result.success) throw new RangeError(`cannot build a claim key:\n${formatZodError(result.error)}`);
  return formatClaimKey(result.data);
}

/** Signed so that a cap can appear as a negative adjustment line. */
const SignedUsd = z
  .number({ message: 'must be a number of US dollars' })
  .refine((n) => Number.isFinite(n) && Math.round(n * 100) === n * 100, 'must have at most 2 decimals');

export const BreakdownLine = strictObject({ label: text, amountUsd: SignedUsd });
export type BreakdownLine = z.infer<typeof BreakdownLine>;

/** A piece of proof the vendor may ask for: usage evidence, success plan, outcomes sign-off, booking. */
export const EvidenceRef = strictObject({
    kind: z.string().regex(KEBAB, 'must be an evidence kind such as usage-evidence, success-plan or booking'),
    id: text,
    /** Where the proof lives (document id, telemetry export URL). */
    reference: text.optional(),
  });
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** The deal-history event that earned (part of) the claim, so a reviewer can replay the reasoning. */
export const TraceEvent = strictObject({
    event: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, 'must be a dotted event name such as deal.booked'),
    /** The id of the event in the deal's history / timeline. */
    eventId: text,
    at: IsoDateTime,
  });
export type TraceEvent = z.infer<typeof TraceEvent>;

export const ClaimStatus = z.enum(['draft', 'submitted', 'accepted', 'rejected', 'paid', 'withdrawn']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const StatusChange = strictObject({ status: ClaimStatus, at: IsoDateTime, note: text.optional() });
export type StatusChange = z.infer<typeof StatusChange>;

/** What the sink answered when it took the claim; returned unchanged on every later submit. */
export const SubmissionReceipt = strictObject({
    idempotencyKey: text,
    claimId: Slug,
    sink: z.enum(['outbox', 'http']),
    receivedAt: IsoDateTime,
    /** The outbox file (relative to the data dir) or the sink's receipt id. */
    reference: text,
    httpStatus: z.number().int().min(100).max(599).optional(),
    /** The sink's response body, JSON or (cut) text. */
    response: z.unknown().optional(),
  });
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;

export const Claim = strictObject({
    idempotencyKey: text,
    claimId: Slug,
    partnerId: Slug,
    dealId: Slug,
    customerName: text,
    architecture: Architecture,
    incentive: IncentiveKind,
    milestone: MilestoneRef,
    amountUsd: Usd,
    breakdown: z.array(BreakdownLine).min(1, 'must explain the amount in at least one line'),
    program: strictObject({ id: Slug, version: ProgramVersion }),
    /** The last day of the milestone's window. */
    deadline: IsoDate,
    earnedOn: IsoDate,
    /** The program's fiscal quarter of `earnedOn`: the outbox and the portal export group by it. */
    fiscalQuarter: FiscalQuarterLabel,
    expectedPayoutQuarter: FiscalQuarterLabel,
    evidence: z.array(EvidenceRef).min(1, 'must reference at least one piece of evidence'),
    trace: z.array(TraceEvent).min(1, 'must trace at least one deal event'),
    status: ClaimStatus,
    statusHistory: z.array(StatusChange).default([]),
    submittedAt: IsoDateTime.optional(),
    sinkReceipt: SubmissionReceipt.optional(),
  })
  .superRefine((claim, ctx) => {
    const parts = ClaimKeyParts.safeParse({
      partnerId: claim.partnerId,
      dealId: claim.dealId,
      programId: claim.program.id,
      programVersion: claim.program.version,
      milestone: claim.milestone,
    });
    if (parts.success && claim.idempotencyKey !== claimIdempotencyKey(parts.data)) {
      ctx.addIssue({ code: 'custom', path: ['idempotencyKey'], message: `must be ${claimIdempotencyKey(parts.data)} (built by claimIdempotencyKey)` });
    }
    if (!claim.milestone.startsWith(`${claim.incentive}:`)) {
      ctx.addIssue({ code: 'custom', path: ['milestone'], message: `must be a milestone of incentive "${claim.incentive}" (${claim.incentive}:<id>)` });
    }
    if (claim.earnedOn > claim.deadline) {
      ctx.addIssue({ code: 'custom', path: ['earnedOn'], message: `must be on or before the deadline ${claim.deadline}` });
    }
    const breakdownCents = claim.breakdown.reduce((sum, line) => sum + Math.round(line.amountUsd * 100), 0);
    if (breakdownCents !== Math.round(claim.amountUsd * 100)) {
      ctx.addIssue({ code: 'custom', path: ['breakdown'], message: `lines must add up to amountUsd ${claim.amountUsd}, they add up to ${breakdownCents / 100}` });
    }
    const sent = claim.status !== 'draft';
    if (sent && !claim.submittedAt) ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: `is required once the claim is ${claim.status}` });
    if (sent && !claim.sinkReceipt) ctx.addIssue({ code: 'custom', path: ['sinkReceipt'], message: `is required once the claim is ${claim.status}` });
    if (!sent && (claim.submittedAt || claim.sinkReceipt)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'must not be draft once submittedAt or sinkReceipt is set' });
    }
    if (claim.sinkReceipt && claim.sinkReceipt.idempotencyKey !== claim.idempotencyKey) {
      ctx.addIssue({ code: 'custom', path: ['sinkReceipt', 'idempotencyKey'], message: 'must be the claim\'s idempotencyKey' });
    }
  });
export type Claim = z.infer<typeof Claim>;
export type ClaimInput = z.input<typeof Claim>;

const NEXT_STATUSES: Record<ClaimStatus, readonly ClaimStatus[]> = {
  draft: ['submitted'],
  // The partner may withdraw a claim until it is paid (a correction through the gateway).
  submitted: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['paid', 'withdrawn'],
  rejected: [],
  paid: [],
  withdrawn: [],
};

export type ClaimTransition = { ok: true; status: ClaimStatus } | { ok: false; reason: string };

/** The claim lifecycle: draft → submitted → accepted | rejected, accepted → paid; submitted or accepted → withdrawn. */
export function transitionClaimStatus(current: ClaimStatus, next: ClaimStatus): ClaimTransition {
  const allowed = NEXT_STATUSES[current];
  if (allowed.includes(next)) return { ok: true, status: next };
  if (allowed.length === 0) return { ok: false, reason: `a ${current} claim is final; it cannot become ${next}` };
  return { ok: false, reason: `a ${current} claim cannot become ${next}; it can become ${allowed.join(' or ')}` };
}
