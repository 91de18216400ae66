import { SOAK_PLAYBOOK_ID } from './playbook';
import type { Client } from '@temporalio/client';
import type { BatonProcess } from '../../src/platform/cluster/baton-process';
import { rungAt } from '../../src/domain/deadlines';
import type { Playbook } from '../../src/domain/playbook/schema';
import { getDealView } from '../../src/temporal/deal-client';
import { dealWorkflowId } from '../../workflows/deal-messages';
import type { ApiPool } from '../../test/cluster/support/api-pool';
import { newJourneyRecord, walkJourney, type JourneyRecord } from '../../test/cluster/support/api-journey';
import { partner } from '../../test/workflows/fixtures/journeys';
import type { Chaos } from './chaos';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
export const SALES_TO_CS_DEADLINE = 'handoff-sales-to-cs-1';

export interface SoakJourney {
  dealId: string;
  accept: boolean;
  targeted: boolean;
  record: JourneyRecord;
  /** Why the journey stopped short, when it did. */
  failure?: string;
  /** For a targeted deal: what the timing got (killed its sticky worker, or why not). */
  targetedOutcome?: string;
}

/** A query through a Temporal server restart: tried again for up to a minute. */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > giveUpAt) throw err;
      await sleep(500);
    }
  }
}

/** Random pauses between actions, so that deals are caught by faults at every point of a journey. */
const pace = () => sleep(100 + Math.random() * 700);

/**
 * The stuck-deal timing, on a deal whose plan is the next action: its sticky worker is
 * SIGKILLed about 1 s before the deal's first escalation timer, the idle deal is queried (the
 * query waits on the dead sticky queue), and the success plan is submitted ~1.5 s after the timer
 * fired, before a surviving worker has run the timer's task.
 */
async function aroundFirstTimer(client: Client, api: ApiPool, chaos: Chaos, playbook: Playbook, journey: SoakJourney, killed: { worker?: BatonProcess }): Promise<void> {
  const workflowId = dealWorkflowId(partner.id, journey.dealId);
  // The worker that just ran the deal's last task holds it; random crashes must not take it first.
  let sticky = await withRetries(() => chaos.stickyWorker(client, workflowId));
  if (!sticky?.running) {
    // A random crash took it already: a refused repeat of the last step makes a live worker run a task.
    await api.call('ana', 'POST', `/deals/${journey.dealId}/actions/step.complete`, { step: 'implement' });
    sticky = await withRetries(() => chaos.stickyWorker(client, workflowId));
  }
  const reserved = sticky !== undefined && chaos.reserve(sticky);
  try {
    const view = await withRetries(() => getDealView(client, { workflowId }));
    const deadline = view.deadlines.find((d) => d.id === SALES_TO_CS_DEADLINE);
    const firstRung = playbook.escalation.rungs[0];
    if (!deadline || !firstRung) {
      journey.targetedOutcome = 'no Sales -> CS deadline';
      return;
    }
    const timerAt = rungAt(firstRung, deadline);
    if (timerAt - Date.now() < 1_500) {
      journey.targetedOutcome = `reached its plan ${Date.now() - timerAt} ms after the first timer`;
      return;
    }
    await sleep(timerAt - 1_000 - Date.now());
    if (!reserved || !(await chaos.kill(sticky!, true))) {
      journey.targetedOutcome = 'not killed: its sticky worker was already down, or no other worker had settled';
    } else {
      killed.worker = sticky;
      journey.targetedOutcome = `killed ${sticky!.options.name} ${timerAt - Date.now()} ms before the timer`;
    }
    await sleep(500);
    // Not awaited: the query sits on the dead worker's sticky queue until the sticky timeout.
    void api.call('ana', 'GET', `/deals/${journey.dealId}`).catch(() => undefined);
    await sleep(timerAt + 1_500 - Date.now());
  } finally {
    if (reserved && !killed.worker) chaos.release(sticky!);
  }
}

export async function runJourney(client: Client, api: ApiPool, chaos: Chaos, playbook: Playbook, journey: SoakJourney): Promise<void> {
  const killed: { worker?: BatonProcess } = {};
  try {
    await walkJourney(
      api,
      {
        dealId: journey.dealId,
        accept: journey.accept,
        playbookId: SOAK_PLAYBOOK_ID,
        // A targeted deal leaves its handoff alone and walks without pauses, to reach its plan well before its first timer.
        between: journey.targeted ? undefined : pace,
        handoffWork: !journey.targeted,
        beforePlan: journey.targeted ? () => aroundFirstTimer(client, api, chaos, playbook, journey, killed) : undefined,
      },
      journey.record,
    );
  } catch (err) {
    journey.failure = String((err as Error).message ?? err).slice(0, 500);
  } finally {
    if (killed.worker) await chaos.restart(killed.worker);
  }
}

export function planJourneys(count: number, targeted: number, runTag: string): SoakJourney[] {
  // Exactly `targeted` deals, spread evenly through the run; the others accept their handoff half the time.
  const band = (i: number) => Math.floor((i * targeted) / count);
  return Array.from({ length: count }, (_, i) => {
    const isTargeted = band(i) !== band(i - 1);
    const dealId = `soak-${runTag}-${i}`;
    return { dealId, accept: !isTargeted && i % 2 === 1, targeted: isTargeted, record: newJourneyRecord(dealId) };
  });
}
