import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import { normalizeText } from '../platform/text';
import type { Submission } from '../submissions/model';
import { AGENCY_STATUSES, OPEN_STATUSES } from '../submissions/statuses';
import { withdrawAssignment } from '../triage';
import type { RatingInput } from './schemas';

/**
 * The resident closes the loop: satisfied closes the petition; not satisfied
 * (with a reason) reopens it for the officers. Only once, and only through the
 * resident's private link (see proof.ts).
 */
export async function rateAnswer(
  deps: Deps,
  s: Submission,
  input: RatingInput,
): Promise<Submission> {
  if (s.status !== 'answered') throw fail.because('not-answered', `The status is ${s.status}.`);
  const rating = {
    satisfied: input.satisfied,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.comment ? { comment: normalizeText(input.comment) } : {}),
    at: deps.clock.now(),
  };
  const updated = await deps.lifecycle.transition(s._id, {
    from: 'answered',
    to: input.satisfied ? 'closed' : 'reopened',
    actor: { kind: 'resident' },
    action: input.satisfied ? 'resident.satisfied' : 'resident.reopened',
    ...(input.reason ? { note: input.reason } : {}),
    set: { rating },
  });
  if (!updated) throw fail.because('already-rated');
  return updated;
}

/**
 * The resident withdraws an item that is still open: it ends (`withdrawn`), and an
 * agency's reply link stops working.
 */
export async function withdraw(deps: Deps, s: Submission, reason?: string): Promise<Submission> {
  if (!OPEN_STATUSES.includes(s.status)) throw fail.because('not-open');
  const updated = await deps.lifecycle.transition(s._id, {
    from: s.status,
    to: 'withdrawn',
    actor: { kind: 'resident' },
    action: 'resident.withdrawn',
    ...(reason ? { note: normalizeText(reason) } : {}),
  });
  if (!updated) throw fail.because('changed-meanwhile');
  if (AGENCY_STATUSES.includes(s.status)) await withdrawAssignment(deps, s.currentAssignmentId);
  return updated;
}

/**
 * Answers nobody rated within RATING_WINDOW_DAYS close by themselves. Run by the
 * worker on a schedule; safe to run twice (each close is a conditional transition).
 */
export async function closeUnrated(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.config.RATING_WINDOW_DAYS * 86_400_000);
  const stale = await deps.models.Submission.find(
    { status: 'answered', 'answer.at': { $lt: before } },
    { _id: 1 },
  )
    .limit(500)
    .lean();
  let closed = 0;
  for (const s of stale) {
    const done = await deps.lifecycle.transition(s._id, {
      from: 'answered',
      to: 'closed',
      actor: { kind: 'system', name: 'rating window' },
      action: 'resident.closed',
      note: `no rating within ${deps.config.RATING_WINDOW_DAYS} days`,
    });
    if (done) closed += 1;
  }
  return closed;
}
