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
  let last: { at: number; value: number } | undefined;
  let census: Promise<number> | undefined;
  const recount = (): Promise<number> => {
    census ??= findStuckWorkflows(client)
      .then((found) => {
        last = { at: Date.now(), value: new Set(found.map((s) => dealOf(s.workflowId))).size };
        return last.value;
      })
      // A failed census is retried at the next scrape.
      .finally(() => (census = undefined));
    return census;
  };
  // Only the first scrape waits for a census: later ones answer the last count at once and
  // start the next census in the background once it is stale, so a scrape never waits on a
  // describe of every running deal.
  const stuck = async (): Promise<number> => {
    if (!last) return recount();
    if (Date.now() - last.at > REFRESH_MS) recount().catch(() => undefined);
    return last.value;
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
