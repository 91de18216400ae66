import type { Db } from '../src/db/connect';
import type { DealSnapshot } from '../workflows/deal-messages';
import type { HandoffSnapshot } from '../src/db/read-model/handoff-snapshot';
import { projectDealSnapshot } from '../src/db/read-model/project-deal';
import { projectHandoffSnapshot } from '../src/db/read-model/project-handoff';

export interface ProjectionDependencies {
  db: Db;
}

export type ProjectDealInput = DealSnapshot;
export interface ProjectDealResult {
  /** False when the read model already held this seq or a later one (a retry or a late write). */
  applied: boolean;
}

/**
 * Writes the deal's snapshot into the read model (`deal_read_model`). Idempotent and
 * order-proof by the snapshot's seq, so Temporal may retry it freely: a database that is down
 * only delays the row, the deal itself never waits on it beyond the activity.
 */
export function createProjectionActivities({ db }: ProjectionDependencies) {
  async function projectDeal(snapshot: ProjectDealInput): Promise<ProjectDealResult> {
    return projectDealSnapshot(db, snapshot);
  }
  /** The same for one handoff's checklist and artifacts (`handoff_read_model`). */
  async function projectHandoff(snapshot: HandoffSnapshot): Promise<ProjectDealResult> {
    return projectHandoffSnapshot(db, snapshot);
  }
  return { projectDeal, projectHandoff };
}
