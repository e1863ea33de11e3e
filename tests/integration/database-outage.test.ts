import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { freePort, mongoService, type DatabaseService } from '../../scripts/services';
import { deliverOnce } from '../../src/notifications/deliver';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * PostgreSQL (behind FerretDB) is killed and started again. `/readyz` must say
 * the database is down while it is (FerretDB itself still answers), the service
 * must work again once it is back, without a restart, and an e-mail sent just
 * before it died must not go out twice. This file has a database of its own,
 * since it kills it.
 */
let db: DatabaseService;
let h: Harness;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'td-db-outage-'));
  // Durable: a killed PostgreSQL keeps every write it acknowledged, as in production
  // (the shared test database does not, for speed).
  db = await mongoService(join(dir, 'data'), await freePort(), join(dir, 'logs'), {
    durable: true,
  });
  await db.start();
  h = await startHarness({ env: { MONGODB_URL: `${db.url}tiengdan` } });
}, 60_000);
afterAll(async () => {
  await h.close();
  await db.stop();
});

async function killPostgres(): Promise<void> {
  process.kill(db.postgres.pid()!, 'SIGKILL');
  await eventually(async () => db.postgres.pid() === undefined);
}

/** Retried while the killed server's backends still hold its shared memory. */
async function startPostgres(): Promise<void> {
  await eventually(
    () =>
      db.postgres.start().then(
        () => true,
        () => false,
      ),
    60_000,
  );
}

it('reports PostgreSQL down in /readyz and recovers when it is back', async () => {
  const before = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  await h.mail.waitFor(() => h.mail.noticesOf(before.body.trackingCode).length === 1);
  await h.http.get('/readyz').expect(200);

  await killPostgres();
  expect(db.ferretdb.pid()).toBeDefined();
  const down = await h.http.get('/readyz');
  expect(down.status).toBe(503);
  expect(down.body.checks).toEqual({ mongodb: 'down', redis: 'ok' });

  await startPostgres();
  await eventually(async () => (await h.http.get('/readyz')).status === 200, 30_000);
  const after = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  await h.mail.waitFor(() => h.mail.noticesOf(after.body.trackingCode).length === 1, 30_000);
}, 120_000);

it('records an e-mail sent just before PostgreSQL dies as sent and never sends it again', async () => {
  const mailer = h.deps.mailer as { send: typeof h.deps.mailer.send };
  const realSend = mailer.send;
  let restarted: Promise<void> | undefined;
  // The SMTP server accepts the message, then the database dies before it is
  // recorded, and comes back 2 s later.
  mailer.send = async (mail) => {
    const sent = await realSend(mail);
    await killPostgres();
    restarted = new Promise((r) => setTimeout(r, 2000)).then(startPostgres);
    return sent;
  };
  const key = 'outage-test:1';
  const compose = async () => ({
    to: 'outage@agency.example',
    subject: 'sent before the outage',
    text: 'x',
    html: '<p>x</p>',
  });
  try {
    const first = await deliverOnce(h.deps, key, 'outage-test', new Types.ObjectId(), compose);
    expect(first).toBe('sent');
  } finally {
    mailer.send = realSend;
    await restarted;
  }
  expect(await h.deps.models.Delivery.findById(key).lean()).toMatchObject({ status: 'sent' });
  const again = await deliverOnce(h.deps, key, 'outage-test', new Types.ObjectId(), compose);
  expect(again).toBe('already-sent');
  expect(h.mail.to('outage@agency.example')).toHaveLength(1);
}, 120_000);
