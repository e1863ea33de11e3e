import { barChart } from '../../src/reports/charts';
import {
  approxMedian,
  dayBucket,
  decodeKey,
  encodeKey,
  eventIncrements,
  itemDims,
  receivedIncrements,
} from '../../src/reports/stats';
import type { HistoryEntry } from '../../src/submissions/model';

it('codes become keys an update path accepts, and back', () => {
  for (const code of ['binh-duong-2018.bau-bang', '$set', 'a%2Eb', 'mh-yte', '%', 'x.$y']) {
    const key = encodeKey(code);
    expect(key).not.toContain('.');
    expect(key.startsWith('$')).toBe(false);
    expect(decodeKey(key)).toBe(code);
  }
});

it('answer times fall into day buckets; the median is interpolated within one', () => {
  expect(dayBucket(0.2)).toBe('d0');
  expect(dayBucket(1)).toBe('d1');
  expect(dayBucket(4.9)).toBe('d3');
  expect(dayBucket(5)).toBe('d4');
  expect(dayBucket(365)).toBe('d12');
  expect(approxMedian({})).toBeNull();
  // 10 answers in [5, 7) days: the median is the middle of the bucket.
  expect(approxMedian({ d4: 10 })).toBe(6);
  // 1 under a day, 1 in [1, 2), 2 in [15, 20): half (2) is reached at the end of [1, 2).
  expect(approxMedian({ d0: 1, d1: 1, d7: 2 })).toBe(2);
  expect(approxMedian({ d12: 3 })).toBe(90);
});

it('an answer counts on time or late, in the month it happened, for the agency in charge', () => {
  const at = (s: string) => new Date(s);
  const history: HistoryEntry[] = [
    {
      at: at('2026-01-31T10:00:00Z'),
      actor: { kind: 'resident' },
      action: 'received',
      to: 'received',
    },
    {
      at: at('2026-01-31T10:01:00Z'),
      actor: { kind: 'system' },
      action: 'routing.assigned',
      from: 'received',
      to: 'assigned',
    },
    {
      // 18:00 UTC on 31 January is 1 February in Vietnam.
      at: at('2026-01-31T18:01:00Z'),
      actor: { kind: 'agency', ref: 'mh.yte' },
      action: 'agency.answered',
      from: 'assigned',
      to: 'answered',
    },
  ];
  const ctx = { agencyAt: () => 'mh.yte', dueAt: () => at('2026-01-31T17:00:00Z') };
  expect(eventIncrements(history, 0, ctx)).toBeNull();
  expect(eventIncrements(history, 1, ctx)).toEqual({
    month: '2026-01',
    inc: { 'moves.assigned': 1, 'agencies.mh%2Eyte.assigned': 1 },
  });
  expect(eventIncrements(history, 2, ctx)).toEqual({
    month: '2026-02',
    inc: {
      'moves.answered': 1,
      'answers.late': 1,
      'agencies.mh%2Eyte.answered': 1,
      'agencies.mh%2Eyte.late': 1,
      'answers.days.d0': 1,
      'agencies.mh%2Eyte.days.d0': 1,
      'answers.hoursSum': 8,
      'agencies.mh%2Eyte.hoursSum': 8,
    },
  });
  const dims = itemDims({
    month: '2026-01',
    jurisdictionPath: ['a', 'a.b'],
    kind: 'petition',
    categoryCode: 'land',
    topics: ['roads', 'roads'],
    status: 'answered',
  });
  expect(receivedIncrements(dims, 1)).toEqual({
    'received.n': 1,
    'received.kind.petition': 1,
    'received.category.land.petition': 1,
    'received.legal.unclassified': 1,
    'received.channel.web': 1,
    'received.topic.roads': 1,
  });
});

it('charts escape their labels and write every value as text', () => {
  const svg = barChart({
    id: 'c',
    title: 'T <b>',
    desc: 'D',
    bars: [{ label: '<script>x</script>', value: 3, text: '3' }],
  }).value;
  expect(svg).not.toContain('<script>');
  expect(svg).toContain('&lt;script&gt;');
  expect(svg).toContain('role="img"');
  expect(svg).toMatch(/>\s*3\s*</);
});
