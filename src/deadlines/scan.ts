import type { Deps } from '../deps';
import { DeliveryInProgress, deliverOnce } from '../notifications';
import type { OutgoingMail } from '../platform/mail';
import { DEADLINE_STEP_JOB_OPTIONS, type DeadlineStepJob } from '../platform/queues';
import type { Agency } from '../reference/model';
import { ACTIVE_ASSIGNMENT_STATUSES, type Assignment } from '../routing/model';
import { AGENCY_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';
import { officersByLevel, superiorAgency } from './recipients';
import { deadlineRules, escalationCutoff, reminderHorizon, type DeadlineRules } from './rules';
import {
  deadlineEscalation,
  deadlineOverdue,
  deadlineReminder,
  type PetitionFacts,
} from './templates';

/**
 * The deadline scan, run by the `deadlines` maintenance job (every
 * DEADLINE_SCAN_EVERY_MS), finds the steps due and queues one job per step on
 * the `deadlines` queue. For each active assignment whose deadline is not
 * paused:
 *
 * - reminder: when `reminderWorkingDaysBefore` working days or fewer are left,
 *   the agency is reminded, once per due date (`reminder:<id>:<dueAt>`; a pause
 *   that moves the date earns a new reminder);
 * - overdue: when the due date has passed, the officers of the nearest level of
 *   the petition's place are told, once (`overdue:<id>`);
 * - escalation: `escalateWorkingDaysAfter` working days later, the agency's
 *   superior agency is asked to act (or, without one, the officers of the level
 *   above), once (`escalation:<id>`).
 *
 * Exactly once, however many workers scan at the same time and however often
 * (the step's job is keyed by submission, step, assignment and due date, so it is
 * queued once while it waits, and it reads the assignment again when it runs):
 * each e-mail goes through `deliverOnce` (the delivery record's insert is the
 * claim to send), each history entry through `deps.lifecycle.record` with the same key, and
 * only then is the step marked done on the assignment, so that later scans skip
 * it. A worker that dies half-way leaves the step unmarked; the next scan finds
 * the e-mail sent and completes the rest.
 */

/** How many steps the scan found due, by step: each is one keyed job on the `deadlines` queue. */
export type ScanResult = Record<Step, number>;

/** What one step's job did. */
export type StepOutcome = 'done' | 'skipped';

const ACTOR = { kind: 'system', name: 'deadlines' } as const;
const BATCH = 200;

type Step = DeadlineStepJob['step'];

const DONE_FIELD: Record<Step, 'remindedAt' | 'overdueNotifiedAt' | 'escalatedAt'> = {
  reminder: 'remindedAt',
  overdue: 'overdueNotifiedAt',
  escalation: 'escalatedAt',
};

const ACTIVE = {
  status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] },
  pausedAt: { $exists: false },
};

/**
 * Finds the steps due and fans them out: one job per assignment, step and due
 * date, keyed by them, so that a step found by several scans (or workers) at
 * once is queued once. The jobs run `runDeadlineStep`.
 */
export async function scanDeadlines(
  deps: Deps,
  rules: DeadlineRules = deadlineRules,
): Promise<ScanResult> {
  const { models, calendar } = deps;
  const now = deps.clock.now();
  const find = (filter: Record<string, unknown>) =>
    models.Assignment.find({ ...ACTIVE, ...filter })
      .sort({ dueAt: 1 })
      .limit(BATCH)
      .select({ _id: 1, submissionId: 1, dueAt: 1 })
      .lean<Pick<Assignment, '_id' | 'submissionId' | 'dueAt'>[]>();
  const [overdue, escalation, reminder] = await Promise.all([
    find({ dueAt: { $lt: now }, overdueNotifiedAt: { $exists: false } }),
    find({
      dueAt: { $lte: escalationCutoff(calendar, now, rules) },
      escalatedAt: { $exists: false },
    }),
    find({
      dueAt: { $gte: now, $lte: reminderHorizon(calendar, now, rules) },
      remindedAt: { $exists: false },
    }),
  ]);
  const found: Record<Step, typeof overdue> = { overdue, escalation, reminder };
  const jobs = Object.entries(found).flatMap(([step, list]) =>
    list.map((a) => {
      const data: DeadlineStepJob = {
        step: step as Step,
        assignmentId: String(a._id),
        dueAt: a.dueAt.toISOString(),
      };
      const jobId = `${String(a.submissionId)}-${step}-${data.assignmentId}-${a.dueAt.getTime()}`;
      return { name: step, data, opts: { ...DEADLINE_STEP_JOB_OPTIONS, jobId } };
    }),
  );
  if (jobs.length) await deps.queues.deadlines.addBulk(jobs);
  const result: ScanResult = {
    reminder: reminder.length,
    overdue: overdue.length,
    escalation: escalation.length,
  };
  if (jobs.length) deps.logger.info(result, 'deadlines: steps queued');
  return result;
}

/**
 * Carries out one step found by the scan, if it is still due: the assignment is
 * read again (the job may run later, or a second time). An e-mail another worker
 * is sending right now counts as skipped; the next scan looks again.
 */
export async function runDeadlineStep(deps: Deps, job: DeadlineStepJob): Promise<StepOutcome> {
  const a = await deps.models.Assignment.findOne({
    ...ACTIVE,
    _id: job.assignmentId,
    dueAt: new Date(job.dueAt),
    [DONE_FIELD[job.step]]: { $exists: false },
  }).lean<Assignment>();
  if (!a) return 'skipped';
  try {
    return await runStep(deps, job.step, a, deps.clock.now());
  } catch (err) {
    if (err instanceof DeliveryInProgress) return 'skipped';
    throw err;
  }
}

async function runStep(deps: Deps, step: Step, a: Assignment, now: Date): Promise<StepOutcome> {
  const { models, calendar, config } = deps;
  const [submission, agency] = await Promise.all([
    models.Submission.findById(a.submissionId).lean<Submission>(),
    models.Agency.findOne({ code: a.agencyCode }).lean<Agency>(),
  ]);
  // The clock stops while the agency waits for the resident, even before the
  // pause is recorded on the assignment.
  if (submission?.status === 'awaiting_resident') return 'skipped';
  const current =
    submission &&
    agency &&
    AGENCY_STATUSES.includes(submission.status) &&
    String(submission.currentAssignmentId) === String(a._id);
  if (!current || !submission || !agency) {
    // No longer this agency's to answer: nothing to send, now or later.
    await markDone(deps, step, a, now);
    return 'skipped';
  }

  const [category, jurisdiction] = await Promise.all([
    models.Category.findOne({ code: submission.categoryCode }).lean(),
    models.Jurisdiction.findOne({ code: submission.jurisdictionCode }).lean(),
  ]);
  const facts: PetitionFacts = {
    trackingCode: submission.trackingCode,
    title: submission.title,
    categoryVi: category?.name.vi ?? submission.categoryCode,
    categoryEn: category?.name.en ?? submission.categoryCode,
    jurisdiction: jurisdiction?.name ?? submission.jurisdictionCode,
    agencyName: agency.name,
    assignedAt: a.assignedAt,
    dueAt: a.dueAt,
  };
  const id = String(a._id);

  let key: string;
  let action: string;
  let note: string;
  let mail: (() => OutgoingMail) | null;
  if (step === 'reminder') {
    key = `reminder:${id}:${a.dueAt.toISOString()}`;
    action = 'deadline.reminded';
    note = agency.name;
    mail = () =>
      deadlineReminder({
        ...facts,
        to: agency.email,
        workingDaysLeft: calendar.workingDaysBetween(now, a.dueAt),
      });
  } else if (step === 'overdue') {
    key = `overdue:${id}`;
    action = 'deadline.overdue';
    const [nearest] = await officersByLevel(deps, submission.jurisdictionPath);
    note = nearest?.length ? nearest.map((o) => o.name).join(', ') : 'no officer to tell';
    mail = nearest?.length
      ? () =>
          deadlineOverdue({
            ...facts,
            to: nearest.map((o) => o.email).join(', '),
            itemUrl: `${config.PUBLIC_BASE_URL}/officer/submissions/${String(submission._id)}`,
          })
      : null;
  } else {
    key = `escalation:${id}`;
    action = 'deadline.escalated';
    const superior = await superiorAgency(deps, agency);
    const levels = superior ? [] : await officersByLevel(deps, submission.jurisdictionPath);
    const officers = levels[1] ?? levels[0] ?? [];
    const to = superior ? superior.email : officers.map((o) => o.email).join(', ');
    note = superior
      ? superior.name
      : officers.length
        ? officers.map((o) => o.name).join(', ')
        : 'no one to escalate to';
    mail = to
      ? () =>
          deadlineEscalation({
            ...facts,
            to,
            recipientName:
              superior?.name ?? 'Ban Thường trực Ủy ban MTTQ / the Front’s standing committee',
            workingDaysOverdue: calendar.workingDaysBetween(a.dueAt, now),
          })
      : null;
  }

  if (mail) {
    const compose = mail;
    await deliverOnce(deps, key, `deadline-${step}`, submission._id, async () => compose());
  }
  await deps.lifecycle.record(submission._id, { at: now, actor: ACTOR, action, note }, key);
  await markDone(deps, step, a, now);
  return 'done';
}

/** Marks a step done, for this very due date (a moved deadline is a new one). */
async function markDone(deps: Deps, step: Step, a: Assignment, now: Date): Promise<void> {
  await deps.models.Assignment.updateOne(
    { _id: a._id, dueAt: a.dueAt, [DONE_FIELD[step]]: { $exists: false } },
    { $set: { [DONE_FIELD[step]]: now } },
  );
}
