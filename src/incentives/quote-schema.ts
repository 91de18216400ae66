import { z } from 'zod';
import { strictObject } from '../domain/schemas/strict';
import { IsoDate, Slug } from '../domain/schemas/common';

/** Why a potential claim cannot be submitted (now, or ever). */
export const IneligibleReason = z.enum([
  'specialization',
  'architecture-specialization',
  'minimum-software',
  'missing-attestation',
  'not-yet-evidenced',
  'condition-not-met',
  'missing-customer-confirmation',
  'requires',
  'window-closed',
  'below-minimum',
  'no-payout-rule',
  'no-automatic-amount',
  'cap-reached',
  'superseded',
]);
export type IneligibleReason = z.infer<typeof IneligibleReason>;

/** One potential claim on a deal, as computed from the program's rules. */
export const ClaimQuote = z.object({
  program: z.object({ id: Slug, version: z.number().int().positive() }),
  incentive: z.string().min(1),
  /** Stable across evaluations: `use:intersight`, `adopt:success-plan`, `expand:booking-1`. */
  milestone: z.string().min(1),
  label: z.string().min(1),
  eligible: z.boolean(),
  /** The amount claimable now; 0 when ineligible. */
  amountUsd: z.number().nonnegative(),
  reasonCode: IneligibleReason.optional(),
  reason: z.string().optional(),
  /** The window's last day (inclusive). */
  deadline: IsoDate.optional(),
  /** The day the proof was complete, when it is. */
  provenOn: IsoDate.optional(),
  breakdown: z.array(z.string()),
});
export type ClaimQuote = z.infer<typeof ClaimQuote>;

/** `baton quote --json` output. */
export const ClaimsReport = strictObject({
    /** The business day the quote is computed on. */
    asOf: IsoDate,
    /** The partner it is computed for, and the file its profile came from. */
    partner: strictObject({ id: z.string(), from: z.string() }),
    claims: z.array(
      strictObject({
          incentive: z.string(),
          milestone: z.string(),
          eligible: z.boolean(),
          amountUsd: z.number().nonnegative(),
          reason: z.string().optional(),
          deadline: IsoDate.optional(),
          breakdown: z.array(z.string()),
        }),
    ),
  });
export type ClaimsReport = z.infer<typeof ClaimsReport>;
