import type { Deps } from '../deps';
import { AGENCY_STATUSES } from './statuses';
import type { Actor } from './model';
import type { TrackingView } from './schemas';
import { canonicalTrackingCode } from './tracking-code';

/**
 * What anyone holding a tracking code may see: status, dates, the answer and who
 * gave it. Never the resident's name or contact, never officers' notes.
 */
export async function getTracking(deps: Deps, rawCode: string): Promise<TrackingView | null> {
  const code = canonicalTrackingCode(rawCode);
  if (!code) return null;
  const { models } = deps;
  const doc = await models.Submission.findOne({ trackingCode: code }).lean();
  if (!doc) return null;
  const [category, jurisdiction, agency] = await Promise.all([
    models.Category.findOne({ code: doc.categoryCode }).lean(),
    models.Jurisdiction.findOne({ code: doc.jurisdictionCode }).lean(),
    doc.agencyCode ? models.Agency.findOne({ code: doc.agencyCode }).lean() : null,
  ]);
  return {
    trackingCode: doc.trackingCode,
    kind: doc.kind,
    status: doc.status,
    category: {
      code: doc.categoryCode,
      name: category?.name ?? { vi: doc.categoryCode, en: doc.categoryCode },
    },
    jurisdiction: { code: doc.jurisdictionCode, name: jurisdiction?.name ?? doc.jurisdictionCode },
    submittedAt: doc.createdAt.toISOString(),
    ...(doc.dueAt && AGENCY_STATUSES.includes(doc.status)
      ? { dueAt: doc.dueAt.toISOString() }
      : {}),
    ...(agency ? { agency: { code: agency.code, name: agency.name } } : {}),
    history: doc.history.map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      ...(h.to ? { status: h.to } : {}),
      by: publicActor(h.actor),
    })),
    ...(doc.resolution ? { resolution: doc.resolution.message } : {}),
    ...(doc.status === 'awaiting_resident'
      ? {
          question:
            [...doc.history].reverse().find((h) => h.action === 'agency.awaiting-resident')?.note ??
            '',
        }
      : {}),
    ...(doc.answer
      ? {
          answer: {
            text: doc.answer.text,
            responderName: doc.answer.responderName,
            ...(doc.answer.responderTitle ? { responderTitle: doc.answer.responderTitle } : {}),
            agency: agency?.name ?? doc.answer.agencyCode,
            at: doc.answer.at.toISOString(),
          },
        }
      : {}),
  };
}

/** Agencies are public bodies and are named; people are shown by role only. */
function publicActor(actor: Actor): string {
  if (actor.kind === 'agency') return actor.name ?? 'agency';
  return actor.kind;
}
