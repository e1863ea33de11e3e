import { ConfigError, loadConfig } from '../../config/env';
import { closeDeps, createDeps } from '../deps';
import { rebuildInbox } from './projection';

/** `node dist/src/triage/rebuild-inbox.js`: rebuilds the inbox of open items from the submissions. */
async function main(): Promise<void> {
  const deps = await createDeps(loadConfig());
  try {
    const { open } = await rebuildInbox(deps.models);
    console.log(`inbox rebuilt: ${open} open items`);
  } finally {
    await closeDeps(deps);
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
