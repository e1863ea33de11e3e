import { MILESTONES } from '../../src/notifications/resident-templates';
import { L, LEGAL_LABELS, CHANNEL_LABELS } from '../../src/reports/labels';
import { T as SUBMISSION_TEXTS } from '../../src/submissions/page-texts';
import { NEXT } from '../../src/submissions/track-view';
import { LEGAL, T as TRIAGE_TEXTS } from '../../src/triage/page-texts';
import { actionLabel, fieldLabel, kindLabel, statusLabel } from '../../src/web/i18n';

/**
 * The catalogues of texts: every key has both languages, each a real text,
 * and no text is left untranslated (the same words in both) unless it is a
 * name or a code. tests/integration/language.test.ts checks the pages and
 * messages built from them.
 */
const CATALOGUES: Record<string, unknown> = {
  statusLabel,
  actionLabel,
  kindLabel,
  fieldLabel,
  submissionPages: SUBMISSION_TEXTS,
  whatNext: NEXT,
  // (Routing steps are told in the receipt's own words: they have none here.)
  milestones: Object.fromEntries(
    Object.entries(MILESTONES)
      .filter(([, m]) => !m.route)
      .map(([k, m]) => [k, m.what]),
  ),
  triagePages: TRIAGE_TEXTS,
  legalTypes: LEGAL,
  reports: L,
  reportLegal: LEGAL_LABELS,
  reportChannels: CHANNEL_LABELS,
};

/** Every {vi, en} pair under a catalogue, with its path. */
function pairs(node: unknown, path: string, out: Array<[string, unknown, unknown]>) {
  if (!node || typeof node !== 'object') return out;
  const o = node as Record<string, unknown>;
  if ('vi' in o || 'en' in o) {
    out.push([path, o.vi, o.en]);
    return out;
  }
  for (const [k, v] of Object.entries(o)) pairs(v, `${path}.${k}`, out);
  return out;
}

const all = Object.entries(CATALOGUES).flatMap(([name, c]) => pairs(c, name, []));

it('finds the catalogues’ texts', () => {
  expect(all.length).toBeGreaterThan(150);
});

it.each(all)('%s has both languages', (path, vi, en) => {
  for (const text of [vi, en]) {
    // A text, or a function that makes one (e.g. with a number in it).
    expect(['string', 'function']).toContain(typeof text);
    if (typeof text === 'string') expect(text.trim()).not.toBe('');
  }
  if (typeof vi === 'string' && vi !== '' && vi.length > 3)
    expect({ path, vi }).not.toEqual({ path, vi: en });
});
