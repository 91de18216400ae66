import { ApplicationFailure, condition, allHandlersFinished, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { authorizeOnHandoff, type HandoffAction } from '../src/domain/raci';
import { REFUSAL } from './action-refusal';
import type { Team } from '../src/domain/schemas/team';
import { handoffConcludedSignal } from './deal-messages';
import * as messages from './handoff-messages';
import { HandoffProjector } from './handoff-projector';

/** Handoffs started before their read model tell it nothing; `baton db rebuild` writes their rows. */
const HANDOFF_READ_MODEL = 'handoff-read-model';
/**
 * Handoffs started from here on hand their rows to the worker's read-model sink, not to a local
 * activity (no marker per write, no task held open for the database); they follow the rule above
 * too. A handoff recorded before finds no such marker and decides by the one above, as it did.
 */
const HANDOFF_READ_MODEL_SINK = 'handoff-read-model-sink';

/**
 * One handoff between groups or people: its checklist ticked by the items' owners, its required
 * artifacts attached, then accepted or returned for information by the receiving side. Tells the
 * deal by signal (so a deal that continued-as-new still hears) and ends when accepted.
 */
export async function handoffWorkflow(input: messages.HandoffWorkflowInput): Promise<messages.HandoffStatusView> {
  const template = input.template ?? input.playbook?.handoffs.find((h) => h.id === input.templateId);
  if (!template) throw new Error(`the handoff's input holds no template "${input.templateId}"`);
  let team = input.team;
  // eslint-disable-next-line no-restricted-properties
  const now = (): string => new Date(Date.now() + input.timeShiftMs).toISOString();
  const view: messages.HandoffStatusView = {
    dealId: input.dealId,
    templateId: template.id,
    instance: input.instance,
    name: template.name,
    status: 'open',
    checklist: template.checklist.map((item) => ({ id: item.id, task: item.task, owner: item.owner })),
    artifacts: template.artifacts.map((a) => ({ id: a.id, name: a.name, required: a.required })),
    returns: [],
    startedAt: input.startedAt,
    dueAt: input.dueAt,
  };
  const bySink = patched(HANDOFF_READ_MODEL_SINK);
  const projector = bySink || patched(HANDOFF_READ_MODEL) ? new HandoffProjector(input.dealWorkflowId, view, bySink) : undefined;
  const projected = async (): Promise<void> => projector?.changed();

  function refusalOf(action: HandoffAction): string | undefined {
    if (action.templateId !== template!.id) return `this is the ${template!.id} handoff, not ${action.templateId}`;
    if (view.status === 'accepted') return `the ${template!.name} handoff is already accepted`;
    if (view.status === 'closed') return `the ${template!.name} handoff was closed with its deal by ${view.closedBy}: ${view.closedReason}`;
    switch (action.type) {
      case 'handoff.tick': {
        const item = view.checklist.find((i) => i.id === action.itemId);
        if (!item) return `the ${template!.name} checklist has no item "${action.itemId}" (items: ${view.checklist.map((i) => i.id).join(', ')})`;
        return item.tickedBy ? `"${item.task}" was already ticked by ${item.tickedBy}` : undefined;
      }
      case 'handoff.attach':
        return view.artifacts.some((a) => a.id === action.artifactId)
          ? undefined
          : `the ${template!.name} handoff expects no artifact "${action.artifactId}" (artifacts: ${view.artifacts.map((a) => a.id).join(', ') || 'none'})`;
      case 'handoff.accept': {
        const open = view.checklist.filter((i) => !i.tickedBy).map((i) => i.id);
        const missing = view.artifacts.filter((a) => a.required && !a.reference).map((a) => a.id);
        const gaps = [...(open.length > 0 ? [`checklist items not done: ${open.join(', ')}`] : []), ...(missing.length > 0 ? [`required artifacts missing: ${missing.join(', ')}`] : [])];
        return gaps.length > 0 ? `the ${template!.name} handoff cannot be accepted: ${gaps.join('; ')}` : undefined;
      }
      case 'handoff.return':
        return view.status === 'returned' ? `the ${template!.name} handoff is already returned for information; accept it once the information is there` : undefined;
    }
  }
  // The one authority on a handoff action (the client asks nothing first): the RACI on the
  // handoff's current team (403 at the API), then its state (409). Validators do not run on replay.
  const validate = (action: HandoffAction): void => {
    const authorization = authorizeOnHandoff(template, team, action);
    if (!authorization.allowed) throw ApplicationFailure.create({ type: REFUSAL.forbidden, message: authorization.reason, nonRetryable: true });
    const why = refusalOf(action);
    if (why) throw ApplicationFailure.create({ type: REFUSAL.refused, message: why, nonRetryable: true });
  };
  // The seq of the row that shows this change: the API waits for it before answering (read your writes).
  const result = (): messages.HandoffActionResult => ({ status: view.status, ...(bySink ? { seq: projector!.seq } : {}) });
  const tellDeal = (outcome: 'accepted' | 'returned', by: string, reason?: string) =>
    getExternalWorkflowHandle(input.dealWorkflowId).signal(handoffConcludedSignal, { templateId: template.id, instance: input.instance, outcome, by, reason });

  setHandler(
    messages.handoffTickUpdate,
    async (action) => {
      const item = view.checklist.find((i) => i.id === action.itemId)!;
      item.tickedBy = action.actor;
      item.tickedAt = now();
      await projected();
      return result();
    },
    { validator: validate },
  );
  setHandler(
    messages.handoffAttachUpdate,
    async (action) => {
      const artifact = view.artifacts.find((a) => a.id === action.artifactId)!;
      Object.assign(artifact, { reference: action.reference, attachedBy: action.actor, attachedAt: now() });
      await projected();
      return result();
    },
    { validator: validate },
  );
  setHandler(
    messages.handoffAcceptUpdate,
    async (action) => {
      const acceptedAt = now();
      Object.assign(view, {
        status: 'accepted',
        acceptedBy: action.actor,
        acceptedAt,
        withinSla: acceptedAt <= view.dueAt,
        elapsedMs: Date.parse(acceptedAt) - Date.parse(view.startedAt),
      });
      await Promise.all([tellDeal('accepted', action.actor), projected()]);
      return result();
    },
    { validator: validate },
  );
  setHandler(
    messages.handoffReturnUpdate,
    async (action) => {
      view.status = 'returned';
      view.returns.push({ by: action.actor, reason: action.reason, at: now() });
      await Promise.all([tellDeal('returned', action.actor, action.reason), projected()]);
      return result();
    },
    { validator: validate },
  );
  setHandler(messages.handoffTeamSignal, (next: Team) => {
    team = next;
  });
  setHandler(messages.handoffCloseSignal, ({ by, reason }) => {
    if (view.status === 'accepted') return;
    Object.assign(view, { status: 'closed', closedBy: by, closedReason: reason });
    // Its row says closed: the workflow waits for this write before it ends.
    void projected();
  });
  setHandler(messages.handoffReprojectSignal, () => void projected());
  setHandler(messages.handoffViewQuery, () => view);
  setHandler(messages.handoffSnapshotQuery, () => ({ seq: projector?.seq ?? 0, view }));

  // The row exists from the start: the deal page shows the checklist before anyone ticks it.
  void projected();
  // Closed with its deal: nothing is waited for any more, so the handoff ends too.
  await condition(() => view.status === 'accepted' || view.status === 'closed');
  await condition(allHandlersFinished);
  if (projector) await condition(() => projector.caughtUp);
  return view;
}
