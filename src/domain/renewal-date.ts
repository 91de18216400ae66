import { addMonths } from './calendar';
import type { IsoDate } from './schemas/common';
import type { Deal } from './schemas/deal';

/** The day the deal renews: its stated date, or its booking plus the term. */
export function renewalDate(deal: Pick<Deal, 'renewal' | 'bookedOn'>): IsoDate {
  return 'date' in deal.renewal ? deal.renewal.date : addMonths(deal.bookedOn, deal.renewal.termMonths);
}
