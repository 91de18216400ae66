import type { Db } from '../connect';
import type { DealSnapshot } from '../../../workflows/deal-messages';
import type { HandoffSnapshot } from './handoff-snapshot';
import { projectDealSnapshots } from './project-deal';
import { projectHandoffSnapshots } from './project-handoff';

export interface ReadModelWriterOptions {
  db: Db;
  logger: { warn(details: object, message: string): void };
  /** Rows per statement: a catch-up of thousands of deals writes in a few statements. */
  batchSize?: number;
  /** The wait after a failed write before the next try, doubling up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/** One table's rows waiting: the latest snapshot per workflow, and the statement that writes a batch of them. */
interface RowQueue<S extends { workflowId: string; seq: number }> {
  waiting: Map<string, S>;
  write(batch: readonly S[]): Promise<number>;
}

/**
 * Writes the snapshots the deals and their handoffs hand over by the workflows' read-model sink
 * into `deal_read_model` and `handoff_read_model`, off the workflow task: the task completes (and
 * an action is answered) without waiting on PostgreSQL. Per workflow only the latest snapshot
 * waits; snapshots of many workflows go in one statement; a failed statement is tried again, with
 * backoff, until the database takes it, so a database that is down only delays rows. The seq guard
 * (`not-older`: a row is replaced by the same seq, which the same history always writes alike)
 * keeps any late write from moving a row backwards.
 */
export class ReadModelWriter {
  private readonly deals: RowQueue<DealSnapshot>;
  private readonly handoffs: RowQueue<HandoffSnapshot>;
  private flushing: Promise<void> | undefined;
  private retryMs: number;
  private readonly batchSize: number;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  /** Rows written since start, and failed statements: what the bench and the logs report. */
  written = 0;
  failedWrites = 0;
  /** When the last statement finished (epoch ms), 0 before the first: the bench's "caught up" counts it. */
  lastWriteAt = 0;

  constructor(private readonly options: ReadModelWriterOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.firstRetryMs = options.firstRetryMs ?? 250;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.retryMs = this.firstRetryMs;
    this.deals = { waiting: new Map(), write: (batch) => projectDealSnapshots(options.db, batch, 'not-older') };
    this.handoffs = { waiting: new Map(), write: (batch) => projectHandoffSnapshots(options.db, batch, 'not-older') };
  }

  /** Snapshots not yet in the database. */
  get pending(): number {
    return this.deals.waiting.size + this.handoffs.waiting.size;
  }

  /** Takes a deal's snapshot to write; returns at once. An older seq than one already waiting is dropped. */
  enqueue(snapshot: DealSnapshot): void {
    this.take(this.deals, snapshot);
  }

  /** The same for a handoff's snapshot. */
  enqueueHandoff(snapshot: HandoffSnapshot): void {
    this.take(this.handoffs, snapshot);
  }

  /** Resolves once every snapshot taken so far is written, or `timeoutMs` passed; answers how many are left. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.flushing && Date.now() < deadline) {
      await Promise.race([this.flushing, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
    }
    if (this.pending > 0) this.options.logger.warn({ pending: this.pending }, 'read model: rows not written before stopping; the deals write them at their next change, or `baton db rebuild` does');
    return this.pending;
  }

  private take<S extends { workflowId: string; seq: number }>(queue: RowQueue<S>, snapshot: S): void {
    const waiting = queue.waiting.get(snapshot.workflowId);
    if (waiting && waiting.seq > snapshot.seq) return;
    queue.waiting.set(snapshot.workflowId, snapshot);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
    });
  }

  private async flush(): Promise<void> {
    // One turn of the event loop gathers the snapshots of the activations completing together.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending > 0) {
      // Deals first: a handoff's row is read through its deal's.
      if (this.deals.waiting.size > 0) await this.writeBatch(this.deals);
      else await this.writeBatch(this.handoffs);
    }
  }

  private async writeBatch<S extends { workflowId: string; seq: number }>(queue: RowQueue<S>): Promise<void> {
    const batch = [...queue.waiting.values()].slice(0, this.batchSize);
    for (const snapshot of batch) queue.waiting.delete(snapshot.workflowId);
    try {
      this.written += await queue.write(batch);
      this.retryMs = this.firstRetryMs;
      this.lastWriteAt = Date.now();
    } catch (err) {
      this.failedWrites += 1;
      // Back in the queue unless a newer snapshot of the same workflow came meanwhile.
      for (const snapshot of batch) if (!queue.waiting.has(snapshot.workflowId)) queue.waiting.set(snapshot.workflowId, snapshot);
      this.options.logger.warn({ err, rows: batch.length, retryInMs: this.retryMs }, 'read model not written; trying again');
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
    }
  }
}
