import { localDate, localMonth, TIME_ZONE } from '../../src/platform/clock';
import { clientKey } from '../../src/platform/rate-limit';

describe('localDate (arithmetic UTC+7)', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

  it('agrees with the time-zone database around midnight in Vietnam, across a year', () => {
    const start = Date.UTC(2025, 0, 1, 16, 59, 0); // 23:59 in Hà Nội
    for (let day = 0; day < 400; day += 1) {
      for (const minutes of [0, 1, 2]) {
        const at = new Date(start + day * 86_400_000 + minutes * 60_000);
        expect(localDate(at)).toBe(intl.format(at));
      }
    }
  });

  it('files 31 December 17:00 UTC under January of the next year', () => {
    expect(localMonth(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01');
    expect(localMonth(new Date('2025-12-31T16:59:59Z'))).toBe('2025-12');
  });
});

describe('clientKey (rate-limit key)', () => {
  it('keys IPv4 by address, also when a dual-stack socket maps it into IPv6', () => {
    expect(clientKey({ ip: '203.0.113.7' })).toBe('203.0.113.7');
    expect(clientKey({ ip: '::ffff:203.0.113.7' })).toBe('203.0.113.7');
  });

  it('keys IPv6 by its /56 network, so one household cannot rotate addresses', () => {
    expect(clientKey({ ip: '2001:db8:abcd:12ff:1:2:3:4' })).toBe(
      clientKey({ ip: '2001:db8:abcd:1200::9' }),
    );
    expect(clientKey({ ip: '2001:db8:abcd:1300::1' })).not.toBe(
      clientKey({ ip: '2001:db8:abcd:1200::1' }),
    );
  });
});
