import { z } from 'zod';
import { IsoDate, LIMITS } from '../../domain/schemas/common';
import { strictObject } from '../../domain/schemas/strict';
import { FORECAST_GROUPINGS } from '../../forecast/forecast';
import { horizonEnd } from '../../forecast/horizon';
import { parseWhatIf, WHAT_IF_SYNTAX } from '../../forecast/what-if';
import { WINDOW_STATUSES } from '../../forecast/window-forecast';

const WhatIfList = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((text, ctx) => {
    for (const part of text.split(',')) {
      if (parseWhatIf(part.trim()) === undefined) ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is not a what-if: ${WHAT_IF_SYNTAX}` });
    }
  });

/** `GET /forecast`: the day, how far ahead, how to total, and what-ifs (comma-separated). */
export const ForecastQuery = strictObject({
  asOf: IsoDate.optional().describe('the business day to forecast on; default today (UTC)'),
  horizon: z
    .string()
    .max(LIMITS.idChars)
    .refine((h) => horizonEnd('2000-01-01', h) !== undefined, 'must be an ISO 8601 duration of years, months, weeks and days, e.g. P6M or P18M')
    .default('P6M')
    .describe('windows closing within this long after asOf are forecast'),
  by: z.enum(FORECAST_GROUPINGS, { message: `must be one of ${FORECAST_GROUPINGS.join(', ')}` }).default('quarter'),
  whatIf: WhatIfList.optional().describe(`comma-separated: ${WHAT_IF_SYNTAX}; answered without changing anything`),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

const Status = z.enum(WINDOW_STATUSES);

const ForecastWindow = z.object({
  dealId: z.string(),
  partnerId: z.string(),
  customerName: z.string(),
  architecture: z.string(),
  stage: z.string(),
  owner: z.string(),
  incentive: z.string(),
  milestone: z.string(),
  label: z.string(),
  windowId: z.string().describe("the deal's deadline id, for an extend what-if"),
  lastDay: IsoDate,
  status: Status,
  quotedUsd: z.number().describe('what `baton quote` says on the same facts and day'),
  atStakeUsd: z.number().describe('earned: the quoted amount; open: what proof would pay; missed: 0'),
  missedUsd: z.number(),
  paidIn: z.string().describe('fiscal quarter of payment, on the program calendar'),
  paidInEndsOn: IsoDate,
  why: z.string(),
});

const ForecastTotal = z.object({
  key: z.string(),
  earnedUsd: z.number(),
  atStakeUsd: z.number().describe('open windows: on track, at risk and escalated'),
  atRiskUsd: z.number().describe('at risk and escalated'),
  missedUsd: z.number(),
  windows: z.record(Status, z.number().int()),
});

export const ForecastReport = z
  .object({
    asOf: IsoDate,
    until: IsoDate,
    by: z.enum(FORECAST_GROUPINGS),
    whatIfs: z.array(z.string()).describe('the what-ifs applied, in words'),
    windows: z.array(ForecastWindow),
    totals: z.array(ForecastTotal),
    deals: z.object({ read: z.number().int(), unpriced: z.array(z.string()).describe('deals projected before bookings were kept, or under an unknown program version') }),
  })
  .meta({ id: 'Forecast' });
export type ForecastReport = z.infer<typeof ForecastReport>;
