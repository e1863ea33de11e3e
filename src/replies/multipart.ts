import busboy from 'busboy';
import type { Request } from 'express';
import {
  ATTACHMENT_LIMITS,
  checkFile,
  type CheckedFile,
  type FileProblem,
  type IncomingFile,
} from '../attachments';
import { Problem, problems, type FieldError } from '../platform/errors';
import { fail } from '../platform/domain-errors';

export interface FormData {
  fields: Record<string, string>;
  files: IncomingFile[];
  /** More files than ATTACHMENT_LIMITS.maxFiles were sent (the rest were not read). */
  tooManyFiles: boolean;
}

const FIELD_BYTES = 64 * 1024;
/** Every file at its limit, plus room for the fields and the multipart framing. */
const MAX_REQUEST_BYTES = ATTACHMENT_LIMITS.maxFiles * ATTACHMENT_LIMITS.maxBytes + 1024 * 1024;

/**
 * Reads a form posted without JavaScript: multipart/form-data (with files) by
 * busboy, each file held in memory up to ATTACHMENT_LIMITS.maxBytes (past that it
 * is marked truncated and the rest is discarded as it streams by); a urlencoded
 * form was already parsed by express.
 */
export async function readForm(req: Request): Promise<FormData> {
  if (!req.is('multipart/form-data')) {
    const fields: Record<string, string> = {};
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
    return { fields, files: [], tooManyFiles: false };
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw problems.tooLarge();

  return new Promise<FormData>((resolve, reject) => {
    const out: FormData = { fields: {}, files: [], tooManyFiles: false };
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          fileSize: ATTACHMENT_LIMITS.maxBytes,
          files: ATTACHMENT_LIMITS.maxFiles,
          fields: 20,
          fieldSize: FIELD_BYTES,
          parts: 40,
        },
      });
    } catch {
      return reject(new Problem(400, 'malformed-form', 'The form could not be read'));
    }
    let received = 0;
    bb.on('field', (name, value, info) => {
      if (!info.valueTruncated) out.fields[name] = value;
      else out.fields[name] = value.slice(0, FIELD_BYTES);
    });
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      const file: IncomingFile = { name: info.filename ?? '', data: Buffer.alloc(0) };
      stream.on('data', (c: Buffer) => {
        received += c.length;
        chunks.push(c);
      });
      stream.on('limit', () => {
        file.truncated = true;
      });
      stream.on('end', () => {
        file.data = Buffer.concat(chunks);
        // A file input left empty sends a part with no name and no bytes.
        if (file.name || file.data.length) out.files.push(file);
      });
    });
    bb.on('filesLimit', () => {
      out.tooManyFiles = true;
    });
    bb.on('error', () => reject(new Problem(400, 'malformed-form', 'The form could not be read')));
    bb.on('close', () => {
      if (received > MAX_REQUEST_BYTES) return reject(problems.tooLarge());
      resolve(out);
    });
    req.pipe(bb);
  });
}

/**
 * The files of an answer, every one checked; any bad file refuses the whole
 * answer (422 listing each), so nothing is stored.
 */
export function checkUploads(form: FormData): CheckedFile[] {
  const errors: FieldError[] = [];
  if (form.tooManyFiles)
    errors.push({
      path: 'attachments',
      code: 'attachment-count',
      limit: ATTACHMENT_LIMITS.maxFiles,
      message: `at most ${ATTACHMENT_LIMITS.maxFiles} files`,
    });
  const files: CheckedFile[] = [];
  for (const f of form.files) {
    const r = checkFile(f);
    if (r.ok) files.push(r.file);
    else
      errors.push({
        path: 'attachments',
        code: `attachment-${r.problem}`,
        ...(r.problem === 'size' ? { limit: ATTACHMENT_LIMITS.maxBytes } : {}),
        message: `${f.name || 'file'}: ${FILE_PROBLEM[r.problem]}`,
      });
  }
  if (errors.length) throw fail.validation(errors);
  return files;
}

const FILE_PROBLEM: Record<FileProblem, string> = {
  type: 'only PDF, PNG and JPEG files are accepted',
  size: `larger than ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`,
  empty: 'the file is empty',
};
