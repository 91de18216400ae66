import type { InjectedSinks } from '@temporalio/worker';
import type { ReadModelSinks } from '../../workflows/deal/read-model-sink';
import type { DealSnapshot } from '../../workflows/deal-messages';

/** Where a worker sends the snapshots its deals hand out: the ReadModelWriter, or a test's collector. */
export interface SnapshotTarget {
  enqueue(snapshot: DealSnapshot): void;
}

/**
 * The worker's end of the read-model sink. Not called on replay: a replayed task wrote its row
 * when it first ran (or the deal writes it again, see ReadModelProjector).
 */
export function readModelSinks(target: SnapshotTarget): InjectedSinks<ReadModelSinks> {
  return { readModel: { projectDeal: { fn: (_info, snapshot) => target.enqueue(snapshot), callDuringReplay: false } } };
}

/** For a replay worker: it calls no sink, but one it does not know of is logged as an error. */
export const replayReadModelSinks = readModelSinks({ enqueue: () => {} });
