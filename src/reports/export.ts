import ExcelJS from 'exceljs';
import { localDate } from '../platform/clock';
import { statusLabel } from '../web/i18n';
import { both, CHANNEL_LABELS, L, LEGAL_LABELS, type Label } from './labels';
import type { MonthlyReport } from './monthly';

/** Downloads of the monthly report: CSV (UTF-8 with a BOM, for Excel) and XLSX. */

export function reportFileName(r: MonthlyReport, ext: 'csv' | 'xlsx'): string {
  const where = r.jurisdiction?.code ?? 'toan-he-thong';
  return `bao-cao-thang-${r.month}-${where.replace(/[^A-Za-z0-9-]+/g, '_')}.${ext}`;
}

const label = (map: Record<string, Label>, code: string): Label =>
  map[code] ?? { vi: code, en: code };

/** The summary rows: measure, value. */
export function summaryRows(r: MonthlyReport): [Label, number | string | null][] {
  return [
    [L.received, r.received.total],
    [L.petitions, r.received.petitions],
    [L.sentiments, r.received.sentiments],
    [L.routed, r.routed],
    [L.answered, r.answered],
    [L.onTime, r.answeredOnTime],
    [L.late, r.answeredLate],
    [L.onTimeShare, r.onTimeShare],
    [L.medianDays, r.medianAnswerDays],
    [L.reopened, r.reopened],
    [L.openNow, r.open.total],
    [L.overdueNow, r.open.overdue],
  ];
}

// ---------------------------------------------------------------------------
// CSV

/**
 * A cell. Every text cell is quoted: a spreadsheet whose list separator is `;`
 * (Vietnamese locales) would otherwise split `x;=2+5` and run the formula. Text
 * that starts like a formula is defused with a leading apostrophe as well.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${s.replace(/"/g, '""')}"`;
}
const cell = csvCell;

/**
 * One table in long form (section, code, names, measure, value): every part of
 * the report fits it, and it stays easy to filter and pivot.
 */
export function reportCsv(r: MonthlyReport): string {
  const rows: (string | number | null)[][] = [
    [both(L.section), both(L.code), 'Tên', 'Name', both(L.measure), both(L.value)],
  ];
  const where = r.jurisdiction
    ? `${r.jurisdiction.name} (${r.jurisdiction.code})`
    : both(L.wholeTree);
  rows.push([
    'meta',
    'jurisdiction',
    where,
    where,
    both(L.jurisdiction),
    r.jurisdiction?.code ?? '*',
  ]);
  rows.push(['meta', 'month', r.month, r.month, both(L.month), r.month]);
  for (const [l, v] of summaryRows(r)) rows.push(['summary', '', l.vi, l.en, l.en, v]);
  for (const c of r.received.byCategory) {
    rows.push(['category', c.code, c.name.vi, c.name.en, both(L.petitions), c.petitions]);
    rows.push(['category', c.code, c.name.vi, c.name.en, both(L.sentiments), c.sentiments]);
    rows.push(['category', c.code, c.name.vi, c.name.en, both(L.total), c.total]);
  }
  for (const x of r.received.byLegalType) {
    const l = label(LEGAL_LABELS, x.code);
    rows.push(['legal-type', x.code, l.vi, l.en, both(L.received), x.count]);
  }
  for (const x of r.received.byChannel) {
    const l = label(CHANNEL_LABELS, x.code);
    rows.push(['channel', x.code, l.vi, l.en, both(L.received), x.count]);
  }
  for (const a of r.agencies) {
    const measures: [Label, number | null][] = [
      [L.assigned, a.assigned],
      [L.answered, a.answered],
      [L.onTime, a.onTime],
      [L.late, a.late],
      [L.onTimeShare, a.onTimeShare],
      [L.medianDays, a.medianDays],
      [L.reopened, a.reopened],
      [L.reopenShare, a.reopenShare],
      [L.rated, a.rated],
      [L.satisfied, a.satisfied],
      [L.satisfactionShare, a.satisfactionShare],
    ];
    for (const [l, v] of measures) rows.push(['agency', a.code, a.name, a.name, both(l), v]);
  }
  for (const t of r.topics.top)
    rows.push(['topic', t.code, t.name.vi, t.name.en, both(L.received), t.count]);
  for (const p of r.open.petitions)
    rows.push(['open', p.trackingCode, p.title, p.title, both(L.ageDays), p.ageDays]);
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------
// XLSX

export const SHEETS = {
  summary: 'Tổng hợp (Summary)',
  category: 'Theo lĩnh vực (Category)',
  agency: 'Theo cơ quan (Agency)',
  open: 'Đang mở (Open)',
} as const;

function header(ws: ExcelJS.Worksheet, labels: Label[]): void {
  const row = ws.addRow(labels.map(both));
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
}

export async function reportXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tiếng Dân';
  wb.created = new Date(r.generatedAt);
  const where = r.jurisdiction
    ? `${r.jurisdiction.name} (${r.jurisdiction.code})`
    : both(L.wholeTree);
  const pct = '0.0%';

  const summary = wb.addWorksheet(SHEETS.summary);
  summary.columns = [{ width: 44 }, { width: 34 }, { width: 16 }];
  summary.addRow([`${both(L.monthly)} ${r.month}`]).font = { bold: true, size: 14 };
  summary.addRow([both(L.jurisdiction), where]);
  summary.addRow([]);
  summary.addRow([L.measure.vi, L.measure.en, both(L.value)]).font = { bold: true };
  for (const [l, v] of summaryRows(r)) {
    const row = summary.addRow([l.vi, l.en, v]);
    if (l === L.onTimeShare && typeof v === 'number') row.getCell(3).numFmt = pct;
  }

  const cats = wb.addWorksheet(SHEETS.category);
  cats.columns = [
    { width: 16 },
    { width: 30 },
    { width: 30 },
    { width: 14 },
    { width: 14 },
    { width: 12 },
  ];
  header(cats, [
    L.code,
    L.category,
    { vi: 'Tên tiếng Anh', en: 'English' },
    L.petitions,
    L.sentiments,
    L.total,
  ]);
  for (const c of r.received.byCategory)
    cats.addRow([c.code, c.name.vi, c.name.en, c.petitions, c.sentiments, c.total]);
  cats.addRow([
    both(L.total),
    '',
    '',
    r.received.petitions,
    r.received.sentiments,
    r.received.total,
  ]).font = { bold: true };

  const ag = wb.addWorksheet(SHEETS.agency);
  ag.columns = [{ width: 14 }, { width: 40 }, ...Array.from({ length: 11 }, () => ({ width: 13 }))];
  header(ag, [
    L.code,
    L.agency,
    L.assigned,
    L.answered,
    L.onTime,
    L.late,
    L.onTimeShare,
    L.medianDays,
    L.reopened,
    L.reopenShare,
    L.rated,
    L.satisfied,
    L.satisfactionShare,
  ]);
  for (const a of r.agencies) {
    const row = ag.addRow([
      a.code,
      a.name,
      a.assigned,
      a.answered,
      a.onTime,
      a.late,
      a.onTimeShare,
      a.medianDays,
      a.reopened,
      a.reopenShare,
      a.rated,
      a.satisfied,
      a.satisfactionShare,
    ]);
    for (const c of [7, 10, 13]) row.getCell(c).numFmt = pct;
  }

  const open = wb.addWorksheet(SHEETS.open);
  open.columns = [
    { width: 16 },
    { width: 50 },
    { width: 22 },
    { width: 16 },
    { width: 30 },
    { width: 14 },
    { width: 14 },
    { width: 10 },
    { width: 14 },
    { width: 10 },
  ];
  header(open, [
    L.code,
    L.title,
    L.status,
    L.category,
    L.jurisdiction,
    L.agency,
    L.receivedAt,
    L.ageDays,
    L.due,
    L.overdue,
  ]);
  for (const p of r.open.petitions)
    open.addRow([
      p.trackingCode,
      p.title,
      statusLabel[p.status]?.vi ?? p.status,
      p.categoryCode,
      p.jurisdictionCode,
      p.agencyCode ?? '',
      localDate(new Date(p.createdAt)),
      p.ageDays,
      p.dueAt ? localDate(new Date(p.dueAt)) : '',
      p.overdue ? both(L.yes) : both(L.no),
    ]);
  for (const ws of [cats, ag, open]) ws.views = [{ state: 'frozen', ySplit: 1 }];

  return Buffer.from(await wb.xlsx.writeBuffer());
}
