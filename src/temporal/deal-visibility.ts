import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, SearchAttributeType, type Payload } from '@temporalio/common';
import {
  architectureKey,
  dealIdKey,
  dealValueKey,
  nextDeadlineKey,
  openTaskOwnersKey,
  partnerKey,
  stageKey,
  stepKey,
} from './search-attributes';

/** The deal workflow's type name, as registered by the worker. */
export const DEAL_WORKFLOW_TYPE = 'dealWorkflow';

export interface DealFilters {
  /** Always applied: a caller only ever sees their own partner's deals. */
  callerPartnerId: string;
  stage?: string;
  partner?: string;
  architecture?: string;
  /** A person (e-mail) holding an open task (R or A) on the deal. */
  owner?: string;
  /** Deals whose next deadline falls before this instant. */
  nextDeadlineBefore?: Date;
}

/** One deal as visibility indexes it: what the list and the inbox show without querying the workflow. */
export interface DealListing {
  dealId: string;
  partnerId: string;
  workflowId: string;
  runId: string;
  status: string;
  stage?: string;
  step?: string;
  architecture?: string;
  openTaskOwners: string[];
  nextDeadline?: string;
  dealValueUsd?: number;
  startedAt?: string;
}

export interface DealPage {
  deals: DealListing[];
  /** Opaque; absent on the last page. */
  nextPageToken?: string;
}

export class InvalidPageTokenError extends Error {}

/**
 * A list-filter value inside single quotes. The API's schemas already refuse quotes in filter
 * values; this refuses them again so no caller of this module can widen a query.
 */
export function literal(value: string): string {
  if (/['"\\\n\r]/.test(value)) throw new RangeError(`a filter value must not contain quotes, backslashes or line breaks: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** The visibility query for `filters`, always scoped to the caller's partner and to current runs. */
export function dealListQuery(filters: DealFilters): string {
  const clauses = [
    `WorkflowType = ${literal(DEAL_WORKFLOW_TYPE)}`,
    // A deal that continued as new is listed once, by its current run.
    `ExecutionStatus != 'ContinuedAsNew'`,
    `${partnerKey.name} = ${literal(filters.callerPartnerId)}`,
  ];
  if (filters.partner !== undefined) clauses.push(`${partnerKey.name} = ${literal(filters.partner)}`);
  if (filters.stage !== undefined) clauses.push(`${stageKey.name} = ${literal(filters.stage)}`);
  if (filters.architecture !== undefined) clauses.push(`${architectureKey.name} = ${literal(filters.architecture)}`);
  if (filters.owner !== undefined) clauses.push(`${openTaskOwnersKey.name} = ${literal(filters.owner)}`);
  if (filters.nextDeadlineBefore !== undefined) clauses.push(`${nextDeadlineKey.name} < ${literal(filters.nextDeadlineBefore.toISOString())}`);
  return clauses.join(' AND ');
}

function decodePageToken(token: string | undefined): Uint8Array | undefined {
  if (token === undefined) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length === 0 || bytes.toString('base64url') !== token) throw new InvalidPageTokenError('nextPageToken is not a token this API returned');
  return bytes;
}

const STATUS_NAMES: Record<number, string> = {
  1: 'running',
  2: 'completed',
  3: 'failed',
  4: 'canceled',
  5: 'terminated',
  6: 'continued-as-new',
  7: 'timed-out',
};

/** Every running deal of every partner: for operations (the metrics census), never for a caller. */
export const RUNNING_DEALS_QUERY = `WorkflowType = ${literal(DEAL_WORKFLOW_TYPE)} AND ExecutionStatus = 'Running'`;

type IndexedFields = Record<string, Payload> | null | undefined;
type AttributeKey = { name: string; type: SearchAttributeType };

/** A search attribute of a listed execution: JSON payloads, a list for keyword lists, an ISO string for datetimes. */
function attribute(fields: IndexedFields, key: AttributeKey): unknown {
  const payload = fields?.[key.name];
  if (!payload) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  // Older servers wrap single values in a list.
  return key.type !== SearchAttributeType.KEYWORD_LIST && Array.isArray(value) ? value[0] : value;
}
const text = (fields: IndexedFields, key: AttributeKey): string | undefined => {
  const value = attribute(fields, key);
  return typeof value === 'string' ? value : undefined;
};

/** One page of the deals a visibility query matches, newest first. */
export async function listDeals(client: Client, query: string, page: { pageSize: number; pageToken?: string }): Promise<DealPage> {
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query,
    pageSize: page.pageSize,
    nextPageToken: decodePageToken(page.pageToken),
  });
  const deals = (response.executions ?? []).map((raw): DealListing => {
    const fields = raw.searchAttributes?.indexedFields;
    const nextDeadline = text(fields, nextDeadlineKey);
    const owners = attribute(fields, openTaskOwnersKey);
    const value = attribute(fields, dealValueKey);
    const started = raw.startTime?.seconds;
    return {
      dealId: text(fields, dealIdKey) ?? '',
      partnerId: text(fields, partnerKey) ?? '',
      workflowId: raw.execution?.workflowId ?? '',
      runId: raw.execution?.runId ?? '',
      status: STATUS_NAMES[raw.status ?? 0] ?? 'unknown',
      stage: text(fields, stageKey),
      step: text(fields, stepKey),
      architecture: text(fields, architectureKey),
      openTaskOwners: Array.isArray(owners) ? owners.map(String) : [],
      nextDeadline: nextDeadline === undefined ? undefined : new Date(nextDeadline).toISOString(),
      dealValueUsd: typeof value === 'number' ? value : undefined,
      startedAt: started != null ? new Date(Number(started) * 1000).toISOString() : undefined,
    };
  });
  const token = response.nextPageToken && response.nextPageToken.length > 0 ? Buffer.from(response.nextPageToken).toString('base64url') : undefined;
  return { deals, nextPageToken: token };
}
