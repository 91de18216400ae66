import { sql } from 'kysely';
import type { Deadline } from '../../domain/deadlines';
import type { DealBooking } from '../../forecast/deal-booking';
import type { ForecastDeal } from '../../forecast/forecast-deal';
import type { Db } from '../connect';

/** A deal as the forecast reads it; `booking` is null for a row projected before bookings were kept. */
export type ForecastRow = Omit<ForecastDeal, 'booking'> & { booking: DealBooking | null };

/**
 * Every open deal of a partner (or of all partners) with only what the forecast reads: the
 * booking and the view's team, deadlines and claim names, cut out of the jsonb by PostgreSQL so
 * the timeline never crosses the wire.
 */
export async function forecastRows(db: Db, partnerId?: string): Promise<ForecastRow[]> {
  let query = db
    .selectFrom('deal_read_model')
    .select([
      'workflow_id',
      'partner_id',
      'deal_id',
      'customer_name',
      'architecture',
      'stage',
      'booking',
      sql<ForecastDeal['view']['team']>`view->'team'`.as('team'),
      sql<Deadline[]>`view->'deadlines'`.as('deadlines'),
      sql<{ milestone: string }[]>`(SELECT coalesce(jsonb_agg(jsonb_build_object('milestone', c->'milestone')), '[]'::jsonb) FROM jsonb_array_elements(view->'claims') c)`.as('claims'),
    ])
    .where('closed', '=', false);
  if (partnerId !== undefined) query = query.where('partner_id', '=', partnerId);
  const rows = await query.orderBy('workflow_id').execute();
  return rows.map((r) => ({
    workflowId: r.workflow_id,
    partnerId: r.partner_id,
    dealId: r.deal_id,
    customerName: r.customer_name,
    architecture: r.architecture,
    stage: r.stage,
    booking: r.booking as unknown as DealBooking | null,
    view: { team: r.team, deadlines: r.deadlines, claims: r.claims },
  }));
}
