import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { answerAttachmentsByCode } from '../attachments';
import { answerDueAt } from '../deadlines';
import type { Deps } from '../deps';
import { parseInput } from '../platform/validate';
import { pickLang } from '../web/i18n';
import { refusalOf } from '../web/errors';
import { formPage, type FormValues } from './form-view';
import { submit } from './intake';
import { petitionInput, sentimentInput } from './schemas';
import { lookupPage, receiptPage, trackingPage, type Channel } from './track-view';
import { residentUrl } from './resident-key';
import { getTracking } from './tracking';
import { canonicalTrackingCode } from './tracking-code';

export { trackingPage };

/** The resident's pages: the submission form, its receipt, and the tracking page. */
export function submissionPages(deps: Deps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const lang = pickLang(req, res);
    res.send(await formPage(deps, lang, { kind: 'petition', formKey: randomUUID() }, []));
  });

  router.post('/submit', async (req, res) => {
    const values = stringFields(req.body);
    // The page's language travels with the form, so the answer page stays in it.
    const lang = values.lang === 'en' || values.lang === 'vi' ? values.lang : pickLang(req, res);
    const kind = values.kind === 'sentiment' ? 'sentiment' : 'petition';
    try {
      const input = toInput(values, kind === 'petition', lang);
      const result =
        kind === 'petition'
          ? await submit(deps, { kind, data: parseInput(petitionInput, input) }, values.formKey)
          : await submit(deps, { kind, data: parseInput(sentimentInput, input) }, values.formKey);
      const category =
        kind === 'petition' ? await deps.reference.category(values.categoryCode ?? '') : undefined;
      const days = category?.answerWorkingDays ?? 15;
      res.status(201).send(
        receiptPage(lang, {
          kind,
          code: result.trackingCode,
          channel: channelOf(values),
          privateLink: residentUrl(
            deps.config.PUBLIC_BASE_URL,
            result.trackingCode,
            result.residentKey,
          ),
          ...(kind === 'petition'
            ? { due: { days, date: answerDueAt(deps.calendar, deps.clock.now(), days) } }
            : {}),
        }),
      );
    } catch (err) {
      const r = refusalOf(err);
      if (r?.code !== 'validation') throw err;
      res.status(r.status).send(await formPage(deps, lang, values, r.fields));
    }
  });

  router.get('/track', (req, res) => {
    const lang = pickLang(req, res);
    const typed = typeof req.query.code === 'string' ? req.query.code : '';
    const code = typed ? canonicalTrackingCode(typed) : null;
    if (code) return res.redirect(303, `/track/${code}`);
    res.status(typed ? 404 : 200).send(lookupPage(lang, typed !== '', typed.slice(0, 40)));
  });

  router.get('/track/:code', async (req, res) => {
    const lang = pickLang(req, res);
    const view = await getTracking(deps, req.params.code);
    if (!view) return res.status(404).send(lookupPage(lang, true));
    const files = view.answer ? await answerAttachmentsByCode(deps, view.trackingCode) : [];
    res.send(trackingPage(lang, view, req.path, files));
  });

  return router;
}

function stringFields(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** How the resident will hear from us, as the form says it. */
function channelOf(v: FormValues): Channel {
  if (v.notifyBy === 'email' || v.notifyBy === 'sms' || v.notifyBy === 'none') return v.notifyBy;
  return v.email?.trim() ? 'email' : v.phone?.trim() ? 'sms' : 'none';
}

/** Form fields → the API's JSON shape; empty optional fields are left out. */
function toInput(v: FormValues, petition: boolean, lang: 'vi' | 'en'): unknown {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const notifyBy = ['email', 'sms', 'none'].includes(v.notifyBy ?? '') ? v.notifyBy : undefined;
  const submitter = {
    ...(opt(v.name) ? { name: opt(v.name) } : {}),
    ...(opt(v.email) ? { email: opt(v.email) } : {}),
    ...(opt(v.phone) ? { phone: opt(v.phone) } : {}),
    ...(notifyBy ? { notifyBy } : {}),
  };
  return {
    title: v.title ?? '',
    body: v.body ?? '',
    categoryCode: v.categoryCode ?? '',
    jurisdictionCode: v.jurisdictionCode ?? '',
    ...(petition || Object.keys(submitter).length ? { submitter } : {}),
    shareContactWithAgency: v.shareContact === 'on',
    lang,
  };
}
