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
  // A merged item carries on as the kept one: its status and answer are the resident's too.
  const kept =
    doc.status === 'merged' && doc.mergedInto
      ? await models.Submission.findById(doc.mergedInto).lean()
      : null;
  const answered = kept?.answer ? kept : doc;
  const [category, jurisdiction, agency, answerAgency] = await Promise.all([
    models.Category.findOne({ code: doc.categoryCode }).lean(),
    models.Jurisdiction.findOne({ code: doc.jurisdictionCode }).lean(),
    doc.agencyCode ? models.Agency.findOne({ code: doc.agencyCode }).lean() : null,
    answered.answer && answered.answer.agencyCode !== doc.agencyCode
      ? models.Agency.findOne({ code: answered.answer.agencyCode }).lean()
      : null,
  ]);
  return {
    trackingCode: doc.trackingCode,
    title: doc.title,
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
    progress: (kept ?? doc).history
      .filter((h) => h.action === 'agency.progress' && h.note)
      .map((h) => ({ at: h.at.toISOString(), ...splitProgress(h.note!) })),
    ...(kept
      ? { keptItem: { trackingCode: kept.trackingCode, title: kept.title, status: kept.status } }
      : {}),
    ...(doc.resolution ? { resolution: doc.resolution.message } : {}),
    ...(doc.status === 'awaiting_resident'
      ? {
          question:
            [...doc.history].reverse().find((h) => h.action === 'agency.awaiting-resident')?.note ??
            '',
        }
      : {}),
    ...(answered.answer
      ? {
          answer: {
            text: answered.answer.text,
            responderName: answered.answer.responderName,
            ...(answered.answer.responderTitle
              ? { responderTitle: answered.answer.responderTitle }
              : {}),
            agency: (answerAgency ?? agency)?.name ?? answered.answer.agencyCode,
            at: answered.answer.at.toISOString(),
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

/** The agencies' progress note ends with the expected date (src/replies/actions.ts). */
const EXPECTED = /\n+Dự kiến có trả lời \/ Answer expected by: (\d\d\/\d\d\/\d{4})\s*$/;

export function splitProgress(note: string): { text: string; expectedBy?: string } {
  const m = EXPECTED.exec(note);
  return m ? { text: note.slice(0, m.index).trim(), expectedBy: m[1]! } : { text: note };
}
