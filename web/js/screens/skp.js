// SKP (PermenPANRB 6/2022): my plan of work results, or a direct subordinate's for their
// supervisor. The employee drafts results (cascaded from the supervisor's), indicators and action
// plans, then reports realisation with evidence; the supervisor agrees, rates and sees the
// predikat. A draft is fixed in place (edit, remove); an agreed plan only after the supervisor
// reopens it. Action plans are working plans: added, edited and removed until the SKP is
// evaluated. HR and indirect supervisors read only. The open page follows changes live.
import * as ops from "../ops.js";
import { html, raw, mount, delegate, announce, focusElement, $ } from "../dom.js";
import { t, fmtNumber, fmtDateTime } from "../i18n.js";
import { openDialog } from "../ui/dialog.js";
import { openPersonYear } from "../ui/person-year.js";
import { progressBar } from "../ui/charts.js";
import { field, fieldError, send, value, uid } from "../ui/forms.js";

const RATINGS = ["ABOVE", "AS_EXPECTED", "BELOW"];
const ASPECTS = ["QUANTITY", "QUALITY", "TIME", "QUALITATIVE"];
const KINDS = ["UTAMA", "TAMBAHAN"];
const QUARTERS = [1, 2, 3, 4];
const currentQuarter = () => Math.floor(new Date().getMonth() / 3) + 1;

const options = (values, label, selected) =>
  values.map((v) => html`<option value="${v}" ${String(v) === String(selected) ? "selected" : ""}>${label(v)}</option>`);

function target(ind) {
  if (ind.targetValue === null || ind.targetValue === undefined) return ind.targetText;
  return `${fmtNumber(ind.targetValue)} ${ind.unitLabel}`.trim();
}

function realisationLine(r, ind) {
  const amount = r.value !== null && r.value !== undefined ? `${fmtNumber(r.value)} ${ind.unitLabel}`.trim() : "";
  const link = /^https?:\/\//.test(r.evidenceUrl)
    ? html` · <a href="${r.evidenceUrl}" target="_blank" rel="noopener noreferrer">${t("skp.evidence")}<span class="sr-only"> ${t(`period.${r.period}`)}</span></a>` : "";
  return html`<li><strong>${t(`period.${r.period}`)}</strong>${amount ? `: ${amount}` : ""}${r.note ? html` · ${r.note}` : ""}${link}</li>`;
}

export async function render(view) {
  const opened = await openPersonYear(view, { titleKey: "skp.title", mineOp: ops.MySkp, employeeOp: ops.EmployeeSkp });
  if (!opened) return;
  const { year, back, load, supervising } = opened;
  const person = opened.person;
  const mine = person.nip === view.app.me.nip;
  let skp = person.skp;
  const parents = person.skpCascadeOptions;

  const can = () => {
    const status = skp?.status;
    const open = status !== "EVALUATED";
    return {
      addResult: (mine && (!skp || status === "DRAFT")) || (supervising && open),
      addIndicator: Boolean(skp) && ((mine && status === "DRAFT") || (supervising && open)),
      addAction: Boolean(skp) && (mine || supervising) && open,
      agree: supervising && status === "DRAFT",
      report: mine && status === "AGREED",
      review: supervising && status === "AGREED",
      revise: Boolean(skp) && status === "DRAFT" && (mine || supervising),
      reopen: supervising && status === "AGREED",
    };
  };
  // What the supervisor assigned stays his to change; its indicators are hers to fix too.
  const revisable = (r, allowed) => allowed.revise && (supervising || !r.assignedBySupervisor);

  const parentOptions = (selected) => html`<option value="">${t("skp.noParent")}</option>${parents.map((p) =>
    html`<option value="${p.id}" ${p.id === selected ? "selected" : ""}>${p.description}</option>`)}`;

  const resultForm = uid("rhk");
  mount(view.root, html`${back}
    <h1>${mine ? t("skp.title", { year }) : t("skp.titleOf", { year, name: person.fullName })}</h1>
    <section class="card" id="skp-summary" aria-labelledby="skp-summary-h"></section>
    <section class="card" id="skp-agree" aria-labelledby="skp-agree-h" hidden>
      <h2 id="skp-agree-h">${t("skp.agreeTitle")}</h2>
      <p class="hint">${t("skp.agreeLead")}</p>
      <form novalidate data-form="agree">
        ${field({ id: "agree-note", name: "note", label: t("skp.noteToEmployee"), control: "textarea" })}
        <p class="form-error" role="alert"></p>
        <button type="submit" class="button primary">${t("skp.agree")}</button>
      </form>
    </section>
    <section aria-labelledby="skp-results-h">
      <h2 id="skp-results-h">${t("skp.results")}</h2>
      <ol class="cards skp-results" id="skp-results"></ol>
    </section>
    <section class="card" id="skp-add-result" aria-labelledby="skp-add-h" hidden>
      <h2 id="skp-add-h">${t("skp.addResult")}</h2>
      <form novalidate data-form="result">
        <fieldset class="rating"><legend>${t("skp.kind")}</legend>
          <label><input type="radio" name="kind" value="UTAMA" checked> ${t("resultKind.UTAMA")}</label>
          <label><input type="radio" name="kind" value="TAMBAHAN"> ${t("resultKind.TAMBAHAN")}</label>
        </fieldset>
        ${field({ id: `${resultForm}-desc`, name: "description", label: t("skp.resultDescription"), control: "textarea", hint: t("skp.resultHint") })}
        ${field({
          id: `${resultForm}-parent`, name: "parentResultId", label: t("skp.parent"), control: "select",
          hint: parents.length ? t("skp.parentHint") : t("skp.noParents"),
          options: parentOptions(""),
        })}
        <p class="form-error" role="alert"></p>
        <button type="submit" class="button primary">${t("skp.saveResult")}</button>
      </form>
    </section>
    <section class="card" id="skp-review" aria-labelledby="skp-review-h" hidden>
      <h2 id="skp-review-h">${t("skp.reviewTitle")}</h2>
      <form novalidate data-form="review">
        ${field({ id: "review-period", name: "period", label: t("skp.period"), control: "select",
          options: html`${options(QUARTERS, (q) => t(`period.${q}`), currentQuarter())}<option value="0">${t("period.0")}</option>` })}
        ${["resultRating", "behaviourRating"].map((name) => html`
          <fieldset class="rating" aria-describedby="review-${name}-error"><legend>${t(`skp.${name}Legend`)}</legend>
            ${RATINGS.map((r) => html`<label><input type="radio" name="${name}" value="${r}"> ${t(`rating.${r}`)}</label>`)}
          </fieldset>${fieldError(`review-${name}`, name)}`)}
        ${field({ id: "review-feedback", name: "feedback", label: t("skp.feedback"), control: "textarea" })}
        <p class="form-error" role="alert"></p>
        <button type="submit" class="button primary">${t("skp.saveReview")}</button>
      </form>
    </section>
    <section class="card" id="skp-reopen" aria-labelledby="skp-reopen-h" hidden>
      <h2 id="skp-reopen-h">${t("skp.reopenTitle")}</h2>
      <p class="hint">${t("skp.reopenLead")}</p>
      <form novalidate data-form="reopen">
        ${field({ id: "reopen-note", name: "note", label: t("skp.reopenReason"), control: "textarea" })}
        <p class="form-error" role="alert"></p>
        <button type="submit" class="button">${t("skp.reopen")}</button>
      </form>
    </section>
    <section class="card" id="skp-reviews" aria-labelledby="skp-reviews-h"></section>
    <section class="card" id="skp-history"></section>`);

  function summary() {
    const latest = [...(skp?.reviews || [])].sort((a, b) => (a.reviewedAt < b.reviewedAt ? 1 : -1))[0];
    const yearly = skp?.reviews.find((r) => r.period === 0);
    const lead = !skp ? (mine ? t("skp.leadEmpty") : t("skp.none"))
      : skp.status === "DRAFT" ? (mine ? t("skp.leadDraft") : supervising ? t("skp.leadDraftSupervisor") : "")
        : skp.status === "AGREED" ? (mine ? t("skp.leadAgreed") : supervising ? t("skp.leadAgreedSupervisor") : "") : "";
    return html`<h2 id="skp-summary-h" class="sr-only">${t("skp.summary")}</h2>
      <dl class="facts">
        <div><dt>${t("skp.employee")}</dt><dd>${person.fullName}<br><span class="meta">NIP ${person.nipFormatted}</span></dd></div>
        <div><dt>${t("skp.appraiser")}</dt><dd>${person.supervisor?.fullName || "–"}</dd></div>
        <div><dt>${t("skp.status")}</dt><dd><span class="badge status skp-${(skp?.status || "none").toLowerCase()}" id="skp-status">${skp ? t(`skpStatus.${skp.status}`) : t("skp.notStarted")}</span></dd></div>
        ${latest ? html`<div><dt>${t("skp.predikat")}</dt><dd id="skp-predikat"><strong>${t(`predikat.${latest.predikat}`)}</strong> <span class="meta">(${t(`period.${latest.period}`)})</span></dd></div>` : ""}
        ${yearly ? html`<div><dt>${t("skp.resultRating")}</dt><dd>${t(`rating.${yearly.resultRating}`)}</dd></div>
          <div><dt>${t("skp.behaviourRating")}</dt><dd>${t(`rating.${yearly.behaviourRating}`)}</dd></div>` : ""}
      </dl>
      ${lead ? html`<p class="hint">${lead}</p>` : ""}`;
  }

  function indicatorItem(ind, allowed) {
    const hasProgress = ind.progress !== null && ind.progress !== undefined;
    const percent = hasProgress ? Math.round(ind.progress) : null;
    return html`<li class="indicator" data-indicator="${ind.id}">
      <p>${ind.description} <span class="muted">(${t(`aspect.${ind.aspect}`)})</span></p>
      <p class="meta">${t("skp.target")}: ${target(ind)}${hasProgress ? ` · ${t("skp.realised", { percent })}` : ""}</p>
      ${hasProgress ? progressBar(percent, t("skp.progressLabel", { description: ind.description, percent })) : ""}
      ${ind.realisations.length ? html`<ul class="plain-list realisations">${ind.realisations.map((r) => realisationLine(r, ind))}</ul>` : ""}
      ${allowed.report || allowed.revise ? html`<div class="actions">
        ${allowed.report ? html`<button type="button" class="button small" data-action="report" data-id="${ind.id}" data-key="report-${ind.id}">${t("skp.report")}<span class="sr-only">: ${ind.description}</span></button>` : ""}
        ${allowed.revise ? html`<button type="button" class="button small" data-action="edit-indicator" data-id="${ind.id}" data-key="edit-indicator-${ind.id}">${t("skp.edit")}<span class="sr-only">: ${ind.description}</span></button>
          <button type="button" class="button small danger" data-action="remove-indicator" data-id="${ind.id}" data-key="remove-indicator-${ind.id}">${t("skp.remove")}<span class="sr-only">: ${ind.description}</span></button>` : ""}
      </div>` : ""}
    </li>`;
  }

  // Who may add an action plan may correct or remove one: the same working plan.
  function actionPlanItem(a, allowed) {
    const subject = `${t(`period.${a.period}`)}: ${a.description}`;
    return html`<li class="action-plan" data-action-plan="${a.id}">
      <p><strong>${t(`period.${a.period}`)}</strong>: ${a.description}</p>
      ${allowed.addAction ? html`<div class="actions">
        <button type="button" class="button small" data-action="edit-action-plan" data-id="${a.id}" data-key="edit-action-${a.id}">${t("skp.edit")}<span class="sr-only">: ${subject}</span></button>
        <button type="button" class="button small danger" data-action="remove-action-plan" data-id="${a.id}" data-key="remove-action-${a.id}">${t("skp.remove")}<span class="sr-only">: ${subject}</span></button>
      </div>` : ""}
    </li>`;
  }

  function resultItem(r, allowed) {
    const revise = revisable(r, allowed);
    return html`<li class="card skp-result" data-result="${r.id}">
      <div class="item-head"><h3 class="h3">${r.description}</h3><span class="badge kind">${t(`resultKind.${r.kind}`)}</span></div>
      ${r.cascadedFrom ? html`<p class="meta">${t("skp.cascadedFrom")}: ${r.cascadedFrom.description}</p>` : ""}
      ${r.assignedBySupervisor ? html`<p class="meta">${t("skp.assigned")}</p>` : ""}
      <h4 class="h4">${t("skp.indicators")}</h4>
      ${r.indicators.length ? html`<ul class="plain-list">${r.indicators.map((i) => indicatorItem(i, allowed))}</ul>`
        : html`<p class="muted">${t("skp.noIndicators")}</p>`}
      ${r.actionPlans.length ? html`<h4 class="h4">${t("skp.actionPlans")}</h4>
        <ul class="plain-list">${[...r.actionPlans].sort((a, b) => a.period - b.period).map((a) => actionPlanItem(a, allowed))}</ul>` : ""}
      ${allowed.addIndicator || allowed.addAction || revise ? html`<div class="actions">
        ${allowed.addIndicator ? html`<button type="button" class="button small" data-action="indicator" data-id="${r.id}" data-key="indicator-${r.id}">${t("skp.addIndicator")}<span class="sr-only">: ${r.description}</span></button>` : ""}
        ${allowed.addAction ? html`<button type="button" class="button small" data-action="action-plan" data-id="${r.id}" data-key="action-${r.id}">${t("skp.addAction")}<span class="sr-only">: ${r.description}</span></button>` : ""}
        ${revise ? html`<button type="button" class="button small" data-action="edit-result" data-id="${r.id}" data-key="edit-result-${r.id}">${t("skp.edit")}<span class="sr-only">: ${r.description}</span></button>
          <button type="button" class="button small danger" data-action="remove-result" data-id="${r.id}" data-key="remove-result-${r.id}">${t("skp.remove")}<span class="sr-only">: ${r.description}</span></button>` : ""}
      </div>` : ""}
    </li>`;
  }

  function reviews() {
    const list = [...(skp?.reviews || [])].sort((a, b) => (a.period || 5) - (b.period || 5));
    return html`<h2 id="skp-reviews-h">${t("skp.reviews")}</h2>
      ${list.length ? html`<ul class="plain-list" id="skp-review-list">${list.map((r) => html`<li class="item" data-period="${r.period}">
        <div class="item-head"><strong>${t(`period.${r.period}`)}</strong><span class="badge predikat predikat-${r.predikat.toLowerCase()}">${t(`predikat.${r.predikat}`)}</span></div>
        <p class="meta">${t("skp.resultRating")}: ${t(`rating.${r.resultRating}`)} · ${t("skp.behaviourRating")}: ${t(`rating.${r.behaviourRating}`)}</p>
        ${r.feedback ? html`<p class="note">${t("skp.feedbackFrom")}: “${r.feedback}”</p>` : ""}
        <p class="meta">${fmtDateTime(r.reviewedAt)}</p></li>`)}</ul>`
        : html`<p class="muted">${t("skp.noReviews")}</p>`}`;
  }

  function history() {
    const entries = skp?.history || [];
    return html`<details class="disclosure"><summary>${t("skp.history", { count: entries.length })}</summary>
      <ol class="plain-list history">${[...entries].reverse().map((h) => html`<li>
        <strong>${t(`skpAction.${h.action}`, {}, h.action)}</strong> · ${h.actorName || t("enrollment.system")}
        <span class="meta">${fmtDateTime(h.at)}</span>${h.note ? html`<br><span class="meta">${h.note}</span>` : ""}</li>`)}</ol></details>`;
  }

  /** Redraws what depends on the SKP; keeps forms (and what is typed in them) and focus. */
  function draw() {
    const allowed = can();
    const focused = document.activeElement;
    const focusKey = focused?.dataset?.key;
    mount($("#skp-summary", view.root), summary());
    const list = $("#skp-results", view.root);
    mount(list, skp?.results.length ? skp.results.map((r) => resultItem(r, allowed))
      : html`<li class="card muted" id="skp-no-results">${t("skp.noResults")}</li>`);
    mount($("#skp-reviews", view.root), reviews());
    const historyOpen = $("#skp-history details", view.root)?.open;
    mount($("#skp-history", view.root), history());
    if (historyOpen) $("#skp-history details", view.root).open = true;
    $("#skp-agree", view.root).hidden = !allowed.agree;
    $("#skp-add-result", view.root).hidden = !allowed.addResult;
    $("#skp-review", view.root).hidden = !allowed.review;
    $("#skp-reopen", view.root).hidden = !allowed.reopen;
    $("#skp-reviews", view.root).hidden = !skp || (skp.status === "DRAFT" && !skp.reviews.length);
    // The focused element may have been replaced (the browser then reports <body> as active).
    if (focusKey && !focused.isConnected) {
      const again = view.root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again) again.focus();
    }
  }

  /** A new version of the SKP (from a mutation or live); says what changed when it is news. */
  function apply(next, live) {
    const before = skp;
    skp = next;
    draw();
    if (!live || !next) return;
    const newEntries = (next.history?.length || 0) - (before?.history?.length || 0);
    if (newEntries <= 0) return;
    if (before?.status !== next.status) announce(t("skp.nowStatus", { status: t(`skpStatus.${next.status}`) }));
    else announce(t("skp.updatedLive"));
  }
  draw();

  /** The indicator form's fields, filled in with `ind` when it is being edited. */
  const indicatorFields = (id, ind) => html`
    ${field({ id: `${id}-aspect`, name: "aspect", label: t("skp.aspect"), control: "select", options: options(ASPECTS, (a) => t(`aspectLabel.${a}`), ind?.aspect || "QUANTITY") })}
    ${field({ id: `${id}-desc`, name: "description", label: t("skp.indicatorDescription"), control: "textarea", value: ind?.description || "" })}
    <div class="field-row">
      ${field({ id: `${id}-value`, name: "targetValue", label: t("skp.targetValue"), value: ind?.targetValue ?? "", attrs: raw('inputmode="decimal" autocomplete="off"') })}
      ${field({ id: `${id}-unit`, name: "unitLabel", label: t("skp.unitLabel"), value: ind?.unitLabel || "", attrs: raw('maxlength="60" autocomplete="off"') })}
    </div>
    ${field({ id: `${id}-text`, name: "targetText", label: t("skp.targetText"), hint: t("skp.targetTextHint"), value: ind?.targetText || "" })}`;

  const indicatorInput = (data, form) => ({
    aspect: data.get("aspect"), description: data.get("description"),
    targetValue: value(form, "targetValue").replace(",", ".") || null,
    targetText: data.get("targetText"), unitLabel: data.get("unitLabel"),
  });

  /** A dialog whose opener the redraw replaced: focus goes to its new twin, else to `fallback`. */
  const refocusOnClose = (dialog, key, fallback) => dialog.addEventListener("close", () => {
    if (!view.alive) return;
    focusElement(view.root.querySelector(`[data-key="${CSS.escape(key)}"]`) || $(fallback, view.root));
  });

  const resultById = (id) => skp?.results.find((r) => r.id === id);
  const indicatorById = (id) => skp?.results.flatMap((r) => r.indicators).find((i) => i.id === id);
  const actionPlanById = (id) => skp?.results.flatMap((r) => r.actionPlans).find((a) => a.id === id);

  /** The action plan form's fields, filled in with `plan` when it is being edited. */
  const actionPlanFields = (id, plan) => html`
    ${field({ id: `${id}-period`, name: "period", label: t("skp.period"), control: "select", options: options(QUARTERS, (q) => t(`period.${q}`), plan?.period ?? currentQuarter()) })}
    ${field({ id: `${id}-desc`, name: "description", label: t("skp.actionDescription"), control: "textarea", value: plan?.description || "" })}`;

  // Add a work result (RHK).
  $("[data-form=result]", view.root).addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const input = {
      nip: person.nip, year, kind: form.elements.kind.value,
      description: form.elements.description.value,
      parentResultId: value(form, "parentResultId") || null,
    };
    const done = await send(form, ops.AddSkpResult, input, "addSkpResult");
    if (!done || !view.alive) return;
    form.elements.description.value = "";
    apply(done.skp, false);
    announce(t("skp.resultAdded"));
    const added = view.root.querySelector(`[data-result="${CSS.escape(done.result.id)}"] h3`);
    if (added) focusElement(added);
  });

  // Supervisor: agree the plan.
  $("[data-form=agree]", view.root).addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const done = await send(form, ops.AgreeSkp, { skpId: skp.id, note: form.elements.note.value }, "agreeSkp");
    if (!done || !view.alive) return;
    form.reset();
    apply(done.skp, false);
    announce(t("skp.agreed"));
    focusElement($("#skp-status", view.root));
  });

  // Supervisor: return an agreed plan to draft so that it can change, saying why.
  $("[data-form=reopen]", view.root).addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const done = await send(form, ops.ReopenSkp, { skpId: skp.id, note: form.elements.note.value }, "reopenSkp");
    if (!done || !view.alive) return;
    form.reset();
    apply(done.skp, false);
    announce(t("skp.reopened"));
    focusElement($("#skp-status", view.root));
  });

  // Supervisor: rate results and behaviour for a quarter or the year, with feedback.
  $("[data-form=review]", view.root).addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const missing = ["resultRating", "behaviourRating"].find((n) => !data.get(n));
    if (missing) {
      const slot = $(`[data-error-for=${missing}]`, form);
      slot.textContent = t("skp.pickRating");
      form.querySelector(`[name=${missing}]`).focus();
      return;
    }
    const input = {
      skpId: skp.id, period: Number(data.get("period")), resultRating: data.get("resultRating"),
      behaviourRating: data.get("behaviourRating"), feedback: data.get("feedback"),
    };
    const done = await send(form, ops.ReviewSkp, input, "reviewSkp");
    if (!done || !view.alive) return;
    form.elements.feedback.value = "";
    apply(done.skp, false);
    const review = done.skp.reviews.find((r) => r.period === input.period);
    announce(t("skp.reviewed", { predikat: review ? t(`predikat.${review.predikat}`) : "" }));
  });

  delegate(view.root, "click", "[data-action=indicator]", (_, button) => {
    const result = resultById(button.dataset.id);
    const id = uid("ind");
    openDialog({
      title: t("skp.addIndicator"),
      body: html`<p class="meta">${result.description}</p>${indicatorFields(id)}`,
      submitLabel: t("skp.saveIndicator"),
      onSubmit: async (data, form) => {
        const input = { resultId: result.id, ...indicatorInput(data, form) };
        const done = await send(form, ops.AddSkpIndicator, input, "addSkpIndicator");
        if (!done) return true;
        announce(t("skp.indicatorAdded"));
        await refresh(false);
      },
    });
  });

  delegate(view.root, "click", "[data-action=action-plan]", (_, button) => {
    const result = resultById(button.dataset.id);
    const id = uid("act");
    openDialog({
      title: t("skp.addAction"),
      body: html`<p class="meta">${result.description}</p>${actionPlanFields(id)}`,
      submitLabel: t("skp.saveAction"),
      onSubmit: async (data, form) => {
        const input = { resultId: result.id, period: Number(data.get("period")), description: data.get("description") };
        const done = await send(form, ops.AddSkpActionPlan, input, "addSkpActionPlan");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.actionAdded"));
      },
    });
  });

  delegate(view.root, "click", "[data-action=report]", (_, button) => {
    const ind = indicatorById(button.dataset.id);
    const id = uid("real");
    const quarter = currentQuarter();
    const earlier = ind.realisations.find((r) => r.period === quarter);
    const qualitative = ind.aspect === "QUALITATIVE";
    openDialog({
      title: t("skp.reportTitle"),
      body: html`<p class="meta">${ind.description} · ${t("skp.target")}: ${target(ind)}</p>
        ${field({ id: `${id}-period`, name: "period", label: t("skp.period"), control: "select", options: options(QUARTERS, (q) => t(`period.${q}`), quarter) })}
        ${qualitative ? "" : field({ id: `${id}-value`, name: "value", label: t("skp.realisedValue", { unit: ind.unitLabel || "" }), value: earlier?.value ?? "", attrs: raw('inputmode="decimal" autocomplete="off"') })}
        ${field({ id: `${id}-note`, name: "note", label: qualitative ? t("skp.realisedNoteRequired") : t("skp.realisedNote"), control: "textarea", value: earlier?.note || "" })}
        ${field({ id: `${id}-url`, name: "evidenceUrl", label: t("skp.evidenceUrl"), type: "url", hint: t("skp.evidenceHint"), value: earlier?.evidenceUrl || "", attrs: raw('inputmode="url" autocomplete="off"') })}`,
      submitLabel: t("skp.saveReport"),
      onSubmit: async (data, form) => {
        const input = {
          indicatorId: ind.id, period: Number(data.get("period")), note: data.get("note"),
          evidenceUrl: data.get("evidenceUrl"), value: qualitative ? null : value(form, "value").replace(",", ".") || null,
        };
        const done = await send(form, ops.ReportSkpRealisation, input, "reportSkpRealisation");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.reported"));
      },
    });
  });

  // Fix a draft: edit or remove a result or an indicator.
  delegate(view.root, "click", "[data-action=edit-result]", (_, button) => {
    const result = resultById(button.dataset.id);
    const id = uid("rhk-edit");
    const current = { kind: result.kind, description: result.description, parentResultId: result.cascadedFrom?.id || "" };
    const dialog = openDialog({
      title: t("skp.editResult"),
      body: html`${field({ id: `${id}-kind`, name: "kind", label: t("skp.kind"), control: "select", options: options(KINDS, (k) => t(`resultKind.${k}`), result.kind) })}
        ${field({ id: `${id}-desc`, name: "description", label: t("skp.resultDescription"), control: "textarea", value: result.description })}
        ${field({ id: `${id}-parent`, name: "parentResultId", label: t("skp.parent"), control: "select",
          hint: parents.length ? t("skp.parentHint") : t("skp.noParents"), options: parentOptions(current.parentResultId) })}`,
      submitLabel: t("skp.saveChanges"),
      onSubmit: async (data, form) => {
        // Only what was changed is sent: an untouched cascade is left as it is.
        const input = { resultId: result.id };
        for (const name of Object.keys(current)) {
          if (data.get(name) !== current[name]) input[name] = data.get(name) || null;
        }
        const done = await send(form, ops.EditSkpResult, input, "editSkpResult");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.resultEdited"));
      },
    });
    refocusOnClose(dialog, button.dataset.key, "#skp-results-h");
  });

  delegate(view.root, "click", "[data-action=remove-result]", (_, button) => {
    const result = resultById(button.dataset.id);
    const dialog = openDialog({
      title: t("skp.removeResult"),
      body: html`<p>${t("skp.removeResultLead", { description: result.description })}</p>`,
      submitLabel: t("skp.remove"),
      danger: true,
      onSubmit: async (_data, form) => {
        const done = await send(form, ops.RemoveSkpResult, { resultId: result.id }, "removeSkpResult");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.resultRemoved"));
      },
    });
    refocusOnClose(dialog, button.dataset.key, "#skp-results-h");
  });

  delegate(view.root, "click", "[data-action=edit-indicator]", (_, button) => {
    const ind = indicatorById(button.dataset.id);
    const dialog = openDialog({
      title: t("skp.editIndicator"),
      body: indicatorFields(uid("ind-edit"), ind),
      submitLabel: t("skp.saveChanges"),
      onSubmit: async (data, form) => {
        const input = { indicatorId: ind.id, ...indicatorInput(data, form) };
        const done = await send(form, ops.EditSkpIndicator, input, "editSkpIndicator");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.indicatorEdited"));
      },
    });
    refocusOnClose(dialog, button.dataset.key, "#skp-results-h");
  });

  delegate(view.root, "click", "[data-action=remove-indicator]", (_, button) => {
    const ind = indicatorById(button.dataset.id);
    const dialog = openDialog({
      title: t("skp.removeIndicator"),
      body: html`<p>${t("skp.removeIndicatorLead", { description: ind.description })}</p>`,
      submitLabel: t("skp.remove"),
      danger: true,
      onSubmit: async (_data, form) => {
        const done = await send(form, ops.RemoveSkpIndicator, { indicatorId: ind.id }, "removeSkpIndicator");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.indicatorRemoved"));
      },
    });
    refocusOnClose(dialog, button.dataset.key, "#skp-results-h");
  });

  // Action plans: corrected or removed until the SKP is evaluated.
  delegate(view.root, "click", "[data-action=edit-action-plan]", (_, button) => {
    const plan = actionPlanById(button.dataset.id);
    const dialog = openDialog({
      title: t("skp.editAction"),
      body: actionPlanFields(uid("act-edit"), plan),
      submitLabel: t("skp.saveChanges"),
      onSubmit: async (data, form) => {
        const input = { actionPlanId: plan.id, period: Number(data.get("period")), description: data.get("description") };
        const done = await send(form, ops.EditSkpActionPlan, input, "editSkpActionPlan");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.actionEdited"));
      },
    });
    refocusOnClose(dialog, button.dataset.key, "#skp-results-h");
  });

  delegate(view.root, "click", "[data-action=remove-action-plan]", (_, button) => {
    const plan = actionPlanById(button.dataset.id);
    const dialog = openDialog({
      title: t("skp.removeAction"),
      body: html`<p>${t("skp.removeActionLead", { description: plan.description, period: t(`period.${plan.period}`) })}</p>`,
      submitLabel: t("skp.remove"),
      danger: true,
      onSubmit: async (_data, form) => {
        const done = await send(form, ops.RemoveSkpActionPlan, { actionPlanId: plan.id }, "removeSkpActionPlan");
        if (!done) return true;
        apply(done.skp, false);
        announce(t("skp.actionRemoved"));
      },
    });
    refocusOnClose(dialog, button.dataset.key, "#skp-results-h");
  });

  async function refresh(live = true) {
    const again = await load().catch(() => null);
    if (again?.person && view.alive) apply(again.person.skp, live);
  }

  // Live: my supervisor assigns, agrees or rates (mine); my subordinate drafts or reports (theirs).
  if (mine) {
    view.subscribe(ops.MySkpChanged, { year }, (d) => apply(d.mySkpChanged.skp, true));
  } else if (supervising) {
    view.subscribe(ops.TeamSkpChanged, { year }, (d) => {
      if (d.teamChanged.employee.nip === person.nip) apply(d.teamChanged.skp, true);
    });
  }
  view.on("resync", () => refresh());
}
