import type { WindowSpec } from '../domain/schemas/window';
import type { Payout, Program } from '../incentives/program-schema';
import type { ProgramView } from './schemas/program';

const usd = (amount: number): string => `$${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

const ANCHORS = { booking: 'the booking', endOfFiscalQuarterOfBooking: 'the end of the fiscal quarter of the booking' } as const;

/** A deadline window in words: "12 months from the end of the fiscal quarter of the booking". */
export function describeWindow(window: WindowSpec): string {
  const length = 'days' in window ? `${window.days} days` : `${window.months} months`;
  return 'from' in window ? `${length} from ${ANCHORS[window.from]}` : `${length} before the renewal`;
}

const BASES = { 'deal-software': "the deal's software", 'deal-total': 'the deal total', 'expansion-software': "the expansion's software" } as const;

/** A payout rule in words, cases nested as "EA: ..., standard: ...". */
export function describePayout(payout: Payout): string {
  switch (payout.type) {
    case 'fixed':
      return usd(payout.usd);
    case 'per-unit': {
      const rates = payout.rates.map((r) => `${usd(r.usd)} per ${r.unitLabel ?? r.metric}`).join(', ');
      const bounds = [payout.minimumUsd !== undefined ? `min ${usd(payout.minimumUsd)}` : '', payout.maximumUsd !== undefined ? `max ${usd(payout.maximumUsd)}` : ''].filter(Boolean);
      return bounds.length > 0 ? `${rates} (${bounds.join(', ')})` : rates;
    }
    case 'percent':
      return `${payout.percent}% of ${BASES[payout.of]}`;
    case 'unpaid':
      return `required, unpaid (${payout.note})`;
    case 'no-automatic-amount':
      return `no automatic amount: ${payout.reason}`;
    case 'by-specialization':
      return Object.entries(payout.cases)
        .map(([level, inner]) => `${level}: ${inner ? describePayout(inner) : '-'}`)
        .join('; ');
    case 'by-agreement':
      return `standard: ${describePayout(payout.standard)}; EA: ${describePayout(payout.enterpriseAgreement)}`;
    case 'by-tier':
      return Object.entries(payout.tiers)
        .map(([tier, inner]) => `${tier}: ${describePayout(inner)}`)
        .join('; ');
  }
}

/** An incentive program as the console shows it: its windows and amounts, in words. */
export function presentProgram(program: Program): ProgramView {
  return {
    id: program.id,
    version: program.version,
    name: program.name,
    fiscalYearStartMonth: program.fiscalYearStartMonth,
    payoutLagFiscalQuarters: program.payout.lagFiscalQuarters,
    incentives: program.incentives.map((incentive) => ({
      kind: incentive.kind,
      name: incentive.name,
      window: describeWindow(incentive.window),
      tiers: (incentive.tiers?.levels ?? []).map((t) => ({ id: t.id, label: t.label, fromUsd: t.fromUsd })),
      milestones: incentive.milestones.map((m) => ({
        id: m.id,
        label: m.label,
        payout: describePayout(m.payout),
        ...(m.window ? { window: describeWindow(m.window) } : {}),
      })),
    })),
  };
}
