import { ConfigError, loadConfig } from '../config/env';
import { closeDeps, createDeps } from '../src/deps';
import { startWorkers } from './start';

/** The worker process: routing, notices, relays. Stops cleanly on SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps(config);
  const workers = await startWorkers(deps);
  deps.logger.info('workers started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'workers stopping: finishing jobs in progress');
    setTimeout(() => process.exit(1), 30_000).unref();
    await workers.close();
    await closeDeps(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
