import { z } from 'zod';
import file from '../../config/reference/deadlines.json';
import { addDays, endOfDay, type WorkingCalendar } from '../platform/calendar';
import { localDate } from '../platform/clock';
import { SOURCES, type Source } from '../submissions/model';

/** The shape of config/reference/deadlines.json. */
export const deadlineFile = z.object({
  note: z.string().optional(),
  /** The agency should acknowledge receipt within this many working days. */
  acknowledgeWorkingDays: z.number().int().min(1).max(30),
  /** The reminder goes out when this many working days (or fewer) are left after today. */
  reminderWorkingDaysBefore: z.number().int().min(0).max(30),
  /** Escalation once this many working days have passed after the due day. */
  escalateWorkingDaysAfter: z.number().int().min(0).max(60),
  sources: z.record(
    z.enum(SOURCES),
    z
      .object({
        note: z.string().optional(),
        /** The source's own answer period; without it, the category's applies. */
        days: z.number().int().min(1).max(365).optional(),
        unit: z.enum(['working', 'calendar']).optional(),
      })
      .refine((s) => (s.days === undefined) === (s.unit === undefined), {
        message: 'give both days and unit, or neither',
      }),
  ),
});
export type DeadlineRules = z.infer<typeof deadlineFile>;

export const deadlineRules: DeadlineRules = deadlineFile.parse(file);

/**
 * When an agency must answer something received at `receivedAt`: the later of
 * the category's working days and the source's own period (if it has one).
 */
export function answerDueAt(
  calendar: WorkingCalendar,
  receivedAt: Date,
  categoryWorkingDays: number,
  source: Source = 'resident',
  rules: DeadlineRules = deadlineRules,
): Date {
  const byCategory = calendar.addWorkingDays(receivedAt, categoryWorkingDays);
  const rule = rules.sources[source];
  if (rule?.days === undefined || rule.unit === undefined) return byCategory;
  const bySource =
    rule.unit === 'working'
      ? calendar.addWorkingDays(receivedAt, rule.days)
      : calendar.addCalendarDays(receivedAt, rule.days);
  return bySource > byCategory ? bySource : byCategory;
}

/** When the agency should have acknowledged receipt. */
export function acknowledgeDueAt(
  calendar: WorkingCalendar,
  receivedAt: Date,
  rules: DeadlineRules = deadlineRules,
): Date {
  return calendar.addWorkingDays(receivedAt, rules.acknowledgeWorkingDays);
}

/** Whether the reminder is due now: `reminderWorkingDaysBefore` working days or fewer are left. */
export function reminderHorizon(
  calendar: WorkingCalendar,
  now: Date,
  rules: DeadlineRules = deadlineRules,
): Date {
  // Due at or before the end of the N-th working day after today: remind today.
  return calendar.addWorkingDays(now, rules.reminderWorkingDaysBefore);
}

/** The moment after which an overdue assignment is escalated. */
export function escalationAt(
  calendar: WorkingCalendar,
  dueAt: Date,
  rules: DeadlineRules = deadlineRules,
): Date {
  return calendar.addWorkingDays(dueAt, rules.escalateWorkingDaysAfter);
}

/**
 * The latest due date that is past its escalation at `now`: an assignment due at
 * or before it is escalated. (Escalation comes later as the due date does, so
 * one bound selects them all.)
 */
export function escalationCutoff(
  calendar: WorkingCalendar,
  now: Date,
  rules: DeadlineRules = deadlineRules,
): Date {
  let day = localDate(now);
  while (escalationAt(calendar, endOfDay(day), rules) >= now) day = addDays(day, -1);
  return endOfDay(day);
}
