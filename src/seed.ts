import { ConfigError, loadConfig } from '../config/env';
import { loadReferenceData } from '../config/reference';
import { closeDeps, createDeps } from './deps';
import { seedDemoOfficers } from './demo/officers';
import { demoRefused } from './demo/guard';
import { seedDemoSubmissions } from './demo/submissions';
import { seedReferenceData } from './reference/seed';
import { rebuildInbox } from './triage/projection';

/**
 * `node dist/src/seed.js [--demo]`: loads the reference data from config/reference
 * (idempotent: run it at every deploy); with --demo, adds a few submissions to an
 * empty database.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const refused = process.argv.includes('--demo') ? demoRefused(config) : null;
  if (refused) throw new ConfigError(refused);
  const deps = await createDeps(config);
  try {
    await seedReferenceData(deps.models, loadReferenceData());
    deps.logger.info('reference data loaded');
    if (process.argv.includes('--demo')) {
      const n = await seedDemoSubmissions(deps);
      // A local database from before the inbox projection existed gets one.
      await rebuildInbox(deps.models);
      deps.logger.info({ submissions: n }, 'demo data loaded');
      // Printed once, for the person running the demo; never logged.
      for (const a of await seedDemoOfficers(deps))
        console.log(`demo ${a.role}: ${a.email}  password: ${a.password}`);
    }
  } finally {
    await closeDeps(deps);
  }
}

if (require.main === module)
  main().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
