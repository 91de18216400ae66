import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Worker, type History } from '@temporalio/worker';
import type { ActivityInterface } from '@temporalio/common';
import { createClaimsActivities } from '../../activities/claims';
import { createNotifyActivities } from '../../activities/notify';
import { createCapsActivities } from '../../activities/caps';
import { createHandoffActivities } from '../../activities/handoffs';
import { partnerCapsWorkflowId } from '../../workflows/partner-caps-messages';
import { fiscalQuarterOf } from '../domain/calendar';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../config/program-files';
import { healthObserveSignal } from '../../workflows/deal-messages';
import { OutboxClaimsGateway } from '../claims/outbox-gateway';
import type { BusinessCalendar } from '../domain/business-days';
import type { Playbook } from '../domain/playbook/schema';
import type { Deal } from '../domain/schemas/deal';
import type { Partner } from '../domain/schemas/partner';
import type { DealSnapshot } from '../../workflows/deal-messages';
import type { HandoffSnapshot } from '../db/read-model/handoff-snapshot';
import type { Program } from '../incentives/program-schema';
import type { DeliveryReceipt, NotificationInput } from '../notify/notification-schema';
import {
  ActionForbiddenError,
  ActionRefusedError,
  DealClosedError,
  InvalidEvidenceError,
  InvalidInputError,
  actOnDeal,
  getDealView,
  registerDeal,
  signalRefusal,
  type DealViewWithHandoffs,
} from '../temporal/deal-client';
import { bundleBatonWorkflows } from '../temporal/worker';
import { DEFAULT_HORIZON, HEALTH_OBSERVE, instantAfter, type Script } from './script';
import { defaultHealthConfig } from '../config/health-files';
import type { HealthConfig } from '../domain/health/schema';
import { observeHealth } from '../temporal/health-client';
import { readModelSinks } from '../temporal/read-model-sinks';

/** How far past its instant a step is sent (see skipTo): far less than the business day it is dated by. */
const STEP_SETTLE_MS = 1_000;

export interface JourneyOptions {
  env: TestWorkflowEnvironment;
  deal: Deal;
  partner: Partner;
  script: Script;
  playbook?: Playbook;
  program?: Program;
  /** Who registers the deal; the deal's first Account Manager by default. */
  registeredBy?: string;
  /** Overrides the script's horizon (ISO-8601 duration after booking). */
  horizon?: string;
  /** A prebuilt workflow bundle (tests build one per run); bundled here otherwise. */
  workflowBundle?: { code: string } | { codePath: string };
  /** Replaces the simulation's activities (by name), e.g. a real cap counter. */
  activities?: ActivityInterface;
  /** Passed to the deal workflow: continue-as-new after this many events. */
  historyEventLimit?: number;
  taskQueue?: string;
  /** The business calendars to choose the deal's from; those of config/calendars/ by default. */
  calendars?: BusinessCalendar[];
}

/** What each scripted step did. */
export interface StepOutcome {
  at: string;
  action: string;
  actor?: string;
  outcome: 'accepted' | 'refused' | 'invalid';
  reason?: string;
}

export interface JourneyResult {
  workflowId: string;
  view: DealViewWithHandoffs;
  steps: StepOutcome[];
  notifications: NotificationInput[];
  /** The deal's last read-model write (the simulation keeps them in memory). */
  projection: DealSnapshot | undefined;
  /** Each handoff's last read-model write, by handoff workflow id. */
  handoffProjections: Map<string, HandoffSnapshot>;
  /** Events in the deal workflow's current run, and every run's history (continue-as-new). */
  historyLength: number;
  histories: { runId: string; history: History }[];
  wallMs: number;
}

/** A simulation has no database: the read-model writes are kept, the latest per deal or handoff. */
function projectionsInto<S extends { workflowId: string; seq: number }>(into: Map<string, S>) {
  return async (snapshot: S): Promise<{ applied: boolean }> => {
    const stored = into.get(snapshot.workflowId);
    if (stored && stored.seq >= snapshot.seq) return { applied: false };
    into.set(snapshot.workflowId, snapshot);
    return { applied: true };
  };
}

/** Notifications are collected, not sent: a simulation tells nobody. */
function collectingNotifier(into: NotificationInput[]) {
  return {
    async send(notification: NotificationInput): Promise<DeliveryReceipt[]> {
      into.push(notification);
      return [{ channel: 'log', idempotencyKey: notification.idempotencyKey, deliveredAt: new Date().toISOString(), reference: 'simulation' }];
    },
  };
}

/**
 * Runs the real deal workflow on a time-skipping server: registers the deal at its booking,
 * applies each scripted action at its offset, and runs on to the horizon.
 */
export async function runJourney(options: JourneyOptions): Promise<JourneyResult> {
  const { env, deal, partner, script } = options;
  let health: Promise<HealthConfig> | undefined;
  // Read once, and only by a script that brings raw health readings.
  const healthConfig = () => (health ??= defaultHealthConfig());
  const taskQueue = options.taskQueue ?? 'baton-simulation';
  const notifications: NotificationInput[] = [];
  const projections = new Map<string, DealSnapshot>();
  const handoffProjections = new Map<string, HandoffSnapshot>();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-simulation-'));
  const keepDealSnapshot = projectionsInto(projections);
  const keepHandoffSnapshot = projectionsInto(handoffProjections);
  const activities = {
    ...createNotifyActivities({ notifier: collectingNotifier(notifications), publicUrl: 'http://baton.simulation' }),
    ...createClaimsActivities({ claims: new OutboxClaimsGateway({ dataDir }) }),
    ...createCapsActivities({ client: env.client }),
    ...createHandoffActivities({ client: env.client }),
    // Handoffs recorded before the sink write through this activity.
    projectHandoff: keepHandoffSnapshot,
    ...options.activities,
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    sinks: readModelSinks({ enqueue: (snapshot) => void keepDealSnapshot(snapshot), enqueueHandoff: (snapshot) => void keepHandoffSnapshot(snapshot) }),
    workflowBundle: options.workflowBundle ?? (await bundleBatonWorkflows(new DefaultLogger('WARN'))),
    activities,
  });
  const wallStart = performance.now();
  const client = env.client;
  const program = options.program ?? (await loadProgram(deal.programId ?? DEFAULT_PROGRAM_ID));
  const registeredBy = options.registeredBy ?? deal.team.AM?.[0]?.id ?? 'simulation@baton.example';
  try {
    return await worker.runUntil(async () => {
      const { workflowId, runId, handle } = await registerDeal(client, {
        deal,
        partner,
        playbook: options.playbook,
        program,
        registeredBy,
        taskQueue,
        bookAtStart: true,
        historyEventLimit: options.historyEventLimit,
        calendars: options.calendars,
      });
      const ref = { workflowId };
      const { timeShiftMs } = await getDealView(client, ref);
      // A step lands just past its instant: a timer due at the instant itself (a window's midnight)
      // then fires and is handled inside the skip, instead of firing at the server's real pace while
      // the step's workflow task is out. That task may cancel the timer, and the time-skipping
      // server refuses the completion that cancels a timer it has just fired ("invalid history
      // builder state for action", its processCancelTimer) and never sends the task again.
      // A timer due within the second after the instant can still race the step.
      const skipTo = async (businessMs: number) => {
        const wait = businessMs + STEP_SETTLE_MS - timeShiftMs - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
      };

      const steps: StepOutcome[] = [];
      const ordered = [...script.steps].sort((a, b) => instantAfter(deal.bookedOn, a.at) - instantAfter(deal.bookedOn, b.at));
      for (const step of ordered) {
        const at = instantAfter(deal.bookedOn, step.at);
        await skipTo(at);
        const { at: _offset, action, ...payload } = step;
        const outcome: StepOutcome = { at: new Date(at).toISOString(), action, ...(step.actor ? { actor: step.actor } : {}), outcome: 'accepted' };
        try {
          if (action === HEALTH_OBSERVE && (payload.scorecard !== undefined || payload.telemetry !== undefined)) {
            const { scorecard, telemetry, source } = payload;
            await observeHealth(client, await healthConfig(), { partnerId: deal.partnerId, dealId: deal.id }, { scorecard, telemetry, source: source ?? 'simulation' });
          } else if (action === HEALTH_OBSERVE) {
            await client.workflow.getHandle(workflowId).signal(healthObserveSignal, {
              healthScore: payload.healthScore as number | undefined,
              utilisation: payload.utilisation as number | undefined,
              source: (payload.source as string | undefined) ?? 'simulation',
            });
          } else {
            await actOnDeal(client, ref, { type: action, ...payload });
          }
        } catch (err) {
          // A simulation's refusals are part of the journey it plays: they go on the deal's timeline.
          const onTimeline = (reason: string) => signalRefusal(client, ref, { action, ...(step.actor ? { actor: step.actor } : {}), reason });
          if (err instanceof ActionRefusedError || err instanceof ActionForbiddenError) {
            Object.assign(outcome, { outcome: 'refused', reason: err.reason });
            await onTimeline(err.reason);
          }
          // The lifecycle completed and the workflow closed: the step is refused like any other, not a crash.
          else if (err instanceof DealClosedError) Object.assign(outcome, { outcome: 'refused', reason: `the deal is ${err.status}, it takes no more actions` });
          else if (err instanceof WorkflowNotFoundError) Object.assign(outcome, { outcome: 'refused', reason: 'the deal has closed, it takes no more signals' });
          else if (err instanceof InvalidInputError || err instanceof InvalidEvidenceError) {
            const problems = err instanceof InvalidInputError ? err.problems : err.problems.map((p) => `evidence.${p.path.join('.')}: ${p.rule}`).join('\n');
            Object.assign(outcome, { outcome: 'invalid', reason: problems });
            await onTimeline(`invalid ${action}: ${problems.replace(/\n/g, '; ')}`);
          } else throw err;
        }
        steps.push(outcome);
      }
      await skipTo(instantAfter(deal.bookedOn, options.horizon ?? script.horizon ?? DEFAULT_HORIZON));

      const view = await getDealView(client, ref);
      const description = await handle.describe();
      const histories = await runHistories(env, workflowId, runId);
      // The simulation ends at its horizon: a deal (or handoff) still running would hold the
      // shared test server's clock for the next simulation.
      for (const id of [workflowId, ...view.openHandoffs.map((h) => h.workflowId), ...capEntityIds(deal, partner, program)]) await terminateIfRunning(env, id);
      return {
        workflowId,
        view,
        steps,
        notifications,
        projection: projections.get(workflowId),
        handoffProjections,
        historyLength: description.historyLength,
        histories,
        wallMs: performance.now() - wallStart,
      };
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every run of the deal workflow, oldest first, following the continue-as-new chain. */
async function runHistories(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string): Promise<{ runId: string; history: History }[]> {
  const runs: { runId: string; history: History }[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: History = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ runId, history });
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

async function terminateIfRunning(env: TestWorkflowEnvironment, workflowId: string): Promise<void> {
  const handle = env.client.workflow.getHandle(workflowId);
  try {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('simulation horizon reached');
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** The partner's cap entities a journey may have started: the fiscal years its claims can fall in. */
function capEntityIds(deal: Deal, partner: Partner, program: Program): string[] {
  const first = fiscalQuarterOf(deal.bookedOn, program.fiscalYearStartMonth).fiscalYear;
  return [first, first + 1, first + 2].map((year) => partnerCapsWorkflowId(partner.id, year));
}
