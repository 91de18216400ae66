import type { HandoffStatusView } from '../../../workflows/handoff-messages';

/**
 * What a handoff workflow sends to the `projectHandoff` activity after each change. Plain types
 * only, so workflow code can import it.
 */
export interface HandoffSnapshot {
  /** The handoff's workflow id: the row's key. */
  workflowId: string;
  dealWorkflowId: string;
  /** Strictly increasing per handoff: a write not above the stored seq is ignored. */
  seq: number;
  view: HandoffStatusView;
}
