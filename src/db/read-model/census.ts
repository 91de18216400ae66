import { sql } from 'kysely';
import type { Db } from '../connect';

/** What the census gauges of GET /metrics count, over every running deal. */
export interface DealCensus {
  dealsByStage: Record<string, number>;
  /** open / returned: awaiting the receiving side now; accepted: accepted over the deals' lives. */
  handoffsByState: Record<'open' | 'returned' | 'accepted', number>;
  /** Ladder rungs fired: remind (to R) and escalate (to A or the practice lead). */
  escalationsByAction: Record<'remind' | 'escalate', number>;
  breaches: number;
  claimsByStatus: Record<string, number>;
}


/** Incentive dollars: claimed (sent to the vendor), accepted (approved), paid, and at stake (still to earn on open windows). */
export interface IncentiveDollars {
  claimed: number;
  accepted: number;
  paid: number;
  atStake: number;
}

export interface ReadModelCensus extends DealCensus {
  dollars: IncentiveDollars;
}

const sum = (values: number[]): number => Math.round(values.reduce((a, b) => a + Number(b), 0) * 100) / 100;

/**
 * The census behind the business gauges, in two aggregate queries whatever the number of deals:
 * one scan of the read model's open deals (the gauges say "running"), grouped by stage with every
 * counter summed, and one of the claims ledger, grouped by status with its money. `partnerId`
 * narrows it to one partner (the console's board).
 */
export async function readModelCensus(db: Db, partnerId?: string): Promise<ReadModelCensus> {
  let deals = db.selectFrom('deal_read_model').where('closed', '=', false);
  let claims = db.selectFrom('claims');
  if (partnerId) {
    deals = deals.where('partner_id', '=', partnerId);
    claims = claims.where('partner_id', '=', partnerId);
  }
  const total = (column: 'handoffs_open' | 'handoffs_returned' | 'handoffs_accepted' | 'reminders' | 'escalations' | 'breaches' | 'ineligible_claims' | 'at_stake_usd') =>
    sql<number>`coalesce(sum(${sql.ref(column)}), 0)`;
  const [byStage, byStatus] = await Promise.all([
    deals
      .select((eb) => [
        'stage',
        eb.fn.countAll<number>().as('n'),
        total('handoffs_open').as('open'),
        total('handoffs_returned').as('returned'),
        total('handoffs_accepted').as('accepted'),
        total('reminders').as('remind'),
        total('escalations').as('escalate'),
        total('breaches').as('breaches'),
        total('ineligible_claims').as('ineligible'),
        total('at_stake_usd').as('atStake'),
      ])
      .groupBy('stage')
      .execute(),
    claims
      .select((eb) => [
        'status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.coalesce(eb.fn.sum<number>('amount_usd'), eb.lit(0)).as('amount'),
        eb.fn.coalesce(eb.fn.sum<number>('amount_approved_usd'), eb.lit(0)).as('approved'),
        eb.fn.coalesce(eb.fn.sum<number>('paid_amount_usd'), eb.lit(0)).as('paid'),
      ])
      .groupBy('status')
      .execute(),
  ]);
  const across = (key: 'open' | 'returned' | 'accepted' | 'remind' | 'escalate' | 'breaches' | 'ineligible') => byStage.reduce((n, r) => n + Number(r[key]), 0);
  const claimsByStatus: Record<string, number> = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  if (across('ineligible') > 0) claimsByStatus.ineligible = across('ineligible');
  return {
    dealsByStage: Object.fromEntries(byStage.map((r) => [r.stage, Number(r.n)])),
    handoffsByState: { open: across('open'), returned: across('returned'), accepted: across('accepted') },
    escalationsByAction: { remind: across('remind'), escalate: across('escalate') },
    breaches: across('breaches'),
    claimsByStatus,
    dollars: {
      // Drafts are recorded but not yet sent: not claimed.
      claimed: sum(byStatus.filter((r) => r.status !== 'draft').map((r) => r.amount)),
      accepted: sum(byStatus.filter((r) => r.status === 'accepted' || r.status === 'paid').map((r) => r.approved)),
      paid: sum(byStatus.map((r) => r.paid)),
      atStake: sum(byStage.map((r) => r.atStake)),
    },
  };
}
