import type { Client } from '@temporalio/client';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Program } from '../src/incentives/program-schema';
import { actOnDeal, getDealView, registerDeal } from '../src/temporal/deal-client';
import { claimsQuery } from '../workflows/deal-messages';
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
 * One deal journey as its people drive it through the client: register, the Sales -> CS handoff
 * ticked, attached and accepted, the success plan submitted, and its claim seen submitted.
 */
export async function runDealJourney(ctx: JourneyContext, dealId: string): Promise<void> {
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
  for (const action of salesToCsActions(deal)) await actOnDeal(ctx.client, ref, action);
  await actOnDeal(ctx.client, ref, successPlanSubmit(deal));
  while ((await handle.query(claimsQuery)).length === 0) await pause();
}
