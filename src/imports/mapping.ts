import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FreeText, Name, Role, Slug } from '../domain/schemas/common';
import { formatZodError } from '../domain/schemas/errors';
import { strictObject, strictPartialRecord } from '../domain/schemas/strict';

/**
 * How a CRM export's columns become bookings. Rows are line items; consecutive rows with the same
 * value in the `dealId` column are one deal (a Salesforce opportunity report grouped by
 * opportunity lists them together). Deal fields are read from the deal's first row.
 */

/** The booking fields a column can fill, by their path in the booking (`POST /deals`). */
export const DealField = z.enum(['customer.name', 'architecture', 'enterpriseAgreement', 'bookedOn', 'renewal.termMonths', 'renewal.date', 'programId', 'playbookId', 'history']);
export type DealField = z.infer<typeof DealField>;
export const LineItemField = z.enum(['sku', 'description', 'useCase', 'quantity', 'netValueUsd', 'software']);
export type LineItemField = z.infer<typeof LineItemField>;

/** Day formats CRMs export; ISO (YYYY-MM-DD) is always accepted as well. */
export const DateFormat = z.enum(['YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY']);
export type DateFormat = z.infer<typeof DateFormat>;

export const ImportMapping = strictObject({
  id: Slug,
  description: FreeText.optional(),
  /** The column whose value is the deal's id (the CRM's opportunity id). */
  dealId: Name,
  deal: strictPartialRecord(DealField, Name),
  lineItem: strictPartialRecord(LineItemField, Name),
  /** Per role, the columns of the one person who holds it (e-mail and name). */
  team: strictPartialRecord(Role, strictObject({ id: Name, name: Name })),
  dateFormat: DateFormat.default('YYYY-MM-DD'),
  /** CRM labels to Baton's values, per field, e.g. `architecture: { Data Center: data-center }`. */
  values: strictPartialRecord(z.enum(['architecture', 'useCase']), z.record(z.string(), z.string())).default({}),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

/** Columns named as Baton names the fields: what `baton import deals` reads without `--mapping`. */
export const BATON_COLUMNS: ImportMapping = ImportMapping.parse({
  id: 'baton',
  dealId: 'id',
  deal: Object.fromEntries(DealField.options.map((f) => [f, f])),
  lineItem: Object.fromEntries(LineItemField.options.map((f) => [f, `lineItem.${f}`])),
  team: Object.fromEntries(Role.options.map((r) => [r, { id: `team.${r}.id`, name: `team.${r}.name` }])),
});

export class MappingError extends Error {
  override readonly name = 'MappingError';
}

/** A mapping from its YAML or JSON text; `source` names it in the error. */
export function parseMapping(text: string, source: string): ImportMapping {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw new MappingError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  const result = ImportMapping.safeParse(value);
  if (!result.success) throw new MappingError(`${source}: not an import mapping:\n${formatZodError(result.error)}`);
  return result.data;
}

export async function loadMapping(file: string): Promise<ImportMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new MappingError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseMapping(text, file);
}

/** Mappings shipped with Baton, `config/imports/<id>.yaml`, named by `?mapping=` and `--mapping`. */
export const MAPPINGS_DIR = fileURLToPath(new URL('../../config/imports/', import.meta.url));

/** A shipped mapping by id, or the Baton column names for `baton`. */
export async function shippedMapping(id: string): Promise<ImportMapping> {
  if (id === BATON_COLUMNS.id) return BATON_COLUMNS;
  const known = [BATON_COLUMNS.id, ...(await readdir(MAPPINGS_DIR)).filter((n) => n.endsWith('.yaml')).map((n) => n.slice(0, -'.yaml'.length))];
  if (!known.includes(id)) throw new MappingError(`no import mapping "${id}" (known: ${known.join(', ')})`);
  return loadMapping(join(MAPPINGS_DIR, `${id}.yaml`));
}
