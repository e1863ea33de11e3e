import { ConfigError, loadConfig } from '../../config/env';
import { closeDeps, createDeps } from '../deps';
import { recountStats } from './rebuild';

/**
 * `node dist/src/reports/recount.js`: recomputes every statistics counter (and
 * the item ledger) from the raw submissions and assignments, and replaces them.
 * Idempotent; run it when in doubt, e.g. after a crash between a write and its
 * counting, or after repairing data by hand.
 */
async function main(): Promise<void> {
  const deps = await createDeps(loadConfig());
  try {
    const started = Date.now();
    const r = await recountStats(deps.models);
    console.log(
      `statistics recounted: ${r.items} items, ${r.documents} counter documents over ${r.months} months ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await closeDeps(deps);
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
