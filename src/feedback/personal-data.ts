import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import { cleanContact } from '../submissions';
import type { Actor, Submission } from '../submissions/model';
import { CLOSED_STATUSES } from '../submissions/statuses';
import type { ContactPatch } from './schemas';

/**
 * The resident's personal data (Law 91/2025/QH15 on Personal Data Protection,
 * Decree 356/2025/ND-CP): the purpose it serves, and the resident's rights to see,
 * correct and erase it, through their private link. Erasing keeps the item (the
 * public record of a petition and its answer), de-identified.
 */
export const PURPOSE = {
  vi: 'Họ tên, thư điện tử và số điện thoại chỉ được dùng để báo cho ông/bà tiến trình và kết quả giải quyết, và (nếu ông/bà đồng ý) để cơ quan trả lời liên hệ với ông/bà. Không được công khai.',
  en: 'Your name, e-mail and phone are used only to tell you how your submission progresses and its outcome, and (if you agree) for the answering agency to contact you. They are never published.',
} as const;

export function personalData(deps: Deps, s: Submission) {
  return {
    trackingCode: s.trackingCode,
    ...s.submitter,
    shareContactWithAgency: s.shareContactWithAgency,
    ...(s.contactErasedAt ? { erasedAt: s.contactErasedAt.toISOString() } : {}),
    purpose: PURPOSE.vi,
    retentionDays: deps.config.CONTACT_RETENTION_DAYS,
  };
}

/** The resident corrects their contact data; a petition keeps a way to reach them. */
export async function correctContact(
  deps: Deps,
  s: Submission,
  patch: ContactPatch,
): Promise<Submission> {
  if (s.contactErasedAt) throw fail.because('not-open', 'The contact data was erased.');
  const { shareContactWithAgency, ...contact } = patch;
  const submitter = { ...s.submitter, ...cleanContact({ ...s.submitter, ...contact }) };
  if (s.kind === 'petition' && !submitter.email && !submitter.phone)
    throw fail.validation([
      { path: 'submitter', message: 'give an e-mail address or a phone number', code: 'custom' },
    ]);
  const updated = await deps.lifecycle.commit(s._id, {
    where: { contactErasedAt: { $exists: false } },
    set: {
      submitter,
      ...(shareContactWithAgency !== undefined ? { shareContactWithAgency } : {}),
    },
    history: { at: deps.clock.now(), actor: { kind: 'resident' }, action: 'resident.corrected' },
  });
  if (!updated) throw fail.because('changed-meanwhile');
  return updated;
}

/**
 * Erases the contact data of a submission (name, e-mail, phone; the agency no
 * longer sees any). The item, its text and its history stay. Returns false when
 * there was nothing left to erase.
 */
export async function eraseContact(
  deps: Deps,
  id: Types.ObjectId,
  actor: Actor,
  action = 'resident.erased',
): Promise<boolean> {
  const updated = await deps.lifecycle.commit(id, {
    where: { contactErasedAt: { $exists: false } },
    set: { submitter: {}, shareContactWithAgency: false, contactErasedAt: deps.clock.now() },
    history: { at: deps.clock.now(), actor, action },
  });
  return updated !== null;
}

/** Ended for good: closed statuses but `answered`, which the resident may still rate. */
const ENDED = CLOSED_STATUSES.filter((st) => st !== 'answered');

const ERASE_BATCH = 500;

/**
 * Erases the contact data of items that ended more than CONTACT_RETENTION_DAYS
 * ago, as the personal-data page promises; the items stay, de-identified. Run by
 * the worker on a schedule; safe to run twice or in two workers at once (each
 * erasure is conditional). `updatedAt` is never before the end, so nothing goes
 * early; an item touched later (a late note) waits a little longer.
 */
export async function eraseExpiredContacts(deps: Deps): Promise<number> {
  const cutoff = new Date(
    deps.clock.now().getTime() - deps.config.CONTACT_RETENTION_DAYS * 86_400_000,
  );
  let erased = 0;
  for (;;) {
    const due = await deps.models.Submission.find(
      {
        status: { $in: ENDED },
        contactErasedAt: { $exists: false },
        updatedAt: { $lt: cutoff },
      },
      { _id: 1 },
    )
      .limit(ERASE_BATCH)
      .lean();
    for (const s of due)
      if (await eraseContact(deps, s._id, { kind: 'system', name: 'retention' }, 'privacy.erased'))
        erased += 1;
    if (due.length < ERASE_BATCH) return erased;
  }
}
