import { ParentClosePolicy, getExternalWorkflowHandle, log, startChild } from '@temporalio/workflow';
import type { NotificationRequest } from '../../activities/notify';
import { handoffTeamSignal, type HandoffWorkflowInput } from '../handoff-messages';
import { handoffWorkflow } from '../handoff';
import { notifyAll, reserveAdoptionSlot, submitClaim } from './activities';
import { isoInstant } from './clock';
import { settleClaims } from './claims';
import type { DealContext, Work } from './context';
import type { SearchAttributePublisher } from './search-attributes';
import { record } from './timeline';

/** Carries out one piece of queued work: the deal's only Temporal commands besides timers. */
export async function perform(ctx: DealContext, item: Work, searchAttributes: SearchAttributePublisher): Promise<void> {
  switch (item.kind) {
    case 'notify':
      return deliver(ctx, item.requests);
    case 'start-handoff':
      return startHandoffWorkflow(ctx, item);
    case 'team-changed':
      for (const handoff of ctx.memory.handoffs) await getExternalWorkflowHandle(handoff.workflowId).signal(handoffTeamSignal, ctx.memory.team);
      return;
    case 'claims':
      await settleClaims(ctx, { reserveAdoptionSlot, submitClaim });
      searchAttributes.refresh();
      return;
  }
}

async function deliver(ctx: DealContext, requests: NotificationRequest[]): Promise<void> {
  try {
    await notifyAll(requests);
  } catch (err) {
    // Nothing is dropped silently: an undeliverable batch stays on the deal's timeline.
    log.warn('notifications not delivered', { error: String(err), count: requests.length });
    record(ctx, 'notification.failed', { kinds: [...new Set(requests.map((r) => r.kind))], count: requests.length, error: String(err) });
  }
}

async function startHandoffWorkflow(ctx: DealContext, item: Extract<Work, { kind: 'start-handoff' }>): Promise<void> {
  const input: HandoffWorkflowInput = {
    dealWorkflowId: ctx.workflowId,
    dealId: ctx.deal.id,
    playbook: ctx.playbook,
    templateId: item.handoff.templateId,
    instance: item.handoff.instance,
    team: ctx.memory.team,
    startedAt: item.handoff.startedAt,
    dueAt: isoInstant(item.dueAt),
    timeShiftMs: ctx.memory.timeShiftMs,
  };
  // Abandoned on close so that continue-as-new does not end the running handoffs; they report
  // back by signal to the deal's workflow id.
  await startChild(handoffWorkflow, { workflowId: item.handoff.workflowId, args: [input], parentClosePolicy: ParentClosePolicy.ABANDON });
}
