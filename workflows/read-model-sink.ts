import { proxySinks, type Sinks } from '@temporalio/workflow';
import type { HandoffSnapshot } from '../src/db/read-model/handoff-snapshot';
import type { DealSnapshot } from './deal-messages';

/**
 * The read model's way out of the workflows: a sink, called when the activation completes, that
 * hands a deal's or a handoff's snapshot to the worker's writer
 * (src/db/read-model/read-model-writer.ts) and returns. Unlike a local activity it records nothing
 * in the history and holds no workflow task open, so an action is answered without waiting on
 * PostgreSQL.
 */
export interface ReadModelSinks extends Sinks {
  readModel: {
    projectDeal(snapshot: DealSnapshot): void;
    projectHandoff(snapshot: HandoffSnapshot): void;
  };
}

export const { readModel } = proxySinks<ReadModelSinks>();
