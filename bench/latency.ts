import type { Client } from '@temporalio/client';
import { actOnDeal, getDealView, registerDeal } from '../src/temporal/deal-client';
import { dealWorkflowId, viewQuery } from '../workflows/deal-messages';
import { baselineFinishSignal, baselineNoopUpdate, type baselineWorkflow } from '../workflows/baseline';
import type { JourneyContext } from './deal-journey';
import { accountManager, benchDeal, benchPartner } from './deal-fixture';
import { progressEvery5Percent, say } from './progress';
import { runPool, summarize, type LatencySummary } from './stats';

export interface LatencyResult {
  /** What one Baton sample times. */
  timed: string;
  baton: LatencySummary;
  baseline: LatencySummary;
  /** step.complete as the API sent it before the stuck-deal fix: the deal's view queried, then the update. */
  queryFirst: LatencySummary;
}

const preparing = 10;

async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

/**
 * S samples of the Account Manager completing Purchase (`step.complete`, through the client
 * wrapper) on S freshly registered deals whose first task has run, and S `baseline.noop` updates
 * on S started baseline workflows; one call at a time, the two kinds alternating. Then S more
 * deals complete Purchase as the API sent it before the stuck-deal fix (a view query first).
 */
export async function measureLatency(ctx: JourneyContext & { runId: string }, samples: number): Promise<LatencyResult> {
  say(`latency: registering ${samples} deals and starting ${samples} baseline workflows`);
  const dealIds = Array.from({ length: samples }, (_, i) => `${ctx.runId}-latency-${i}`);
  const queryFirstIds = Array.from({ length: samples }, (_, i) => `${ctx.runId}-latency-query-first-${i}`);
  const baselines = Array.from({ length: samples }, (_, i) => `${ctx.runId}-latency-baseline-${i}`);
  const registerRunning = async (dealId: string): Promise<void> => {
    const deal = benchDeal(dealId);
    const { workflowId } = await registerDeal(ctx.client, { deal, partner: benchPartner, playbook: ctx.playbook, program: ctx.program, registeredBy: accountManager(deal), taskQueue: ctx.taskQueue });
    // Its first task has run once the deal answers a query.
    await getDealView(ctx.client, { workflowId });
  };
  await runPool(samples, preparing, async (i) => {
    await registerRunning(dealIds[i]!);
    await registerRunning(queryFirstIds[i]!);
    // Likewise the baseline's, once it answers an update.
    const baseline = await ctx.client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', { taskQueue: ctx.taskQueue, workflowId: baselines[i]! });
    await baseline.executeUpdate(baselineNoopUpdate, { args: [-1] });
  });

  const baton: number[] = [];
  const baseline: number[] = [];
  const report = progressEvery5Percent('latency: sample pairs', samples);
  for (let i = 0; i < samples; i++) {
    const deal = benchDeal(dealIds[i]!);
    baton.push(await timed(() => actOnDeal(ctx.client, { partnerId: deal.partnerId, dealId: deal.id }, { type: 'step.complete', actor: accountManager(deal), step: 'purchase' })));
    baseline.push(await timed(() => ctx.client.workflow.getHandle(baselines[i]!).executeUpdate(baselineNoopUpdate, { args: [i] })));
    report(i + 1);
  }
  await finishBaselines(ctx.client, baselines);
  const queryFirst: number[] = [];
  for (const dealId of queryFirstIds) {
    const deal = benchDeal(dealId);
    const ref = { partnerId: deal.partnerId, dealId: deal.id };
    queryFirst.push(
      await timed(async () => {
        await ctx.client.workflow.getHandle(dealWorkflowId(deal.partnerId, deal.id)).query(viewQuery);
        await actOnDeal(ctx.client, ref, { type: 'step.complete', actor: accountManager(deal), step: 'purchase' });
      }),
    );
  }
  return {
    timed: 'step.complete of Purchase by the Account Manager via actOnDeal (one update round trip) on a fresh, cached deal; baseline: baseline.noop update',
    baton: summarize(baton),
    baseline: summarize(baseline),
    queryFirst: summarize(queryFirst),
  };
}

async function finishBaselines(client: Client, workflowIds: string[]): Promise<void> {
  await runPool(workflowIds.length, preparing, (i) => client.workflow.getHandle(workflowIds[i]!).signal(baselineFinishSignal));
}
