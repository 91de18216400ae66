import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatZodError } from '../domain/schemas/errors';
import { writeFileIfAbsent } from '../io/atomic-file';
import { DeliveryReceipt } from './notification-schema';

// Deliveries under way in this process, so that concurrent sends of one key (even through
// different notifier instances over the same data dir) share one delivery.
const inFlight = new Map<string, Promise<DeliveryReceipt>>();

/**
 * What a channel has delivered: one marker file per idempotency key (named by its SHA-256),
 * holding the receipt, written only after the server accepted the message. Checked before
 * sending, so a retried activity does not send again.
 *
 * The guarantee is at most once except for one window: a crash after the server accepted and
 * before the marker is written makes the retry send a second time. Receivers can drop that
 * duplicate by the stable Message-ID / Idempotency-Key sent with every delivery.
 */
export class SentLedger {
  private readonly dir: string;

  /** `dir` holds one channel's markers, e.g. `<dataDir>/notify/sent/email`. */
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** The original receipt if this key was delivered, else the receipt of `deliver()`, recorded. */
  deliverOnce(idempotencyKey: string, deliver: () => Promise<DeliveryReceipt>): Promise<DeliveryReceipt> {
    const slot = `${this.dir}\n${idempotencyKey}`;
    const pending = inFlight.get(slot);
    if (pending) return pending;
    const delivery = this.deliverUnlessRecorded(idempotencyKey, deliver).finally(() => inFlight.delete(slot));
    inFlight.set(slot, delivery);
    return delivery;
  }

  async lookup(idempotencyKey: string): Promise<DeliveryReceipt | undefined> {
    const path = this.markerPath(idempotencyKey);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const result = DeliveryReceipt.safeParse(JSON.parse(text));
    if (!result.success) throw new Error(`sent-ledger marker ${path} is not a delivery receipt:\n${formatZodError(result.error)}`);
    return result.data;
  }

  private async deliverUnlessRecorded(idempotencyKey: string, deliver: () => Promise<DeliveryReceipt>): Promise<DeliveryReceipt> {
    const recorded = await this.lookup(idempotencyKey);
    if (recorded) return recorded;
    const receipt = await deliver();
    const created = await writeFileIfAbsent(this.markerPath(idempotencyKey), `${JSON.stringify(receipt)}\n`);
    // Another process delivered the same key meanwhile: its receipt stays the original.
    return created ? receipt : ((await this.lookup(idempotencyKey)) ?? receipt);
  }

  private markerPath(idempotencyKey: string): string {
    return join(this.dir, `${createHash('sha256').update(idempotencyKey).digest('hex')}.json`);
  }
}
