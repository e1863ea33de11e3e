import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, mongoService, type DatabaseService } from '../../scripts/services';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * PostgreSQL (behind FerretDB) is killed and started again. `/readyz` must say
 * the database is down while it is (FerretDB itself still answers), and the
 * service must work again once it is back, without a restart. This file has a
 * database of its own, since it kills it.
 */
let db: DatabaseService;
let h: Harness;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'td-db-outage-'));
  db = await mongoService(join(dir, 'data'), await freePort(), join(dir, 'logs'));
  await db.start();
  h = await startHarness({ env: { MONGODB_URL: `${db.url}tiengdan` } });
}, 60_000);
afterAll(async () => {
  await h.close();
  await db.stop();
});

it('reports PostgreSQL down in /readyz and recovers when it is back', async () => {
  const before = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  await h.mail.waitFor(() => h.mail.about(before.body.trackingCode).length === 1);
  await h.http.get('/readyz').expect(200);

  process.kill(db.postgres.pid()!, 'SIGKILL');
  await eventually(async () => db.postgres.pid() === undefined);
  expect(db.ferretdb.pid()).toBeDefined();
  const down = await h.http.get('/readyz');
  expect(down.status).toBe(503);
  expect(down.body.checks).toEqual({ mongodb: 'down', redis: 'ok' });

  // Started again (retried while the killed server's backends still hold its memory).
  await eventually(
    () =>
      db.postgres.start().then(
        () => true,
        () => false,
      ),
    60_000,
  );
  await eventually(async () => (await h.http.get('/readyz')).status === 200, 30_000);
  const after = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  await h.mail.waitFor(() => h.mail.about(after.body.trackingCode).length === 1, 30_000);
}, 120_000);
