import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Starts the real services the project talks to (MongoDB protocol, Redis, a mail
 * catcher) as child processes on ports and folders of the caller's choosing, so
 * that the local run, the tests and the benchmarks never collide.
 */

export interface Service {
  name: string;
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port')),
      );
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((ok) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), ok(true)));
      s.once('error', () => ok(false));
    });
    if (open) return;
    if (Date.now() > until)
      throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A child process that can be stopped and started again with the same arguments. */
function processService(
  name: string,
  url: string,
  port: number,
  logDir: string,
  command: string,
  args: string[],
): Service {
  let child: ChildProcess | undefined;
  return {
    name,
    url,
    port,
    async start() {
      mkdirSync(logDir, { recursive: true });
      const log = openSync(join(logDir, `${name}.log`), 'a');
      child = spawn(command, args, { stdio: ['ignore', log, log] });
      const exited = new Promise<never>((_, reject) =>
        child!.once('exit', (code) =>
          reject(new Error(`${name} exited with ${code}; see ${logDir}/${name}.log`)),
        ),
      );
      await Promise.race([waitForPort(port), exited]);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((done) => {
        const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
        c.once('exit', () => (clearTimeout(timer), done()));
        c.kill('SIGTERM');
      });
    },
  };
}

/** MongoDB protocol: a real mongod if one is on PATH, else our FerretDB build. */
export function mongoService(dataDir: string, port: number, logDir: string): Service {
  const url = `mongodb://127.0.0.1:${port}/`;
  mkdirSync(dataDir, { recursive: true });
  if (spawnSync('sh', ['-c', 'command -v mongod']).status === 0) {
    return processService('mongod', url, port, logDir, 'mongod', [
      '--dbpath',
      dataDir,
      '--port',
      String(port),
      '--bind_ip',
      '127.0.0.1',
    ]);
  }
  const bin = join(ROOT, '.data/bin/ferretdb');
  return processService('ferretdb', url, port, logDir, bin, [
    '-data',
    dataDir,
    '-listen',
    `127.0.0.1:${port}`,
  ]);
}

/** Redis with an append-only file, so a restart keeps queued jobs and schedulers. */
export function redisService(dataDir: string, port: number, logDir: string): Service {
  mkdirSync(dataDir, { recursive: true });
  return processService('redis', `redis://127.0.0.1:${port}`, port, logDir, 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'no',
  ]);
}

/** maildev: an SMTP catcher with a web inbox and a REST API, for the local run. */
export function maildevService(
  smtpPort: number,
  webPort: number,
  logDir: string,
  mailDir: string,
): Service {
  const bin = join(ROOT, 'node_modules/.bin/maildev');
  mkdirSync(mailDir, { recursive: true });
  // Mail is kept on disk, so the inbox survives a restart of the local run.
  const args = ['--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1'];
  const svc = processService('maildev', `smtp://127.0.0.1:${smtpPort}`, smtpPort, logDir, bin, [
    ...args,
    '--mail-directory',
    mailDir,
  ]);
  const start = svc.start;
  return { ...svc, start: async () => (await start(), await waitForPort(webPort)) };
}
