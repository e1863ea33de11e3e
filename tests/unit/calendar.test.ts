import { holidayCalendar } from '../../config/reference';
import { WorkingCalendar } from '../../src/platform/calendar';
import { localDate, localMonth } from '../../src/platform/clock';

const cal = new WorkingCalendar(holidayCalendar);
const vn = (iso: string) => new Date(`${iso}+07:00`);

describe('working days in Asia/Ho_Chi_Minh', () => {
  it('skips the weekend', () => {
    // Friday 2026-11-27 + 1 working day = Monday 2026-11-30, end of day in Vietnam.
    expect(cal.addWorkingDays(vn('2026-11-27T10:00:00'), 1).toISOString()).toBe(
      '2026-11-30T16:59:59.999Z',
    );
  });

  it('counts from the Vietnamese calendar day, not the UTC one', () => {
    // 2026-11-27 06:00 in Vietnam is still 26 November in UTC.
    expect(localDate(vn('2026-11-27T06:00:00'))).toBe('2026-11-27');
    expect(localMonth(vn('2026-12-01T03:00:00'))).toBe('2026-12');
  });

  it('skips the Tết holiday of 2026 (14–22 February)', () => {
    // Friday 13 Feb 2026 + 1 working day = Monday 23 Feb 2026.
    expect(localDate(cal.addWorkingDays(vn('2026-02-13T09:00:00'), 1))).toBe('2026-02-23');
  });

  it('skips 30 April and 1 May', () => {
    expect(localDate(cal.addWorkingDays(vn('2026-04-29T09:00:00'), 1))).toBe('2026-05-04');
  });

  it('knows weekdays from weekends and holidays', () => {
    expect(cal.isWorkingDay('2026-11-26')).toBe(true);
    expect(cal.isWorkingDay('2026-11-28')).toBe(false);
    expect(cal.isWorkingDay('2026-09-02')).toBe(false);
  });

  it('honours make-up working days', () => {
    const withMakeUp = new WorkingCalendar({ holidays: [], makeUpWorkingDays: ['2026-11-28'] });
    expect(withMakeUp.isWorkingDay('2026-11-28')).toBe(true);
  });
});
