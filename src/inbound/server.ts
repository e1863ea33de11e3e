import { ConfigError, loadConfig } from '../../config/env';
import { closeDeps, createDeps } from '../deps';
import { startInboundServer } from './listener';

/**
 * Inbound mail entry point: agencies' answers by e-mail and delivery-failure
 * reports, on INBOUND_SMTP_PORT. On SIGTERM it stops accepting, lets sessions in
 * flight finish (a few seconds at most), then closes its connections.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps(config);
  const server = await startInboundServer(deps, config.INBOUND_SMTP_PORT);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'inbound smtp stopping');
    setTimeout(() => process.exit(1), 10_000).unref();
    void server
      .close()
      .then(() => closeDeps(deps))
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
