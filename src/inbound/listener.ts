import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../deps';
import { tokenGuard } from '../replies';
import { resolveReplyToken } from '../replies';
import { tokenFromAddress } from './address';
import { handleInboundMessage, REFUSAL } from './service';

/** Largest message accepted (announced as SIZE; larger ones are refused with 552). */
export const INBOUND_MAX_BYTES = 10 * 1024 * 1024;

export interface InboundServer {
  port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Our SMTP listener for agencies' answers (the MX of INBOUND_DOMAIN points
 * here). Only reply+<token>@INBOUND_DOMAIN recipients are accepted, one per
 * message; an unknown, expired, revoked, re-routed or closed one is refused at
 * RCPT with a 550 that says which, so the agency's mail server bounces it at
 * once. Delivery-failure reports (null sender) are accepted for any address we
 * issued, whatever became of it.
 */
export async function startInboundServer(deps: Deps, port: number): Promise<InboundServer> {
  const domain = deps.config.INBOUND_DOMAIN;
  const guard = tokenGuard(deps.redis, deps.config.QUEUE_PREFIX);
  const log = deps.logger.child({ component: 'inbound-smtp' });
  const client = (s: SMTPServerSession) => `smtp:${s.remoteAddress}`;

  const server = new SMTPServer({
    name: domain,
    banner: 'Tiếng Dân inbound',
    size: INBOUND_MAX_BYTES,
    authOptional: true,
    // Plain SMTP: TLS is terminated in front (or added here) in production.
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,

    onRcptTo(address, session, callback) {
      void (async () => {
        const token = tokenFromAddress(address.address, domain);
        if (!token) return smtpError(550, `5.1.1 <${address.address}>: ${REFUSAL.unknown}`);
        const earlier = session.envelope.rcptTo.map((r) => tokenFromAddress(r.address, domain));
        if (earlier.length > 0 && !earlier.includes(token))
          return smtpError(452, '4.5.3 One reply address per message, please');
        if ((await guard.blockedFor(client(session))) > 0)
          return smtpError(450, '4.7.1 Too many unknown addresses from your server; try later');
        const ctx = await resolveReplyToken(deps, token);
        if (ctx.state === 'unknown') {
          await guard.failed(client(session));
          return smtpError(550, `5.1.1 <${address.address}>: ${REFUSAL.unknown}`);
        }
        const bounce = !session.envelope.mailFrom || !session.envelope.mailFrom.address;
        if (bounce || ctx.state === 'open' || ctx.state === 'answered') return null;
        return smtpError(550, REFUSAL[ctx.state]);
      })().then(
        (err) => callback(err),
        (err: Error) => {
          log.error({ err: err.message }, 'inbound: recipient check failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },

    onData(stream, session, callback) {
      void (async () => {
        const raw = await readLimited(stream, INBOUND_MAX_BYTES);
        if (raw === null || (stream as Readable & { sizeExceeded?: boolean }).sizeExceeded)
          return smtpError(552, `5.3.4 Message too large (at most ${INBOUND_MAX_BYTES} bytes)`);
        const token = tokenFromAddress(session.envelope.rcptTo[0]?.address ?? '', domain);
        if (!token) return smtpError(554, '5.5.1 No valid recipient');
        const outcome = await handleInboundMessage(deps, token, raw);
        log.info({ code: outcome.code }, 'inbound: message handled');
        return outcome.code === 250 ? outcome.message : smtpError(outcome.code, outcome.message);
      })().then(
        (r) => (typeof r === 'string' ? callback(null, r) : callback(r)),
        (err: Error) => {
          log.error({ err: err.message }, 'inbound: message could not be handled');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
  });
  server.on('error', (err) => log.warn({ err: err.message }, 'inbound: smtp error'));

  await new Promise<void>((ok, fail) => {
    server.server.once('error', fail);
    server.listen(port, () => {
      server.server.off('error', fail);
      ok();
    });
  });
  const bound = (server.server.address() as AddressInfo).port;
  log.info({ port: bound, domain }, 'inbound smtp listening');
  return {
    port: bound,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The whole message, or null once it passes `max` bytes (the rest is read and dropped). */
function readLimited(stream: Readable, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    stream.on('end', () => resolve(size > max ? null : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
