// The public satisfaction survey (no sign-in): nine questions as radio groups, an optional
// profile and suggestion, sent in one mutation. Made for a phone at a service counter.
import { gql, mutate } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, $, $$, focusElement, announce } from "../dom.js";
import { t } from "../i18n.js";

const PROFILE = {
  gender: ["MALE", "FEMALE"],
  ageBand: ["UNDER_20", "AGE_20_29", "AGE_30_39", "AGE_40_49", "AGE_50_59", "AGE_60_PLUS"],
  education: ["SD", "SMP", "SMA", "DIPLOMA", "S1", "S2", "S3"],
  occupation: ["PNS", "TNI_POLRI", "PEGAWAI_SWASTA", "WIRAUSAHA", "PELAJAR_MAHASISWA", "LAINNYA"],
};

// The wording is the standard's; i18n.js holds it (and its English), the server's copy is the
// fallback (tests/web/test_survey_text.py keeps the two equal).
const questionText = (q) => t(`surveyQ.${q.code}`, {}, q.question);
const optionTexts = (q) => {
  const labels = t(`surveyA.${q.code}`, {}, "").split("|");
  return labels.length === 4 ? labels : q.options;
};

function question(q, index) {
  const id = `q-${q.code}`;
  return html`<fieldset class="card question" id="${id}" data-code="${q.code}">
    <legend><span class="question-number">${t("survey.question", { n: index + 1 })}</span>
      <span class="question-text">${questionText(q)}</span></legend>
    <div class="choices">${optionTexts(q).map((label, i) => html`
      <label class="choice"><input type="radio" name="${q.code}" value="${i + 1}" required>
        <span>${label}</span></label>`)}</div>
  </fieldset>`;
}

function profileSelect(name) {
  return html`<div class="field"><label for="p-${name}">${t(`survey.${name}`)}</label>
    <select id="p-${name}" name="${name}"><option value="">${t("survey.notSaid")}</option>
    ${PROFILE[name].map((v) => html`<option value="${v}">${t(`${name}.${v}`)}</option>`)}</select></div>`;
}

function form(service, token) {
  return html`<form id="survey-form" class="survey" novalidate>
    ${service.questions.map(question)}
    <details class="card"><summary>${t("survey.profile")}</summary>
      ${Object.keys(PROFILE).map(profileSelect)}</details>
    <div class="card">
      <div class="field"><label for="s-suggestion">${t("survey.suggestion")}</label>
        <textarea id="s-suggestion" name="suggestion" rows="3" maxlength="2000" aria-describedby="s-suggestion-hint"></textarea>
        <p class="hint" id="s-suggestion-hint">${t("survey.suggestionHint")}</p></div>
      ${service.requiresToken ? html`<div class="field"><label for="s-token">${t("survey.token")}</label>
        <input id="s-token" name="token" autocomplete="one-time-code" autocapitalize="characters" value="${token}" required aria-describedby="s-token-hint">
        <p class="hint" id="s-token-hint">${t("survey.tokenHint")}</p></div>` : ""}
      <div class="hp" aria-hidden="true"><label for="s-website">${t("survey.honeypot")}</label>
        <input id="s-website" name="website" tabindex="-1" autocomplete="off"></div>
      <p class="form-error" role="alert" id="survey-error"></p>
      <button type="submit" class="button primary block">${t("survey.submit")}</button>
    </div>
  </form>`;
}

export async function render(view) {
  const code = view.params.code;
  const { surveyService: service } = await gql(ops.SurveyForm, { code });
  if (!view.alive) return;
  if (!service || !service.accepting) {
    mount(view.root, html`<h1>${t("survey.title")}</h1>
      <div class="card"><p role="alert">${t(service ? "survey.closed" : "survey.notFound")}</p></div>`);
    return;
  }
  const token = view.query.get("kode") || "";
  mount(view.root, html`<header class="survey-head">
      <h1>${t("survey.title")}</h1>
      <p class="survey-service"><strong>${service.name}</strong><br>${service.unitName}</p>
      <p class="muted">${t("survey.lead")}</p>
    </header>${form(service, token)}`);
  const element = $("#survey-form", view.root);
  const error = $("#survey-error", view.root);

  element.addEventListener("change", (event) => {
    const group = event.target.closest("fieldset.question");
    if (group) group.classList.remove("unanswered");
  });

  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(element);
    const answers = service.questions.map((q) => Number(data.get(q.code) || 0));
    const missing = service.questions.filter((q, i) => !answers[i]);
    $$("fieldset.question", element).forEach((f) => f.classList.toggle("unanswered", missing.some((q) => q.code === f.dataset.code)));
    if (missing.length) {
      error.textContent = t("survey.missing", { count: missing.length });
      $(`#q-${missing[0].code} input`, element).focus();
      return;
    }
    const profile = {};
    for (const name of Object.keys(PROFILE)) if (data.get(name)) profile[name] = data.get(name);
    const input = {
      serviceCode: service.code, answers, profile,
      suggestion: data.get("suggestion") || "", website: data.get("website") || "",
    };
    if (service.requiresToken) input.token = data.get("token") || "";
    const button = $("button[type=submit]", element);
    button.disabled = true;
    button.textContent = t("survey.sending");
    error.textContent = "";
    const result = await mutate(ops.SubmitSurvey, input, "submitSurvey");
    if (!view.alive) return;
    button.disabled = false;
    button.textContent = t("survey.submit");
    if (result.problem) {
      error.textContent = result.problem;
      if (result.code?.startsWith("TOKEN")) $("#s-token", element)?.focus();
      else if (result.code === "SUGGESTION_TOO_LONG") $("#s-suggestion", element).focus();
      else focusElement(error);
      return;
    }
    const done = result.data;
    mount(view.root, html`<section class="card survey-thanks" aria-labelledby="thanks-h">
      <h1 id="thanks-h">${t("survey.thanks")}</h1>
      <p role="status">${done.message}</p>
      <p class="muted">${done.service.name} · ${done.service.unitName}</p>
    </section>`);
    announce(done.message);
    focusElement($("h1", view.root));
  });
}
