import { answerAttachments } from '../attachments';
import type { Deps } from '../deps';
import type { ReplyContext } from './service';
import type { ReplyView } from './schemas';

type Readable = Extract<ReplyContext, { state: 'open' | 'answered' }>;

/** The petition as its agency sees it: contact details only with the resident's consent. */
export async function replyView(deps: Deps, ctx: Readable): Promise<ReplyView> {
  const { submission: s, assignment } = ctx;
  const [category, jurisdiction] = await Promise.all([
    deps.models.Category.findOne({ code: s.categoryCode }).lean(),
    deps.models.Jurisdiction.findOne({ code: s.jurisdictionCode }).lean(),
  ]);
  return {
    trackingCode: s.trackingCode,
    title: s.title,
    body: s.body,
    category: category?.name.vi ?? s.categoryCode,
    jurisdiction: jurisdiction?.name ?? s.jurisdictionCode,
    submittedAt: s.createdAt.toISOString(),
    dueAt: assignment.dueAt.toISOString(),
    state: ctx.state,
    status: s.status,
    updates: s.history
      .filter(
        (e) =>
          e.actor.kind === 'agency' &&
          e.actor.ref === ctx.agency.code &&
          e.action !== 'agency.answered',
      )
      .map((e) => ({
        at: e.at.toISOString(),
        action: e.action,
        ...(e.note ? { note: e.note } : {}),
      })),
    ...(s.shareContactWithAgency ? { contact: s.submitter } : {}),
    ...(s.answer
      ? {
          answer: {
            text: s.answer.text,
            responderName: s.answer.responderName,
            at: s.answer.at.toISOString(),
            attachments: (await answerAttachments(deps, s)).map((a) => ({
              name: a.name,
              type: a.type,
              size: a.size,
              url: a.url,
            })),
          },
        }
      : {}),
  };
}
