import type { IsoDate } from '../../domain/schemas/common';
import type { FactClock } from './new-fact';

/**
 * Why a date a sender claims cannot be true, or undefined: nothing on a deal happens before its
 * booking, and nothing reported today happened after today. Past facts with past receipt dates
 * enter through the audited import path, never through this one.
 */
export function claimedDateRefusal(field: string, date: IsoDate, clock: FactClock): string | undefined {
  if (date < clock.bookedOn) return `${field} ${date} is before the deal's booking on ${clock.bookedOn}`;
  if (date > clock.today) return `${field} ${date} is after the deal's today, ${clock.today}`;
  return undefined;
}
