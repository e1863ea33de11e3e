import type { Request } from 'express';
import { officerNav } from '../officers';
import { inScope, type Scope } from '../officers';
import { formatDate } from '../platform/clock';
import { html, type SafeHtml } from '../platform/html';
import type { Jurisdiction } from '../reference/model';
import { statusLabel, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { barChart } from './charts';
import { CHANNEL_LABELS, L, LEGAL_LABELS, percent, type Label } from './labels';
import type { MonthlyReport } from './monthly';

/** Print-friendly rules of the report pages (the site's stylesheet is shared). */
export const REPORT_STYLE = html`<style>
  .bi .en {
    color: #555;
    font-weight: 400;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .figures td,
  .figures th {
    padding: 0.25rem 0.5rem;
  }
  figure.chart {
    margin: 1rem 0;
    break-inside: avoid;
  }
  figure.chart figcaption {
    font-size: 0.85rem;
    color: #444;
  }
  .downloads a {
    margin-right: 1rem;
  }
  .report-filter label {
    display: inline-block;
    margin-right: 0.5rem;
  }
  .report-filter select,
  .report-filter input {
    width: auto;
  }
  @media print {
    .report-filter,
    .downloads,
    header nav {
      display: none;
    }
    body {
      max-width: none;
      font-size: 11pt;
    }
    a {
      color: inherit;
      text-decoration: none;
    }
    h2 {
      break-after: avoid;
    }
    tr {
      break-inside: avoid;
    }
    svg rect {
      fill: #777;
    }
  }
</style>`;

/** "Tiếp nhận (Received)": Vietnamese first, the English alongside. */
export function bi(l: Label): SafeHtml {
  return html`<span class="bi">${l.vi} <span class="en" lang="en">(${l.en})</span></span>`;
}

const lbl = (map: Record<string, Label>, code: string): Label =>
  map[code] ?? { vi: code, en: code };
const n = (v: number | null | undefined) => (v === null || v === undefined ? '–' : String(v));

export type PlaceOption = Pick<Jurisdiction, 'code' | 'name' | 'path'>;

export function monthlyPage(
  req: Request,
  lang: Lang,
  r: MonthlyReport,
  places: PlaceOption[],
  scope: Scope,
): string {
  const qs = new URLSearchParams({
    ...(r.jurisdiction ? { jurisdiction: r.jurisdiction.code } : {}),
    month: r.month,
  }).toString();
  const options = places
    .filter((p) => inScope(scope, p.path))
    .sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
  const where = r.jurisdiction ? r.jurisdiction.name : L.wholeTree[lang];

  const summary: [Label, string][] = [
    [L.received, n(r.received.total)],
    [L.petitions, n(r.received.petitions)],
    [L.sentiments, n(r.received.sentiments)],
    [L.routed, n(r.routed)],
    [L.answered, n(r.answered)],
    [L.onTime, n(r.answeredOnTime)],
    [L.late, n(r.answeredLate)],
    [L.onTimeShare, percent(r.onTimeShare)],
    [L.medianDays, n(r.medianAnswerDays)],
    [L.reopened, n(r.reopened)],
    [L.openNow, n(r.open.total)],
    [L.overdueNow, n(r.open.overdue)],
  ];

  const categoryChart = barChart({
    id: 'chart-category',
    title: `${L.chartCategory.vi} (${L.chartCategory.en}), ${r.month}`,
    desc: r.received.byCategory.map((c) => `${c.name.vi}: ${c.total}`).join('; ') || L.none.vi,
    bars: r.received.byCategory.map((c) => ({
      label: c.name[lang],
      value: c.total,
      text: String(c.total),
    })),
  });
  const answering = r.agencies.filter((a) => a.answered > 0);
  const onTimeChart = barChart({
    id: 'chart-on-time',
    title: `${L.chartOnTime.vi} (${L.chartOnTime.en}), ${r.month}`,
    desc: answering.map((a) => `${a.name}: ${percent(a.onTimeShare)}`).join('; ') || L.none.vi,
    max: 1,
    guides: [
      { at: 0.5, label: '50%' },
      { at: 1, label: '100%' },
    ],
    bars: answering.map((a) => ({
      label: a.name,
      value: a.onTimeShare ?? 0,
      text: `${percent(a.onTimeShare)} (${a.onTime}/${a.answered})`,
    })),
  });

  const body = html`${REPORT_STYLE}
    <form class="report-filter" method="get" action="/officer/reports/monthly">
      <label
        >${bi(L.jurisdiction)}
        <select name="jurisdiction">
          ${
            scope.all
              ? html`<option value="" ${r.jurisdiction ? '' : 'selected'}>
                  ${L.wholeTree[lang]}
                </option>`
              : ''
          }
          ${options.map(
            (p) =>
              html`<option value="${p.code}" ${r.jurisdiction?.code === p.code ? 'selected' : ''}>
                ${'— '.repeat(Math.max(0, p.path.length - 1))}${p.name}
              </option>`,
          )}
        </select></label
      >
      <label>${bi(L.month)} <input type="month" name="month" value="${r.month}" required /></label>
      <button type="submit">${L.show[lang]}</button>
    </form>
    <p><strong>${where}</strong> · ${bi(L.month)} <strong id="report-month">${r.month}</strong></p>
    <p class="downloads">
      ${bi(L.download)}:
      <a id="download-xlsx" href="/officer/reports/monthly.xlsx?${qs}" download>XLSX</a>
      <a id="download-csv" href="/officer/reports/monthly.csv?${qs}" download>CSV</a>
    </p>

    <h2>${bi({ vi: 'Tổng hợp', en: 'Summary' })}</h2>
    <table class="figures" id="summary">
      ${summary.map(
        ([l, v]) =>
          html`<tr>
            <th scope="row">${bi(l)}</th>
            <td class="num">${v}</td>
          </tr>`,
      )}
    </table>

    <h2>${bi(L.chartCategory)}</h2>
    ${r.received.byCategory.length ? categoryChart : html`<p>${L.none[lang]}</p>`}
    <table class="figures" id="by-category">
      <tr>
        <th>${bi(L.category)}</th>
        <th class="num">${bi(L.petitions)}</th>
        <th class="num">${bi(L.sentiments)}</th>
        <th class="num">${bi(L.total)}</th>
      </tr>
      ${r.received.byCategory.map(
        (c) =>
          html`<tr>
            <td>${c.name.vi} <span class="en" lang="en">(${c.name.en})</span></td>
            <td class="num">${c.petitions}</td>
            <td class="num">${c.sentiments}</td>
            <td class="num">${c.total}</td>
          </tr>`,
      )}
    </table>
    <p>
      ${bi(L.legalType)}:
      ${r.received.byLegalType.map(
        (x, i) => html`${i ? '; ' : ''}${lbl(LEGAL_LABELS, x.code)[lang]} ${x.count}`,
      )}
      · ${bi(L.channel)}:
      ${r.received.byChannel.map(
        (x, i) => html`${i ? '; ' : ''}${lbl(CHANNEL_LABELS, x.code)[lang]} ${x.count}`,
      )}
    </p>

    <h2>${bi(L.scorecard)}</h2>
    ${answering.length ? onTimeChart : html`<p>${L.none[lang]}</p>`}
    <table class="figures" id="by-agency">
      <tr>
        <th>${bi(L.agency)}</th>
        <th class="num">${bi(L.assigned)}</th>
        <th class="num">${bi(L.answered)}</th>
        <th class="num">${bi(L.onTimeShare)}</th>
        <th class="num">${bi(L.medianDays)}</th>
        <th class="num">${bi(L.reopenShare)}</th>
        <th class="num">${bi(L.satisfactionShare)}</th>
      </tr>
      ${r.agencies.map(
        (a) =>
          html`<tr>
            <td>${a.name}</td>
            <td class="num">${a.assigned}</td>
            <td class="num">${a.answered}</td>
            <td class="num">${percent(a.onTimeShare)} (${a.onTime}/${a.answered})</td>
            <td class="num">${n(a.medianDays)}</td>
            <td class="num">${percent(a.reopenShare)} (${a.reopened})</td>
            <td class="num">${percent(a.satisfactionShare)} (${a.satisfied}/${a.rated})</td>
          </tr>`,
      )}
    </table>

    <h2>${bi(L.topics)}</h2>
    ${
      r.topics.top.length
        ? html`<table class="figures" id="topics">
            <tr>
              <th>${bi(L.topTopics)}</th>
              <th class="num">${bi(L.count)}</th>
              <th class="num">${bi(L.previous)}</th>
              <th>${bi(L.rising)}</th>
            </tr>
            ${r.topics.top.map(
              (t) =>
                html`<tr>
                  <td>${t.name[lang]}</td>
                  <td class="num">${t.count}</td>
                  <td class="num">${t.previous}</td>
                  <td>
                    ${r.topics.rising.some((x) => x.code === t.code) ? `↑ ${L.rising[lang]}` : ''}
                  </td>
                </tr>`,
            )}
          </table>`
        : html`<p>${L.none[lang]}</p>`
    }
    <p>${L.topicsDetails[lang]}</p>

    <h2>${bi(L.openList)}</h2>
    <p>
      ${bi(L.openNow)}: <strong>${r.open.total}</strong> · ${bi(L.overdueNow)}:
      <strong>${r.open.overdue}</strong>
    </p>
    ${
      r.open.petitions.length
        ? html`<table class="figures" id="open">
            <tr>
              <th>${bi(L.code)}</th>
              <th>${bi(L.title)}</th>
              <th>${bi(L.status)}</th>
              <th>${bi(L.receivedAt)}</th>
              <th class="num">${bi(L.ageDays)}</th>
              <th>${bi(L.due)}</th>
            </tr>
            ${r.open.petitions.map(
              (p) =>
                html`<tr>
                  <td><a href="/officer/submissions/${p.id}">${p.trackingCode}</a></td>
                  <td>${p.title}</td>
                  <td>${statusLabel[p.status]?.[lang] ?? p.status}</td>
                  <td>${formatDate(new Date(p.createdAt), lang)}</td>
                  <td class="num">${p.ageDays}</td>
                  <td class="${p.overdue ? 'overdue' : ''}">
                    ${p.dueAt ? formatDate(new Date(p.dueAt), lang) : '–'}${
                      p.overdue ? html` <strong>(${L.overdue[lang]})</strong>` : ''
                    }
                  </td>
                </tr>`,
            )}
          </table>`
        : html`<p>${L.none[lang]}</p>`
    }

    <h2>${bi(L.notes)}</h2>
    <ul>
      ${r.notes.map((x) => html`<li>${x.vi} <span class="en" lang="en">(${x.en})</span></li>`)}
    </ul>`;

  return layout({
    lang,
    title: `${L.monthly[lang]} ${r.month} · ${where}`,
    path: `/officer/reports/monthly?${qs}`,
    body,
    nav: officerNav(req, lang),
  });
}
