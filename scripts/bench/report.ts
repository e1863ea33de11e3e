import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { MongoClient, type Db } from 'mongodb';
import { Types } from 'mongoose';
import { freePort, mongoService, redisService, type Service } from '../services';
import type { SubmissionStatus } from '../../src/submissions/statuses';
import type { Actor, HistoryEntry, Submission } from '../../src/submissions/model';
import {
  capture,
  Child,
  knob,
  log,
  percentile,
  ROOT,
  run,
  table,
  waitForHealth,
  watched,
} from './common';

/**
 * `npm run bench:report`: does the monthly briefing stay as fast when the
 * history grows a hundredfold? The real API (built, in its own process, on
 * FerretDB and Redis started here) answers GET /api/v1/officer/reports/monthly
 * over HTTP, one request at a time (3 warm-ups + BENCH_REPS measured), at 10k
 * submissions and again at 1M. Prints p50/p99 at both sizes and the ratio
 * against the targets (p99 ratio < 1.5, p99 < 200 ms at the large size); exits
 * 0 whatever the figures, non-zero when something went wrong.
 *
 * Data (raw driver insertMany, batches of BENCH_BATCH = 10 000): a fixed inflow
 * of BENCH_MONTHLY (5000) submissions a month, newest first, so 10k is the last
 * 2 months and 1M the last 200 months (~17 years); 80% petitions; both demo
 * provinces, units of every depth in force at the time; categories weighted;
 * topics on half the items; statuses as history leaves them (about half of the
 * last two months open, older months ~all closed: answered on time or late,
 * rated, reopened, rejected, noted…), each with the history the state machine
 * writes. The report reads counters, so they are built for the seeded items by
 * the app's own counting code (StatsAccumulator from dist, the code of the
 * recount command) as the items are generated, and written as the live path
 * would have left them; the inbox of open items is written alongside
 * (inboxEntry from dist). At 10k the recount command
 * (`node dist/src/reports/recount.js`) also runs, and its counters are checked
 * against the directly computed ones.
 *
 * Knobs: BENCH_LARGE (1 000 000), BENCH_MONTHLY (5000), BENCH_BATCH (10 000),
 * BENCH_REPS (50), BENCH_SEED_BUDGET_SECONDS (660: seeding the large size stops
 * there and the largest size reached is measured, labelled as such),
 * BENCH_DEADLINE_SECONDS (1500), BENCH_SEED (1).
 */

const SMALL = 10_000;
const LARGE = knob('BENCH_LARGE', 1_000_000, 20_000, 5_000_000);
const MONTHLY = knob('BENCH_MONTHLY', 5000, 100, 100_000);
const BATCH = knob('BENCH_BATCH', 10_000, 500, 50_000);
const REPS = knob('BENCH_REPS', 50, 5, 1000);
const WARMUPS = 3;
const SEED_BUDGET_SECONDS = knob('BENCH_SEED_BUDGET_SECONDS', 660, 10, 3600);
const DEADLINE_SECONDS = knob('BENCH_DEADLINE_SECONDS', 1500, 60, 7200);
const SEED = knob('BENCH_SEED', 1, 0, 2 ** 31);
const TARGET_RATIO = 1.5;
const TARGET_P99_MS = 200;
const PROVINCE = 'minh-hoa';
const REPORT = '/api/v1/officer/reports/monthly';
const MONTH_MS = (365.25 / 12) * 86_400_000;
const DAY_MS = 86_400_000;

// The built app: the same counting code, inbox projection, month and search key.
const fromDist = createRequire(join(ROOT, 'dist/'));
type Dist = {
  rebuild: typeof import('../../src/reports/rebuild');
  model: typeof import('../../src/reports/model');
  projection: typeof import('../../src/triage/projection');
  clock: typeof import('../../src/platform/clock');
  text: typeof import('../../src/platform/text');
  deps: typeof import('../../src/deps');
  env: typeof import('../../config/env');
  officers: typeof import('../../src/officers/service');
};
/** Loaded once the build has run. */
let dist: Dist;
function loadDist(): Dist {
  return {
    rebuild: fromDist('./src/reports/rebuild.js'),
    model: fromDist('./src/reports/model.js'),
    projection: fromDist('./src/triage/projection.js'),
    clock: fromDist('./src/platform/clock.js'),
    text: fromDist('./src/platform/text.js'),
    deps: fromDist('./src/deps.js'),
    env: fromDist('./config/env.js'),
    officers: fromDist('./src/officers/service.js'),
  };
}
const RECOUNT = join(ROOT, 'dist/src/reports/recount.js');

// ---------------------------------------------------------------------------
// The data

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function openShare(monthsBack: number): number {
  if (monthsBack === 0) return 0.65;
  if (monthsBack === 1) return 0.35;
  return 0.03 * 0.5 ** (monthsBack - 2);
}

const CATEGORY_WEIGHT: Record<string, number> = {
  land: 20,
  traffic: 18,
  environment: 14,
  utilities: 12,
  'public-order': 10,
  'social-policy': 9,
  health: 7,
  education: 6,
  other: 4,
};
const TITLES = [
  'Đường vào ấp ngập nước mỗi khi mưa',
  'Chậm cấp giấy chứng nhận quyền sử dụng đất',
  'Rác thải ở chợ không được thu gom',
  'Mất điện kéo dài vào buổi tối',
  'Trạm y tế xã thiếu thuốc',
  'Thanh niên tụ tập đua xe ban đêm',
  'Đề nghị hỗ trợ hộ nghèo sửa nhà',
  'Trường học thiếu phòng học',
  'Thủ tục hành chính còn rườm rà',
];
const WORDS =
  'người dân bà con khu phố chính quyền cơ quan xem xét giải quyết kịp thời nhiều lần thường xuyên kéo dài mặt đường ổ gà rác thải nước sạch hộ nghèo học sinh trạm y tế an ninh trật tự'.split(
    ' ',
  );
const ANSWER =
  'Cơ quan đã kiểm tra thực tế, phối hợp với địa phương xử lý và sẽ tiếp tục theo dõi.';

interface Unit {
  code: string;
  name: string;
  path: string[];
  validFrom?: Date;
  validTo?: Date;
}
interface Reference {
  provinces: { code: string; units: Unit[] }[];
  categories: { code: string; answerWorkingDays: number; weight: number }[];
  agencies: { code: string; name: string; jurisdictionCode: string }[];
  rules: { categoryCode: string; jurisdictionCode: string; agencyCode: string }[];
  topics: string[];
}

async function loadReference(db: Db): Promise<Reference> {
  const units = await db
    .collection<Unit>('jurisdictions')
    .find({}, { projection: { _id: 0, code: 1, name: 1, path: 1, validFrom: 1, validTo: 1 } })
    .toArray();
  const categories = (
    await db
      .collection<{ code: string; answerWorkingDays: number }>('categories')
      .find({})
      .toArray()
  ).map((c) => ({
    code: c.code,
    answerWorkingDays: c.answerWorkingDays,
    weight: CATEGORY_WEIGHT[c.code] ?? 5,
  }));
  const agencies = await db
    .collection<Reference['agencies'][number]>('agencies')
    .find({ active: true })
    .toArray();
  const rules = await db.collection<Reference['rules'][number]>('routingrules').find({}).toArray();
  const topics = (await db.collection<{ code: string }>('topics').find({}).toArray()).map(
    (t) => t.code,
  );
  return {
    provinces: units
      .filter((u) => u.path.length === 1)
      .map((p) => ({ code: p.code, units: units.filter((u) => u.path[0] === p.code) })),
    categories,
    agencies,
    rules,
    topics,
  };
}

type SeedDoc = Submission & { __v: number };

class Generator {
  private readonly r: () => number;
  private counter = 0;
  private codes = 0;

  constructor(
    private readonly ref: Reference,
    private readonly now: number,
    private readonly officer: Actor,
    seed: number,
  ) {
    this.r = rng(seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }

  private objectId(at: number): Types.ObjectId {
    this.counter = (this.counter + 1) & 0xffffff;
    const time = Math.floor(at / 1000)
      .toString(16)
      .padStart(8, '0');
    return new Types.ObjectId(
      `${time}${randomBytes(5).toString('hex')}${this.counter.toString(16).padStart(6, '0')}`,
    );
  }

  private category() {
    const total = this.ref.categories.reduce((n, c) => n + c.weight, 0);
    let x = this.r() * total;
    for (const c of this.ref.categories) if ((x -= c.weight) < 0) return c;
    return this.ref.categories.at(-1)!;
  }

  private unitAt(at: number): Unit {
    const p = this.pick(this.ref.provinces);
    const inForce = p.units.filter(
      (u) =>
        (!u.validFrom || u.validFrom.getTime() <= at) && (!u.validTo || u.validTo.getTime() > at),
    );
    return this.pick(inForce.length ? inForce : p.units);
  }

  private routed(categoryCode: string, path: string[]) {
    let best: { depth: number; agencyCode: string } | undefined;
    for (const rule of this.ref.rules) {
      const depth = path.indexOf(rule.jurisdictionCode);
      if (rule.categoryCode === categoryCode && depth >= 0 && (!best || depth > best.depth))
        best = { depth, agencyCode: rule.agencyCode };
    }
    return best && this.ref.agencies.find((a) => a.code === best.agencyCode);
  }

  private chosen(path: string[]) {
    const onPath = this.ref.agencies.filter((a) => path.includes(a.jurisdictionCode));
    const inProvince = this.ref.agencies.filter((a) => a.jurisdictionCode.startsWith(path[0]!));
    return this.pick(onPath.length ? onPath : inProvince.length ? inProvince : this.ref.agencies);
  }

  make(i: number): { doc: SeedDoc; open: boolean } {
    const r = this.r;
    const monthsBack = Math.floor(i / MONTHLY);
    const createdAt = this.now - monthsBack * MONTH_MS - 60_000 - r() * (MONTH_MS - 60_000);
    const latest = this.now - 1000;
    const after = (t: number, lo: number, hi: number) =>
      Math.max(t, Math.min(t + lo + r() * (hi - lo), latest));
    const kind = r() < 0.8 ? 'petition' : 'sentiment';
    const unit = this.unitAt(createdAt);
    const category = this.category();
    const open = r() < openShare(monthsBack);
    const id = this.objectId(createdAt);
    const history: HistoryEntry[] = [
      { at: new Date(createdAt), actor: { kind: 'resident' }, action: 'received', to: 'received' },
    ];
    let status = 'received' as SubmissionStatus;
    let t = createdAt;
    const move = (to: SubmissionStatus, action: string, actor: Actor, at: number) => {
      history.push({ at: new Date(at), actor, action, from: status, to });
      status = to;
      t = at;
    };
    const extra: Partial<Submission> = {};
    const assign = (agency: { code: string; name: string }, actor: Actor, action: string) => {
      const at =
        actor.kind === 'system' ? after(t, 5000, 300_000) : after(t, 3_600_000, 4 * DAY_MS);
      move('assigned', action, actor, at);
      Object.assign(extra, {
        agencyCode: agency.code,
        currentAssignmentId: this.objectId(at),
        assignmentCount: 1,
        dueAt: new Date(at + Math.ceil((category.answerWorkingDays * 7) / 5) * DAY_MS),
      });
    };
    if (kind === 'petition') {
      const agency = this.routed(category.code, unit.path);
      if (agency) assign(agency, { kind: 'system', name: 'routing' }, 'routing.assigned');
      else
        move(
          'needs_triage',
          'routing.unresolved',
          { kind: 'system', name: 'routing' },
          after(t, 5000, 300_000),
        );
      if (status === 'needs_triage' && (!open || r() < 0.4))
        assign(this.chosen(unit.path), this.officer, 'triage.assigned');
    }
    if (!open) {
      const x = r();
      if (kind === 'sentiment') {
        if (x < 0.9) move('noted', 'triage.noted', this.officer, after(t, DAY_MS / 4, 10 * DAY_MS));
        else move('rejected', 'triage.rejected', this.officer, after(t, DAY_MS / 4, 5 * DAY_MS));
      } else if (status === 'assigned' && x < 0.8) {
        const span = extra.dueAt!.getTime() - t;
        const at = after(t, span * 0.1, span * 1.4);
        const agency = this.ref.agencies.find((a) => a.code === extra.agencyCode)!;
        move(
          'answered',
          'agency.answered',
          { kind: 'agency', ref: agency.code, name: agency.name },
          at,
        );
        extra.answer = {
          text: ANSWER,
          responderName: 'Văn phòng',
          agencyCode: agency.code,
          assignmentId: extra.currentAssignmentId!,
          at: new Date(at),
        };
        const y = r();
        if (y < 0.35)
          move('closed', 'resident.satisfied', { kind: 'resident' }, after(t, DAY_MS, 9 * DAY_MS));
        else if (y < 0.45) {
          move('reopened', 'resident.reopened', { kind: 'resident' }, after(t, DAY_MS, 9 * DAY_MS));
          move('closed', 'triage.closed', this.officer, after(t, DAY_MS, 5 * DAY_MS));
        } else if (t + 30 * DAY_MS < latest)
          move(
            'closed',
            'resident.closed',
            { kind: 'system', name: 'rating window' },
            t + 30 * DAY_MS,
          );
      } else if (x < 0.9)
        move('rejected', 'triage.rejected', this.officer, after(t, DAY_MS / 2, 7 * DAY_MS));
      else {
        extra.legalType = r() < 0.7 ? 'complaint' : 'denunciation';
        move('redirected', 'triage.redirected', this.officer, after(t, DAY_MS / 2, 7 * DAY_MS));
      }
    }
    const title = this.pick(TITLES);
    const body = Array.from({ length: 12 + Math.floor(r() * 20) }, () => this.pick(WORDS)).join(
      ' ',
    );
    const topics =
      this.ref.topics.length && r() < 0.5
        ? [
            ...new Set([
              this.pick(this.ref.topics),
              ...(r() < 0.3 ? [this.pick(this.ref.topics)] : []),
            ]),
          ]
        : undefined;
    this.codes += 1;
    const code = this.codes.toString(32).toUpperCase().padStart(8, '0');
    const doc: SeedDoc = {
      _id: id,
      kind,
      trackingCode: `TD-${code.slice(0, 4)}-${code.slice(4)}`,
      title,
      body,
      searchKey: dist.text.searchKey(title, body),
      categoryCode: category.code,
      jurisdictionCode: unit.code,
      jurisdictionPath: unit.path,
      month: dist.clock.localMonth(new Date(createdAt)),
      submitter: { name: 'Nguyễn Văn An', email: `dan${i}@example.com` },
      shareContactWithAgency: false,
      status,
      assignmentCount: 0,
      supporterCount: 1,
      cooperatingAgencyCodes: [],
      ...(topics ? { topics } : {}),
      history,
      outbox: [],
      outboxPending: false,
      createdAt: new Date(createdAt),
      updatedAt: new Date(t),
      __v: 0,
      ...extra,
    };
    return {
      doc,
      open: !['answered', 'closed', 'rejected', 'redirected', 'merged', 'noted'].includes(status),
    };
  }
}

// ---------------------------------------------------------------------------
// Measuring

interface Answer {
  received: { total: number };
  answered: number;
  agencies: unknown[];
  open: { total: number; overdue: number };
}

async function getReport(api: Child, base: string, token: string, qs: string) {
  const t0 = performance.now();
  const res = await watched(
    api,
    'report request',
    fetch(`${base}${REPORT}?${qs}`, { headers: { Authorization: `Bearer ${token}` } }),
    60_000,
  );
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${REPORT}?${qs}: ${res.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as Answer };
}

interface Query {
  key: string;
  label: string;
  token: string;
  qs: string;
}
interface Measured {
  query: Query;
  ms: number[];
  body: Answer;
}

async function measure(api: Child, base: string, queries: Query[]): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const q of queries) {
    for (let i = 0; i < WARMUPS; i += 1) await getReport(api, base, q.token, q.qs);
    const ms: number[] = [];
    let body: Answer | undefined;
    for (let i = 0; i < REPS; i += 1) {
      const r = await getReport(api, base, q.token, q.qs);
      ms.push(r.ms);
      body = r.body;
    }
    ms.sort((a, b) => a - b);
    log(
      `  (${q.key}) ${q.label}: p50 ${percentile(ms, 0.5).toFixed(1)} ms, p99 ${percentile(ms, 0.99).toFixed(1)} ms`,
    );
    out.push({ query: q, ms, body: body! });
  }
  return out;
}

// ---------------------------------------------------------------------------

/** Zero counts (a move leaves them) and empty objects are the same as none. */
function strip(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => [k, strip(x)] as const)
      .filter(([, x]) => x !== 0 && !(x && typeof x === 'object' && Object.keys(x).length === 0)),
  );
}

async function readAllStats(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const ours =
      dist.model.STATS_COLLECTION.test(c.name) ||
      dist.model.OPEN_ITEMS_COLLECTION.test(c.name) ||
      c.name === dist.model.CURRENT_COLLECTION;
    if (!ours) continue;
    for (const d of await db.collection(c.name).find({}).toArray())
      out[`${c.name}/${String(d._id)}`] = strip(d);
  }
  return out;
}

/** Writes what the accumulator holds, as the live path would have left it (the ledger is written per batch). */
async function writeStats(db: Db, acc: InstanceType<Dist['rebuild']['StatsAccumulator']>) {
  for (const [month, docs] of acc.months) {
    const col = db.collection(dist.model.statsCollectionName(month));
    await col.deleteMany({});
    await col.insertMany([...docs.values()] as never[]);
  }
  const current = db.collection(dist.model.CURRENT_COLLECTION);
  await current.deleteMany({});
  await current.insertMany([...acc.current.values()] as never[]);
  for (const [month, items] of acc.openItems) {
    const col = db.collection(dist.model.openItemsCollectionName(month));
    await col.deleteMany({});
    await col.insertMany(items as never[]);
  }
}

interface SizeResult {
  size: number;
  label: string;
  months: number;
  seedSeconds: number;
  docsPerSecond: number;
  statsDocs: number;
  inbox: number;
  extra: string;
  measured: Measured[];
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-');

async function main(): Promise<number> {
  const startedAt = Date.now();
  log('building the app (npm run build)');
  run('npm', ['run', 'build', '--silent']);
  dist = loadDist();

  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  const services: Service[] = [];
  const children: Child[] = [];
  let client: MongoClient | undefined;
  let deps: Awaited<ReturnType<Dist['deps']['createDeps']>> | undefined;
  let failed = true;
  const cleanup = async () => {
    if (deps) await dist.deps.closeDeps(deps).catch(() => undefined);
    await client?.close().catch(() => undefined);
    await Promise.allSettled(children.map((c) => c.stop()));
    await Promise.allSettled(services.map((s) => s.stop()));
  };
  const abort = (why: string, code: number) => {
    log(`${why}: stopping everything; logs kept in ${dir}`);
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('SIGINT', 130));
  process.once('SIGTERM', () => abort('SIGTERM', 143));
  const deadline = setTimeout(
    () => abort(`no result after ${DEADLINE_SECONDS} s (BENCH_DEADLINE_SECONDS)`, 1),
    DEADLINE_SECONDS * 1000,
  );

  try {
    const mongo = await mongoService(join(dir, 'mongo'), await freePort(), dir);
    services.push(mongo);
    const redis = redisService(join(dir, 'redis'), await freePort(), dir);
    services.push(redis);
    log(`starting ${mongo.name} on ${mongo.port} and redis on ${redis.port} in ${dir}`);
    await Promise.all(services.map((s) => s.start()));

    const apiPort = await freePort();
    const dbName = 'bench_report';
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(apiPort),
      MONGODB_URL: `${mongo.url}${dbName}`,
      REDIS_URL: redis.url,
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      QUEUE_PREFIX: 'bench-report',
      SESSION_SECRET: randomBytes(32).toString('hex'),
    };
    log('seeding reference data');
    run(process.execPath, ['dist/src/seed.js'], apiEnv);

    deps = await dist.deps.createDeps(dist.env.loadConfig(apiEnv));
    const password = () => randomBytes(18).toString('base64url');
    const officer = await dist.officers.createOfficer(deps, {
      email: 'bench-province@bench.invalid',
      name: 'Cán bộ tỉnh (benchmark)',
      role: 'officer',
      jurisdictionCode: PROVINCE,
      password: password(),
    });
    const admin = await dist.officers.createOfficer(deps, {
      email: 'bench-admin@bench.invalid',
      name: 'Quản trị (benchmark)',
      role: 'admin',
      password: password(),
    });
    const tokens = {
      officer: (await dist.officers.createApiToken(deps, officer._id, 'report benchmark')).token,
      admin: (await dist.officers.createApiToken(deps, admin._id, 'report benchmark')).token,
    };
    await dist.deps.closeDeps(deps);
    deps = undefined;

    const api = new Child('api', ['dist/src/server.js'], apiEnv, join(dir, 'api.log'));
    children.push(api);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitForHealth(api, base);

    client = new MongoClient(mongo.url, {
      serverSelectionTimeoutMS: 5000,
      socketTimeoutMS: 600_000,
    });
    const db = client.db(dbName);
    const ref = await loadReference(db);
    const now = Date.now();
    const reportMonth = (() => {
      const [y, m] = dist.clock.localMonth(new Date(now)).split('-').map(Number) as [
        number,
        number,
      ];
      return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    })();
    const gen = new Generator(
      ref,
      now,
      { kind: 'officer', ref: String(officer._id), name: 'Cán bộ tỉnh (benchmark)' },
      SEED,
    );
    const acc = new dist.rebuild.StatsAccumulator();
    const submissions = db.collection<SeedDoc>('submissions');
    const inbox = db.collection('inboxentries');
    const ledger = db.collection('statitems');
    const queries: Query[] = [
      {
        key: 'a',
        label: `province officer, ${PROVINCE}, ${reportMonth}`,
        token: tokens.officer,
        qs: `jurisdiction=${PROVINCE}&month=${reportMonth}`,
      },
      {
        key: 'b',
        label: `admin, whole tree, ${reportMonth}`,
        token: tokens.admin,
        qs: `month=${reportMonth}`,
      },
    ];

    const results: SizeResult[] = [];
    let seeded = 0;
    let inboxCount = 0;
    for (const target of [SMALL, LARGE]) {
      log(`seeding submissions ${seeded} to ${target} (batches of ${BATCH})`);
      const t0 = performance.now();
      const from = seeded;
      let budgetHit = false;
      const seed = async () => {
        while (seeded < target) {
          if (target !== SMALL && (performance.now() - t0) / 1000 > SEED_BUDGET_SECONDS) {
            budgetHit = true;
            return;
          }
          const n = Math.min(BATCH, target - seeded);
          const made = Array.from({ length: n }, (_, k) => gen.make(seeded + k));
          for (const m of made) acc.addItem(m.doc);
          await submissions.insertMany(made.map((m) => m.doc));
          const open = made.filter((m) => m.open).map((m) => dist.projection.inboxEntry(m.doc));
          if (open.length) await inbox.insertMany(open as never[]);
          inboxCount += open.length;
          await ledger.insertMany(acc.ledger as never[]);
          acc.ledger.length = 0;
          seeded += n;
          if (seeded % 50_000 === 0 || seeded === target)
            log(`  ${seeded} stored (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      };
      await watched(api, 'seeding', seed(), DEADLINE_SECONDS * 1000);
      await writeStats(db, acc);
      const seedSeconds = (performance.now() - t0) / 1000;
      const size = seeded;

      let extra = '';
      if (target === SMALL) {
        log('running the recount command (node dist/src/reports/recount.js) and comparing');
        const direct = await readAllStats(db);
        const r0 = performance.now();
        const said = capture(process.execPath, [RECOUNT], apiEnv, 600_000).trim();
        const recountSeconds = (performance.now() - r0) / 1000;
        const recounted = await readAllStats(db);
        const same = isDeepStrictEqual(direct, recounted);
        extra = `recount command: ${recountSeconds.toFixed(1)} s ("${said}"); its counters and open-item partitions ${same ? 'IDENTICAL to' : 'DIFFER from'} the directly computed ones (${Object.keys(direct).length} documents)`;
        if (!same) throw new Error(extra);
      }
      log(`measuring at ${size} submissions`);
      const measured = await measure(api, base, queries);
      results.push({
        size,
        label: budgetHit
          ? `${size} (seeding stopped by the ${SEED_BUDGET_SECONDS} s budget; target was ${target})`
          : String(size),
        months: Math.ceil(size / MONTHLY),
        seedSeconds,
        docsPerSecond: (size - from) / seedSeconds,
        statsDocs: acc.docCount(),
        inbox: inboxCount,
        extra,
        measured,
      });
      if (budgetHit) break;
    }

    // ---- the report (stdout)
    console.log(
      `report benchmark: GET ${REPORT} over HTTP on loopback, one request at a time, ${WARMUPS} warm-ups + ${REPS} measured per query, ${services[0]!.name} + redis; month ${reportMonth}`,
    );
    console.log(
      `data: ${MONTHLY} submissions a month, newest first (80% petitions, 2 provinces, every depth; about half of the last 2 months open, older months closed); counters built by the app's counting code as the data was generated; inbox of open items alongside`,
    );
    for (const r of results) {
      console.log('');
      console.log(
        `at ${r.label} submissions (${r.months} months): seeded in ${r.seedSeconds.toFixed(1)} s ` +
          `(${Math.round(r.docsPerSecond)} submissions/s incl. inbox, ledger and counters), ` +
          `${r.statsDocs} counter documents, ${r.inbox} open items in the inbox${r.extra ? `; ${r.extra}` : ''}`,
      );
      console.log(
        table(
          ['query', 'n', 'p50 ms', 'p99 ms', 'received', 'answered', 'agencies', 'open', 'overdue'],
          r.measured.map((m) => [
            `(${m.query.key}) ${m.query.label}`,
            String(m.ms.length),
            fmt(percentile(m.ms, 0.5)),
            fmt(percentile(m.ms, 0.99)),
            String(m.body.received.total),
            String(m.body.answered),
            String(m.body.agencies.length),
            String(m.body.open.total),
            String(m.body.open.overdue),
          ]),
        ),
      );
    }
    if (results.length < 2) {
      console.log('\nonly one size measured');
      failed = false;
      return 0;
    }
    const [small, large] = results as [SizeResult, SizeResult];
    console.log('');
    console.log(
      `${large.size} against ${small.size} (targets: p99 ratio < ${TARGET_RATIO}, p99 < ${TARGET_P99_MS} ms at ${large.size}):`,
    );
    const rows = small.measured.map((s, i) => {
      const l = large.measured[i]!;
      const p = (m: Measured, q: number) => percentile(m.ms, q);
      const r50 = p(l, 0.5) / p(s, 0.5);
      const r99 = p(l, 0.99) / p(s, 0.99);
      return { s, l, r50, r99, pass: r99 < TARGET_RATIO && p(l, 0.99) < TARGET_P99_MS };
    });
    console.log(
      table(
        [
          'query',
          'p50 small',
          'p99 small',
          'p50 large',
          'p99 large',
          'ratio p50',
          'ratio p99',
          'target',
        ],
        rows.map((r) => [
          `(${r.s.query.key}) ${r.s.query.label}`,
          fmt(percentile(r.s.ms, 0.5)),
          fmt(percentile(r.s.ms, 0.99)),
          fmt(percentile(r.l.ms, 0.5)),
          fmt(percentile(r.l.ms, 0.99)),
          r.r50.toFixed(2),
          r.r99.toFixed(2),
          r.pass ? 'PASS' : 'FAIL',
        ]),
      ),
    );
    const passed = rows.filter((r) => r.pass).length;
    console.log(
      `verdict: ${passed} of ${rows.length} queries within the targets -> ${passed === rows.length ? 'PASS' : 'FAIL'} ` +
        `(times in ms, request to full body; run took ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`,
    );
    failed = false;
    return 0;
  } finally {
    clearTimeout(deadline);
    await cleanup();
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
