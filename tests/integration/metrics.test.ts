import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleInboundMessage } from '../../src/inbound/service';
import { readiness } from '../../src/monitoring/health';
import { serveMetrics } from '../../src/platform/metrics';
import { eventually, petition, replyLink, startHarness, type Harness } from '../helpers/harness';

/**
 * Prometheus scrapes `/metrics` on its own port, with a bearer token, after a
 * petition travelled: every family is there, with values that fit what happened.
 */
const TOKEN = 'metrics-token-for-the-test-0123456789';
let h: Harness;
let server: Server;
let now = new Date();

beforeAll(async () => {
  h = await startHarness({ workers: false, clock: { now: () => new Date(now) } });
  server = (await serveMetrics(
    h.deps.metrics,
    { port: 0, host: '127.0.0.1', token: TOKEN, ready: () => readiness(h.deps) },
    h.deps.logger,
  ))!;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await h.close();
});

async function scrape(token = TOKEN): Promise<{ status: number; text: string }> {
  const port = (server.address() as AddressInfo).port;
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text() };
}

/** The value of one series, e.g. `td_outbox_pending` or `td_queue_jobs{queue="outbox",state="waiting"}`. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .find((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  if (!found) throw new Error(`no series ${name} ${JSON.stringify(labels)}`);
  return Number(found.slice(found.lastIndexOf(' ') + 1));
}

/** A delivery report; a genuine one quotes the Message-ID of our notice. */
const DSN = (to: string, agency: string, messageId: string) =>
  [
    `To: ${to}`,
    'From: MAILER-DAEMON@mx.example',
    'Subject: Delivery failure',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example',
    '',
    `Final-Recipient: rfc822; ${agency}`,
    'Action: failed',
    'Status: 5.1.1',
    '',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${messageId}`,
    '',
    '--b--',
    '',
  ].join('\r\n');

describe('/metrics', () => {
  it('refuses a scrape without the token; probes need none', async () => {
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401);
    const port = (server.address() as AddressInfo).port;
    const live = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { mongodb: 'ok', redis: 'ok' },
    });
  });

  it('shows requests by route, the queue and the outbox waiting, then the flow done', async () => {
    const created = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
    const code: string = created.body.trackingCode;
    await h.http.get(`/api/v1/track/${code}`).expect(200);
    await h.http.get('/no/such/page').expect(404);
    await new Promise((r) => setTimeout(r, 300));

    // No worker yet: the routing job waits, the outbox holds the petition.
    let m = await scrape();
    expect(m.status).toBe(200);
    const post = { route: '/api/v1/petitions', method: 'POST', status: '201' };
    expect(value(m.text, 'td_http_request_duration_seconds_count', post)).toBe(1);
    expect(value(m.text, 'td_http_request_duration_seconds_sum', post)).toBeGreaterThan(0);
    expect(
      value(m.text, 'td_http_request_duration_seconds_count', {
        route: '/api/v1/track/:code',
        status: '200',
      }),
    ).toBe(1);
    expect(
      value(m.text, 'td_http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
      }),
    ).toBe(1);
    expect(m.text).not.toContain(code); // route patterns, never raw URLs
    expect(value(m.text, 'td_queue_jobs', { queue: 'outbox', state: 'waiting' })).toBe(1);
    expect(value(m.text, 'td_queue_jobs', { queue: 'outbox', state: 'failed' })).toBe(0);
    expect(value(m.text, 'td_queue_oldest_waiting_seconds', { queue: 'outbox' })).toBeGreaterThan(
      0.2,
    );
    expect(value(m.text, 'td_outbox_pending')).toBe(1);
    expect(value(m.text, 'td_outbox_oldest_pending_seconds')).toBeGreaterThan(0.2);
    expect(value(m.text, 'td_messages_total', { channel: 'email', outcome: 'sent' })).toBe(0);

    await h.startWorkers();
    // The agency's notice and the resident's receipt.
    await h.mail.waitFor(() => h.mail.about(code).length === 2);
    m = await eventually(async () => {
      const s = await scrape();
      return value(s.text, 'td_outbox_pending') === 0 ? s : null;
    });
    expect(value(m.text, 'td_messages_total', { channel: 'email', outcome: 'sent' })).toBe(2);
    expect(value(m.text, 'td_messages_total', { channel: 'email', outcome: 'failed' })).toBe(0);
    expect(value(m.text, 'td_messages_total', { channel: 'sms', outcome: 'sent' })).toBe(0);
    expect(value(m.text, 'td_queue_jobs', { queue: 'outbox', state: 'waiting' })).toBe(0);
    expect(value(m.text, 'td_queue_oldest_waiting_seconds', { queue: 'outbox' })).toBe(0);
    expect(value(m.text, 'td_outbox_oldest_pending_seconds')).toBe(0);
    expect(value(m.text, 'td_deadlines', { state: 'overdue' })).toBe(0);
    expect(value(m.text, 'td_process_cpu_seconds_total')).toBeGreaterThan(0);

    // The agency's address bounces; later its deadline passes.
    const { token } = replyLink(h.mail.noticesOf(code)[0]!.text);
    const inbound = `reply+${token}@${h.deps.config.INBOUND_DOMAIN}`;
    const agency = h.mail.noticesOf(code)[0]!.to[0]!;
    const notice = await h.deps.models.Delivery.findOne({ kind: 'agency-notice' }).lean();
    const report = DSN(inbound, agency, notice!.messageId!);
    const bounced = await handleInboundMessage(h.deps, token, Buffer.from(report));
    expect(bounced.code).toBe(250);
    const assignment = await h.deps.models.Assignment.findOne({}).lean();
    now = new Date(assignment!.dueAt.getTime() - 60_000);
    m = await scrape();
    expect(value(m.text, 'td_deadlines', { state: 'due_soon' })).toBe(1);
    expect(value(m.text, 'td_deadlines', { state: 'overdue' })).toBe(0);
    now = new Date(assignment!.dueAt.getTime() + 60_000);
    m = await scrape();
    expect(value(m.text, 'td_messages_total', { channel: 'email', outcome: 'bounced' })).toBe(1);
    expect(value(m.text, 'td_deadlines', { state: 'due_soon' })).toBe(0);
    expect(value(m.text, 'td_deadlines', { state: 'overdue' })).toBe(1);
  });

  it('serves every series the Grafana dashboard draws', async () => {
    const dashboard = readFileSync('deploy/grafana/tieng-dan.json', 'utf8');
    const names = new Set(dashboard.match(/td_[a-z0-9_]+/g));
    expect(names.size).toBeGreaterThan(8);
    const { text } = await scrape();
    for (const name of names) expect(text).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
  });
});
