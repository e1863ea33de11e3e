import type { Deps } from '../deps';
import { inboundAddress } from '../inbound';
import { issueReplyToken } from '../replies';
import { isActiveAssignment } from '../routing/model';
import type { Handled } from '../dispatch';
import { AGENCY_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';
import { deliverOnce } from './deliver';
import { agencyNotice } from './templates';

/**
 * Tells the agency about its assignment, with a fresh reply link (and the
 * matching Reply-To address, so the agency may answer the e-mail itself). Does
 * nothing if the assignment is no longer with the agency or its notice has gone
 * out. `resend: n` is an officer's n-th resend: a delivery of its own (sent once
 * however often the job runs), skipped when a later resend superseded it.
 */
export async function sendAgencyNotice(
  deps: Deps,
  submission: Submission,
  assignmentId: string,
  opts: { resend?: number } = {},
): Promise<Handled | undefined> {
  const { models, config } = deps;
  // The agency is nearly always the submission's current one: read both at once.
  const [assignment, current] = await Promise.all([
    models.Assignment.findById(assignmentId).lean(),
    submission.agencyCode ? models.Agency.findOne({ code: submission.agencyCode }).lean() : null,
  ]);
  if (!assignment || !isActiveAssignment(assignment.status)) return;
  if (opts.resend === undefined ? assignment.noticeSentAt : assignment.resendCount !== opts.resend)
    return;
  const agency =
    current?.code === assignment.agencyCode
      ? current
      : await models.Agency.findOne({ code: assignment.agencyCode }).lean();
  if (!agency) return;
  if (
    opts.resend !== undefined &&
    (!AGENCY_STATUSES.includes(submission.status) ||
      String(submission.currentAssignmentId) !== String(assignment._id))
  )
    return;
  // Categories and jurisdictions change only when the seed runs.
  const [category, jurisdiction] = await Promise.all([
    deps.reference.category(submission.categoryCode),
    deps.reference.jurisdiction(submission.jurisdictionCode),
  ]);

  const key =
    opts.resend === undefined
      ? `agency-notice:${assignmentId}`
      : `agency-notice:${assignmentId}:resend:${opts.resend}`;
  const outcome = await deliverOnce(deps, key, 'agency-notice', submission._id, async () => {
    const token = await issueReplyToken(deps, assignment);
    const replyTo = inboundAddress(config.INBOUND_DOMAIN, token);
    return {
      ...agencyNotice({
        to: agency.email,
        agencyName: agency.name,
        trackingCode: submission.trackingCode,
        title: submission.title,
        body: submission.body,
        categoryVi: category?.name.vi ?? submission.categoryCode,
        categoryEn: category?.name.en ?? submission.categoryCode,
        jurisdiction: jurisdiction?.name ?? submission.jurisdictionCode,
        submittedAt: submission.createdAt,
        dueAt: assignment.dueAt,
        link: `${config.PUBLIC_BASE_URL}/reply/${token}`,
        replyTo,
        resent: opts.resend !== undefined,
      }),
      // Delivery-failure reports come back to the same address, so we learn of them.
      envelope: { from: replyTo, to: agency.email },
    };
  });
  const now = deps.clock.now();
  if (opts.resend === undefined)
    await models.Assignment.updateOne(
      { _id: assignment._id, noticeSentAt: { $exists: false } },
      { $set: { noticeSentAt: now } },
    );
  if (outcome !== 'sent') return;
  // Written with the removal of the event from the outbox (src/dispatch/process.ts).
  return {
    history: [
      {
        at: now,
        actor: { kind: 'system', name: 'mail' },
        action: opts.resend === undefined ? 'agency.notified' : 'agency.notified-again',
        note: agency.name,
      },
    ],
  };
}
