import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { IsoDate, Usd } from '../domain/schemas/common';
import { formatZodError } from '../domain/schemas/errors';
import { strictObject } from '../domain/schemas/strict';

/**
 * The vendor portal's decisions file, one row per decision (RFC 4180, a header row): the claim
 * (its id or idempotency key, as the quarterly export gave them), the status, the amount approved
 * and the paid date. Empty cells are absent values.
 */
export const VendorRow = z
  .discriminatedUnion('status', [
    strictObject({ claim: z.string().min(1, 'must name the claim'), status: z.literal('accepted'), amount_approved_usd: Usd.optional(), paid_on: z.undefined({ message: 'only a paid row has a paid date' }).optional() }),
    strictObject({ claim: z.string().min(1, 'must name the claim'), status: z.literal('rejected'), amount_approved_usd: z.undefined({ message: 'a rejected claim has no amount approved' }).optional(), paid_on: z.undefined({ message: 'only a paid row has a paid date' }).optional() }),
    strictObject({ claim: z.string().min(1, 'must name the claim'), status: z.literal('paid'), amount_approved_usd: Usd.optional(), paid_on: IsoDate }),
  ], { error: () => 'status: must be accepted, rejected or paid' });
export type VendorRow = z.infer<typeof VendorRow>;

/** A row as read: its line number in the file and either the decision or why it cannot be read. */
export type VendorLine = { row: number; decision: VendorRow } | { row: number; claim?: string; problem: string };

const cellValue = (key: string, text: string): unknown => {
  if (text === '') return undefined;
  if (key === 'amount_approved_usd') {
    const value = Number(text.replace(/,/g, ''));
    return Number.isFinite(value) ? value : text;
  }
  return text;
};

/** Streams the file's rows, validated one by one. */
export async function* readVendorFile(input: Readable): AsyncGenerator<VendorLine> {
  const parser = input.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, info: true }));
  input.on('error', (err) => parser.destroy(err));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const values = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, cellValue(k, v)]));
    const parsed = VendorRow.safeParse(values);
    if (parsed.success) yield { row: info.lines, decision: parsed.data };
    else yield { row: info.lines, ...(record.claim ? { claim: record.claim } : {}), problem: formatZodError(parsed.error).replace(/\n/g, '; ') };
  }
}
