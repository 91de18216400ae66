import { sql } from 'kysely';
import { isoDateOfInstant } from '../../domain/calendar';
import type { DealBooking } from '../../forecast/deal-booking';
import type { Db } from '../connect';

/** Which recorded deals to read; every deal of every partner when empty. */
export interface RecordedDealFilters {
  partner?: string;
  deal?: string;
  /** A lifecycle stage id, or `completed`. */
  stage?: string;
}

/** What a deal has recorded, as its read-model row keeps it: its booking and its business day. */
export interface RecordedDealRow {
  workflowId: string;
  /** Null for a row projected before bookings were kept (`baton db rebuild` writes it). */
  booking: DealBooking | null;
  /** The deal's business day now, YYYY-MM-DD (a simulated deal's clock is shifted). */
  today: string;
}

/**
 * Every deal the filters match, open or closed, ordered by partner then deal, read from the read
 * model: no workflow is asked (a query to an idle deal is what trips the SDK's stuck-deal bug).
 */
export async function recordedDeals(db: Db, filters: RecordedDealFilters, now: number = Date.now()): Promise<RecordedDealRow[]> {
  let query = db.selectFrom('deal_read_model').select(['workflow_id', 'booking', sql<number | null>`(view->>'timeShiftMs')::bigint`.as('time_shift_ms')]);
  if (filters.partner !== undefined) query = query.where('partner_id', '=', filters.partner);
  if (filters.deal !== undefined) query = query.where('deal_id', '=', filters.deal);
  if (filters.stage !== undefined) query = query.where('stage', '=', filters.stage);
  const rows = await query.orderBy('partner_id').orderBy('deal_id').execute();
  return rows.map((r) => ({
    workflowId: r.workflow_id,
    booking: r.booking as unknown as DealBooking | null,
    today: isoDateOfInstant(now + Number(r.time_shift_ms ?? 0)),
  }));
}
