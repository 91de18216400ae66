import { z } from 'zod';
import { strictObject } from '../domain/schemas/strict';
import { IsoDateTime, PersonId, Role, Slug } from '../domain/schemas/common';

// Titles and names go into mail headers: a line break there would inject headers.
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\r\n]*$/, 'must be a single line');

export const NotificationKind = z.enum([
  'deadline.reminder',
  'deadline.escalated',
  'deadline.breached',
  'handoff.assigned',
  'handoff.accepted',
  'handoff.returned',
  'claim.submitted',
  'claim.rejected',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Recipient = strictObject({ personId: PersonId, name: singleLine(200), role: Role });
export type Recipient = z.infer<typeof Recipient>;

/** One event to tell people about; every channel delivers it at most once per idempotencyKey. */
export const Notification = strictObject({
    /** Unique per event, e.g. `deal-42:success-plan:reminder-50`; the same event retried keeps it. */
    idempotencyKey: z
      .string()
      .min(1, 'must not be empty')
      .max(300, 'must be at most 300 characters')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces, e.g. deal-42:success-plan:reminder-50'),
    kind: NotificationKind,
    dealId: Slug,
    title: singleLine(200),
    body: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
    /** The deal in Baton. */
    link: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
    recipients: z.array(Recipient).min(1, 'must name at least one recipient'),
  });
export type Notification = z.infer<typeof Notification>;
export type NotificationInput = z.input<typeof Notification>;

export const DeliveryChannel = z.enum(['email', 'webhook', 'log']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/** Proof that a channel handed the notification on; repeated sends return the original. */
export const DeliveryReceipt = strictObject({
    channel: DeliveryChannel,
    idempotencyKey: z.string().min(1),
    deliveredAt: IsoDateTime,
    /** Message-ID for e-mail, HTTP status for webhooks. */
    reference: z.string().min(1),
    /** What the server said (SMTP reply, webhook response body), cut to a sane size. */
    response: z.string().optional(),
  });
export type DeliveryReceipt = z.infer<typeof DeliveryReceipt>;
