import type { Deal } from '../domain/schemas/deal';
import type { Partner } from '../domain/schemas/partner';
import type { Payout, Tier } from '../incentives/program-schema';
import { computePayout } from '../incentives/rules/payouts';

interface PotentialContext {
  deal: Deal;
  partner: Partner;
  label: string;
  tier?: { tier: Tier; line: string };
}

/**
 * What a milestone not yet proven would pay if proven now: the payout rule resolved for this
 * deal and partner exactly as the quote resolves it; a per-unit rule counts at its maximum (the
 * program's "up to"), a rule that needs the proof's own figures (an expansion booking) counts 0.
 */
export function potentialUsd(payout: Payout, ctx: PotentialContext): number {
  switch (payout.type) {
    case 'per-unit':
      return payout.maximumUsd ?? 0;
    case 'by-specialization': {
      const chosen = payout.cases[ctx.partner.specialization];
      return chosen ? potentialUsd(chosen, ctx) : 0;
    }
    case 'by-agreement':
      return potentialUsd(ctx.deal.enterpriseAgreement ? payout.enterpriseAgreement : payout.standard, ctx);
    case 'by-tier': {
      const chosen = ctx.tier && payout.tiers[ctx.tier.tier.id];
      return chosen ? potentialUsd(chosen, ctx) : 0;
    }
    default: {
      const result = computePayout(payout, ctx);
      return result.kind === 'amount' ? result.usd : 0;
    }
  }
}
