import type { Deal } from '../../domain/schemas/deal';
import type { Eligibility } from '../program-schema';
import { softwareBasisLabel, softwareBySku, softwareUsd } from './deal-values';
import { formatUsd } from './money';

/** The per-SKU minimum the incentive applies, when its minimum applies per SKU. */
export function perSkuMinimumUsd(eligibility: Pick<Eligibility, 'minimumSoftware'>): number | undefined {
  const minimum = eligibility.minimumSoftware;
  return minimum?.minimumApplies === 'per-sku' ? minimum.usd : undefined;
}

/** Why the deal's software does not reach the incentive's minimum, or undefined when it does. */
export function softwareMinimumShortfall(eligibility: Pick<Eligibility, 'minimumSoftware'>, deal: Deal): string | undefined {
  const minimum = eligibility.minimumSoftware;
  if (!minimum) return undefined;
  if (minimum.minimumApplies === 'per-sku') {
    const largest = softwareBySku(deal.lineItems)[0];
    if (largest && largest.usd >= minimum.usd) return undefined;
    const seen = largest ? ` (largest: ${largest.sku} ${formatUsd(largest.usd)})` : ' (the deal has no software line)';
    return `no software SKU reaches the ${formatUsd(minimum.usd)} minimum per SKU${seen}`;
  }
  const value = softwareUsd(deal.lineItems, minimum.basis);
  return value < minimum.usd ? `${softwareBasisLabel(minimum.basis)} ${formatUsd(value)} is below the ${formatUsd(minimum.usd)} minimum` : undefined;
}

/** The SKUs left out of the eligible software value, as a breakdown line, or undefined for none. */
export function uncountedSkusLine(eligibility: Pick<Eligibility, 'minimumSoftware'>, deal: Deal): string | undefined {
  const minimum = perSkuMinimumUsd(eligibility);
  if (minimum === undefined) return undefined;
  const below = softwareBySku(deal.lineItems).filter((s) => s.usd < minimum);
  if (below.length === 0) return undefined;
  return `not counted, below ${formatUsd(minimum)} per SKU: ${below.map((s) => `${s.sku} ${formatUsd(s.usd)}`).join(', ')}`;
}
