import type { Server } from 'node:http';
import { ConfigError, loadConfig } from '../config/env';
import { createApp } from './app';
import { closeDeps, createDeps } from './deps';

/** HTTP entry point: validated config, dependencies, app, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps(config);
  const app = createApp(deps);
  const server: Server = app.listen(config.PORT, () => {
    deps.logger.info({ port: config.PORT }, 'api listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'api stopping: finishing requests in flight');
    // Stop accepting, let requests in flight finish, then close connections.
    server.close(() => {
      void closeDeps(deps).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
