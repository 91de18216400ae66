import type { DealView } from '../../../workflows/deal-messages';
import type { DealBooking } from '../../forecast/deal-booking';

/**
 * What the deal workflow sends to the `projectDeal` activity after each change: its view plus
 * what lists filter and sort on. Plain types only (no zod, no Node), so workflow code can import
 * it. The activity derives the read model's columns and counters from it.
 */
export interface DealSnapshot {
  /** `deal:<partner>:<deal>`: the read model's key. */
  workflowId: string;
  /**
   * Strictly increasing per deal, carried across continue-as-new: a write with a seq not above the
   * stored one is ignored, so a retried or late projection never moves the row backwards.
   */
  seq: number;
  partnerId: string;
  dealId: string;
  customerName: string;
  architecture: string;
  /** Booked plus expanded net value, as the BatonDealValue search attribute. */
  dealValueUsd: number;
  /** R and A of the current step and of every open handoff (lower-case e-mails), as BatonOpenTaskOwners. */
  openTaskOwners: string[];
  /** ISO instant of the earliest open, unpaused deadline, as BatonNextDeadline; null when none. */
  nextDeadlineAt: string | null;
  /** Incentive dollars the deal can still earn: milestones whose window is open and not yet claimed. */
  atStakeUsd: number;
  /** The deal's latest health score (on the health config's scale) and renewal risk, when observed. */
  health: { score: number | null; renewalRisk: 'High' | 'Medium' | 'Low' | null } | null;
  /** True once the workflow finished (lifecycle completed or deal closed). */
  closed: boolean;
  /** The run that took the snapshot (its history is the deal page's link), and the versions the deal runs under. */
  runId: string;
  playbook: { id: string; version: number };
  program: { id: string; version: number };
  view: DealView;
  /** What the deal was booked as and has proven, for the forecast; absent from workflows that projected before it was kept. */
  booking?: DealBooking;
}
