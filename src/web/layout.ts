import { html, type SafeHtml } from '../platform/html';
import type { Lang } from './i18n';

/**
 * The frame of every page: no scripts, no third-party resources, one small
 * stylesheet of our own. Pages work on old browsers and without JavaScript.
 */
export function layout(opts: {
  lang: Lang;
  title: string;
  path: string;
  body: SafeHtml;
  /** Links in place of the resident's (the officers' area has its own). */
  nav?: SafeHtml;
}): string {
  const other: Lang = opts.lang === 'vi' ? 'en' : 'vi';
  const sep = opts.path.includes('?') ? '&' : '?';
  return html`<!doctype html>
    <html lang="${opts.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · Tiếng Dân</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/">Tiếng Dân</a>
          <nav>
            ${
              opts.nav ??
              html`<a href="/">${opts.lang === 'vi' ? 'Gửi ý kiến' : 'Submit'}</a>
                <a href="/track">${opts.lang === 'vi' ? 'Tra cứu' : 'Track'}</a>
                <a href="/cong-khai">${opts.lang === 'vi' ? 'Công khai' : 'Transparency'}</a>`
            }
            <a href="${opts.path}${sep}lang=${other}" hreflang="${other}" lang="${other}"
              >${other === 'en' ? 'English' : 'Tiếng Việt'}</a
            >
          </nav>
        </header>
        <main>
          <h1>${opts.title}</h1>
          ${opts.body}
        </main>
        <footer>
          ${opts.lang === 'vi' ? 'Ủy ban Mặt trận Tổ quốc Việt Nam' : 'Vietnam Fatherland Front'}
        </footer>
      </body>
    </html>`.value;
}

export const SITE_CSS = `
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
header{display:flex;flex-wrap:wrap;gap:.3rem 1rem;justify-content:space-between;align-items:center;border-bottom:3px solid #c8102e;padding:.6rem 0}
header nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem}
header nav a,header nav form{display:inline}
main{overflow-wrap:anywhere}
header nav button{margin:0;padding:0;background:none;color:#00e;text-decoration:underline}
.brand{font-weight:700;color:#c8102e;text-decoration:none;font-size:1.25rem}
label{display:block;margin-top:.9rem;font-weight:600}
input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;padding:.45rem;font:inherit;box-sizing:border-box}
textarea{min-height:9rem}
button{margin-top:1rem;padding:.55rem 1.4rem;font:inherit;background:#c8102e;color:#fff;border:0;cursor:pointer}
.hint{color:#555;font-weight:400;font-size:.9rem}
.errors{border:2px solid #c8102e;padding:.5rem 1rem;background:#fff4f4}
.field-error{color:#b00020;font-weight:600;margin:.2rem 0}
[aria-invalid=true]{border:2px solid #b00020}
label.choice{font-weight:400;margin-top:.4rem}
fieldset{margin-top:.9rem}
.hint{margin:.1rem 0}
.notice{border:2px solid #1a7f37;padding:.5rem 1rem;background:#f2fbf4}
.code{font-size:1.6rem;font-weight:700;letter-spacing:.08em}
.answer{border-left:4px solid #1a7f37;padding-left:1rem;white-space:pre-wrap}
.body{white-space:pre-wrap;background:#f6f6f6;padding:.75rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #ddd;vertical-align:top}
td.overdue{color:#c8102e;font-weight:700}
.filters label{display:inline-block;margin-right:.3rem}.filters input,.filters select{width:auto}
footer{margin:2rem 0;color:#666;font-size:.85rem;border-top:1px solid #ddd;padding-top:.5rem}
@media (max-width:600px){table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
table.cards tr.head{display:none}table.cards tr{border:1px solid #ccc;margin:.6rem 0;padding:.4rem}
table.cards td{border:0;padding:.15rem .3rem}table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
.filters label,.filters input,.filters select{display:block;width:100%;box-sizing:border-box}.filters input[type=checkbox]{display:inline;width:auto}}
@media print{header nav,button{display:none}}
`;
