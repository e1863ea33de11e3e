import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { html } from '../src/platform/html';

/**
 * A local SMS gateway that sends nothing: it takes messages in the protocol of
 * src/platform/sms.ts (`POST /api/sms`), keeps them in memory, lists them on a
 * web page (`GET /`, newest first) and as JSON (`GET /api/messages`;
 * `DELETE /api/messages` empties it). Like the mail catcher, for the local run
 * (scripts/services.ts starts it) and the tests (in-process, `startSmsSink`).
 *
 *   tsx scripts/sms-sink.ts --port 1090
 */
export interface SinkMessage {
  id: string;
  to: string;
  from: string;
  text: string;
  at: string;
  /** The Authorization header the gateway client sent, if any. */
  auth?: string;
}

export interface SmsSink {
  port: number;
  /** The URL to give SMS_GATEWAY_URL. */
  url: string;
  messages: SinkMessage[];
  to(phone: string): SinkMessage[];
  waitFor(predicate: (all: SinkMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function page(messages: SinkMessage[]): string {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Tin nhắn SMS (hộp thử) · SMS sink</title>
        <style>
          body {
            font-family: system-ui, Arial, sans-serif;
            max-width: 50rem;
            margin: 0 auto;
            padding: 0 1rem;
          }
          li {
            border-bottom: 1px solid #ddd;
            padding: 0.5rem 0;
            white-space: pre-wrap;
            overflow-wrap: anywhere;
          }
        </style>
      </head>
      <body>
        <h1>Tin nhắn SMS đã nhận (không gửi đi thật)</h1>
        <p>${messages.length} tin nhắn · <a href="/">Tải lại</a></p>
        <ol reversed>
          ${[...messages]
            .reverse()
            .map(
              (m) =>
                html`<li><b>${m.to}</b> · ${m.from} · <time>${m.at}</time><br />${m.text}</li>`,
            )}
        </ol>
      </body>
    </html>`.value;
}

export async function startSmsSink(port = 0): Promise<SmsSink> {
  const messages: SinkMessage[] = [];
  const server: Server = createServer((req, res) => {
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.method === 'POST' && req.url === '/api/sms') {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        try {
          const b = JSON.parse(raw) as { to?: unknown; text?: unknown; from?: unknown };
          if (typeof b.to !== 'string' || typeof b.text !== 'string') throw new Error('to, text');
          const m = {
            id: randomUUID(),
            to: b.to,
            from: String(b.from ?? ''),
            text: b.text,
            at: new Date().toISOString(),
            ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
          };
          messages.push(m);
          reply(201, 'application/json', JSON.stringify({ id: m.id }));
        } catch {
          reply(400, 'application/json', JSON.stringify({ error: 'expected {to, text}' }));
        }
      });
      return;
    }
    if (req.method === 'GET' && req.url === '/api/messages')
      return reply(200, 'application/json', JSON.stringify(messages));
    if (req.method === 'DELETE' && req.url === '/api/messages') {
      messages.length = 0;
      return reply(204, 'text/plain', '');
    }
    if (req.method === 'GET' && (req.url === '/' || req.url === ''))
      return reply(200, 'text/html; charset=utf-8', page(messages));
    reply(404, 'text/plain', 'not found');
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/api/sms`,
    messages,
    to: (phone) => messages.filter((m) => m.to === phone),
    async waitFor(predicate, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > until)
          throw new Error(`SMS not received in ${timeoutMs} ms; have ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 1090;
  void startSmsSink(port).then((s) =>
    console.log(`SMS sink: POST ${s.url}, inbox http://127.0.0.1:${s.port}/`),
  );
}
