import { ConfigError, loadConfig } from '../config/env';
import { connectDatabase } from './platform/db';
import { createModels, syncIndexes } from './models';

/**
 * `npm run db:indexes` (`node dist/src/indexes.js` in the image): builds every
 * declared index, one collection at a time, then exits. Run at each deploy
 * (the seed Job in deploy/k8s) with AUTO_INDEX=false on the long-running
 * processes, so that they never build indexes as they start together.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await connectDatabase(config.MONGODB_URL, {
    w: config.MONGODB_WRITE_CONCERN,
    retryWrites: config.MONGODB_RETRY_WRITES,
  });
  try {
    const started = Date.now();
    const models = createModels(db);
    await syncIndexes(models);
    console.log(
      `indexes built for ${Object.keys(models).length} models in ${Date.now() - started} ms`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
