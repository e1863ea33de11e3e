import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { shingles, similarity } from '../triage';
import {
  newId,
  type PetitionSource,
  type VoterItem,
  type VoterPetition,
  type VoterSession,
} from './model';

/**
 * Compilation (tổng hợp): the items of a session raised at several meetings are
 * grouped into consolidated petitions with the duplicate suggestions' measure
 * (syllables and syllable pairs, Jaccard), within one field and one competence.
 * Each consolidated petition keeps its sources: meeting, commune and voters.
 * Compiling again only places items not compiled yet (joining a petition not yet
 * forwarded when similar enough).
 */
export const SAME_PETITION = 0.45;

interface Group {
  petition?: VoterPetition;
  key: Set<string>;
  categoryCode: string;
  competence: VoterItem['competence'];
  items: VoterItem[];
}

function addSource(sources: PetitionSource[], item: VoterItem): void {
  const s = sources.find(
    (x) => String(x.meetingId) === String(item.meetingId) && x.communeCode === item.communeCode,
  );
  if (s) {
    s.voterCount += item.voterCount;
    s.itemIds.push(item._id);
  } else
    sources.push({
      meetingId: item.meetingId,
      communeCode: item.communeCode,
      voterCount: item.voterCount,
      itemIds: [item._id],
    });
}

export async function compileSession(
  deps: Deps,
  session: VoterSession,
): Promise<{ petitions: number; placed: number }> {
  const { VoterItem: Items, VoterPetition: Petitions } = deps.models;
  const [items, existing] = await Promise.all([
    Items.find({ sessionId: session._id, petitionId: { $exists: false } })
      .sort({ createdAt: 1, _id: 1 })
      .lean(),
    Petitions.find({ sessionId: session._id, forwardedAt: { $exists: false } }).lean(),
  ]);
  const groups: Group[] = [];
  for (const p of existing) {
    const first = await Items.findOne({ petitionId: p._id }, { searchKey: 1 }).lean();
    groups.push({
      petition: p,
      key: shingles(first?.searchKey ?? ''),
      categoryCode: p.categoryCode,
      competence: p.competence,
      items: [],
    });
  }
  for (const item of items) {
    const key = shingles(item.searchKey);
    const best = groups
      .filter((g) => g.categoryCode === item.categoryCode && g.competence === item.competence)
      .map((g) => ({ g, score: similarity(key, g.key) }))
      .filter((x) => x.score >= SAME_PETITION)
      .sort((a, b) => b.score - a.score)[0];
    if (best) best.g.items.push(item);
    else
      groups.push({
        key,
        categoryCode: item.categoryCode,
        competence: item.competence,
        items: [item],
      });
  }

  let seq =
    (await Petitions.findOne({ sessionId: session._id }).sort({ seq: -1 }).lean())?.seq ?? 0;
  let made = 0;
  for (const g of groups) {
    if (g.items.length === 0) continue;
    const sources = g.petition ? g.petition.sources.map((s) => ({ ...s })) : [];
    g.items.forEach((i) => addSource(sources, i));
    const voterCount = sources.reduce((n, s) => n + s.voterCount, 0);
    let id: Types.ObjectId;
    if (g.petition) {
      id = g.petition._id;
      await Petitions.updateOne({ _id: id }, { $set: { sources, voterCount } });
    } else {
      id = newId();
      seq += 1;
      made += 1;
      await Petitions.create({
        _id: id,
        sessionId: session._id,
        seq,
        // The longest wording says the most; officers may edit it afterwards.
        text: g.items.map((i) => i.text).sort((a, b) => b.length - a.length)[0]!,
        categoryCode: g.categoryCode,
        competence: g.competence,
        sources,
        voterCount,
        createdAt: deps.clock.now(),
      });
    }
    await Items.updateMany(
      { _id: { $in: g.items.map((i) => i._id) } },
      { $set: { petitionId: id } },
    );
  }
  return { petitions: made, placed: items.length };
}

/** The petitions of earlier sessions of the same body and place whose answer is not settled. */
export async function carriedOver(deps: Deps, session: VoterSession): Promise<VoterPetition[]> {
  const earlier = await deps.models.VoterSession.find(
    {
      body: session.body,
      jurisdictionCode: session.jurisdictionCode,
      opensOn: { $lt: session.opensOn },
    },
    { _id: 1 },
  ).lean();
  if (earlier.length === 0) return [];
  return deps.models.VoterPetition.find({
    sessionId: { $in: earlier.map((s) => s._id) },
    forwardedAt: { $exists: true },
    'verdict.value': { $ne: 'resolved' },
  })
    .sort({ forwardedAt: 1, seq: 1 })
    .lean();
}
