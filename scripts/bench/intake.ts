import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { freePort, mongoService, redisService, waitForPort, type Service } from '../services';
import {
  Child,
  cpuSeconds,
  knob,
  log,
  PETITION,
  percentile,
  run,
  table,
  waitForHealth,
  watched,
} from './common';

/**
 * `npm run bench:intake`: petition intake throughput of the real API (built, in
 * its own process, on FerretDB and Redis started here) against a baseline that
 * does only the durable write (bare node:http + the raw driver, same document,
 * same write concern, same database server). Both sides get the same fixed load,
 * alternately. Prints a table and the service/baseline ratio; exits non-zero only
 * when something went wrong (an error, a non-2xx answer, a lost write).
 *
 * Optional knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS
 * (16), BENCH_ROUNDS (2), BENCH_CPU_PROF=<dir> (write a V8 CPU profile of the API).
 */

const PATH = '/api/v1/petitions';
const TARGET_RATIO = 0.6;

const SECONDS = knob('BENCH_SECONDS', 10, 1, 120);
const WARMUP_SECONDS = knob('BENCH_WARMUP_SECONDS', 2, 0, 30);
const CONNECTIONS = knob('BENCH_CONNECTIONS', 16, 1, 256);
const ROUNDS = knob('BENCH_ROUNDS', 2, 1, 5);
const CPU_PROF = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

const BODY = JSON.stringify(PETITION);

type Side = 'baseline' | 'service';

interface Target {
  side: Side;
  url: string;
  proc: Child;
  dbName: string;
  /** 2xx answers received, warm-ups and the probe included: the writes to expect. */
  created: number;
  /** Non-2xx answers by status, and connection errors, warm-ups included. */
  bad: Record<string, number>;
  errors: number;
}

interface Sample {
  side: Side;
  round: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  latencies: number[];
  /** CPU seconds each process used during the run. */
  cpu: Record<CpuKey, number>;
}

type CpuKey = 'server' | 'db' | 'postgres' | 'redis' | 'loadgen';
const CPU_KEYS: CpuKey[] = ['server', 'db', 'postgres', 'redis', 'loadgen'];
/** PostgreSQL works in one backend per connection: its CPU is the postmaster's tree. */
const cpuOf = (k: CpuKey, pid: number | undefined) => cpuSeconds(pid, k === 'postgres');

/** One request by hand, to check that the side answers what the service answers. */
async function probe(t: Target): Promise<void> {
  const res = await fetch(`${t.url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // reported below
  }
  if (
    res.status !== 201 ||
    typeof body.id !== 'string' ||
    !/^TD-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(String(body.trackingCode)) ||
    body.status !== 'received'
  ) {
    throw new Error(`${t.side}: probe answered ${res.status} ${text.slice(0, 300)}`);
  }
  t.created += 1;
}

async function load(
  t: Target,
  seconds: number,
  round: number,
  pids: Omit<Record<CpuKey, number | undefined>, 'server'>,
): Promise<Sample> {
  const latencies: number[] = [];
  const all = { ...pids, server: t.proc.pid };
  const cpuBefore = Object.fromEntries(CPU_KEYS.map((k) => [k, cpuOf(k, all[k])]));
  const sample: Sample = {
    side: t.side,
    round,
    seconds: 0,
    ok: 0,
    non2xx: 0,
    errors: 0,
    latencies,
    cpu: { server: 0, db: 0, postgres: 0, redis: 0, loadgen: 0 },
  };
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((ok, fail) => {
    instance = autocannon(
      {
        url: `${t.url}${PATH}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (err: unknown, result) => (err ? fail(err) : ok(result)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) {
        sample.ok += 1;
        latencies.push(ms);
      } else {
        sample.non2xx += 1;
        t.bad[status] = (t.bad[status] ?? 0) + 1;
      }
    });
  });
  let result: autocannon.Result;
  try {
    result = await watched(t.proc, `${t.side} load`, done, (seconds + 30) * 1000);
  } catch (err) {
    instance?.stop();
    throw err;
  }
  for (const k of CPU_KEYS) sample.cpu[k] = cpuOf(k, all[k]) - cpuBefore[k]!;
  sample.seconds = result.duration;
  sample.errors = result.errors;
  t.created += sample.ok;
  t.errors += sample.errors;
  return sample;
}

/** Our own children by command name (the services start them; they do not say their pid). */
function childPid(comm: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && name === comm) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

interface Row {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** CPU milliseconds per answered request, by process. */
  cpuMs: Record<CpuKey, number>;
}

function summarise(label: string, samples: Sample[]): Row {
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  const ok = samples.reduce((n, s) => n + s.ok, 0);
  return {
    label,
    rps: seconds > 0 ? ok / seconds : 0,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    ok,
    non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    cpuMs: Object.fromEntries(
      CPU_KEYS.map((k) => [
        k,
        ok > 0 ? (samples.reduce((n, s) => n + s.cpu[k], 0) / ok) * 1000 : 0,
      ]),
    ) as Record<CpuKey, number>,
  };
}

function memory(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (k: string) => status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1];
    const mb = (kb: string | undefined) => (kb ? `${(Number(kb) / 1024).toFixed(1)} MB` : '?');
    return `VmRSS ${mb(field('VmRSS'))} (peak VmHWM ${mb(field('VmHWM'))})`;
  } catch {
    return 'unavailable';
  }
}

async function main(): Promise<number> {
  log('building the app (npm run build)');
  run('npm', ['run', 'build', '--silent']);

  const dir = mkdtempSync(join(tmpdir(), 'bench-intake-'));
  const services: Service[] = [];
  const children: Child[] = [];
  let failed = true;
  const cleanup = async () => {
    await Promise.allSettled(children.map((c) => c.stop()));
    await Promise.allSettled(services.map((s) => s.stop()));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything; logs kept in ${dir}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const mongo = await mongoService(join(dir, 'mongo'), await freePort(), dir);
    services.push(mongo);
    const redis = redisService(join(dir, 'redis'), await freePort(), dir);
    services.push(redis);
    log(`starting ${mongo.name} on ${mongo.port} and redis on ${redis.port} in ${dir}`);
    await Promise.all(services.map((s) => s.start()));

    // No mail is sent at intake; the URL only has to be valid and point nowhere.
    const smtpPort = await freePort();
    const apiPort = await freePort();
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(apiPort),
      MONGODB_URL: `${mongo.url}bench_api`,
      REDIS_URL: redis.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      // Production refuses to start without a secret of its own (officers' sessions).
      SESSION_SECRET: randomBytes(32).toString('hex'),
    };
    log('seeding reference data');
    run(process.execPath, ['dist/src/seed.js'], apiEnv);

    const apiArgs = [
      ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : []),
      'dist/src/server.js',
    ];
    const api = new Child('api', apiArgs, apiEnv, join(dir, 'api.log'));
    children.push(api);

    const basePort = await freePort();
    const baseline = new Child(
      'baseline',
      [join(__dirname, 'baseline.mjs')],
      {
        ...process.env,
        PORT: String(basePort),
        MONGODB_URL: mongo.url,
        DB_NAME: 'bench_baseline',
      },
      join(dir, 'baseline.log'),
    );
    children.push(baseline);

    await waitForHealth(api, `http://127.0.0.1:${apiPort}`);
    await watched(baseline, 'baseline start', waitForPort(basePort, 30_000), 31_000);

    const targets: Record<Side, Target> = {
      baseline: {
        side: 'baseline',
        url: `http://127.0.0.1:${basePort}`,
        proc: baseline,
        dbName: 'bench_baseline',
        created: 0,
        bad: {},
        errors: 0,
      },
      service: {
        side: 'service',
        url: `http://127.0.0.1:${apiPort}`,
        proc: api,
        dbName: 'bench_api',
        created: 0,
        bad: {},
        errors: 0,
      },
    };
    await probe(targets.baseline);
    await probe(targets.service);

    log(
      `load: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured, ` +
        `${ROUNDS} round(s) of baseline then service`,
    );
    const pids = {
      db: childPid(mongo.name === 'mongod' ? 'mongod' : 'ferretdb'),
      postgres: 'postgres' in mongo ? mongo.postgres.pid() : undefined,
      redis: childPid('redis-server'),
      loadgen: process.pid,
    };
    const samples: Sample[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const side of ['baseline', 'service'] as const) {
        const t = targets[side];
        if (WARMUP_SECONDS > 0) await load(t, WARMUP_SECONDS, round, pids);
        const s = await load(t, SECONDS, round, pids);
        log(`round ${round} ${side}: ${(s.ok / s.seconds).toFixed(1)} req/s`);
        samples.push(s);
      }
    }

    const mem = { api: memory(api.pid), baseline: memory(baseline.pid) };

    // Every 201 must be a stored document (in-flight requests at the end of a run
    // may add a few more than were counted).
    const client = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 5000 });
    const stored: Record<Side, number> = { baseline: 0, service: 0 };
    try {
      for (const t of Object.values(targets)) {
        stored[t.side] = await client.db(t.dbName).collection('submissions').countDocuments();
      }
    } finally {
      await client.close();
    }

    const rows: Row[] = [];
    for (const side of ['baseline', 'service'] as const) {
      const mine = samples.filter((s) => s.side === side);
      if (ROUNDS > 1) for (const s of mine) rows.push(summarise(`${side} #${s.round}`, [s]));
      rows.push(summarise(ROUNDS > 1 ? `${side} (all)` : side, mine));
    }
    const base = rows.find((r) => r.label.startsWith('baseline') && !r.label.includes('#'))!;
    const svc = rows.find((r) => r.label.startsWith('service') && !r.label.includes('#'))!;
    const ratio = base.rps > 0 ? svc.rps / base.rps : 0;

    console.log(
      `intake benchmark: POST ${PATH}, ${CONNECTIONS} connections, ` +
        `${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, ${ROUNDS} round(s), ` +
        `${mongo.name} + redis on loopback`,
    );
    console.log('');
    console.log(
      table(
        ['', 'req/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors'],
        rows.map((r) => [
          r.label,
          r.rps.toFixed(1),
          r.p50.toFixed(2),
          r.p99.toFixed(2),
          String(r.ok),
          String(r.non2xx),
          String(r.errors),
        ]),
      ),
    );
    console.log('');
    console.log(`ratio service/baseline (req/s): ${ratio.toFixed(3)}`);
    console.log(`target: ratio >= ${TARGET_RATIO}  ->  ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}`);
    console.log('');
    console.log('CPU time per answered request (ms), by process:');
    console.log(
      table(
        ['', 'server', mongo.name, 'postgres', 'redis', 'load generator'],
        [base, svc].map((r) => [
          r.label,
          r.cpuMs.server.toFixed(2),
          r.cpuMs.db.toFixed(2),
          r.cpuMs.postgres.toFixed(2),
          r.cpuMs.redis.toFixed(2),
          r.cpuMs.loadgen.toFixed(2),
        ]),
      ),
    );
    console.log('');
    console.log(`memory api      (pid ${api.pid}): ${mem.api}`);
    console.log(`memory baseline (pid ${baseline.pid}): ${mem.baseline}`);
    console.log(
      `stored documents: baseline ${stored.baseline} for ${targets.baseline.created} answered 201, ` +
        `service ${stored.service} for ${targets.service.created} answered 201`,
    );

    // Warm-ups included: any failed request is an error, whatever the figures.
    const problems: string[] = [];
    for (const t of Object.values(targets)) {
      const bad = Object.entries(t.bad).map(([status, n]) => `${n} x ${status}`);
      if (bad.length) problems.push(`${t.side}: non-2xx answers: ${bad.join(', ')}`);
      if (t.errors > 0) problems.push(`${t.side}: ${t.errors} connection errors or timeouts`);
      if (stored[t.side] < t.created) {
        problems.push(`${t.side}: ${t.created} answered 201 but only ${stored[t.side]} stored`);
      }
    }
    for (const p of problems) console.log(`error: ${p}`);
    failed = problems.length > 0;
    return failed ? 1 : 0;
  } finally {
    await cleanup();
    if (CPU_PROF) log(`CPU profile of the API in ${CPU_PROF}`);
    if (failed) log(`logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
