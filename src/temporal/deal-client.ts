import { randomUUID } from 'node:crypto';
import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { calendarsForDeal, loadCalendars } from '../config/calendar-files';
import type { BusinessCalendar } from '../domain/business-days';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { z } from 'zod';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../config/program-files';
import { defaultPlaybook } from '../config/playbook-files';
import type { Playbook } from '../domain/playbook/schema';
import { dealMemo, readDealMemo, type DealMemo, type VersionRef } from './deal-memo';
import { DealBusyError, queryUnlessStalled } from './safe-query';
import { UserAction } from '../domain/schemas/actions';
import { PersonId } from '../domain/schemas/common';
import { Deal } from '../domain/schemas/deal';
import { formatZodError } from '../domain/schemas/errors';
import { DealHistory, historyDayProblems } from '../domain/schemas/history';
import { isoDateOfInstant } from '../domain/calendar';
import { Partner } from '../domain/schemas/partner';
import type { Program } from '../incentives/program-schema';
import { REFUSAL, type EvidenceProblem } from '../../workflows/action-refusal';
import { recordQuery, refusalRecordSignal, viewQuery, type ActionResult, type DealRecord, type DealView, type DealWorkflowInput, type RefusalRecord, dealWorkflowId } from '../../workflows/deal-messages';
import { handoffViewQuery, handoffWorkflowId, type HandoffActionResult, type HandoffStatusView } from '../../workflows/handoff-messages';

/**
 * The one way API, CLI and simulations talk to deal workflows: input is validated here with the
 * domain's zod schemas, so the workflow receives plain, valid JSON.
 */

export { dealWorkflowId };

export const DEFAULT_TASK_QUEUE = 'baton';

export type DealRef = { partnerId: string; dealId: string } | { workflowId: string };

const workflowIdOf = (ref: DealRef): string => ('workflowId' in ref ? ref.workflowId : dealWorkflowId(ref.partnerId, ref.dealId));

/** Input that does not match the schema; `problems` has one `path: rule` line per issue. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly what: string,
    readonly problems: string,
  ) {
    super(`invalid ${what}:\n${problems}`);
  }
}

/** The deal (or its handoff) refused the action: its state does not allow it now. Nothing changed. */
export class ActionRefusedError extends Error {
  override readonly name = 'ActionRefusedError';
  constructor(
    readonly action: string,
    readonly reason: string,
  ) {
    super(`${action} refused: ${reason}`);
  }
}

/** The RACI on the deal's current team does not let the actor do this. Nothing changed. */
export class ActionForbiddenError extends Error {
  override readonly name = 'ActionForbiddenError';
  constructor(
    readonly action: string,
    readonly reason: string,
  ) {
    super(`${action} forbidden: ${reason}`);
  }
}

/** Usage evidence in words the deal's program does not read (it would earn nothing, silently). */
export class InvalidEvidenceError extends Error {
  override readonly name = 'InvalidEvidenceError';
  constructor(
    readonly action: string,
    readonly problems: EvidenceProblem[],
  ) {
    super(`${action}: invalid evidence: ${problems.map((p) => `${p.path.join('.')}: ${p.rule}`).join('; ')}`);
  }
}

export class DealNotFoundError extends Error {
  override readonly name = 'DealNotFoundError';
}

/** The deal's workflow has closed (its lifecycle completed, or it was terminated): it takes no more actions. */
export class DealClosedError extends Error {
  override readonly name = 'DealClosedError';
  constructor(
    readonly action: string,
    /** The workflow's status, lower-case: completed, terminated, failed, timed_out, canceled. */
    readonly status: string,
  ) {
    super(`${action} refused: the deal is ${status}, it takes no more actions`);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(what, formatZodError(result.error));
  return result.data;
}

export interface RegisterDealInput {
  deal: unknown;
  partner: unknown;
  /** Defaults to the shipped default playbook. */
  playbook?: Playbook;
  /** Defaults to the deal's `programId`, else the default program. */
  program?: Program;
  registeredBy: string;
  taskQueue?: string;
  /** Simulations: the deal's business clock starts at its booking day. */
  bookAtStart?: boolean;
  /** Continue-as-new after this many history events (the server also suggests it). */
  historyEventLimit?: number;
  /** Facts from before the deal entered Baton, with their days: the import's path only. */
  history?: unknown;
  /** The business calendars to choose the deal's from; those of config/calendars/ by default. */
  calendars?: BusinessCalendar[];
}

export interface RegisteredDeal {
  workflowId: string;
  runId: string;
  handle: WorkflowHandle;
  /** False when the deal was registered before (running or finished): that deal is returned, unchanged. */
  created: boolean;
}

/**
 * Starts the deal's workflow; registering the same deal again returns the existing one. The
 * start fails on an existing id, so that of concurrent registrations exactly one is told it
 * created the deal.
 */
export async function registerDeal(client: Client, input: RegisterDealInput): Promise<RegisteredDeal> {
  const deal = parse(Deal, input.deal, 'deal');
  const partner = parse(Partner, input.partner, 'partner');
  const registeredBy = parse(PersonId, input.registeredBy, 'registeredBy');
  if (partner.id !== deal.partnerId) throw new InvalidInputError('deal', `partnerId: the deal names partner ${deal.partnerId}, the partner profile is ${partner.id}`);
  const history = input.history === undefined ? [] : parse(DealHistory, input.history, 'history');
  const dayProblems = historyDayProblems(deal.bookedOn, history, isoDateOfInstant(Date.now()));
  if (dayProblems.length > 0) throw new InvalidInputError('history', dayProblems.join('\n'));
  const playbook = input.playbook ?? (await defaultPlaybook());
  const program = input.program ?? (await loadProgram(deal.programId ?? DEFAULT_PROGRAM_ID));
  const workflowId = dealWorkflowId(deal.partnerId, deal.id);
  const args: DealWorkflowInput = {
    deal,
    partner,
    playbook,
    program,
    registeredBy,
    calendars: calendarsForDeal(input.calendars ?? (await loadCalendars()), partner.id, playbook),
    ...(input.bookAtStart ? { bookAtStart: true } : {}),
    ...(input.historyEventLimit !== undefined ? { historyEventLimit: input.historyEventLimit } : {}),
    ...(history.length > 0 ? { history } : {}),
  };
  try {
    const handle = await client.workflow.start('dealWorkflow', {
      taskQueue: input.taskQueue ?? DEFAULT_TASK_QUEUE,
      workflowId,
      args: [args],
      memo: dealMemo(playbook, program),
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      // A finished deal is not registered again either.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { workflowId, runId: handle.firstExecutionRunId, handle, created: true };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const handle = client.workflow.getHandle(workflowId);
    const { runId } = await handle.describe();
    return { workflowId, runId, handle, created: false };
  }
}

/**
 * Records a refusal on the deal's own timeline, by signal: for simulations, whose scripted
 * refusals belong to the journey they replay (bounded by the script). Live deals record theirs
 * outside the workflow (the API: PostgreSQL, coalesced), so no caller can grow a deal's history.
 */
export async function signalRefusal(client: Client, ref: DealRef, refusal: RefusalRecord): Promise<void> {
  try {
    await client.workflow.getHandle(workflowIdOf(ref)).signal(refusalRecordSignal, refusal);
  } catch (err) {
    // A refusal on a deal that does not exist (or has finished) has no timeline to go to.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

function fieldOf(value: unknown, field: string): string | undefined {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The validator's answer as the error that says which it is (see REFUSAL). */
function refusalOf(err: WorkflowUpdateFailedError, action: string): Error {
  const cause = err.cause;
  const reason = cause?.message ?? err.message;
  if (cause instanceof ApplicationFailure) {
    if (cause.type === REFUSAL.forbidden) return new ActionForbiddenError(action, reason);
    if (cause.type === REFUSAL.invalidEvidence) return new InvalidEvidenceError(action, (cause.details ?? []) as EvidenceProblem[]);
  }
  return new ActionRefusedError(action, reason);
}

/**
 * The running workflow of the deal's `templateId` handoff, if one is open: its ids derive from the
 * deal's and count instances from 1, and each instance runs until accepted. Read from Temporal's
 * own records (describe), never by asking the deal: a query reaches the deal's worker, an update
 * to the handoff does not need it.
 */
async function openHandoffWorkflow(client: Client, dealId: string, templateId: string): Promise<string | undefined> {
  let open: string | undefined;
  for (let instance = 1; ; instance++) {
    const workflowId = handoffWorkflowId(dealId, templateId, instance);
    try {
      const { status } = await client.workflow.getHandle(workflowId).describe();
      if (status.name === 'RUNNING') open = workflowId;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return open;
      throw err;
    }
  }
}

/**
 * Applies one user action, without asking the deal anything first: handoff actions go to the
 * deal's open handoff workflow, every other action to the deal workflow, whose update validator
 * decides (RACI, evidence, lifecycle). Throws ActionForbiddenError, InvalidEvidenceError or
 * ActionRefusedError for its refusal, InvalidInputError for an invalid payload; recording a
 * refusal is the caller's choice (see signalRefusal).
 */
export async function actOnDeal(client: Client, ref: DealRef, input: unknown): Promise<ActionResult | HandoffActionResult> {
  const parsed = UserAction.safeParse(input);
  const type = fieldOf(input, 'type') ?? 'unknown';
  if (!parsed.success) throw new InvalidInputError(type, formatZodError(parsed.error));
  const action = parsed.data;
  const deal = client.workflow.getHandle(workflowIdOf(ref));
  let target: WorkflowHandle = deal;
  if (action.type.startsWith('handoff.')) {
    const templateId = (action as { templateId: string }).templateId;
    const open = await openHandoffWorkflow(client, deal.workflowId, templateId);
    if (!open) {
      const closed = await closedOrMissing(undefined, deal, action.type, undefined);
      throw closed ?? new ActionRefusedError(action.type, `there is no open ${templateId} handoff on this deal`);
    }
    target = client.workflow.getHandle(open);
  }
  const giveUpAt = Date.now() + BUSY_RETRY_MS;
  // One id for every attempt: an update the server did accept is answered, not applied again.
  let updateId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.executeUpdate<ActionResult | HandoffActionResult, [UserAction]>(action.type, { args: [action], updateId });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw (await closedOrMissing(err, deal, action.type, target === deal ? undefined : target)) ?? err;
      const busy = busyAnswer(err);
      if (busy !== undefined) {
        if (Date.now() > giveUpAt) throw new DealBusyError(`${action.type} on ${target.workflowId}: ${busy} (tried ${attempt} times)`);
        // A rejected update wrote nothing; it is sent again as a new one.
        if (err instanceof WorkflowUpdateFailedError) updateId = randomUUID();
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random())));
        continue;
      }
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      throw refusalOf(err, action.type);
    }
  }
}

/** How long an action keeps asking a deal that is too busy to take it (then DealBusyError: the API answers 503). */
const BUSY_RETRY_MS = 30_000;
/** gRPC status codes (stable across gRPC): RESOURCE_EXHAUSTED, UNAVAILABLE. */
const BUSY_CODES: readonly number[] = [8, 14];

/**
 * Why the server did not take an update from a crowd of them on one workflow, when asking again
 * is safe because nothing was applied; undefined for any other error. Seen with 200 concurrent
 * actions on one deal on a loaded machine: RESOURCE_EXHAUSTED "limit on number of concurrent
 * in-flight updates has been reached (10)", UNAVAILABLE "workflow update was aborted", and a
 * rejection of type UnprocessedUpdate when the worker's task completed without answering it
 * (SDK 1.24 core logs "Trying to send a new WFT for a run which already has one!").
 */
function busyAnswer(err: unknown): string | undefined {
  if (err instanceof WorkflowUpdateFailedError) return err.cause instanceof ApplicationFailure && err.cause.type === 'UnprocessedUpdate' ? err.cause.message : undefined;
  if (err instanceof ServiceError && isGrpcServiceError(err.cause) && BUSY_CODES.includes(err.cause.code)) return err.cause.details ?? err.cause.message;
  return undefined;
}

/**
 * Why an action found no workflow to run on: the deal has closed, its handoff has, or there is no
 * such deal. Undefined when the deal runs and no handoff was named (the caller says why then).
 */
async function closedOrMissing(notFound: WorkflowNotFoundError | undefined, deal: WorkflowHandle, action: string, handoff: WorkflowHandle | undefined): Promise<Error | undefined> {
  try {
    const { status } = await deal.describe();
    if (status.name !== 'RUNNING') return new DealClosedError(action, status.name.toLowerCase());
    return handoff ? new ActionRefusedError(action, `the handoff ${handoff.workflowId} has closed`) : notFound;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return new DealNotFoundError(`no deal workflow ${deal.workflowId}`);
    throw err;
  }
}

async function dealView(handle: WorkflowHandle): Promise<DealView> {
  try {
    return await queryUnlessStalled(handle, viewQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new DealNotFoundError(`no deal workflow ${handle.workflowId}`);
    throw err;
  }
}

export interface DealViewWithHandoffs extends DealView {
  /** The checklist and artifacts of each open handoff, from its own workflow. */
  handoffDetails: HandoffStatusView[];
}

/** Everything the deal's queries answer, with the open handoffs' checklists. */
export async function getDealView(client: Client, ref: DealRef): Promise<DealViewWithHandoffs> {
  const view = await dealView(client.workflow.getHandle(workflowIdOf(ref)));
  const details = await Promise.all(
    view.openHandoffs.map((h) =>
      client.workflow
        .getHandle(h.workflowId)
        .query(handoffViewQuery)
        .catch((err: unknown) => {
          // The deal records a handoff as open a moment before its workflow has started.
          if (err instanceof WorkflowNotFoundError) return undefined;
          throw err;
        }),
    ),
  );
  return { ...view, handoffDetails: details.filter((d): d is HandoffStatusView => d !== undefined) };
}

/** What the deal holds: its booking, partner, program and facts (the `deal.record` query; not while its task waits for a worker). */
export async function getDealRecord(client: Client, ref: DealRef): Promise<DealRecord> {
  const handle = client.workflow.getHandle(workflowIdOf(ref));
  try {
    return await queryUnlessStalled(handle, recordQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new DealNotFoundError(`no deal workflow ${handle.workflowId}`);
    throw err;
  }
}

async function firstRunMemo(client: Client, workflowId: string, firstRunId: string): Promise<DealMemo | undefined> {
  try {
    return readDealMemo((await client.workflow.getHandle(workflowId, firstRunId).describe()).memo);
  } catch (err) {
    // Past the namespace's retention the first run is gone; the record query still answers.
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** What a deal runs under and which run answers: read from its workflow's description. */
export interface DealRunsUnder {
  runId: string;
  status: string;
  /** Undefined for deals registered before the memo existed (the API then ran every deal under the default playbook). */
  playbook?: VersionRef;
  program: VersionRef;
}

/**
 * The playbook and program versions the deal was registered under, from its memo: the current
 * run's, else the first run's (continue-as-new does not carry a memo over unless the workflow
 * passes it on). Deals registered before the memo existed answer the program from their
 * `deal.record` query (they hold it), and no playbook.
 */
export async function getDealRunsUnder(client: Client, ref: DealRef): Promise<DealRunsUnder> {
  const handle = client.workflow.getHandle(workflowIdOf(ref));
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new DealNotFoundError(`no deal workflow ${handle.workflowId}`);
    throw err;
  }
  const { runId, status } = description;
  const firstRunId = description.raw.workflowExecutionInfo?.firstRunId;
  const memo = readDealMemo(description.memo) ?? (firstRunId && firstRunId !== runId ? await firstRunMemo(client, handle.workflowId, firstRunId) : undefined);
  if (memo) return { runId, status: status.name, playbook: memo.playbook, program: memo.program };
  const { program } = await client.workflow.getHandle(handle.workflowId, runId).query(recordQuery);
  return { runId, status: status.name, program: { id: program.id, version: program.version } };
}
