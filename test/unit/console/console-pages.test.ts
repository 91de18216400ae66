import { describe, expect, it } from 'vitest';
import { createNotifyActivities, type NotificationRequest } from '../../../activities/notify';
import { dealPagePath, isConsolePage } from '../../../src/api/console-pages';
import type { NotificationInput } from '../../../src/notify/notification-schema';

describe("the console's pages", () => {
  it('are the paths the web app routes, and no API-only path', () => {
    for (const page of ['/', '/sign-in', '/deals', '/deals/', '/deals/new', '/deals/northwind/acme-dc-2021', '/board', '/finance', '/playbook', '/program']) {
      expect(isConsolePage(page), page).toBe(true);
    }
    for (const path of ['/docs', '/docs/', '/openapi.json', '/health', '/metrics', '/inbox', '/claims', '/assets/index.js', '/deals/a/handoffs/b', '/boards']) {
      expect(isConsolePage(path), path).toBe(false);
    }
  });

  it("name a deal's page by partner and deal, escaped", () => {
    expect(dealPagePath('northwind', 'acme-dc-2021')).toBe('/deals/northwind/acme-dc-2021');
    expect(dealPagePath('north wind', 'a/b')).toBe('/deals/north%20wind/a%2Fb');
    expect(isConsolePage(dealPagePath('northwind', 'acme.v2'))).toBe(true);
  });

  it("are what notification e-mails and chat messages link to, under BATON_PUBLIC_URL", async () => {
    const sent: NotificationInput[] = [];
    const { notify } = createNotifyActivities({
      publicUrl: 'https://baton.partner.example/console-base',
      notifier: {
        async send(notification) {
          sent.push(notification);
          return [];
        },
      },
    });
    const request: NotificationRequest = {
      partnerId: 'northwind',
      dealId: 'acme-dc-2021',
      idempotencyKey: 'acme-dc-2021:claim:1',
      kind: 'claim.submitted',
      title: 'Claim submitted',
      body: 'A claim was submitted.',
      recipients: [{ personId: 'ana.moreno@northwind.example', name: 'Ana Moreno', role: 'AM' }],
    };
    await notify(request);
    expect(sent[0]?.link).toBe('https://baton.partner.example/console-base/deals/northwind/acme-dc-2021');
    expect(isConsolePage(new URL(sent[0]!.link).pathname.replace('/console-base', ''))).toBe(true);
  });
});
