import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisService, type Service } from '../../scripts/services';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * Redis stops while residents submit. Intake must still answer 201, and once Redis
 * is back every accepted petition must reach its agency exactly once.
 * This file has a Redis of its own, since it stops it.
 */
let redis: Service;
let h: Harness;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'td-redis-outage-'));
  redis = redisService(join(dir, 'data'), await freePort(), join(dir, 'logs'));
  await redis.start();
  h = await startHarness({ redisUrl: redis.url });
});
afterAll(async () => {
  await h.close();
  await redis.stop();
});

it('accepts petitions while Redis is down and delivers each exactly once after', async () => {
  // One petition before the outage, to be sure the pipeline works.
  const before = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  await h.mail.waitFor(() => h.mail.noticesOf(before.body.trackingCode).length === 1);

  await redis.stop();
  const codes: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const started = Date.now();
    const res = await h.http
      .post('/api/v1/petitions')
      .send(petition({ title: `Kiến nghị số ${i} khi Redis ngừng` }))
      .expect(201);
    // Intake does not wait on Redis for long.
    expect(Date.now() - started).toBeLessThan(2000);
    codes.push(res.body.trackingCode);
  }
  const ready = await h.http.get('/readyz');
  expect(ready.status).toBe(503);
  expect(ready.body.checks).toEqual({ mongodb: 'ok', redis: 'down' });
  expect(
    await h.deps.models.Submission.countDocuments({ outboxPending: true, status: 'received' }),
  ).toBe(10);

  await redis.start();
  await h.mail.waitFor(() => codes.every((c) => h.mail.noticesOf(c).length >= 1), 30_000);
  // Let the relay run a few more rounds: nothing may be sent twice.
  await new Promise((r) => setTimeout(r, 2000));
  await h.mail.waitFor(() => codes.every((c) => h.mail.residentMailsOf(c).length >= 1), 30_000);
  for (const code of [before.body.trackingCode, ...codes]) {
    expect(h.mail.noticesOf(code)).toHaveLength(1);
    expect(h.mail.residentMailsOf(code)).toHaveLength(1);
  }
  expect(await h.deps.models.Assignment.countDocuments()).toBe(11);
  await eventually(
    async () => (await h.deps.models.Submission.countDocuments({ outboxPending: true })) === 0,
  );
  await h.http.get('/readyz').expect(200);
});
