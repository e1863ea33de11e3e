import type { Deps } from '../deps';
import { DomainError, fail } from '../platform/domain-errors';
import { normalizeLine, normalizeText } from '../platform/text';
import type { Agency } from '../reference/model';
import { storeAttachments } from '../attachments';
import type { CheckedFile } from '../attachments';
import { ACTIVE_ASSIGNMENT_STATUSES, isActiveAssignment, type Assignment } from '../routing/model';
import { AGENCY_STATUSES } from '../submissions/statuses';
import type { Actor, Submission } from '../submissions/model';
import type { AnswerInput } from './schemas';
import type { ReplyToken } from './model';
import { hashToken, TOKEN_SHAPE } from './tokens';

/** Why a link no longer lets the agency act; each has its own wording on the page. */
export type DeadLinkState = 'unknown' | 'expired' | 'revoked' | 'rerouted' | 'closed';

/** What a reply link leads to. Only `open` lets the agency act. */
export type ReplyContext =
  | { state: 'unknown' }
  | {
      state: 'expired' | 'revoked' | 'rerouted' | 'closed';
      submission: Submission;
      assignment: Assignment;
    }
  | { state: 'open' | 'answered'; submission: Submission; assignment: Assignment; agency: Agency };

const same = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);

/**
 * The capability a reply token carries: which assignment of which petition, for
 * which agency, and how the link itself stands. Resolved from the token once per
 * request, at the edge (page, API, SMTP); what it leads to is then read through
 * `readReplyLink`, without looking the token up again. Null: the token names
 * nothing.
 */
export interface ReplyLink {
  readonly record: ReplyToken;
  /** A newer link replaced this one (the notice was sent again). */
  readonly replaced: boolean;
}

export async function resolveReplyLink(deps: Deps, token: string): Promise<ReplyLink | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const { ReplyToken } = deps.models;
  const hash = hashToken(token);
  const latest = await ReplyToken.findOne({ tokenHash: hash }).lean<ReplyToken>();
  if (latest) return { record: latest, replaced: false };
  const replaced = await ReplyToken.findOne({ previousHashes: hash }).lean<ReplyToken>();
  return replaced ? { record: replaced, replaced: true } : null;
}

/**
 * What a reply link leads to now. Reading never changes anything: mail scanners
 * open links. What happened to the petition is said before what happened to the
 * link: a link of a re-routed petition says "re-routed" (not merely "revoked"),
 * one of a petition the agency declined or officers ended says "closed".
 */
export async function readReplyLink(deps: Deps, link: ReplyLink | null): Promise<ReplyContext> {
  if (!link) return { state: 'unknown' };
  const { models } = deps;
  const { record } = link;
  const [submission, assignment, agency] = await Promise.all([
    models.Submission.findById(record.submissionId).lean(),
    models.Assignment.findById(record.assignmentId).lean(),
    models.Agency.findOne({ code: record.agencyCode }).lean(),
  ]);
  if (!submission || !assignment || !agency) return { state: 'unknown' };
  const current = same(submission.currentAssignmentId, assignment._id);
  const answeredHere = same(submission.answer?.assignmentId, assignment._id);
  if (!current && !answeredHere) return { state: 'rerouted', submission, assignment };
  if (
    !answeredHere &&
    (!isActiveAssignment(assignment.status) || !AGENCY_STATUSES.includes(submission.status))
  )
    return { state: 'closed', submission, assignment };
  if (link.replaced || record.revokedAt) return { state: 'revoked', submission, assignment };
  if (record.expiresAt <= deps.clock.now()) return { state: 'expired', submission, assignment };
  if (answeredHere) return { state: 'answered', submission, assignment, agency };
  return { state: 'open', submission, assignment, agency };
}

/** Both at once, where a token is looked at once only (the SMTP server's recipient check). */
export async function resolveReplyToken(deps: Deps, token: string): Promise<ReplyContext> {
  return readReplyLink(deps, await resolveReplyLink(deps, token));
}

export function replyRefusal(state: DeadLinkState): DomainError {
  switch (state) {
    case 'unknown':
      return fail.notFound('reply link');
    case 'expired':
      return fail.because('reply-link-expired');
    case 'revoked':
      return fail.because('reply-link-revoked');
    case 'rerouted':
      return fail.because('reply-link-rerouted', 'Nothing more is needed from you.');
    case 'closed':
      return fail.because('reply-link-closed', 'It was declined, withdrawn or closed.');
  }
}

export interface AnswerOptions {
  /** Files already checked (type by magic bytes, size); stored only if this call records the answer. */
  files?: CheckedFile[];
  /** A line for the officers in the history (e.g. files dropped from an e-mail). */
  note?: string;
  via?: 'link' | 'email';
}

/**
 * The agency answers. A second identical post (a double click, a retry) is
 * accepted and changes nothing; a different answer after the first is a conflict.
 */
export async function recordAnswer(
  deps: Deps,
  link: ReplyLink | null,
  input: AnswerInput,
  opts: AnswerOptions = {},
): Promise<{ outcome: 'recorded' | 'already'; submission: Submission }> {
  const answer = {
    text: normalizeText(input.text),
    responderName: normalizeLine(input.responderName),
    ...(input.responderTitle ? { responderTitle: normalizeLine(input.responderTitle) } : {}),
  };
  const ctx = await readReplyLink(deps, link);
  if (ctx.state === 'answered') return sameAnswerOrConflict(ctx.submission, answer.text);
  if (ctx.state !== 'open') throw replyRefusal(ctx.state);

  const { submission, assignment, agency } = ctx;
  const now = deps.clock.now();
  const updated = await deps.lifecycle.transition(submission._id, {
    from: submission.status,
    to: 'answered',
    actor: agencyActor(agency),
    action: 'agency.answered',
    ...(opts.note ? { note: opts.note } : {}),
    where: { currentAssignmentId: assignment._id },
    set: { answer: { ...answer, agencyCode: agency.code, assignmentId: assignment._id, at: now } },
    effects: [{ type: 'resident-answered' }],
  });
  if (!updated) {
    // Someone else changed it between our read and our write: say what happened.
    const again = await readReplyLink(deps, link);
    if (again.state === 'answered') return sameAnswerOrConflict(again.submission, answer.text);
    throw replyRefusal(again.state === 'open' ? 'closed' : again.state);
  }
  // The files before the resident's e-mail goes out, so the tracking page lists them.
  await storeAttachments(deps, updated._id, assignment._id, opts.files ?? [], opts.via ?? 'link');
  await deps.models.Assignment.updateOne(
    { _id: assignment._id, status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
    { $set: { status: 'answered', answeredAt: now } },
  );
  await agencyReachable(deps, agency);
  return { outcome: 'recorded', submission: updated };
}

export function agencyActor(agency: Agency): Actor {
  return { kind: 'agency', ref: agency.code, name: agency.name };
}

/** The agency acted through its link or answered by mail: its address works again. */
export async function agencyReachable(deps: Deps, agency: Agency): Promise<void> {
  if (!agency.emailFailingSince) return;
  await deps.models.Agency.updateOne(
    { code: agency.code, emailFailingSince: { $exists: true } },
    { $unset: { emailFailingSince: 1 } },
  );
}

function sameAnswerOrConflict(submission: Submission, text: string) {
  if (submission.answer?.text === text) return { outcome: 'already' as const, submission };
  throw fail.because('already-answered', 'The answer recorded first stands.');
}
