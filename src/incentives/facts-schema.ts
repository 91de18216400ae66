import { z } from 'zod';
import { IsoDate, Slug } from '../domain/schemas/common';
import { LineItem } from '../domain/schemas/deal';
import { UsageEvidence } from '../domain/schemas/evidence';
import { CustomerConfirmation } from '../domain/schemas/outcomes';

/** A later booking on the same deal: more licences, or licences with more features. */
export const ExpansionBooking = z
  .object({
    bookedOn: IsoDate,
    lineItems: z.array(LineItem).min(1, 'an expansion booking needs at least one line item'),
    reference: z.string().optional(),
  })
  .strict();
export type ExpansionBooking = z.infer<typeof ExpansionBooking>;

/** A declaration recorded on the deal that a program may require, e.g. `value-added-selling`. */
export const Attestation = z.object({ id: Slug, recordedOn: IsoDate }).strict();
export type Attestation = z.infer<typeof Attestation>;

/**
 * What has happened on a deal since booking that incentive rules look at: the milestones reached
 * and the evidence for them. Every entry is dated, so a quote "as of" a day sees only what was
 * known by then.
 */
export const DealFacts = z
  .object({
    successPlan: z.object({ submittedOn: IsoDate, reference: z.string().optional() }).strict().optional(),
    businessOutcomes: z
      .object({
        reportedOn: IsoDate,
        /** The customer's signature or confirmation e-mail; programs may require it. */
        confirmation: CustomerConfirmation.optional(),
      })
      .strict()
      .optional(),
    usage: z.array(UsageEvidence).default([]),
    expansions: z.array(ExpansionBooking).default([]),
    attestations: z.array(Attestation).default([]),
  })
  .strict();
export type DealFacts = z.infer<typeof DealFacts>;
export type DealFactsInput = z.input<typeof DealFacts>;
