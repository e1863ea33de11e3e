import { localDate } from './clock';

export interface HolidayCalendar {
  holidays: string[];
  makeUpWorkingDays: string[];
}

/**
 * Working days in Vietnam: Monday to Friday, less public holidays, plus the
 * announced make-up working days. Dates are calendar days in Asia/Ho_Chi_Minh.
 */
export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly makeUp: Set<string>;

  constructor(data: HolidayCalendar) {
    this.holidays = new Set(data.holidays);
    this.makeUp = new Set(data.makeUpWorkingDays);
  }

  isWorkingDay(date: string): boolean {
    if (this.makeUp.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The end (23:59:59 Vietnam time) of the n-th working day after the day of `from`.
   * The day something arrives does not count, as in administrative practice.
   */
  addWorkingDays(from: Date, n: number): Date {
    let date = localDate(from);
    let left = n;
    while (left > 0) {
      date = nextDay(date);
      if (this.isWorkingDay(date)) left -= 1;
    }
    // Vietnam has no daylight saving time: UTC+7 all year.
    return new Date(`${date}T23:59:59.999+07:00`);
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
