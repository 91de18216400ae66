import { Counter, Gauge, Registry } from 'prom-client';
import type { ReadModelCensus } from '../db/read-model/census';

/** What Baton's deals add up to right now, over every running deal (see src/db/read-model/census.ts). */
export interface BatonMetrics {
  registry: Registry;
  /** Deal actions the API carried out or refused. */
  actions: Counter<'action' | 'outcome'>;
  /** Registrations: a new deal, or the same booking again (returned, not duplicated). */
  registrations: Counter<'outcome'>;
}

function setAll<L extends string>(gauge: Gauge<L>, label: L, values: Record<string, number>): void {
  gauge.reset();
  for (const [value, count] of Object.entries(values)) gauge.set({ [label]: value } as Record<L, string>, count);
}

/**
 * Baton's Prometheus metrics for one API instance. Business gauges come from the census of the read
 * model, which the deal workflows write (escalations and breaches happen on their timers, where no
 * API sees them, and the counts survive API restarts), and of the claims ledger; the counters are
 * what this API instance observed.
 */
export function createMetrics(census: () => Promise<ReadModelCensus>): BatonMetrics {
  const registry = new Registry();
  // One census per scrape: prom-client collects the gauges concurrently, and all read this one.
  let current: Promise<ReadModelCensus> | undefined;
  const shared = (): Promise<ReadModelCensus> => {
    current ??= census().finally(() => setTimeout(() => (current = undefined), 1000).unref());
    return current;
  };
  new Gauge({
    name: 'baton_deals',
    help: 'Running deals by lifecycle stage',
    labelNames: ['stage'] as const,
    registers: [registry],
    async collect() {
      setAll(this, 'stage', (await shared()).dealsByStage);
    },
  });
  new Gauge({
    name: 'baton_handoffs',
    help: "Handoffs: open and returned now, accepted over the running deals' lives",
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      setAll(this, 'state', (await shared()).handoffsByState);
    },
  });
  new Gauge({
    name: 'baton_escalations',
    help: 'Escalation-ladder rungs fired on running deals: remind (to R), escalate (to A or the practice lead)',
    labelNames: ['action'] as const,
    registers: [registry],
    async collect() {
      setAll(this, 'action', (await shared()).escalationsByAction);
    },
  });
  new Gauge({
    name: 'baton_deadline_breaches',
    help: 'Deadlines breached on running deals',
    registers: [registry],
    async collect() {
      this.set((await shared()).breaches);
    },
  });
  new Gauge({
    name: 'baton_claims',
    help: 'Incentive claims on running deals by status (ineligible: milestones found not eligible)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      setAll(this, 'status', (await shared()).claimsByStatus);
    },
  });
  new Gauge({
    name: 'baton_incentive_dollars',
    help: 'Incentive US dollars: claimed (sent to the vendor), accepted (approved), paid, and at_stake (still to earn on open windows of running deals)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const { claimed, accepted, paid, atStake } = (await shared()).dollars;
      setAll(this, 'state', { claimed, accepted, paid, at_stake: atStake });
    },
  });
  return {
    registry,
    actions: new Counter({
      name: 'baton_api_actions_total',
      help: 'Deal and handoff actions through this API instance, by outcome',
      labelNames: ['action', 'outcome'] as const,
      registers: [registry],
    }),
    registrations: new Counter({
      name: 'baton_api_deal_registrations_total',
      help: 'Deal registrations through this API instance: created, or the same booking again',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}
