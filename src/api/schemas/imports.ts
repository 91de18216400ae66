import { z } from 'zod';
import { Slug } from '../../domain/schemas/common';
import { strictObject } from '../../domain/schemas/strict';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ImportQuery = strictObject({
  dryRun: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false').transform((v) => v === 'true').describe('validate every row and report, registering nothing'),
  mapping: Slug.default('baton').describe('a shipped column mapping (config/imports), e.g. salesforce-opportunity-lines; `baton` reads Baton\'s field names'),
});

export const ImportHeaders = z.object({
  'baton-import-mapping': z.string().max(16_384, 'must be at most 16384 characters').optional().describe('a custom column mapping: its YAML or JSON, base64url-encoded; overrides `mapping`'),
});

/** One line of the NDJSON report `POST /imports` streams. */
export const ImportReportLine = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('problem'), row: z.number(), column: z.string(), rule: z.string(), dealId: z.string().optional() }),
    z.object({ kind: z.literal('conflict'), row: z.number(), dealId: z.string(), fields: z.array(z.string()) }),
    z.object({ kind: z.literal('progress'), rows: z.number(), deals: z.number() }),
    z.object({
      kind: z.literal('summary'),
      dryRun: z.boolean(),
      rows: z.number(),
      deals: z.number(),
      valid: z.number(),
      invalidRows: z.number(),
      created: z.number(),
      unchanged: z.number(),
      conflicts: z.number(),
      refused: z.number(),
    }),
  ])
  .meta({ id: 'ImportReportLine' });
