import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { formatDate } from '../platform/clock';
import { ACTIVE_ASSIGNMENT_STATUSES, type Assignment } from '../routing/model';

/**
 * The deadline stops while the agency waits for the resident (`awaiting_resident`)
 * and is extended, when the wait ends, by the working days it took. Whoever moves
 * a petition into `awaiting_resident` calls `pauseDeadline`; whoever moves it out,
 * `resumeDeadline`. Both are idempotent single-document updates: calling either
 * twice, or from two workers at once, has the effect of calling it once.
 */

/** Records when the wait began. Returns false when it was paused already (or is not active). */
export async function pauseDeadline(
  deps: Deps,
  assignmentId: Types.ObjectId | string,
): Promise<boolean> {
  const res = await deps.models.Assignment.updateOne(
    {
      _id: assignmentId,
      status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] },
      pausedAt: { $exists: false },
    },
    { $set: { pausedAt: deps.clock.now() } },
  );
  return res.modifiedCount === 1;
}

/**
 * Ends the wait: moves `dueAt` by the working days after the day the wait began,
 * up to and including today (the submission's copy and the inbox follow), and
 * notes the extension in the history. Returns the assignment as it is now, or
 * null when there is none. Not paused (or resumed already): nothing changes.
 */
export async function resumeDeadline(
  deps: Deps,
  assignmentId: Types.ObjectId | string,
): Promise<Assignment | null> {
  const { models, calendar } = deps;
  const a = await models.Assignment.findById(assignmentId).lean();
  if (!a?.pausedAt) return a;
  const now = deps.clock.now();
  const days = calendar.workingDaysBetween(a.pausedAt, now);
  const dueAt = days > 0 ? calendar.addWorkingDays(a.dueAt, days) : a.dueAt;
  // Conditional on the pause we read: of two racing resumes, one extends.
  const resumed = await models.Assignment.findOneAndUpdate(
    { _id: a._id, pausedAt: a.pausedAt, dueAt: a.dueAt },
    {
      $set: { dueAt },
      $unset: { pausedAt: 1, ...(days > 0 ? { remindedAt: 1 } : {}) },
      $inc: { pausedWorkingDays: days },
    },
    { returnDocument: 'after' },
  ).lean<Assignment>();
  if (!resumed) return models.Assignment.findById(a._id).lean();
  if (days > 0) {
    await deps.lifecycle.commit(a.submissionId, {
      where: { currentAssignmentId: a._id },
      set: { dueAt },
    });
    await deps.lifecycle.record(
      a.submissionId,
      {
        at: now,
        actor: { kind: 'system', name: 'deadlines' },
        action: 'deadline.extended',
        note: `+${days} ngày làm việc / working days → ${formatDate(dueAt, 'vi')}`,
      },
      `extended:${String(a._id)}:${a.pausedAt.toISOString()}`,
    );
  }
  return resumed;
}
