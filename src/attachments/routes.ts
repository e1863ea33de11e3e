import { Router } from 'express';
import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';

/**
 * Downloads of the files attached to an answer, linked from the tracking page.
 * The id is random (128 bits) and the name must match; only files of the
 * answer that was recorded are served. Always as a download, never inline.
 */
export function attachmentRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/attachments/:id/:name', async (req, res) => {
    const { id, name } = req.params;
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) throw fail.notFound('attachment');
    const file = await deps.models.Attachment.findById(id).lean();
    if (!file || file.name !== name) throw fail.notFound('attachment');
    const s = await deps.models.Submission.findById(file.submissionId, { answer: 1 }).lean();
    if (!s?.answer || String(s.answer.assignmentId) !== String(file.assignmentId))
      throw fail.notFound('attachment');
    const data = toBuffer(file.data);
    res
      .status(200)
      .set({
        'Content-Type': file.type,
        'Content-Length': String(data.length),
        'Content-Disposition': contentDisposition(file.name),
        'Cache-Control': 'private, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      })
      .end(data);
  });
  return router;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A lean document gives BSON Binary for a Buffer path; a hydrated one gives a Buffer. */
function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  const bytes = (data as { buffer?: unknown }).buffer;
  if (bytes instanceof Uint8Array)
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new Error('attachment data in an unexpected form');
}
