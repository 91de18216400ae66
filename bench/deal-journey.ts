import type { Client } from '@temporalio/client';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Program } from '../src/incentives/program-schema';
import { actOnDeal, getDealView, registerDeal } from '../src/temporal/deal-client';
import type { UserActionInput } from '../src/domain/schemas/actions';
import { claimsQuery, viewQuery } from '../workflows/deal-messages';
import { accountManager, benchDeal, benchPartner, salesToCsActions, successPlanSubmit } from './deal-fixture';

export interface JourneyContext {
  client: Client;
  taskQueue: string;
  playbook: Playbook;
  program: Program;
}

const pollMs = 20;
const pause = () => new Promise((r) => setTimeout(r, pollMs));

/**
 * How an action is sent: `update` as the API sends it now (the update's validator is the one
 * authority), `query-first` as it sent it before the stuck-deal fix (the deal's view queried for
 * the checks, then the update): the two measure what the fix costs.
 */
export type ActionPath = 'update' | 'query-first';

async function act(ctx: JourneyContext, ref: { workflowId: string }, action: UserActionInput, path: ActionPath): Promise<void> {
  if (path === 'query-first') await ctx.client.workflow.getHandle(ref.workflowId).query(viewQuery);
  await actOnDeal(ctx.client, ref, action);
}

/**
 * One deal journey as its people drive it through the client: register, the Sales -> CS handoff
 * ticked, attached and accepted, the success plan submitted, and its claim seen submitted.
 */
export async function runDealJourney(ctx: JourneyContext, dealId: string, path: ActionPath = 'update'): Promise<void> {
  const deal = benchDeal(dealId);
  const { workflowId, handle } = await registerDeal(ctx.client, {
    deal,
    partner: benchPartner,
    playbook: ctx.playbook,
    program: ctx.program,
    registeredBy: accountManager(deal),
    taskQueue: ctx.taskQueue,
  });
  const ref = { workflowId };
  // The handoff opens with the deal's first task; people act on it once they see it.
  while (!(await getDealView(ctx.client, ref)).handoffDetails.some((h) => h.templateId === 'sales-to-cs')) await pause();
  for (const action of salesToCsActions(deal)) await act(ctx, ref, action, path);
  await act(ctx, ref, successPlanSubmit(deal), path);
  while ((await handle.query(claimsQuery)).length === 0) await pause();
}
