/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically with
 * Hồ Ngọc Đức's algorithm ("Thuật toán tính âm lịch"): months begin on the day
 * (in UTC+7) of the new moon, the 11th month holds the winter solstice, and in a
 * year of 13 months the leap month is the first one that holds no major solar
 * term (trung khí). New moons and solar longitudes follow Jean Meeus,
 * "Astronomical Algorithms" (simplified terms, accurate to about a minute for
 * 1800–2199, enough to get the day right).
 *
 * The time zone matters: Vietnam has used UTC+7 since 1968, China UTC+8, so a new
 * moon shortly before midnight makes the months start on different days (Tết 1985
 * was 21 January in Vietnam and 20 February in China; Tết 2007, 17 and 18 February).
 *
 * Checked against Hồ Ngọc Đức's published tables (as shipped in the npm package
 * `@dqcai/vn-lunar`): the same lunar date for every day of 1968–2053. Before 1968
 * those tables follow UTC+8, which Vietnam used then; after 2053 a few months
 * differ by a day where a new moon falls within minutes of midnight.
 *
 * No npm package was a good fit: the Vietnamese ones found (`@dqcai/vn-lunar`,
 * `amlich`, `vietnamese-lunar-calendar`) each have a single release and are
 * table-driven or minified; the Chinese ones compute for UTC+8.
 */

export const VIETNAM_TIME_ZONE_HOURS = 7;

/** A day of the lunar calendar. `leap` marks a day of the leap (intercalary) month. */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** A day of the Gregorian calendar. */
export interface SolarDate {
  day: number;
  month: number;
  year: number;
}

const INT = Math.floor;
const DEG = Math.PI / 180;

/** The Julian day number of a Gregorian date (Julian calendar before 15 October 1582). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = INT((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd =
    day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  return jd;
}

export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  return {
    day: e - INT((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * INT(m / 10),
    year: b * 100 + d - 4800 + INT(m / 10),
  };
}

/** The moment (Julian date, UT) of the k-th new moon after the one of 1 January 1900. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** The sun's apparent longitude (radians, 0 ≤ L < 2π) at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + DL) * DEG;
  return L - Math.PI * 2 * INT(L / (Math.PI * 2));
}

/** Which of the 12 major solar terms (0–11, 30° each) the sun is in at the start of a local day. */
function sunSector(dayNumber: number, tz: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);
}

/** The local day (Julian day number) of the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return INT(newMoon(k) + 0.5 + tz / 24);
}

const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695;

/** The first day of the 11th lunar month (the one holding the winter solstice) of year `yy`. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  // Past 270° the sun has already passed the solstice: the 11th month began a moon earlier.
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year from `a11`, how many months after the 11th the leap month comes. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a Gregorian date, in the given time zone (Vietnam's by default). */
export function solarToLunar(d: SolarDate, tz = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const dayNumber = jdFromDate(d.day, d.month, d.year);
  const k = INT((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(d.year, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = d.year;
    a11 = lunarMonth11(d.year - 1, tz);
  } else {
    year = d.year + 1;
    b11 = lunarMonth11(d.year + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/**
 * The Gregorian date of a lunar date, or null when it does not exist (a leap
 * month the year does not have). Day 30 of a 29-day month gives the next month's first.
 */
export function lunarToSolar(d: LunarDate, tz = VIETNAM_TIME_ZONE_HOURS): SolarDate | null {
  let a11: number;
  let b11: number;
  if (d.month < 11) {
    a11 = lunarMonth11(d.year - 1, tz);
    b11 = lunarMonth11(d.year, tz);
  } else {
    a11 = lunarMonth11(d.year, tz);
    b11 = lunarMonth11(d.year + 1, tz);
  }
  const k = INT(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = d.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (d.leap && d.month !== leapMonth) return null;
    if (d.leap || off >= leapOff) off += 1;
  } else if (d.leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off, tz);
  return jdToDate(monthStart + d.day - 1);
}

/** YYYY-MM-DD of a Gregorian date. */
export function isoDate(d: SolarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function parseIso(date: string): SolarDate {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y!, month: m!, day: d! };
}

/** The lunar date of a YYYY-MM-DD date in Vietnam. */
export function lunarOf(date: string): LunarDate {
  return solarToLunar(parseIso(date));
}

/** The Gregorian date (YYYY-MM-DD) of Tết Nguyên Đán — the 1st day of the 1st lunar month — of lunar year `year`. */
export function tetDate(year: number): string {
  return isoDate(lunarToSolar({ day: 1, month: 1, year, leap: false })!);
}

/** The Gregorian date of the Hùng Kings' commemoration (Giỗ Tổ, 10th day of the 3rd lunar month). */
export function hungKingsDate(year: number): string {
  return isoDate(lunarToSolar({ day: 10, month: 3, year, leap: false })!);
}
