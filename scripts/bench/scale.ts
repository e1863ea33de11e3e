import { knob, log } from './common';
import { runOnStack, sleep, summarise, type Stack } from './stack';

/**
 * `npm run bench:scale`: many processes against one database and one Redis.
 * SCALE_APIS API processes (2) and SCALE_WORKERS worker processes (3) take
 * residents' petitions at SCALE_RATE/s (100) for SCALE_SECONDS (60), the load
 * going round the APIs; then the same again while one worker after another is
 * killed with SIGKILL every SCALE_KILL_EVERY seconds (10) and started again.
 * Each phase prints accepted, delivered (agency notices), duplicates and the
 * dispatch latency (from the `201` to the notice accepted by SMTP). Exits 1 if
 * anything was lost or duplicated, or a process died by itself.
 * SCALE_DRAIN_SECONDS (300): how long a phase may take to deliver its backlog.
 */
const APIS = knob('SCALE_APIS', 2, 1, 16);
const WORKERS = knob('SCALE_WORKERS', 3, 1, 32);
const RATE = knob('SCALE_RATE', 100, 1, 5000);
const SECONDS = knob('SCALE_SECONDS', 60, 1, 3600);
const KILL_EVERY = knob('SCALE_KILL_EVERY', 10, 1, 600);
const DRAIN_SECONDS = knob('SCALE_DRAIN_SECONDS', 300, 10, 3600);

async function phase(s: Stack, label: string, killing: boolean): Promise<string[]> {
  const problems: string[] = [];
  let kills = 0;
  let running = true;
  const killer = (async () => {
    while (killing && running) {
      await sleep(KILL_EVERY * 1000);
      if (!running) break;
      const i = kills % WORKERS;
      const pid = await s.killWorker(i, 'SIGKILL');
      kills += 1;
      log(`${label}: killed worker ${i + 1} (pid ${pid}) with SIGKILL; started again`);
    }
  })();
  const { codes, seconds } = await s.load.run(RATE, Math.round(RATE * SECONDS));
  running = false;
  await killer;
  log(`${label}: ${codes.length} accepted in ${seconds.toFixed(1)} s; waiting for the notices`);
  const drained = await s.ledger.drained(DRAIN_SECONDS * 1000);
  // Duplicates from a retried job would come late: give them a moment.
  await sleep(3000);
  const delivered = codes.filter((c) => s.ledger.notices.has(c)).length;
  const duplicates = codes.reduce(
    (n, c) => n + Math.max(0, (s.ledger.notices.get(c)?.length ?? 0) - 1),
    0,
  );
  const lat = summarise(s.ledger.latencies(codes));
  console.log(
    `${label}: ${APIS} APIs, ${WORKERS} workers, ${RATE}/s for ${SECONDS} s${killing ? `, ${kills} workers killed` : ''}: ` +
      `accepted ${codes.length}, delivered ${delivered}, duplicates ${duplicates}, ` +
      `dispatch p50 ${(lat.p50 / 1000).toFixed(3)} s, p99 ${(lat.p99 / 1000).toFixed(3)} s, max ${(lat.max / 1000).toFixed(3)} s`,
  );
  if (!drained || delivered !== codes.length)
    problems.push(`${label}: ${codes.length - delivered} accepted petitions without a notice`);
  if (duplicates > 0) problems.push(`${label}: ${duplicates} duplicated notices`);
  return problems;
}

runOnStack('bench:scale', { name: 'td-scale', workers: WORKERS, apis: APIS }, async (s) => {
  const problems = [...(await phase(s, 'steady', false)), ...(await phase(s, 'worker-kill', true))];
  const { counts } = s.load;
  if (counts.gaveUp > 0) problems.push(`${counts.gaveUp} petitions given up by the clients`);
  for (const d of s.deaths) problems.push(`${d.name} died by itself: ${d.why}`);
  const { extra, unacknowledged } = s.ledger.duplicates();
  return {
    problems,
    lastLine: `scale: ${s.ledger.accepted.size} accepted, ${s.ledger.delivered} delivered, ${extra} duplicates, ${unacknowledged} unacknowledged notices, 5xx ${counts.status5xx}`,
  };
});
