import type { LineItem } from '../../domain/schemas/deal';
import type { ExpansionBooking } from '../facts-schema';
import type { SoftwareBasis } from '../program-schema';
import { formatUsd, fromCents, toCents } from './money';

function sumCents(lineItems: LineItem[]): number {
  return lineItems.reduce((sum, line) => sum + toCents(line.netValueUsd), 0);
}

/** Net value of every line, software or not: the total contract value. */
export function totalUsd(lineItems: LineItem[]): number {
  return fromCents(sumCents(lineItems));
}

/** The software value of each SKU (its software lines summed), largest first. */
export function softwareBySku(lineItems: LineItem[]): { sku: string; usd: number }[] {
  const bySku = new Map<string, LineItem[]>();
  for (const line of lineItems.filter((l) => l.software)) bySku.set(line.sku, [...(bySku.get(line.sku) ?? []), line]);
  return [...bySku.entries()].map(([sku, lines]) => ({ sku, usd: fromCents(sumCents(lines)) })).sort((a, b) => b.usd - a.usd);
}

/**
 * Net software value on the given basis: the whole order, its largest SKU, or the SKUs that
 * reach `perSkuMinimumUsd` each (the others do not count toward the value).
 */
export function softwareUsd(lineItems: LineItem[], basis: SoftwareBasis, perSkuMinimumUsd = 0): number {
  switch (basis) {
    case 'deal':
      return fromCents(sumCents(lineItems.filter((line) => line.software)));
    case 'largest-sku':
      return softwareBySku(lineItems)[0]?.usd ?? 0;
    case 'qualifying-skus':
      return fromCents(softwareBySku(lineItems).filter((s) => s.usd >= perSkuMinimumUsd).reduce((sum, s) => sum + toCents(s.usd), 0));
  }
}

export function softwareBasisLabel(basis: SoftwareBasis, perSkuMinimumUsd = 0): string {
  switch (basis) {
    case 'deal':
      return 'deal net software';
    case 'largest-sku':
      return 'largest software SKU, net';
    case 'qualifying-skus':
      return `software SKUs of ${formatUsd(perSkuMinimumUsd)} or more each, net`;
  }
}

/**
 * The deal's value: its booking plus each expansion once. An order reference recorded twice (as
 * facts recorded before identities existed may be) counts once; bookings without one are each
 * their own order.
 */
export function dealValueUsd(bookingLines: LineItem[], expansions: readonly ExpansionBooking[]): number {
  const seen = new Set<string>();
  const counted = expansions.filter((expansion) => {
    if (expansion.orderRef === undefined) return true;
    if (seen.has(expansion.orderRef)) return false;
    seen.add(expansion.orderRef);
    return true;
  });
  return totalUsd([...bookingLines, ...counted.flatMap((e) => e.lineItems)]);
}
