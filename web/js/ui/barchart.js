// A horizontal bar chart for report rows, drawn as SVG with attributes only (strict CSP). One or
// two series per row, negative values to the left of a zero line, suppressed rows as text. The
// SVG is one image with a summary for screen readers; the numbers themselves go in a table.
import { html } from "../dom.js";

const WIDTH = 320;
const LEFT = 4;
const VALUE_ROOM = 58;  // right of the longest bar: its value
const LABEL = 16;
const BAR = 12;
const BAR_GAP = 3;
const ROW_GAP = 10;

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * rows: [{ label, values: [number|null per series], suppressed }]; series: [{ label }];
 * `summary` names the image; `scaleMax` fixes the top of the scale (100 for percentages);
 * `format` writes a value; `suppressedText` stands in for a hidden group's bars.
 */
export function barChart({ id, rows, series, summary, scaleMax = null, format = String, suppressedText }) {
  const numbers = rows.flatMap((r) => (r.suppressed ? [] : r.values.filter((v) => v !== null)));
  const top = Math.max(scaleMax ?? 0, ...numbers, 0);
  const bottom = Math.min(0, ...numbers);
  const span = top - bottom || 1;
  const plot = WIDTH - LEFT - VALUE_ROOM;
  const x = (v) => LEFT + ((v - bottom) / span) * plot;
  const zero = x(0);
  const rowHeight = LABEL + series.length * (BAR + BAR_GAP) + ROW_GAP;
  const height = rows.length * rowHeight + 4;

  const drawn = rows.map((row, i) => {
    const y = 4 + i * rowHeight;
    const label = html`<text class="label" x="${LEFT}" y="${y + 12}">${truncate(row.label, 46)}</text>`;
    if (row.suppressed) {
      return html`<g class="bar-row suppressed">${label}
        <text class="value muted" x="${LEFT}" y="${y + LABEL + BAR}">${suppressedText}</text></g>`;
    }
    const bars = series.map((_, s) => {
      const value = row.values[s];
      const by = y + LABEL + s * (BAR + BAR_GAP);
      if (value === null || value === undefined) {
        return html`<text class="value" x="${zero + 3}" y="${by + BAR - 2}">–</text>`;
      }
      const start = Math.min(x(value), zero);
      const width = Math.abs(x(value) - zero);
      const negative = value < 0;
      const textX = negative ? zero + 3 : start + width + 3;
      return html`<rect class="report-bar s${s}${negative ? " negative" : ""}" x="${start.toFixed(2)}" y="${by}"
        width="${width.toFixed(2)}" height="${BAR}"/>
        <text class="value" x="${textX.toFixed(2)}" y="${by + BAR - 2}">${format(value)}</text>`;
    });
    return html`<g class="bar-row">${label}${bars}</g>`;
  });
  const axis = bottom < 0
    ? html`<line class="zero" x1="${zero.toFixed(2)}" x2="${zero.toFixed(2)}" y1="0" y2="${height}"/>` : "";

  return html`<svg class="report-chart" id="${id}" viewBox="0 0 ${WIDTH} ${height}" width="100%"
    role="img" aria-label="${summary}"><title>${summary}</title>${axis}${drawn}</svg>`;
}
