import type { Client } from '@temporalio/client';
import { defaultPlaybook } from '../../../src/config/playbook-files';
import { parsePlaybook } from '../../../src/domain/playbook/parse';
import type { Playbook } from '../../../src/domain/playbook/schema';
import { UserAction } from '../../../src/domain/schemas/actions';
import { Deal } from '../../../src/domain/schemas/deal';
import { formatClaimKey } from '../../../src/incentives/claim-key';
import { ActionRefusedError, actOnDeal, getDealView, registerDeal, type DealViewWithHandoffs } from '../../../src/temporal/deal-client';
import { dealWorkflowId } from '../../../workflows/deal-messages';
import { deal as fixtureDeal, partner, people, salesToCsHandoff, successPlan } from '../../workflows/fixtures/journeys';

/**
 * The deals the fault tests run: the journey fixture's deal booked today under its advanced
 * partner (no adoption cap), driven through the Sales -> CS handoff and the success plan, which
 * earns one claim (`adopt:success-plan`).
 */

export { partner, people };

export const SALES_TO_CS_DEADLINE = 'handoff-sales-to-cs-1';

export function faultDeal(id: string): Deal {
  return Deal.parse({ ...fixtureDeal, id, bookedOn: new Date().toISOString().slice(0, 10) });
}

/**
 * The default playbook with the Sales -> CS handoff due `sla` after it starts and a ladder of
 * fractions of the window (the default's day-based rungs fall before a window of seconds).
 */
export async function shortSlaPlaybook(sla: string): Promise<Playbook> {
  const base = await defaultPlaybook();
  return parsePlaybook({
    ...base,
    handoffs: base.handoffs.map((h) => (h.id === 'sales-to-cs' ? { ...h, slaDays: undefined, sla } : h)),
    escalation: {
      ...base.escalation,
      rungs: [
        { id: 'remind-responsible', action: 'remind', to: 'R', atFractionOfWindow: 0.4 },
        { id: 'escalate-accountable', action: 'escalate', to: 'A', atFractionOfWindow: 0.6 },
        { id: 'escalate-lead', action: 'escalate', to: 'LEAD', atFractionOfWindow: 0.8 },
      ],
    },
  });
}

/** The ladder's entries for the Sales -> CS deadline, in the order the ladder fires them. */
export const SLA_LADDER = [
  ['deadline.reminder', 'remind-responsible'],
  ['deadline.escalated', 'escalate-accountable'],
  ['deadline.escalated', 'escalate-lead'],
  ['deadline.breached', undefined],
] as const;

/**
 * Registers the deal and waits for its first workflow task: an update that reaches the deal in
 * that task is refused as if the lifecycle were complete (reported as a deal workflow bug).
 */
export async function registerFaultDeal(client: Client, dealId: string, taskQueue: string, playbook?: Playbook) {
  const registered = await registerDeal(client, { deal: faultDeal(dealId), partner, playbook, registeredBy: people.am, taskQueue });
  const giveUpAt = Date.now() + 30_000;
  while (Date.now() < giveUpAt) {
    const { raw } = await registered.handle.describe();
    if (!raw.pendingWorkflowTask && Number(raw.workflowExecutionInfo?.historyLength ?? 0) > 3) return registered;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`deal ${dealId} did not complete its first workflow task within 30 s`);
}

/** The Sales -> CS checklist and artifacts, then (optionally) the CSM's accept. */
export function handoffActions({ accept }: { accept: boolean }): Record<string, unknown>[] {
  return salesToCsHandoff('P0D', 'P0D')
    .filter((s) => accept || s.action !== 'handoff.accept')
    .map(({ at: _at, action, ...payload }) => ({ type: action, ...payload }));
}

/** Purchase and Implement done, so the deal is in Onboard, where the CSM submits the plan: the claim. */
export function planActions(): Record<string, unknown>[] {
  return [
    { type: 'step.complete', actor: people.am, step: 'purchase' },
    { type: 'step.complete', actor: people.eng, step: 'implement' },
    { type: 'successPlan.submit', actor: people.csm, plan: successPlan },
  ];
}

/** The one claim a deal earns here, by the key the sink must store it under. */
export function expectedClaimKey(dealId: string): string {
  return formatClaimKey({ partnerId: partner.id, dealId, programId: 'fy2021-lifecycle', programVersion: 1, milestone: 'adopt:success-plan' });
}

const transientRetryMs = 500;

/** One action through the deal client, which asks the deal nothing first (no query reaches a deal whose worker was killed). */
async function act(client: Client, dealId: string, action: Record<string, unknown>): Promise<void> {
  await actOnDeal(client, { partnerId: partner.id, dealId }, UserAction.parse(action));
}

/**
 * Applies actions in order. An error that is not the deal's answer (the server unreachable
 * during a restart) is retried; a retried action refused as already done had landed before.
 */
export async function actInOrder(client: Client, dealId: string, actions: Record<string, unknown>[], deadlineMs = 120_000): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  for (const action of actions) {
    for (let attempt = 1; ; attempt++) {
      try {
        await act(client, dealId, action);
        break;
      } catch (err) {
        if (err instanceof ActionRefusedError) {
          if (attempt > 1 && /already/.test(err.reason)) break;
          throw err;
        }
        if (Date.now() > giveUpAt) throw err;
        await new Promise((r) => setTimeout(r, transientRetryMs));
      }
    }
  }
}

/**
 * Polls the deal's view until `done` holds (queries fail while a worker or the server is away).
 * Queries only a deal with no workflow task pending: see `act`.
 */
export async function waitForView(
  client: Client,
  dealId: string,
  done: (view: DealViewWithHandoffs) => boolean,
  timeoutMs: number,
): Promise<DealViewWithHandoffs> {
  const giveUpAt = Date.now() + timeoutMs;
  let last: DealViewWithHandoffs | undefined;
  let lastError: unknown;
  while (Date.now() < giveUpAt) {
    try {
      const { raw } = await client.workflow.getHandle(dealWorkflowId(partner.id, dealId)).describe();
      if (!raw.pendingWorkflowTask) {
        last = await getDealView(client, { partnerId: partner.id, dealId });
        if (done(last)) return last;
      }
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`deal ${dealId} did not get there within ${timeoutMs} ms; last view: ${JSON.stringify(last?.timeline.map((e) => e.type))}; last error: ${String(lastError)}`);
}

export const hasEntry = (view: DealViewWithHandoffs, type: string): boolean => view.timeline.some((e) => e.type === type);
