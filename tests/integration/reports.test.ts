import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Types } from 'mongoose';
import { statsCollection, STATS_COLLECTION, type StatsDoc } from '../../src/reports/model';
import { recountStats } from '../../src/reports/rebuild';
import { reconcileItem } from '../../src/reports/stats';
import { rebuildInbox } from '../../src/triage/projection';
import {
  eventually,
  petition,
  replyLink,
  signedIn,
  startHarness,
  type Harness,
} from '../helpers/harness';

/*
 * The counters kept on write against a plain recount of the raw documents.
 *
 * Data: items filed through the real code paths (intake over HTTP, routing by
 * the worker, triage through the officers' API, answers through reply links,
 * ratings through the tracking API), some answered after their due date (the
 * clock moves), plus older items inserted directly for volume and counted by
 * the repair command. Then every (node, month) of the report is compared with
 * a recount written here, independently of src/reports.
 */

let h: Harness;
const clock = {
  t: Date.now(),
  now() {
    return new Date(this.t);
  },
};
const DAY = 86_400_000;
type Agent = Awaited<ReturnType<typeof signedIn>>;
let province: Agent;
let commune: Agent;
let admin: Agent;
let other: Agent;

beforeAll(async () => {
  h = await startHarness({ clock });
  province = await signedIn(h, {
    email: 'tinh@mttq.example',
    role: 'officer',
    jurisdictionCode: 'minh-hoa',
  });
  commune = await signedIn(h, {
    email: 'hoaloi@mttq.example',
    role: 'officer',
    jurisdictionCode: 'minh-hoa.hoa-loi',
  });
  other = await signedIn(h, {
    email: 'baubang@mttq.example',
    role: 'officer',
    jurisdictionCode: 'binh-duong-2018',
  });
  admin = await signedIn(h, { email: 'admin@mttq.example', role: 'admin' });
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

// ---------------------------------------------------------------------------
// An independent recount (plain loops over the raw documents)

const dayOf = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
const monthOf = (d: Date) => dayOf(d).slice(0, 7);

interface Raw {
  _id: Types.ObjectId;
  kind: string;
  month: string;
  categoryCode: string;
  legalType?: string;
  jurisdictionPath: string[];
  status: string;
  dueAt?: Date;
  history: { at: Date; from?: string; to?: string; actor: { kind: string; ref?: string } }[];
}

interface Expected {
  received: number;
  petitions: number;
  sentiments: number;
  byCategory: Record<string, number>;
  byLegalType: Record<string, number>;
  routed: number;
  answered: number;
  onTime: number;
  late: number;
  reopened: number;
  agencies: Record<
    string,
    {
      assigned: number;
      answered: number;
      onTime: number;
      late: number;
      reopened: number;
      rated: number;
      satisfied: number;
    }
  >;
  openTotal: number;
  openOverdue: number;
}

async function plainRecount(node: string | null, month: string): Promise<Expected> {
  const subs = (await h.deps.models.Submission.collection.find({}).toArray()) as unknown as Raw[];
  const assignments = await h.deps.models.Assignment.collection.find({}).toArray();
  const assignment = (id: Types.ObjectId, seq: number) =>
    assignments.find((a) => String(a.submissionId) === String(id) && a.seq === seq) as
      { agencyCode: string; dueAt: Date } | undefined;
  const e: Expected = {
    received: 0,
    petitions: 0,
    sentiments: 0,
    byCategory: {},
    byLegalType: {},
    routed: 0,
    answered: 0,
    onTime: 0,
    late: 0,
    reopened: 0,
    agencies: {},
    openTotal: 0,
    openOverdue: 0,
  };
  const agency = (code: string) =>
    (e.agencies[code] ??= {
      assigned: 0,
      answered: 0,
      onTime: 0,
      late: 0,
      reopened: 0,
      rated: 0,
      satisfied: 0,
    });
  const now = clock.now();
  for (const s of subs) {
    if (node && !s.jurisdictionPath.includes(node)) continue;
    const open = [
      'received',
      'needs_triage',
      'reopened',
      'assigned',
      'acknowledged',
      'in_progress',
      'awaiting_resident',
    ];
    if (open.includes(s.status)) {
      e.openTotal += 1;
      if (
        ['assigned', 'acknowledged', 'in_progress'].includes(s.status) &&
        s.dueAt &&
        s.dueAt < now
      )
        e.openOverdue += 1;
    }
    if (s.month === month) {
      e.received += 1;
      if (s.kind === 'petition') e.petitions += 1;
      else e.sentiments += 1;
      e.byCategory[s.categoryCode] = (e.byCategory[s.categoryCode] ?? 0) + 1;
      const legal = s.legalType ?? 'unclassified';
      e.byLegalType[legal] = (e.byLegalType[legal] ?? 0) + 1;
    }
    let seq = -1;
    let lastAnswerBy: string | undefined;
    for (const h of s.history) {
      if (h.to === 'assigned') seq += 1;
      if (!h.from || !h.to) continue;
      const here = monthOf(h.at) === month;
      const a = assignment(s._id, seq);
      if (h.to === 'assigned' && here) {
        e.routed += 1;
        agency(a!.agencyCode).assigned += 1;
      }
      if (h.to === 'answered') {
        lastAnswerBy = h.actor.ref;
        if (here) {
          e.answered += 1;
          const late = h.at.getTime() > a!.dueAt.getTime();
          if (late) e.late += 1;
          else e.onTime += 1;
          const x = agency(h.actor.ref!);
          x.answered += 1;
          if (late) x.late += 1;
          else x.onTime += 1;
        }
      }
      if (h.from === 'answered' && here) {
        const x = agency(lastAnswerBy!);
        if (h.to === 'reopened') {
          e.reopened += 1;
          x.reopened += 1;
        }
        if (h.actor.kind === 'resident') {
          x.rated += 1;
          if (h.to === 'closed') x.satisfied += 1;
        }
      }
    }
  }
  for (const [code, a] of Object.entries(e.agencies))
    if (Object.values(a).every((n) => n === 0)) delete e.agencies[code];
  return e;
}

function fromReport(r: {
  received: {
    total: number;
    petitions: number;
    sentiments: number;
    byCategory: { code: string; total: number }[];
    byLegalType: { code: string; count: number }[];
  };
  routed: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  reopened: number;
  agencies: {
    code: string;
    assigned: number;
    answered: number;
    onTime: number;
    late: number;
    reopened: number;
    rated: number;
    satisfied: number;
  }[];
  open: { total: number; overdue: number };
}): Expected {
  return {
    received: r.received.total,
    petitions: r.received.petitions,
    sentiments: r.received.sentiments,
    byCategory: Object.fromEntries(r.received.byCategory.map((c) => [c.code, c.total])),
    byLegalType: Object.fromEntries(r.received.byLegalType.map((c) => [c.code, c.count])),
    routed: r.routed,
    answered: r.answered,
    onTime: r.answeredOnTime,
    late: r.answeredLate,
    reopened: r.reopened,
    agencies: Object.fromEntries(
      r.agencies.map((a) => [
        a.code,
        {
          assigned: a.assigned,
          answered: a.answered,
          onTime: a.onTime,
          late: a.late,
          reopened: a.reopened,
          rated: a.rated,
          satisfied: a.satisfied,
        },
      ]),
    ),
    openTotal: r.open.total,
    openOverdue: r.open.overdue,
  };
}

// ---------------------------------------------------------------------------
// Data

/** Older items, inserted directly (as an import would), with their assignments. */
async function insertDirectly(count: number): Promise<void> {
  const places = [
    ['minh-hoa', 'minh-hoa.hoa-loi'],
    ['minh-hoa', 'minh-hoa.tan-phu'],
    ['minh-hoa', 'minh-hoa.minh-khai'],
    ['minh-hoa'],
    ['binh-duong-2018', 'binh-duong-2018.bau-bang-moi'],
  ];
  const cats = ['land', 'traffic', 'environment', 'health', 'utilities'];
  const agencies = ['mh-tnmt', 'mh-gtvt', 'mh-yte', 'mh-dienluc', 'bb-tnmt'];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const subs: Record<string, unknown>[] = [];
  const assigns: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const _id = new Types.ObjectId();
    const created = new Date(clock.t - (70 + rnd() * 60) * DAY);
    const path = pick(places);
    const kind = rnd() < 0.8 ? 'petition' : 'sentiment';
    const history: Record<string, unknown>[] = [
      { at: created, actor: { kind: 'resident' }, action: 'received', to: 'received' },
    ];
    let status = 'received';
    let t = created.getTime();
    const doc: Record<string, unknown> = {};
    const move = (to: string, actor: Record<string, unknown>, dt: number) => {
      t += dt;
      history.push({ at: new Date(t), actor, action: `test.${to}`, from: status, to });
      status = to;
    };
    let seq = 0;
    const assign = (agencyCode: string) => {
      move('assigned', { kind: 'system', name: 'routing' }, 3_600_000);
      // Due at the end of a day in Vietnam, as the working calendar sets it.
      const dueAt = new Date(`${dayOf(new Date(t + 21 * DAY))}T23:59:59.999+07:00`);
      assigns.push({
        _id: new Types.ObjectId(),
        submissionId: _id,
        seq,
        agencyCode,
        status: 'open',
        assignedAt: new Date(t),
        dueAt,
      });
      seq += 1;
      Object.assign(doc, { agencyCode, dueAt, assignmentCount: seq });
    };
    if (kind === 'sentiment') {
      if (rnd() < 0.7) move('noted', { kind: 'officer', name: 'x' }, DAY);
    } else {
      const r = rnd();
      if (r < 0.1) {
        move('needs_triage', { kind: 'system' }, 60_000);
        move('rejected', { kind: 'officer', name: 'x' }, DAY);
      } else {
        assign(pick(agencies));
        if (r < 0.25) {
          // Re-routed by an officer to another agency.
          move('needs_triage', { kind: 'agency' }, 2 * DAY);
          assign(pick(agencies));
        }
        if (r > 0.2) {
          const agencyCode = doc.agencyCode as string;
          move('answered', { kind: 'agency', ref: agencyCode }, (1 + rnd() * 35) * DAY);
          doc.answer = {
            text: 'Đã xử lý xong.',
            responderName: 'Cán bộ',
            agencyCode,
            assignmentId: assigns.at(-1)!._id,
            at: new Date(t),
          };
          const rr = rnd();
          if (rr < 0.4) move('closed', { kind: 'resident' }, DAY);
          else if (rr < 0.6) move('reopened', { kind: 'resident' }, DAY);
          else if (rr < 0.8) move('closed', { kind: 'system', name: 'rating window' }, 30 * DAY);
        }
      }
    }
    if (t > clock.t) throw new Error('generated an event in the future');
    const legalType = rnd() < 0.1 ? 'feedback' : undefined;
    subs.push({
      _id,
      kind,
      trackingCode: `TD-D${String(i).padStart(3, '0')}-${_id.toHexString().slice(-4).toUpperCase()}`,
      title: `Mục nhập trực tiếp số ${i}`,
      body: 'Nội dung kiểm thử.',
      searchKey: `muc nhap truc tiep so ${i}`,
      categoryCode: pick(cats),
      jurisdictionCode: path.at(-1),
      jurisdictionPath: path,
      month: monthOf(created),
      submitter: {},
      shareContactWithAgency: false,
      status,
      assignmentCount: 0,
      supporterCount: 1,
      cooperatingAgencyCodes: [],
      ...(legalType ? { legalType } : {}),
      history,
      outbox: [],
      outboxPending: false,
      createdAt: created,
      updatedAt: new Date(t),
      __v: 0,
      ...doc,
    });
  }
  await h.deps.models.Submission.collection.insertMany(subs);
  if (assigns.length) await h.deps.models.Assignment.collection.insertMany(assigns);
  await rebuildInbox(h.deps.models);
}

async function file(kind: 'petition' | 'sentiment', over: Record<string, unknown>) {
  const res = await h.http
    .post(`/api/v1/${kind === 'petition' ? 'petitions' : 'sentiments'}`)
    .send(petition(over))
    .expect(201);
  return res.body as { id: string; trackingCode: string; residentKey: string };
}

async function settled(id: string, statuses: string[]) {
  return eventually(async () => {
    const s = await h.deps.models.Submission.findById(id).lean();
    return s && statuses.includes(s.status) ? s : null;
  });
}

async function answer(code: string) {
  await h.mail.waitFor(() => h.mail.about(code).some((m) => /\/reply\//.test(m.text)));
  const mails = h.mail.about(code).filter((m) => /\/reply\//.test(m.text));
  const { token } = replyLink(mails.at(-1)!.text);
  await h.http
    .post(`/api/v1/replies/${token}`)
    .send({ text: 'Đơn vị đã kiểm tra và xử lý xong.', responderName: 'Văn phòng' })
    .expect(201);
}

const act = (a: Agent, path: string, body: Record<string, unknown> = {}) =>
  a.agent.post(`/api/v1/officer/submissions/${path}`).set('X-CSRF-Token', a.csrf).send(body);

async function monthly(a: Agent, query: Record<string, string>) {
  const res = await a.agent.get('/api/v1/officer/reports/monthly').query(query);
  return res;
}

// ---------------------------------------------------------------------------

it('(a) the report equals a plain recount over the raw documents', async () => {
  // Older items, counted by the repair command (as after an import).
  await insertDirectly(120);
  const recounted = await recountStats(h.deps.models);
  expect(recounted.items).toBe(120);

  // Through the real code paths.
  const mk = (i: number, over: Record<string, unknown>) =>
    file('petition', { submitter: { name: `Cư dân ${i}`, email: `dan${i}@example.com` }, ...over });
  const land = await mk(1, { categoryCode: 'land', jurisdictionCode: 'minh-hoa.hoa-loi' });
  const traffic = await mk(2, { categoryCode: 'traffic', jurisdictionCode: 'minh-hoa.hoa-loi' });
  const health = await mk(3, { categoryCode: 'health', jurisdictionCode: 'minh-hoa.tan-phu' });
  const other1 = await mk(4, { categoryCode: 'other', jurisdictionCode: 'minh-hoa.minh-khai' });
  const other2 = await mk(5, { categoryCode: 'other', jurisdictionCode: 'minh-hoa.hoa-loi' });
  const util = await mk(6, { categoryCode: 'utilities', jurisdictionCode: 'minh-hoa.dong-thanh' });
  const late = await mk(7, { categoryCode: 'traffic', jurisdictionCode: 'minh-hoa.tan-phu' });
  const far = await mk(8, {
    categoryCode: 'land',
    jurisdictionCode: 'binh-duong-2018.bau-bang-moi',
  });
  const s1 = await file('sentiment', {
    categoryCode: 'environment',
    jurisdictionCode: 'minh-hoa.hoa-loi',
    submitter: { email: 's1@example.com' },
  });
  const s2 = await file('sentiment', {
    categoryCode: 'other',
    jurisdictionCode: 'minh-hoa.hoa-loi',
    submitter: { email: 's2@example.com' },
  });

  // Routing by the worker: rules assign, "other" waits for the officers.
  for (const p of [land, traffic, health, util, late]) await settled(p.id, ['assigned']);
  for (const p of [other1, other2, far]) await settled(p.id, ['needs_triage']);

  // Triage through the officers' API.
  await act(province, `${other1.id}/assign`, { agencyCode: 'mh-ubnd' }).expect(200);
  await act(other, `${far.id}/assign`, { agencyCode: 'bb-ubnd' }).expect(200);
  await act(commune, `${other2.id}/classify`, { categoryCode: 'public-order' }).expect(200);
  await act(commune, `${other2.id}/assign`, { agencyCode: 'mh-congan' }).expect(200);
  await act(province, `${health.id}/assign`, { agencyCode: 'mh-ubnd' }).expect(200); // re-route
  await act(commune, `${s1.id}/noted`).expect(200);
  await act(commune, `${s2.id}/convert`).expect(200);
  await act(commune, `${s2.id}/reject`, {
    reasonCode: 'not-actionable',
    message: 'Nội dung chưa đủ để chuyển cơ quan.',
  }).expect(200);

  // Answers through the reply links, on time.
  for (const p of [land, traffic, health, other1, util, far]) await answer(p.trackingCode);
  // Ratings through the tracking API: one satisfied, one not (reopens).
  await h.http
    .post(`/api/v1/track/${land.trackingCode}/rating`)
    .set('X-Resident-Key', land.residentKey)
    .send({ satisfied: true })
    .expect(200);
  await h.http
    .post(`/api/v1/track/${traffic.trackingCode}/rating`)
    .set('X-Resident-Key', traffic.residentKey)
    .send({ satisfied: false, reason: 'not-done' })
    .expect(200);

  // Six weeks later: one answer comes late, one petition is still open and overdue.
  clock.t += 42 * DAY;
  await answer(late.trackingCode);
  await h.workers?.close();
  h.workers = undefined;

  // Every node × month where anything happened.
  const subs = await h.deps.models.Submission.collection.find({}).toArray();
  const months = new Set<string>();
  for (const s of subs) {
    months.add(s.month as string);
    for (const e of s.history as { at: Date }[]) months.add(monthOf(e.at));
  }
  const checks: [Agent, string | null][] = [
    [admin, null],
    [admin, 'minh-hoa'],
    [province, 'minh-hoa.hoa-loi'],
    [province, 'minh-hoa.tan-phu'],
    [commune, 'minh-hoa.hoa-loi'],
    [other, 'binh-duong-2018'],
  ];
  let compared = 0;
  for (const month of [...months].sort()) {
    for (const [who, node] of checks) {
      const res = await monthly(who, { month, ...(node ? { jurisdiction: node } : {}) });
      expect(res.status).toBe(200);
      expect({ node, month, ...fromReport(res.body) }).toEqual({
        node,
        month,
        ...(await plainRecount(node, month)),
      });
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(4 * checks.length);

  // Sanity: the live paths did count (this month has answers, one late).
  const thisMonth = monthOf(clock.now());
  const r = (await monthly(admin, { month: thisMonth })).body;
  expect(r.answeredLate).toBeGreaterThanOrEqual(1);
}, 180_000);

it('(b) the repair command restores counters corrupted on purpose', async () => {
  const db = h.deps.models.Submission.db.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => STATS_COLLECTION.test(n))
    .sort();
  expect(names.length).toBeGreaterThan(2);
  // A zero left by a move (reclassified: -1 here, +1 there) counts as nothing.
  const strip = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    const out = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => [k, strip(x)] as const)
      .filter(([, x]) => x !== 0 && !(x && typeof x === 'object' && Object.keys(x).length === 0));
    return Object.fromEntries(out);
  };
  const snapshot = async () => {
    const out: Record<string, StatsDoc[]> = {};
    for (const n of names)
      out[n] = (await db.collection<StatsDoc>(n).find({}).sort({ _id: 1 }).toArray()).map(
        (d) => strip(d) as StatsDoc,
      );
    return out;
  };
  const before = await snapshot();
  const ledger = await h.deps.models.StatItem.countDocuments();

  // Garbage increments, deleted documents, a whole month gone, ledger entries lost.
  const month = names[names.length - 1]!.replace('stats_', '').replace('_', '-');
  await statsCollection(db, month).updateMany(
    {},
    { $inc: { 'received.n': 7, 'moves.answered': -3 } },
  );
  await db.collection(names[0]!).deleteMany({});
  await db.collection<StatsDoc>(names[1]!).deleteOne({ _id: before[names[1]!]![0]!._id });
  await db.dropCollection(names[2]!);
  await statsCollection(db, '2001-01').insertOne({ _id: '*|2001-01', received: { n: 5 } });
  await h.deps.models.StatItem.deleteMany({ _id: { $regex: '^[0-7]' } });

  // The command, as operators run it, against this test's database.
  const root = resolve(__dirname, '../..');
  const url = `${process.env.TEST_MONGODB_URL!.replace(/\/?$/, '/')}${db.databaseName}`;
  const out = await new Promise<string>((ok, fail) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/reports/recount.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        MONGODB_URL: url,
        REDIS_URL: process.env.TEST_REDIS_URL,
        LOG_LEVEL: 'silent',
      },
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.once('exit', (code) => (code === 0 ? ok(text) : fail(new Error(text))));
  });
  expect(out).toContain('statistics recounted');

  expect(await snapshot()).toEqual(before);
  expect(await h.deps.models.StatItem.countDocuments()).toBe(ledger);
  const left = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  expect(left).not.toContain('stats_2001_01');
}, 120_000);

it('(c) an officer cannot get the report of another subtree', async () => {
  // The commune officer asks for the province, a sibling commune, the other province.
  for (const jurisdiction of ['minh-hoa', 'minh-hoa.tan-phu', 'binh-duong-2018', 'nowhere']) {
    await commune.agent.get('/api/v1/officer/reports/monthly').query({ jurisdiction }).expect(404);
    await commune.agent.get('/officer/reports/monthly.xlsx').query({ jurisdiction }).expect(404);
  }
  await other.agent
    .get('/api/v1/officer/reports/monthly')
    .query({ jurisdiction: 'minh-hoa' })
    .expect(404);
  // Without a jurisdiction, an officer gets their own; the whole tree is for admins.
  const own = await commune.agent.get('/api/v1/officer/reports/monthly').expect(200);
  expect(own.body.jurisdiction.code).toBe('minh-hoa.hoa-loi');
  const all = await admin.agent.get('/api/v1/officer/reports/monthly').expect(200);
  expect(all.body.jurisdiction).toBeNull();
  // Bad input is a 422, anonymous a 401.
  await commune.agent
    .get('/api/v1/officer/reports/monthly')
    .query({ month: '2026-13' })
    .expect(422);
  await h.http.get('/api/v1/officer/reports/monthly').expect(401);
});

it('downloads: CSV with a BOM, XLSX; public figures and published answers carry no personal data', async () => {
  const month = monthOf(clock.now());
  const csv = await province.agent
    .get('/api/v1/officer/reports/monthly.csv')
    .query({ month })
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const bytes = csv.body as Buffer;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.headers['content-disposition']).toContain('.csv');
  expect(bytes.toString('utf8')).toContain('Tiếp nhận');

  // Publish one answered item (scope first), then the public page shows its answer only.
  const answered = await h.deps.models.Submission.findOne({
    status: { $in: ['answered', 'closed'] },
    jurisdictionPath: 'minh-hoa.hoa-loi',
    'answer.text': 'Đơn vị đã kiểm tra và xử lý xong.',
  }).lean();
  expect(answered).toBeTruthy();
  await act(other, `${answered!._id}/publish`).expect(404);
  const open = await h.deps.models.Submission.findOne({
    status: 'assigned',
    jurisdictionPath: 'minh-hoa',
  }).lean();
  await act(province, `${open!._id}/publish`).expect(409);
  await act(commune, `${answered!._id}/publish`, { published: 'yes' }).expect(422);
  const pub = await act(commune, `${answered!._id}/publish`).expect(200);
  expect(pub.body).toEqual({ id: String(answered!._id), published: true });

  const stats = await h.http.get('/api/v1/public/stats').expect(200);
  expect(stats.body.totals.answered).toBeGreaterThan(0);
  expect(stats.body.agencies.length).toBeGreaterThan(0);
  await h.http.get('/api/v1/public/stats').query({ jurisdiction: 'nowhere' }).expect(404);
  const answers = await h.http
    .get('/api/v1/public/answers')
    .query({ jurisdiction: 'minh-hoa' })
    .expect(200);
  expect(answers.body.answers).toHaveLength(1);
  const text = JSON.stringify(answers.body);
  expect(text).toContain('Đơn vị đã kiểm tra và xử lý xong.');
  for (const secret of [
    '@example.com',
    'Nguyễn Thị Lan',
    '0912',
    'Văn phòng',
    answered!.trackingCode,
  ])
    expect(text).not.toContain(secret);
  const page = await h.http.get('/cong-khai').expect(200);
  expect(page.text).toContain('<svg');
  expect(page.text).toContain('Đơn vị đã kiểm tra và xử lý xong.');
  expect(page.text).not.toContain('@example.com');

  // Withdrawn: gone from the public list.
  await act(commune, `${answered!._id}/publish`, { published: false }).expect(200);
  const after = await h.http.get('/api/v1/public/answers').expect(200);
  expect(after.body.answers).toHaveLength(0);
});

it('racing reconciliations of one item leave the counters equal to its ledger entry', async () => {
  const id = new Types.ObjectId();
  const month = '2020-01';
  const item = (i: number) =>
    ({
      _id: id,
      month,
      jurisdictionPath: ['race-root', 'race-node'],
      kind: 'petition',
      categoryCode: `cat${i % 4}`,
      legalType: 'unclassified',
      topics: [],
      status: i % 2 ? 'needs_triage' : 'assigned',
    }) as unknown as Parameters<typeof reconcileItem>[1];
  await reconcileItem(h.deps.models, item(0));
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => reconcileItem(h.deps.models, item(i + 1))),
  );
  const ledger = await h.deps.models.StatItem.findById(String(id)).lean();
  const doc = await statsCollection(h.deps.db.db!, month).findOne({ _id: `race-node|${month}` });
  expect(doc?.received?.n).toBe(1);
  const byCategory = Object.fromEntries(
    Object.entries(doc?.received?.category ?? {}).map(([c, kinds]) => [c, kinds.petition]),
  );
  expect(byCategory).toEqual({ cat0: 0, cat1: 0, cat2: 0, cat3: 0, [ledger!.categoryCode]: 1 });
  const now = await h.deps.db.db!.collection('stats_now').findOne({ _id: 'race-node' as never });
  expect(now?.open).toEqual({ needs_triage: 0, assigned: 0, [ledger!.status]: 1 });
});
