import type { Request } from 'express';
import { csrfToken, officerNav } from '../officers';
import { localDate } from '../platform/clock';
import { html, type SafeHtml } from '../platform/html';
import type { Category, Jurisdiction as Full } from '../reference/model';

type Jurisdiction = Pick<Full, 'code' | 'name' | 'path'>;
import type { Lang } from '../web/i18n';
import { layout } from '../web/layout';
import type { VoterMeeting, VoterItem, VoterSession } from './model';
import { T } from './page-texts';
import { COMPETENCE_LABEL, type RowsReport } from './rows';
import type { sessionDetail } from './routes';

const csrf = (req: Request) => html`<input type="hidden" name="_csrf" value="${csrfToken(req)}" />`;

export function page(req: Request, lang: Lang, title: string, body: SafeHtml): string {
  return layout({
    lang,
    title,
    path: req.originalUrl.split('?')[0]!,
    body,
    nav: officerNav(req, lang),
  });
}

const options = (list: { value: string; label: string }[], selected?: string) =>
  list.map(
    (o) =>
      html`<option value="${o.value}" ${o.value === selected ? 'selected' : ''}>
        ${o.label}
      </option>`,
  );

export function sessionsPage(
  req: Request,
  lang: Lang,
  sessions: VoterSession[],
  places: Jurisdiction[],
): string {
  const body = html`<table>
      <tr>
        <th>${T.number[lang]}</th>
        <th>${T.body[lang]}</th>
        <th>${T.place[lang]}</th>
        <th>${T.opens[lang]}</th>
      </tr>
      ${sessions.map(
        (s) =>
          html`<tr>
            <td>
              <a href="/officer/voters/sessions/${String(s._id)}"
                >${s.number}${s.term ? ` (${s.term})` : ''}</a
              >
            </td>
            <td>${s.body === 'national-assembly' ? T.na[lang] : T.council[lang]}</td>
            <td>
              ${places.find((p) => p.code === s.jurisdictionCode)?.name ?? s.jurisdictionCode}
            </td>
            <td>${localDate(s.opensOn)}</td>
          </tr>`,
      )}
    </table>
    <h2>${T.newSession[lang]}</h2>
    <form method="post" action="/officer/voters">
      ${csrf(req)}
      <label
        >${T.body[lang]}
        <select name="body">
          ${options([
            { value: 'national-assembly', label: T.na[lang] },
            { value: 'peoples-council', label: T.council[lang] },
          ])}
        </select></label
      >
      <label
        >${T.place[lang]}
        <select name="jurisdictionCode">
          ${options(places.map((p) => ({ value: p.code, label: p.name })))}
        </select></label
      >
      <label
        >${T.number[lang]} <input type="text" name="number" inputmode="numeric" required
      /></label>
      <label>${T.term[lang]} <input type="text" name="term" /></label>
      <label>${T.opens[lang]} <input type="date" name="opensOn" required /></label>
      <label>${T.closes[lang]} <input type="date" name="closesOn" required /></label>
      <button type="submit">${T.save[lang]}</button>
    </form>`;
  return page(req, lang, T.sessions[lang], body);
}

type Detail = Awaited<ReturnType<typeof sessionDetail>>;

export function sessionPage(req: Request, lang: Lang, d: Detail, places: Jurisdiction[]): string {
  const name = (code: string) => places.find((p) => p.code === code)?.name ?? code;
  const communes = [...new Set(d.petitions.flatMap((p) => p.sources.map((s) => s.communeCode)))];
  const list = (rows: Detail['petitions'], verdicts: boolean) =>
    html`<table>
      <tr>
        <th>#</th>
        <th>${T.text[lang]}</th>
        <th>${T.voters[lang]}</th>
        <th>${T.competence[lang]}</th>
        <th>${T.verdict[lang]}</th>
      </tr>
      ${rows.map(
        (p) =>
          html`<tr>
            <td>${p.seq}</td>
            <td>
              ${p.text}<br /><small
                >${p.sources.map((s) => `${name(s.communeCode)}: ${s.voterCount}`).join('; ')}${p.agency ? ` — ${p.agency}` : ''}</small
              >
              ${p.answer ? html`<br /><small>${p.answer}</small>` : ''}
              ${p.overdue ? html` <strong class="overdue">${T.overdue[lang]}</strong>` : ''}
            </td>
            <td>${p.voterCount}</td>
            <td>${COMPETENCE_LABEL[p.competence][lang]}</td>
            <td>
              ${p.verdict ? T[p.verdict][lang] : ''}
              ${verdicts && p.submissionId ? verdictForm(req, lang, p.id) : ''}
            </td>
          </tr>`,
      )}
    </table>`;
  const base = `/officer/voters/sessions/${d.id}`;
  const body = html`<p><a href="/officer/voters">${T.back[lang]}</a></p>
    <p>
      ${d.body === 'national-assembly' ? T.na[lang] : T.council[lang]} — ${name(d.jurisdictionCode)}
      — ${T.opens[lang]} ${d.opensOn.slice(0, 10)}, ${T.closes[lang]} ${d.closesOn.slice(0, 10)}
    </p>
    <h2>${T.meetings[lang]}</h2>
    <ul>
      ${d.meetings.map(
        (m) =>
          html`<li>
            <a href="/officer/voters/meetings/${m.id}">${m.date.slice(0, 10)} — ${m.place}</a>
            (${name(m.jurisdictionCode)}, ${m.attendees} ${T.voters[lang].toLowerCase()})
          </li>`,
      )}
    </ul>
    <h3>${T.newMeeting[lang]}</h3>
    <form method="post" action="${base}/meetings">
      ${csrf(req)}
      <label
        >${T.phase[lang]}
        <select name="phase">
          ${options([
            { value: 'before', label: T.before[lang] },
            { value: 'after', label: T.after[lang] },
          ])}
        </select></label
      >
      <label>${T.date[lang]} <input type="date" name="date" required /></label>
      <label>${T.venue[lang]} <input type="text" name="place" required /></label>
      <label
        >${T.place[lang]}
        <select name="jurisdictionCode">
          ${options(
            places
              .filter((p) => p.path.includes(d.jurisdictionCode))
              .map((p) => ({ value: p.code, label: p.name })),
          )}
        </select></label
      >
      <label>${T.deputies[lang]} <textarea name="deputies" rows="2"></textarea></label>
      <label
        >${T.attendees[lang]} <input type="text" name="attendees" inputmode="numeric" required
      /></label>
      <button type="submit">${T.save[lang]}</button>
    </form>
    <h2>${T.petitions[lang]} (${d.petitions.length})</h2>
    <form method="post" action="${base}/compile">
      ${csrf(req)}<button type="submit">${T.compile[lang]}</button>
    </form>
    <form method="post" action="${base}/forward">
      ${csrf(req)}<button type="submit">${T.forward[lang]}</button>
    </form>
    <p class="downloads">
      ${T.report[lang]}: <a href="/api/v1/officer/voter-sessions/${d.id}/report.docx">DOCX</a>
      <a href="/api/v1/officer/voter-sessions/${d.id}/report.pdf">PDF</a>
    </p>
    ${list(d.petitions, true)}
    <h2>${T.carried[lang]} (${d.carriedOver.length})</h2>
    ${list(d.carriedOver, true)}
    <h2>${T.reportBack[lang]}</h2>
    <ul>
      ${communes.map((c) => html`<li><a href="/voters/report-back/${d.id}/${c}">${name(c)}</a></li>`)}
    </ul>`;
  return page(req, lang, `${T.number[lang]} ${d.number}`, body);
}

function verdictForm(req: Request, lang: Lang, id: string) {
  return html`<form method="post" action="/officer/voters/petitions/${id}/verdict">
    ${csrf(req)}
    <select name="verdict" aria-label="${T.verdict[lang]}">
      ${options(
        (['resolved', 'in_progress', 'pending'] as const).map((v) => ({
          value: v,
          label: T[v][lang],
        })),
      )}
    </select>
    <button type="submit">${T.save[lang]}</button>
  </form>`;
}

/** Rows of the entry page: 5 fields each, within the forms' limit of 50 fields. */
export const ENTRY_ROWS = 8;

export function meetingPage(
  req: Request,
  lang: Lang,
  m: VoterMeeting,
  items: VoterItem[],
  categories: Category[],
  places: Jurisdiction[],
  report?: RowsReport,
): string {
  const base = `/officer/voters/meetings/${String(m._id)}`;
  const communes = places.filter((p) => p.path.includes(m.jurisdictionCode));
  const cats = categories.map((c) => ({ value: c.code, label: c.name[lang] }));
  const comps = (['commune', 'province', 'central'] as const).map((c) => ({
    value: c,
    label: COMPETENCE_LABEL[c][lang],
  }));
  const rows = Array.from({ length: ENTRY_ROWS }, (_, i) => i);
  const body = html`<p>
      <a href="/officer/voters/sessions/${String(m.sessionId)}">${T.back[lang]}</a>
    </p>
    <p>
      ${localDate(m.date)} — ${m.place} — ${m.attendees} ${T.voters[lang].toLowerCase()} —
      ${m.deputies.join(', ')}
    </p>
    ${report ? reportTable(lang, report) : ''}
    <h2>${T.entry[lang]}</h2>
    <form method="post" action="${base}/rows" class="entry">
      ${csrf(req)}
      <table>
        <tr>
          <th>#</th>
          <th>${T.text[lang]}</th>
          <th>${T.field[lang]}</th>
          <th>${T.competence[lang]}</th>
          <th>${T.commune[lang]}</th>
          <th>${T.voters[lang]}</th>
        </tr>
        ${rows.map(
          (i) =>
            html`<tr>
              <td>${i + 1}</td>
              <td>
                <textarea
                  name="text_${i}"
                  rows="2"
                  aria-label="${T.text[lang]} ${i + 1}"
                ></textarea>
              </td>
              <td>
                <select name="category_${i}">
                  ${options(cats)}
                </select>
              </td>
              <td>
                <select name="competence_${i}">
                  ${options(comps)}
                </select>
              </td>
              <td>
                <select name="commune_${i}">
                  ${options(
                    communes.map((p) => ({ value: p.code, label: p.name })),
                    m.jurisdictionCode,
                  )}
                </select>
              </td>
              <td>
                <input type="text" name="voterCount_${i}" value="1" inputmode="numeric" size="4" />
              </td>
            </tr>`,
        )}
      </table>
      <button type="submit">${T.saveRows[lang]}</button>
    </form>
    <h2>${T.import[lang]}</h2>
    <p><a href="/api/v1/officer/voter-templates/petitions.xlsx">${T.template[lang]}</a></p>
    <form method="post" action="${base}/import" enctype="multipart/form-data">
      ${csrf(req)}
      <input type="file" name="file" accept=".xlsx" required aria-label="${T.import[lang]}" />
      <button type="submit">${T.upload[lang]}</button>
    </form>
    <h2>${T.minutes[lang]}</h2>
    ${m.minutes ? html`<p><a href="${base}/minutes">${m.minutes.name}</a></p>` : ''}
    <form method="post" action="${base}/minutes" enctype="multipart/form-data">
      ${csrf(req)}
      <input
        type="file"
        name="file"
        accept="application/pdf"
        required
        aria-label="${T.minutes[lang]}"
      />
      <button type="submit">${T.upload[lang]}</button>
    </form>
    <h2>${T.items[lang]} (${items.length})</h2>
    <table class="items">
      ${items.map(
        (it, i) =>
          html`<tr>
            <td>${i + 1}</td>
            <td>${it.text}</td>
            <td>
              ${categories.find((c) => c.code === it.categoryCode)?.name[lang] ?? it.categoryCode}
            </td>
            <td>${COMPETENCE_LABEL[it.competence][lang]}</td>
            <td>${places.find((p) => p.code === it.communeCode)?.name ?? it.communeCode}</td>
            <td>${it.voterCount}</td>
          </tr>`,
      )}
    </table>`;
  return page(req, lang, `${T.entry[lang]}: ${m.place}`, body);
}

function reportTable(lang: Lang, r: RowsReport) {
  return html`<section class="entry-report">
    <h2>${T.result[lang]}</h2>
    <p>
      ${T.accepted[lang]}: <strong>${r.accepted}</strong> · ${T.duplicate[lang]}:
      <strong>${r.duplicates}</strong> · ${T.refused[lang]}: <strong>${r.refused}</strong>
    </p>
    <table>
      ${r.rows
        .filter((o) => o.status !== 'accepted')
        .map(
          (o) =>
            html`<tr class="${o.status}">
              <td>${T.row[lang]} ${o.row}</td>
              <td>${o.status === 'refused' ? o.reasons.join('; ') : T.duplicate[lang]}</td>
            </tr>`,
        )}
    </table>
  </section>`;
}
