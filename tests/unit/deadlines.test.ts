import { holidayCalendar } from '../../config/reference';
import {
  acknowledgeDueAt,
  answerDueAt,
  deadlineFile,
  deadlineRules,
  escalationAt,
  escalationCutoff,
  reminderHorizon,
  type DeadlineRules,
} from '../../src/deadlines/rules';
import { WorkingCalendar } from '../../src/platform/calendar';
import { localDate } from '../../src/platform/clock';

const cal = new WorkingCalendar(holidayCalendar);
const vn = (iso: string) => new Date(`${iso}+07:00`);
const day = (d: Date) => localDate(d);

describe('answer deadlines by category and source', () => {
  const received = vn('2026-11-02T09:00:00'); // a Monday

  it('gives a resident’s petition the category’s working days', () => {
    expect(day(answerDueAt(cal, received, 15))).toBe('2026-11-23');
    expect(day(answerDueAt(cal, received, 15, 'resident'))).toBe('2026-11-23');
    expect(day(answerDueAt(cal, received, 15, 'front'))).toBe('2026-11-23');
  });

  it('gives a petition from a National Assembly delegation 60 calendar days, if longer', () => {
    expect(deadlineRules.sources['na-delegation']).toMatchObject({ days: 60, unit: 'calendar' });
    // 2 November + 60 days = 1 January 2027, New Year's Day; then the weekend: Monday 4 January.
    expect(day(answerDueAt(cal, received, 15, 'na-delegation'))).toBe('2027-01-04');
  });

  it('takes the longer of the two', () => {
    const rules: DeadlineRules = {
      ...deadlineRules,
      sources: { ...deadlineRules.sources, 'na-delegation': { days: 10, unit: 'working' } },
    };
    expect(day(answerDueAt(cal, received, 30, 'na-delegation', rules))).toBe('2026-12-14');
    expect(day(answerDueAt(cal, received, 5, 'na-delegation', rules))).toBe('2026-11-16');
  });

  it('asks for an acknowledgement within 3 working days', () => {
    expect(day(acknowledgeDueAt(cal, vn('2026-11-05T16:00:00')))).toBe('2026-11-10');
  });

  it('checks the file', () => {
    expect(() =>
      deadlineFile.parse({
        ...deadlineRules,
        sources: { ...deadlineRules.sources, front: { days: 10 } },
      }),
    ).toThrow(/both days and unit/);
    expect(() => deadlineFile.parse({ ...deadlineRules, sources: { resident: {} } })).toThrow();
  });
});

describe('reminder and escalation times', () => {
  it('reminds when two working days or fewer are left after today', () => {
    // Thursday 10 Dec 2026: Friday and Monday are left.
    expect(day(reminderHorizon(cal, vn('2026-12-10T10:00:00')))).toBe('2026-12-14');
    // Before Tết 2027 (off Thursday 4 – Wednesday 10 February).
    expect(day(reminderHorizon(cal, vn('2027-02-03T10:00:00')))).toBe('2027-02-12');
  });

  it('escalates five working days after the due day', () => {
    const due = vn('2026-12-14T23:59:59.999');
    expect(day(escalationAt(cal, due))).toBe('2026-12-21');
    // Not yet: due dates up to Sunday 13 Dec (in effect Friday 11) are past escalation.
    expect(day(escalationCutoff(cal, vn('2026-12-21T16:00:00')))).toBe('2026-12-13');
    expect(day(escalationCutoff(cal, vn('2026-12-22T09:00:00')))).toBe('2026-12-14');
  });

  it('does not count Tết towards escalation', () => {
    // On Thursday 11 Feb 2027, the first working day after Tết, a petition due on
    // Wednesday 27 January has had its five working days (28, 29 Jan, 1–3 Feb).
    expect(day(escalationCutoff(cal, vn('2027-02-11T09:00:00')))).toBe('2027-01-27');
  });
});
