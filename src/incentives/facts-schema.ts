import { z } from 'zod';
import { strictObject } from '../domain/schemas/strict';
import { IsoDate, PersonId, Slug } from '../domain/schemas/common';
import { LineItem } from '../domain/schemas/deal';
import { UsageEvidence } from '../domain/schemas/evidence';
import { CustomerConfirmation } from '../domain/schemas/outcomes';

/*
 * Every fact that can earn money carries an identity (so the same fact twice is recognised) and
 * `receivedOn`, the business day Baton received it on the deal's own clock, beside any date the
 * sender claims. Both are optional in the schema only because deals recorded before identities
 * existed hold facts without them; those facts keep their claimed date as the day received.
 * `recordFact` (facts/record-fact.ts) always writes both.
 */

const Identity = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** A later booking on the same deal: more licences, or licences with more features. */
export const ExpansionBooking = strictObject({
    /** The order's reference: the identity of the expansion. */
    orderRef: Identity.optional(),
    /** The order's booking date, as the sender states it. */
    bookedOn: IsoDate,
    receivedOn: IsoDate.optional(),
    lineItems: z.array(LineItem).min(1, 'an expansion booking needs at least one line item'),
    reference: z.string().optional(),
  });
export type ExpansionBooking = z.infer<typeof ExpansionBooking>;

/**
 * A declaration recorded on the deal that a program may require, e.g. `value-added-selling`.
 * `id` is the attestation's kind: one attestation of each kind per deal. Attestations recorded
 * through `recordFact` also say who attested, on what evidence, and when Baton received it.
 */
export const Attestation = z.union(
  [
    strictObject({ id: Slug, recordedOn: IsoDate }),
    strictObject({
        id: Slug,
        by: PersonId,
        evidence: strictObject({ reference: Identity, description: z.string().optional() }),
        receivedOn: IsoDate,
      }),
  ],
  { error: 'must be { id, by, evidence: { reference }, receivedOn } (or, as recorded before attestations had evidence, { id, recordedOn })' },
);
export type Attestation = z.infer<typeof Attestation>;

/** A usage reading (PoP or telemetry): `observedOn` is claimed, `receivedOn` is Baton's. */
export const UsageFact = UsageEvidence.extend({ receivedOn: IsoDate.optional() });
export type UsageFact = z.infer<typeof UsageFact>;

/** One business-outcomes report, identified by `reportId`. */
export const OutcomesReportFact = strictObject({
    reportId: Identity.optional(),
    /** The day the report says it was made. */
    reportedOn: IsoDate,
    receivedOn: IsoDate.optional(),
    /** The customer's signature or confirmation e-mail; programs may require it. */
    confirmation: CustomerConfirmation.optional(),
  });
export type OutcomesReportFact = z.infer<typeof OutcomesReportFact>;

/** The success plan as first submitted (that submission earns); later versions are revisions. */
export const SuccessPlanFact = strictObject({
    version: z.number().int().positive('must be a positive whole number').optional(),
    /** The day the plan says it was submitted. */
    submittedOn: IsoDate,
    receivedOn: IsoDate.optional(),
    reference: z.string().optional(),
    revisions: z
      .array(strictObject({ version: z.number().int().positive(), receivedOn: IsoDate, reference: z.string().optional() }))
      .optional(),
  });
export type SuccessPlanFact = z.infer<typeof SuccessPlanFact>;

/**
 * What has happened on a deal since booking that incentive rules look at: the milestones reached
 * and the evidence for them. Every entry is dated, so a quote "as of" a day sees only what was
 * known by then.
 */
export const DealFacts = strictObject({
    successPlan: SuccessPlanFact.optional(),
    /** The latest business-outcomes report. */
    businessOutcomes: OutcomesReportFact.optional(),
    /** Reports received before the latest, oldest first: any of them may prove the milestone. */
    earlierOutcomesReports: z.array(OutcomesReportFact).optional(),
    usage: z.array(UsageFact).default([]),
    expansions: z.array(ExpansionBooking).default([]),
    attestations: z.array(Attestation).default([]),
  });
export type DealFacts = z.infer<typeof DealFacts>;
export type DealFactsInput = z.input<typeof DealFacts>;

