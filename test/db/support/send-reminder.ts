/**
 * A second host in a test: sends the fixture reminder once through Baton's e-mail notifier and its
 * delivery ledger, then prints the receipt as JSON. argv: database URL, SMTP port, idempotency key.
 */
import { connectDatabase } from '../../../src/db/connect';
import { DeliveryLedger } from '../../../src/notify/delivery-ledger';
import { EmailNotifier } from '../../../src/notify/email-notifier';
import { reminder } from '../../adapters/support/notification-fixture';

const [databaseUrl, smtpPort, idempotencyKey] = process.argv.slice(2);
const db = await connectDatabase(databaseUrl!);
try {
  const notifier = new EmailNotifier({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'baton@partner.example', ledger: new DeliveryLedger(db, 'email', { waitMs: 30_000 }) });
  const receipts = await notifier.send(reminder({ idempotencyKey }));
  process.stdout.write(JSON.stringify(receipts[0]));
} finally {
  await db.destroy();
}
