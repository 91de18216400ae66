import type { EnvConfig } from '../config/env';
import type { Db } from '../db/connect';
import type { Logger } from '../observability/logger';
import { CompositeNotifier } from './composite-notifier';
import { DeliveryLedger } from './delivery-ledger';
import { EmailNotifier } from './email-notifier';
import { LogNotifier } from './log-notifier';
import type { Notifier } from './notifier';
import { WebhookNotifier } from './webhook-notifier';

export type NotifierConfig = Pick<
  EnvConfig,
  'SMTP_URL' | 'BATON_MAIL_FROM' | 'BATON_CHAT_WEBHOOK_URL' | 'BATON_CHAT_WEBHOOK_FORMAT'
>;

/**
 * E-mail and/or chat as configured, each recording its deliveries in the database's delivery
 * ledger (shared by every worker); the log when neither is. Create one per worker process.
 * Logs hosts only: the SMTP URL holds a password and a webhook URL is itself a secret.
 */
export function createNotifier(config: NotifierConfig, logger: Logger, db: Db): Notifier {
  const channels: Notifier[] = [];
  const described: Record<string, string>[] = [];
  if (config.SMTP_URL) {
    channels.push(new EmailNotifier({ smtpUrl: config.SMTP_URL, from: config.BATON_MAIL_FROM, ledger: new DeliveryLedger(db, 'email') }));
    described.push({ channel: 'email', host: new URL(config.SMTP_URL).host });
  }
  if (config.BATON_CHAT_WEBHOOK_URL) {
    const format = config.BATON_CHAT_WEBHOOK_FORMAT;
    channels.push(new WebhookNotifier({ url: config.BATON_CHAT_WEBHOOK_URL, format, ledger: new DeliveryLedger(db, 'webhook') }));
    described.push({ channel: 'webhook', format, host: new URL(config.BATON_CHAT_WEBHOOK_URL).host });
  }
  if (channels.length === 0) {
    logger.warn('no SMTP_URL or BATON_CHAT_WEBHOOK_URL configured: notifications are written to the log only');
    return new LogNotifier(logger);
  }
  logger.info({ channels: described }, 'notifier ready');
  return new CompositeNotifier(channels);
}
