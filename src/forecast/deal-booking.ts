import type { Deal } from '../domain/schemas/deal';
import type { Partner } from '../domain/schemas/partner';
import type { DealFacts } from '../incentives/facts-schema';
import type { CapStatus } from '../incentives/rules/evaluate';

/**
 * What a deal was booked as and has proven so far: everything `baton quote` needs to price it,
 * carried in the read model beside the view so that the forecast prices a portfolio without
 * asking any workflow. Plain types only: the deal workflow builds it.
 */
export interface DealBooking {
  deal: Deal;
  partner: Partner;
  /** The program version the deal runs under (its rules are read from config/programs). */
  program: { id: string; version: number };
  facts: DealFacts;
  capStatus: Partial<Record<string, CapStatus>>;
}
