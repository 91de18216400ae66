import type { Migration } from 'kysely';
import * as claimsLedger from './0001_claims_ledger';
import * as notificationDeliveries from './0002_notification_deliveries';

/**
 * Every migration, in order. Listed here rather than read from the directory so that bundles
 * and compiled builds carry them, and a missing import is a type error, not a silent gap.
 */
export const migrations: Record<string, Migration> = {
  '0001_claims_ledger': claimsLedger,
  '0002_notification_deliveries': notificationDeliveries,
};
