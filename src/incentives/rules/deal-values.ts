import type { LineItem } from '../../domain/schemas/deal';
import type { SoftwareBasis } from '../program-schema';
import type { ExpansionBooking } from '../facts-schema';
import { fromCents, toCents } from './money';

function sumCents(lineItems: LineItem[]): number {
  return lineItems.reduce((sum, line) => sum + toCents(line.netValueUsd), 0);
}

/** Net value of every line, software or not: the total contract value. */
export function totalUsd(lineItems: LineItem[]): number {
  return fromCents(sumCents(lineItems));
}

/** Net software value on the given basis: the whole order, or its largest SKU. */
export function softwareUsd(lineItems: LineItem[], basis: SoftwareBasis): number {
  const software = lineItems.filter((line) => line.software);
  if (basis === 'deal') return fromCents(sumCents(software));
  const bySku = new Map<string, LineItem[]>();
  for (const line of software) bySku.set(line.sku, [...(bySku.get(line.sku) ?? []), line]);
  return fromCents(Math.max(0, ...[...bySku.values()].map(sumCents)));
}

export function softwareBasisLabel(basis: SoftwareBasis): string {
  return basis === 'deal' ? 'deal net software' : 'largest software SKU, net';
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
