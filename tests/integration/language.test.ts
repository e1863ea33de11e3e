import { escapeHtml } from '../../src/platform/html';
import { MILESTONES } from '../../src/notifications/resident-templates';
import { T as SUBMISSION_TEXTS } from '../../src/submissions/page-texts';
import { NEXT } from '../../src/submissions/track-view';
import { actionLabel, fieldLabel, kindLabel, statusLabel } from '../../src/web/i18n';
import { fileItem, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * One language per page and per message: a Vietnamese page or e-mail holds no
 * English text of the catalogues, and an English one no Vietnamese text.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const catalogues: unknown[] = [
  statusLabel,
  actionLabel,
  kindLabel,
  fieldLabel,
  SUBMISSION_TEXTS,
  NEXT,
  Object.values(MILESTONES).map((m) => m.what),
];

/** Every text of one language in the catalogues (long enough to mean something alone). */
function texts(lang: 'vi' | 'en'): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o[lang] === 'string') {
      if ((o[lang] as string).length >= 12) out.push(o[lang] as string);
      return;
    }
    Object.values(o).forEach(walk);
  };
  catalogues.forEach(walk);
  return out;
}

function foreignIn(content: string, lang: 'vi' | 'en'): string[] {
  const other = texts(lang === 'vi' ? 'en' : 'vi');
  return other.filter((t) => content.includes(t) || content.includes(escapeHtml(t)));
}

it('finds texts to look for, and finds them on a page of the other language', async () => {
  expect(texts('vi').length).toBeGreaterThan(60);
  expect(texts('en').length).toBeGreaterThan(60);
  const vi = await h.http.get('/?lang=vi').expect(200);
  expect(foreignIn(vi.text, 'en')).toContain(SUBMISSION_TEXTS.intro.vi);
});

it.each(['vi', 'en'] as const)(
  '%s pages and e-mails hold no text of the other language',
  async (lang) => {
    const email = `lang-${lang}@example.com`;
    const p = await fileItem(h, petition({ lang, submitter: { name: 'Dân', email } }));
    const form = await h.http.get(`/?lang=${lang}`).expect(200);
    const errors = await h.http.post('/submit').type('form').send({ lang, title: 'x' }).expect(422);
    const receipt = await h.http
      .post('/submit')
      .type('form')
      .send({
        lang,
        kind: 'petition',
        title: 'Đường ấp 3 ngập nước',
        body: 'Mỗi khi mưa lớn, đường ngập sâu.',
        categoryCode: 'traffic',
        jurisdictionCode: 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc',
        name: 'Dân',
        email,
      })
      .expect(201);
    const tracking = await h.http.get(`/track/${p.trackingCode}?lang=${lang}`).expect(200);
    const lookup = await h.http.get(`/track?lang=${lang}`).expect(200);
    await h.mail.waitFor(() => h.mail.to(email).length >= 1);
    const pages = {
      form: form.text,
      errors: errors.text,
      receipt: receipt.text,
      tracking: tracking.text,
      lookup: lookup.text,
      ...Object.fromEntries(
        h.mail.to(email).map((m, i) => [`mail${i}`, m.subject + m.text + m.html]),
      ),
    };
    for (const [name, content] of Object.entries(pages)) {
      expect({ name, foreign: foreignIn(content, lang) }).toEqual({ name, foreign: [] });
    }
  },
);
