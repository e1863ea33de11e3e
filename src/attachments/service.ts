import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import type { Submission } from '../submissions/model';
import type { CheckedFile } from './files';

/** Stores the files of an answer. */
export async function storeAttachments(
  deps: Deps,
  submissionId: Types.ObjectId,
  assignmentId: Types.ObjectId,
  files: CheckedFile[],
  source: 'link' | 'email',
): Promise<void> {
  if (files.length === 0) return;
  const now = deps.clock.now();
  await deps.models.Attachment.insertMany(
    files.map((f) => ({
      _id: randomBytes(16).toString('base64url'),
      submissionId,
      assignmentId,
      name: f.name,
      type: f.type,
      size: f.data.length,
      sha256: createHash('sha256').update(f.data).digest('hex'),
      data: f.data,
      source,
      createdAt: now,
    })),
  );
}

export interface AttachmentLink {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}

export function attachmentUrl(id: string, name: string): string {
  return `/attachments/${id}/${encodeURIComponent(name)}`;
}

/** The files of a submission's answer (never those of an answer that was not recorded). */
export async function answerAttachments(
  deps: Deps,
  submission: Pick<Submission, '_id' | 'answer'>,
): Promise<AttachmentLink[]> {
  if (!submission.answer) return [];
  const docs = await deps.models.Attachment.find(
    { submissionId: submission._id, assignmentId: submission.answer.assignmentId },
    { data: 0 },
  )
    .sort({ createdAt: 1, name: 1 })
    .lean();
  return docs.map((d) => ({
    id: d._id,
    name: d.name,
    type: d.type,
    size: d.size,
    url: attachmentUrl(d._id, d.name),
  }));
}

/** The files of an answer, by tracking code: for the resident's tracking page. */
export async function answerAttachmentsByCode(
  deps: Deps,
  trackingCode: string,
): Promise<AttachmentLink[]> {
  const s = await deps.models.Submission.findOne({ trackingCode }, { _id: 1, answer: 1 }).lean();
  return s ? answerAttachments(deps, s) : [];
}
