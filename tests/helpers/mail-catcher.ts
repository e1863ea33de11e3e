import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  replyTo: string;
  /** The SMTP envelope's sender (where bounces go). */
  envelopeFrom: string;
}

/**
 * A real SMTP server (nodemailer's smtp-server) on a free port that keeps what
 * it receives, for tests to read. It can be stopped and started again on the
 * same port to simulate an SMTP outage.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = [mail.to]
              .flat()
              .flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : []));
            this.messages.push({
              to,
              from: mail.from?.text ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              replyTo: mail.replyTo?.value[0]?.address ?? '',
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((ok, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(port, '127.0.0.1', () => ok());
    });
    const addr = this.server.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((ok) => s.close(() => ok()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  about(trackingCode: string): CaughtMail[] {
    return this.messages.filter((m) => m.subject.includes(trackingCode));
  }

  /** The agencies' notices (with a reply link) about a tracking code. */
  noticesOf(trackingCode: string): CaughtMail[] {
    return this.about(trackingCode).filter((m) => /\/reply\/[A-Za-z0-9_-]{43}/.test(m.text));
  }

  /** The messages to residents about a tracking code (no reply link). */
  residentMailsOf(trackingCode: string): CaughtMail[] {
    return this.about(trackingCode).filter((m) => !/\/reply\/[A-Za-z0-9_-]{43}/.test(m.text));
  }

  /** Waits until `predicate` holds on the caught mail, or fails after `timeoutMs`. */
  async waitFor(predicate: (all: CaughtMail[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > until)
        throw new Error(
          `mail not received in ${timeoutMs} ms; have: ${this.messages.map((m) => m.subject).join(' | ')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
