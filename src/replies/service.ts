import type { Deps } from '../deps';
import { encodeEvent } from '../dispatch/events';
import { kick } from '../dispatch/outbox';
import { Problem, problems } from '../platform/errors';
import { normalizeLine, normalizeText } from '../platform/text';
import type { Agency } from '../reference/model';
import type { Assignment } from '../routing/model';
import { transition } from '../submissions/lifecycle';
import { AGENCY_STATUSES } from '../submissions/lifecycle';
import type { Submission } from '../submissions/model';
import type { AnswerInput } from './schemas';
import { hashToken, TOKEN_SHAPE } from './tokens';

/** What a reply link leads to. Only `open` lets the agency answer. */
export type ReplyContext =
  | { state: 'unknown' }
  | { state: 'expired' | 'revoked' | 'closed' }
  | { state: 'open' | 'answered'; submission: Submission; assignment: Assignment; agency: Agency };

/**
 * Looks a token up. Reading never changes anything: mail scanners open links.
 */
export async function resolveReplyToken(deps: Deps, token: string): Promise<ReplyContext> {
  if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' };
  const { models } = deps;
  const record = await models.ReplyToken.findOne({ tokenHash: hashToken(token) }).lean();
  if (!record) return { state: 'unknown' };
  if (record.revokedAt) return { state: 'revoked' };
  if (record.expiresAt <= deps.clock.now()) return { state: 'expired' };
  const [submission, assignment, agency] = await Promise.all([
    models.Submission.findById(record.submissionId).lean(),
    models.Assignment.findById(record.assignmentId).lean(),
    models.Agency.findOne({ code: record.agencyCode }).lean(),
  ]);
  if (!submission || !assignment || !agency) return { state: 'unknown' };
  const current = String(submission.currentAssignmentId) === String(assignment._id);
  if (submission.answer && String(submission.answer.assignmentId) === String(assignment._id))
    return { state: 'answered', submission, assignment, agency };
  if (!current || !AGENCY_STATUSES.includes(submission.status)) return { state: 'closed' };
  return { state: 'open', submission, assignment, agency };
}

export function replyProblem(state: Exclude<ReplyContext['state'], 'open' | 'answered'>): Problem {
  switch (state) {
    case 'unknown':
      return problems.notFound('reply link');
    case 'expired':
      return problems.gone('reply-link-expired', 'This reply link has expired');
    case 'revoked':
      return problems.gone('reply-link-revoked', 'This reply link was revoked');
    case 'closed':
      return problems.gone(
        'reply-link-closed',
        'This petition is no longer assigned to you through this link',
      );
  }
}

/**
 * The agency answers. A second identical post (a double click, a retry) is
 * accepted and changes nothing; a different answer after the first is a conflict.
 */
export async function recordAnswer(
  deps: Deps,
  token: string,
  input: AnswerInput,
): Promise<{ outcome: 'recorded' | 'already'; submission: Submission }> {
  const answer = {
    text: normalizeText(input.text),
    responderName: normalizeLine(input.responderName),
    ...(input.responderTitle ? { responderTitle: normalizeLine(input.responderTitle) } : {}),
  };
  const ctx = await resolveReplyToken(deps, token);
  if (ctx.state === 'answered') return sameAnswerOrConflict(ctx.submission, answer.text);
  if (ctx.state !== 'open') throw replyProblem(ctx.state);

  const { submission, assignment, agency } = ctx;
  const now = deps.clock.now();
  const updated = await transition(deps.models, deps.clock, submission._id, {
    from: submission.status,
    to: 'answered',
    actor: { kind: 'agency', ref: agency.code, name: agency.name },
    action: 'agency.answered',
    where: { currentAssignmentId: assignment._id },
    set: { answer: { ...answer, agencyCode: agency.code, assignmentId: assignment._id, at: now } },
    effects: [encodeEvent({ type: 'resident-answered' })],
  });
  if (!updated) {
    // Someone else changed it between our read and our write: say what happened.
    const again = await resolveReplyToken(deps, token);
    if (again.state === 'answered') return sameAnswerOrConflict(again.submission, answer.text);
    throw replyProblem(again.state === 'open' ? 'closed' : again.state);
  }
  await deps.models.Assignment.updateOne(
    { _id: assignment._id, status: 'open' },
    { $set: { status: 'answered', answeredAt: now } },
  );
  await kick(deps, updated._id, updated.outbox);
  return { outcome: 'recorded', submission: updated };
}

function sameAnswerOrConflict(submission: Submission, text: string) {
  if (submission.answer?.text === text) return { outcome: 'already' as const, submission };
  throw problems.conflict(
    'already-answered',
    'This petition has already been answered',
    'The answer recorded first stands.',
  );
}
