import { ConfigError, loadConfig } from '../config/env';
import { closeDeps, createDeps, type Deps } from './deps';
import { readiness } from './monitoring/health';
import { serveMetrics } from './platform/metrics';

/** What a process runs, once its dependencies are up: stopped gracefully. */
export interface Service {
  close(): Promise<void>;
}

export interface ProcessOptions {
  /** Named in the logs. */
  name: string;
  /** Said when a stop signal comes (what is let finish). */
  stopping: string;
  /** After this, a stop that has not finished exits with 1. */
  graceMs: number;
}

/**
 * The one way our processes start and stop (the API, the worker, the inbound
 * SMTP server): validated configuration, dependencies, the service; on SIGTERM or
 * SIGINT the service closes (letting work in flight finish), then the
 * dependencies, then the process exits 0, or 1 if that takes over `graceMs`. A
 * bad configuration stops it at once with a message naming the variable. Each
 * serves its Prometheus metrics on METRICS_PORT (src/platform/metrics.ts).
 */
export function runProcess(options: ProcessOptions, start: (deps: Deps) => Promise<Service>): void {
  const main = async () => {
    const config = loadConfig();
    const deps = await createDeps(config, { processName: options.name });
    const metrics = await serveMetrics(
      deps.metrics,
      {
        port: config.METRICS_PORT,
        token: config.METRICS_TOKEN,
        ready: () => readiness(deps),
      },
      deps.logger,
    );
    const service = await start(deps);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      deps.logger.info({ signal }, `${options.name} stopping: ${options.stopping}`);
      setTimeout(() => process.exit(1), options.graceMs).unref();
      void service
        .close()
        .then(() => new Promise((resolve) => (metrics ? metrics.close(resolve) : resolve(null))))
        .then(() => closeDeps(deps))
        .then(() => process.exit(0));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  };
  main().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
