import type { Db } from '../connect';
import type { DealSnapshot } from '../../../workflows/deal-messages';
import { projectDealSnapshots } from './project-deal';

export interface ReadModelWriterOptions {
  db: Db;
  logger: { warn(details: object, message: string): void };
  /** Rows per statement: a catch-up of thousands of deals writes in a few statements. */
  batchSize?: number;
  /** The wait after a failed write before the next try, doubling up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * Writes the deals' snapshots, handed over by the workflows' read-model sink, into
 * `deal_read_model` off the workflow task: the deal's task completes (and an action is answered)
 * without waiting on PostgreSQL. Per deal only the latest snapshot waits; snapshots of many deals
 * go in one statement; a failed statement is tried again, with backoff, until the database takes
 * it, so a database that is down only delays rows. The seq guard (`not-older`: a row is replaced
 * by the same seq, which the same history always writes alike) keeps any late write from moving a
 * row backwards.
 */
export class ReadModelWriter {
  private readonly waiting = new Map<string, DealSnapshot>();
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
  }

  /** Snapshots not yet in the database. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Takes a snapshot to write; returns at once. An older seq than one already waiting is dropped. */
  enqueue(snapshot: DealSnapshot): void {
    const waiting = this.waiting.get(snapshot.workflowId);
    if (waiting && waiting.seq > snapshot.seq) return;
    this.waiting.set(snapshot.workflowId, snapshot);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
    });
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

  private async flush(): Promise<void> {
    // One turn of the event loop gathers the snapshots of the activations completing together.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.size > 0) {
      const batch = [...this.waiting.values()].slice(0, this.batchSize);
      for (const snapshot of batch) this.waiting.delete(snapshot.workflowId);
      try {
        this.written += await projectDealSnapshots(this.options.db, batch, 'not-older');
        this.retryMs = this.firstRetryMs;
        this.lastWriteAt = Date.now();
      } catch (err) {
        this.failedWrites += 1;
        // Back in the queue unless a newer snapshot of the deal came meanwhile.
        for (const snapshot of batch) if (!this.waiting.has(snapshot.workflowId)) this.waiting.set(snapshot.workflowId, snapshot);
        this.options.logger.warn({ err, rows: batch.length, retryInMs: this.retryMs }, 'read model not written; trying again');
        await new Promise((resolve) => setTimeout(resolve, this.retryMs));
        this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
      }
    }
  }
}
