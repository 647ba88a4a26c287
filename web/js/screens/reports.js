// HR reports (BKPSDM, unit heads, supervisors): the questions HR asks every week as one-tap
// reports, a builder offering only the measure/group-by combinations the API can answer, one set
// of filters for both, and each answer as a bar chart, a table with totals and a CSV download.
import { gql, problemText } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, delegate, announce, focusElement, $, $$ } from "../dom.js";
import { t, fmtNumber } from "../i18n.js";
import { barChart } from "../ui/barchart.js";

const PRESETS = [
  {
    key: "staffing",
    measures: ["REQUIRED_HEADCOUNT", "HEADCOUNT", "STAFFING_GAP", "POSITIONS_WITHOUT_ABK"],
    groupBy: ["UNIT"],
    sort: [{ measure: "STAFFING_GAP", descending: true }],
    chart: ["REQUIRED_HEADCOUNT", "HEADCOUNT"],
  },
  {
    key: "gapByRank",
    measures: ["AVG_COMPETENCY_GAP", "EMPLOYEES_WITH_GAP", "JOB_PERSON_MATCH"],
    groupBy: ["RANK"],
    chart: ["AVG_COMPETENCY_GAP"],
  },
  {
    key: "jpRight",
    measures: ["JP_RIGHT_MET_SHARE", "EMPLOYEES_UNDER_20_JP", "JP_MISSING"],
    groupBy: ["UNIT"],
    sort: [{ measure: "JP_RIGHT_MET_SHARE" }],
    chart: ["JP_RIGHT_MET_SHARE"],
  },
  {
    key: "enrollments",
    measures: ["ENROLLMENTS"],
    groupBy: ["ENROLLMENT_STATUS"],
    chart: ["ENROLLMENTS"],
  },
];
// Measures drawn on one scale may share a chart; percentages run to 100.
const SCALE = {
  HEADCOUNT: "people", REQUIRED_HEADCOUNT: "people", STAFFING_GAP: "people", EMPLOYEES_WITH_GAP: "people",
  EMPLOYEES_UNDER_20_JP: "people", POSITIONS_WITHOUT_ABK: "positions", ENROLLMENTS: "enrollments",
  JOB_PERSON_MATCH: "percent", JP_RIGHT_MET_SHARE: "percent", AVG_COMPETENCY_GAP: "level",
  MAX_COMPETENCY_GAP: "level", JP_COMPLETED: "jp", JP_MISSING: "jp", MEDIAN_APPROVAL_HOURS: "hours",
  SURVEY_RESPONSES: "responses", IKM: "ikm",
};
const UP_TO_100 = new Set(["percent", "ikm"]);
// Dimensions with an order of their own: their rows read best in that order, not by size.
const ORDERED = new Set(["RANK", "YEAR", "MONTH", "AGE_BAND", "POSITION_LEVEL", "ENROLLMENT_STATUS"]);
const UNIT_LEVELS = ["1", "2", ""];
const THIS_YEAR = new Date().getFullYear();

// Kept while the app is open: coming back shows the same filters and report.
const state = { year: String(THIS_YEAR), unit: "", unitLevel: "1", current: null, custom: { measures: [], groupBy: "" } };

const measureTitle = (m, infos) => t(`reportMeasure.${m}`, {}, infos[m]?.title || m);
const dimensionTitle = (d) => t(`reportDim.${d}`, {}, d);

function forbidden(view) {
  mount(view.root, html`<h1>${t("reports.title")}</h1>
    <div class="card"><p role="alert" id="reports-forbidden">${t("reports.forbidden")}</p>
    <p><a class="button" href="#/">${t("reports.backHome")}</a></p></div>`);
}

/** The ReportInput of a report definition with the current filters. */
function inputFor(def, infos) {
  const input = { measures: [...def.measures], groupBy: [...def.groupBy] };
  if (def.groupBy.includes("UNIT") && state.unitLevel !== "") input.unitLevel = Number(state.unitLevel);
  if (state.unit) input.filters = [{ dimension: "UNIT", values: [state.unit] }];
  const yearBased = def.measures.some((m) => infos[m]?.dimensions.includes("YEAR"));
  if (yearBased && !def.groupBy.includes("YEAR")) input.year = Number(state.year);
  if (def.sort?.length) input.sort = def.sort;
  return input;
}

const csvHref = (input) => `/reports/export.csv?input=${encodeURIComponent(JSON.stringify(input))}`;

/** The builder's choice as a report definition (sorted by size unless the dimension has an order). */
function customDef() {
  const { measures, groupBy } = state.custom;
  const first = measures[0];
  const partner = measures.slice(1).find((m) => SCALE[m] === SCALE[first]);
  return {
    key: "custom",
    measures,
    groupBy: groupBy ? [groupBy] : [],
    sort: groupBy && !ORDERED.has(groupBy) ? [{ measure: first, descending: true }] : [],
    chart: partner ? [first, partner] : [first],
  };
}

function commonFacts(measures, infos) {
  return measures.reduce((facts, m) => facts.filter((f) => infos[m].facts.includes(f)), infos[measures[0]]?.facts || []);
}

/** Dimensions every chosen measure may be grouped by (the server refuses anything else). */
function groupOptions(measures, infos) {
  if (!measures.length) return [];
  return measures.reduce((dims, m) => dims.filter((d) => infos[m].dimensions.includes(d)), infos[measures[0]].dimensions);
}

function presetList() {
  return html`<ul class="preset-list">${PRESETS.map((p) => html`<li>
    <button type="button" class="preset" data-preset="${p.key}" aria-pressed="${state.current?.key === p.key}">
      <span class="preset-title">${t(`reports.preset.${p.key}`)}</span>
      <span class="preset-hint">${t(`reports.presetHint.${p.key}`)}</span></button></li>`)}</ul>`;
}

function filterForm(units) {
  const years = [0, 1, 2, 3, 4].map((n) => String(THIS_YEAR - n));
  return html`<form class="card filters" id="report-filters" aria-labelledby="filters-h">
    <h2 id="filters-h">${t("reports.filters")}</h2>
    <div class="field-row">
      <div class="field"><label for="rf-year">${t("reports.year")}</label>
        <select id="rf-year" name="year" aria-describedby="rf-hint">${years.map((y) => html`<option value="${y}" ${y === state.year ? "selected" : ""}>${y}</option>`)}</select></div>
      <div class="field"><label for="rf-level">${t("reports.unitLevel")}</label>
        <select id="rf-level" name="unitLevel" aria-describedby="rf-hint">${UNIT_LEVELS.map((l) => html`<option value="${l}" ${l === state.unitLevel ? "selected" : ""}>${t(`reports.level${l || "Own"}`)}</option>`)}</select></div>
    </div>
    <div class="field"><label for="rf-unit">${t("reports.unit")}</label>
      <select id="rf-unit" name="unit"><option value="">${t("reports.allUnits")}</option>
        ${units.map((u) => html`<option value="${u.value}" ${u.value === state.unit ? "selected" : ""}>${u.label}</option>`)}</select></div>
    <p class="hint" id="rf-hint">${t("reports.filtersHint")}</p>
  </form>`;
}

function builder(infos) {
  const chosen = state.custom.measures;
  return html`<details class="card builder" id="builder" ${state.current?.key === "custom" ? "open" : ""}>
    <summary>${t("reports.builder")}</summary>
    <form id="builder-form" novalidate>
      <fieldset class="measures" aria-describedby="rb-measures-hint"><legend>${t("reports.measures")}</legend>
        <p class="hint" id="rb-measures-hint">${t("reports.measuresHint")}</p>
        ${Object.keys(infos).map((m) => html`<div class="check"><input type="checkbox" id="rb-${m}" name="measure" value="${m}" ${chosen.includes(m) ? "checked" : ""}>
          <label for="rb-${m}">${measureTitle(m, infos)}</label></div>`)}
      </fieldset>
      <div class="field"><label for="rb-group">${t("reports.groupBy")}</label>
        <select id="rb-group" name="groupBy"></select></div>
      <p class="form-error" role="alert" id="builder-error"></p>
      <button type="submit" class="button primary">${t("reports.show")}</button>
    </form>
  </details>`;
}

/** Greys out what cannot go with the current choice, and offers only the dimensions that can. */
function syncBuilder(root, infos) {
  const chosen = state.custom.measures;
  for (const box of $$("input[name=measure]", root)) {
    const fits = chosen.includes(box.value) || !chosen.length || commonFacts([...chosen, box.value], infos).length > 0;
    box.disabled = !fits;
  }
  const options = groupOptions(chosen, infos);
  if (!options.includes(state.custom.groupBy)) state.custom.groupBy = options[0] || "";
  const select = $("#rb-group", root);
  select.disabled = !options.length;
  mount(select, options.length
    ? options.map((d) => html`<option value="${d}" ${d === state.custom.groupBy ? "selected" : ""}>${dimensionTitle(d)}</option>`)
    : html`<option value="">${t("reports.pickMeasure")}</option>`);
}

function valueText(v) {
  return v === null || v === undefined ? "–" : fmtNumber(v);
}

function table(report, infos, hidden) {
  const dims = report.dimensions;
  const measures = report.measures;
  const totals = report.totals;
  const hiddenCell = html`<td colspan="${measures.length}" class="suppressed">${hidden}</td>`;
  return html`<div class="table-wrap" role="region" aria-labelledby="report-caption" tabindex="0">
    <table class="report-table" id="report-table">
      <caption id="report-caption">${t("reports.tableCaption")}</caption>
      <thead><tr>${dims.map((d) => html`<th scope="col">${dimensionTitle(d)}</th>`)}${
        measures.map((m) => html`<th scope="col" class="num">${measureTitle(m, infos)}</th>`)}</tr></thead>
      <tbody>${report.rows.map((row) => html`<tr class="${row.suppressed ? "suppressed" : ""}">${
        row.cells.map((c, i) => (i === 0 ? html`<th scope="row">${c.label}</th>` : html`<td>${c.label}</td>`))}${
        row.suppressed ? hiddenCell : row.values.map((v) => html`<td class="num">${valueText(v.value)}</td>`)}</tr>`)}</tbody>
      <tfoot><tr>${dims.length ? html`<th scope="row" colspan="${dims.length}">${t("reports.total")}</th>` : ""}${
        totals.suppressed ? hiddenCell : totals.values.map((v) => html`<td class="num">${valueText(v.value)}</td>`)}</tr></tfoot>
    </table></div>`;
}

function chart(def, report, infos, hidden) {
  const charted = def.chart.filter((m) => report.measures.includes(m));
  const index = charted.map((m) => report.measures.indexOf(m));
  const rows = report.rows.map((row) => ({
    label: row.cells.map((c) => c.label).join(" · ") || t("reports.total"),
    suppressed: row.suppressed,
    values: index.map((i) => row.values[i].value),
  }));
  const names = charted.map((m) => measureTitle(m, infos));
  const visible = rows.filter((r) => !r.suppressed && r.values[0] !== null);
  const top = visible.reduce((best, r) => (best === null || r.values[0] > best.values[0] ? r : best), null);
  const summary = [
    t("reports.chartSummary", {
      measures: names.join(t("reports.and")),
      dimension: report.dimensions.map(dimensionTitle).join(", "),
      count: rows.length,
    }),
    top ? t("reports.chartTop", { label: top.label, value: fmtNumber(top.values[0]) }) : "",
    t("reports.chartTable"),
  ].filter(Boolean).join(" ");
  return html`<figure class="chart report-figure">
    ${charted.length > 1 ? html`<ul class="legend" aria-hidden="true">${names.map((n, s) => html`<li><span class="swatch s${s}"></span>${n}</li>`)}</ul>` : ""}
    ${barChart({
      id: "report-chart", rows, series: names, summary, format: fmtNumber, suppressedText: hidden,
      scaleMax: charted.every((m) => UP_TO_100.has(SCALE[m])) ? 100 : null,
    })}
  </figure>`;
}

function scopeLine(report, input, units) {
  const parts = [];
  if (report.years?.length) parts.push(t("reports.years", { years: report.years.join(", ") }));
  const unit = units.find((u) => u.value === state.unit);
  parts.push(unit ? unit.label : t("reports.allUnits"));
  if (input.groupBy.includes("UNIT")) {
    parts.push(t("reports.perLevel", { level: t(`reports.level${input.unitLevel ?? "Own"}`) }));
  }
  parts.push(t("reports.rowCount", { count: report.rowCount }));
  return parts.join(" · ");
}

function answer(def, report, input, infos, units) {
  const hidden = t("reports.suppressed", { n: report.minGroupSize });
  const anyHidden = report.rows.some((r) => r.suppressed);
  return html`<h2 id="result-h" data-report="${def.key}">${t(`reports.preset.${def.key}`)}</h2>
    <p class="meta" id="report-scope">${scopeLine(report, input, units)}</p>
    ${anyHidden ? html`<p class="notice">${t("reports.suppressedNote", { n: report.minGroupSize })}</p>` : ""}
    ${report.truncated ? html`<p class="notice">${t("reports.truncated", { shown: report.rows.length, count: report.rowCount })}</p>` : ""}
    ${report.rows.length ? html`${chart(def, report, infos, hidden)}${table(report, infos, hidden)}`
      : html`<p id="report-empty">${t("reports.empty")}</p>`}
    <p class="actions"><a class="button" id="report-csv" href="${csvHref(input)}" download>${t("reports.csv")}</a></p>`;
}

export async function render(view) {
  if (!view.app.canReport) { forbidden(view); return; }
  let infos;
  let units;
  try {
    const [catalog, unitReport] = await Promise.all([
      gql(ops.ReportMeasures),
      gql(ops.Report, { input: { measures: ["HEADCOUNT"], groupBy: ["UNIT"], unitLevel: 1, limit: 500 } }),
    ]);
    infos = Object.fromEntries(catalog.reportMeasures.map((m) => [m.measure, m]));
    const rows = unitReport.report.__typename === "Report" ? unitReport.report.rows : [];
    units = rows.map((r) => r.cells[0]).filter((c) => c.value)
      .sort((a, b) => a.label.localeCompare(b.label, "id"));
  } catch (failure) {
    if (failure.code === "FORBIDDEN") { forbidden(view); return; }
    throw failure;
  }
  if (!view.alive) return;
  if (state.unit && !units.some((u) => u.value === state.unit)) state.unit = "";

  mount(view.root, html`<h1>${t("reports.title")}</h1>
    <p class="lead">${t("reports.lead")}</p>
    <section class="card" aria-labelledby="presets-h"><h2 id="presets-h">${t("reports.presets")}</h2>${presetList()}</section>
    ${filterForm(units)}
    ${builder(infos)}
    <section class="card report-result" id="report-result" aria-labelledby="result-h" hidden></section>`);
  const result = $("#report-result", view.root);
  syncBuilder(view.root, infos);

  let asked = 0;
  async function run({ focus = false } = {}) {
    const def = state.current;
    if (!def) return;
    const input = inputFor(def, infos);
    const ticket = ++asked;
    result.hidden = false;
    result.setAttribute("aria-busy", "true");
    for (const button of $$("[data-preset]", view.root)) button.setAttribute("aria-pressed", String(button.dataset.preset === def.key));
    let message = null;
    let data = null;
    try {
      data = (await gql(ops.Report, { input })).report;
    } catch (failure) {
      message = failure.code === "FORBIDDEN" ? t("reports.forbidden") : problemText(failure);
    }
    if (!view.alive || ticket !== asked) return;
    result.removeAttribute("aria-busy");
    if (!message && data.__typename !== "Report") message = problemText(data);
    if (message) {
      mount(result, html`<h2 id="result-h">${t(`reports.preset.${def.key}`)}</h2>
        <p role="alert" class="form-error" id="report-error">${t("reports.failed")} ${message}</p>`);
      if (focus) focusElement($("#result-h", result));
      return;
    }
    mount(result, answer(def, data, input, infos, units));
    announce(t("reports.loaded", { title: t(`reports.preset.${def.key}`), count: data.rowCount }));
    if (focus) focusElement($("#result-h", result));
  }

  delegate(view.root, "click", "[data-preset]", (_, button) => {
    state.current = PRESETS.find((p) => p.key === button.dataset.preset);
    run({ focus: true });
  });

  $("#report-filters", view.root).addEventListener("change", (event) => {
    const { name, value } = event.target;
    if (name in state) state[name] = value;
    run();
  });
  $("#report-filters", view.root).addEventListener("submit", (event) => { event.preventDefault(); run(); });

  const form = $("#builder-form", view.root);
  form.addEventListener("change", (event) => {
    if (event.target.name === "measure") {
      state.custom.measures = $$("input[name=measure]:checked", form).map((box) => box.value);
      $("#builder-error", form).textContent = "";
    } else if (event.target.name === "groupBy") {
      state.custom.groupBy = event.target.value;
    }
    syncBuilder(view.root, infos);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!state.custom.measures.length) {
      $("#builder-error", form).textContent = t("reports.pickMeasure");
      $("input[name=measure]", form).focus();
      return;
    }
    state.current = customDef();
    run({ focus: true });
  });

  if (state.current) await run();
}
