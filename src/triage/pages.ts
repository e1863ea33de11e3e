import { Router, type Request, type Response } from 'express';
import type { Deps } from '../deps';
import { guard, type OfficerRequest } from '../officers';
import { officerNav } from '../officers';
import { refusalLine, refusalOf, type Refusal } from '../web/errors';
import { html } from '../platform/html';
import { parseInput } from '../platform/validate';
import { pickLang, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { findInScope } from './access';
import { addNote, assign, classify, convertToPetition, markNoted, merge, reject } from './actions';
import { runBulk } from './bulk';
import { who } from './routes';
import { assignInput, bulkInput, classifyInput, noteInput, rejectInput } from './schemas';
import { detailPage, inboxPage } from './page-views';
import { T } from './page-texts';

export function triagePages(deps: Deps): Router {
  const router = Router();
  const officer = 'officer' as const;

  guard(router, { method: 'get', path: '/officer', access: officer }, async (req, res) => {
    const lang = pickLang(req, res);
    res.send(await inboxPage(deps, req, lang));
  });

  guard(router, { method: 'post', path: '/officer/bulk', access: officer }, async (req, res) => {
    const lang = pickLang(req, res);
    const b = form(req);
    const ids = ([] as string[]).concat((req.body as { ids?: string | string[] })?.ids ?? []);
    const input = parseInput(bulkInput, {
      action: b.action,
      ids,
      ...(b.action === 'assign' ? { agencyCode: b.agencyCode } : {}),
      ...(b.action === 'reject' ? { reasonCode: b.reasonCode, message: b.message } : {}),
      ...(b.action === 'note' ? { text: b.message } : {}),
    });
    const { results } = await runBulk(deps, who(req), input);
    const body = html`<p><a href="/officer">${T.back[lang]}</a></p>
      <table>
        <tr>
          <th>Id</th>
          <th>${T.bulkResult[lang]}</th>
        </tr>
        ${results.map(
          (r) =>
            html`<tr>
              <td><a href="/officer/submissions/${r.id}">${r.id}</a></td>
              <td>${r.ok ? '✓' : r.problem?.split('/').pop()}</td>
            </tr>`,
        )}
      </table>`;
    res.send(
      layout({
        lang,
        title: T.bulkResult[lang],
        path: '/officer',
        body,
        nav: officerNav(req, lang),
      }),
    );
  });

  guard(
    router,
    { method: 'get', path: '/officer/submissions/:id', access: officer, scoped: true },
    async (req, res) => {
      const lang = pickLang(req, res);
      const done = typeof req.query.done === 'string' ? req.query.done : undefined;
      res.send(
        await detailPage(deps, req, lang, done ? await doneText(deps, req, done, lang) : undefined),
      );
    },
  );

  const action = (name: string, run: (req: OfficerRequest) => Promise<unknown>) =>
    guard(
      router,
      { method: 'post', path: `/officer/submissions/:id/${name}`, access: officer, scoped: true },
      async (req, res) => {
        await findInScope(deps, req.scope, String(req.params.id));
        try {
          await run(req);
          res.redirect(303, `/officer/submissions/${String(req.params.id)}?done=${name}`);
        } catch (err) {
          const r = refusalOf(err);
          if (!r || r.status === 404) throw err;
          await showError(deps, req, res, r);
        }
      },
    );
  const id = (req: Request) => String(req.params.id);
  action('assign', (req) => {
    const f = form(req);
    const cooperating = ([] as string[]).concat(
      (req.body as { cooperating?: string | string[] })?.cooperating ?? [],
    );
    return assign(
      deps,
      who(req),
      id(req),
      parseInput(assignInput, { agencyCode: f.agencyCode, cooperatingAgencyCodes: cooperating }),
    );
  });
  action('classify', (req) => {
    const f = form(req);
    return classify(
      deps,
      who(req),
      id(req),
      parseInput(classifyInput, {
        ...(f.categoryCode ? { categoryCode: f.categoryCode } : {}),
        ...(f.legalType ? { legalType: f.legalType } : {}),
        ...(f.message?.trim() ? { message: f.message } : {}),
      }),
    );
  });
  action('reject', (req) =>
    reject(
      deps,
      who(req),
      id(req),
      parseInput(rejectInput, { reasonCode: form(req).reasonCode, message: form(req).message }),
    ),
  );
  action('merge', (req) => {
    const ids = ([] as string[]).concat(
      (req.body as { duplicates?: string | string[] })?.duplicates ?? [],
    );
    return merge(deps, who(req), id(req), ids);
  });
  action('notes', (req) =>
    addNote(deps, who(req), id(req), parseInput(noteInput, { text: form(req).text }).text),
  );
  action('convert', (req) => convertToPetition(deps, who(req), id(req)));
  action('noted', (req) => markNoted(deps, who(req), id(req)));

  return router;
}

function form(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') out[k] = v;
  return out;
}

async function showError(deps: Deps, req: OfficerRequest, res: Response, r: Refusal) {
  const lang = pickLang(req, res);
  res.status(r.status).send(await detailPage(deps, req, lang, undefined, refusalLine(r, lang)));
}

const DONE: Record<string, { vi: string; en: string }> = {
  assign: T.doneAssign,
  classify: T.doneClassify,
  reject: T.doneReject,
  merge: T.doneMerge,
  notes: T.doneNotes,
  convert: T.doneConvert,
  noted: T.doneNoted,
};

/** What the officer's action did, in words ("Đã chuyển kiến nghị đến Sở Xây dựng …"). */
async function doneText(deps: Deps, req: Request, done: string, lang: Lang): Promise<string> {
  const text = DONE[done]?.[lang] ?? T.done[lang];
  if (done !== 'assign') return text;
  const s = await deps.models.Submission.findById(String(req.params.id), { agencyCode: 1 }).lean();
  const agency = s?.agencyCode
    ? await deps.models.Agency.findOne({ code: s.agencyCode }, { name: 1 }).lean()
    : null;
  return text.replace('{agency}', agency?.name ?? s?.agencyCode ?? '');
}
