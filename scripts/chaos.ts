import { knob, log } from './bench/common';
import { runOnStack, sleep, type Outcome, type Stack } from './bench/stack';
import type { Service } from './services';

/**
 * `npm run chaos`: the dispatch load of `npm run bench:dispatch` (residents'
 * petitions through the real API, worker(s) and an SMTP sink) while one fault
 * after another happens: PostgreSQL, FerretDB and Redis killed (SIGKILL) and
 * started again, the SMTP server down for 15 s, a worker process killed
 * (SIGKILL, the real node process) and started again, the API sent SIGTERM with
 * requests in flight and started again. Clients retry with the same
 * Idempotency-Key until they get a 2xx. After each fault, once everything
 * accepted is delivered (or the wait runs out), one line:
 *
 *   <fault>: accepted <n>, delivered <n>, lost <n>, duplicated <n>, 5xx <n>
 *
 * A process that died by itself is printed as a finding. Exits non-zero on a
 * lost or duplicated notice, a petition never accepted, or a death.
 *
 * Knobs: CHAOS_PETITIONS (2000 per fault), CHAOS_RATE (50 /s), CHAOS_WORKERS (1),
 * CHAOS_DOWN_SECONDS (5: how long a killed process stays down), CHAOS_DRAIN_SECONDS
 * (600), CHAOS_FAULTS (comma-separated subset of the fault names below).
 */

const PETITIONS = knob('CHAOS_PETITIONS', 2000, 10, 1_000_000);
const RATE = knob('CHAOS_RATE', 50, 1, 2000);
const WORKERS = knob('CHAOS_WORKERS', 1, 1, 16);
const DOWN_SECONDS = knob('CHAOS_DOWN_SECONDS', 5, 0, 300);
const DRAIN_SECONDS = knob('CHAOS_DRAIN_SECONDS', 600, 10, 7200);
const SMTP_DOWN_SECONDS = 15;

interface Fault {
  name: string;
  /** Does the harm and undoes it; returns what it did, for the log. */
  act(s: Stack): Promise<string>;
}

/** Kills a service with SIGKILL, leaves it down a while, starts it again. */
function killService(name: string, pick: (s: Stack) => Service): Fault {
  return {
    name,
    async act(s) {
      const svc = pick(s);
      const pid = await s.killService(svc, 'SIGKILL');
      log(`${name}: pid ${pid} killed`);
      if (svc === s.mongo.postgres) await sleep(1000).then(() => readyz(s, 'PostgreSQL down'));
      await sleep(DOWN_SECONDS * 1000);
      await s.startService(svc);
      return `pid ${pid} killed, started again after ${DOWN_SECONDS} s as pid ${svc.pid()}`;
    },
  };
}

const FAULTS: Fault[] = [
  killService('postgresql-kill', (s) => s.mongo.postgres),
  killService('ferretdb-kill', (s) => s.mongo.ferretdb),
  killService('redis-kill', (s) => s.redis),
  {
    name: 'smtp-down',
    async act(s) {
      await s.sink.stop();
      await sleep(SMTP_DOWN_SECONDS * 1000);
      await s.sink.start();
      return `SMTP refused connections for ${SMTP_DOWN_SECONDS} s`;
    },
  },
  {
    name: 'worker-kill',
    async act(s) {
      const pid = await s.killWorker(0, 'SIGKILL', DOWN_SECONDS * 1000);
      return `worker pid ${pid} killed, a new one started after ${DOWN_SECONDS} s (pid ${s.workers[0]!.pid})`;
    },
  },
  {
    name: 'api-sigterm',
    async act(s) {
      const inFlight = s.load.inFlight;
      const pid = await s.restartApi('SIGTERM');
      return `API pid ${pid} sent SIGTERM with ${inFlight} requests in flight, new pid ${s.api.pid}`;
    },
  },
];

/** What /readyz answers now (logged, and printed as a line of the report). */
const readyzSeen: string[] = [];
async function readyz(s: Stack, when: string): Promise<void> {
  const started = Date.now();
  const answer = await fetch(`${s.apiUrl}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
    async (r) => `${r.status} ${await r.text()} in ${Date.now() - started} ms`,
    (err: Error) => `no answer in ${Date.now() - started} ms (${err.message})`,
  );
  readyzSeen.push(`readyz with ${when}: ${answer}`);
  log(`readyz with ${when}: ${answer}`);
}

/** Waits until /readyz answers 200: the stack recovered from the fault. */
async function recovered(s: Stack, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${s.apiUrl}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await sleep(500);
  }
  return false;
}

const only = process.env.CHAOS_FAULTS?.split(',').map((f) => f.trim());
const faults = only ? FAULTS.filter((f) => only.includes(f.name)) : FAULTS;
if (only && faults.length !== only.length) {
  console.error(`chaos: CHAOS_FAULTS: known faults are ${FAULTS.map((f) => f.name).join(', ')}`);
  process.exit(1);
}

async function main(s: Stack): Promise<Outcome> {
  const { ledger, load } = s;
  const problems: string[] = [];
  log(`warming up: ${RATE * 2} petitions at ${RATE}/s`);
  await load.run(RATE, RATE * 2);
  if (!(await ledger.drained(DRAIN_SECONDS * 1000))) throw new Error('warm-up never drained');

  const seconds = PETITIONS / RATE;
  console.log(
    `chaos: ${PETITIONS} petitions per fault at ${RATE}/s (${seconds.toFixed(0)} s), ` +
      `${WORKERS} worker process(es); each fault starts ${(seconds / 4).toFixed(0)} s in`,
  );
  for (const fault of faults) {
    const before = { ...load.counts, deaths: s.deaths.length, ...ledger.duplicates() };
    log(`${fault.name}: load starts`);
    const running = load.run(RATE, PETITIONS);
    await sleep((seconds / 4) * 1000);
    const what = await fault.act(s);
    log(`${fault.name}: ${what}`);
    const phase = await running;
    log(`${fault.name}: load done; waiting for every accepted petition's notice`);
    const drained = await ledger.drained(DRAIN_SECONDS * 1000, () =>
      log(`  ${ledger.accepted.size - ledger.delivered} notices still to come`),
    );
    // Late duplicates (a notice sent twice) arrive shortly after the first.
    await sleep(2000);
    // Every duplicate that arrived meanwhile, also a late one of an earlier phase.
    const dup = ledger.duplicates();
    const delivered = phase.codes.filter((c) => ledger.notices.has(c)).length;
    const accepted = phase.codes.length;
    const duplicated = dup.extra + dup.unacknowledged - (before.extra + before.unacknowledged);
    const gaveUp = load.counts.gaveUp - before.gaveUp;
    const status5xx = load.counts.status5xx - before.status5xx;
    console.log(
      `${fault.name}: accepted ${accepted}, delivered ${delivered}, lost ${accepted - delivered}, ` +
        `duplicated ${duplicated}, 5xx ${status5xx}`,
    );
    if (accepted < PETITIONS) {
      problems.push(`${fault.name}: ${PETITIONS - accepted} petitions never answered 2xx`);
    }
    if (gaveUp > 0) problems.push(`${fault.name}: ${gaveUp} requests given up`);
    if (accepted > delivered) {
      problems.push(
        `${fault.name}: ${accepted - delivered} notices lost${drained ? '' : ` (waited ${DRAIN_SECONDS} s)`}`,
      );
    }
    if (duplicated > 0) problems.push(`${fault.name}: ${duplicated} notices duplicated`);
    for (const d of s.deaths.slice(before.deaths)) {
      const line = `finding: during ${fault.name}, ${d.name} died by itself: ${d.why}`;
      console.log(line);
      problems.push(line);
    }
    if (!(await recovered(s, 60_000))) {
      problems.push(`${fault.name}: /readyz not 200 a minute after the fault`);
      await readyz(s, `the stack a minute after ${fault.name}`);
    }
  }
  for (const line of readyzSeen) console.log(line);
  await sleep(5000);
  const dup = ledger.duplicates();
  const lost = ledger.accepted.size - ledger.delivered;
  console.log(
    `all: accepted ${ledger.accepted.size}, delivered ${ledger.delivered}, ` +
      `lost ${lost}, duplicated ${dup.extra + dup.unacknowledged}, ` +
      `5xx ${load.counts.status5xx}, connection errors ${load.counts.networkErrors}`,
  );
  if (lost > 0) problems.push(`${lost} notices lost in all`);
  if (dup.extra + dup.unacknowledged > 0) {
    const codes = [...ledger.notices].filter(([, t]) => t.length > 1).map(([c]) => c);
    problems.push(
      `${dup.extra + dup.unacknowledged} notices duplicated in all ` +
        `(${dup.unacknowledged} for petitions never answered 2xx; twice: ${codes.join(' ')})`,
    );
  }
  return { problems };
}

// Durable: a killed PostgreSQL must keep every write it acknowledged.
runOnStack('chaos', { name: 'chaos', workers: WORKERS, durable: true }, main);
