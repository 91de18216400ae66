import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { HandoffAcceptAction, HandoffAttachAction, HandoffReturnAction, HandoffTickAction } from '../src/domain/schemas/actions';
import type { HandoffTemplate, Playbook } from '../src/domain/playbook/schema';
import type { Team } from '../src/domain/schemas/team';

/**
 * The handoff workflow's whole contract, importable by clients without the workflow code: its
 * type name, id scheme, input, messages and views. Update names are the user action types.
 */

export const HANDOFF_WORKFLOW_TYPE = 'handoffWorkflow';

/** A handoff's id derives from its deal's and its template's, so each instance exists once. */
export function handoffWorkflowId(dealWorkflowId: string, templateId: string, instance: number): string {
  return `${dealWorkflowId}:handoff:${templateId}:${instance}`;
}

export interface HandoffWorkflowInput {
  dealWorkflowId: string;
  dealId: string;
  /** The handoff's own template: all it needs of the playbook (checklist, artifacts, RACI). */
  template?: HandoffTemplate;
  /** The deal's whole playbook, as handoffs started before `template` carry it. */
  playbook?: Playbook;
  templateId: string;
  instance: number;
  team: Team;
  /** ISO instants of business time: the trigger and the SLA's due instant. */
  startedAt: string;
  dueAt: string;
  /** Business time minus workflow time (see the deal workflow). */
  timeShiftMs: number;
}

export interface HandoffActionResult {
  status: HandoffStatusView['status'];
  /**
   * The handoff's projection seq once the action is applied: its row shows the action from this
   * seq on. Absent from handoffs that wait for their row's write before they answer.
   */
  seq?: number;
}

export const handoffTickUpdate = defineUpdate<HandoffActionResult, [HandoffTickAction]>('handoff.tick');
export const handoffAttachUpdate = defineUpdate<HandoffActionResult, [HandoffAttachAction]>('handoff.attach');
export const handoffAcceptUpdate = defineUpdate<HandoffActionResult, [HandoffAcceptAction]>('handoff.accept');
export const handoffReturnUpdate = defineUpdate<HandoffActionResult, [HandoffReturnAction]>('handoff.return');

/** The deal's team changed (a reassignment): who may act on the handoff changes with it. */
export const handoffTeamSignal = defineSignal<[Team]>('handoff.team');

/** The deal was closed (lost or cancelled): the handoff ends where it stands. */
export interface HandoffClosure {
  by: string;
  reason: string;
}
export const handoffCloseSignal = defineSignal<[HandoffClosure]>('handoff.close');
/** `baton db rebuild` asks a running handoff to write its row again, under a new seq (see the deal's reprojectSignal). */
export const handoffReprojectSignal = defineSignal('handoff.reproject');

export interface ChecklistItemView {
  id: string;
  task: string;
  owner: string;
  tickedBy?: string;
  tickedAt?: string;
}

export interface ArtifactView {
  id: string;
  name: string;
  required: boolean;
  reference?: string;
  attachedBy?: string;
  attachedAt?: string;
}

export interface HandoffStatusView {
  dealId: string;
  templateId: string;
  instance: number;
  name: string;
  status: 'open' | 'returned' | 'accepted' | 'closed';
  checklist: ChecklistItemView[];
  artifacts: ArtifactView[];
  returns: { by: string; reason: string; at: string }[];
  acceptedBy?: string;
  acceptedAt?: string;
  /** The SLA, measured from the trigger. */
  startedAt: string;
  dueAt: string;
  /** Set when the deal was closed while the handoff was open. */
  closedBy?: string;
  closedReason?: string;
  /** Once accepted: whether it was accepted by the SLA and how long it took. */
  withinSla?: boolean;
  elapsedMs?: number;
}

export const handoffViewQuery = defineQuery<HandoffStatusView>('handoff.view');
/** The handoff's view with its latest projection seq: what `baton db rebuild` writes. */
export const handoffSnapshotQuery = defineQuery<{ seq: number; view: HandoffStatusView }>('handoff.snapshot');
