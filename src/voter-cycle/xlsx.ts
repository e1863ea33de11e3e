import ExcelJS from 'exceljs';
import type { Category } from '../reference/model';
import type { RowInput } from './schemas';

/**
 * The spreadsheet we publish for fast entry, and its reader. Headings are
 * Vietnamese first, English second; the reader goes by column position, so a
 * translated heading changes nothing.
 */
export const COLUMNS = [
  { key: 'text', header: 'Nội dung kiến nghị / Petition', width: 60 },
  { key: 'category', header: 'Lĩnh vực / Field', width: 22 },
  { key: 'competence', header: 'Thẩm quyền (Trung ương, Tỉnh, Xã) / Competence', width: 22 },
  { key: 'commune', header: 'Xã, phường / Commune', width: 24 },
  { key: 'voterCount', header: 'Số cử tri / Voters', width: 12 },
  { key: 'voterName', header: 'Cử tri nêu / Raised by', width: 22 },
] as const;

export async function templateWorkbook(categories: Category[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tiếng Dân';
  const ws = wb.addWorksheet('Kien nghi');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getCell('A1').note = 'Ví dụ / e.g.: Đề nghị sửa chữa đường liên ấp bị sạt lở';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const list = wb.addWorksheet('Linh vuc');
  list.columns = [
    { header: 'Mã / Code', key: 'code', width: 18 },
    { header: 'Lĩnh vực', key: 'vi', width: 30 },
    { header: 'Field', key: 'en', width: 30 },
  ];
  categories.forEach((c) => list.addRow({ code: c.code, vi: c.name.vi, en: c.name.en }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
};

/** The rows under the heading, numbered as in the spreadsheet (the heading is row 1). */
export async function readWorkbook(data: Buffer): Promise<{ row: number; input: RowInput }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: { row: number; input: RowInput }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const input: Record<string, string> = {};
    COLUMNS.forEach((c, i) => {
      const t = cellText(r.getCell(i + 1).value).trim();
      if (t) input[c.key] = t;
    });
    if (Object.keys(input).length) out.push({ row: n, input });
  });
  return out;
}
