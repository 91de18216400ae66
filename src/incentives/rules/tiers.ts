import type { Deal } from '../../domain/schemas/deal';
import type { Eligibility, Tier, Tiers } from '../program-schema';
import { softwareBasisLabel, softwareUsd } from './deal-values';
import { formatUsd } from './money';
import { perSkuMinimumUsd, uncountedSkusLine } from './software-minimum';

/** The highest tier whose lower bound the deal reaches, with the line explaining it. */
export function tierOf(tiers: Tiers, eligibility: Pick<Eligibility, 'minimumSoftware'>, deal: Deal): { tier: Tier; line: string } | undefined {
  const perSku = perSkuMinimumUsd(eligibility);
  const value = softwareUsd(deal.lineItems, tiers.basis, perSku);
  const tier = tiers.levels.filter((level) => value >= level.fromUsd).at(-1);
  if (!tier) return undefined;
  const uncounted = tiers.basis === 'qualifying-skus' ? uncountedSkusLine(eligibility, deal) : undefined;
  const line = `${tier.label} tier: ${softwareBasisLabel(tiers.basis, perSku)} ${formatUsd(value)} (from ${formatUsd(tier.fromUsd)})`;
  return { tier, line: uncounted ? `${line}; ${uncounted}` : line };
}
