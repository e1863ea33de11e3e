import {
  hungKingsDate,
  isoDate,
  jdFromDate,
  jdToDate,
  lunarOf,
  lunarToSolar,
  solarToLunar,
  tetDate,
} from '../../src/platform/lunar';

describe('the Vietnamese lunar calendar (Hồ Ngọc Đức’s algorithm, UTC+7)', () => {
  it('finds Tết Nguyên Đán 2020–2030', () => {
    const tet: Record<number, string> = {
      2020: '2020-01-25',
      2021: '2021-02-12',
      2022: '2022-02-01',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      2028: '2028-01-26',
      2029: '2029-02-13',
      // China (UTC+8) has 3 February: the new moon is at 23:07 in Hanoi.
      2030: '2030-02-02',
    };
    for (const [year, date] of Object.entries(tet)) expect(tetDate(Number(year))).toBe(date);
  });

  it('differs from the Chinese calendar where the time zone decides the day', () => {
    // Tết 1985: 21 January in Vietnam, 20 February in China (the 11th month differs).
    expect(tetDate(1985)).toBe('1985-01-21');
    expect(isoDate(lunarToSolar({ day: 1, month: 1, year: 1985, leap: false }, 8)!)).toBe(
      '1985-02-20',
    );
    // Tết 2007: 17 February in Vietnam, 18 February in China.
    expect(tetDate(2007)).toBe('2007-02-17');
    expect(isoDate(lunarToSolar({ day: 1, month: 1, year: 2007, leap: false }, 8)!)).toBe(
      '2007-02-18',
    );
  });

  it('finds the Hùng Kings’ commemoration (10th day of the 3rd month)', () => {
    expect(hungKingsDate(2024)).toBe('2024-04-18');
    expect(hungKingsDate(2025)).toBe('2025-04-07');
    expect(hungKingsDate(2026)).toBe('2026-04-26');
    expect(hungKingsDate(2027)).toBe('2027-04-16');
  });

  it('knows leap months', () => {
    // 2023 (Quý Mão) had a leap 2nd month: 22 March – 19 April 2023.
    expect(lunarOf('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarOf('2023-04-20')).toEqual({ day: 1, month: 3, year: 2023, leap: false });
    // 2025 (Ất Tỵ) had a leap 6th month from 25 July 2025.
    expect(lunarOf('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toEqual({
      day: 25,
      month: 7,
      year: 2025,
    });
    // No leap 4th month in 2025.
    expect(lunarToSolar({ day: 1, month: 4, year: 2025, leap: true })).toBeNull();
  });

  it('puts the last days of the old year before Tết', () => {
    // 28 January 2025 was the 29th (last) day of the 12th month of Giáp Thìn.
    expect(lunarOf('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(lunarOf('2025-01-29')).toEqual({ day: 1, month: 1, year: 2025, leap: false });
  });

  it('converts both ways for every day of 1968–2060', () => {
    const wrong: string[] = [];
    for (let jd = jdFromDate(1, 1, 1968); jd <= jdFromDate(31, 12, 2060); jd += 1) {
      const solar = jdToDate(jd);
      const back = lunarToSolar(solarToLunar(solar));
      if (!back || isoDate(back) !== isoDate(solar)) wrong.push(isoDate(solar));
    }
    expect(wrong).toEqual([]);
  });
});
