import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { DeliveryReceipt } from './notification-schema';

export interface DeliveryLedgerOptions {
  /**
   * How long a claimed key stays reserved for its sender. Longer than any send takes (the SMTP
   * and webhook timeouts are 15-20 s per stage), so only a sender that crashed loses it.
   */
  leaseMs?: number;
  /** How long a second sender waits for the holder to finish before it gives up (retryably). */
  waitMs?: number;
  pollMs?: number;
}

const DEFAULT_LEASE_MS = 120_000;
const DEFAULT_WAIT_MS = 10_000;
const DEFAULT_POLL_MS = 100;

/** Another sender holds the key and has not finished: retrying later finds its receipt (or its lease expired). */
export class DeliveryInProgressError extends Error {
  readonly nonRetryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'DeliveryInProgressError';
  }
}

/**
 * What a channel has delivered, per idempotency key, in PostgreSQL (`notification_deliveries`),
 * shared by every worker on every host.
 *
 * A key is claimed before sending, by an insert that the primary key makes unique: exactly one
 * sender gets it (state `pending`, with a holder and a lease). That sender sends, then records
 * `sent` with the receipt. Everyone else reads the receipt, or waits for it while the lease runs.
 * If the send fails, the holder records `failed` and the error, and the next attempt (a Temporal
 * retry, on any host) claims the key again. If the holder dies (crash, SIGKILL), its lease
 * expires and the next attempt after that claims it again.
 *
 * So a key is delivered at most once, with one window left: a holder that dies after the server
 * accepted the message and before `sent` is stored. Its key is re-sent after the lease; receivers
 * drop that duplicate by the stable Message-ID / Idempotency-Key every delivery carries. The
 * lease times use the database's clock, so hosts' clocks need not agree.
 */
export class DeliveryLedger {
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly db: Db,
    private readonly channel: string,
    options: DeliveryLedgerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /** The original receipt if this key was delivered, else the receipt of `deliver()`, recorded. */
  async deliverOnce(idempotencyKey: string, deliver: () => Promise<DeliveryReceipt>): Promise<DeliveryReceipt> {
    const giveUpAt = Date.now() + this.waitMs;
    for (;;) {
      const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
      if (await this.claim(idempotencyKey, holder)) return this.sendAsHolder(idempotencyKey, holder, deliver);
      const row = await this.db.selectFrom('notification_deliveries').selectAll().where('channel', '=', this.channel).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (row?.state === 'sent' && row.receipt) return DeliveryReceipt.parse(row.receipt);
      if (Date.now() >= giveUpAt) {
        throw new DeliveryInProgressError(`${this.channel} notification ${idempotencyKey} is being delivered by ${row?.holder ?? 'another sender'}; its lease ends ${row?.lease_expires_at?.toISOString() ?? 'soon'}`);
      }
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  async lookup(idempotencyKey: string): Promise<DeliveryReceipt | undefined> {
    const row = await this.db.selectFrom('notification_deliveries').select('receipt').where('channel', '=', this.channel).where('idempotency_key', '=', idempotencyKey).where('state', '=', 'sent').executeTakeFirst();
    return row?.receipt ? DeliveryReceipt.parse(row.receipt) : undefined;
  }

  /** Inserts the key as ours, or takes it over if it failed or its holder's lease ran out. */
  private async claim(idempotencyKey: string, holder: string): Promise<boolean> {
    const leaseEnd = sql<Date>`now() + make_interval(secs => ${this.leaseMs / 1000})`;
    const claimed = await this.db
      .insertInto('notification_deliveries')
      .values({ channel: this.channel, idempotency_key: idempotencyKey, state: 'pending', holder, lease_expires_at: leaseEnd })
      .onConflict((oc) =>
        oc
          .columns(['channel', 'idempotency_key'])
          .doUpdateSet({ state: 'pending', holder, lease_expires_at: leaseEnd, attempts: sql`notification_deliveries.attempts + 1`, updated_at: sql`now()` })
          .where((eb) => eb.or([eb('notification_deliveries.state', '=', 'failed'), eb.and([eb('notification_deliveries.state', '=', 'pending'), eb('notification_deliveries.lease_expires_at', '<', sql<Date>`now()`)])])),
      )
      .returning('holder')
      .executeTakeFirst();
    return claimed?.holder === holder;
  }

  private async sendAsHolder(idempotencyKey: string, holder: string, deliver: () => Promise<DeliveryReceipt>): Promise<DeliveryReceipt> {
    const ours = this.db.updateTable('notification_deliveries').where('channel', '=', this.channel).where('idempotency_key', '=', idempotencyKey);
    let receipt: DeliveryReceipt;
    try {
      receipt = await deliver();
    } catch (err) {
      await ours
        .set({ state: 'failed', holder: null, lease_expires_at: null, last_error: (err as Error).message.slice(0, 2000), updated_at: sql`now()` })
        .where('holder', '=', holder)
        .where('state', '=', 'pending')
        .execute();
      throw err;
    }
    // Recorded even if our lease ran out meanwhile: the message did go out. A receipt stored
    // first by a sender that took over stays the key's receipt.
    const stored = await ours
      .set({ state: 'sent', holder: null, lease_expires_at: null, receipt: JSON.stringify(receipt), last_error: null, updated_at: sql`now()` })
      .where('state', '<>', 'sent')
      .returning('receipt')
      .executeTakeFirst();
    return stored?.receipt ? DeliveryReceipt.parse(stored.receipt) : ((await this.lookup(idempotencyKey)) ?? receipt);
  }
}
