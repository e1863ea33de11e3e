/**
 * What an agency may attach to an answer, checked by the file's first bytes
 * (its "magic"), never by the name or the type the sender declared.
 */
export const ATTACHMENT_LIMITS = {
  /** Bytes per file. */
  maxBytes: 5 * 1024 * 1024,
  maxFiles: 3,
} as const;

interface Kind {
  type: string;
  ext: string;
  magic: number[];
}

const KINDS: Kind[] = [
  { type: 'application/pdf', ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
];

export function sniffType(data: Buffer): Kind | null {
  return KINDS.find((k) => k.magic.every((b, i) => data[i] === b)) ?? null;
}

/** A file as received, before it is checked. */
export interface IncomingFile {
  name: string;
  data: Buffer;
  /** True when the upload went past the size limit and was cut. */
  truncated?: boolean;
}

export interface CheckedFile {
  name: string;
  type: string;
  data: Buffer;
}

export type FileProblem = 'type' | 'size' | 'empty';

export function checkFile(
  f: IncomingFile,
): { ok: true; file: CheckedFile } | { ok: false; problem: FileProblem } {
  if (f.truncated || f.data.length > ATTACHMENT_LIMITS.maxBytes)
    return { ok: false, problem: 'size' };
  if (f.data.length === 0) return { ok: false, problem: 'empty' };
  const kind = sniffType(f.data);
  if (!kind) return { ok: false, problem: 'type' };
  return {
    ok: true,
    file: { name: safeFileName(f.name, kind.ext), type: kind.type, data: f.data },
  };
}

/**
 * A file name that is safe in a URL path segment and a Content-Disposition
 * header: no folders, no control or reserved characters, at most 100
 * characters, Unicode NFC (Vietnamese names stay readable), and the extension
 * that matches what the file really is.
 */
export function safeFileName(raw: string, ext: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"*:<>?|%#;]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).slice(0, 90).trim() || 'tep-dinh-kem';
  const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const keep = given === ext || (ext === 'jpg' && given === 'jpeg') ? given : ext;
  name = `${stem}.${keep}`;
  return name;
}
