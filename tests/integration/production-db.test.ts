import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../config/env';
import { closeDeps, createDeps } from '../../src/deps';
import { readingDb } from '../../src/platform/db';
import { createLogger } from '../../src/platform/logger';

/**
 * MongoDB as production runs it: indexes built by the deploy command
 * (`npm run db:indexes`), never by processes started with AUTO_INDEX=false;
 * the write concern and retryable writes from the configuration; reports read
 * with their own read preference.
 */
const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

function urlFor(dbName: string): string {
  const url = new URL(process.env.TEST_MONGODB_URL!);
  url.pathname = `/${dbName}`;
  return url.toString();
}

it('builds indexes with the deploy command, not at start when AUTO_INDEX=false', async () => {
  const dbName = `t_idx_${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URL: urlFor(dbName),
    REDIS_URL: process.env.TEST_REDIS_URL,
    AUTO_INDEX: 'false',
    MONGODB_WRITE_CONCERN: '1',
    MONGODB_RETRY_WRITES: 'false',
    REPORTS_READ_PREFERENCE: 'secondaryPreferred',
  });
  const deps = await createDeps(config, { logger: createLogger('silent') });
  try {
    const { Submission } = deps.models;
    // The configured write concern and retryable writes reach the driver.
    const client = deps.db.getClient();
    expect(client.options.writeConcern).toMatchObject({ w: 1 });
    expect(client.options.retryWrites).toBe(false);
    expect(readingDb(deps.db, config.REPORTS_READ_PREFERENCE).readPreference.mode).toBe(
      'secondaryPreferred',
    );

    await Submission.collection.insertOne({ probe: true } as never);
    const before = await Submission.collection.indexes();
    expect(before.map((i) => i.name)).toEqual(['_id_']);

    const { stdout } = await run(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/indexes.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', MONGODB_URL: urlFor(dbName), LOG_LEVEL: 'silent' },
    });
    expect(stdout).toMatch(/indexes built for \d+ models/);
    const after = (await Submission.collection.indexes()).map((i) => i.name);
    expect(after).toEqual(expect.arrayContaining(['_id_', 'outbox_pending']));
    expect(after.length).toBeGreaterThan(2);
  } finally {
    await deps.db.dropDatabase().catch(() => undefined);
    await closeDeps(deps);
  }
}, 60_000);

it('defaults to majority, retryable writes, indexes at start and reports on the primary', () => {
  const c = loadConfig({ NODE_ENV: 'development' });
  expect(c.MONGODB_WRITE_CONCERN).toBe('majority');
  expect(c.MONGODB_RETRY_WRITES).toBe(true);
  expect(c.AUTO_INDEX).toBe(true);
  expect(c.REPORTS_READ_PREFERENCE).toBe('primary');
  expect(() => loadConfig({ MONGODB_WRITE_CONCERN: 'all' })).toThrow(/MONGODB_WRITE_CONCERN/);
  expect(() => loadConfig({ AUTO_INDEX: 'no' })).toThrow(/AUTO_INDEX/);
});
