import type { Jurisdiction } from '../reference/model';

/**
 * The monthly briefing's shape (what \`monthlyReport\` in ./monthly returns, what
 * the page and the exports show), its notes, and the arithmetic of months and
 * subtrees that reports share.
 */

export type Name = { vi: string; en: string };
export type Place = Pick<Jurisdiction, 'code' | 'name' | 'path' | 'parentCode' | 'successorCode'>;

export interface AgencyScore {
  code: string;
  name: string;
  assigned: number;
  answered: number;
  onTime: number;
  late: number;
  /** on time / answered, 0..1; null without answers. */
  onTimeShare: number | null;
  /** Approximate (from a histogram of days), calendar days from assignment to answer. */
  medianDays: number | null;
  meanDays: number | null;
  reopened: number;
  /** reopened / answered in the month. */
  reopenShare: number | null;
  rated: number;
  satisfied: number;
  /** satisfied / rated. */
  satisfactionShare: number | null;
}

export interface OpenItem {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  categoryCode: string;
  jurisdictionCode: string;
  agencyCode: string | null;
  createdAt: string;
  ageDays: number;
  dueAt: string | null;
  overdue: boolean;
}

export interface MonthlyReport {
  jurisdiction: { code: string; name: string } | null;
  month: string;
  previousMonth: string;
  generatedAt: string;
  received: {
    total: number;
    petitions: number;
    sentiments: number;
    byCategory: {
      code: string;
      name: Name;
      petitions: number;
      sentiments: number;
      total: number;
    }[];
    byLegalType: { code: string; count: number }[];
    byChannel: { code: string; count: number }[];
  };
  routed: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  onTimeShare: number | null;
  medianAnswerDays: number | null;
  reopened: number;
  /** Status changes of the month by the status reached (rejected, noted, closed…). */
  moves: Record<string, number>;
  agencies: AgencyScore[];
  topics: {
    top: { code: string; name: Name; count: number; previous: number }[];
    rising: { code: string; name: Name; count: number; previous: number; pValue: number }[];
    details: string;
  };
  open: {
    /** Open now (at report time), from the inbox of open items. */
    total: number;
    byStatus: Record<string, number>;
    overdue: number;
    petitions: OpenItem[];
    cap: number;
  };
  notes: { vi: string; en: string }[];
}

export const NOTES: { vi: string; en: string }[] = [
  {
    vi: 'Tiếp nhận: theo tháng nhận, theo lĩnh vực, loại pháp lý hiện tại của mục.',
    en: 'Received: by the month of receipt, by the item’s current category and legal type.',
  },
  {
    vi: 'Chuyển, trả lời, mở lại, đánh giá: theo tháng xảy ra sự việc.',
    en: 'Routed, answered, reopened, rated: by the month the event happened.',
  },
  {
    vi: 'Đúng hạn: trả lời trước hạn của lần chuyển; quá hạn: trả lời sau hạn.',
    en: 'On time: answered by the due date of its assignment; late: after it.',
  },
  {
    vi: 'Thời gian trả lời (ngày lịch, từ khi chuyển đến khi trả lời): trung vị xấp xỉ từ biểu đồ tần suất.',
    en: 'Answer time (calendar days from assignment to answer): approximate median from a histogram.',
  },
  {
    vi: 'Đang mở, quá hạn: tại thời điểm lập báo cáo.',
    en: 'Open and overdue: at the time of the report.',
  },
];

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The roots whose counters make up a node's subtree: the node, plus units
 * dissolved into a unit of its subtree (their items keep the place they were
 * filed under), without roots nested in another root (they would count twice).
 */
export function subtreeRoots(node: string, places: Map<string, Place>): string[] {
  const roots = new Set([node]);
  for (;;) {
    const inside = new Set(
      [...places.values()].filter((p) => p.path.some((c) => roots.has(c))).map((p) => p.code),
    );
    const fresh = [...places.values()].filter(
      (p) => p.successorCode && inside.has(p.successorCode) && !inside.has(p.code),
    );
    if (fresh.length === 0) break;
    fresh.forEach((p) => roots.add(p.code));
  }
  return [...roots].filter(
    (r) => !(places.get(r)?.path ?? [r]).some((c) => c !== r && roots.has(c)),
  );
}

/** Adds the numbers of `b` into `a`, at any depth. */
export function addInto(a: Record<string, unknown>, b: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(b)) {
    if (k === '_id') continue;
    if (typeof v === 'number') a[k] = ((a[k] as number | undefined) ?? 0) + v;
    else if (v && typeof v === 'object') {
      a[k] ??= {};
      addInto(a[k] as Record<string, unknown>, v as Record<string, unknown>);
    }
  }
}
