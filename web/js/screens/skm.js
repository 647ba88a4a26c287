// The survey for HR and unit heads: IKM and grade of a period with the weakest elements, per
// service, the QR posters, and the follow-up actions with their status and before/after IKM.
import { gql, mutate } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, fragment, delegate, announce, $ } from "../dom.js";
import { t, fmtDate, fmtNumber } from "../i18n.js";
import { openDialog } from "../ui/dialog.js";

const ELEMENTS = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"];
const iso = (d) => d.toISOString().slice(0, 10);
// Kept while the app is open: coming back shows the same period.
const period = { from: `${new Date().getFullYear()}-01-01`, to: iso(new Date()) };

const gradeBadge = (r) => html`<span class="badge grade grade-${r.grade}">${t("skm.grade", { grade: r.grade, label: r.gradeLabel })}</span>`;
const ikmText = (w) => (w?.result ? `${fmtNumber(w.result.ikm)} (${w.result.grade}, n=${w.result.respondents})` : t("skm.none"));

function overall(r) {
  if (!r) return html`<section class="card" id="ikm-overall"><h2>${t("skm.ikm")}</h2><p>${t("skm.noData")}</p></section>`;
  const names = Object.fromEntries(r.elements.map((e) => [e.code, e.name]));
  return html`<section class="card" id="ikm-overall" aria-labelledby="ikm-h">
    <h2 id="ikm-h">${t("skm.ikm")}</h2>
    <p class="ikm-value"><strong>${fmtNumber(r.ikm)}</strong> ${gradeBadge(r)}</p>
    <p class="muted">${t("skm.respondents", { count: r.respondents })}</p>
    <p id="weakest"><strong>${t("skm.weakest")}:</strong> ${r.weakestElements.map((c) => `${c} ${names[c]}`).join(", ")}</p>
    <h3 class="h3">${t("skm.elements")}</h3>
    <ul class="plain-list elements">${r.elements.map((e) => html`<li class="${e.weakest ? "weak" : ""}">
      <span class="element-name">${e.code} ${e.name}</span>
      <span class="element-nrr">${fmtNumber(e.nrr)}${e.needsAttention ? html` <span class="badge status">${t("skm.attention")}</span>` : ""}</span>
      <meter min="1" max="4" low="3.06" optimum="4" value="${e.nrr}" aria-label="${e.code} ${e.name}: ${e.nrr}"></meter></li>`)}</ul>
  </section>`;
}

function perService(data) {
  const rows = data.surveyResults.groups;
  return html`<section class="card" aria-labelledby="svc-h"><h2 id="svc-h">${t("skm.perService")}</h2>
    ${rows.length ? html`<ul class="plain-list">${rows.map((g) => html`<li class="item"><strong>${g.label}</strong><br>
      ${fmtNumber(g.result.ikm)} ${gradeBadge(g.result)} <span class="muted">${t("skm.respondents", { count: g.result.respondents })}</span></li>`)}</ul>`
      : html`<p>${t("skm.noData")}</p>`}
    <p><a class="button" href="${data.surveyResults.csvUrl}" download>${t("skm.csv")}</a></p>
    <h3 class="h3">${t("skm.services")}</h3>
    <ul class="plain-list">${data.surveyServices.edges.map(({ node: s }) => html`<li class="item">
      ${s.name} <span class="muted">· ${s.unit.name}${s.active ? "" : ` · ${t("skm.inactive")}`}</span>
      <a href="#/skm/cetak/${encodeURIComponent(s.code)}">${t("skm.print")}<span class="sr-only">: ${s.name}</span></a></li>`)}</ul>
  </section>`;
}

function action(a) {
  const next = a.status === "OPEN" ? "start" : a.status === "IN_PROGRESS" ? "finish" : null;
  return html`<li class="card follow-up" data-action-id="${a.id}">
    <p class="item-head"><strong>${a.title}</strong>
      <span class="badge status follow-up-${a.status}">${t(`followUp.${a.status}`)}</span>
      ${a.overdue ? html`<span class="badge">${t("skm.overdue")}</span>` : ""}</p>
    <p class="meta">${a.service?.name || a.unit.name}${a.element ? ` · ${a.element}` : ""} · ${t("skm.dueOn", { date: fmtDate(a.dueOn) })}</p>
    <p class="meta">${t("skm.ownerIs", { name: a.owner.fullName })}</p>
    ${a.evidence ? html`<p class="note">${a.evidence}</p>` : ""}
    <p class="meta">${t("skm.before", { value: ikmText(a.ikmBefore) })}<br>${a.ikmAfter
      ? html`${t("skm.after", { value: ikmText(a.ikmAfter) })} ${a.ikmAfter.complete ? "" : t("skm.filling")}`
      : t("skm.afterPending")}</p>
    ${next ? html`<div class="actions"><button type="button" class="button small" data-move="${next}" data-id="${a.id}">${t(`skm.${next}`)}<span class="sr-only">: ${a.title}</span></button></div>` : ""}
  </li>`;
}

function actionForm(data, weakest) {
  const services = data.surveyServices.edges.map((e) => e.node);
  const names = Object.fromEntries((data.surveyResults.overall?.elements || []).map((e) => [e.code, e.name]));
  const inTwoWeeks = iso(new Date(Date.now() + 14 * 864e5));
  return html`
    <div class="field"><label for="fa-title">${t("skm.actionTitle")}</label><input id="fa-title" name="title" required maxlength="200"></div>
    <div class="field"><label for="fa-service">${t("skm.service")}</label><select id="fa-service" name="serviceId">
      ${services.map((s) => html`<option value="${s.id}">${s.name} (${s.unit.name})</option>`)}</select></div>
    <div class="field"><label for="fa-element">${t("skm.element")}</label><select id="fa-element" name="element">
      <option value="">${t("skm.anyElement")}</option>
      ${ELEMENTS.map((c) => html`<option value="${c}" ${c === weakest ? "selected" : ""}>${c} ${names[c] || ""}</option>`)}</select></div>
    <div class="field"><label for="fa-owner">${t("skm.owner")}</label><input id="fa-owner" name="ownerNip" inputmode="numeric" required></div>
    <div class="field"><label for="fa-due">${t("skm.due")}</label><input id="fa-due" name="dueOn" type="date" value="${inTwoWeeks}" required></div>
    <div class="field"><label for="fa-desc">${t("skm.description")}</label><textarea id="fa-desc" name="description" rows="3"></textarea></div>`;
}

export async function render(view) {
  mount(view.root, html`<h1>${t("skm.title")}</h1>
    <form class="card filters" id="skm-period" aria-label="${t("skm.period")}">
      <div class="field-row">
        <div class="field"><label for="skm-from">${t("skm.from")}</label><input id="skm-from" name="from" type="date" value="${period.from}"></div>
        <div class="field"><label for="skm-to">${t("skm.to")}</label><input id="skm-to" name="to" type="date" value="${period.to}"></div>
      </div>
      <p class="form-error" role="alert" id="skm-error"></p>
      <button type="submit" class="button primary">${t("skm.show")}</button>
    </form>
    <div id="skm-body" aria-live="polite"></div>`);
  const body = $("#skm-body", view.root);
  let data = null;

  async function load() {
    try {
      data = await gql(ops.SurveyDashboard, { from: period.from, to: period.to });
    } catch (failure) {
      $("#skm-error", view.root).textContent = failure.message;
      return;
    }
    if (!view.alive) return;
    const actions = data.followUpActions;
    mount(body, html`${overall(data.surveyResults.overall)}${perService(data)}
      <section aria-labelledby="fa-h"><h2 id="fa-h">${t("skm.actions")}</h2>
        <p class="count" id="fa-count">${actions.totalCount ? t("skm.actionsCount", { count: actions.totalCount }) : t("skm.noActions")}</p>
        <p><button type="button" class="button primary" data-add ${data.surveyServices.edges.length ? "" : "disabled"}>${t("skm.addAction")}</button></p>
        <ul class="cards" id="follow-ups">${actions.edges.map(({ node }) => action(node))}</ul></section>`);
  }

  $("#skm-period", view.root).addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    period.from = form.get("from") || period.from;
    period.to = form.get("to") || period.to;
    load();
  });

  delegate(view.root, "click", "[data-add]", () => {
    const weakest = data.surveyResults.overall?.weakestElements[0] || "";
    openDialog({
      title: t("skm.addAction"), body: actionForm(data, weakest), submitLabel: t("skm.save"),
      onSubmit: async (form) => {
        const input = Object.fromEntries([...form.entries()].filter(([, v]) => v !== ""));
        const result = await mutate(ops.CreateFollowUpAction, input, "createFollowUpAction");
        if (result.problem) return result.problem;
        $("#follow-ups", view.root).prepend(fragment(action(result.data.action)));
        announce(t("skm.added"));
      },
    });
  });

  delegate(view.root, "click", "[data-move]", async (_, button) => {
    const replace = (updated) => {
      view.root.querySelector(`[data-action-id="${CSS.escape(updated.id)}"]`).replaceWith(fragment(action(updated)));
      announce(t("skm.updated", { status: t(`followUp.${updated.status}`) }));
    };
    if (button.dataset.move === "start") {
      const result = await mutate(ops.UpdateFollowUpAction, { actionId: button.dataset.id, status: "IN_PROGRESS" }, "updateFollowUpAction");
      if (result.problem) announce(result.problem);
      else replace(result.data.action);
      return;
    }
    openDialog({
      title: t("skm.finish"),
      body: html`<div class="field"><label for="fa-evidence">${t("skm.evidence")}</label>
        <textarea id="fa-evidence" name="evidence" rows="3" required aria-describedby="fa-evidence-hint"></textarea>
        <p class="hint" id="fa-evidence-hint">${t("skm.evidenceHint")}</p></div>`,
      submitLabel: t("skm.finish"),
      onSubmit: async (form) => {
        const input = { actionId: button.dataset.id, status: "DONE", evidence: form.get("evidence") || "" };
        const result = await mutate(ops.UpdateFollowUpAction, input, "updateFollowUpAction");
        if (result.problem) return result.problem;
        replace(result.data.action);
      },
    });
  });

  await load();
}
