import { Types } from 'mongoose';
import { closeDeps, createDeps, type Deps } from '../../src/deps';
import { pauseDeadline, resumeDeadline } from '../../src/deadlines/pause';
import { deadlineRules } from '../../src/deadlines/rules';
import { scanDeadlines } from '../../src/deadlines/scan';
import { DeliveryInProgress, deliverOnce } from '../../src/notifications/deliver';
import { localDate } from '../../src/platform/clock';
import { createOfficer } from '../../src/officers/service';
import type { CaughtMail } from '../helpers/mail-catcher';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';

/**
 * Deadlines with a clock the test moves, and TWO worker processes: real child
 * processes (tests/helpers/worker-process.ts) running the production
 * `startWorkers` on the same database and queues, each with its own connections
 * and its own copy of the clock, which the test sets over IPC before every step.
 * The API (intake) runs in this process with the same clock. Both processes run
 * the `deadlines` job scheduler every 300 ms; on top of that the test runs the
 * scan itself from two separate Deps at once.
 */

const vn = (iso: string) => new Date(`${iso}+07:00`);
let now = vn('2026-11-02T09:00:00'); // a Monday
const clock = { now: () => new Date(now) };
const SCAN_MS = 300;

let h: Harness;
let second: Deps;
let workers: WorkerProcess[] = [];

const AGENCY = 'ubnd@tanphu.minhhoa.example'; // mh-tanphu-ubnd: land in Tân Phú
const SUPERIOR = 'vanthu@ubnd.minhhoa.example'; // its superior, mh-ubnd
const COMMUNE_OFFICER = 'can-bo.tan-phu@mttq.example';
const PROVINCE_OFFICER = 'can-bo.tinh@mttq.example';

function workerEnv(): Record<string, string> {
  const c = h.deps.config;
  return {
    NODE_ENV: 'test',
    MONGODB_URL: c.MONGODB_URL,
    REDIS_URL: c.REDIS_URL,
    SMTP_URL: c.SMTP_URL,
    QUEUE_PREFIX: c.QUEUE_PREFIX,
    PUBLIC_BASE_URL: h.baseUrl,
    OUTBOX_RELAY_EVERY_MS: '300',
    DEADLINE_SCAN_EVERY_MS: String(SCAN_MS),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
}

async function setClock(at: Date) {
  now = at;
  await Promise.all(workers.map((w) => w.setClock(at)));
}

/** Lets the scheduled scans run a few rounds in both processes. */
const someScans = () => new Promise((r) => setTimeout(r, SCAN_MS * 6));

const reminders = (code: string) =>
  h.mail.about(code).filter((m) => m.subject.includes('Nhắc hạn trả lời'));
const overdueNotices = (code: string) =>
  h.mail.about(code).filter((m) => m.subject.includes('Petition overdue'));
const escalations = (code: string) =>
  h.mail.about(code).filter((m) => m.subject.includes('Escalation'));
const addressees = (mails: CaughtMail[]) => mails.flatMap((m) => m.to).sort();

beforeAll(async () => {
  h = await startHarness({
    clock,
    workers: false,
    env: { DEADLINE_SCAN_EVERY_MS: String(SCAN_MS) },
  });
  second = await createDeps(h.deps.config, { dbName: h.deps.db.name, clock });
  for (const [email, jurisdictionCode] of [
    [COMMUNE_OFFICER, 'minh-hoa.tan-phu'],
    [PROVINCE_OFFICER, 'minh-hoa'],
  ] as const)
    await createOfficer(h.deps, {
      email,
      name: email.split('@')[0]!,
      role: 'officer',
      jurisdictionCode,
      password: 'mat-khau-du-dai-123',
    });
  workers = await Promise.all(
    [1, 2].map(() => startWorkerProcess(workerEnv(), h.deps.db.name, now)),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await closeDeps(second);
  await h.close();
});

it('reminds, tells the officers, escalates: each exactly once, with two worker processes', async () => {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(petition({ categoryCode: 'land', jurisdictionCode: 'minh-hoa.tan-phu' }))
    .expect(201);
  const code: string = res.body.trackingCode;
  await h.mail.waitFor(() => h.mail.to(AGENCY).length === 1, 30_000);
  const submission = (await h.deps.models.Submission.findOne({ trackingCode: code }).lean())!;
  const assignment = (await h.deps.models.Assignment.findById(
    submission.currentAssignmentId,
  ).lean())!;
  // Land: 30 working days from Monday 2 November 2026; acknowledge within 3.
  expect(localDate(assignment.dueAt)).toBe('2026-12-14');
  expect(localDate(assignment.ackDueAt!)).toBe('2026-11-05');
  expect(deadlineRules.reminderWorkingDaysBefore).toBe(2);
  expect(deadlineRules.escalateWorkingDaysAfter).toBe(5);

  // Wednesday 9 Dec: three working days left (Thu, Fri, Mon) — no reminder yet.
  await setClock(vn('2026-12-09T10:00:00'));
  await someScans();
  expect(reminders(code)).toHaveLength(0);

  // Thursday 10 Dec: two left — the agency is reminded, once.
  await setClock(vn('2026-12-10T10:00:00'));
  await h.mail.waitFor(() => reminders(code).length > 0);
  await someScans();
  expect(addressees(reminders(code))).toEqual([AGENCY]);
  expect(reminders(code)[0]!.text).toContain('còn 2 ngày làm việc');
  expect(overdueNotices(code)).toHaveLength(0);

  // Tuesday 15 Dec: past due — the commune's officer is told, once; not the province's.
  await setClock(vn('2026-12-15T09:00:00'));
  await h.mail.waitFor(() => overdueNotices(code).length > 0);
  await someScans();
  expect(addressees(overdueNotices(code))).toEqual([COMMUNE_OFFICER]);
  expect(overdueNotices(code)[0]!.text).toContain(`/officer/submissions/${String(submission._id)}`);

  // Monday 21 Dec: five working days after the due day have not yet passed.
  await setClock(vn('2026-12-21T16:00:00'));
  await someScans();
  expect(escalations(code)).toHaveLength(0);

  // Tuesday 22 Dec: escalated to the superior agency, once.
  await setClock(vn('2026-12-22T09:00:00'));
  await h.mail.waitFor(() => escalations(code).length > 0);

  // Scan again and again: twice at once from two more Deps, and with a restarted worker.
  for (let i = 0; i < 3; i += 1) await Promise.all([scanDeadlines(h.deps), scanDeadlines(second)]);
  await workers[0]!.stop();
  workers[0] = await startWorkerProcess(workerEnv(), h.deps.db.name, now);
  await someScans();
  await setClock(vn('2027-01-05T09:00:00'));
  await someScans();

  expect(addressees(reminders(code))).toEqual([AGENCY]);
  expect(addressees(overdueNotices(code))).toEqual([COMMUNE_OFFICER]);
  expect(addressees(escalations(code))).toEqual([SUPERIOR]);
  expect(h.mail.to(PROVINCE_OFFICER)).toHaveLength(0);
  const deliveries = await h.deps.models.Delivery.find({ kind: /^deadline-/ }).lean();
  expect(deliveries.map((d) => [d.kind, d.status, d.attempts]).sort()).toEqual([
    ['deadline-escalation', 'sent', 1],
    ['deadline-overdue', 'sent', 1],
    ['deadline-reminder', 'sent', 1],
  ]);
  const after = (await h.deps.models.Submission.findById(submission._id).lean())!;
  expect(after.history.map((e) => e.action).filter((a) => a.startsWith('deadline.'))).toEqual([
    'deadline.reminded',
    'deadline.overdue',
    'deadline.escalated',
  ]);
  const done = (await h.deps.models.Assignment.findById(assignment._id).lean())!;
  expect(done.remindedAt && done.overdueNotifiedAt && done.escalatedAt).toBeTruthy();

  // The tracking page names the steps.
  const page = await h.http.get(`/track/${code}`).expect(200);
  expect(page.text).toContain('Quá hạn trả lời');
}, 180_000);

it('pauses while waiting for the resident and extends by the working days of the wait', async () => {
  await setClock(vn('2027-03-01T09:00:00')); // Monday
  const res = await h.http
    .post('/api/v1/petitions')
    .send(petition({ categoryCode: 'land', jurisdictionCode: 'minh-hoa.tan-phu' }))
    .expect(201);
  const code: string = res.body.trackingCode;
  const submission = await eventually(async () => {
    const s = await h.deps.models.Submission.findOne({ trackingCode: code }).lean();
    return s?.currentAssignmentId ? s : null;
  }, 30_000);
  const id = submission.currentAssignmentId!;
  const before = (await h.deps.models.Assignment.findById(id).lean())!;
  expect(localDate(before.dueAt)).toBe('2027-04-12'); // 30 working days

  // The agency waits for the resident from Wednesday 3 March…
  await setClock(vn('2027-03-03T15:00:00'));
  expect(await pauseDeadline(h.deps, id)).toBe(true);
  expect(await pauseDeadline(second, id)).toBe(false); // idempotent

  // …to Monday 19 April, past the old due date: meanwhile nothing is sent.
  await setClock(vn('2027-04-19T09:00:00'));
  await someScans();
  await Promise.all([scanDeadlines(h.deps), scanDeadlines(second)]);
  const deadlineMail = () => [...reminders(code), ...overdueNotices(code), ...escalations(code)];
  expect(deadlineMail()).toHaveLength(0);

  const [a1, a2] = await Promise.all([resumeDeadline(h.deps, id), resumeDeadline(second, id)]);
  expect(a1?.pausedAt).toBeUndefined();
  expect(a2?.pausedAt).toBeUndefined();
  const resumed = (await h.deps.models.Assignment.findById(id).lean())!;
  // The wait took 32 working days (4 March – 19 April, less Hùng Kings on Friday 16 April);
  // 12 April + 32 working days, less 30 April and Monday 3 May (for Saturday 1 May).
  expect(resumed.pausedWorkingDays).toBe(32);
  expect(localDate(resumed.dueAt)).toBe('2027-05-31');
  expect(await resumeDeadline(h.deps, id)).toMatchObject({ dueAt: resumed.dueAt }); // no-op
  const s = (await h.deps.models.Submission.findById(submission._id).lean())!;
  expect(s.dueAt).toEqual(resumed.dueAt);
  expect(s.history.filter((e) => e.action === 'deadline.extended')).toHaveLength(1);
  const inbox = await h.deps.models.InboxEntry.findById(submission._id).lean();
  expect(inbox?.dueAt).toEqual(resumed.dueAt);
  await someScans();
  expect(deadlineMail()).toHaveLength(0);
}, 120_000);

it('sends a message once when two workers race for it', async () => {
  const submissionId = new Types.ObjectId();
  const outcomes: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const key = `race-test:${i}`;
    const send = (deps: Deps) =>
      deliverOnce(deps, key, 'race-test', submissionId, async () => ({
        to: 'race@agency.example',
        subject: `race ${i}`,
        text: 'x',
        html: '<p>x</p>',
      })).catch((err: unknown) => {
        if (err instanceof DeliveryInProgress) return 'in-progress';
        throw err;
      });
    outcomes.push(...(await Promise.all([send(h.deps), send(second), send(h.deps)])));
  }
  await someScans();
  expect(h.mail.to('race@agency.example').map((m) => m.subject)).toHaveLength(10);
  expect(outcomes.filter((o) => o === 'sent')).toHaveLength(10);
  expect(outcomes.filter((o) => !['sent', 'already-sent', 'in-progress'].includes(o))).toEqual([]);
});
