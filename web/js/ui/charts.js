// Charts drawn as SVG with attributes only (no style attributes, so a strict CSP holds). Each has
// a screen-reader name; the competency chart also comes with a visually hidden data table.
import { html } from "../dom.js";
import { t } from "../i18n.js";

const clamp = (n, lo, hi) => Math.max(lo, Math.min(hi, n));

/** A thin horizontal bar for a percentage; `label` names it for screen readers. */
export function progressBar(percent, label) {
  const width = clamp(Math.round(percent), 0, 100);
  return html`<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${label}">
    <rect class="bar-track" width="100" height="8"/><rect class="bar-fill" width="${width}" height="8"/></svg>`;
}

/** Completed and planned JP against the yearly right (20 JP), with a marker at the right. */
export function planBar(plan) {
  const scale = Math.max(plan.rightJp, plan.completedJp, plan.plannedJp, 1);
  const done = (clamp(plan.completedJp, 0, scale) / scale) * 100;
  const planned = (clamp(Math.max(plan.plannedJp - plan.completedJp, 0), 0, scale - plan.completedJp) / scale) * 100;
  const mark = (plan.rightJp / scale) * 100;
  const label = t("plan.barLabel", { done: plan.completedJp, planned: plan.plannedJp, right: plan.rightJp });
  return html`<svg class="bar bar-lg" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label="${label}">
    <rect class="bar-track" width="100" height="12"/>
    <rect class="bar-planned" x="${done}" width="${planned}" height="12"/>
    <rect class="bar-fill" width="${done}" height="12"/>
    <rect class="bar-mark" x="${Math.min(mark, 99.4)}" width="0.6" height="12"/></svg>`;
}

const LEVELS = 5;
const ROW = 50;
const LEFT = 6;
const PLOT = 240;
const WIDTH = 320;

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Required vs assessed level (0-5) per competency, the gap marked; plus a hidden table. */
export function competencyChart(profile, captionId) {
  const items = profile.items.filter((i) => i.required !== null || i.assessed !== null);
  if (!items.length) return html`<p class="muted">${t("competency.none")}</p>`;
  const height = items.length * ROW + 20;
  const x = (level) => LEFT + (level / LEVELS) * PLOT;
  const summary = t("competency.chartSummary", { met: profile.requirementsMet, total: profile.requirementsTotal });
  const grid = [0, 1, 2, 3, 4, 5].map((lv) => html`
    <line class="grid" x1="${x(lv)}" x2="${x(lv)}" y1="14" y2="${height}"/>
    <text class="axis" x="${x(lv)}" y="10" text-anchor="middle">${lv}</text>`);
  const rows = items.map((item, i) => {
    const y = 20 + i * ROW;
    const name = `${item.competency.code} ${item.competency.name}`;
    const status = item.required === null ? t("competency.notRequired")
      : item.met ? t("competency.met") : t("competency.gapShort", { gap: item.gap });
    const tooltip = t("competency.rowLabel", {
      name, required: item.required ?? "–", assessed: item.assessed ?? t("competency.notAssessed"), status,
    });
    return html`<g class="${item.required !== null && !item.met ? "row gap" : "row"}"><title>${tooltip}</title>
      <text class="label" x="${LEFT}" y="${y + 11}">${truncate(name, 44)}</text>
      ${item.required !== null ? html`<rect class="required" x="${LEFT}" y="${y + 16}" width="${x(item.required)}" height="10"/>` : ""}
      <rect class="assessed" x="${LEFT}" y="${y + 29}" width="${x(item.assessed ?? 0)}" height="10"/>
      <text class="status" x="${WIDTH}" y="${y + 38}" text-anchor="end">${status}</text></g>`;
  });
  return html`<figure class="chart" aria-labelledby="${captionId}">
    <figcaption id="${captionId}">${summary}</figcaption>
    <ul class="legend" aria-hidden="true">
      <li><span class="swatch required"></span>${t("competency.required")}</li>
      <li><span class="swatch assessed"></span>${t("competency.assessedMet")}</li>
      <li><span class="swatch gap"></span>${t("competency.assessedGap")}</li>
    </ul>
    <svg class="competency-chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${summary}">
      ${grid}${rows}
    </svg>
    <div class="sr-only"><table>
      <caption>${t("competency.tableCaption")}</caption>
      <thead><tr><th scope="col">${t("competency.name")}</th><th scope="col">${t("competency.required")}</th>
        <th scope="col">${t("competency.assessed")}</th><th scope="col">${t("competency.gap")}</th></tr></thead>
      <tbody>${items.map((item) => html`<tr><th scope="row">${item.competency.code} ${item.competency.name}</th>
        <td>${item.required ?? t("competency.notRequired")}</td><td>${item.assessed ?? t("competency.notAssessed")}</td>
        <td>${item.required === null ? "–" : item.met ? t("competency.met") : item.gap}</td></tr>`)}</tbody>
    </table></div>
  </figure>`;
}
