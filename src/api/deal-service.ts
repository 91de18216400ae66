import type { Client } from '@temporalio/client';
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
  getDealView,
  InvalidEvidenceError,
  InvalidInputError,
  registerDeal,
  type DealRunsUnder,
  type DealViewWithHandoffs,
} from '../temporal/deal-client';
import type { HandoffStatusView } from '../../workflows/handoff-messages';
import { badRequest, conflict, forbidden, invalidFields, notFound, type IssueBody } from './errors';
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

/** How long a just-registered deal may take to answer its first query (its worker picks it up). */
const FIRST_VIEW_TIMEOUT_MS = 20_000;

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

  private async view(principal: Principal, dealId: string): Promise<DealViewWithHandoffs> {
    try {
      return await getDealView(this.options.client, { workflowId: this.ref(principal, dealId).workflowId });
    } catch (err) {
      if (err instanceof DealNotFoundError) throw notFound(`no deal ${dealId} for partner ${principal.partnerId}`);
      throw err;
    }
  }

  private async runsUnder(principal: Principal, dealId: string): Promise<DealRunsUnder> {
    try {
      return await getDealRunsUnder(this.options.client, { workflowId: this.ref(principal, dealId).workflowId });
    } catch (err) {
      if (err instanceof DealNotFoundError) throw notFound(`no deal ${dealId} for partner ${principal.partnerId}`);
      throw err;
    }
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
    const view = await this.view(principal, dealId);
    const { workflowId } = this.ref(principal, dealId);
    const runsUnder = await this.runsUnder(principal, dealId);
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
    const view = await this.view(principal, dealId);
    const { workflowId } = this.ref(principal, dealId);
    const { runId } = await this.runsUnder(principal, dealId);
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

  async handoff(principal: Principal, dealId: string, templateId: string): Promise<HandoffStatusView> {
    const view = await this.view(principal, dealId);
    const found = view.handoffDetails.find((h) => h.templateId === templateId);
    if (!found) throw notFound(`no open handoff ${templateId} on deal ${dealId} (open: ${view.openHandoffs.map((h) => h.templateId).join(', ') || 'none'})`);
    return found;
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
    // The same deal registered a moment ago by a concurrent request may not answer yet either.
    await this.firstView(principal, deal.id);
    return { created, deal: await this.detail(principal, deal.id) };
  }

  /** A deal answers queries once its worker has run its first task; wait for that. */
  private async firstView(principal: Principal, dealId: string): Promise<void> {
    const deadline = Date.now() + FIRST_VIEW_TIMEOUT_MS;
    for (;;) {
      try {
        await this.view(principal, dealId);
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
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
    const parsed = UserAction.safeParse({ ...input, actor });
    if (!parsed.success) {
      count('invalid');
      throw new RequestValidationError('body', parsed.error);
    }
    const action = parsed.data;
    const runsUnder = await this.runsUnder(principal, dealId);
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

  /**
   * What the caller may do on the deal now by its playbook's RACI, for the console to offer only
   * that. `act` decides again on every action; this only answers the same question ahead.
   */
  async permissions(principal: Principal, dealId: string): Promise<DealPermissions> {
    const [view, playbook] = await Promise.all([this.view(principal, dealId), this.dealPlaybook(principal, dealId)]);
    const team = view.team;
    const actor = principal.person.id;
    const may = (action: Parameters<typeof authorizeHandoffAction>[2]) => authorizeHandoffAction(playbook, team, action).allowed;
    const actions = permittedActions(playbook, team, actor, view.position.step?.id).filter((type) => !type.startsWith('handoff.'));
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

  /** The caller's open steps and handoffs on one deal, where the playbook's RACI makes them R or A. */
  async tasksOn(principal: Principal, workflowId: string): Promise<InboxItem[]> {
    let view: DealViewWithHandoffs;
    let playbook: Playbook;
    try {
      const [dealView, runsUnder] = await Promise.all([getDealView(this.options.client, { workflowId }), getDealRunsUnder(this.options.client, { workflowId })]);
      view = dealView;
      playbook = this.playbookOf(dealView.dealId, runsUnder);
    } catch (err) {
      // Visibility lags the workflows: a deal listed a moment ago may be gone.
      if (err instanceof DealNotFoundError) return [];
      throw err;
    }
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
