import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  replyTo?: string;
  /** SMTP envelope, when bounces must go elsewhere than the From address. */
  envelope?: { from: string; to: string };
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** nodemailer over SMTP_URL, pooled; `from` is fixed by configuration. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  // nodemailer reads transport options from the URL's query string.
  const url = new URL(smtpUrl);
  // Pooled connections are reused for many messages: a new SMTP session (greeting,
  // EHLO, perhaps TLS and AUTH) every 100 messages, nodemailer's default, is waste.
  const defaults = {
    pool: 'true',
    maxConnections: '5',
    maxMessages: '1000',
    connectionTimeout: '5000',
  };
  for (const [k, v] of Object.entries(defaults)) {
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  }
  const transport: Transporter = nodemailer.createTransport(url.toString(), { from });
  return {
    async send(mail) {
      // Base64 rather than quoted-printable for the text parts: our texts are
      // mostly Vietnamese (non-ASCII), which quoted-printable encodes slowly.
      const info = await transport.sendMail({ textEncoding: 'base64', ...mail });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
