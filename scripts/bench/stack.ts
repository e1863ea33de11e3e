import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import libmime from 'libmime';
import { SMTPServer } from 'smtp-server';
import {
  freePort,
  mongoService,
  redisService,
  type DatabaseService,
  type Service,
} from '../services';
import { Child, log, percentile, PETITION, run, tail, waitForHealth } from './common';

/**
 * The whole dispatch path, started for `npm run bench:dispatch` and `npm run
 * chaos`: PostgreSQL + FerretDB, Redis, an SMTP sink that notes when each agency
 * notice is accepted, the built API and N worker processes (each a real node
 * process whose pid is the one to kill), plus an open-loop load of residents'
 * petitions and the ledger that matches each `201` to its agency notice.
 */

export const PETITIONS_PATH = '/api/v1/petitions';

const BODY = JSON.stringify(PETITION);

const TRACKING_CODE = /TD-[0-9A-Z]{4}-[0-9A-Z]{4}/;
/** The English half of the agency notice's subject (src/notifications/templates.ts). */
const AGENCY_NOTICE = 'Petition to answer';

/**
 * Each accepted petition (its `201`) and each agency notice the SMTP sink
 * accepted, by tracking code. Times are performance.now() in this process.
 */
export class Ledger {
  /** Tracking code → when its first 2xx arrived. */
  readonly accepted = new Map<string, number>();
  /** Tracking code → when each agency notice about it was accepted by SMTP. */
  readonly notices = new Map<string, number[]>();
  /** Accepted petitions with at least one notice. */
  delivered = 0;
  /** Agency notices whose subject carried no tracking code. */
  unreadable = 0;

  accept(code: string, at: number): void {
    if (this.accepted.has(code)) return;
    this.accepted.set(code, at);
    if (this.notices.has(code)) this.delivered += 1;
  }

  notice(code: string, at: number): void {
    const times = this.notices.get(code);
    if (times) {
      times.push(at);
      log(`duplicate agency notice for ${code} (${times.length} in all)`);
    } else {
      this.notices.set(code, [at]);
      if (this.accepted.has(code)) this.delivered += 1;
    }
  }

  /** Notices beyond the first for a petition, and notices for petitions never acknowledged. */
  duplicates(): { extra: number; unacknowledged: number } {
    let extra = 0;
    let unacknowledged = 0;
    for (const [code, times] of this.notices) {
      extra += times.length - 1;
      if (!this.accepted.has(code)) unacknowledged += times.length;
    }
    return { extra, unacknowledged };
  }

  /** Latencies (ms) from `201` to first notice of the given codes; missing ones left out. */
  latencies(codes: Iterable<string>): number[] {
    const out: number[] = [];
    for (const code of codes) {
      const at = this.accepted.get(code);
      const first = this.notices.get(code)?.[0];
      if (at !== undefined && first !== undefined) out.push(first - at);
    }
    return out.sort((a, b) => a - b);
  }

  /** Resolves once every accepted petition has its notice; false after `timeoutMs`. */
  async drained(timeoutMs: number, onProgress?: () => void): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    let lastReport = Date.now();
    while (this.delivered < this.accepted.size) {
      if (Date.now() > until) return false;
      if (onProgress && Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        onProgress();
      }
      await sleep(50);
    }
    return true;
  }
}

/** The Subject header of a raw message. */
function subjectOf(raw: string): string {
  const headEnd = raw.search(/\r?\n\r?\n/);
  const head = headEnd >= 0 ? raw.slice(0, headEnd) : raw;
  const m = head.match(/^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im);
  // Unfolded, then RFC 2047 encoded words decoded (what nodemailer writes in a non-ASCII Subject).
  return m ? libmime.decodeWords(m[1]!.replace(/\r?\n[ \t]+/g, ' ')) : '';
}

/**
 * A real SMTP server (smtp-server) that records, for each agency notice, when
 * it answered 250 and which petition it is about. It can be taken down (the
 * port refuses connections, open sessions are dropped) and brought back on the
 * same port.
 */
export class SmtpSink {
  private server?: SMTPServer;
  port = 0;
  messages = 0;

  constructor(private readonly ledger: Ledger) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Going down drops open sessions at once (421) instead of after 30 s.
      closeTimeout: 1,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', callback);
        stream.on('end', () => {
          if (this.server !== server) return callback(new Error('shutting down'));
          const subject = subjectOf(Buffer.concat(chunks).toString('latin1'));
          this.messages += 1;
          if (subject.includes(AGENCY_NOTICE)) {
            const code = subject.match(TRACKING_CODE)?.[0];
            if (code) this.ledger.notice(code, performance.now());
            else this.ledger.unreadable += 1;
          }
          callback();
        });
      },
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
    server.on('error', (err: Error) => log(`smtp sink: ${err.message}`));
    const addr = server.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((ok) => s.close(() => ok()));
  }
}

/** What the load generator saw, over all its requests. */
export interface LoadCounts {
  /** Requests sent (each with its own Idempotency-Key). */
  sent: number;
  /** Answers 5xx, retries included. */
  status5xx: number;
  /** Other non-2xx answers (not retried: the request is given up). */
  otherStatus: Record<string, number>;
  /** Connection errors and timeouts, retries included. */
  networkErrors: number;
  /** Requests given up without a 2xx. */
  gaveUp: number;
}

export interface Phase {
  /** Tracking codes accepted in this phase. */
  codes: string[];
  seconds: number;
}

/**
 * Residents' petitions at a steady open-loop rate: request i leaves at
 * start + i/rate whatever happened to the others. Each carries its own
 * Idempotency-Key; a 5xx or a connection error is retried with the same key
 * (short backoff) until a 2xx, for up to `retryForMs`.
 */
export class LoadGenerator {
  readonly counts: LoadCounts = {
    sent: 0,
    status5xx: 0,
    otherStatus: {},
    networkErrors: 0,
    gaveUp: 0,
  };
  inFlight = 0;

  constructor(
    private readonly url: () => string,
    private readonly ledger: Ledger,
    private readonly retryForMs = 120_000,
  ) {}

  /**
   * Sends `count` petitions at `rate` per second (fewer if `go` says stop);
   * resolves when all have an outcome.
   */
  async run(rate: number, count: number, go?: (elapsedMs: number) => boolean): Promise<Phase> {
    const codes: string[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < count; i += 1) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (go && !go(performance.now() - start)) break;
      pending.push(this.one().then((code) => void (code && codes.push(code))));
    }
    const seconds = (performance.now() - start) / 1000;
    await Promise.all(pending);
    return { codes, seconds };
  }

  /** One petition, retried until a 2xx; returns its tracking code. */
  private async one(): Promise<string | undefined> {
    const key = randomUUID();
    const until = Date.now() + this.retryForMs;
    this.counts.sent += 1;
    this.inFlight += 1;
    try {
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > 0) {
          if (Date.now() > until) {
            this.counts.gaveUp += 1;
            return undefined;
          }
          await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
        }
        let res: Response;
        try {
          res = await fetch(`${this.url()}${PETITIONS_PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: BODY,
            signal: AbortSignal.timeout(30_000),
          });
        } catch {
          this.counts.networkErrors += 1;
          continue;
        }
        const at = performance.now();
        const text = await res.text().catch(() => '');
        if (res.status >= 200 && res.status < 300) {
          const code = text.match(TRACKING_CODE)?.[0];
          if (!code) throw new Error(`2xx without a tracking code: ${text.slice(0, 200)}`);
          this.ledger.accept(code, at);
          return code;
        }
        if (res.status >= 500) {
          this.counts.status5xx += 1;
          continue;
        }
        this.counts.otherStatus[res.status] = (this.counts.otherStatus[res.status] ?? 0) + 1;
        log(`${res.status} answer, not retried: ${text.slice(0, 200)}`);
        this.counts.gaveUp += 1;
        return undefined;
      }
    } finally {
      this.inFlight -= 1;
    }
  }
}

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarise(sortedMs: number[]): LatencySummary {
  return {
    n: sortedMs.length,
    p50: percentile(sortedMs, 0.5),
    p99: percentile(sortedMs, 0.99),
    max: sortedMs.length ? sortedMs[sortedMs.length - 1]! : NaN,
  };
}

export interface StackOptions {
  /** Prefix of the temporary folder (logs, data). */
  name: string;
  workers: number;
  /** Folder for V8 CPU profiles of the API and the workers. */
  cpuProf?: string;
  /** Extra environment for the API and the workers. */
  env?: NodeJS.ProcessEnv;
  /** fsync and synchronous commit on (a killed PostgreSQL keeps what it acknowledged). */
  durable?: boolean;
  /** API processes (default 1), each on its own port; the load goes round them in turn. */
  apis?: number;
}

/** A process of the stack that stopped without being asked to. */
export interface Death {
  name: string;
  at: Date;
  why: string;
}

/**
 * The running stack. Every process can be killed and started again; one that
 * dies by itself is noted in `deaths` (with its log's tail) and, for the API
 * and workers, started again, so a run goes on and reports it.
 */
export class Stack {
  readonly ledger = new Ledger();
  readonly sink = new SmtpSink(this.ledger);
  readonly load = new LoadGenerator(() => this.nextApiUrl(), this.ledger);
  readonly deaths: Death[] = [];
  readonly dir: string;
  mongo!: DatabaseService;
  redis!: Service;
  api!: Child;
  workers: Child[] = [];
  apiUrl = '';
  /** The API processes after the first (`apis` > 1), and their addresses. */
  moreApis: Child[] = [];
  private readonly moreApiUrls: string[] = [];
  private turn = 0;
  private env: NodeJS.ProcessEnv = {};
  private apiPort = 0;
  private stopping = false;
  private monitor?: NodeJS.Timeout;
  /** Services we stopped on purpose (not to be reported as deaths). */
  private readonly down = new Set<Service>();
  private generation = 0;

  private constructor(private readonly opts: StackOptions) {
    this.dir = mkdtempSync(join(tmpdir(), `${opts.name}-`));
    // Ctrl-C stops whatever has started so far, keeping the logs.
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  private readonly onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything`);
    void this.stop(true).finally(() => process.exit(130));
  };

  static async start(opts: StackOptions): Promise<Stack> {
    log('building the app (npm run build)');
    run('npm', ['run', 'build', '--silent']);
    const stack = new Stack(opts);
    try {
      await stack.boot();
    } catch (err) {
      await stack.stop(true);
      throw err;
    }
    return stack;
  }

  private async boot(): Promise<void> {
    const { dir } = this;
    this.mongo = await mongoService(join(dir, 'mongo'), await freePort(), dir, {
      durable: this.opts.durable ?? false,
    });
    this.redis = redisService(join(dir, 'redis'), await freePort(), dir);
    log(
      `starting PostgreSQL + FerretDB on ${this.mongo.port}, Redis on ${this.redis.port} in ${dir}`,
    );
    await Promise.all([this.mongo.start(), this.redis.start(), this.sink.start()]);
    this.apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
    this.env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(this.apiPort),
      MONGODB_URL: `${this.mongo.url}bench_dispatch`,
      REDIS_URL: this.redis.url,
      SMTP_URL: this.sink.url,
      PUBLIC_BASE_URL: this.apiUrl,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      // Production refuses to start without a secret of its own (officers' sessions).
      SESSION_SECRET: randomBytes(32).toString('hex'),
      // Any free port: several processes run on this machine.
      METRICS_PORT: '0',
      ...this.opts.env,
    };
    log('seeding reference data');
    run(process.execPath, ['dist/src/seed.js'], this.env);
    await this.startApi();
    for (let i = 1; i < (this.opts.apis ?? 1); i += 1) await this.startMoreApi(i - 1);
    for (let i = 0; i < this.opts.workers; i += 1) this.workers.push(this.spawnWorker(i));
    this.monitor = setInterval(() => this.checkServices(), 250);
    this.monitor.unref();
  }

  private nodeArgs(script: string): string[] {
    const prof = this.opts.cpuProf ? resolve(this.opts.cpuProf) : undefined;
    return [...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), script];
  }

  /** Watches a child: an exit we did not ask for is a death, and it is started again. */
  private watch(child: Child, restart: () => void): Child {
    child.exited.catch((err: Error) => {
      if (this.stopping) return;
      this.deaths.push({ name: child.name, at: new Date(), why: err.message });
      log(`FINDING: ${child.name} (pid ${child.pid}) died by itself; starting it again`);
      restart();
    });
    return child;
  }

  async startApi(): Promise<void> {
    this.generation += 1;
    const api = new Child(
      'api',
      this.nodeArgs('dist/src/server.js'),
      this.env,
      join(this.dir, 'api.log'),
    );
    this.api = this.watch(api, () => void this.startApi());
    await waitForHealth(api, this.apiUrl);
  }

  /** API process number i + 2, on a port of its own. */
  private async startMoreApi(i: number): Promise<void> {
    const url = (this.moreApiUrls[i] ??= `http://127.0.0.1:${await freePort()}`);
    const api = new Child(
      `api ${i + 2}`,
      this.nodeArgs('dist/src/server.js'),
      { ...this.env, PORT: new URL(url).port },
      join(this.dir, `api-${i + 2}.log`),
    );
    this.moreApis[i] = this.watch(api, () => void this.startMoreApi(i));
    await waitForHealth(api, url);
  }

  private nextApiUrl(): string {
    const urls = [this.apiUrl, ...this.moreApiUrls];
    this.turn = (this.turn + 1) % urls.length;
    return urls[this.turn]!;
  }

  private spawnWorker(i: number): Child {
    const w = new Child(
      `worker ${i + 1}`,
      this.nodeArgs('dist/workers/index.js'),
      this.env,
      join(this.dir, `worker-${i + 1}.log`),
    );
    return this.watch(w, () => (this.workers[i] = this.spawnWorker(i)));
  }

  /** Kills worker `i` (the real node process) with `signal`; a new one starts `downMs` later. */
  async killWorker(i: number, signal: NodeJS.Signals, downMs = 0): Promise<number> {
    const w = this.workers[i]!;
    const pid = w.pid;
    await w.kill(signal);
    await sleep(downMs);
    this.workers[i] = this.spawnWorker(i);
    return pid;
  }

  /** Sends the API `signal`, waits for it to exit, and starts a new one on the same port. */
  async restartApi(signal: NodeJS.Signals): Promise<number> {
    const pid = this.api.pid;
    await this.api.kill(signal);
    await this.startApi();
    return pid;
  }

  /** Stops or kills a service on purpose (not reported as a death). */
  async killService(svc: Service, signal: NodeJS.Signals): Promise<number | undefined> {
    this.down.add(svc);
    const pid = svc.pid();
    if (pid !== undefined) {
      process.kill(pid, signal);
      await waitUntil(() => svc.pid() === undefined, 10_000);
    }
    await svc.stop();
    return pid;
  }

  /**
   * Starts a service again, retrying for up to a minute: a killed PostgreSQL
   * refuses to start while its orphaned backends still hold its shared memory.
   */
  async startService(svc: Service): Promise<void> {
    const until = Date.now() + 60_000;
    for (;;) {
      try {
        await svc.start();
        break;
      } catch (err) {
        if (Date.now() > until) throw err;
        log(`${svc.name} did not start yet (${(err as Error).message}); retrying`);
        await svc.stop().catch(() => undefined);
        await sleep(1000);
      }
    }
    this.down.delete(svc);
  }

  private checkServices(): void {
    if (this.stopping) return;
    for (const svc of [this.mongo.postgres, this.mongo.ferretdb, this.redis]) {
      if (this.down.has(svc) || svc.pid() !== undefined) continue;
      this.down.add(svc);
      this.deaths.push({
        name: svc.name,
        at: new Date(),
        why: tail(join(this.dir, `${svc.name}.log`), 5),
      });
      log(`FINDING: ${svc.name} died by itself; starting it again`);
      this.startService(svc).catch((err: Error) =>
        log(`could not start ${svc.name} again: ${err.message}`),
      );
    }
  }

  /** Pids of the stack's processes, for CPU accounting. */
  pids(): Record<string, number | undefined> {
    return {
      api: this.api.pid,
      ...Object.fromEntries(this.moreApis.map((a) => [a.name, a.pid])),
      ...Object.fromEntries(this.workers.map((w) => [w.name, w.pid])),
      postgres: this.mongo.postgres.pid(),
      ferretdb: this.mongo.ferretdb.pid(),
      redis: this.redis.pid(),
    };
  }

  /** Stops everything; keeps the folder (logs) when `keepLogs`. */
  async stop(keepLogs: boolean): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.monitor) clearInterval(this.monitor);
    await Promise.allSettled(
      [this.api, ...this.moreApis, ...this.workers].filter(Boolean).map((c) => c.stop()),
    );
    await Promise.allSettled([this.mongo, this.redis].filter(Boolean).map((s) => s.stop()));
    await this.sink.stop();
    if (this.opts.cpuProf) {
      const who = [this.api, ...this.workers].map((c) => `${c.name} pid ${c.pid}`).join(', ');
      log(`CPU profiles in ${this.opts.cpuProf}, named by pid (${who})`);
    }
    if (keepLogs) log(`logs kept in ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What a load script found: problems (each printed as `error: …`) and its last line. */
export interface Outcome {
  problems: string[];
  lastLine?: string;
}

/**
 * Runs a load script on a fresh stack and exits: 1 when it found problems or
 * something threw (the stack's folder, with its logs, is then kept), else 0.
 */
export function runOnStack(
  label: string,
  opts: StackOptions,
  body: (s: Stack) => Promise<Outcome>,
) {
  let stack: Stack | undefined;
  const main = async (): Promise<number> => {
    stack = await Stack.start(opts);
    const { problems, lastLine } = await body(stack);
    for (const p of problems) console.log(`error: ${p}`);
    if (lastLine) console.log(lastLine);
    return problems.length > 0 ? 1 : 0;
  };
  main().then(
    async (code) => {
      await stack?.stop(code !== 0);
      process.exit(code);
    },
    async (err: unknown) => {
      console.error(`${label}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      await stack?.stop(true);
      process.exit(1);
    },
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) return false;
    await sleep(50);
  }
  return true;
}
