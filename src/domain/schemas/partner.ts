import { z } from 'zod';
import { Architecture, Name, SpecializationLevel, Slug, Usd } from './common';
import { strictObject } from './strict';

export const Partner = strictObject({
  id: Slug,
  name: Name,
  specialization: SpecializationLevel,
  /** Architecture specializations the partner holds (eligibility for Use, Adopt, Expand). */
  architectures: z.array(Architecture).max(Architecture.options.length, 'must list each architecture at most once').default([]),
  /** Software bookings in the prior fiscal year: the material ties "no adoption cap" to >= $1M. */
  priorFiscalYearBookingsUsd: Usd.optional(),
  /** Overrides the program's fiscal-year start month when the partner reports on another calendar. */
  fiscalYearStartMonth: z.number().int().min(1, 'must be a month 1-12').max(12, 'must be a month 1-12').optional(),
});
export type Partner = z.infer<typeof Partner>;
