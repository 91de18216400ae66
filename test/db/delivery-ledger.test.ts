import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryInProgressError, DeliveryLedger } from '../../src/notify/delivery-ledger';
import { EmailNotifier } from '../../src/notify/email-notifier';
import { reminder } from '../adapters/support/notification-fixture';
import { startSmtpSink, type SmtpSink } from '../adapters/support/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { freePort } from '../support/temporal';

const run = promisify(execFile);
let database: TestDatabase;
let smtp: SmtpSink | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});
afterAll(() => database?.close());

const emailVia = (port: number, options?: ConstructorParameters<typeof DeliveryLedger>[2]) =>
  new EmailNotifier({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'baton@partner.example', ledger: new DeliveryLedger(database.db, 'email', options), timeoutMs: 5000 });
const rowOf = (key: string) => database.db.selectFrom('notification_deliveries').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
const keysAtSink = () => smtp!.messages.map((m) => m.headers.get('x-baton-idempotency-key'));

describe('the notification delivery ledger in PostgreSQL', () => {
  it('delivers a key once under concurrent senders in this process and in three other processes', async () => {
    smtp = await startSmtpSink();
    const key = 'race:reminder-14d';
    const here = Array.from({ length: 5 }, () => emailVia(smtp!.port).send(reminder({ idempotencyKey: key })).then((r) => r[0]!));
    const elsewhere = Array.from({ length: 3 }, () =>
      run(process.execPath, ['--import', 'tsx', 'test/db/support/send-reminder.ts', database.url, String(smtp!.port), key]).then(({ stdout }) => JSON.parse(stdout) as unknown),
    );
    const receipts = await Promise.all([...here, ...elsewhere]);
    expect(keysAtSink()).toEqual([key]);
    for (const receipt of receipts) expect(receipt).toEqual(receipts[0]);
    expect(await rowOf(key)).toMatchObject({ state: 'sent', attempts: 1, holder: null, lease_expires_at: null });
  }, 60_000);

  it('a failed send is recorded as failed with its error, and the next attempt claims it again and delivers once', async () => {
    const port = await freePort();
    const key = 'down:reminder-14d';
    await expect(emailVia(port).send(reminder({ idempotencyKey: key }))).rejects.toThrow(/e-mail via 127\.0\.0\.1:\d+ failed/);
    expect(await rowOf(key)).toMatchObject({ state: 'failed', holder: null, last_error: expect.stringMatching(/ECONNREFUSED/) });

    smtp = await startSmtpSink(port);
    const [first] = await emailVia(port).send(reminder({ idempotencyKey: key }));
    const [again] = await emailVia(port).send(reminder({ idempotencyKey: key }));
    expect(again).toEqual(first);
    expect(keysAtSink()).toEqual([key]);
    expect(await rowOf(key)).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
  });

  it('a crashed holder keeps its key while its lease runs, and loses it once the lease expired', async () => {
    smtp = await startSmtpSink();
    const key = 'crashed:reminder-14d';
    // What a worker SIGKILLed mid-send leaves behind: a pending row with its lease.
    await database.db
      .insertInto('notification_deliveries')
      .values({ channel: 'email', idempotency_key: key, state: 'pending', holder: 'dead-host:1:x', lease_expires_at: sql<Date>`now() + interval '1 hour'` })
      .execute();
    const refused = await emailVia(smtp.port, { waitMs: 300 }).send(reminder({ idempotencyKey: key })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryInProgressError);
    expect((refused as Error).message).toContain('being delivered by dead-host:1:x');
    expect(smtp.messages).toEqual([]);

    await database.db.updateTable('notification_deliveries').set({ lease_expires_at: sql<Date>`now() - interval '1 second'` }).where('idempotency_key', '=', key).execute();
    await emailVia(smtp.port).send(reminder({ idempotencyKey: key }));
    expect(keysAtSink()).toEqual([key]);
    expect(await rowOf(key)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a second sender waits for the holder and gets its receipt instead of sending', async () => {
    smtp = await startSmtpSink();
    const key = 'slow:reminder-14d';
    const ledger = new DeliveryLedger(database.db, 'email');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = ledger.deliverOnce(key, async () => {
      await held;
      return { channel: 'email', idempotencyKey: key, deliveredAt: new Date().toISOString(), reference: '<slow@baton>' };
    });
    await expect.poll(async () => (await rowOf(key).catch(() => undefined))?.state).toBe('pending');
    const waiting = emailVia(smtp.port).send(reminder({ idempotencyKey: key }));
    setTimeout(release, 300);
    const [receipt] = await waiting;
    expect(receipt).toEqual(await slow);
    expect(receipt!.reference).toBe('<slow@baton>');
    expect(smtp.messages).toEqual([]);
  });
});
