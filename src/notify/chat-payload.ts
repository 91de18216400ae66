import type { Notification } from './notification-schema';

/** Chat messages for incoming webhooks: Slack (text + Block Kit) or Teams (Adaptive Card). */

export type ChatFormat = 'slack' | 'teams';

function recipientsLine(notification: Notification): string {
  return notification.recipients.map((r) => `${r.name} (${r.role})`).join(', ');
}

// Slack reads &, < and > as markup; everything else in mrkdwn may stay.
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function slackPayload(notification: Notification) {
  const title = slackEscape(notification.title);
  const body = slackEscape(notification.body);
  const link = `<${notification.link}|Open deal ${notification.dealId} in Baton>`;
  return {
    // The fallback shown in notifications and by clients without Block Kit.
    text: `*${title}*\n${body}\n${link}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: notification.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: body.slice(0, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(`For ${recipientsLine(notification)}`).slice(0, 3000) }] },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Baton' }, url: notification.link }],
      },
    ],
  };
}

/** The message shape Teams Workflows ("Post to a channel when a webhook request is received") accepts. */
export function teamsPayload(notification: Notification) {
  return {
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
            { type: 'TextBlock', text: notification.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: notification.body, wrap: true },
            { type: 'TextBlock', text: `For ${recipientsLine(notification)}`, isSubtle: true, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in Baton', url: notification.link }],
        },
      },
    ],
  };
}

export function chatPayload(format: ChatFormat, notification: Notification) {
  return format === 'slack' ? slackPayload(notification) : teamsPayload(notification);
}
