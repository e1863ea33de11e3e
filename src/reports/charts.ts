import { html, type SafeHtml } from '../platform/html';

/**
 * Horizontal bar charts as inline SVG, drawn on the server: no script, no
 * third-party resource. Every bar carries its label and its value as text (the
 * colour means nothing on its own), so the chart reads the same in grey on
 * paper and to a screen reader (role="img" with a title and a description,
 * each bar a titled group).
 */
export interface Bar {
  label: string;
  /** Length of the bar, 0..max. */
  value: number;
  /** What is written after the bar (e.g. "82% (41/50)"). */
  text: string;
}

const WIDTH = 680;
const LABEL_W = 230;
const BAR_W = 330;
const ROW_H = 26;
const TOP = 8;

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function barChart(opts: {
  id: string;
  title: string;
  desc: string;
  bars: Bar[];
  /** The value of a full-length bar (default: the largest value). */
  max?: number;
  /** Guides drawn at these values, labelled (e.g. 50% and 100%). */
  guides?: { at: number; label: string }[];
}): SafeHtml {
  const max = opts.max ?? Math.max(1, ...opts.bars.map((b) => b.value));
  const height = TOP + opts.bars.length * ROW_H + 22;
  const x = (v: number) => LABEL_W + (Math.max(0, Math.min(v, max)) / max) * BAR_W;
  return html`<figure class="chart">
    <svg
      xmlns="http://www.w3.org/2000/svg"
      id="${opts.id}"
      role="img"
      aria-labelledby="${opts.id}-t ${opts.id}-d"
      viewBox="0 0 ${WIDTH} ${height}"
      width="100%"
      style="max-width:${WIDTH}px"
      font-family="system-ui, Arial, sans-serif"
      font-size="13"
    >
      <title id="${opts.id}-t">${opts.title}</title>
      <desc id="${opts.id}-d">${opts.desc}</desc>
      ${(opts.guides ?? []).map(
        (g) =>
          html`<line
              x1="${x(g.at)}"
              x2="${x(g.at)}"
              y1="${TOP - 4}"
              y2="${height - 18}"
              stroke="#888"
              stroke-dasharray="3 3"
            />
            <text x="${x(g.at)}" y="${height - 4}" text-anchor="middle" fill="#333">
              ${g.label}
            </text>`,
      )}
      ${opts.bars.map((b, i) => {
        const y = TOP + i * ROW_H;
        const w = Math.max(b.value > 0 ? 2 : 0, x(b.value) - LABEL_W);
        return html`<g class="bar" data-label="${b.label}" data-value="${b.value}">
          <title>${b.label}: ${b.text}</title>
          <text x="${LABEL_W - 8}" y="${y + 17}" text-anchor="end" fill="#1b1b1b">
            ${cut(b.label, 34)}
          </text>
          <rect
            x="${LABEL_W}"
            y="${y + 4}"
            width="${w}"
            height="${ROW_H - 8}"
            fill="#c8102e"
            stroke="#1b1b1b"
            stroke-width="0.5"
          />
          <text x="${LABEL_W + w + 6}" y="${y + 17}" fill="#1b1b1b">${b.text}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${opts.title}</figcaption>
  </figure>`;
}
