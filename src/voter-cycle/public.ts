import { Router, type Request } from 'express';
import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import { html } from '../platform/html';
import { pickLang } from '../web/i18n';
import { layout } from '../web/layout';
import type { AdminDoc } from './documents';
import { reportBackPack } from './reports';
import { sendDocument } from './routes';
import { isId } from './service';

/**
 * The report-back pack (tài liệu báo cáo lại với cử tri) of a session for one
 * place: a public page and its DOCX and PDF. No personal data is in it: voters
 * are counted, never named.
 */
export function publicVoterRoutes(deps: Deps): Router {
  const router = Router();
  const load = async (req: Request) => {
    const sid = String(req.params.session);
    const s = isId(sid) ? await deps.models.VoterSession.findById(sid).lean() : null;
    const code = String(req.params.code);
    if (!s || !(await deps.reference.jurisdiction(code))) throw fail.notFound('report');
    return { s, code, doc: await reportBackPack(deps, s, code) };
  };
  router.get('/voters/report-back/:session/:code/pack.:ext', async (req, res) => {
    const { s, code, doc } = await load(req);
    await sendDocument(res, doc, `bao-cao-lai-${code}-ky-hop-${s.number}`, String(req.params.ext));
  });
  router.get('/voters/report-back/:session/:code', async (req, res) => {
    const lang = pickLang(req, res);
    const { doc } = await load(req);
    res.send(
      layout({
        lang,
        title: lang === 'vi' ? 'Kết quả trả lời kiến nghị cử tri' : 'Answers to voters’ petitions',
        path: req.path,
        body: packHtml(doc, req.path),
      }),
    );
  });
  return router;
}

function packHtml(d: AdminDoc, path: string) {
  return html`<p><strong>${d.summary}</strong></p>
    <p class="muted">${d.issuer.join(' — ')}, ${d.number}, ${d.placeDate}</p>
    ${d.intro.map((t) => html`<p>${t}</p>`)}
    <p class="downloads"><a href="${path}/pack.docx">DOCX</a> <a href="${path}/pack.pdf">PDF</a></p>
    ${d.sections.map(
      (s) =>
        html`<h2>${s.heading}</h2>
          ${s.groups.map(
            (g) =>
              html`<h3>${g.heading}</h3>
                <ul>
                  ${g.lines.map(
                    (l) =>
                      html`<li${l.alert ? html` class="overdue"` : ''}>
                        ${l.text} ${l.meta ? html`<br /><small>${l.meta}</small>` : ''}
                        ${l.alert ? html` <strong style="color:#c00000">${l.alert}</strong>` : ''}
                      </li>`,
                  )}
                </ul>`,
          )}`,
    )} `;
}
