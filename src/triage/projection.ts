import type { Models } from '../models';
import type { ReadModel } from '../submissions/lifecycle';
import { OPEN_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';
import type { InboxEntry } from './model';

export function inboxEntry(s: Submission): InboxEntry {
  return {
    _id: s._id,
    trackingCode: s.trackingCode,
    kind: s.kind,
    status: s.status,
    title: s.title,
    searchKey: s.searchKey,
    categoryCode: s.categoryCode,
    jurisdictionCode: s.jurisdictionCode,
    jurisdictionPath: s.jurisdictionPath,
    createdAt: s.createdAt,
    ...(s.dueAt ? { dueAt: s.dueAt } : {}),
    ...(s.agencyCode ? { agencyCode: s.agencyCode } : {}),
    supporterCount: s.supporterCount ?? 1,
  };
}

/** Puts an open item in the inbox (or refreshes it); takes a closed one out. */
export async function syncInbox(models: Models, s: Submission): Promise<void> {
  if (OPEN_STATUSES.includes(s.status)) {
    await models.InboxEntry.replaceOne({ _id: s._id }, inboxEntry(s), { upsert: true });
  } else {
    await models.InboxEntry.deleteOne({ _id: s._id });
  }
}

/** The inbox follows every change the state machine stores (wired in `deps`). */
export function inboxReadModel(models: Models): ReadModel {
  return { changed: (s) => syncInbox(models, s) };
}

/** Rebuilds the whole inbox from the submissions. Idempotent. */
export async function rebuildInbox(models: Models): Promise<{ open: number }> {
  const open = await models.Submission.find({ status: { $in: OPEN_STATUSES } }).lean();
  const keep = new Set(open.map((s) => String(s._id)));
  if (open.length)
    await models.InboxEntry.bulkWrite(
      open.map((s) => ({
        replaceOne: { filter: { _id: s._id }, replacement: inboxEntry(s), upsert: true },
      })),
      { ordered: false },
    );
  const stale = (await models.InboxEntry.find({}, { _id: 1 }).lean()).filter(
    (e) => !keep.has(String(e._id)),
  );
  if (stale.length) await models.InboxEntry.deleteMany({ _id: { $in: stale.map((e) => e._id) } });
  return { open: open.length };
}
