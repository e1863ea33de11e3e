import type { Deps } from '../deps';
import { DeliveryInProgress, deliverOnce } from '../notifications/deliver';
import type { OutgoingMail } from '../platform/mail';
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
 * DEADLINE_SCAN_EVERY_MS). For each active assignment whose deadline is not
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
 * Exactly once, however many workers scan at the same time and however often:
 * each e-mail goes through `deliverOnce` (the delivery record's insert is the
 * claim to send), each history entry through `deps.lifecycle.record` with the same key, and
 * only then is the step marked done on the assignment, so that later scans skip
 * it. A worker that dies half-way leaves the step unmarked; the next scan finds
 * the e-mail sent and completes the rest.
 */

export interface ScanResult {
  reminded: number;
  overdue: number;
  escalated: number;
  /** Not due for this step after all (e.g. waiting for the resident), or being sent by another worker. */
  skipped: number;
  failed: number;
}

const ACTOR = { kind: 'system', name: 'deadlines' } as const;
const BATCH = 200;

type Step = 'reminder' | 'overdue' | 'escalation';

const DONE_FIELD: Record<Step, 'remindedAt' | 'overdueNotifiedAt' | 'escalatedAt'> = {
  reminder: 'remindedAt',
  overdue: 'overdueNotifiedAt',
  escalation: 'escalatedAt',
};

export async function scanDeadlines(
  deps: Deps,
  rules: DeadlineRules = deadlineRules,
): Promise<ScanResult> {
  const { models, calendar } = deps;
  const now = deps.clock.now();
  const active = {
    status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] },
    pausedAt: { $exists: false },
  };
  const find = (filter: Record<string, unknown>) =>
    models.Assignment.find({ ...active, ...filter })
      .sort({ dueAt: 1 })
      .limit(BATCH)
      .lean<Assignment[]>();
  const [overdue, escalate, remind] = await Promise.all([
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

  const result: ScanResult = { reminded: 0, overdue: 0, escalated: 0, skipped: 0, failed: 0 };
  const agencies = new Map<string, Agency | null>();
  const agencyOf = async (code: string) => {
    if (!agencies.has(code)) agencies.set(code, await models.Agency.findOne({ code }).lean());
    return agencies.get(code) ?? null;
  };
  const work: Array<[Step, Assignment]> = [
    ...overdue.map((a): [Step, Assignment] => ['overdue', a]),
    ...escalate.map((a): [Step, Assignment] => ['escalation', a]),
    ...remind.map((a): [Step, Assignment] => ['reminder', a]),
  ];
  for (const [step, a] of work) {
    try {
      const outcome = await runStep(deps, step, a, now, agencyOf);
      if (outcome === 'done')
        result[step === 'reminder' ? 'reminded' : step === 'overdue' ? 'overdue' : 'escalated'] +=
          1;
      else result.skipped += 1;
    } catch (err) {
      if (err instanceof DeliveryInProgress) {
        result.skipped += 1;
        continue;
      }
      result.failed += 1;
      deps.logger.warn(
        { assignmentId: String(a._id), step, err: (err as Error).message },
        'deadlines: step failed; the next scan retries',
      );
    }
  }
  if (result.reminded + result.overdue + result.escalated + result.failed > 0)
    deps.logger.info(result, 'deadlines: scan');
  return result;
}

async function runStep(
  deps: Deps,
  step: Step,
  a: Assignment,
  now: Date,
  agencyOf: (code: string) => Promise<Agency | null>,
): Promise<'done' | 'skipped'> {
  const { models, calendar, config } = deps;
  const submission = await models.Submission.findById(a.submissionId).lean<Submission>();
  const agency = await agencyOf(a.agencyCode);
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
