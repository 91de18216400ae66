import type { ReceivedRequest } from '../../test/adapters/support/claims-sink';
import { startClaimsSink, type ClaimsSink } from '../../test/adapters/support/claims-sink';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../test/adapters/support/smtp-sink';

/**
 * The vendor's claims endpoint and the mail server, each stoppable and restartable on the same
 * port with what it had received kept, as a real endpoint keeps its data across an outage.
 */
export class SoakSinks {
  readonly claimRequests: ReceivedRequest[] = [];
  readonly storedClaims: ClaimsSink['stored'] = new Map();
  readonly mails: ReceivedMail[] = [];
  private claims: ClaimsSink | undefined;
  private smtp: SmtpSink | undefined;
  private ports = { claims: 0, smtp: 0 };

  async start(): Promise<void> {
    await Promise.all([this.startClaims(), this.startSmtp()]);
  }

  get claimsUrl(): string {
    return `http://127.0.0.1:${this.ports.claims}/claims`;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.ports.smtp}`;
  }

  async startClaims(): Promise<void> {
    this.claims = await startClaimsSink(this.ports.claims, { requests: this.claimRequests, stored: this.storedClaims });
    this.ports.claims = this.claims.port;
  }

  async stopClaims(): Promise<void> {
    await this.claims?.close();
    this.claims = undefined;
  }

  async startSmtp(): Promise<void> {
    this.smtp = await startSmtpSink(this.ports.smtp, this.mails);
    this.ports.smtp = this.smtp.port;
  }

  async stopSmtp(): Promise<void> {
    await this.smtp?.close();
    this.smtp = undefined;
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopClaims(), this.stopSmtp()]);
  }
}
