import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import { normalizeText } from '../platform/text';
import type { Submission } from '../submissions/model';
import { canonicalTrackingCode } from '../submissions/tracking-code';
import type { RatingInput } from './schemas';

/** Whether `given` is the e-mail or the phone the resident left. */
export function sameContact(s: Submission, given: string): boolean {
  const g = given.trim().toLowerCase();
  const phone = g.replace(/[ .-]/g, '');
  return (
    (!!s.submitter.email && s.submitter.email === g) ||
    (!!s.submitter.phone && s.submitter.phone === phone)
  );
}

/**
 * The resident closes the loop: satisfied closes the petition; not satisfied
 * (with a reason) reopens it for the officers. Only the person who submitted it
 * (proved by the contact they gave) may rate, and only once.
 */
export async function rateAnswer(
  deps: Deps,
  rawCode: string,
  input: RatingInput,
): Promise<Submission> {
  const code = canonicalTrackingCode(rawCode);
  const s = code ? await deps.models.Submission.findOne({ trackingCode: code }).lean() : null;
  if (!s) throw fail.notFound('tracking code');
  if (!sameContact(s, input.contact)) throw fail.because('contact-mismatch');
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
