import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { deliverOnce } from './deliver';
import { milestoneKnown, residentUpdate } from './resident-templates';
import { residentAnswered, residentNotice, type ResidentNoticeReason } from './templates';

import { residentPageUrl } from '../submissions/resident-key';

/** Tells the resident that triage rejected, redirected or merged their item. */
export async function sendResidentNotice(
  deps: Deps,
  submissionId: Types.ObjectId,
  reason: ResidentNoticeReason,
) {
  const s = await deps.models.Submission.findById(submissionId).lean();
  const to = s?.submitter.email;
  if (!s || !to || s.status !== reason) return;
  const survivor = s.mergedInto
    ? await deps.models.Submission.findById(s.mergedInto, { trackingCode: 1 }).lean()
    : null;
  await deliverOnce(
    deps,
    `resident-notice:${reason}:${s._id}`,
    `resident-${reason}`,
    s._id,
    async () =>
      residentNotice({
        to,
        ...(s.submitter.name ? { name: s.submitter.name } : {}),
        reason,
        trackingCode: s.trackingCode,
        title: s.title,
        ...(s.resolution?.message ? { message: s.resolution.message } : {}),
        ...(survivor ? { survivorCode: survivor.trackingCode } : {}),
        trackUrl: residentPageUrl(deps.config, s),
      }),
  );
}

/**
 * When an item is answered, everyone whose duplicate was merged into it hears
 * the answer too (one e-mail each, whatever the retries).
 */
export async function sendAnswerToMergedSupporters(deps: Deps, submissionId: Types.ObjectId) {
  const s = await deps.models.Submission.findById(submissionId).lean();
  if (!s?.answer) return;
  const answer = s.answer;
  const agency = await deps.models.Agency.findOne({ code: answer.agencyCode }).lean();
  const merged = await deps.models.Submission.find({ mergedInto: s._id, status: 'merged' }).lean();
  for (const m of merged) {
    const to = m.submitter.email;
    if (!to) continue;
    await deliverOnce(deps, `resident-answered:${m._id}`, 'resident-answered', m._id, async () =>
      residentAnswered({
        to,
        ...(m.submitter.name ? { name: m.submitter.name } : {}),
        trackingCode: m.trackingCode,
        title: m.title,
        agencyName: agency?.name ?? answer.agencyCode,
        responderName: answer.responderName,
        answer: answer.text,
        answeredAt: answer.at,
        trackUrl: residentPageUrl(deps.config, m),
      }),
    );
  }
}

/**
 * Tells the resident, and everyone whose duplicate was merged into this item,
 * about one entry of its history (acknowledged, progress, reopened…). Each
 * message is keyed by the entry's id: sent once, whatever the retries.
 */
export async function sendResidentUpdate(deps: Deps, submissionId: Types.ObjectId, entry: string) {
  const s = await deps.models.Submission.findById(submissionId).lean();
  const h = s?.history.find((e) => e.id === entry);
  if (!s || !h || !milestoneKnown(h.action)) return;
  const merged = await deps.models.Submission.find({ mergedInto: s._id, status: 'merged' }).lean();
  for (const who of [s, ...merged]) {
    const to = who.submitter.email;
    if (!to) continue;
    await deliverOnce(
      deps,
      `resident-update:${s._id}:${entry}:${who._id}`,
      'resident-update',
      s._id,
      async () =>
        residentUpdate({
          to,
          ...(who.submitter.name ? { name: who.submitter.name } : {}),
          trackingCode: who.trackingCode,
          title: who.title,
          action: h.action,
          ...(h.actor.kind === 'agency' && h.actor.name ? { by: h.actor.name } : {}),
          ...(h.note ? { note: h.note } : {}),
          at: h.at,
          trackUrl: residentPageUrl(deps.config, who),
        }),
    );
  }
}
