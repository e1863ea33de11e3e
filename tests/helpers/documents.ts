import { execFile } from 'node:child_process';
import mammoth from 'mammoth';

/** The text of a DOCX, as Word would show it (mammoth reads the document's XML). */
export async function docxText(data: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: data })).value;
}

/**
 * The text of a PDF, read by Mozilla's pdf.js (pdfjs-dist). pdf.js is an ES module
 * only, so it runs in a child Node process (jest runs these tests as CommonJS).
 * Lines of each page are joined with spaces; pages with form feeds.
 */
export function pdfText(data: Buffer): Promise<string> {
  const script = `
    import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => it.str + (it.hasEOL ? '\\n' : '')).join(''));
    }
    process.stdout.write(JSON.stringify({ pages: doc.numPages, text: pages.join('\\f') }));
  `;
  return new Promise((ok, fail) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: process.cwd(), maxBuffer: 20 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return fail(new Error(`pdf.js: ${stderr || err.message}`));
        ok((JSON.parse(stdout) as { text: string }).text);
      },
    );
    child.stdin!.end(data);
  });
}

/** Collapses white space, so a line broken by the layout still matches. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');

/** A supertest parser that keeps the body as bytes: `.buffer(true).parse(bytes)`. */
export function bytes(
  res: { on(event: string, listener: (c: Buffer) => void): unknown },
  cb: (err: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
