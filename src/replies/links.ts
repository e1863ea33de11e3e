import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Deps } from '../deps';
import { guard } from '../officers';
import { fail } from '../platform/domain-errors';
import { problemResponse } from '../platform/openapi';
import { z } from '../platform/zod';
import { isActiveAssignment } from '../routing/model';
import { findInScope, officerActor } from '../triage';
import { AGENCY_STATUSES } from '../submissions/statuses';
import type { Actor, Submission } from '../submissions/model';

/**
 * Officers manage the current assignment's reply link: revoke it (it answers
 * "revoked" from then on), or have the notice sent again with a new link (the
 * old one dies at once; one e-mail per resend, through the outbox, each resend
 * a delivery of its own). Both are written in the history.
 */

async function currentAssignment(deps: Deps, doc: Submission) {
  const a = doc.currentAssignmentId
    ? await deps.models.Assignment.findById(doc.currentAssignmentId).lean()
    : null;
  if (!a) throw fail.because('no-assignment');
  return a;
}

export async function revokeReplyLink(
  deps: Deps,
  actor: Actor,
  doc: Submission,
): Promise<{ outcome: 'revoked' | 'already'; revokedAt: string }> {
  const a = await currentAssignment(deps, doc);
  const now = deps.clock.now();
  const res = await deps.models.ReplyToken.updateOne(
    { assignmentId: a._id, revokedAt: { $exists: false } },
    { $set: { revokedAt: now } },
  );
  if (res.modifiedCount === 0) {
    const t = await deps.models.ReplyToken.findOne({ assignmentId: a._id }).lean();
    if (!t) throw fail.because('no-reply-link');
    return { outcome: 'already', revokedAt: (t.revokedAt ?? now).toISOString() };
  }
  await deps.lifecycle.record(doc._id, {
    at: now,
    actor,
    action: 'reply-link.revoked',
    note: a.agencyCode,
  });
  return { outcome: 'revoked', revokedAt: now.toISOString() };
}

export async function resendReplyLink(
  deps: Deps,
  actor: Actor,
  doc: Submission,
): Promise<{ resend: number }> {
  if (!AGENCY_STATUSES.includes(doc.status)) throw fail.because('not-with-agency');
  const a = await currentAssignment(deps, doc);
  if (!isActiveAssignment(a.status))
    throw fail.because('not-with-agency', 'The assignment is closed');
  // The count is the claim: each resend has its own number, hence its own e-mail.
  const counted = await deps.models.Assignment.findOneAndUpdate(
    { _id: a._id, status: { $in: ['open', 'acknowledged'] } },
    { $inc: { resendCount: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!counted) throw fail.because('changed-meanwhile');
  const n = counted.resendCount ?? 1;
  const now = deps.clock.now();
  // The old link dies now; the worker issues the new one as it sends the e-mail.
  await deps.models.ReplyToken.updateOne(
    { assignmentId: a._id, revokedAt: { $exists: false } },
    { $set: { revokedAt: now } },
  );
  await deps.lifecycle.commit(doc._id, {
    history: { at: now, actor, action: 'reply-link.resent', note: a.agencyCode },
    effects: [{ type: 'agency-resend', assignmentId: String(a._id), n }],
  });
  return { resend: n };
}

export function replyLinkOfficerRoutes(deps: Deps): Router {
  const router = Router();
  const base = '/api/v1/officer/submissions/:id/reply-link';
  const id = (req: Request) => String(req.params.id);

  guard(
    router,
    { method: 'post', path: `${base}/revoke`, access: 'officer', scoped: true },
    async (req, res) => {
      const doc = await findInScope(deps, req.scope, id(req));
      res.json(await revokeReplyLink(deps, officerActor(req.officer), doc));
    },
  );
  guard(
    router,
    { method: 'post', path: `${base}/resend`, access: 'officer', scoped: true },
    async (req, res) => {
      const doc = await findInScope(deps, req.scope, id(req));
      res.status(202).json(await resendReplyLink(deps, officerActor(req.officer), doc));
    },
  );
  return router;
}

const idParam = z.object({ id: z.string().openapi({ example: '6b078a679f0e69c24710a1f5' }) });
/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const replyLinkApi: RouteConfig[] = [
  {
    method: 'post',
    path: '/api/v1/officer/submissions/{id}/reply-link/revoke',
    summary: "Revoke the current agency's reply link (and its reply-by-mail address)",
    tags: ['Triage'],
    request: { params: idParam },
    responses: {
      200: {
        description: 'Revoked (or it was already)',
        content: {
          'application/json': {
            schema: z.object({ outcome: z.enum(['revoked', 'already']), revokedAt: z.string() }),
          },
        },
      },
      404: problemResponse('No such item in your scope'),
      409: problemResponse('Not assigned, or no link sent yet'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/officer/submissions/{id}/reply-link/resend',
    summary: 'Send the agency notice again with a new link; the old link stops working at once',
    tags: ['Triage'],
    request: { params: idParam },
    responses: {
      202: {
        description: 'Queued: one e-mail for this resend',
        content: { 'application/json': { schema: z.object({ resend: z.number() }) } },
      },
      404: problemResponse('No such item in your scope'),
      409: problemResponse('The item is not with an agency'),
    },
  },
];
