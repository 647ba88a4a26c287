// A poster for a service counter: the survey's QR code and link, printable; and one-time codes
// for services that require them (shown once, to print and hand out).
import { gql, mutate } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, $ } from "../dom.js";
import { t, fmtDateTime } from "../i18n.js";

export async function render(view) {
  const code = view.params.code;
  const { surveyService: service } = await gql(ops.SurveyPrint, { code });
  if (!view.alive) return;
  if (!service) {
    mount(view.root, html`<h1>${t("skmPrint.title")}</h1><div class="card"><p role="alert">${t("survey.notFound")}</p></div>`);
    return;
  }
  const link = service.surveyUrl;
  mount(view.root, html`<p class="back no-print"><a href="#/skm">${t("skmPrint.back")}</a></p>
    <section class="card poster" aria-labelledby="poster-h">
      <p class="poster-lead">${t("skmPrint.lead")}</p>
      <h1 id="poster-h">${t("survey.title")}</h1>
      <p class="poster-service"><strong>${service.name}</strong><br>${service.unitName}</p>
      <img class="qr" src="/survey/${encodeURIComponent(service.code)}/qr.svg" width="280" height="280"
        alt="${t("skmPrint.qrAlt", { name: service.name })}">
      <p>${t("skmPrint.scan")}</p>
      <p class="poster-link">${link}</p>
    </section>
    <p class="no-print"><button type="button" class="button primary" id="print">${t("skmPrint.print")}</button></p>
    ${service.requiresToken ? html`<section class="card no-print-empty" aria-labelledby="tokens-h">
      <h2 id="tokens-h">${t("skmPrint.tokens")}</h2><p class="no-print">${t("skmPrint.tokensLead")}</p>
      <form id="tokens-form" class="no-print" novalidate>
        <div class="field"><label for="tk-count">${t("skmPrint.count")}</label>
          <input id="tk-count" name="count" type="number" min="1" max="500" value="20" inputmode="numeric"></div>
        <p class="form-error" role="alert" id="tk-error"></p>
        <button type="submit" class="button">${t("skmPrint.issue")}</button>
      </form>
      <p role="status" id="tk-status"></p>
      <ol class="tokens" id="tokens"></ol>
    </section>` : ""}`);
  $("#print", view.root).addEventListener("click", () => window.print());
  const form = $("#tokens-form", view.root);
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const count = Number(new FormData(form).get("count"));
    const result = await mutate(ops.IssueSurveyTokens, { serviceCode: service.code, count }, "issueSurveyTokens");
    if (!view.alive) return;
    $("#tk-error", view.root).textContent = result.problem || "";
    if (result.problem) return;
    const { tokens, expiresAt } = result.data;
    $("#tk-status", view.root).textContent = t("skmPrint.issued", { count: tokens.length, date: fmtDateTime(expiresAt) });
    mount($("#tokens", view.root), html`${tokens.map((token) => html`<li><code>${token}</code></li>`)}`);
  });
}
