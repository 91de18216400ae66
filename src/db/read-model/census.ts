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

/** Dollars from the claims ledger (claimed, accepted, paid) and the read model (at stake on open deals). */
export async function incentiveDollars(db: Db, partnerId?: string): Promise<IncentiveDollars> {
  let claims = db.selectFrom('claims');
  let deals = db.selectFrom('deal_read_model').where('closed', '=', false);
  if (partnerId) {
    claims = claims.where('partner_id', '=', partnerId);
    deals = deals.where('partner_id', '=', partnerId);
  }
  const [byStatus, stake] = await Promise.all([
    claims
      .select((eb) => [
        'status',
        eb.fn.coalesce(eb.fn.sum<number>('amount_usd'), eb.lit(0)).as('amount'),
        eb.fn.coalesce(eb.fn.sum<number>('amount_approved_usd'), eb.lit(0)).as('approved'),
        eb.fn.coalesce(eb.fn.sum<number>('paid_amount_usd'), eb.lit(0)).as('paid'),
      ])
      .groupBy('status')
      .execute(),
    deals.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('at_stake_usd'), eb.lit(0)).as('atStake')).executeTakeFirstOrThrow(),
  ]);
  return {
    // Drafts are recorded but not yet sent: not claimed.
    claimed: sum(byStatus.filter((r) => r.status !== 'draft').map((r) => r.amount)),
    accepted: sum(byStatus.filter((r) => r.status === 'accepted' || r.status === 'paid').map((r) => r.approved)),
    paid: sum(byStatus.map((r) => r.paid)),
    atStake: sum([stake.atStake]),
  };
}

/**
 * The census behind the business gauges, in a few aggregate queries whatever the number of deals:
 * deals and their ladders from the read model (open deals only, as the gauges say "running"),
 * claims and their money from the claims ledger. `partnerId` narrows it to one partner (the
 * console's board).
 */
export async function readModelCensus(db: Db, partnerId?: string): Promise<ReadModelCensus> {
  let deals = db.selectFrom('deal_read_model').where('closed', '=', false);
  let claims = db.selectFrom('claims');
  if (partnerId) {
    deals = deals.where('partner_id', '=', partnerId);
    claims = claims.where('partner_id', '=', partnerId);
  }
  const [byStage, totals, byStatus, dollars] = await Promise.all([
    deals.select(['stage', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('stage').execute(),
    deals
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('handoffs_open'), eb.lit(0)).as('open'),
        eb.fn.coalesce(eb.fn.sum<number>('handoffs_returned'), eb.lit(0)).as('returned'),
        eb.fn.coalesce(eb.fn.sum<number>('handoffs_accepted'), eb.lit(0)).as('accepted'),
        eb.fn.coalesce(eb.fn.sum<number>('reminders'), eb.lit(0)).as('remind'),
        eb.fn.coalesce(eb.fn.sum<number>('escalations'), eb.lit(0)).as('escalate'),
        eb.fn.coalesce(eb.fn.sum<number>('breaches'), eb.lit(0)).as('breaches'),
        eb.fn.coalesce(eb.fn.sum<number>('ineligible_claims'), eb.lit(0)).as('ineligible'),
      ])
      .executeTakeFirstOrThrow(),
    claims.select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    incentiveDollars(db, partnerId),
  ]);
  const claimsByStatus: Record<string, number> = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  if (Number(totals.ineligible) > 0) claimsByStatus.ineligible = Number(totals.ineligible);
  return {
    dealsByStage: Object.fromEntries(byStage.map((r) => [r.stage, Number(r.n)])),
    handoffsByState: { open: Number(totals.open), returned: Number(totals.returned), accepted: Number(totals.accepted) },
    escalationsByAction: { remind: Number(totals.remind), escalate: Number(totals.escalate) },
    breaches: Number(totals.breaches),
    claimsByStatus,
    dollars,
  };
}
