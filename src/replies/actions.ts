import type { Deps } from '../deps';
import { formatDate, localDate } from '../platform/clock';
import { fail } from '../platform/domain-errors';
import { normalizeLine, normalizeText } from '../platform/text';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../routing/model';
import type { Submission } from '../submissions/model';
import { pauseDeadline } from '../deadlines';
import type { AskInput, DeclineInput, ProgressInput } from './schemas';
import {
  agencyActor,
  agencyReachable,
  readReplyLink,
  replyRefusal,
  type ReplyContext,
  type ReplyLink,
} from './service';

/**
 * What an agency does through its link besides answering: acknowledge receipt,
 * report progress, or decline as not competent. Each step goes through the state
 * machine, is written in the history with the agency as its author, and tells
 * the resident (notifyResident). Repeating a step (a double click, a retry)
 * records it once.
 */

export type ActionResult = { outcome: 'recorded' | 'already'; submission: Submission };

type Open = Extract<ReplyContext, { state: 'open' | 'answered' }>;

const DEDUPE_MS = 60_000;

async function openLink(deps: Deps, link: ReplyLink | null): Promise<Open> {
  const ctx = await readReplyLink(deps, link);
  if (ctx.state === 'answered')
    throw fail.because('already-answered', 'Nothing more can be reported through this link.');
  if (ctx.state !== 'open') throw replyRefusal(ctx.state);
  return ctx;
}

const changedMeanwhile = () => fail.because('changed-meanwhile', 'Reload and try again.');

/** The agency's link is the assignment's: mark it acknowledged (if it still is open). */
async function markAcknowledged(deps: Deps, ctx: Open): Promise<void> {
  await deps.models.Assignment.updateOne(
    { _id: ctx.assignment._id, status: 'open' },
    { $set: { status: 'acknowledged', acknowledgedAt: deps.clock.now() } },
  );
}

/** Receipt acknowledged: `assigned → acknowledged`. Anything later than `assigned` is already acknowledged. */
export async function acknowledge(deps: Deps, link: ReplyLink | null): Promise<ActionResult> {
  const ctx = await openLink(deps, link);
  const { submission, assignment, agency } = ctx;
  if (submission.status !== 'assigned') {
    await markAcknowledged(deps, ctx);
    return { outcome: 'already', submission };
  }
  const updated = await deps.lifecycle.transition(submission._id, {
    from: 'assigned',
    to: 'acknowledged',
    actor: agencyActor(agency),
    action: 'agency.acknowledged',
    where: { currentAssignmentId: assignment._id },
    notifyResident: true,
  });
  if (!updated) {
    // A concurrent click won, or the petition moved on: an open link past `assigned` is acknowledged.
    const again = await openLink(deps, link);
    if (again.submission.status !== 'assigned')
      return { outcome: 'already', submission: again.submission };
    throw changedMeanwhile();
  }
  await markAcknowledged(deps, ctx);
  await agencyReachable(deps, agency);
  return { outcome: 'recorded', submission: updated };
}

/** The note of a progress report: the agency's words and the expected date, for the resident too. */
export function progressNote(input: ProgressInput): string {
  const day = new Date(`${input.expectedBy}T12:00:00+07:00`);
  return `${normalizeText(input.text)}\n\nDự kiến có trả lời / Answer expected by: ${formatDate(day, 'vi')}`;
}

/**
 * Interim progress, with the date the answer is expected: `… → in_progress`; it
 * may be reported again. The same words again within a minute are a double
 * click and record nothing. The history's length guards the write, so two
 * concurrent identical posts cannot both pass the check.
 */
export async function reportProgress(
  deps: Deps,
  link: ReplyLink | null,
  input: ProgressInput,
): Promise<ActionResult> {
  const today = localDate(deps.clock.now());
  if (input.expectedBy < today)
    throw fail.validation([
      { path: 'expectedBy', message: 'must be today or later', code: 'past-date' },
    ]);
  const note = progressNote(input);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const ctx = await openLink(deps, link);
    const { submission, assignment, agency } = ctx;
    const now = deps.clock.now();
    const last = [...submission.history]
      .reverse()
      .find((e) => e.action === 'agency.progress' && e.actor.ref === agency.code);
    if (last && last.note === note && now.getTime() - new Date(last.at).getTime() < DEDUPE_MS)
      return { outcome: 'already', submission };
    const updated = await deps.lifecycle.transition(submission._id, {
      from: submission.status,
      to: 'in_progress',
      actor: agencyActor(agency),
      action: 'agency.progress',
      note,
      where: {
        currentAssignmentId: assignment._id,
        history: { $size: submission.history.length },
      },
      notifyResident: true,
    });
    if (updated) {
      await markAcknowledged(deps, ctx);
      await agencyReachable(deps, agency);
      return { outcome: 'recorded', submission: updated };
    }
  }
  throw changedMeanwhile();
}

/**
 * Not competent: the petition goes back to the officers' triage inbox
 * (`… → needs_triage`) with the agency the decliner names, and its link closes.
 * Declining again through the same link is a no-op.
 */
export async function decline(
  deps: Deps,
  link: ReplyLink | null,
  input: DeclineInput,
): Promise<ActionResult> {
  const first = await readReplyLink(deps, link);
  if (first.state === 'closed' && first.assignment.status === 'declined')
    return { outcome: 'already', submission: first.submission };
  const ctx = await openLink(deps, link);
  const { submission, assignment, agency } = ctx;
  const suggested = normalizeLine(input.suggestedAgency);
  const known = await deps.models.Agency.findOne({ code: suggested.toLowerCase() }).lean();
  const who = known ? `${known.name} (${known.code})` : suggested;
  const note = [
    `Đề xuất cơ quan có thẩm quyền / Suggested agency: ${who}`,
    input.reason ? normalizeText(input.reason) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const updated = await deps.lifecycle.transition(submission._id, {
    from: submission.status,
    to: 'needs_triage',
    actor: agencyActor(agency),
    action: 'agency.declined',
    note,
    where: { currentAssignmentId: assignment._id },
    notifyResident: true,
  });
  if (!updated) {
    const again = await readReplyLink(deps, link);
    if (again.state === 'closed' && again.assignment.status === 'declined')
      return { outcome: 'already', submission: again.submission };
    throw changedMeanwhile();
  }
  await deps.models.Assignment.updateOne(
    { _id: assignment._id, status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
    { $set: { status: 'declined', declinedAt: deps.clock.now() } },
  );
  await agencyReachable(deps, agency);
  return { outcome: 'recorded', submission: updated };
}

/**
 * The agency needs more from the resident: `… → awaiting_resident`, the question
 * goes to the resident, and the deadline pauses until they answer (their answer
 * resumes it: src/feedback/info.ts). Asking the same again is a no-op.
 */
export async function askResident(
  deps: Deps,
  link: ReplyLink | null,
  input: AskInput,
): Promise<ActionResult> {
  const ctx = await openLink(deps, link);
  const { submission, assignment, agency } = ctx;
  const question = normalizeText(input.question);
  if (submission.status === 'awaiting_resident') return { outcome: 'already', submission };
  const updated = await deps.lifecycle.transition(submission._id, {
    from: submission.status,
    to: 'awaiting_resident',
    actor: agencyActor(agency),
    action: 'agency.awaiting-resident',
    note: question,
    where: { currentAssignmentId: assignment._id },
    notifyResident: true,
  });
  if (!updated) throw changedMeanwhile();
  await markAcknowledged(deps, ctx);
  await pauseDeadline(deps, assignment._id);
  await agencyReachable(deps, agency);
  return { outcome: 'recorded', submission: updated };
}
