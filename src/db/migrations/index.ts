import type { Migration } from 'kysely';
import * as claimsLedger from './0001_claims_ledger';
import * as notificationDeliveries from './0002_notification_deliveries';
import * as peopleAndTokens from './0003_people_and_tokens';
import * as dealReadModel from './0004_deal_read_model';
import * as dealRefusals from './0005_deal_refusals';
import * as readModelRunsAndHandoffs from './0006_read_model_runs_and_handoffs';
import * as readModelBooking from './0008_read_model_booking';
import * as claimWithdrawn from './0009_claim_withdrawn';

/**
 * Every migration, in order. Listed here rather than read from the directory so that bundles
 * and compiled builds carry them, and a missing import is a type error, not a silent gap.
 */
export const migrations: Record<string, Migration> = {
  '0001_claims_ledger': claimsLedger,
  '0002_notification_deliveries': notificationDeliveries,
  '0003_people_and_tokens': peopleAndTokens,
  '0004_deal_read_model': dealReadModel,
  '0005_deal_refusals': dealRefusals,
  '0006_read_model_runs_and_handoffs': readModelRunsAndHandoffs,
  '0008_read_model_booking': readModelBooking,
  '0009_claim_withdrawn': claimWithdrawn,
};
