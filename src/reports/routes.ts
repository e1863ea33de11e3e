import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Response } from 'express';
import type { Deps } from '../deps';
import { guard, type OfficerRequest } from '../officers';
import { html } from '../platform/html';
import { describeRoute, problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { inForce } from '../reference';
import { findInScope } from '../triage';
import { who } from '../triage';
import { pickLang, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { barChart } from './charts';
import { reportCsv, reportFileName, reportXlsx } from './export';
import { L, percent } from './labels';
import { monthlyReport } from './monthly';
import { bi, monthlyPage, REPORT_STYLE, type PlaceOption } from './pages';
import { publicStats, publishedAnswers, setPublished } from './public';
import {
  monthlyQuery,
  monthlyReportSchema,
  publicStatsQuery,
  publishInput,
  withoutEmpty,
} from './schemas';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The monthly briefing (JSON, page, CSV, XLSX) and publishing answers: officers only. */
export function reportRoutes(deps: Deps): Router {
  const router = Router();
  const officer = 'officer' as const;

  const report = (req: OfficerRequest) =>
    monthlyReport(deps, req.officer, req.scope, parseInput(monthlyQuery, withoutEmpty(req.query)));

  const csv = async (req: OfficerRequest, res: Response) => {
    const r = await report(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(reportFileName(r, 'csv'))
      .set('Cache-Control', 'private, no-store')
      .send(reportCsv(r));
  };
  const xlsx = async (req: OfficerRequest, res: Response) => {
    const r = await report(req);
    res
      .type(XLSX_TYPE)
      .attachment(reportFileName(r, 'xlsx'))
      .set('Cache-Control', 'private, no-store')
      .send(await reportXlsx(r));
  };

  for (const base of ['/api/v1/officer/reports/monthly', '/officer/reports/monthly']) {
    guard(router, { method: 'get', path: `${base}.csv`, access: officer }, csv);
    guard(router, { method: 'get', path: `${base}.xlsx`, access: officer }, xlsx);
  }

  guard(
    router,
    { method: 'get', path: '/api/v1/officer/reports/monthly', access: officer },
    async (req, res) => {
      res.set('Cache-Control', 'private, no-store').json(await report(req));
    },
  );

  guard(
    router,
    { method: 'get', path: '/officer/reports/monthly', access: officer },
    async (req, res) => {
      const lang = pickLang(req, res);
      const r = await report(req);
      const places = await deps.models.Jurisdiction.find(
        {},
        { _id: 0, code: 1, name: 1, path: 1 },
      ).lean<PlaceOption[]>();
      res
        .set('Cache-Control', 'private, no-store')
        .send(monthlyPage(req, lang, r, places, req.scope));
    },
  );

  guard(
    router,
    {
      method: 'post',
      path: '/api/v1/officer/submissions/:id/publish',
      access: officer,
      scoped: true,
    },
    async (req, res) => {
      // Out of scope is "not found" before anything else, even before the body is checked.
      await findInScope(deps, req.scope, String(req.params.id));
      const input = parseInput(publishInput, req.body ?? {});
      res.json(await setPublished(deps, who(req), String(req.params.id), input.published ?? true));
    },
  );

  return router;
}

/** Public figures and published answers: no sign-in, rate-limited like every route. */
export function publicReportRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/public/stats', async (req, res) => {
    const q = parseInput(publicStatsQuery, withoutEmpty(req.query));
    res.set('Cache-Control', 'public, max-age=300').json(await publicStats(deps, q));
  });

  router.get('/api/v1/public/answers', async (req, res) => {
    const q = parseInput(publicStatsQuery, withoutEmpty(req.query));
    res
      .set('Cache-Control', 'public, max-age=300')
      .json({ answers: await publishedAnswers(deps, { jurisdiction: q.jurisdiction }) });
  });

  router.get(['/cong-khai', '/public'], async (req, res) => {
    const lang = pickLang(req, res);
    const q = parseInput(publicStatsQuery, withoutEmpty(req.query));
    const [stats, answers, placeList] = await Promise.all([
      publicStats(deps, q),
      publishedAnswers(deps, { jurisdiction: q.jurisdiction }),
      deps.models.Jurisdiction.find({}).lean(),
    ]);
    const now = deps.clock.now();
    const places = placeList
      .filter((p) => inForce(p, now))
      .sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
    res.send(publicPage(lang, stats, answers, places, req.path));
  });

  return router;
}

function publicPage(
  lang: Lang,
  s: Awaited<ReturnType<typeof publicStats>>,
  answers: Awaited<ReturnType<typeof publishedAnswers>>,
  places: PlaceOption[],
  path: string,
): string {
  const where = s.jurisdiction?.name ?? L.wholeTree[lang];
  const chart = barChart({
    id: 'chart-public-on-time',
    title: `${L.chartOnTime.vi} (${L.chartOnTime.en}), ${s.period.from} – ${s.period.to}`,
    desc: s.agencies.map((a) => `${a.name}: ${percent(a.onTimeShare)}`).join('; ') || L.none.vi,
    max: 1,
    guides: [
      { at: 0.5, label: '50%' },
      { at: 1, label: '100%' },
    ],
    bars: s.agencies.map((a) => ({
      label: a.name,
      value: a.onTimeShare ?? 0,
      text: `${percent(a.onTimeShare)} (${a.onTime}/${a.answered})`,
    })),
  });
  const body = html`${REPORT_STYLE}
    <form class="report-filter" method="get" action="${path}">
      <label
        >${bi(L.jurisdiction)}
        <select name="jurisdiction">
          <option value="" ${s.jurisdiction ? '' : 'selected'}>${L.wholeTree[lang]}</option>
          ${places.map(
            (p) =>
              html`<option value="${p.code}" ${s.jurisdiction?.code === p.code ? 'selected' : ''}>
                ${'— '.repeat(Math.max(0, p.path.length - 1))}${p.name}
              </option>`,
          )}
        </select></label
      >
      <label
        >${bi({ vi: 'Từ tháng', en: 'From' })}
        <input type="month" name="from" value="${s.period.from}"
      /></label>
      <label
        >${bi({ vi: 'Đến tháng', en: 'To' })} <input type="month" name="to" value="${s.period.to}"
      /></label>
      <button type="submit">${L.show[lang]}</button>
    </form>
    <p><strong>${where}</strong> · ${bi(L.period)} ${s.period.from} – ${s.period.to}</p>
    <table class="figures" id="public-totals">
      <tr>
        <th scope="row">${bi(L.received)}</th>
        <td class="num">${s.totals.received}</td>
      </tr>
      <tr>
        <th scope="row">${bi(L.answered)}</th>
        <td class="num">${s.totals.answered}</td>
      </tr>
      <tr>
        <th scope="row">${bi(L.onTimeShare)}</th>
        <td class="num">${percent(s.totals.onTimeShare)}</td>
      </tr>
    </table>
    <h2>${bi(L.chartOnTime)}</h2>
    ${s.agencies.length ? chart : html`<p>${L.none[lang]}</p>`}
    <table class="figures" id="public-agencies">
      <tr>
        <th>${bi(L.agency)}</th>
        <th class="num">${bi(L.answered)}</th>
        <th class="num">${bi(L.onTimeShare)}</th>
        <th class="num">${bi(L.medianDays)}</th>
      </tr>
      ${s.agencies.map(
        (a) =>
          html`<tr>
            <td>${a.name}</td>
            <td class="num">${a.answered}</td>
            <td class="num">${percent(a.onTimeShare)} (${a.onTime}/${a.answered})</td>
            <td class="num">${a.medianDays ?? '–'}</td>
          </tr>`,
      )}
    </table>
    <h2>${bi(L.published)}</h2>
    ${
      answers.length
        ? answers.map(
            (a) =>
              html`<article class="published">
                <h3>${a.title}</h3>
                <p class="hint">
                  ${a.category.name[lang]} · ${a.jurisdiction.name} · ${bi(L.answeredOn)}
                  ${a.answeredOn} · ${a.agency.name}
                </p>
                <div class="answer">${a.answer}</div>
              </article>`,
          )
        : html`<p>${L.none[lang]}</p>`
    }`;
  return layout({ lang, title: L.transparency[lang], path, body });
}

const tags = ['Reports'];
/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const reportApi: RouteConfig[] = [
  describeRoute(
    'get',
    '/api/v1/officer/reports/monthly.csv',
    'The monthly briefing as CSV',
    'Reports',
    { ok: 'text/csv' },
  ),
  describeRoute(
    'get',
    '/api/v1/officer/reports/monthly.xlsx',
    'The monthly briefing as an Excel workbook',
    'Reports',
    { ok: 'The workbook' },
  ),
  {
    method: 'get',
    path: '/api/v1/officer/reports/monthly',
    summary:
      'The monthly briefing of a subtree in your scope: received, routed, answered (on time), overdue, reopened, agency scorecard, topics, open petitions; also .csv and .xlsx',
    tags,
    request: { query: monthlyQuery },
    responses: {
      200: {
        description: 'The report',
        content: { 'application/json': { schema: monthlyReportSchema } },
      },
      404: problemResponse('No such node in your scope'),
      422: problemResponse('Invalid query'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/officer/submissions/{id}/publish',
    summary: 'Publish (or withdraw) the title and answer of an answered item on the public page',
    tags,
    request: {
      params: z.object({ id: z.string() }),
      body: { content: { 'application/json': { schema: publishInput } } },
    },
    responses: {
      200: { description: 'Published state' },
      404: problemResponse('No such item in your jurisdiction'),
      409: problemResponse('Not answered'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/public/stats',
    summary: 'Public figures per agency (answered, on-time share) for the whole tree or a node',
    tags: ['Public'],
    request: { query: publicStatsQuery },
    responses: {
      200: { description: 'Aggregate figures, no personal data' },
      404: problemResponse('No such node'),
      422: problemResponse('Invalid query'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/public/answers',
    summary: 'Answers published by officers (title and answer only), newest first',
    tags: ['Public'],
    request: { query: publicStatsQuery },
    responses: { 200: { description: 'Published answers' } },
  },
];
