import type { Deps } from '../deps';
import { scopedSubmissions, scopeFilter, type Scope } from '../officers';
import { fail } from '../platform/domain-errors';
import type { Submission } from '../submissions/model';
import { documentFrequencies, rankTerms, terms, type Keyword } from '../text';
import { findInScope, officerActor } from '../triage';
import type { Who } from '../triage';
import { proposeTopics, type TopicProposal } from './match';
import type { Topic } from './model';

/** How many recent items in the officer's scope make the corpus for document frequencies. */
export const CORPUS_SIZE = 200;

export async function listTopics(deps: Deps): Promise<Topic[]> {
  return deps.models.Topic.find({}, { _id: 0, code: 1, name: 1, keywords: 1 })
    .sort({ code: 1 })
    .lean();
}

/** Title and body as one text; the full stop keeps compounds from spanning both. */
export const documentText = (d: Pick<Submission, 'title' | 'body'>) => `${d.title}. ${d.body}`;

/**
 * Sets the topics of an item (replacing the earlier ones; an empty list clears
 * them) and records who did it. Unknown codes are refused. Setting the same
 * topics again changes nothing and records nothing.
 */
export async function setTopics(
  deps: Deps,
  who: Who,
  id: string,
  codes: string[],
): Promise<{ id: string; topics: Pick<Topic, 'code' | 'name'>[] }> {
  const doc = await findInScope(deps, who.scope, id);
  const wanted = [...new Set(codes)];
  const known = await deps.models.Topic.find({ code: { $in: wanted } }, { code: 1, name: 1 })
    .lean()
    .then((ts) => new Map(ts.map((t) => [t.code, t])));
  const unknown = wanted.filter((c) => !known.has(c));
  if (unknown.length)
    throw fail.validation(
      unknown.map((c) => ({
        path: `topics.${codes.indexOf(c)}`,
        message: `unknown topic ${c}`,
        code: 'unknown',
      })),
    );
  const before = [...(doc.topics ?? [])].sort().join(',');
  if (before !== [...wanted].sort().join(',')) {
    // The report counts topics: the machine moves this item's count to its new topics.
    await deps.lifecycle.commit(doc._id, {
      where: scopeFilter(who.scope),
      set: { topics: wanted },
      history: {
        at: deps.clock.now(),
        actor: officerActor(who.officer),
        action: 'triage.topics',
        note: wanted.length ? wanted.join(', ') : '(none)',
      },
    });
  }
  return {
    id: String(doc._id),
    topics: wanted.map((c) => ({ code: c, name: known.get(c)!.name })),
  };
}

export interface TopicSuggestions {
  /** The item's topics as set by officers. */
  topics: string[];
  /** Its keywords, TF-IDF against recent items in the officer's scope. */
  keywords: Keyword[];
  suggestions: (TopicProposal & { tagged: boolean })[];
}

/**
 * Topics proposed for an item: its terms weighted by TF-IDF (document
 * frequencies from the CORPUS_SIZE most recent items the officer can see), then
 * matched to each topic's keywords.
 */
export async function suggestTopics(
  deps: Deps,
  scope: Scope,
  doc: Submission,
): Promise<TopicSuggestions> {
  const [recent, topics] = await Promise.all([
    scopedSubmissions(deps.models.Submission, scopeFilter(scope))
      .find({}, { title: 1, body: 1 })
      .sort({ createdAt: -1 })
      .limit(CORPUS_SIZE)
      .lean(),
    listTopics(deps),
  ]);
  const corpus = documentFrequencies(recent.map(documentText));
  const ranked = rankTerms(terms(documentText(doc)), { corpus, limit: Infinity });
  const tagged = new Set(doc.topics ?? []);
  return {
    topics: doc.topics ?? [],
    keywords: ranked.slice(0, 10),
    suggestions: proposeTopics(ranked, topics).map((p) => ({ ...p, tagged: tagged.has(p.code) })),
  };
}
