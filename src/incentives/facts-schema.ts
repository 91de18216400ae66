import { z } from 'zod';
import { IsoDate, List, Reference, Slug } from '../domain/schemas/common';
import { strictObject } from '../domain/schemas/strict';
import { LineItem } from '../domain/schemas/deal';
import { UsageEvidence } from '../domain/schemas/evidence';
import { CustomerConfirmation } from '../domain/schemas/outcomes';

/** A later booking on the same deal: more licences, or licences with more features. */
export const ExpansionBooking = strictObject({
  bookedOn: IsoDate,
  lineItems: List(LineItem).min(1, 'an expansion booking needs at least one line item'),
  reference: Reference().optional(),
});
export type ExpansionBooking = z.infer<typeof ExpansionBooking>;

/** A declaration recorded on the deal that a program may require, e.g. `value-added-selling`. */
export const Attestation = strictObject({ id: Slug, recordedOn: IsoDate });
export type Attestation = z.infer<typeof Attestation>;

/**
 * What has happened on a deal since booking that incentive rules look at: the milestones reached
 * and the evidence for them. Every entry is dated, so a quote "as of" a day sees only what was
 * known by then.
 */
export const DealFacts = strictObject({
  successPlan: strictObject({ submittedOn: IsoDate, reference: Reference().optional() }).optional(),
  businessOutcomes: strictObject({
    reportedOn: IsoDate,
    /** The customer's signature or confirmation e-mail; programs may require it. */
    confirmation: CustomerConfirmation.optional(),
  }).optional(),
  usage: List(UsageEvidence).default([]),
  expansions: List(ExpansionBooking).default([]),
  attestations: List(Attestation).default([]),
});
export type DealFacts = z.infer<typeof DealFacts>;
export type DealFactsInput = z.input<typeof DealFacts>;
