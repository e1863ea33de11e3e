import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, mongoService, redisService, type Service } from '../../scripts/services';

/**
 * Starts one MongoDB-protocol server and one Redis for the whole run, on free
 * ports and in a fresh folder. Test files share them through their own database
 * names and queue prefixes. An outside MONGODB_URL is used instead when set.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tieng-dan-test-'));
  const services: Service[] = [];
  if (!process.env.MONGODB_URL) {
    const mongo = await mongoService(join(dir, 'mongo'), await freePort(), join(dir, 'logs'));
    await mongo.start();
    services.push(mongo);
    process.env.TEST_MONGODB_URL = mongo.url;
  } else {
    process.env.TEST_MONGODB_URL = process.env.MONGODB_URL;
  }
  const redis = redisService(join(dir, 'redis'), await freePort(), join(dir, 'logs'));
  await redis.start();
  services.push(redis);
  process.env.TEST_REDIS_URL = redis.url;
  process.env.TEST_DIR = dir;
  (globalThis as { __services?: Service[] }).__services = services;
}
