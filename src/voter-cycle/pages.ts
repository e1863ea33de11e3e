import { createHash } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { checkFile, type IncomingFile } from '../attachments';
import type { Deps } from '../deps';
import { guard, type OfficerRequest } from '../officers';
import { fail } from '../platform/domain-errors';
import { html } from '../platform/html';
import { parseInput } from '../platform/validate';
import { readForm } from '../replies';
import { who } from '../triage';
import { refusalLine, refusalOf } from '../web/errors';
import { pickLang, type Lang } from '../web/i18n';
import { compileSession } from './compile';
import { forwardSession, recordVerdict } from './forward';
import type { VoterMeeting } from './model';
import { T } from './page-texts';
import { ENTRY_ROWS, meetingPage, page, sessionPage, sessionsPage } from './page-views';
import { importWorkbook, sendFile, sessionDetail } from './routes';
import { enterRows, isBlankRow, type RowsReport } from './rows';
import { meetingInput, sessionInput, verdictInput } from './schemas';
import {
  createMeeting,
  createSession,
  findMeeting,
  findSession,
  isId,
  listSessions,
} from './service';

const UPLOAD = /^\/officer\/voters\/meetings\/[0-9a-f]{24}\/(import|minutes)$/;

/**
 * The uploads of the voter pages are multipart forms: they are read before the
 * officers' area checks its CSRF token, so the form's `_csrf` field counts
 * (mounted `beforeCsrf`). Nobody who is not signed in gets a byte read: the
 * sign-in page for them, as for any officer page.
 */
export const voterUploads: RequestHandler = async (req, res, next) => {
  if (req.method !== 'POST' || !UPLOAD.test(req.path) || !req.is('multipart/form-data'))
    return next();
  if (!req.officer) return res.redirect(303, '/officer/login');
  try {
    const form = await readForm(req);
    req.body = form.fields;
    res.locals.files = form.files;
    next();
  } catch (err) {
    next(err);
  }
};

const files = (res: Response): IncomingFile[] => (res.locals.files as IncomingFile[]) ?? [];
const fields = (req: Request) => (req.body ?? {}) as Record<string, string>;

export function voterPages(deps: Deps): Router {
  const router = Router();
  const access = 'officer' as const;
  const id = (req: OfficerRequest) => String(req.params.id);
  const places = (req: OfficerRequest) =>
    deps.models.Jurisdiction.find(req.scope.all ? {} : { path: { $in: req.scope.roots } }, {
      code: 1,
      name: 1,
      path: 1,
    })
      .sort({ path: 1 })
      .lean();

  /** Runs an action; a refusal is shown on a page with a way back, not as JSON. */
  const act =
    (run: (req: OfficerRequest, res: Response, lang: Lang) => Promise<unknown>) =>
    async (req: OfficerRequest, res: Response) => {
      const lang = pickLang(req, res);
      try {
        await run(req, res, lang);
      } catch (err) {
        const r = refusalOf(err);
        if (!r) throw err;
        res.status(r.status).send(
          page(
            req,
            lang,
            T.refused[lang],
            html`<p class="error" role="alert">${refusalLine(r, lang)}</p>
              <p><a href="${req.get('referer') ?? '/officer/voters'}">${T.back[lang]}</a></p>`,
          ),
        );
      }
    };

  guard(router, { method: 'get', path: '/officer/voters', access }, async (req, res) => {
    const lang = pickLang(req, res);
    res.send(sessionsPage(req, lang, await listSessions(deps, req.scope), await places(req)));
  });
  guard(
    router,
    { method: 'post', path: '/officer/voters', access },
    act(async (req, res) => {
      const s = await createSession(deps, req.scope, parseInput(sessionInput, formOf(req)));
      res.redirect(303, `/officer/voters/sessions/${String(s._id)}`);
    }),
  );
  const S = '/officer/voters/sessions/:id';
  guard(router, { method: 'get', path: S, access }, async (req, res) => {
    const lang = pickLang(req, res);
    const d = await sessionDetail(deps, await findSession(deps, req.scope, id(req)));
    res.send(sessionPage(req, lang, d, await places(req)));
  });
  guard(
    router,
    { method: 'post', path: `${S}/meetings`, access },
    act(async (req, res) => {
      const s = await findSession(deps, req.scope, id(req));
      const f = formOf(req);
      const input = parseInput(meetingInput, {
        ...f,
        deputies: (f.deputies ?? '').split(/\r?\n/).filter((x) => x.trim()),
      });
      const m = await createMeeting(deps, req.scope, s, input);
      res.redirect(303, `/officer/voters/meetings/${String(m._id)}`);
    }),
  );
  for (const step of ['compile', 'forward'] as const)
    guard(
      router,
      { method: 'post', path: `${S}/${step}`, access },
      act(async (req, res) => {
        const s = await findSession(deps, req.scope, id(req));
        if (step === 'compile') await compileSession(deps, s);
        else await forwardSession(deps, who(req), s, {});
        res.redirect(303, `/officer/voters/sessions/${id(req)}`);
      }),
    );
  guard(
    router,
    { method: 'post', path: '/officer/voters/petitions/:id/verdict', access },
    act(async (req, res) => {
      const p = isId(id(req)) ? await deps.models.VoterPetition.findById(id(req)).lean() : null;
      if (!p) throw fail.notFound('petition');
      await findSession(deps, req.scope, String(p.sessionId));
      const input = parseInput(verdictInput, { verdict: fields(req).verdict });
      await recordVerdict(deps, who(req), p, input.verdict);
      res.redirect(303, `/officer/voters/sessions/${String(p.sessionId)}`);
    }),
  );

  const M = '/officer/voters/meetings/:id';
  const showMeeting = async (
    req: OfficerRequest,
    res: Response,
    lang: Lang,
    m: VoterMeeting,
    report?: RowsReport,
  ) => {
    const [items, categories, list] = await Promise.all([
      deps.models.VoterItem.find({ meetingId: m._id }).sort({ createdAt: 1 }).lean(),
      deps.models.Category.find().lean(),
      places(req),
    ]);
    res.send(meetingPage(req, lang, m, items, categories, list, report));
  };
  guard(router, { method: 'get', path: M, access }, async (req, res) => {
    const { meeting } = await findMeeting(deps, req.scope, id(req));
    await showMeeting(req, res, pickLang(req, res), meeting);
  });
  guard(
    router,
    { method: 'post', path: `${M}/rows`, access },
    act(async (req, res, lang) => {
      const { meeting } = await findMeeting(deps, req.scope, id(req));
      const f = fields(req);
      const rows = Array.from({ length: ENTRY_ROWS }, (_, i) => ({
        row: i + 1,
        input: {
          text: f[`text_${i}`],
          category: f[`category_${i}`],
          competence: f[`competence_${i}`],
          commune: f[`commune_${i}`],
          voterCount: f[`voterCount_${i}`],
        },
      })).filter((r) => !isBlankRow(r.input));
      const report = await enterRows(deps, meeting, rows, 'form');
      await showMeeting(req, res, lang, meeting, report);
    }),
  );
  guard(
    router,
    { method: 'post', path: `${M}/import`, access },
    act(async (req, res, lang) => {
      const { meeting } = await findMeeting(deps, req.scope, id(req));
      const file = files(res)[0];
      if (!file || file.truncated)
        throw fail.validation([{ path: 'file', message: 'no file', code: 'required' }]);
      await showMeeting(req, res, lang, meeting, await importWorkbook(deps, meeting, file.data));
    }),
  );
  guard(
    router,
    { method: 'post', path: `${M}/minutes`, access },
    act(async (req, res) => {
      const { meeting } = await findMeeting(deps, req.scope, id(req));
      const checked = files(res)[0] ? checkFile(files(res)[0]!) : null;
      if (!checked?.ok || checked.file.type !== 'application/pdf')
        throw fail.validation([{ path: 'file', message: 'a PDF file', code: 'attachment-type' }]);
      const { name, data } = checked.file;
      const sha256 = createHash('sha256').update(data).digest('hex');
      await deps.models.VoterMeeting.updateOne(
        { _id: meeting._id },
        { $set: { minutes: { name, size: data.length, sha256, data } } },
      );
      res.redirect(303, `/officer/voters/meetings/${id(req)}`);
    }),
  );
  guard(router, { method: 'get', path: `${M}/minutes`, access }, async (req, res) => {
    await findMeeting(deps, req.scope, id(req));
    const m = await deps.models.VoterMeeting.findById(id(req), { minutes: 1 });
    if (!m?.minutes) throw fail.notFound('minutes');
    sendFile(res, Buffer.from(m.minutes.data), 'application/pdf', m.minutes.name);
  });
  return router;
}

/** A form's fields, without the CSRF token and empty optional ones. */
function formOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields(req))) if (k !== '_csrf' && v !== '') out[k] = v;
  return out;
}
