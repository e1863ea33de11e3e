/** Time comes from a clock object so that tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Formatters are built once: `toLocaleString` with a time zone builds one per
// call, which cost ~80 µs on every intake (measured by the intake benchmark).
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });
const dateTimeFormat = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }),
};
const dateFormat = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'long' }),
};

/** The calendar date (YYYY-MM-DD) of an instant in Vietnam. */
export function localDate(at: Date): string {
  return dayFormat.format(at);
}

/** The month (YYYY-MM) of an instant in Vietnam, used to file items for reports. */
export function localMonth(at: Date): string {
  return localDate(at).slice(0, 7);
}

/** A date and time for people, in Vietnam's time zone. */
export function formatDateTime(at: Date, lang: 'vi' | 'en'): string {
  return dateTimeFormat[lang].format(at);
}

export function formatDate(at: Date, lang: 'vi' | 'en'): string {
  return dateFormat[lang].format(at);
}
