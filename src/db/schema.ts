import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Baton's tables as Kysely sees them: column names as in SQL, the JavaScript type read, and what
 * an insert or update accepts. numeric and int8 read as numbers and dates as `YYYY-MM-DD`
 * strings (see connect.ts); timestamptz reads as Date and accepts an ISO string.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ClaimsTable {
  claim_id: string;
  idempotency_key: string;
  partner_id: string;
  deal_id: string;
  customer_name: string;
  architecture: string;
  incentive: string;
  milestone: string;
  amount_usd: number;
  program_id: string;
  program_version: number;
  earned_on: string;
  deadline: string;
  fiscal_quarter: string;
  expected_payout_quarter: string;
  status: 'draft' | 'submitted' | 'accepted' | 'rejected' | 'paid' | 'withdrawn';
  /** The claim document as recorded (breakdown, evidence, trace), validated by the Claim schema. */
  document: JSONColumnType<Record<string, unknown>>;
  submitted_at: Timestamp | null;
  sink_receipt: JSONColumnType<Record<string, unknown>> | null;
  amount_approved_usd: number | null;
  paid_amount_usd: number | null;
  paid_on: string | null;
  recorded_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ClaimStatusHistoryTable {
  id: Generated<number>;
  claim_id: string;
  status: ClaimsTable['status'];
  at: Timestamp;
  /** The person (id) who recorded the change; null for Baton itself. */
  by: string | null;
  why: string | null;
}

export interface ClaimVendorDecisionsTable {
  id: Generated<number>;
  claim_id: string;
  decision: 'accepted' | 'rejected' | 'paid';
  decided_at: Timestamp;
  amount_approved_usd: number | null;
  paid_amount_usd: number | null;
  paid_on: string | null;
  recorded_by: string | null;
  note: string | null;
}

export interface NotificationDeliveriesTable {
  channel: string;
  idempotency_key: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  /** Who holds the lease of a pending delivery: host, process and attempt. */
  holder: string | null;
  lease_expires_at: Timestamp | null;
  receipt: JSONColumnType<Record<string, unknown>> | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PartnersTable {
  id: string;
  name: string;
  /** The Partner document (specialization, architectures...), validated by the Partner schema. */
  profile: JSONColumnType<Record<string, unknown>>;
  updated_at: DefaultTimestamp;
}

export interface PeopleTable {
  /** E-mail address, lower-cased. */
  id: string;
  name: string;
  updated_at: DefaultTimestamp;
}

export interface PersonRolesTable {
  person_id: string;
  partner_id: string;
  role: string;
  granted_at: DefaultTimestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  token_sha256: string;
  person_id: string;
  partner_id: string;
  label: string | null;
  created_at: DefaultTimestamp;
  created_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface DealReadModelTable {
  workflow_id: string;
  seq: number;
  partner_id: string;
  deal_id: string;
  customer_name: string;
  architecture: string;
  /** Stage and step ids; `completed` once the lifecycle has none. */
  stage: string;
  step: string;
  closed: boolean;
  team_member_ids: string[];
  open_task_owners: string[];
  next_deadline_at: Timestamp | null;
  deal_value_usd: number;
  at_stake_usd: number;
  claimed_usd: number;
  claims: number;
  ineligible_claims: number;
  handoffs_open: number;
  handoffs_returned: number;
  handoffs_accepted: number;
  reminders: number;
  escalations: number;
  breaches: number;
  health_score: number | null;
  renewal_risk: string | null;
  /** The DealView as the workflow last reported it. */
  view: JSONColumnType<Record<string, unknown>>;
  /** The deal's booking, partner, program version and facts (DealBooking), for the forecast; null in rows projected before 0008. */
  booking: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** Generated from deal id and customer name; never written. */
  search: ColumnType<string, never, never>;
  projected_at: DefaultTimestamp;
  /** The run that wrote the row, and what the deal runs under; null on rows written before they were projected. */
  run_id: string | null;
  playbook_id: string | null;
  playbook_version: number | null;
  program_id: string | null;
  program_version: number | null;
}

/** One handoff's checklist, artifacts and status, as its workflow last reported them. */
export interface HandoffReadModelTable {
  workflow_id: string;
  seq: number;
  deal_workflow_id: string;
  template_id: string;
  instance: number;
  status: string;
  /** The HandoffStatusView. */
  view: JSONColumnType<Record<string, unknown>>;
  projected_at: DefaultTimestamp;
}

export interface DealRefusalsTable {
  id: Generated<number>;
  workflow_id: string;
  action: string;
  /** Lower-case e-mail of the person refused. */
  actor: string;
  reason: string;
  first_at: DefaultTimestamp;
  last_at: DefaultTimestamp;
  count: ColumnType<number, number | undefined, number>;
}

export interface BatonDatabase {
  claims: ClaimsTable;
  claim_status_history: ClaimStatusHistoryTable;
  claim_vendor_decisions: ClaimVendorDecisionsTable;
  notification_deliveries: NotificationDeliveriesTable;
  partners: PartnersTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  api_tokens: ApiTokensTable;
  deal_read_model: DealReadModelTable;
  deal_refusals: DealRefusalsTable;
  handoff_read_model: HandoffReadModelTable;
}
