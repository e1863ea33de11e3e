import type { Deps } from '../deps';
import { OPEN_STATUSES } from '../submissions/statuses';
import type { Scope } from '../officers';
import type { Submission } from '../submissions/model';
import { suggestDuplicates } from './duplicates';

/** Everything an officer sees of one item: contact, history, notes, assignments, duplicates. */
export async function submissionDetail(deps: Deps, scope: Scope, doc: Submission) {
  const [notes, assignments, merged, duplicates] = await Promise.all([
    deps.models.Note.find({ submissionId: doc._id }).sort({ at: 1 }).lean(),
    deps.models.Assignment.find({ submissionId: doc._id }).sort({ seq: 1 }).lean(),
    deps.models.Submission.find({ mergedInto: doc._id }, { trackingCode: 1 }).lean(),
    OPEN_STATUSES.includes(doc.status) ? suggestDuplicates(deps, scope, doc) : Promise.resolve([]),
  ]);
  return {
    id: String(doc._id),
    trackingCode: doc.trackingCode,
    kind: doc.kind,
    status: doc.status,
    title: doc.title,
    body: doc.body,
    categoryCode: doc.categoryCode,
    legalType: doc.legalType,
    jurisdictionCode: doc.jurisdictionCode,
    submitter: doc.submitter,
    shareContactWithAgency: doc.shareContactWithAgency,
    supporterCount: doc.supporterCount ?? 1,
    agencyCode: doc.agencyCode,
    cooperatingAgencyCodes: doc.cooperatingAgencyCodes ?? [],
    dueAt: doc.dueAt?.toISOString(),
    mergedInto: doc.mergedInto ? String(doc.mergedInto) : undefined,
    mergedFrom: merged.map((m) => m.trackingCode),
    resolution: doc.resolution,
    answer: doc.answer,
    createdAt: doc.createdAt.toISOString(),
    history: doc.history,
    notes: notes.map((n) => ({ at: n.at.toISOString(), by: n.officerName, text: n.text })),
    assignments: assignments.map((a) => ({
      id: String(a._id),
      agencyCode: a.agencyCode,
      status: a.status,
      dueAt: a.dueAt.toISOString(),
      noticeSentAt: a.noticeSentAt?.toISOString(),
    })),
    duplicates,
  };
}
