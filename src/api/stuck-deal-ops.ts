import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { dealWorkflowId } from '../temporal/deal-client';
import { NothingToResetError, repairWorkflow } from '../temporal/repair-deal';
import { findStuckWorkflows, type StuckWorkflow } from '../temporal/stuck-deals';
import { conflict, notFound } from './errors';
import type { DealRepairView, StuckDeals } from './schemas/repair';

/** The deal a deal or handoff workflow id belongs to: `deal:<partner>:<deal>[:handoff:…]`. */
function dealIdOf(partnerId: string, workflowId: string): string {
  return workflowId.slice(`deal:${partnerId}:`.length).split(':handoff:')[0]!;
}

const present = (partnerId: string, s: StuckWorkflow) => ({ dealId: dealIdOf(partnerId, s.workflowId), workflowId: s.workflowId, runId: s.runId, workflowType: s.type, attempt: s.attempt, failure: s.failure });

/** The partner's deal and handoff workflows whose task keeps failing (see `findStuckWorkflows`). */
export async function stuckDeals(client: Client, partnerId: string): Promise<StuckDeals> {
  return { workflows: (await findStuckWorkflows(client, partnerId)).map((s) => present(partnerId, s)) };
}

/**
 * Repairs a stuck deal: each of its stuck workflows (the deal's, a handoff's) is reset to the
 * workflow task whose commands do not replay, its later signals and updates reapplied (see
 * `repairWorkflow`: claims and notifications are idempotent by key, so nothing is paid or sent
 * twice). A deal that is not stuck is left alone (409).
 */
export async function repairDeal(client: Client, partnerId: string, dealId: string, by: string): Promise<DealRepairView> {
  const workflowId = dealWorkflowId(partnerId, dealId);
  try {
    await client.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`no deal ${dealId} for partner ${partnerId}`);
    throw err;
  }
  const stuck = (await findStuckWorkflows(client, partnerId)).filter((s) => dealIdOf(partnerId, s.workflowId) === dealId);
  if (stuck.length === 0) throw conflict(`deal ${dealId} is not stuck: no workflow task of its deal or handoffs has failed repeatedly; nothing to repair`);
  const repaired = [];
  for (const s of stuck) {
    try {
      repaired.push(await repairWorkflow(client, s.workflowId, `baton deal repair by ${by}: ${s.failure}`.slice(0, 1000)));
    } catch (err) {
      if (err instanceof NothingToResetError) throw conflict(err.message);
      throw err;
    }
  }
  return { dealId, repaired };
}
