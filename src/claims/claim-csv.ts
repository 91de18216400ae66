import type { Claim } from '../incentives/claim-schema';

/** The quarterly export a partner uploads to the vendor portal: one row per claim, RFC 4180. */

const COLUMNS: ReadonlyArray<[header: string, value: (claim: Claim) => string]> = [
  ['claim_id', (c) => c.claimId],
  ['idempotency_key', (c) => c.idempotencyKey],
  ['status', (c) => c.status],
  ['partner_id', (c) => c.partnerId],
  ['deal_id', (c) => c.dealId],
  ['customer_name', (c) => c.customerName],
  ['architecture', (c) => c.architecture],
  ['incentive', (c) => c.incentive],
  ['milestone', (c) => c.milestone],
  ['amount_usd', (c) => c.amountUsd.toFixed(2)],
  ['program_id', (c) => c.program.id],
  ['program_version', (c) => String(c.program.version)],
  ['earned_on', (c) => c.earnedOn],
  ['deadline', (c) => c.deadline],
  ['fiscal_quarter', (c) => c.fiscalQuarter],
  ['expected_payout_quarter', (c) => c.expectedPayoutQuarter],
  ['submitted_at', (c) => c.submittedAt ?? ''],
  ['evidence', (c) => c.evidence.map((e) => `${e.kind}:${e.id}${e.reference ? ` (${e.reference})` : ''}`).join('; ')],
  ['breakdown', (c) => c.breakdown.map((l) => `${l.label}: ${l.amountUsd.toFixed(2)}`).join('; ')],
];

export const CLAIM_CSV_HEADER = COLUMNS.map(([header]) => header);

/**
 * Quotes when the field holds a delimiter, quote or line break. A leading = + - @ or tab makes
 * spreadsheets evaluate the cell as a formula (CSV injection via e.g. a customer name), so such
 * text gets a leading apostrophe, the OWASP-recommended neutraliser.
 */
export function csvField(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

export function claimsCsv(claims: readonly Claim[]): string {
  const rows = [CLAIM_CSV_HEADER, ...claims.map((claim) => COLUMNS.map(([, value]) => value(claim)))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
