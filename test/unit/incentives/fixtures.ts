import { loadProgram } from '../../../src/config/program-files';
import type { Architecture, SpecializationLevel } from '../../../src/domain/schemas/common';
import { Deal, type DealInput } from '../../../src/domain/schemas/deal';
import type { UsageEvidence } from '../../../src/domain/schemas/evidence';
import { Partner } from '../../../src/domain/schemas/partner';
import { DealFacts, type DealFactsInput } from '../../../src/incentives/facts-schema';
import type { Program } from '../../../src/incentives/program-schema';
import type { ClaimQuote } from '../../../src/incentives/quote-schema';
import { evaluateIncentives, type CapStatus } from '../../../src/incentives/rules/evaluate';

export const fy2021 = await loadProgram('fy2021-lifecycle');

export const BOOKED_ON = '2021-01-15';

/** A deal with one software line of `softwareUsd` (plus a services line that never counts). */
export function makeDeal(options: { softwareUsd?: number; architecture?: Architecture; ea?: boolean; bookedOn?: string } & Partial<DealInput> = {}): Deal {
  const { softwareUsd = 120_000, architecture = 'data-center', ea = false, bookedOn = BOOKED_ON, ...rest } = options;
  return Deal.parse({
    id: 'deal-1',
    partnerId: 'partner-1',
    customer: { name: 'Acme' },
    architecture,
    enterpriseAgreement: ea,
    bookedOn,
    lineItems: [
      { sku: 'SW-1', netValueUsd: softwareUsd, software: true },
      { sku: 'SVC-1', netValueUsd: 99_999, software: false },
    ],
    renewal: { termMonths: 36 },
    team: { AM: [{ id: 'am@partner.example', name: 'A M' }] },
    ...rest,
  });
}

export function makePartner(specialization: SpecializationLevel, architectures: Architecture[] = ['data-center', 'enterprise-networks', 'security', 'collaboration', 'enterprise-agreement'], priorFiscalYearBookingsUsd?: number): Partner {
  return Partner.parse({ id: 'partner-1', name: 'Partner One', specialization, architectures, priorFiscalYearBookingsUsd });
}

export function evidence(useCase: string, observedOn: string, metrics: Record<string, number>, id = `ev-${useCase}-${observedOn}`): UsageEvidence {
  return { id, useCase, observedOn, source: 'telemetry', metrics };
}

export function quotes(options: {
  program?: Program;
  deal?: Deal;
  partner?: Partner;
  facts?: DealFactsInput;
  asOf?: string;
  capStatus?: Partial<Record<string, CapStatus>>;
}): ClaimQuote[] {
  return evaluateIncentives({
    program: options.program ?? fy2021,
    deal: options.deal ?? makeDeal(),
    partner: options.partner ?? makePartner('specialized'),
    facts: DealFacts.parse(options.facts ?? {}),
    asOf: options.asOf,
    capStatus: options.capStatus,
  });
}

export function claim(all: ClaimQuote[], milestone: string): ClaimQuote {
  const found = all.find((q) => q.milestone === milestone);
  if (!found) throw new Error(`no quote for ${milestone}; have ${all.map((q) => q.milestone).join(', ')}`);
  return found;
}
