import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * Starts the real services the project talks to (PostgreSQL with DocumentDB and
 * FerretDB for the MongoDB protocol, Redis, a mail catcher) as child processes on ports and folders of the caller's choosing, so
 * that the local run, the tests and the benchmarks never collide.
 */

export interface Service {
  name: string;
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The running process's pid (the real server, not a launcher), if running. */
  pid(): number | undefined;
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
  stopSignal: NodeJS.Signals = 'SIGTERM',
): Service {
  let child: ChildProcess | undefined;
  const running = (c?: ChildProcess): c is ChildProcess =>
    !!c && c.exitCode === null && c.signalCode === null;
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
    pid: () => (running(child) ? child.pid : undefined),
    async stop() {
      const c = child;
      child = undefined;
      if (!running(c)) return;
      await new Promise<void>((done) => {
        const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
        c.once('exit', () => (clearTimeout(timer), done()));
        c.kill(stopSignal);
      });
    },
  };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** DocumentDB's settings as FerretDB recommends them (docs/database.md). */
const DOCUMENTDB_SETTINGS = `
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
shared_preload_libraries = 'pg_cron,pg_documentdb_core,pg_documentdb'
cron.database_name = 'postgres'
max_connections = 300
documentdb.enableLetAndCollationForQueryMatch = true
documentdb.enableNowSystemVariable = true
documentdb.enableSortbyIdPushDownToPrimaryKey = true
documentdb.enableSchemaValidation = true
documentdb.enableBypassDocumentValidation = true
documentdb.enableUserCrud = true
`;

/**
 * PostgreSQL refuses to run as root: as root, the cluster belongs to the
 * `postgres` user and its programs run as that user (setpriv execs, so the pid
 * we hold is the postmaster's own, which the fault script kills).
 */
function asClusterOwner(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

export interface DatabaseOptions {
  /** fsync and synchronous commit off: for throwaway test and benchmark clusters. */
  durable: boolean;
}

/**
 * A private PostgreSQL 15 cluster with DocumentDB, in its own folder and on its
 * own port; created on first start (initdb, settings, CREATE EXTENSION).
 */
export function postgresService(
  dataDir: string,
  port: number,
  logDir: string,
  options: DatabaseOptions,
): Service {
  const pgdata = join(dataDir, 'pgdata');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const [cmd, args] = asClusterOwner(join(PG_BIN, 'postgres'), ['-D', pgdata, '-p', String(port)]);
  // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client.
  const svc = processService('postgres', url, port, logDir, cmd, args, 'SIGINT');
  return {
    ...svc,
    async start() {
      const fresh = !existsSync(join(pgdata, 'PG_VERSION'));
      if (fresh) initCluster(dataDir, pgdata, options);
      await svc.start();
      // The port opens before PostgreSQL accepts sessions ("the database system
      // is starting up"): wait for that, not just for the port.
      await waitForPostgres(port);
      if (fresh) await createExtension(port);
    },
  };
}

function initCluster(dataDir: string, pgdata: string, options: DatabaseOptions): void {
  mkdirSync(dataDir, { recursive: true });
  rmSync(pgdata, { recursive: true, force: true });
  if (process.getuid?.() === 0) {
    // The cluster owner must reach the folder: open its parents for traversal.
    for (let d = dataDir; d !== dirname(d); d = dirname(d)) {
      const mode = statSync(d).mode;
      if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
    }
    spawnSync('chown', ['postgres:postgres', dataDir]);
  }
  const [cmd, args] = asClusterOwner(join(PG_BIN, 'initdb'), [
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '-D',
    pgdata,
  ]);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);
  const fastButUnsafe = options.durable
    ? ''
    : 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n';
  appendFileSync(join(pgdata, 'postgresql.conf'), DOCUMENTDB_SETTINGS + fastButUnsafe);
}

async function waitForPostgres(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const probe = spawnSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
    if (probe.status === 0) return;
    if (Date.now() > until)
      throw new Error(`PostgreSQL on port ${port} not accepting sessions after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function createExtension(port: number): Promise<void> {
  const psql = spawnSync(
    'psql',
    ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q'],
    { input: 'CREATE EXTENSION IF NOT EXISTS documentdb CASCADE;\n', encoding: 'utf8' },
  );
  if (psql.status !== 0) throw new Error(`CREATE EXTENSION documentdb failed: ${psql.stderr}`);
}

/** FerretDB 2 (our wrapper in tools/ferretdb), the MongoDB protocol in front of PostgreSQL. */
export function ferretdbService(
  stateDir: string,
  port: number,
  logDir: string,
  postgresUrl: string,
): Service {
  const bin = join(ROOT, '.data/bin/ferretdb');
  return processService('ferretdb', `mongodb://127.0.0.1:${port}/`, port, logDir, bin, [
    '-postgresql-url',
    postgresUrl,
    '-listen',
    `127.0.0.1:${port}`,
    '-state',
    stateDir,
  ]);
}

/**
 * The MongoDB-protocol database our scripts run: PostgreSQL with DocumentDB and
 * FerretDB in front, started in that order and stopped in reverse. Its parts
 * can be stopped, killed and started one by one (the fault script does).
 */
export interface DatabaseService extends Service {
  postgres: Service;
  ferretdb: Service;
}

export async function mongoService(
  dataDir: string,
  port: number,
  logDir: string,
  options: DatabaseOptions = { durable: false },
): Promise<DatabaseService> {
  const postgres = postgresService(join(dataDir, 'postgres'), await freePort(), logDir, options);
  const ferretdb = ferretdbService(join(dataDir, 'ferretdb'), port, logDir, postgres.url);
  return {
    name: 'ferretdb',
    url: ferretdb.url,
    port,
    postgres,
    ferretdb,
    pid: ferretdb.pid,
    async start() {
      await postgres.start();
      await ferretdb.start();
    },
    async stop() {
      await ferretdb.stop();
      await postgres.stop();
    },
  };
}

/** Redis with an append-only file, so a restart keeps queued jobs and schedulers. */
export function redisService(dataDir: string, port: number, logDir: string): Service {
  return redisServerService('redis', dataDir, port, logDir);
}

/**
 * Debian's redis-server on its own port and folder, with AOF; `extra` arguments
 * and a configuration file (first, as redis-server wants it: a Sentinel's, which
 * it rewrites) for the Cluster and Sentinel groups of scripts/redis-topologies.ts.
 */
export function redisServerService(
  name: string,
  dataDir: string,
  port: number,
  logDir: string,
  extra: string[] = [],
  configFile?: string,
): Service {
  mkdirSync(dataDir, { recursive: true });
  return processService(name, `redis://127.0.0.1:${port}`, port, logDir, 'redis-server', [
    ...(configFile ? [configFile] : []),
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
    ...extra,
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

/** The SMS sink (scripts/sms-sink.ts): takes the gateway's protocol, shows messages on a web page. */
export function smsSinkService(port: number, logDir: string): Service {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  return processService('sms-sink', `http://127.0.0.1:${port}/api/sms`, port, logDir, tsx, [
    join(ROOT, 'scripts/sms-sink.ts'),
    '--port',
    String(port),
  ]);
}
