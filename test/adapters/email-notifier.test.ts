import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryRejectedError } from '../../src/notify/delivery-rejected-error';
import { EmailNotifier, messageIdFor } from '../../src/notify/email-notifier';
import { DeliveryLedger } from '../../src/notify/delivery-ledger';
import { freePort } from './support/claims-sink';
import { reminder } from './support/notification-fixture';
import { retryLikeTemporal } from './support/retry';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

let database: TestDatabase;
let smtp: SmtpSink | undefined;
const notifierFor = (port: number, user = '') =>
  new EmailNotifier({ smtpUrl: `smtp://${user}127.0.0.1:${port}`, from: 'Baton <baton@partner.example>', ledger: new DeliveryLedger(database.db, 'email'), timeoutMs: 5000 });

// A fresh delivery ledger per test: each test sends the same keys.
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await database.close();
});

describe('EmailNotifier', () => {
  it('sends one message to every recipient with the subject, the body and the deal link', async () => {
    smtp = await startSmtpSink();
    const [receipt] = await notifierFor(smtp.port).send(reminder());
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.envelopeTo).toEqual(['dana.csm@partner.example', 'alex.am@partner.example']);
    expect(mail!.headers.get('to')).toBe('Dana Smith <dana.csm@partner.example>, Alex Chen <alex.am@partner.example>');
    expect(mail!.headers.get('from')).toBe('Baton <baton@partner.example>');
    expect(mail!.headers.get('subject')).toBe('Success plan for Acme Corp due in 14 days');
    expect(mail!.text).toContain('The success plan for deal acme-2021-17 is due on 2021-04-15.');
    expect(mail!.text).toContain('Open the deal in Baton: https://baton.partner.example/deals/acme-2021-17');
    const key = 'acme-2021-17:adopt-success-plan:reminder-14d';
    expect(mail!.headers.get('message-id')).toBe(messageIdFor(key));
    expect(mail!.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}@baton>$/);
    expect(mail!.headers.get('x-baton-idempotency-key')).toBe(key);
    expect(receipt).toMatchObject({ channel: 'email', idempotencyKey: key, reference: messageIdFor(key), response: expect.stringMatching(/^250/) });
  });

  it('sends one message per key however often and however concurrently send is called', async () => {
    smtp = await startSmtpSink();
    const notifier = notifierFor(smtp.port);
    const concurrent = await Promise.all([notifier.send(reminder()), notifier.send(reminder()), notifierFor(smtp.port).send(reminder())]);
    const later = await notifier.send(reminder());
    const afterRestart = await notifierFor(smtp.port).send(reminder());
    expect(smtp.messages).toHaveLength(1);
    expect(new Set([...concurrent, later, afterRestart].map((r) => JSON.stringify(r))).size).toBe(1);
    await notifier.send(reminder({ idempotencyKey: 'acme-2021-17:adopt-success-plan:escalated-7d' }));
    expect(smtp.messages).toHaveLength(2);
    const ledger = await database.db.selectFrom('notification_deliveries').select(['channel', 'state']).execute();
    expect(ledger).toEqual([{ channel: 'email', state: 'sent' }, { channel: 'email', state: 'sent' }]);
  });

  it('rejects as retryable while the SMTP server is down, then delivers once', async () => {
    const port = await freePort();
    const notifier = notifierFor(port);
    const down = await notifier.send(reminder()).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(Error);
    expect(down).not.toBeInstanceOf(DeliveryRejectedError);
    expect((down as Error).message).toContain(`e-mail via 127.0.0.1:${port} failed`);
    smtp = await startSmtpSink(port);
    const { failures } = await retryLikeTemporal(() => notifier.send(reminder()));
    await notifier.send(reminder());
    expect(failures).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
  });

  it('logs in with the credentials of the SMTP URL and keeps the password out of receipts and errors', async () => {
    smtp = await startSmtpSink();
    const receipts = await notifierFor(smtp.port, 'baton:pa55word@').send(reminder());
    expect(smtp.logins).toEqual([{ username: 'baton', password: 'pa55word' }]);
    expect(JSON.stringify(receipts)).not.toContain('pa55word');
    await smtp.close();
    const error = (await notifierFor(smtp.port, 'baton:pa55word@').send(reminder({ idempotencyKey: 'other' })).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('pa55word');
    smtp = undefined;
  });

  it('refuses an invalid notification as non-retryable, naming the field', async () => {
    const error = await notifierFor(await freePort()).send(reminder({ title: 'Due\r\nBcc: everyone@example.com' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryRejectedError);
    expect(error).toMatchObject({ nonRetryable: true, message: expect.stringContaining('title: must be a single line') });
  });
});
