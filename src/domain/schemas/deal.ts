import { z } from 'zod';
import { Architecture, FreeText, IsoDate, LIMITS, List, Name, Slug, Usd } from './common';
import { strictObject } from './strict';
import { Team } from './team';

export const LineItem = strictObject({
  sku: Name,
  description: FreeText.optional(),
  /** Program use case the line item is for (e.g. "intersight", "dnac-tier1"), when known. */
  useCase: Slug.optional(),
  quantity: z.number().int().positive('must be a positive whole number').max(LIMITS.maxCount, 'must be at most 10^12').default(1),
  /** Net software value of the line, after discounts. */
  netValueUsd: Usd,
  /** Whether the line is software (counts toward incentive thresholds) or services/hardware. */
  software: z.boolean().default(true),
});
export type LineItem = z.infer<typeof LineItem>;

export const Renewal = z.union([
  strictObject({ date: IsoDate }),
  strictObject({ termMonths: z.number().int().min(1, 'must be at least 1 month').max(120, 'must be at most 120 months') }),
]);
export type Renewal = z.infer<typeof Renewal>;

export const Customer = strictObject({
  name: Name,
  contacts: List(strictObject({ name: Name, email: z.email('must be an e-mail address').max(254).optional(), title: Name.optional() })).default([]),
});

/** A booked deal: what the account team registers and what starts every incentive clock. */
export const Deal = strictObject({
  id: Slug,
  partnerId: Slug,
  customer: Customer,
  architecture: Architecture,
  enterpriseAgreement: z.boolean().default(false),
  bookedOn: IsoDate,
  lineItems: List(LineItem).min(1, 'a booking needs at least one line item'),
  renewal: Renewal,
  team: Team,
  /** Incentive program version the deal is booked under; the active default when omitted. */
  programId: Slug.optional(),
  /** Playbook version; the partner's active playbook when omitted. */
  playbookId: Slug.optional(),
});
export type Deal = z.infer<typeof Deal>;
export type DealInput = z.input<typeof Deal>;
