import type { DateFormat } from './mapping';

/**
 * Cells are text; these read them as the booking schema's types. A cell that does not read as
 * the type is passed on as it is, so that the booking schema refuses it with its own rule.
 */

/** "420,000.00", "$420000", "USD 420000" -> 420000. */
export function numberCell(text: string): number | string {
  const bare = text.replace(/^(USD|\$)\s*/i, '').replace(/,/g, '').trim();
  const value = Number(bare);
  return bare !== '' && Number.isFinite(value) ? value : text;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export function booleanCell(text: string): boolean | string {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return text;
}

const pad = (n: string) => n.padStart(2, '0');

/** A day in the mapping's format (or ISO) as YYYY-MM-DD. */
export function dayCell(text: string, format: DateFormat): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const parts = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!parts || format === 'YYYY-MM-DD') return text;
  const [, first, second, year] = parts as unknown as [string, string, string, string];
  return format === 'M/D/YYYY' ? `${year}-${pad(first)}-${pad(second)}` : `${year}-${pad(second)}-${pad(first)}`;
}
