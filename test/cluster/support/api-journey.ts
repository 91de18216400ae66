import { booking, type PersonKey } from '../../api/api-stack';
import { successPlan } from '../../workflows/fixtures/journeys';
import type { ApiAnswer, ApiPool } from './api-pool';

/**
 * One deal's journey through the HTTP API, as its people would walk it: the AM registers the
 * booking, the account team and the CSM work the Sales -> CS handoff (the CSM accepting it or
 * not), Purchase and Implement are completed and the CSM submits the success plan, which earns
 * the Adopt claim (`adopt:success-plan`).
 */
export interface JourneyOptions {
  dealId: string;
  accept: boolean;
  /** Called between actions, e.g. to pace a soak or to query the deal meanwhile. */
  between?: () => Promise<void>;
  /** Whether the account team and the CSM work the handoff's checklist and artifacts (default yes). */
  handoffWork?: boolean;
  /** Called right before the success plan is submitted, e.g. to time a crash around a deal's timer. */
  beforePlan?: () => Promise<void>;
  /** The playbook the deal is registered under (`playbookId`); the default one when unset. */
  playbookId?: string;
}

export interface JourneyRecord {
  dealId: string;
  /** The `created` flag of every registration answer the journey got (one per POST that answered). */
  registrations: boolean[];
  actions: number;
  /** Whether the API acknowledged the success plan (the claim then has to reach the sink). */
  planAcknowledged: boolean;
}

export class JourneyError extends Error {}

/**
 * An action answered 409 only counts as done if it was sent again after a request that may have
 * landed, and the refusal says it had: "already …", or for an accept, that the handoff is closed.
 */
const LANDED_BEFORE = /already|there is no open sales-to-cs handoff/;

function expectApplied(answer: ApiAnswer, what: string): void {
  if (answer.status === 200) return;
  if (answer.status === 409 && answer.attempts > 1 && LANDED_BEFORE.test(String(answer.body?.message ?? ''))) return;
  throw new JourneyError(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

export function newJourneyRecord(dealId: string): JourneyRecord {
  return { dealId, registrations: [], actions: 0, planAcknowledged: false };
}

/** Fills `record` as it goes, so that a journey cut short still tells what was acknowledged. */
export async function walkJourney(api: ApiPool, options: JourneyOptions, record = newJourneyRecord(options.dealId)): Promise<JourneyRecord> {
  const { dealId } = options;
  const between = options.between ?? (async () => {});

  const registered = await api.call('ana', 'POST', '/deals', { ...booking(dealId), ...(options.playbookId ? { playbookId: options.playbookId } : {}) });
  if (registered.status !== 201 && registered.status !== 200) throw new JourneyError(`register ${dealId}: ${registered.status} ${JSON.stringify(registered.body)}`);
  record.registrations.push(registered.body.created as boolean);

  const handoffPath = `/deals/${dealId}/handoffs/sales-to-cs`;
  const handoff = options.handoffWork === false ? { checklist: [], artifacts: [] } : await waitForHandoff(api, handoffPath);
  const act = async (who: PersonKey, path: string, body: Record<string, unknown>, what: string) => {
    await between();
    expectApplied(await api.call(who, 'POST', path, body), `${dealId} ${what}`);
    record.actions += 1;
  };
  for (const item of handoff.checklist) await act(item.owner === 'CSM' ? 'chris' : 'ana', `${handoffPath}/tick`, { itemId: item.id }, `tick ${item.id}`);
  for (const artifact of handoff.artifacts) await act('ana', `${handoffPath}/attach`, { artifactId: artifact.id, reference: `crm://${dealId}/${artifact.id}` }, `attach ${artifact.id}`);
  if (options.accept) await act('chris', `${handoffPath}/accept`, {}, 'accept');
  await act('ana', `/deals/${dealId}/actions/step.complete`, { step: 'purchase' }, 'complete purchase');
  await act('ana', `/deals/${dealId}/actions/step.complete`, { step: 'implement' }, 'complete implement');
  await options.beforePlan?.();
  await act('chris', `/deals/${dealId}/actions/successPlan.submit`, { plan: successPlan }, 'submit the success plan');
  record.planAcknowledged = true;
  return record;
}

interface HandoffItems {
  checklist: { id: string; owner: string }[];
  artifacts: { id: string }[];
}

/** The handoff is a child workflow the deal starts in its first task: it may take a moment to open. */
async function waitForHandoff(api: ApiPool, path: string): Promise<HandoffItems> {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    const answer = await api.call('ana', 'GET', path);
    if (answer.status === 200) return answer.body as HandoffItems;
    if (Date.now() > giveUpAt) throw new JourneyError(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
