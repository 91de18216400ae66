import { ApplicationFailure, Context } from '@temporalio/activity';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { partnerCapsWorkflow } from '../workflows/partner-caps';
import {
  PARTNER_CAPS_WORKFLOW_TYPE,
  parseFiscalQuarter,
  partnerCapsWorkflowId,
  reserveSlotUpdate,
  type SlotDecision,
  type SlotRequest,
} from '../workflows/partner-caps-messages';

export interface CapsDependencies {
  /** Talks to the partner cap entities; without it reserving fails without retries. */
  client?: Client;
}

export type ReserveAdoptionSlotInput = SlotRequest;
export type ReserveAdoptionSlotResult = SlotDecision;

/**
 * Reserves an Adopt slot in the partner's cap entity for the fiscal year, starting the entity on
 * first use (update-with-start). Idempotent: the entity answers the same (deal, milestone) with
 * its first decision, so a retried activity never takes a second slot. The entity runs on this
 * activity's task queue, i.e. on the Baton worker.
 */
export function createCapsActivities({ client }: CapsDependencies) {
  async function reserveAdoptionSlot(input: ReserveAdoptionSlotInput): Promise<ReserveAdoptionSlotResult> {
    if (!client) throw ApplicationFailure.nonRetryable('no Temporal client given to createActivities: adoption caps cannot be counted', 'CapsNotConfigured');
    const quarter = parseFiscalQuarter(input.fiscalQuarter);
    if (!quarter) throw ApplicationFailure.nonRetryable(`fiscalQuarter must look like "FY2021 Q3", got ${JSON.stringify(input.fiscalQuarter)}`, 'InvalidSlotRequest');
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof partnerCapsWorkflow>(PARTNER_CAPS_WORKFLOW_TYPE, {
      workflowId: partnerCapsWorkflowId(input.partnerId, quarter.fiscalYear),
      taskQueue: Context.current().info.taskQueue,
      args: [{ partnerId: input.partnerId, fiscalYear: quarter.fiscalYear }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    try {
      return await client.workflow.executeUpdateWithStart(reserveSlotUpdate, { args: [input], startWorkflowOperation });
    } catch (err) {
      // Only the entity's validator fails an update: the request is malformed and retrying cannot help.
      if (err instanceof WorkflowUpdateFailedError) throw ApplicationFailure.nonRetryable(`slot request refused by the cap entity: ${err.cause?.message ?? err.message}`, 'InvalidSlotRequest');
      throw err;
    }
  }
  return { reserveAdoptionSlot };
}
