import { holidayCalendar, holidayFile } from '../../config/reference';
import { addDays, WorkingCalendar } from '../../src/platform/calendar';
import { localDate, localMonth } from '../../src/platform/clock';

const cal = new WorkingCalendar(holidayCalendar);
const vn = (iso: string) => new Date(`${iso}+07:00`);
const due = (from: string, n: number) => localDate(cal.addWorkingDays(vn(from), n));

/** Every date from `first` to `last`, inclusive. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Asserts that `first`–`last` are all days off and that the days either side are worked. */
function expectDaysOff(c: WorkingCalendar, first: string, last: string) {
  expect(days(first, last).filter((d) => c.isWorkingDay(d))).toEqual([]);
  expect([addDays(first, -1), addDays(last, 1)].filter((d) => !c.isWorkingDay(d))).toEqual([]);
}

describe('working days in Asia/Ho_Chi_Minh', () => {
  it('skips the weekend', () => {
    // Friday 2026-11-27 + 1 working day = Monday 2026-11-30, end of day in Vietnam.
    expect(cal.addWorkingDays(vn('2026-11-27T10:00:00'), 1).toISOString()).toBe(
      '2026-11-30T16:59:59.999Z',
    );
    // Thursday + 2 = Monday; Monday + 5 = next Monday.
    expect(due('2026-11-19T10:00:00', 2)).toBe('2026-11-23');
    expect(due('2026-11-23T10:00:00', 5)).toBe('2026-11-30');
  });

  it('counts from the Vietnamese calendar day, not the UTC one', () => {
    // 2026-11-27 06:00 in Vietnam is still 26 November in UTC.
    expect(localDate(vn('2026-11-27T06:00:00'))).toBe('2026-11-27');
    expect(localMonth(vn('2026-12-01T03:00:00'))).toBe('2026-12');
    // Thursday 23:30 in Vietnam (16:30 UTC): the day of arrival is Thursday.
    expect(due('2026-11-26T23:30:00', 1)).toBe('2026-11-27');
  });

  it('skips the Tết holiday of 2026 (14–22 February)', () => {
    // Friday 13 Feb 2026 + 1 working day = Monday 23 Feb 2026.
    expect(due('2026-02-13T09:00:00', 1)).toBe('2026-02-23');
  });

  it('skips 30 April and 1 May', () => {
    expect(due('2026-04-29T09:00:00', 1)).toBe('2026-05-04');
  });

  it('knows weekdays from weekends and holidays', () => {
    expect(cal.isWorkingDay('2026-11-26')).toBe(true);
    expect(cal.isWorkingDay('2026-11-28')).toBe(false);
    expect(cal.isWorkingDay('2026-09-02')).toBe(false);
  });

  it('honours make-up working days', () => {
    const withMakeUp = new WorkingCalendar({ years: { '2026': { workingDays: ['2026-11-28'] } } });
    expect(withMakeUp.isWorkingDay('2026-11-28')).toBe(true);
    expect(localDate(withMakeUp.addWorkingDays(vn('2026-11-27T10:00:00'), 1))).toBe('2026-11-28');
  });
});

describe('statutory holidays, computed', () => {
  const bare = new WorkingCalendar();

  it('puts the lunar holidays where the lunar calendar says', () => {
    const of = (year: number, kind: string) =>
      bare
        .holidays(year)
        .filter((h) => h.kind === kind)
        .map((h) => h.date);
    // The 1st day of Tết is always one of the five.
    expect(of(2025, 'tet')).toContain('2025-01-29');
    expect(of(2026, 'tet')).toContain('2026-02-17');
    expect(of(2027, 'tet')).toContain('2027-02-06');
    expect(of(2025, 'tet')).toHaveLength(5);
    expect(of(2025, 'hung-kings')).toEqual(['2025-04-07']);
    expect(of(2026, 'hung-kings')).toEqual(['2026-04-26']);
    expect(of(2027, 'hung-kings')).toEqual(['2027-04-16']);
    expect(of(2027, 'new-year')).toEqual(['2027-01-01']);
    expect(of(2027, 'reunification')).toEqual(['2027-04-30']);
    expect(of(2027, 'labour-day')).toEqual(['2027-05-01']);
    expect(of(2027, 'national-day')).toContain('2027-09-02');
    expect(of(2027, 'national-day')).toHaveLength(2);
  });

  it('makes up a holiday that falls on a weekend on the next working day', () => {
    // Hùng Kings 2026 is a Sunday: Monday 27 April is off instead.
    expect(bare.holidays(2026)).toContainEqual({ date: '2026-04-27', kind: 'compensatory' });
    // 1 May 2027 is a Saturday: Monday 3 May.
    expect(bare.holidays(2027)).toContainEqual({ date: '2027-05-03', kind: 'compensatory' });
    // 1 January 2028 is a Saturday: Monday 3 January.
    expect(bare.holidays(2028)).toContainEqual({ date: '2028-01-03', kind: 'compensatory' });
  });

  it('reproduces the announced Tết holidays of 2021–2024 without any announced data', () => {
    expectDaysOff(bare, '2021-02-10', '2021-02-16'); // Tân Sửu: Wed 10 – Tue 16 Feb
    expectDaysOff(bare, '2022-01-29', '2022-02-06'); // Nhâm Dần: Sat 29 Jan – Sun 6 Feb
    expectDaysOff(bare, '2023-01-20', '2023-01-26'); // Quý Mão: Fri 20 – Thu 26 Jan
    expectDaysOff(bare, '2024-02-08', '2024-02-14'); // Giáp Thìn: Thu 8 – Wed 14 Feb
  });

  it('picks the day beside 2 September that makes a long weekend', () => {
    expectDaysOff(bare, '2021-09-02', '2021-09-05'); // Thursday 2 Sep: with Friday 3 Sep
    expectDaysOff(bare, '2022-09-01', '2022-09-04'); // Friday 2 Sep: with Thursday 1 Sep
    expectDaysOff(bare, '2023-09-01', '2023-09-04'); // Saturday: Friday 1 Sep, made up Monday 4
    expectDaysOff(bare, '2024-08-31', '2024-09-03'); // Monday: Sunday 1 Sep made up Tuesday 3
  });
});

describe('the announced schedules (config/reference/holidays.json)', () => {
  it('2025', () => {
    expectDaysOff(cal, '2025-01-01', '2025-01-01');
    expectDaysOff(cal, '2025-01-25', '2025-02-02'); // Tết: 9 days
    expectDaysOff(cal, '2025-04-05', '2025-04-07'); // Hùng Kings on Monday 7 April
    expectDaysOff(cal, '2025-04-30', '2025-05-04'); // 30/4–1/5 with Friday 2 May swapped…
    expect(cal.isWorkingDay('2025-04-26')).toBe(true); // …against Saturday 26 April
    expectDaysOff(cal, '2025-08-30', '2025-09-02'); // National Day (80th): 1–2 Sep
    expect(
      days('2025-01-01', '2025-12-31').filter((d) => !cal.isWorkingDay(d) && isWeekday(d)),
    ).toEqual([
      '2025-01-01',
      ...days('2025-01-27', '2025-01-31'),
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('2026 (what is certain)', () => {
    expectDaysOff(cal, '2026-01-01', '2026-01-01');
    expectDaysOff(cal, '2026-02-14', '2026-02-22'); // Tết: Sat 14 – Sun 22 Feb, 9 days
    expectDaysOff(cal, '2026-04-25', '2026-04-27'); // Hùng Kings Sunday 26, made up Monday 27
    expectDaysOff(cal, '2026-04-30', '2026-05-03');
    expect(cal.isWorkingDay('2026-09-02')).toBe(false);
  });

  it('2027 (not announced yet: computed)', () => {
    expect(cal.isWorkingDay('2027-02-06')).toBe(false);
    expect(cal.isWorkingDay('2027-04-16')).toBe(false);
    expectDaysOff(cal, '2027-04-30', '2027-05-03');
  });

  it('rejects a date filed under the wrong year', () => {
    expect(() => holidayFile.parse({ years: { '2026': { daysOff: ['2025-05-02'] } } })).toThrow(
      /not in 2026/,
    );
  });
});

describe('due dates', () => {
  it('run across Tết in several years', () => {
    expect(due('2025-01-24T15:00:00', 1)).toBe('2025-02-03'); // Fri before Tết Ất Tỵ
    expect(due('2025-01-22T09:00:00', 3)).toBe('2025-02-03'); // Thu 23, Fri 24, Mon 3 Feb
    expect(due('2024-02-07T09:00:00', 1)).toBe('2024-02-15'); // Tết Giáp Thìn
    expect(due('2027-02-03T09:00:00', 1)).toBe('2027-02-11'); // Tết Đinh Mùi (computed)
    // 15 working days from Monday 2 February 2026: 9 before Tết, 6 after.
    expect(due('2026-02-02T08:00:00', 15)).toBe('2026-03-02');
  });

  it('run across the swapped days of 2025', () => {
    expect(due('2025-04-25T09:00:00', 1)).toBe('2025-04-26'); // Saturday 26 April is worked
    expect(due('2025-04-29T09:00:00', 1)).toBe('2025-05-05');
  });

  it('in calendar days end on a working day', () => {
    // 60 days after 19 Dec 2025 is 17 Feb 2026, the 1st day of Tết: Monday 23 Feb.
    expect(localDate(cal.addCalendarDays(vn('2025-12-19T10:00:00'), 60))).toBe('2026-02-23');
    expect(localDate(cal.addCalendarDays(vn('2026-11-02T10:00:00'), 3))).toBe('2026-11-05');
  });

  it('count the working days of a pause', () => {
    expect(cal.workingDaysBetween(vn('2026-11-23T10:00:00'), vn('2026-11-25T09:00:00'))).toBe(2);
    expect(cal.workingDaysBetween(vn('2026-11-23T10:00:00'), vn('2026-11-23T18:00:00'))).toBe(0);
    expect(cal.workingDaysBetween(vn('2026-11-25T10:00:00'), vn('2026-11-23T18:00:00'))).toBe(0);
    expect(cal.workingDaysBetween(vn('2026-02-13T10:00:00'), vn('2026-02-23T10:00:00'))).toBe(1);
  });
});

function isWeekday(date: string): boolean {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}
