import { existsSync } from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';

/**
 * An administrative document in the layout of Decree 30/2020/ND-CP: the issuing
 * body and the number on the left, the national emblem lines and the place and
 * date on the right, then the kind of document and its summary, centred; Times
 * New Roman (in the PDF, Liberation Serif: the same metrics, and it covers
 * Vietnamese). One description, two renderings (DOCX, PDF).
 */
export interface AdminDoc {
  /** Upper line (superior body) and lower line (issuing body), in capitals. */
  issuer: [string, string];
  number: string;
  placeDate: string;
  kind: string;
  summary: string;
  intro: string[];
  sections: DocSection[];
  closing: string[];
}

export interface DocSection {
  heading: string;
  groups: { heading: string; lines: DocLine[] }[];
}

export interface DocLine {
  text: string;
  meta?: string;
  /** Shown in bold red: e.g. overdue. */
  alert?: string;
}

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const FONT = 'Times New Roman';

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

const run = (
  text: string,
  o: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {},
) =>
  new TextRun({
    text,
    font: FONT,
    size: (o.size ?? 13) * 2,
    bold: o.bold,
    italics: o.italics,
    color: o.color,
  });
const centred = (...children: TextRun[]) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children });
const cell = (width: number, children: Paragraph[]) =>
  new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children });

export async function toDocx(d: AdminDoc): Promise<Buffer> {
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(40, [
            centred(run(d.issuer[0], { size: 12 })),
            centred(run(d.issuer[1], { bold: true, size: 12 })),
            centred(run(d.number)),
          ]),
          cell(60, [
            centred(run(NATION, { bold: true, size: 12 })),
            centred(run(MOTTO, { bold: true })),
            centred(run(d.placeDate, { italics: true })),
          ]),
        ],
      }),
    ],
  });
  const body: (Paragraph | Table)[] = [
    header,
    new Paragraph({ children: [] }),
    centred(run(d.kind, { bold: true, size: 14 })),
    centred(run(d.summary, { bold: true })),
    ...d.intro.map((t) => new Paragraph({ children: [run(t)] })),
  ];
  for (const s of d.sections) {
    body.push(
      new Paragraph({ spacing: { before: 200 }, children: [run(s.heading, { bold: true })] }),
    );
    for (const g of s.groups) {
      body.push(new Paragraph({ children: [run(g.heading, { bold: true, italics: true })] }));
      for (const l of g.lines)
        body.push(
          new Paragraph({
            indent: { left: 360 },
            children: [
              run(l.text),
              ...(l.meta ? [run(` (${l.meta})`, { italics: true })] : []),
              ...(l.alert ? [run(` ${l.alert}`, { bold: true, color: 'C00000' })] : []),
            ],
          }),
        );
    }
  }
  d.closing.forEach((t) => body.push(new Paragraph({ children: [run(t)] })));
  const doc = new Document({
    creator: 'Tiếng Dân',
    title: `${d.kind} ${d.number}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        // A4, margins of Decree 30: top and bottom 20 mm, left 30 mm, right 15 mm.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Liberation Serif (Debian's fonts-liberation2, installed by scripts/install.sh). */
const FONT_DIR = process.env.TIENGDAN_FONT_DIR ?? '/usr/share/fonts/truetype/liberation2';

export function pdfFonts(): { regular: string; bold: string; italic: string } {
  const f = (n: string) => `${FONT_DIR}/LiberationSerif-${n}.ttf`;
  const fonts = { regular: f('Regular'), bold: f('Bold'), italic: f('Italic') };
  if (!existsSync(fonts.regular))
    throw new Error(`font missing: ${fonts.regular} (run scripts/install.sh)`);
  return fonts;
}

export function toPdf(d: AdminDoc): Promise<Buffer> {
  const fonts = pdfFonts();
  const mm = 72 / 25.4;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm },
    info: { Title: `${d.kind} ${d.number}`, Creator: 'Tiếng Dân' },
  });
  pdf.registerFont('R', fonts.regular);
  pdf.registerFont('B', fonts.bold);
  pdf.registerFont('I', fonts.italic);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((ok) => pdf.on('end', () => ok(Buffer.concat(chunks))));

  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const top = pdf.y;
  const leftW = width * 0.4;
  pdf.font('R').fontSize(12).text(d.issuer[0], left, top, { width: leftW, align: 'center' });
  pdf.font('B').text(d.issuer[1], { width: leftW, align: 'center' });
  pdf.font('R').fontSize(13).text(d.number, { width: leftW, align: 'center' });
  const leftEnd = pdf.y;
  const rx = left + leftW;
  const rw = width - leftW;
  pdf.font('B').fontSize(12).text(NATION, rx, top, { width: rw, align: 'center' });
  pdf.fontSize(13).text(MOTTO, { width: rw, align: 'center' });
  pdf.font('I').text(d.placeDate, { width: rw, align: 'center' });
  pdf.x = left;
  pdf.y = Math.max(leftEnd, pdf.y) + 20;
  pdf.font('B').fontSize(14).text(d.kind, left, pdf.y, { width, align: 'center' });
  pdf.fontSize(13).text(d.summary, { width, align: 'center' });
  pdf.moveDown();
  pdf.font('R');
  d.intro.forEach((t) => pdf.text(t, { width, align: 'justify' }));
  for (const s of d.sections) {
    pdf.moveDown(0.5).font('B').text(s.heading, { width });
    for (const g of s.groups) {
      pdf.font('B').text(g.heading, { width });
      for (const l of g.lines) {
        pdf
          .font('R')
          .text(l.text, left + 18, pdf.y, { width: width - 18, continued: !!(l.meta || l.alert) });
        if (l.meta) pdf.font('I').text(` (${l.meta})`, { continued: !!l.alert });
        if (l.alert) pdf.font('B').fillColor('#c00000').text(` ${l.alert}`).fillColor('black');
        pdf.x = left;
      }
    }
  }
  pdf.moveDown();
  d.closing.forEach((t) => pdf.font('R').text(t, left, pdf.y, { width }));
  pdf.end();
  return done;
}
