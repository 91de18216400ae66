import type { Client } from '@temporalio/client';
import { Gauge, type Registry } from 'prom-client';
import { findStuckWorkflows } from '../temporal/stuck-deals';

/** A census of stuck deals describes every running deal: at most one per this long, whatever the scrape rate. */
const REFRESH_MS = 30_000;

/** `deal:<partner>:<deal>` of a deal's or its handoff's workflow id. */
const dealOf = (workflowId: string): string => workflowId.split(':handoff:')[0]!;

/**
 * `baton_deals_stuck`: running deals whose deal or handoff workflow task keeps failing (see
 * `findStuckWorkflows`), for an alert on anything above 0. Read from the server's records, never
 * by querying a deal; `baton deal stuck` lists them and `baton deal repair` repairs one.
 */
export function registerStuckGauge(registry: Registry, client: Client): void {
  let counted: { at: number; value: Promise<number> } | undefined;
  const stuck = (): Promise<number> => {
    if (!counted || Date.now() - counted.at > REFRESH_MS) {
      const value = findStuckWorkflows(client).then((found) => new Set(found.map((s) => dealOf(s.workflowId))).size);
      counted = { at: Date.now(), value };
      // A failed census is retried at the next scrape, not cached.
      value.catch(() => (counted = undefined));
    }
    return counted.value;
  };
  new Gauge({
    name: 'baton_deals_stuck',
    help: 'Running deals whose deal or handoff workflow task has failed 3 times or more in a row (nondeterminism, a throwing handler): alert above 0, see baton deal stuck',
    registers: [registry],
    async collect() {
      this.set(await stuck());
    },
  });
}
