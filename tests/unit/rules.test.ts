import { canTransition } from '../../src/submissions/lifecycle';
import { canonicalTrackingCode, newTrackingCode } from '../../src/submissions/tracking-code';
import { decideRoute } from '../../src/routing/rules';
import { decodeEvent, encodeEvent, jobIdFor } from '../../src/dispatch/events';

const path = ['p', 'p.d', 'p.d.c'];

describe('routing rules', () => {
  it('takes the most specific rule on the path', () => {
    const d = decideRoute(
      [
        { categoryCode: 'land', jurisdictionCode: 'p', agencyCode: 'province-land' },
        { categoryCode: 'land', jurisdictionCode: 'p.d.c', agencyCode: 'commune' },
      ],
      'land',
      path,
    );
    expect(d).toEqual({ kind: 'one', rule: expect.objectContaining({ agencyCode: 'commune' }) });
  });

  it('ignores other categories and other subtrees', () => {
    const d = decideRoute(
      [
        { categoryCode: 'health', jurisdictionCode: 'p', agencyCode: 'x' },
        { categoryCode: 'land', jurisdictionCode: 'q', agencyCode: 'y' },
      ],
      'land',
      path,
    );
    expect(d).toEqual({ kind: 'none' });
  });

  it('two agencies equally specific is not a clear match', () => {
    const d = decideRoute(
      [
        { categoryCode: 'land', jurisdictionCode: 'p.d', agencyCode: 'a' },
        { categoryCode: 'land', jurisdictionCode: 'p.d', agencyCode: 'b' },
      ],
      'land',
      path,
    );
    expect(d.kind).toBe('several');
  });
});

describe('the submission state machine', () => {
  it('allows the flow and refuses shortcuts', () => {
    expect(canTransition('received', 'assigned')).toBe(true);
    expect(canTransition('received', 'needs_triage')).toBe(true);
    expect(canTransition('assigned', 'answered')).toBe(true);
    expect(canTransition('received', 'answered')).toBe(false);
    expect(canTransition('answered', 'assigned')).toBe(false);
  });
});

describe('tracking codes', () => {
  it('look like TD-XXXX-XXXX and survive how people type them', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^TD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(canonicalTrackingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(canonicalTrackingCode('td-7k4m-9qxo')).toBe('TD-7K4M-9QX0');
    expect(canonicalTrackingCode('TD-1234')).toBeNull();
    expect(canonicalTrackingCode('{"$gt":""}')).toBeNull();
  });
});

describe('outbox events', () => {
  it('round-trip and name one job each', () => {
    const e = { type: 'agency-notice' as const, assignmentId: '0123456789abcdef01234567' };
    expect(decodeEvent(encodeEvent(e))).toEqual(e);
    expect(decodeEvent('route')).toEqual({ type: 'route' });
    expect(decodeEvent('agency-notice:../../etc')).toBeNull();
    expect(jobIdFor('abc', encodeEvent(e))).toBe('abc-agency-notice-0123456789abcdef01234567');
  });
});
