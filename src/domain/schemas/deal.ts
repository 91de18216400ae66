import { z } from 'zod';
import { Architecture, IsoDate, Slug, Usd } from './common';
import { Team } from './team';

export const LineItem = z.object({
  sku: z.string().min(1, 'must not be empty'),
  description: z.string().optional(),
  /** Program use case the line item is for (e.g. "intersight", "dnac-tier1"), when known. */
  useCase: z.string().optional(),
  quantity: z.number().int().positive('must be a positive whole number').default(1),
  /** Net software value of the line, after discounts. */
  netValueUsd: Usd,
  /** Whether the line is software (counts toward incentive thresholds) or services/hardware. */
  software: z.boolean().default(true),
});
export type LineItem = z.infer<typeof LineItem>;

export const Renewal = z.union([
  z.object({ date: IsoDate }).strict(),
  z.object({ termMonths: z.number().int().min(1, 'must be at least 1 month').max(120, 'must be at most 120 months') }).strict(),
]);
export type Renewal = z.infer<typeof Renewal>;

export const Customer = z.object({
  name: z.string().min(1, 'must not be empty'),
  contacts: z.array(z.object({ name: z.string().min(1), email: z.email().optional(), title: z.string().optional() })).default([]),
});

/** A booked deal: what the account team registers and what starts every incentive clock. */
export const Deal = z.object({
  id: Slug,
  partnerId: Slug,
  customer: Customer,
  architecture: Architecture,
  enterpriseAgreement: z.boolean().default(false),
  bookedOn: IsoDate,
  lineItems: z.array(LineItem).min(1, 'a booking needs at least one line item'),
  renewal: Renewal,
  team: Team,
  /** Incentive program version the deal is booked under; the active default when omitted. */
  programId: Slug.optional(),
  /** Playbook version; the partner's active playbook when omitted. */
  playbookId: Slug.optional(),
});
export type Deal = z.infer<typeof Deal>;
export type DealInput = z.input<typeof Deal>;
