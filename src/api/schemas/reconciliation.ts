import { z } from 'zod';
import { strictObject } from '../../domain/schemas/strict';

export const ReconcileQuery = strictObject({
  noDecisionAfterDays: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1-3650')
    .max(3650, 'must be 1-3650')
    .default(60)
    .describe('a submitted claim still without a decision after this many days is reported'),
});

export const ReconciliationReport = z
  .object({
    rows: z.number(),
    applied: z.number().describe('decisions recorded in the ledger by this file'),
    unchanged: z.number().describe('decisions the ledger already held'),
    mismatches: z.array(
      z.object({
        kind: z.enum(['invalid-row', 'unknown-claim', 'amount-differs', 'paid-twice', 'refused', 'no-decision']),
        row: z.number().optional().describe("the file's row; absent for a claim the file says nothing about"),
        claim: z.string(),
        detail: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReconciliationReport' });
