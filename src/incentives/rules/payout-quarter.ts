import { fiscalQuarterOf, nextFiscalQuarter, type FiscalQuarter } from '../../domain/calendar';
import type { IsoDate } from '../../domain/schemas/common';
import type { Program } from '../program-schema';

/** The fiscal quarter a claim accepted on `acceptedOn` is expected to be paid in. */
export function expectedPayoutQuarter(acceptedOn: IsoDate, program: Program): FiscalQuarter {
  let quarter = fiscalQuarterOf(acceptedOn, program.fiscalYearStartMonth);
  for (let i = 0; i < program.payout.lagFiscalQuarters; i++) quarter = nextFiscalQuarter(quarter, program.fiscalYearStartMonth);
  return quarter;
}
