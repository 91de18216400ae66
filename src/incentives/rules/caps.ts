import { fiscalQuarterOf, type FiscalQuarter } from '../../domain/calendar';
import type { IsoDate } from '../../domain/schemas/common';
import type { Deal } from '../../domain/schemas/deal';
import type { Partner } from '../../domain/schemas/partner';
import { parseMilestoneName } from '../milestone-ref';
import type { Incentive, Program } from '../program-schema';
import type { ClaimQuote } from '../quote-schema';
import { formatUsd } from './money';

export type CapDecision =
  | { limited: false; reason: string }
  | {
      limited: true;
      /** Identifies the counter: incentive, partner, architecture, fiscal quarter, agreement type. */
      key: string;
      limit: number;
      fiscalQuarter: FiscalQuarter;
      agreement: 'standard' | 'enterpriseAgreement';
      /** e.g. "3 per architecture per fiscal quarter (non-EA)" */
      description: string;
    };

/**
 * Which cap counter a claim of `incentiveKind` on this deal counts against, or why it is not
 * capped; undefined when the incentive has no cap. `countedOn` is the day the registration
 * milestone (the cap's `countedBy`, e.g. the success plan) was proven: its fiscal quarter is the
 * counted quarter. EA and non-EA registrations are separate counters with their own limits.
 */
export function capDecision(input: {
  program: Program;
  incentiveKind: string;
  deal: Deal;
  partner: Partner;
  countedOn: IsoDate;
}): CapDecision | undefined {
  const { program, incentiveKind, deal, partner, countedOn } = input;
  const cap = program.incentives.find((incentive) => incentive.kind === incentiveKind)?.cap;
  if (!cap) return undefined;
  const unlimited = cap.unlimited;
  if (unlimited?.specializations.includes(partner.specialization)) {
    const minimum = unlimited.minimumPriorFiscalYearBookingsUsd;
    const bookings = partner.priorFiscalYearBookingsUsd;
    if (minimum === undefined || bookings === undefined || bookings >= minimum) {
      return { limited: false, reason: `no cap for ${partner.specialization} partners` };
    }
  }
  const agreement = deal.enterpriseAgreement ? 'enterpriseAgreement' : 'standard';
  const fiscalQuarter = fiscalQuarterOf(countedOn, program.fiscalYearStartMonth);
  const limit = cap.limits[agreement];
  const agreementLabel = agreement === 'standard' ? 'non-EA' : 'EA';
  const exemption =
    unlimited?.minimumPriorFiscalYearBookingsUsd !== undefined && unlimited.specializations.includes(partner.specialization)
      ? `; uncapped only from ${formatUsd(unlimited.minimumPriorFiscalYearBookingsUsd)} prior-fiscal-year bookings`
      : '';
  return {
    limited: true,
    key: [incentiveKind, partner.id, deal.architecture, fiscalQuarter.label.replace(' ', '-'), agreement].join('/'),
    limit,
    fiscalQuarter,
    agreement,
    description: `${limit} per architecture per fiscal quarter (${agreementLabel})${exemption}`,
  };
}

/**
 * The day a capped incentive's registration counts on the cap, from the deal's quotes: the day
 * the cap's `countedBy` milestone (the registration, e.g. the success plan) was proven, else the
 * earliest proof among the incentive's claims that earn (or would, but for the cap). Its fiscal
 * quarter is the quarter quoted and the quarter the caps entity reserves.
 */
export function capCountedOn(program: Program, incentive: Incentive, quotes: readonly ClaimQuote[]): IsoDate | undefined {
  const cap = incentive.cap;
  if (!cap) return undefined;
  const ofIncentive = quotes.filter((q) => q.incentive === incentive.kind && q.provenOn !== undefined);
  const registration = ofIncentive.find((q) => {
    const named = parseMilestoneName(program, q.milestone);
    return named?.incentive.kind === incentive.kind && named.milestone.id === cap.countedBy;
  });
  if (registration) return registration.provenOn;
  const earning = ofIncentive.filter((q) => q.eligible || q.reasonCode === 'cap-reached').map((q) => q.provenOn!);
  return earning.length > 0 ? earning.reduce((a, b) => (b < a ? b : a)) : undefined;
}
