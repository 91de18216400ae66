import type { NotificationInput } from '../../../src/notify/notification-schema';

/** The 14-days-before reminder of deal acme-2021-17's success-plan deadline. */
export function reminder(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    idempotencyKey: 'acme-2021-17:adopt-success-plan:reminder-14d',
    kind: 'deadline.reminder',
    dealId: 'acme-2021-17',
    title: 'Success plan for Acme Corp due in 14 days',
    body: 'The success plan for deal acme-2021-17 is due on 2021-04-15. Submit it in Baton to keep the $5,000 Adopt incentive.',
    link: 'https://baton.partner.example/deals/acme-2021-17',
    recipients: [
      { personId: 'Dana.CSM@partner.example', name: 'Dana Smith', role: 'CSM' },
      { personId: 'alex.am@partner.example', name: 'Alex Chen', role: 'AM' },
    ],
    ...overrides,
  };
}
