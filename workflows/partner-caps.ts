import type { Duration } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { capsUsageQuery, parseFiscalQuarter, reserveSlotUpdate, type CounterUsage, type PartnerCapsUsage, type SlotDecision, type SlotRequest } from './partner-caps-messages';

/** A request as first decided: asking again with the same deal and milestone gets this answer. */
export interface Reservation {
  /** With the fiscal quarter in its canonical `FY2021 Q3` spelling. */
  request: SlotRequest;
  decision: SlotDecision;
}

export interface PartnerCapsInput {
  partnerId: string;
  fiscalYear: number;
  /** Set by continue-as-new. */
  reservations?: Reservation[];
  /** Continue-as-new after this many requests in one run even before the server suggests it. */
  requestsPerRun?: number;
  /** A run without requests for this long continues as new, so an idle entity picks up new worker code. */
  idleTimeout?: Duration;
}

const DEFAULT_REQUESTS_PER_RUN = 500;
const DEFAULT_IDLE_TIMEOUT: Duration = '30 days';

function reservationKey(request: Pick<SlotRequest, 'dealId' | 'milestone'>): string {
  return JSON.stringify([request.dealId, request.milestone]);
}

function sameCounter(a: SlotRequest, b: SlotRequest): boolean {
  return a.architecture === b.architecture && a.fiscalQuarter === b.fiscalQuarter && a.enterpriseAgreement === b.enterpriseAgreement;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Refuses a malformed request before it reaches history. Hand-written rather than zod, which
 * must not be loaded into the workflow sandbox at runtime (sdk-typescript #2227).
 */
function validateRequest(input: PartnerCapsInput, request: SlotRequest): void {
  if (typeof request !== 'object' || request === null) throw new TypeError('a slot request must be an object');
  if (request.partnerId !== input.partnerId) throw new TypeError(`this entity counts partner ${input.partnerId}, not ${JSON.stringify(request.partnerId)}`);
  for (const field of ['architecture', 'dealId', 'milestone'] as const) {
    if (!isNonEmptyString(request[field])) throw new TypeError(`${field} must be a non-empty string`);
  }
  if (typeof request.enterpriseAgreement !== 'boolean') throw new TypeError('enterpriseAgreement must be true or false');
  if (request.limit !== null && !(Number.isInteger(request.limit) && request.limit >= 0)) throw new TypeError('limit must be a whole number >= 0 or null');
  const quarter = typeof request.fiscalQuarter === 'string' ? parseFiscalQuarter(request.fiscalQuarter) : undefined;
  if (!quarter) throw new TypeError(`fiscalQuarter must look like "FY2021 Q3", got ${JSON.stringify(request.fiscalQuarter)}`);
  if (quarter.fiscalYear !== input.fiscalYear) throw new TypeError(`this entity counts FY${input.fiscalYear}, not ${request.fiscalQuarter}`);
}

function refusal(request: SlotRequest, used: number, limit: number): string {
  const agreement = request.enterpriseAgreement ? 'EA' : 'non-EA';
  return `cap reached: ${used} of ${limit} ${agreement} ${request.architecture} adoptions used in ${request.fiscalQuarter} (partner ${request.partnerId})`;
}

function usageOf(input: PartnerCapsInput, reservations: Iterable<Reservation>): PartnerCapsUsage {
  const counters = new Map<string, CounterUsage>();
  let count = 0;
  for (const { request, decision } of reservations) {
    count += 1;
    const key = JSON.stringify([request.architecture, request.fiscalQuarter, request.enterpriseAgreement]);
    const counter = counters.get(key) ?? {
      architecture: request.architecture,
      fiscalQuarter: request.fiscalQuarter,
      enterpriseAgreement: request.enterpriseAgreement,
      used: 0,
      uncapped: 0,
      refused: 0,
      limit: null,
    };
    if (!decision.granted) counter.refused += 1;
    else if (decision.limit === null) counter.uncapped += 1;
    else counter.used += 1;
    if (request.limit !== null) counter.limit = request.limit;
    counters.set(key, counter);
  }
  return { partnerId: input.partnerId, fiscalYear: input.fiscalYear, counters: [...counters.values()], reservations: count };
}

/**
 * The Adopt cap counter of one partner in one fiscal year (workflow id `caps:<partner>:FY<year>`).
 * The reserve handler decides synchronously, with no await before the decision, so requests are
 * serialized by the workflow: two deals can never both take the last slot. Limits come with each
 * request from the deal's program; the entity only counts.
 */
export async function partnerCapsWorkflow(input: PartnerCapsInput): Promise<never> {
  const reservations = new Map<string, Reservation>((input.reservations ?? []).map((r) => [reservationKey(r.request), r]));
  const requestsPerRun = input.requestsPerRun ?? DEFAULT_REQUESTS_PER_RUN;
  let requestsThisRun = 0;

  setHandler(
    reserveSlotUpdate,
    (raw) => {
      requestsThisRun += 1;
      const key = reservationKey(raw);
      const recorded = reservations.get(key);
      if (recorded) return recorded.decision;
      const request: SlotRequest = { ...raw, fiscalQuarter: parseFiscalQuarter(raw.fiscalQuarter)!.label };
      let taken = 0;
      for (const r of reservations.values()) {
        if (r.decision.granted && r.decision.limit !== null && sameCounter(r.request, request)) taken += 1;
      }
      const decision: SlotDecision =
        request.limit === null
          ? { granted: true, used: taken, limit: null }
          : taken < request.limit
            ? { granted: true, used: taken + 1, limit: request.limit }
            : { granted: false, reason: refusal(request, taken, request.limit), used: taken, limit: request.limit };
      reservations.set(key, { request, decision });
      return decision;
    },
    { validator: (request) => validateRequest(input, request) },
  );
  setHandler(capsUsageQuery, () => usageOf(input, reservations.values()));

  const mustContinueAsNew = () => workflowInfo().continueAsNewSuggested || requestsThisRun >= requestsPerRun;
  for (;;) {
    const seen = requestsThisRun;
    const woken = await condition(() => requestsThisRun !== seen || mustContinueAsNew(), input.idleTimeout ?? DEFAULT_IDLE_TIMEOUT);
    if (!woken || mustContinueAsNew()) break;
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof partnerCapsWorkflow>({ ...input, reservations: [...reservations.values()] });
}
