import type { Client } from '@temporalio/client';
import { recordQuery, type DealRecord } from '../../workflows/deal-messages';
import { DEAL_WORKFLOW_TYPE, literal } from './deal-visibility';
import { queryUnlessStalled } from './safe-query';
import { dealIdKey, partnerKey, stageKey } from './search-attributes';

/** Which recorded deals to read; every deal of every partner when empty. */
export interface DealRecordFilters {
  partner?: string;
  deal?: string;
  stage?: string;
}

/** Deal workflows, running or finished, by their current run only (a deal that continued as new is one deal). */
export function dealRecordsQuery(filters: DealRecordFilters): string {
  const clauses = [`WorkflowType = ${literal(DEAL_WORKFLOW_TYPE)}`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filters.partner !== undefined) clauses.push(`${partnerKey.name} = ${literal(filters.partner)}`);
  if (filters.deal !== undefined) clauses.push(`${dealIdKey.name} = ${literal(filters.deal)}`);
  if (filters.stage !== undefined) clauses.push(`${stageKey.name} = ${literal(filters.stage)}`);
  return clauses.join(' AND ');
}

/**
 * What each matching deal recorded, asked of its workflow (finished ones are replayed by a
 * worker, so Baton's worker must be running), ordered by partner then deal.
 */
export async function findDealRecords(client: Client, filters: DealRecordFilters): Promise<DealRecord[]> {
  const records: DealRecord[] = [];
  for await (const execution of client.workflow.list({ query: dealRecordsQuery(filters) })) {
    records.push(await queryUnlessStalled(client.workflow.getHandle(execution.workflowId, execution.runId), recordQuery));
  }
  return records.sort((a, b) => a.deal.partnerId.localeCompare(b.deal.partnerId) || a.deal.id.localeCompare(b.deal.id));
}
