import type { Deps } from '../deps';
import { type OfficerRequest } from '../officers';
import { csrfToken } from '../officers';
import { officerNav } from '../officers';
import { formatDate, formatDateTime } from '../platform/clock';
import { html } from '../platform/html';
import { parseInput } from '../platform/validate';
import { LEGAL_TYPES } from '../submissions/model';
import { OPEN_STATUSES, SUBMISSION_STATUSES } from '../submissions/statuses';
import { actionLabel, kindLabel, label, statusLabel, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { findInScope } from './access';
import { listInbox } from './inbox';
import { inboxQuery, REJECT_REASONS } from './schemas';
import { submissionDetail } from './view';
import { LEGAL, REJECT_REASON_LABEL, T } from './page-texts';

/**
 * The officers' inbox and item pages: each reads what it shows (within the
 * officer's scope), then renders it. The routes are in ./pages.
 */
export async function inboxPage(deps: Deps, req: OfficerRequest, lang: Lang): Promise<string> {
  const raw = Object.fromEntries(
    Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v !== ''),
  );
  const q = parseInput(inboxQuery, raw);
  const [page, categories, places, agencies] = await Promise.all([
    listInbox(deps, req.scope, q),
    deps.models.Category.find().sort({ code: 1 }).lean(),
    deps.models.Jurisdiction.find(req.scope.all ? {} : { path: { $in: req.scope.roots } }).lean(),
    deps.models.Agency.find({ active: true }).sort({ name: 1 }).lean(),
  ]);
  places.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
  const catName = new Map(categories.map((c) => [c.code, c.name[lang]]));
  const placeName = new Map(places.map((p) => [p.code, p.name]));
  const sel = (a: string | undefined, b: string) => (a === b ? html` selected` : '');
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(raw as Record<string, string>), ...extra }).toString();
  const statusFilter = q.status?.[0];

  const body = html` <p>
      ${SUBMISSION_STATUSES.filter((s) => page.counts[s]).map(
        (s) =>
          html`<a href="/officer?${qs({ status: s })}"
              >${label(statusLabel, s, lang)}: <b>${page.counts[s]}</b></a
            >
            · `,
      )}
      <a href="/officer">${T.all[lang]}</a>
    </p>
    <form method="get" action="/officer" class="filters">
      <label for="q">${T.search[lang]}</label>
      <input type="text" id="q" name="q" value="${q.q ?? ''}" />
      <label for="status">${T.status[lang]}</label>
      <select id="status" name="status">
        <option value="">${T.all[lang]}</option>
        ${SUBMISSION_STATUSES.map((s) => html`<option value="${s}" ${sel(statusFilter, s)}>${label(statusLabel, s, lang)}</option>`)}
      </select>
      <label for="kind">${T.kind[lang]}</label>
      <select id="kind" name="kind">
        <option value="">${T.all[lang]}</option>
        <option value="petition" ${sel(q.kind, 'petition')}>${kindLabel.petition![lang]}</option>
        <option value="sentiment" ${sel(q.kind, 'sentiment')}>${kindLabel.sentiment![lang]}</option>
      </select>
      <label for="category">${T.category[lang]}</label>
      <select id="category" name="category">
        <option value="">${T.all[lang]}</option>
        ${categories.map((c) => html`<option value="${c.code}" ${sel(q.category, c.code)}>${c.name[lang]}</option>`)}
      </select>
      <label for="jurisdiction">${T.place[lang]}</label>
      <select id="jurisdiction" name="jurisdiction">
        <option value="">${T.all[lang]}</option>
        ${places.map((p) => html`<option value="${p.code}" ${sel(q.jurisdiction, p.code)}>${'\u00a0\u00a0'.repeat(p.depth)}${p.name}</option>`)}
      </select>
      <label for="from">${T.from[lang]}</label
      ><input type="date" id="from" name="from" value="${q.from ?? ''}" />
      <label for="to">${T.to[lang]}</label
      ><input type="date" id="to" name="to" value="${q.to ?? ''}" />
      <label
        ><input
          type="checkbox"
          name="overdue"
          value="true"
          ${q.overdue === 'true' ? html` checked` : ''}
        />
        ${T.overdue[lang]}</label
      >
      <label for="sort">↕</label>
      <select id="sort" name="sort">
        <option value="newest" ${sel(q.sort, 'newest')}>${T.newest[lang]}</option>
        <option value="oldest" ${sel(q.sort, 'oldest')}>${T.oldest[lang]}</option>
        <option value="due" ${sel(q.sort, 'due')}>${T.due[lang]}</option>
      </select>
      <button type="submit">${T.filter[lang]}</button>
    </form>
    <form method="post" action="/officer/bulk">
      <input type="hidden" name="_csrf" value="${csrfToken(req)}" />
      <table id="inbox" class="cards">
        <tr class="head">
          <th></th>
          <th>${T.code[lang]}</th>
          <th>${T.title[lang]}</th>
          <th>${T.status[lang]}</th>
          <th>${T.category[lang]}</th>
          <th>${T.place[lang]}</th>
          <th>${T.received[lang]}</th>
          <th>${T.dueBy[lang]}</th>
          <th>${T.supporters[lang]}</th>
        </tr>
        ${
          page.items.length === 0
            ? html`<tr>
                <td colspan="9">${T.none[lang]}</td>
              </tr>`
            : ''
        }
        ${page.items.map(
          (i) =>
            html`<tr>
              <td>
                <input type="checkbox" name="ids" value="${i.id}" aria-label="${i.trackingCode}" />
              </td>
              <td data-label="${T.code[lang]}">${i.trackingCode}</td>
              <td data-label="${T.title[lang]}">
                <a href="/officer/submissions/${i.id}">${i.title}</a>
                <small>${label(kindLabel, i.kind, lang)}</small>
              </td>
              <td data-label="${T.status[lang]}">${label(statusLabel, i.status, lang)}</td>
              <td data-label="${T.category[lang]}">
                ${catName.get(i.categoryCode) ?? i.categoryCode}
              </td>
              <td data-label="${T.place[lang]}">
                ${placeName.get(i.jurisdictionCode) ?? i.jurisdictionCode}
              </td>
              <td data-label="${T.received[lang]}">${formatDate(new Date(i.createdAt), lang)}</td>
              <td data-label="${T.dueBy[lang]}" ${i.overdue ? html` class="overdue"` : ''}>
                ${i.dueAt ? formatDate(new Date(i.dueAt), lang) : ''}
              </td>
              <td data-label="${T.supporters[lang]}">${i.supporterCount}</td>
            </tr>`,
        )}
      </table>
      ${page.nextCursor ? html`<p><a href="/officer?${qs({ cursor: page.nextCursor })}">${T.next[lang]}</a></p>` : ''}
      <fieldset>
        <legend>${T.withSelected[lang]}</legend>
        <select name="action" aria-label="${T.withSelected[lang]}">
          <option value="">${T.choose[lang]}</option>
          <option value="assign">${T.assign[lang]}</option>
          <option value="reject">${T.reject[lang]}</option>
          <option value="note">${T.addNote[lang]}</option>
          <option value="noted">${T.markNoted[lang]}</option>
        </select>
        <select name="agencyCode" aria-label="${T.agency[lang]}">
          <option value="">${T.choose[lang]}</option>
          ${agencies.map((a) => html`<option value="${a.code}">${a.name}</option>`)}
        </select>
        <select name="reasonCode" aria-label="${T.reason[lang]}">
          ${REJECT_REASONS.map((r) => html`<option value="${r}">${REJECT_REASON_LABEL[r]![lang]}</option>`)}
        </select>
        <input type="text" name="message" placeholder="${T.message[lang]} / ${T.note[lang]}" />
        <button type="submit">${T.apply[lang]}</button>
      </fieldset>
    </form>`;
  return layout({
    lang,
    title: T.inbox[lang],
    path: `/officer?${qs({})}`,
    body,
    nav: officerNav(req, lang),
  });
}

export async function detailPage(
  deps: Deps,
  req: OfficerRequest,
  lang: Lang,
  notice?: string,
  error?: string,
): Promise<string> {
  const doc = await findInScope(deps, req.scope, String(req.params.id));
  const [d, categories, agencies, place] = await Promise.all([
    submissionDetail(deps, req.scope, doc),
    deps.models.Category.find().sort({ code: 1 }).lean(),
    deps.models.Agency.find({ active: true }).sort({ name: 1 }).lean(),
    deps.models.Jurisdiction.findOne({ code: doc.jurisdictionCode }).lean(),
  ]);
  const csrf = csrfToken(req);
  const open = OPEN_STATUSES.includes(d.status);
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  const body = html` <p><a href="/officer">${T.back[lang]}</a></p>
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
    ${error ? html`<p class="errors" role="alert">${error}</p>` : ''}
    <table>
      <tr>
        <th>${T.code[lang]}</th>
        <td>${d.trackingCode}</td>
      </tr>
      <tr>
        <th>${T.kind[lang]}</th>
        <td>${label(kindLabel, d.kind, lang)}</td>
      </tr>
      <tr>
        <th>${T.status[lang]}</th>
        <td id="status">${label(statusLabel, d.status, lang)}</td>
      </tr>
      <tr>
        <th>${T.category[lang]}</th>
        <td>${categories.find((c) => c.code === d.categoryCode)?.name[lang] ?? d.categoryCode}</td>
      </tr>
      <tr>
        <th>${T.legalType[lang]}</th>
        <td>${d.legalType ? LEGAL[d.legalType]![lang] : '—'}</td>
      </tr>
      <tr>
        <th>${T.place[lang]}</th>
        <td>${place?.name ?? d.jurisdictionCode}</td>
      </tr>
      <tr>
        <th>${T.received[lang]}</th>
        <td>${formatDateTime(new Date(d.createdAt), lang)}</td>
      </tr>
      <tr>
        <th>${T.agency[lang]}</th>
        <td id="agency">${d.agencyCode ? (agencyName.get(d.agencyCode) ?? d.agencyCode) : '—'}</td>
      </tr>
      ${
        d.dueAt
          ? html`<tr>
              <th>${T.dueBy[lang]}</th>
              <td>${formatDate(new Date(d.dueAt), lang)}</td>
            </tr>`
          : ''
      }
      <tr>
        <th>${T.supporters[lang]}</th>
        <td id="supporters">${d.supporterCount}</td>
      </tr>
      <tr>
        <th>${T.contact[lang]}</th>
        <td>
          ${[d.submitter?.name, d.submitter?.email, d.submitter?.phone].filter(Boolean).join(' · ') || T.anonymous[lang]}
        </td>
      </tr>
    </table>
    <h2>${d.title}</h2>
    <div class="body">${d.body}</div>
    ${
      d.answer
        ? html`<h2>${T.answer[lang]}</h2>
            <div class="answer">${d.answer.text}</div>`
        : ''
    }
    ${d.resolution ? html`<p class="notice">${d.resolution.reasonCode}: ${d.resolution.message}</p>` : ''}
    ${
      open && d.duplicates.length
        ? html`<h2>${T.duplicates[lang]}</h2>
            <form method="post" action="/officer/submissions/${d.id}/merge">
              ${hidden}
              <table id="duplicates">
                <tr>
                  <th></th>
                  <th>${T.code[lang]}</th>
                  <th>${T.title[lang]}</th>
                  <th>${T.score[lang]}</th>
                </tr>
                ${d.duplicates.map(
                  (x) =>
                    html`<tr>
                      <td>
                        <input
                          type="checkbox"
                          name="duplicates"
                          value="${x.id}"
                          aria-label="${x.trackingCode}"
                        />
                      </td>
                      <td>${x.trackingCode}</td>
                      <td><a href="/officer/submissions/${x.id}">${x.title}</a></td>
                      <td>${x.score}</td>
                    </tr>`,
                )}
              </table>
              <button type="submit">${T.merge[lang]}</button>
            </form>`
        : ''
    }
    ${
      open && d.kind === 'petition'
        ? html`<h2>${T.assign[lang]}</h2>
            <form method="post" action="/officer/submissions/${d.id}/assign">
              ${hidden}
              <label for="agencyCode">${T.agency[lang]}</label>
              <select id="agencyCode" name="agencyCode">
                ${agencies.map((a) => html`<option value="${a.code}" ${a.code === d.agencyCode ? html` selected` : ''}>${a.name}</option>`)}
              </select>
              <label for="cooperating">${T.cooperating[lang]}</label>
              <select id="cooperating" name="cooperating" multiple size="4">
                ${agencies.map((a) => html`<option value="${a.code}">${a.name}</option>`)}
              </select>
              <button type="submit">${T.assign[lang]}</button>
            </form>`
        : ''
    }
    ${
      open && d.kind === 'sentiment'
        ? html`<form method="post" action="/officer/submissions/${d.id}/convert">
              ${hidden}<button type="submit">${T.convert[lang]}</button>
            </form>
            <form method="post" action="/officer/submissions/${d.id}/noted">
              ${hidden}<button type="submit">${T.markNoted[lang]}</button>
            </form>`
        : ''
    }
    ${
      open
        ? html`<h2>${T.classify[lang]}</h2>
            <form method="post" action="/officer/submissions/${d.id}/classify">
              ${hidden}
              <label for="categoryCode">${T.category[lang]}</label>
              <select id="categoryCode" name="categoryCode">
                <option value=""></option>
                ${categories.map((c) => html`<option value="${c.code}">${c.name[lang]}</option>`)}
              </select>
              <label for="legalType">${T.legalType[lang]}</label>
              <select id="legalType" name="legalType">
                <option value=""></option>
                ${LEGAL_TYPES.map((t) => html`<option value="${t}">${LEGAL[t]![lang]}</option>`)}
              </select>
              <label for="classify-message">${T.message[lang]}</label>
              <textarea id="classify-message" name="message"></textarea>
              <button type="submit">${T.classify[lang]}</button>
            </form>
            <h2>${T.reject[lang]}</h2>
            <form method="post" action="/officer/submissions/${d.id}/reject">
              ${hidden}
              <label for="reasonCode">${T.reason[lang]}</label>
              <select id="reasonCode" name="reasonCode">
                ${REJECT_REASONS.map((r) => html`<option value="${r}">${REJECT_REASON_LABEL[r]![lang]}</option>`)}
              </select>
              <label for="reject-message">${T.message[lang]}</label>
              <textarea id="reject-message" name="message" required minlength="10"></textarea>
              <button type="submit">${T.reject[lang]}</button>
            </form>`
        : ''
    }
    <h2>${T.notes[lang]}</h2>
    <ul id="notes">
      ${d.notes.map((n) => html`<li>${formatDateTime(new Date(n.at), lang)} — ${n.by}: ${n.text}</li>`)}
    </ul>
    <form method="post" action="/officer/submissions/${d.id}/notes">
      ${hidden}
      <label for="note-text">${T.note[lang]}</label>
      <textarea id="note-text" name="text" required></textarea>
      <button type="submit">${T.addNote[lang]}</button>
    </form>
    <h2>${T.history[lang]}</h2>
    <table id="history">
      ${d.history.map(
        (h) =>
          html`<tr>
            <td>${formatDateTime(h.at, lang)}</td>
            <td>${label(actionLabel, h.action, lang)}</td>
            <td>${h.actor.name ?? h.actor.kind}</td>
            <td>${h.note ? noteText(h.action, h.note, lang) : ''}</td>
          </tr>`,
      )}
    </table>`;
  return layout({
    lang,
    title: d.title,
    path: `/officer/submissions/${d.id}`,
    body,
    nav: officerNav(req, lang),
  });
}

/**
 * History notes written by the system in English words (routing's reasons,
 * classification's changes), in the page's language; other notes as written.
 */
export function noteText(action: string, note: string, lang: Lang): string {
  if (lang === 'en') return note;
  if (action === 'routing.unresolved') {
    if (note === 'no routing rule matches') return 'Không có quy tắc phân công nào phù hợp';
    const several = /^several rules match: (.*)$/.exec(note);
    if (several) return `Nhiều quy tắc phù hợp: ${several[1]}`;
    const inactive = /^agency (\S+) is not active$/.exec(note);
    if (inactive) return `Cơ quan ${inactive[1]} không còn hoạt động`;
  }
  if (action === 'triage.classified' || action === 'triage.redirected')
    return note
      .replace(/\bsource: /g, 'nguồn: ')
      .replace(/\bcategory: /g, 'lĩnh vực: ')
      .replace(/\blegal type: /g, 'loại đơn: ');
  return note;
}
