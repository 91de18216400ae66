import { addDays, addMonths } from '../domain/calendar';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** The last day an ISO 8601 duration of whole years, months, weeks and days reaches from `from`; undefined when it is not one. */
export function horizonEnd(from: string, duration: string): string | undefined {
  const m = duration.match(DURATION);
  if (!m || duration === 'P') return undefined;
  const [years, months, weeks, days] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return addDays(addMonths(from, years * 12 + months), weeks * 7 + days);
}
