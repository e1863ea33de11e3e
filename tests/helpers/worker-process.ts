/**
 * Test-only: a real worker process (the same `startWorkers` as workers/index.ts)
 * whose clock the parent test sets over the IPC channel. Started with
 * `fork(thisFile, { execArgv: ['--import', 'tsx'] })` by `startWorkerProcess`.
 * Configuration comes from the environment as in production, plus WORKER_DB_NAME
 * (the test's database) and WORKER_NOW (the clock's first reading).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadConfig } from '../../config/env';
import { closeDeps, createDeps } from '../../src/deps';
import { startWorkers } from '../../workers/start';

type Message = { type: 'clock'; at: string } | { type: 'stop' };
type Reply = { type: 'ready' } | { type: 'clock-set'; at: string };

async function main() {
  let now = new Date(process.env.WORKER_NOW ?? Date.now());
  const deps = await createDeps(loadConfig(process.env), {
    dbName: process.env.WORKER_DB_NAME,
    clock: { now: () => new Date(now) },
  });
  const workers = await startWorkers(deps, { concurrency: 4 });
  const send = (r: Reply) => process.send?.(r);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await workers.close();
      await closeDeps(deps);
    })());
  process.on('message', (m: Message) => {
    if (m.type === 'clock') {
      now = new Date(m.at);
      send({ type: 'clock-set', at: m.at });
    } else if (m.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  // The test died: do not linger.
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  send({ type: 'ready' });
}

export interface WorkerProcess {
  pid: number;
  setClock(at: Date): Promise<void>;
  stop(): Promise<void>;
}

/** Forks a worker process and waits until its workers run. */
export async function startWorkerProcess(
  env: Record<string, string>,
  dbName: string,
  now: Date,
): Promise<WorkerProcess> {
  const child: ChildProcess = fork(__filename, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, WORKER_DB_NAME: dbName, WORKER_NOW: now.toISOString() },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: Reply['type'], timeoutMs = 60_000) =>
    new Promise<Reply>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`worker process: no ${type}`)), timeoutMs);
      const onMessage = (r: Reply) => {
        if (r.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        ok(r);
      };
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        fail(new Error(`worker process exited (${code}) before ${type}`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  await next('ready');
  return {
    pid: child.pid!,
    async setClock(at) {
      const acked = next('clock-set');
      child.send({ type: 'clock', at: at.toISOString() });
      await acked;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
