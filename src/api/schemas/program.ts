import { z } from 'zod';

/** An incentive program, read-only: each incentive's window and each milestone's amount, in words. */
export const ProgramView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    fiscalYearStartMonth: z.number().int(),
    payoutLagFiscalQuarters: z.number().int(),
    incentives: z.array(
      z.object({
        kind: z.string(),
        name: z.string(),
        window: z.string(),
        tiers: z.array(z.object({ id: z.string(), label: z.string(), fromUsd: z.number() })),
        milestones: z.array(z.object({ id: z.string(), label: z.string(), payout: z.string(), window: z.string().optional().describe("overrides the incentive's window") })),
      }),
    ),
  })
  .meta({ id: 'Program' });
export type ProgramView = z.infer<typeof ProgramView>;
