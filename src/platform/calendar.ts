import { localDate } from './clock';
import { hungKingsDate, tetDate } from './lunar';

/**
 * What the government announces for one year, on top of what the law fixes
 * (config/reference/holidays.json). Every field is optional: a year with no entry
 * follows the statutory rules below.
 */
export interface AnnouncedYear {
  note?: string;
  /** The five statutory days of Tết, when the announcement picks other days than the default. */
  tet?: string[];
  /** The day beside 2 September (1 or 3 September), when announced. */
  nationalDayAdjacent?: string;
  /** Further days off: bridge days (swapped against a make-up working day) or extra days. */
  daysOff?: string[];
  /** Make-up working days (làm bù): usually Saturdays, worked in exchange for a bridge day. */
  workingDays?: string[];
}

export interface HolidayCalendar {
  years: Record<string, AnnouncedYear>;
}

export type HolidayKind =
  | 'new-year'
  | 'tet'
  | 'hung-kings'
  | 'reunification'
  | 'labour-day'
  | 'national-day'
  | 'compensatory'
  | 'announced';

/** A day off that is not simply a Saturday or Sunday (statutory days are listed even on weekends). */
export interface Holiday {
  date: string;
  kind: HolidayKind;
}

interface YearDays {
  holidays: Holiday[];
  off: Set<string>;
  makeUp: Set<string>;
}

/**
 * Working days in Vietnam (Asia/Ho_Chi_Minh), for the civil service's Monday to
 * Friday week:
 *
 * - Public holidays of the Labor Code 2019, art. 112: 1 January; Tết Nguyên Đán,
 *   5 days; the Hùng Kings' commemoration (10th day of the 3rd lunar month);
 *   30 April; 1 May; 2 September and one day beside it. Lunar dates come from the
 *   Vietnamese lunar calendar (`./lunar`), never from a list typed per year.
 * - Which five days Tết takes is announced each year. Without an announcement:
 *   the last two days of the old lunar year and the first three of the new one,
 *   which, with the compensation below, gives every schedule announced 2021–2026.
 * - The day beside 2 September: 3 September when 2 September is a Thursday (a long
 *   weekend, as in 2021), otherwise 1 September (as 2022–2025), unless announced.
 * - A holiday on a Saturday or Sunday is made up on the next working day
 *   (art. 111(3): "nghỉ bù vào ngày làm việc kế tiếp").
 * - Then the year's announcement: extra days off (bridge days) and make-up working
 *   days (làm bù), which win over everything else.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, YearDays>();

  constructor(private readonly data: HolidayCalendar = { years: {} }) {}

  /** The year's days off other than ordinary weekends, in date order. */
  holidays(year: number): Holiday[] {
    return this.year(year).holidays;
  }

  /** The year's make-up working days (weekend days that are worked). */
  makeUpWorkingDays(year: number): string[] {
    return [...this.year(year).makeUp].sort();
  }

  isWorkingDay(date: string): boolean {
    const y = this.year(Number(date.slice(0, 4)));
    if (y.makeUp.has(date)) return true;
    if (y.off.has(date)) return false;
    return !isWeekend(date);
  }

  /**
   * The end (23:59:59 Vietnam time) of the n-th working day after the day of `from`.
   * The day something arrives does not count, as in administrative practice.
   */
  addWorkingDays(from: Date, n: number): Date {
    let date = localDate(from);
    let left = n;
    while (left > 0) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) left -= 1;
    }
    return endOfDay(date);
  }

  /**
   * The end of the n-th calendar day after the day of `from`; when that day is not
   * a working day, the end of the next working day (Civil Code 2015, art. 148(5)).
   */
  addCalendarDays(from: Date, n: number): Date {
    let date = addDays(localDate(from), n);
    while (!this.isWorkingDay(date)) date = addDays(date, 1);
    return endOfDay(date);
  }

  /**
   * How many working days lie after the day of `from`, up to and including the day
   * of `to` (0 when `to` is on the same day or before): the days a pause took.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const last = localDate(to);
    let date = localDate(from);
    let count = 0;
    while (date < last) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) count += 1;
    }
    return count;
  }

  private year(year: number): YearDays {
    let y = this.years.get(year);
    if (!y) {
      y = computeYear(year, this.data.years[String(year)] ?? {});
      this.years.set(year, y);
    }
    return y;
  }
}

function computeYear(year: number, announced: AnnouncedYear): YearDays {
  const statutory: Holiday[] = [];
  const add = (date: string, kind: HolidayKind) => statutory.push({ date, kind });

  add(`${year}-01-01`, 'new-year');
  const tet = tetDate(year);
  const tetDays = announced.tet ?? [-2, -1, 0, 1, 2].map((d) => addDays(tet, d));
  tetDays.forEach((d) => add(d, 'tet'));
  add(hungKingsDate(year), 'hung-kings');
  add(`${year}-04-30`, 'reunification');
  add(`${year}-05-01`, 'labour-day');
  const nationalDay = `${year}-09-02`;
  const adjacent =
    announced.nationalDayAdjacent ??
    (weekday(nationalDay) === 4 ? `${year}-09-03` : `${year}-09-01`);
  [adjacent, nationalDay].forEach((d) => add(d, 'national-day'));

  const off = new Set(statutory.map((h) => h.date));
  const announcedOff = new Set(announced.daysOff ?? []);
  const compensatory: Holiday[] = [];
  const taken = new Set([...off, ...announcedOff]);
  for (const h of [...statutory].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensatory.push({ date: d, kind: 'compensatory' });
  }
  const extra = [...announcedOff]
    .filter((d) => !off.has(d))
    .map((date): Holiday => ({ date, kind: 'announced' }));

  const makeUp = new Set(announced.workingDays ?? []);
  const holidays = [...statutory, ...compensatory, ...extra]
    .filter((h) => !makeUp.has(h.date))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { holidays, off: new Set(holidays.map((h) => h.date)), makeUp };
}

/** The last millisecond of a calendar day (YYYY-MM-DD) in Vietnam, which has no daylight saving time: UTC+7 all year. */
export function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+07:00`);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** A calendar date `n` days after (or before) `date`, both YYYY-MM-DD. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
