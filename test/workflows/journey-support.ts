import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Deal } from '../../src/domain/schemas/deal';
import { registerSearchAttributes } from '../../src/simulation/environment';
import { runJourney, type JourneyOptions, type JourneyResult } from '../../src/simulation/run-journey';
import type { ScriptStep } from '../../src/simulation/script';
import type { TimelineEntry } from '../../workflows/deal-state';
import { createTimeSkippingEnv, workflowBundle } from '../support/temporal';
import { deal, partner } from './fixtures/journeys';
import { timestampMs } from '../../src/temporal/timestamp';

/** A time-skipping server that knows Baton's search attributes. */
export async function journeyEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await createTimeSkippingEnv();
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** Runs the fixture deal (under its own id, so journeys share a server) through a script. */
/**
 * Runs `run` on a time-skipping server of its own, torn down after. Generated journeys use one
 * each: after a few long runs on one server, the Java test server refused a workflow task
 * completion ("invalid history builder state for action") that the same script completes on a
 * fresh server, and the run hung.
 */
export async function onFreshServer<T>(run: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  const env = await journeyEnvironment();
  try {
    return await run(env);
  } finally {
    await env.teardown();
  }
}

export function walk(env: TestWorkflowEnvironment, dealId: string, steps: ScriptStep[], options: Partial<JourneyOptions> = {}): Promise<JourneyResult> {
  return runJourney({
    env,
    deal: Deal.parse({ ...deal, id: dealId }),
    partner,
    script: { steps, horizon: undefined },
    workflowBundle: workflowBundle(),
    taskQueue: `journey-${dealId}`,
    ...options,
  });
}

/** The timeline as `type actor@date` lines, easy to read in a failing assertion. */
export function summary(timeline: TimelineEntry[], types?: string[]): string[] {
  return timeline
    .filter((e) => !types || types.includes(e.type))
    .map((e) => `${e.at.slice(0, 10)} ${e.type}${e.actor ? ` ${e.actor.split('@')[0]}` : ''}`);
}

export const ofType = (timeline: TimelineEntry[], type: string): TimelineEntry[] => timeline.filter((e) => e.type === type);

/** When a history event happened, by the server's clock (in simulated time on the time-skipping server). */
export const eventMs = (event: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }): number => timestampMs(event.eventTime);
