import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnvConfig } from '../../src/config/env';
import { NotificationDeliveryError } from '../../src/notify/composite-notifier';
import { createNotifier } from '../../src/notify/create-notifier';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { memoryLogger } from './support/memory-logger';
import { reminder } from './support/notification-fixture';
import { retryLikeTemporal } from './support/retry';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink';

let database: TestDatabase;
let smtp: SmtpSink;
let hook: WebhookSink;

beforeEach(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink();
  hook = await startWebhookSink();
});
afterEach(async () => {
  await Promise.all([smtp.close(), hook.close()]);
  await database.close();
});

const bothChannels = () =>
  loadEnvConfig({
    SMTP_URL: `smtp://baton:pa55word@127.0.0.1:${smtp.port}`,
    BATON_MAIL_FROM: 'baton@partner.example',
    BATON_CHAT_WEBHOOK_URL: hook.url,
    BATON_CHAT_WEBHOOK_FORMAT: 'teams',
  });

describe('createNotifier', () => {
  it('writes notifications to the log when no channel is configured, so none is silently dropped', async () => {
    const { logger, lines } = memoryLogger();
    const notifier = createNotifier(loadEnvConfig({}), logger, database.db);
    const receipts = await notifier.send(reminder());
    expect(receipts).toEqual([expect.objectContaining({ channel: 'log', idempotencyKey: reminder().idempotencyKey })]);
    const [warning, line] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warning).toMatchObject({ level: 40, msg: expect.stringContaining('notifications are written to the log only') });
    expect(line).toMatchObject({
      level: 30,
      msg: 'notification: Success plan for Acme Corp due in 14 days',
      notification: {
        kind: 'deadline.reminder',
        dealId: 'acme-2021-17',
        link: 'https://baton.partner.example/deals/acme-2021-17',
        recipients: [{ personId: 'dana.csm@partner.example', role: 'CSM' }, { personId: 'alex.am@partner.example', role: 'AM' }],
      },
    });
  });

  it('fans out to e-mail and chat, and logs neither the SMTP password nor the webhook URL', async () => {
    const { logger, lines } = memoryLogger();
    const notifier = createNotifier(bothChannels(), logger, database.db);
    const receipts = await notifier.send(reminder());
    expect(receipts.map((r) => r.channel).sort()).toEqual(['email', 'webhook']);
    expect(smtp.messages).toHaveLength(1);
    expect(hook.calls).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'notifier ready', channels: [{ channel: 'email', host: `127.0.0.1:${smtp.port}` }, { channel: 'webhook', format: 'teams' }] });
    const logged = lines.join('\n');
    expect(logged).not.toContain('pa55word');
    expect(logged).not.toContain('XXXXSECRET');
  });

  it('delivers through the healthy channel when the other fails, and the retry sends only the failed one', async () => {
    hook.nextStatuses.push(503);
    const notifier = createNotifier(bothChannels(), memoryLogger().logger, database.db);
    const { result, failures } = await retryLikeTemporal(() => notifier.send(reminder()));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(NotificationDeliveryError);
    expect(failures[0]).toMatchObject({ nonRetryable: false, message: expect.stringContaining('answered HTTP 503') });
    expect(result.map((r) => r.channel).sort()).toEqual(['email', 'webhook']);
    expect(smtp.messages).toHaveLength(1);
    expect(hook.calls).toHaveLength(2);
  });

  it('fails non-retryably only when every failed channel failed for good', async () => {
    hook.nextStatuses.push(404);
    const notifier = createNotifier(bothChannels(), memoryLogger().logger, database.db);
    const error = await notifier.send(reminder()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotificationDeliveryError);
    expect(error).toMatchObject({ nonRetryable: true, failures: [expect.objectContaining({ name: 'DeliveryRejectedError' })] });
    expect(smtp.messages).toHaveLength(1);
  });
});
