import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../auth/token-store';
import { defaultPlaybook, loadPlaybookFile } from '../config/playbook-files';
import { loadPartnerProfile, PartnerProfileError } from '../config/partner-files';
import type { Playbook } from '../domain/playbook/schema';
import { findHandoff, findStep } from '../domain/playbook/queries';
import { authorize, authorizeAction, stakeholders } from '../domain/raci';
import { UserAction } from '../domain/schemas/actions';
import type { Deal } from '../domain/schemas/deal';
import type { Team } from '../domain/schemas/team';
import {
  ActionRefusedError,
  actOnDeal,
  DealNotFoundError,
  dealWorkflowId,
  getDealPlaybook,
  getDealView,
  InvalidInputError,
  registerDeal,
  type DealViewWithHandoffs,
} from '../temporal/deal-client';
import type { HandoffStatusView } from '../../workflows/handoff-messages';
import { badRequest, conflict, forbidden, notFound } from './errors';
import { historyLinks, type HistoryLinks } from './history-links';
import type { BatonMetrics } from './metrics';
import { presentDeal } from './deal-presenter';
import type { ActionResponse } from './schemas/actions';
import type { DealDetail } from './schemas/deal';
import type { InboxItem } from './schemas/inbox';
import type { Timeline } from './schemas/timeline';
import { presentTimelineEntry, teamNames } from './timeline-presenter';
import { RequestValidationError } from './validation';

export interface DealServiceOptions {
  client: Client;
  metrics: BatonMetrics;
  taskQueue: string;
  partnersDir: string;
  playbookFile?: string;
  temporalUiUrl?: string;
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

  private async runOf(workflowId: string): Promise<string> {
    return (await this.options.client.workflow.getHandle(workflowId).describe()).runId;
  }

  private async links(workflowId: string, view: DealViewWithHandoffs): Promise<{ runId: string; links: HistoryLinks }> {
    const runId = await this.runOf(workflowId);
    const links = await historyLinks(this.options.client, this.options.temporalUiUrl, { workflowId, runId, timeShiftMs: view.timeShiftMs });
    return { runId, links };
  }

  async detail(principal: Principal, dealId: string): Promise<DealDetail> {
    const view = await this.view(principal, dealId);
    const { workflowId } = this.ref(principal, dealId);
    const { runId, links } = await this.links(workflowId, view);
    return presentDeal(view, { workflowId, runId }, links);
  }

  async timeline(principal: Principal, dealId: string): Promise<Timeline> {
    const view = await this.view(principal, dealId);
    const { workflowId } = this.ref(principal, dealId);
    const { links } = await this.links(workflowId, view);
    const names = teamNames(view.team);
    return {
      dealId,
      workflowId,
      ...(links.current ? { historyUrl: links.current } : {}),
      items: view.timeline.map((entry) => presentTimelineEntry(entry, names, links)),
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
  async register(principal: Principal, deal: Deal, log: FastifyBaseLogger): Promise<{ created: boolean; deal: DealDetail }> {
    const ref = this.ref(principal, deal.id);
    const dealLog = log.child({ dealId: deal.id, workflowId: ref.workflowId });
    if (deal.partnerId !== principal.partnerId) {
      throw forbidden(`body.partnerId: you register deals for partner ${principal.partnerId}, this booking is for ${deal.partnerId}`);
    }
    const existing = await this.existingView(principal, deal.id);
    if (existing) {
      this.options.metrics.registrations.inc({ outcome: 'existing' });
      dealLog.info('deal already registered: returning it');
      return { created: false, deal: await this.detail(principal, deal.id) };
    }
    const playbook = await (this.options.playbookFile ? loadPlaybookFile(this.options.playbookFile) : defaultPlaybook());
    const allowed = authorize(playbook, deal.team, principal.person.id, { step: playbook.entryStep }, ['R', 'A']);
    if (!allowed.allowed) throw forbidden(`you cannot register this deal: ${allowed.reason}`);
    const partner = await loadPartnerProfile(this.options.partnersDir, principal.partnerId).catch((err: unknown) => {
      if (!(err instanceof PartnerProfileError)) throw err;
      dealLog.error({ err }, 'partner profile unusable');
      throw forbidden(`partner ${principal.partnerId} is not set up in Baton (no usable partner profile); ask your Baton operator`);
    });
    try {
      await registerDeal(this.options.client, { deal, partner, playbook, registeredBy: principal.person.id, taskQueue: this.options.taskQueue });
    } catch (err) {
      if (err instanceof InvalidInputError) throw badRequest(`body: ${err.problems.replace(/\n/g, '; ')}`);
      throw err;
    }
    this.options.metrics.registrations.inc({ outcome: 'created' });
    dealLog.info({ registeredBy: principal.person.id }, 'deal registered');
    await this.firstView(principal, deal.id);
    return { created: true, deal: await this.detail(principal, deal.id) };
  }

  private async existingView(principal: Principal, dealId: string): Promise<DealViewWithHandoffs | undefined> {
    try {
      return await getDealView(this.options.client, { workflowId: this.ref(principal, dealId).workflowId });
    } catch (err) {
      if (err instanceof DealNotFoundError) return undefined;
      throw err;
    }
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
   * One user action by the caller. Refused before it reaches the deal when the input is invalid
   * or the RACI does not make the caller R or A (403); refused by the deal when its state does not
   * allow the move now (409). Either way the deal's state is unchanged.
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
    const view = await this.view(principal, dealId);
    const playbook = await getDealPlaybook(this.options.client, { workflowId: ref.workflowId });
    const authorization = authorizeAction(playbook, view.team as Team, action);
    if (!authorization.allowed) {
      count('forbidden');
      dealLog.warn({ reason: authorization.reason }, 'action refused by the RACI');
      throw forbidden(authorization.reason);
    }
    let result;
    try {
      result = await actOnDeal(this.options.client, { workflowId: ref.workflowId }, action);
    } catch (err) {
      if (err instanceof ActionRefusedError) {
        count('refused');
        dealLog.info({ reason: err.reason }, 'action refused by the deal');
        throw conflict(err.reason);
      }
      if (err instanceof InvalidInputError) {
        count('invalid');
        throw badRequest(`body: ${err.problems.replace(/\n/g, '; ')}`);
      }
      if (err instanceof DealNotFoundError) throw notFound(`no deal ${dealId} for partner ${principal.partnerId}`);
      throw err;
    }
    count('applied');
    dealLog.info('action applied');
    const names = teamNames(view.team);
    const { links } = await this.links(ref.workflowId, view);
    return {
      dealId,
      action: action.type,
      actor,
      ...('status' in result ? { handoffStatus: result.status } : {}),
      entries: 'entries' in result ? result.entries.map((e) => presentTimelineEntry(e, names, links)) : [],
    };
  }

  /** The caller's open steps and handoffs on one deal, where the playbook's RACI makes them R or A. */
  async tasksOn(principal: Principal, workflowId: string): Promise<InboxItem[]> {
    let view: DealViewWithHandoffs;
    let playbook: Playbook;
    try {
      [view, playbook] = await Promise.all([getDealView(this.options.client, { workflowId }), getDealPlaybook(this.options.client, { workflowId })]);
    } catch (err) {
      // Visibility lags the workflows: a deal listed a moment ago may be gone.
      if (err instanceof DealNotFoundError) return [];
      throw err;
    }
    const me = principal.person.id.toLowerCase();
    const team = view.team as Team;
    const lettersOf = (subject: { step: string } | { handoff: string }): ('R' | 'A')[] => {
      const people = stakeholders(playbook, team, subject);
      const letters: ('R' | 'A')[] = [];
      if (people.responsible.some((p) => p.id.toLowerCase() === me)) letters.push('R');
      if (people.accountable.some((p) => p.id.toLowerCase() === me)) letters.push('A');
      return letters;
    };
    const openDeadlines = view.deadlines.filter((d) => d.status === 'open');
    const due = (match: (d: (typeof openDeadlines)[number]) => boolean) => {
      const soonest = openDeadlines.filter(match).sort((a, b) => a.dueAt - b.dueAt)[0];
      return soonest ? { dueAt: new Date(soonest.dueAt).toISOString(), timeLeftMs: soonest.timeLeftMs, deadlineLabel: soonest.label } : {};
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
