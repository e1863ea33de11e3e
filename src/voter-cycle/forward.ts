import { Types } from 'mongoose';
import type { Deps } from '../deps';
import { encodeEvent } from '../dispatch/events';
import { localMonth } from '../platform/clock';
import { fail } from '../platform/domain-errors';
import { normalizeLine, searchKey } from '../platform/text';
import { receivedEntry } from '../submissions/lifecycle';
import type { Submission } from '../submissions/model';
import { newTrackingCode } from '../submissions';
import { assign, type Who } from '../triage';
import { officerActor } from '../triage';
import type { Verdict, VoterPetition, VoterSession } from './model';

/**
 * Forwarding (chuyển kiến nghị): each consolidated petition becomes a submission
 * with the session's source, so the answer period is the source's (60 days for
 * petitions forwarded by the National Assembly) and the agency gets the usual
 * e-mail with a reply link. Without a chosen agency the routing rules pick one
 * (category × the commune, or the session's province for higher competence).
 */
export async function forwardSession(
  deps: Deps,
  who: Who,
  session: VoterSession,
  agencies: Record<string, string>,
): Promise<{ forwarded: number }> {
  const list = await deps.models.VoterPetition.find({
    sessionId: session._id,
    forwardedAt: { $exists: false },
  })
    .sort({ seq: 1 })
    .lean();
  for (const p of list) await forwardOne(deps, who, session, p, agencies[String(p._id)]);
  return { forwarded: list.length };
}

async function forwardOne(
  deps: Deps,
  who: Who,
  session: VoterSession,
  p: VoterPetition,
  agencyCode: string | undefined,
): Promise<void> {
  const placeCode =
    p.competence === 'commune' && p.sources[0]
      ? p.sources[0].communeCode
      : session.jurisdictionCode;
  const place = await deps.reference.jurisdiction(placeCode);
  if (!place) throw fail.notFound('jurisdiction');
  const now = deps.clock.now();
  const title = normalizeLine(`Kiến nghị cử tri: ${p.text.slice(0, 150)}`);
  const body = `${p.text}\n\n${p.voterCount} cử tri, ${p.sources.length} nguồn (voters, sources).`;
  const effects = agencyCode ? [] : [encodeEvent({ type: 'route' })];
  const id = p.submissionId ?? (await claimSubmissionId(deps, p));
  const doc: Submission = {
    _id: id,
    kind: 'petition',
    trackingCode: newTrackingCode(),
    title,
    body,
    searchKey: searchKey(title, body),
    categoryCode: p.categoryCode,
    jurisdictionCode: place.code,
    jurisdictionPath: place.path,
    month: localMonth(now),
    submitter: {},
    shareContactWithAgency: false,
    source: session.body === 'national-assembly' ? 'na-delegation' : 'front',
    status: 'received',
    assignmentCount: 0,
    supporterCount: p.voterCount,
    cooperatingAgencyCodes: [],
    history: [receivedEntry(now, officerActor(who.officer))],
    outbox: effects,
    outboxPending: effects.length > 0,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await deps.models.Submission.exists({ _id: id }))) {
    await deps.lifecycle.create(doc);
    await deps.lifecycle.refresh(doc);
  }
  if (agencyCode) await assign(deps, who, String(id), { agencyCode });
  await deps.models.VoterPetition.updateOne(
    { _id: p._id },
    { $set: { forwardedAt: now, ...(agencyCode ? { agencyCode } : {}) } },
  );
}

/** The submission's id is fixed on the petition first, so a retried forward makes no second one. */
async function claimSubmissionId(deps: Deps, p: VoterPetition) {
  const id = new Types.ObjectId();
  const r = await deps.models.VoterPetition.findOneAndUpdate(
    { _id: p._id, submissionId: { $exists: false } },
    { $set: { submissionId: id } },
    { returnDocument: 'after' },
  ).lean();
  if (r) return id;
  const again = await deps.models.VoterPetition.findById(p._id).lean();
  return again!.submissionId!;
}

export async function recordVerdict(
  deps: Deps,
  who: Who,
  p: VoterPetition,
  verdict: Verdict,
  note?: string,
): Promise<void> {
  if (!p.forwardedAt) throw fail.because('not-with-agency', 'Forward it first.');
  const at = deps.clock.now();
  await deps.models.VoterPetition.updateOne(
    { _id: p._id },
    {
      $set: {
        verdict: { value: verdict, at, by: who.officer.name, ...(note ? { note } : {}) },
      },
    },
  );
  if (p.submissionId)
    await deps.lifecycle.record(p.submissionId, {
      at,
      actor: officerActor(who.officer),
      action: 'voters.verdict',
      note: `${verdict}${note ? `: ${note}` : ''}`,
    });
}
