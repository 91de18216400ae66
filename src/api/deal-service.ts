import type { Client, SignalDefinition } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../auth/token-store';
import type { PlaybookCatalogue } from '../config/playbook-catalogue';
import { PartnerProfileError } from '../config/partner-files';
import { DEFAULT_PROGRAM_ID, listPrograms } from '../config/program-files';
import type { Db } from '../db/connect';
import { listLedgerClaims } from '../db/claims/claim-queries';
import { partnerProfile } from '../db/people/partner-profiles';
import { presentLedgerClaim } from './claim-presenter';
import { recordRefusal, refusalsOf } from '../db/refusals/deal-refusals';
import { withRefusals } from './refusal-timeline';
import { closestName } from '../domain/schemas/closest-name';
import { partnerAdminRoles } from '../domain/partner-admins';
import type { Playbook } from '../domain/playbook/schema';
import { findHandoff, findStep } from '../domain/playbook/queries';
import { authorize, authorizeHandoffAction, permittedActions, stakeholders } from '../domain/raci';
import { UserAction } from '../domain/schemas/actions';
import type { Deal } from '../domain/schemas/deal';
import {
  ActionForbiddenError,
  ActionRefusedError,
  actOnDeal,
  DealClosedError,
  DealNotFoundError,
  dealWorkflowId,
  getDealRunsUnder,
  InvalidEvidenceError,
  InvalidInputError,
  registerDeal,
  type DealRunsUnder,
  type DealViewWithHandoffs,
} from '../temporal/deal-client';
import { dealRow, type DealListRow, type DealRow, type InboxRow } from '../db/read-model/deal-list';
import { handoffViews } from '../db/read-model/handoff-list';
import { handoffReprojectSignal, type HandoffActionResult, type HandoffStatusView } from '../../workflows/handoff-messages';
import { actionReflected, awaitDealRow, awaitHandoffRow } from './await-projection';
import { reprojectSignal, type ActionResult as DealActionResult, type DealView } from '../../workflows/deal-messages';
import { badRequest, conflict, forbidden, invalidFields, notFound, unavailable, type IssueBody } from './errors';
import { viewAsOf } from './view-as-of';
import { historyLinks, type HistoryLinks } from './history-links';
import type { BatonMetrics } from './metrics';
import { presentDeal } from './deal-presenter';
import type { ActionResponse } from './schemas/actions';
import type { DealDetail } from './schemas/deal';
import type { InboxItem } from './schemas/inbox';
import type { DealPermissions } from './schemas/playbook';
import type { Timeline } from './schemas/timeline';
import { presentTimelineEntry, teamNames } from './timeline-presenter';
import { RequestValidationError } from './validation';

export interface DealServiceOptions {
  client: Client;
  metrics: BatonMetrics;
  taskQueue: string;
  /** The playbooks a booking may name (BATON_PLAYBOOKS_DIR), validated at start. */
  playbooks: PlaybookCatalogue;
  /** Where partner profiles are read from. */
  db: Db;
  temporalUiUrl?: string;
}

/** `field: rule` for a name that is not among the known ones, with the closest as the suggestion. */
function unknownName(path: string, what: string, name: string, known: string[]): IssueBody {
  const suggestion = closestName(name, known);
  return { path, message: `unknown ${what} ${name}${suggestion ? `; did you mean ${suggestion}?` : ''} (known: ${known.join(', ') || 'none'})`, ...(suggestion ? { suggestion } : {}) };
}

/** How long a just-registered deal may take to reach the read model (its worker picks it up and projects it). */
const FIRST_VIEW_TIMEOUT_MS = 20_000;
/** How long an action's answer waits for the read model to hold it, so the caller's next read shows it. */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;
/** How long the row written again on request is waited for, once the first wait ran out. */
const REWRITE_TIMEOUT_MS = 3_000;

/**
 * What the API does with deals, on behalf of an authenticated person. A caller addresses deals by
 * id within their own partner only: the workflow id is built from the caller's partner, so another
 * partner's deal is simply not found.
 */
export class DealService {
  constructor(private readonly options: DealServiceOptions) {}

  private ref(principal: Principal, dealId: string) {
    return { partnerId: principal.partnerId, dealId, workflowId: dealWorkflowId(principal.partnerId, dealId) };
  }

  /**
   * The deal's row in the read model: every read of a deal comes from it, never from a query to
   * its workflow (a query to an idle deal is what trips the SDK's stuck-deal bug, see issue 13).
   * A deal the read model does not hold is not found: another partner's, none at all, or one
   * registered before the read model that `baton db rebuild` has not written yet.
   */
  async dealRowOrNotFound(principal: Principal, dealId: string): Promise<DealRow> {
    const row = await dealRow(this.options.db, this.ref(principal, dealId).workflowId);
    if (!row) throw notFound(`no deal ${dealId} for partner ${principal.partnerId}`);
    return row;
  }

  /** The row's view as of now, with its open handoffs' checklists and artifacts (their own rows). */
  private async viewOf(row: DealRow): Promise<DealViewWithHandoffs> {
    const view = viewAsOf(row.view, Date.now());
    return { ...view, handoffDetails: await handoffViews(this.options.db, view.openHandoffs.map((h) => h.workflowId)) };
  }

  private async view(principal: Principal, dealId: string): Promise<DealViewWithHandoffs> {
    return this.viewOf(await this.dealRowOrNotFound(principal, dealId));
  }

  /**
   * What the deal runs under, from its row. Rows written before the read model kept the run and
   * versions (until the deal's next change or a rebuild) fall back to the workflow's description.
   */
  private async runsUnderOf(row: DealListRow): Promise<DealRunsUnder> {
    if (row.run_id && row.program_id && row.program_version !== null) {
      return {
        runId: row.run_id,
        status: row.closed ? 'COMPLETED' : 'RUNNING',
        ...(row.playbook_id && row.playbook_version !== null ? { playbook: { id: row.playbook_id, version: row.playbook_version } } : {}),
        program: { id: row.program_id, version: row.program_version },
      };
    }
    try {
      return await getDealRunsUnder(this.options.client, { workflowId: row.workflow_id });
    } catch (err) {
      if (err instanceof DealNotFoundError) throw notFound(`no deal ${row.deal_id} for partner ${row.partner_id}`);
      throw err;
    }
  }

  private async runsUnder(principal: Principal, dealId: string): Promise<DealRunsUnder> {
    return this.runsUnderOf(await this.dealRowOrNotFound(principal, dealId));
  }

  /**
   * The playbook whose RACI governs the deal. Deals registered before the memo name none: the
   * API registered every deal under the default playbook then.
   */
  private playbookOf(dealId: string, runsUnder: DealRunsUnder): Playbook {
    const wanted = runsUnder.playbook;
    const playbook = this.options.playbooks.find(wanted?.id);
    if (!playbook || (wanted && playbook.version !== wanted.version)) {
      const held = playbook ? `v${playbook.version}` : 'no such playbook';
      throw new Error(`deal ${dealId} runs playbook ${wanted?.id} v${wanted?.version}, but the playbooks folder ${this.options.playbooks.dir} holds ${held}: keep the version deals run under`);
    }
    return playbook;
  }

  private links(workflowId: string, runId: string, view: { timeShiftMs: number }): Promise<HistoryLinks> {
    return historyLinks(this.options.client, this.options.temporalUiUrl, { workflowId, runId, timeShiftMs: view.timeShiftMs });
  }

  async detail(principal: Principal, dealId: string): Promise<DealDetail> {
    const row = await this.dealRowOrNotFound(principal, dealId);
    const { workflowId } = this.ref(principal, dealId);
    const [view, runsUnder] = await Promise.all([this.viewOf(row), this.runsUnderOf(row)]);
    const [links, ledger] = await Promise.all([
      this.links(workflowId, runsUnder.runId, view),
      listLedgerClaims(this.options.db, { partnerId: principal.partnerId, dealId }),
    ]);
    const detail = presentDeal(view, this.playbookOf(dealId, runsUnder), { workflowId, runId: runsUnder.runId }, links, runsUnder);
    // One claim, one status history: the ledger's (with the vendor's later decisions) wherever it holds the claim.
    const recorded = new Map(ledger.map((stored) => [stored.claim.claimId, presentLedgerClaim(stored)]));
    return { ...detail, claims: detail.claims.map((claim) => recorded.get(claim.claimId) ?? claim) };
  }

  async timeline(principal: Principal, dealId: string): Promise<Timeline> {
    const row = await this.dealRowOrNotFound(principal, dealId);
    const { view } = row;
    const { workflowId } = this.ref(principal, dealId);
    const { runId } = await this.runsUnderOf(row);
    const links = await this.links(workflowId, runId, view);
    const names = teamNames(view.team);
    return {
      dealId,
      workflowId,
      ...(links.current ? { historyUrl: links.current } : {}),
      items: withRefusals(
        view.timeline.map((entry) => presentTimelineEntry(entry, names, links)),
        await refusalsOf(this.options.db, workflowId),
        names,
      ),
    };
  }

  /**
   * An open handoff's checklist and artifacts, from its row. The deal records a handoff as open a
   * moment before the handoff's workflow has written its first row: that moment is waited out,
   * bounded; past it (a handoff started before the read model, until a rebuild) it is a 503.
   */
  async handoff(principal: Principal, dealId: string, templateId: string): Promise<HandoffStatusView> {
    const { view } = await this.dealRowOrNotFound(principal, dealId);
    const open = view.openHandoffs.find((h) => h.templateId === templateId);
    if (!open) throw notFound(`no open handoff ${templateId} on deal ${dealId} (open: ${view.openHandoffs.map((h) => h.templateId).join(', ') || 'none'})`);
    const deadline = Date.now() + FIRST_VIEW_TIMEOUT_MS;
    for (;;) {
      const [found] = await handoffViews(this.options.db, [open.workflowId]);
      if (found) return found;
      if (Date.now() >= deadline) throw unavailable(`the ${open.name} handoff of deal ${dealId} is not yet in the read model; read it again shortly`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Registers a booking for the caller's partner. The caller must be Responsible or Accountable
   * for the playbook's entry step on the deal's team. The same deal again returns the existing
   * deal, unchanged.
   */
  async register(principal: Principal, body: Deal & { actor?: string; registeredBy?: string }, log: FastifyBaseLogger): Promise<{ created: boolean; deal: DealDetail }> {
    const { actor, registeredBy, ...deal } = body;
    const ref = this.ref(principal, deal.id);
    const dealLog = log.child({ dealId: deal.id, workflowId: ref.workflowId });
    for (const [field, claimed] of [['actor', actor], ['registeredBy', registeredBy]] as const) {
      if (claimed !== undefined && claimed.toLowerCase() !== principal.person.id.toLowerCase()) {
        this.options.metrics.registrations.inc({ outcome: 'forbidden' });
        throw forbidden(`body.${field}: you register as ${principal.person.id}, not ${claimed}`);
      }
    }
    if (deal.partnerId !== principal.partnerId) {
      throw forbidden(`body.partnerId: you register deals for partner ${principal.partnerId}, this booking is for ${deal.partnerId}`);
    }
    const playbook = this.options.playbooks.find(deal.playbookId);
    const programs = await listPrograms();
    const program = programs.find((p) => p.id === (deal.programId ?? DEFAULT_PROGRAM_ID));
    const unknown = [
      ...(playbook ? [] : [unknownName('body.playbookId', 'playbook', deal.playbookId ?? '', this.options.playbooks.ids())]),
      ...(program ? [] : [unknownName('body.programId', 'program', deal.programId ?? '', programs.map((p) => p.id))]),
    ];
    if (!playbook || !program) throw invalidFields(unknown);
    const allowed = authorize(playbook, deal.team, principal.person.id, { step: playbook.entryStep }, ['R', 'A']);
    if (!allowed.allowed) throw forbidden(`you cannot register this deal: ${allowed.reason}`);
    const partner = await partnerProfile(this.options.db, principal.partnerId).catch((err: unknown) => {
      if (!(err instanceof PartnerProfileError)) throw err;
      dealLog.error({ err }, 'partner profile unusable');
      throw forbidden(`partner ${principal.partnerId} is not set up in Baton (no usable partner profile); ask your Baton operator`);
    });
    let created: boolean;
    try {
      ({ created } = await registerDeal(this.options.client, { deal, partner, playbook, program, registeredBy: principal.person.id, taskQueue: this.options.taskQueue }));
    } catch (err) {
      if (err instanceof InvalidInputError) throw badRequest(`body: ${err.problems.replace(/\n/g, '; ')}`);
      throw err;
    }
    this.options.metrics.registrations.inc({ outcome: created ? 'created' : 'existing' });
    if (created) dealLog.info({ registeredBy: principal.person.id }, 'deal registered');
    else dealLog.info('deal already registered: returning it');
    // The same deal registered a moment ago by a concurrent request may not be projected yet either.
    await this.firstView(ref.workflowId, deal.id);
    return { created, deal: await this.detail(principal, deal.id) };
  }

  /**
   * A deal reaches the read model once its worker has run its first task; wait for that, bounded.
   * Past the bound the deal exists (its workflow started) but cannot be shown yet: a 503, to retry,
   * rather than a 404 that would say it does not.
   */
  private async firstView(workflowId: string, dealId: string): Promise<void> {
    const row = await awaitDealRow(this.options.db, workflowId, () => true, FIRST_VIEW_TIMEOUT_MS);
    if (!row) throw unavailable(`deal ${dealId} is registered but not yet in the read model (is a worker running?); read it again shortly`);
  }

  /**
   * One user action by the caller, asking the deal nothing first: a query would reach the deal's
   * worker (and an idle deal's query is what wedged deals, see test/faults/stuck-deal.test.ts).
   * The input is checked here (400); the deal's (or handoff's) update validator is the one
   * authority on the rest: the RACI on its current team (403), the evidence's words against its
   * program (400), its state and records (409, counted in deal_refusals and shown on the
   * timeline). Either way the deal's state and history are unchanged.
   */
  async act(principal: Principal, dealId: string, input: Record<string, unknown>, log: FastifyBaseLogger): Promise<ActionResponse> {
    const ref = this.ref(principal, dealId);
    const type = String(input.type);
    const dealLog = log.child({ dealId, workflowId: ref.workflowId, action: type });
    const count = (outcome: string) => this.options.metrics.actions.inc({ action: type, outcome });
    const actor = principal.person.id;
    if (typeof input.actor === 'string' && input.actor.toLowerCase() !== actor.toLowerCase()) {
      count('forbidden');
      throw forbidden(`body.actor: you act as ${actor}, not ${input.actor}`);
    }
    const partnerRoles = partnerAdminRoles(principal.roles);
    const parsed = UserAction.safeParse({ ...input, actor, partnerRoles: partnerRoles.length > 0 ? partnerRoles : undefined });
    if (!parsed.success) {
      count('invalid');
      throw new RequestValidationError('body', parsed.error);
    }
    const action = parsed.data;
    // The deal's row, not a query: what the read model showed before the action, to know when it shows it.
    const before = await this.dealRowOrNotFound(principal, dealId);
    const runsUnder = await this.runsUnderOf(before);
    if (runsUnder.status !== 'RUNNING') {
      count('refused');
      throw conflict(`the deal is ${runsUnder.status.toLowerCase()}: it takes no more actions`);
    }
    let result;
    try {
      result = await actOnDeal(this.options.client, { workflowId: ref.workflowId }, action);
    } catch (err) {
      throw await this.refusal(err, { workflowId: ref.workflowId, dealId, principal, action: action.type, count, dealLog });
    }
    count('applied');
    dealLog.info('action applied');
    await this.readYourWrite(ref.workflowId, action, result, before.view, dealLog);
    const entries = 'entries' in result ? result.entries : [];
    const names = teamNames('team' in result && result.team ? result.team : {});
    const links = entries.length > 0 ? await this.links(ref.workflowId, runsUnder.runId, { timeShiftMs: 'timeShiftMs' in result ? (result.timeShiftMs ?? 0) : 0 }) : { urlAt: () => undefined };
    return {
      dealId,
      action: action.type,
      actor,
      ...('status' in result ? { handoffStatus: result.status } : {}),
      entries: entries.map((e) => presentTimelineEntry(e, names, links)),
      ...('unchanged' in result && result.unchanged ? { unchanged: result.unchanged } : {}),
    };
  }

  /**
   * Waits, bounded, until the read model shows the applied action, so that the caller's next read
   * (the console re-reads the deal at once) shows it too: the deal's row, and for a handoff's
   * action the handoff's own row. Past the bound the action still stands.
   */
  private async readYourWrite(workflowId: string, action: UserAction, result: DealActionResult | HandoffActionResult, before: DealView, log: FastifyBaseLogger): Promise<void> {
    const seq = 'seq' in result ? result.seq : undefined;
    const handoff = seq !== undefined && 'templateId' in action ? before.openHandoffs.find((h) => h.templateId === action.templateId) : undefined;
    if (handoff) {
      await this.untilShown(handoff.workflowId, handoffReprojectSignal, (timeoutMs) => awaitHandoffRow(this.options.db, handoff.workflowId, seq!, timeoutMs), log);
    }
    const reflects = actionReflected(action, result, before);
    if (reflects) await this.untilShown(workflowId, reprojectSignal, async (timeoutMs) => (await awaitDealRow(this.options.db, workflowId, reflects, timeoutMs)) !== undefined, log);
  }

  /**
   * Waits for a workflow's row to show a change; when it does not in time, the worker that took
   * the row may have stopped before the database had it, so the workflow is asked to write it again
   * under a new seq, and that write is waited for too, briefly. A database that is down gets the
   * row later; the action stands either way.
   */
  private async untilShown(workflowId: string, reproject: SignalDefinition<[]>, shown: (timeoutMs: number) => Promise<boolean>, log: FastifyBaseLogger): Promise<void> {
    if (await shown(READ_YOUR_WRITES_TIMEOUT_MS)) return;
    log.warn({ workflowId, timeoutMs: READ_YOUR_WRITES_TIMEOUT_MS }, 'the read model does not show the action yet; the workflow is asked to write its row again');
    const asked = await this.options.client.workflow
      .getHandle(workflowId)
      .signal(reproject)
      .then(
        () => true,
        (err: unknown) => void log.warn({ err, workflowId }, 'the workflow could not be asked to write its row again'),
      );
    if (asked && !(await shown(REWRITE_TIMEOUT_MS))) log.warn({ workflowId, timeoutMs: REWRITE_TIMEOUT_MS }, 'the read model does not show the action after the row was asked for again; answering without it');
  }

  /** The answer to an action the deal (or its handoff) did not take; a refusal by its state is counted in deal_refusals. */
  private async refusal(
    err: unknown,
    at: { workflowId: string; dealId: string; principal: Principal; action: string; count: (outcome: string) => void; dealLog: FastifyBaseLogger },
  ): Promise<unknown> {
    const { count, dealLog } = at;
    if (err instanceof ActionForbiddenError) {
      count('forbidden');
      dealLog.warn({ reason: err.reason }, 'action refused by the RACI');
      return forbidden(err.reason);
    }
    if (err instanceof InvalidEvidenceError) {
      count('invalid');
      return invalidFields(err.problems.map((p) => ({ path: `body.evidence.${p.path.join('.')}`, message: p.rule })));
    }
    if (err instanceof ActionRefusedError) {
      count('refused');
      dealLog.info({ reason: err.reason }, 'action refused by the deal');
      await recordRefusal(this.options.db, { workflowId: at.workflowId, action: at.action, actor: at.principal.person.id, reason: err.reason });
      return conflict(err.reason);
    }
    if (err instanceof DealClosedError) {
      count('refused');
      return conflict(`the deal is ${err.status}: it takes no more actions`);
    }
    if (err instanceof InvalidInputError) {
      count('invalid');
      return badRequest(`body: ${err.problems.replace(/\n/g, '; ')}`);
    }
    if (err instanceof DealNotFoundError) return notFound(`no deal ${at.dealId} for partner ${at.principal.partnerId}`);
    return err;
  }

  /** The playbook version the deal runs under (it was recorded at booking). */
  async dealPlaybook(principal: Principal, dealId: string): Promise<Playbook> {
    return this.playbookOf(dealId, await this.runsUnder(principal, dealId));
  }

  /** The same from the deal's row. */
  async rowPlaybook(row: DealListRow): Promise<Playbook> {
    return this.playbookOf(row.deal_id, await this.runsUnderOf(row));
  }

  /**
   * What the caller may do on the deal now by its playbook's RACI, for the console to offer only
   * that. `act` decides again on every action; this only answers the same question ahead.
   */
  async permissions(principal: Principal, dealId: string): Promise<DealPermissions> {
    const row = await this.dealRowOrNotFound(principal, dealId);
    const { view } = row;
    const playbook = await this.rowPlaybook(row);
    const team = view.team;
    const actor = principal.person.id;
    const may = (action: Parameters<typeof authorizeHandoffAction>[2]) => authorizeHandoffAction(playbook, team, action).allowed;
    const actions = permittedActions(playbook, team, actor, view.position.step?.id, partnerAdminRoles(principal.roles)).filter((type) => !type.startsWith('handoff.'));
    return {
      dealId,
      actions,
      handoffs: view.openHandoffs.map(({ templateId }) => ({
        templateId,
        accept: may({ type: 'handoff.accept', actor, templateId }),
        return: may({ type: 'handoff.return', actor, templateId, reason: '-' }),
        attach: may({ type: 'handoff.attach', actor, templateId, artifactId: '-', reference: '-' }),
        tick: (findHandoff(playbook, templateId)?.checklist ?? []).filter((item) => may({ type: 'handoff.tick', actor, templateId, itemId: item.id })).map((i) => i.id),
      })),
    };
  }

  /** The caller's open steps and handoffs on one deal (its row), where the playbook's RACI makes them R or A. */
  async tasksOn(principal: Principal, row: InboxRow): Promise<InboxItem[]> {
    const playbook = await this.rowPlaybook(row);
    const view = viewAsOf(row.view, Date.now());
    const workflowId = row.workflow_id;
    const me = principal.person.id.toLowerCase();
    const team = view.team;
    const lettersOf = (subject: { step: string } | { handoff: string }): ('R' | 'A')[] => {
      const people = stakeholders(playbook, team, subject);
      const letters: ('R' | 'A')[] = [];
      if (people.responsible.some((p) => p.id.toLowerCase() === me)) letters.push('R');
      if (people.accountable.some((p) => p.id.toLowerCase() === me)) letters.push('A');
      return letters;
    };
    const openDeadlines = view.deadlines.filter((d) => d.status === 'open');
    const lastEscalation = (deadlineId: string) => {
      const entry = view.escalations.filter((e) => e.deadlineId === deadlineId).at(-1);
      return entry ? { escalation: { type: entry.type, rung: String(entry.rung ?? 'breach'), at: entry.at } } : {};
    };
    const due = (match: (d: (typeof openDeadlines)[number]) => boolean) => {
      const soonest = openDeadlines.filter(match).sort((a, b) => a.dueAt - b.dueAt)[0];
      return soonest
        ? { dueAt: new Date(soonest.dueAt).toISOString(), timeLeftMs: soonest.timeLeftMs, deadlineLabel: soonest.label, ...lastEscalation(soonest.id) }
        : {};
    };
    const base = { dealId: view.dealId, workflowId, ...(view.position.stage ? { stage: view.position.stage.name } : {}) };
    const items: InboxItem[] = [];
    const step = view.position.step;
    if (step) {
      const letters = lettersOf({ step: step.id });
      if (letters.length > 0) {
        items.push({ ...base, kind: 'step', id: step.id, name: findStep(playbook, step.id)?.step.name ?? step.name, letters, ...due((d) => 'step' in d.subject && d.subject.step === step.id) });
      }
    }
    for (const handoff of view.openHandoffs) {
      const letters = lettersOf({ handoff: handoff.templateId });
      if (letters.length === 0) continue;
      items.push({
        ...base,
        kind: 'handoff',
        id: handoff.templateId,
        name: findHandoff(playbook, handoff.templateId)?.name ?? handoff.name,
        letters,
        status: handoff.status,
        ...due((d) => d.id === handoff.deadlineId),
      });
    }
    return items;
  }
}
