/** Time comes from a clock object so that tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The calendar date (YYYY-MM-DD) of an instant in Vietnam. */
export function localDate(at: Date): string {
  return at.toLocaleDateString('en-CA', { timeZone: TIME_ZONE });
}

/** The month (YYYY-MM) of an instant in Vietnam, used to file items for reports. */
export function localMonth(at: Date): string {
  return localDate(at).slice(0, 7);
}

/** A date and time for people, in Vietnam's time zone. */
export function formatDateTime(at: Date, lang: 'vi' | 'en'): string {
  return at.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function formatDate(at: Date, lang: 'vi' | 'en'): string {
  return at.toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'long',
  });
}
