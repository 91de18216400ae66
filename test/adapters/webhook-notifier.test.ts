import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatFormat } from '../../src/notify/chat-payload';
import { DeliveryRejectedError } from '../../src/notify/delivery-rejected-error';
import { DeliveryLedger } from '../../src/notify/delivery-ledger';
import { WebhookNotifier } from '../../src/notify/webhook-notifier';
import { reminder } from './support/notification-fixture';
import { retryLikeTemporal } from './support/retry';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink';

let database: TestDatabase;
let hook: WebhookSink;
const notifierFor = (format: ChatFormat) => new WebhookNotifier({ url: hook.url, format, ledger: new DeliveryLedger(database.db, 'webhook') });

// A fresh delivery ledger per test: each test sends the same keys.
beforeEach(async () => {
  database = await createTestDatabase();
  hook = await startWebhookSink();
});
afterEach(async () => {
  await hook.close();
  await database.close();
});

describe('WebhookNotifier', () => {
  it.each(['slack', 'teams'] as const)('posts one %s message per key, with its Idempotency-Key', async (format) => {
    const notifier = notifierFor(format);
    const receipts = await Promise.all([notifier.send(reminder()), notifier.send(reminder()), notifierFor(format).send(reminder())]);
    await notifier.send(reminder());
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]).toMatchObject({ path: '/services/T000/B000/XXXXSECRET', idempotencyKey: reminder().idempotencyKey, contentType: 'application/json' });
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(receipts[0]).toEqual([expect.objectContaining({ channel: 'webhook', reference: 'HTTP 200', response: 'ok' })]);
  });

  it('formats Slack messages as text with a deal link plus blocks', async () => {
    await notifierFor('slack').send(reminder({ title: 'Plan <due> & overdue soon' }));
    const body = hook.calls[0]!.body as { text: string; blocks: { type: string; text?: { text: string }; elements?: { url?: string; text: unknown }[] }[] };
    expect(body.text).toBe(
      '*Plan &lt;due&gt; &amp; overdue soon*\n' +
        'The success plan for deal acme-2021-17 is due on 2021-04-15. Submit it in Baton to keep the $5,000 Adopt incentive.\n' +
        '<https://baton.partner.example/deals/acme-2021-17|Open deal acme-2021-17 in Baton>',
    );
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(body.blocks[0]!.text!.text).toBe('Plan <due> & overdue soon');
    expect(body.blocks[2]!.elements![0]!.text).toBe('For Dana Smith (CSM), Alex Chen (AM)');
    expect(body.blocks[3]!.elements![0]!.url).toBe('https://baton.partner.example/deals/acme-2021-17');
  });

  it('formats Teams messages as an Adaptive Card with an Open URL action', async () => {
    await notifierFor('teams').send(reminder());
    expect(hook.calls[0]!.body).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Success plan for Acme Corp due in 14 days', weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text: reminder().body, wrap: true },
              { type: 'TextBlock', text: 'For Dana Smith (CSM), Alex Chen (AM)', isSubtle: true, wrap: true },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open in Baton', url: 'https://baton.partner.example/deals/acme-2021-17' }],
          },
        },
      ],
    });
  });

  it('retries a server error and delivers once', async () => {
    hook.nextStatuses.push(500, 429);
    const { failures } = await retryLikeTemporal(() => notifierFor('slack').send(reminder()));
    expect(failures.map((f) => f.message)).toEqual([expect.stringContaining('answered HTTP 500'), expect.stringContaining('answered HTTP 429')]);
    expect(failures.some((f) => f instanceof DeliveryRejectedError)).toBe(false);
    expect(hook.calls).toHaveLength(3);
    await notifierFor('slack').send(reminder());
    expect(hook.calls).toHaveLength(3);
  });

  it('treats a 404 (webhook removed) as non-retryable and keeps the secret URL path out of the error', async () => {
    hook.nextStatuses.push(404);
    const error = await notifierFor('slack').send(reminder()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryRejectedError);
    expect((error as Error).message).toMatch(/^slack webhook at 127\.0\.0\.1:\d+ refused the message with HTTP 404$/);
    expect((error as Error).message).not.toContain('SECRET');
  });
});
