import type { Deal } from '../../domain/schemas/deal';
import type { Tier, Tiers } from '../program-schema';
import { softwareBasisLabel, softwareUsd } from './deal-values';
import { formatUsd } from './money';

/** The highest tier whose lower bound the deal reaches, with the line explaining it. */
export function tierOf(tiers: Tiers, deal: Deal): { tier: Tier; line: string } | undefined {
  const value = softwareUsd(deal.lineItems, tiers.basis);
  const tier = tiers.levels.filter((level) => value >= level.fromUsd).at(-1);
  if (!tier) return undefined;
  return { tier, line: `${tier.label} tier: ${softwareBasisLabel(tiers.basis)} ${formatUsd(value)} (from ${formatUsd(tier.fromUsd)})` };
}
