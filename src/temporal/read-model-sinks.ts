import type { InjectedSinks } from '@temporalio/worker';
import type { HandoffSnapshot } from '../db/read-model/handoff-snapshot';
import type { ReadModelSinks } from '../../workflows/read-model-sink';
import type { DealSnapshot } from '../../workflows/deal-messages';

/** Where a worker sends the snapshots its deals and handoffs hand out: the ReadModelWriter, or a test's collector. */
export interface SnapshotTarget {
  enqueue(snapshot: DealSnapshot): void;
  enqueueHandoff(snapshot: HandoffSnapshot): void;
}

/** For a worker whose rows nobody reads (a replay, a test of the workflow alone). */
export const DISCARD_SNAPSHOTS: SnapshotTarget = { enqueue: () => {}, enqueueHandoff: () => {} };

/**
 * The worker's end of the read-model sink. Not called on replay: a replayed task wrote its row
 * when it first ran (or the workflow writes it again, see ReadModelProjector and HandoffProjector).
 */
export function readModelSinks(target: SnapshotTarget): InjectedSinks<ReadModelSinks> {
  return {
    readModel: {
      projectDeal: { fn: (_info, snapshot) => target.enqueue(snapshot), callDuringReplay: false },
      projectHandoff: { fn: (_info, snapshot) => target.enqueueHandoff(snapshot), callDuringReplay: false },
    },
  };
}

/** For a replay worker: it calls no sink, but one it does not know of is logged as an error. */
export const replayReadModelSinks = readModelSinks(DISCARD_SNAPSHOTS);
