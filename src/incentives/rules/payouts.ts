import type { Deal } from '../../domain/schemas/deal';
import type { Partner } from '../../domain/schemas/partner';
import type { ExpansionBooking } from '../facts-schema';
import type { Payout, PercentBasis, Tier } from '../program-schema';
import type { IneligibleReason } from '../quote-schema';
import { softwareUsd, totalUsd } from './deal-values';
import { formatPercent, formatUsd, fromCents, toCents } from './money';

export interface PayoutContext {
  deal: Deal;
  partner: Partner;
  label: string;
  /** The deal's reward tier, when the incentive has tiers and the deal reaches one. */
  tier?: { tier: Tier; line: string };
  /** Metrics of the evidence that proved the milestone (per-unit payouts count these). */
  metrics?: Readonly<Record<string, number>>;
  /** The expansion booking being claimed, for expansion-software percentages. */
  expansion?: ExpansionBooking;
}

export type PayoutResult =
  | { kind: 'amount'; usd: number; lines: string[] }
  | { kind: 'refused'; code: IneligibleReason; reason: string; lines: string[] };

function refused(code: IneligibleReason, reason: string, lines: string[] = []): PayoutResult {
  return { kind: 'refused', code, reason, lines };
}

function prefixed(line: string, result: PayoutResult): PayoutResult {
  return { ...result, lines: [line, ...result.lines] };
}

function percentBase(of: PercentBasis, ctx: PayoutContext): { usd: number; label: string } | undefined {
  switch (of) {
    case 'deal-software':
      return { usd: softwareUsd(ctx.deal.lineItems, 'deal'), label: 'the deal net software' };
    case 'deal-total':
      return { usd: totalUsd(ctx.deal.lineItems), label: 'the total contract value' };
    case 'expansion-software':
      return ctx.expansion ? { usd: softwareUsd(ctx.expansion.lineItems, 'deal'), label: 'the expansion software booking' } : undefined;
  }
}

/** The amount a proven milestone pays under the program's payout rule, line by line. */
export function computePayout(payout: Payout, ctx: PayoutContext): PayoutResult {
  switch (payout.type) {
    case 'fixed':
      return { kind: 'amount', usd: payout.usd, lines: [`${ctx.label}: ${formatUsd(payout.usd)}`] };
    case 'per-unit': {
      const counted = payout.rates.flatMap((rate) => {
        const units = ctx.metrics?.[rate.metric];
        return units === undefined ? [] : [{ rate, units, cents: Math.round(units * toCents(rate.usd)) }];
      });
      const lines = counted.map(({ rate, units, cents }) => `${units} ${rate.unitLabel} × ${formatUsd(rate.usd)} = ${formatUsd(fromCents(cents))}`);
      const worth = fromCents(counted.reduce((sum, c) => sum + c.cents, 0));
      if (counted.length > 1) lines.push(`worth ${formatUsd(worth)}`);
      if (worth <= 0) return refused('below-minimum', 'nothing counted: no units reported', lines);
      if (payout.minimumUsd !== undefined && worth < payout.minimumUsd) {
        return refused('below-minimum', `worth ${formatUsd(worth)}, below the ${formatUsd(payout.minimumUsd)} minimum`, lines);
      }
      if (payout.maximumUsd !== undefined && worth > payout.maximumUsd) {
        return { kind: 'amount', usd: payout.maximumUsd, lines: [...lines, `capped at the ${formatUsd(payout.maximumUsd)} maximum`] };
      }
      return { kind: 'amount', usd: worth, lines };
    }
    case 'percent': {
      const base = percentBase(payout.of, ctx);
      if (!base) return refused('no-payout-rule', `a percentage of ${payout.of} needs an expansion booking`);
      const usd = fromCents(Math.round((toCents(base.usd) * payout.percent) / 100));
      return { kind: 'amount', usd, lines: [`${formatPercent(payout.percent)} of ${base.label} ${formatUsd(base.usd)} = ${formatUsd(usd)}`] };
    }
    case 'unpaid':
      return { kind: 'amount', usd: 0, lines: [payout.note] };
    case 'no-automatic-amount':
      return refused('no-automatic-amount', payout.reason);
    case 'by-specialization': {
      const level = ctx.partner.specialization;
      const chosen = payout.cases[level];
      if (!chosen) return refused('no-payout-rule', `no amount is defined for a partner with specialization "${level}"`);
      return prefixed(`partner specialization: ${level}`, computePayout(chosen, ctx));
    }
    case 'by-agreement':
      return ctx.deal.enterpriseAgreement
        ? prefixed('Enterprise Agreement', computePayout(payout.enterpriseAgreement, ctx))
        : prefixed('non-EA', computePayout(payout.standard, ctx));
    case 'by-tier': {
      if (!ctx.tier) return refused('no-payout-rule', 'the deal is below the lowest reward tier');
      const chosen = payout.tiers[ctx.tier.tier.id];
      if (!chosen) return refused('no-payout-rule', `no amount is defined for tier ${ctx.tier.tier.label}`);
      return prefixed(ctx.tier.line, computePayout(chosen, ctx));
    }
  }
}
