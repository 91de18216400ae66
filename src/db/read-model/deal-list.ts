import { sql, type Selectable } from 'kysely';
import type { DealView } from '../../../workflows/deal-messages';
import type { Db } from '../connect';
import type { DealReadModelTable } from '../schema';

/** A page of the deal list, soonest next deadline first (deals with none last), then by workflow id. */
export interface DealListFilter {
  partnerId: string;
  stage?: string;
  step?: string;
  architecture?: string;
  /** A person holding an open step or handoff (R or A). */
  owner?: string;
  /** Part of the customer's name, any case. */
  customer?: string;
  /** Free text: every word starts a word of the deal id or customer name, or the text is part of the name or starts the id. */
  q?: string;
  nextDeadlineBefore?: Date;
  /** Closed deals are left out unless asked for. */
  includeClosed?: boolean;
  pageSize: number;
  /** `nextPageToken` of the previous page. */
  after?: string;
}

export type DealRow = Omit<Selectable<DealReadModelTable>, 'view' | 'search'> & { view: DealView };
/** A row as the list shows it: its columns, without the view (the heavy part, read per deal only). */
export type DealListRow = Omit<DealRow, 'view' | 'booking'>;

export interface DealPage {
  deals: DealListRow[];
  nextPageToken?: string;
}

const LIST_COLUMNS = [
  'workflow_id', 'seq', 'partner_id', 'deal_id', 'customer_name', 'architecture', 'stage', 'step', 'closed', 'team_member_ids',
  'open_task_owners', 'next_deadline_at', 'deal_value_usd', 'at_stake_usd', 'claimed_usd', 'claims', 'ineligible_claims',
  'handoffs_open', 'handoffs_returned', 'handoffs_accepted', 'reminders', 'escalations', 'breaches', 'health_score',
  'renewal_risk', 'projected_at', 'run_id', 'playbook_id', 'playbook_version', 'program_id', 'program_version',
] as const satisfies readonly (keyof DealListRow)[];

export class PageTokenError extends Error {}

type Cursor = [nextDeadlineAt: string | null, workflowId: string];

function encodeCursor(row: DealListRow): string {
  const cursor: Cursor = [row.next_deadline_at?.toISOString() ?? null, row.workflow_id];
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(cursor) && cursor.length === 2 && (cursor[0] === null || typeof cursor[0] === 'string') && typeof cursor[1] === 'string') return cursor as Cursor;
  } catch {
    // Reported below.
  }
  throw new PageTokenError('nextPageToken: not a token from a previous page of this list');
}

/** `acme corp` → `acme:* & corp:*`; only letters and digits survive, so no tsquery syntax leaks in. */
function prefixQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The list's filters and keyset position as a query over the table; the caller picks the columns. */
function filtered(db: Db, filter: DealListFilter) {
  let query = db.selectFrom('deal_read_model').where('partner_id', '=', filter.partnerId);
  if (!filter.includeClosed) query = query.where('closed', '=', false);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.step) query = query.where('step', '=', filter.step);
  if (filter.architecture) query = query.where('architecture', '=', filter.architecture);
  if (filter.owner) query = query.where('open_task_owners', '@>', sql<string[]>`ARRAY[${filter.owner.toLowerCase()}]::text[]`);
  if (filter.customer) query = query.where(sql<boolean>`lower(customer_name) LIKE ${likePattern(filter.customer)}`);
  if (filter.q !== undefined) {
    const words = prefixQuery(filter.q);
    const text = filter.q.trim();
    query = query.where((eb) =>
      eb.or([
        ...(words ? [eb(sql`search`, '@@', sql`to_tsquery('simple', ${words})`)] : []),
        eb(sql`lower(customer_name)`, 'like', likePattern(text)),
        // Ids such as `q3-2041` split oddly into words (`q3`, `-2041`): the id's start matches as typed.
        eb(sql`lower(deal_id)`, 'like', `${likePattern(text).slice(1)}`),
      ]),
    );
  }
  if (filter.nextDeadlineBefore) query = query.where('next_deadline_at', '<', filter.nextDeadlineBefore);
  if (filter.after) {
    const [deadline, workflowId] = decodeCursor(filter.after);
    query = query.where((eb) =>
      deadline === null
        ? eb.and([eb('next_deadline_at', 'is', null), eb('workflow_id', '>', workflowId)])
        : eb.or([
            eb('next_deadline_at', '>', new Date(deadline)),
            eb.and([eb('next_deadline_at', '=', new Date(deadline)), eb('workflow_id', '>', workflowId)]),
            eb('next_deadline_at', 'is', null),
          ]),
    );
  }
  return query.orderBy(sql`next_deadline_at ASC NULLS LAST`).orderBy('workflow_id').limit(filter.pageSize + 1);
}

/** Keyset pagination: the cost of a page does not grow with how deep it is or with the number of deals. */
export async function listDealRows(db: Db, filter: DealListFilter): Promise<DealPage> {
  const rows = await filtered(db, filter).select(LIST_COLUMNS).execute();
  const deals = rows.slice(0, filter.pageSize);
  return { deals, ...(rows.length > filter.pageSize ? { nextPageToken: encodeCursor(deals[deals.length - 1]!) } : {}) };
}

/** What the inbox reads of a deal's view: everything but its history and claims. */
export type InboxView = Omit<DealView, 'timeline' | 'claims' | 'ineligibleClaims'>;
export type InboxRow = DealListRow & { view: InboxView };

/** The deals where `personId` is R or A of an open step or handoff: the source of their inbox. */
export async function inboxDealRows(db: Db, partnerId: string, personId: string, limit = 500): Promise<InboxRow[]> {
  const rows = await filtered(db, { partnerId, owner: personId, pageSize: limit })
    .select([...LIST_COLUMNS, sql<InboxView>`view - 'timeline' - 'claims' - 'ineligibleClaims'`.as('view')])
    .execute();
  return rows.slice(0, limit);
}

export async function dealRow(db: Db, workflowId: string): Promise<DealRow | undefined> {
  const row = await db.selectFrom('deal_read_model').selectAll().where('workflow_id', '=', workflowId).executeTakeFirst();
  if (!row) return undefined;
  const { search: _search, view, ...rest } = row;
  return { ...rest, view: view as unknown as DealView };
}

/** What the board reads of a deal's view: its deadlines, escalations and team, never its timeline. */
export type BoardView = Pick<DealView, 'dealId' | 'deadlines' | 'escalations' | 'team' | 'timeShiftMs'>;
export interface BoardRow {
  deal_value_usd: number;
  view: BoardView;
}

/**
 * The open deals the practice lead's board reads: a deadline due before `dueBefore`, or a rung or
 * breach on record; soonest first, at most `limit` (and whether there were more). Only the parts
 * of each view the board shows leave the database.
 */
export async function boardDealRows(db: Db, partnerId: string, dueBefore: Date, limit: number): Promise<{ rows: BoardRow[]; truncated: boolean }> {
  const rows = await db
    .selectFrom('deal_read_model')
    .select([
      'deal_value_usd',
      sql<BoardView>`jsonb_build_object('dealId', view->'dealId', 'deadlines', view->'deadlines', 'escalations', view->'escalations', 'team', view->'team', 'timeShiftMs', view->'timeShiftMs')`.as('view'),
    ])
    .where('partner_id', '=', partnerId)
    .where('closed', '=', false)
    .where((eb) => eb.or([eb('next_deadline_at', '<', dueBefore), eb('breaches', '>', 0), eb('escalations', '>', 0), eb('reminders', '>', 0)]))
    .orderBy(sql`next_deadline_at ASC NULLS LAST`)
    .orderBy('workflow_id')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}

/** An open deal with a rung or breach on record, as the lead's inbox reads it: only the parts it shows. */
export interface EscalatedDealRow {
  dealId: string;
  workflowId: string;
  view: Pick<DealView, 'escalations' | 'deadlines'>;
}

/** The partner's open deals with an escalation or breach on record, most recently changed first. */
export async function escalatedDealRows(db: Db, partnerId: string, limit: number): Promise<EscalatedDealRow[]> {
  const rows = await db
    .selectFrom('deal_read_model')
    .select([
      'deal_id',
      'workflow_id',
      sql<EscalatedDealRow['view']>`jsonb_build_object('escalations', view->'escalations', 'deadlines', view->'deadlines')`.as('view'),
    ])
    .where('partner_id', '=', partnerId)
    .where('closed', '=', false)
    .where((eb) => eb.or([eb('breaches', '>', 0), eb('escalations', '>', 0)]))
    .orderBy('projected_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ dealId: row.deal_id, workflowId: row.workflow_id, view: row.view }));
}
