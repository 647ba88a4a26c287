// The yearly development plan against the 20 JP right: my items (pointing at my competency
// gaps), add/edit/drop, submit; or a direct subordinate's for their supervisor, who edits title
// and JP, drops, and agrees or returns it with a note. The open page follows changes live.
import { gql } from "../api.js";
import * as ops from "../ops.js";
import { html, raw, mount, delegate, announce, focusElement, $ } from "../dom.js";
import { t, fmtDateTime } from "../i18n.js";
import { openDialog } from "../ui/dialog.js";
import { openPersonYear } from "../ui/person-year.js";
import { planBar } from "../ui/charts.js";
import { field, send, value, uid } from "../ui/forms.js";

const METHODS = ["PELATIHAN", "SEMINAR", "WORKSHOP", "E_LEARNING", "COACHING", "MENTORING", "MAGANG",
  "BENCHMARKING", "PERTUKARAN", "BELAJAR_MANDIRI"];
const OPEN_ITEM = new Set(["PROPOSED", "AGREED"]);

const jp = (text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : 0);
const methodOptions = (selected, empty) => html`${empty ? html`<option value="">${empty}</option>` : ""}${METHODS.map((m) =>
  html`<option value="${m}" ${m === selected ? "selected" : ""}>${t(`method.${m}`)}</option>`)}`;

export async function render(view) {
  const opened = await openPersonYear(view, { titleKey: "plan.pageTitle", mineOp: ops.MyPlan, employeeOp: ops.EmployeePlan });
  if (!opened) return;
  const { year, back, load, supervising } = opened;
  let person = opened.person;
  const mine = person.nip === view.app.me.nip;
  let plan = person.trainingPlan;
  const courses = new Map();  // competency id -> courses that develop it (from the catalog)

  const ownerMayWrite = () => mine && plan.status !== "PROPOSED";
  const reviewing = () => supervising && (plan.status === "PROPOSED" || plan.status === "AGREED");
  const editable = (item) => (ownerMayWrite() && item.status === "PROPOSED") || (reviewing() && OPEN_ITEM.has(item.status));
  const gaps = () => person.competencyProfile.items.filter((i) => i.gap > 0);

  const add = uid("item");
  mount(view.root, html`${back}
    <h1>${mine ? t("plan.pageTitle", { year }) : t("plan.titleOf", { year, name: person.fullName })}</h1>
    <section class="card" id="plan-summary" aria-labelledby="plan-summary-h"></section>
    <section class="card" id="plan-submit" hidden aria-labelledby="plan-submit-h">
      <h2 id="plan-submit-h">${t("plan.submitTitle")}</h2>
      <form novalidate data-form="submit">
        <p class="hint">${t("plan.submitLead", { name: person.supervisor?.fullName || t("profile.supervisor") })}</p>
        <p class="form-error" role="alert"></p>
        <button type="submit" class="button primary">${t("plan.submit")}</button>
      </form>
    </section>
    <section class="card" id="plan-decide" hidden aria-labelledby="plan-decide-h">
      <h2 id="plan-decide-h">${t("plan.decideTitle")}</h2>
      <form novalidate data-form="decide">
        ${field({ id: "plan-note", name: "note", label: t("plan.decideNote"), control: "textarea", hint: t("plan.decideHint") })}
        <p class="form-error" role="alert"></p>
        <div class="actions">
          <button type="submit" class="button primary" name="decision" value="agree">${t("plan.agree")}</button>
          <button type="submit" class="button danger" name="decision" value="return">${t("plan.return")}</button>
        </div>
      </form>
    </section>
    <section aria-labelledby="plan-items-h">
      <h2 id="plan-items-h">${t("plan.items")}</h2>
      <ul class="cards" id="plan-items"></ul>
    </section>
    <section class="card" id="plan-gaps" aria-labelledby="plan-gaps-h" hidden></section>
    <section class="card" id="plan-add" aria-labelledby="plan-add-h" hidden>
      <h2 id="plan-add-h">${t("plan.addTitle")}</h2>
      <form novalidate data-form="add">
        ${field({ id: `${add}-comp`, name: "competencyId", label: t("plan.competency"), control: "select", options: raw("") })}
        ${field({ id: `${add}-course`, name: "courseId", label: t("plan.course"), control: "select", hint: t("plan.courseHint"),
          options: html`<option value="">${t("plan.ownActivity")}</option>` })}
        ${field({ id: `${add}-title`, name: "title", label: t("plan.itemTitle"), hint: t("plan.itemTitleHint"), attrs: raw('maxlength="255" autocomplete="off"') })}
        <div class="field-row">
          ${field({ id: `${add}-method`, name: "method", label: t("plan.method"), control: "select", options: methodOptions("", t("plan.methodFromCourse")) })}
          ${field({ id: `${add}-jp`, name: "plannedJp", label: t("plan.plannedJp"), type: "number", attrs: raw('inputmode="numeric" min="1" max="500"') })}
        </div>
        <p class="form-error" role="alert"></p>
        <button type="submit" class="button primary">${t("plan.addItem")}</button>
      </form>
    </section>`);
  const addForm = $("[data-form=add]", view.root);

  function summary() {
    const returned = mine && plan.status === "DRAFT" && plan.returnNote;
    return html`<h2 id="plan-summary-h" class="sr-only">${t("plan.summary")}</h2>
      <p><strong id="plan-progress">${t("plan.progress", { done: plan.completedJp, right: plan.rightJp })}</strong>
        ${plan.rightMet ? html`<span class="badge status status-enrolled">${t("plan.met")}</span>` : html`<span class="muted">${t("plan.remaining", { remaining: plan.remainingJp })}</span>`}</p>
      ${planBar(plan)}
      <ul class="legend" aria-hidden="true"><li><span class="swatch done"></span>${t("plan.done")}</li>
        <li><span class="swatch planned"></span>${t("plan.planned", { planned: plan.plannedJp })}</li></ul>
      <p>${t("plan.status")}: <span class="badge status plan-${plan.status.toLowerCase()}" id="plan-status">${t(`planStatus.${plan.status}`)}</span></p>
      ${plan.agreedBy && plan.agreedAt ? html`<p class="meta">${t("plan.agreedBy", { name: plan.agreedBy.fullName, at: fmtDateTime(plan.agreedAt) })}</p>` : ""}
      ${returned ? html`<p class="notice" id="plan-returned">${t("plan.returnedNote")}: “${plan.returnNote}”</p>` : ""}
      ${mine && plan.status === "PROPOSED" ? html`<p class="hint">${t("plan.waiting")}</p>` : ""}`;
  }

  function itemCard(i) {
    const allowed = editable(i);
    return html`<li class="card plan-item" data-item="${i.id}">
      <div class="item-head"><h3 class="h3">${i.title}</h3><span class="badge status item-${i.status.toLowerCase()}">${t(`planItemStatus.${i.status}`)}</span></div>
      <p class="meta">${t(`method.${i.method}`)} · ${i.plannedJp} JP${i.course ? ` · ${t("plan.fromCatalog")}` : ""}</p>
      ${i.competency ? html`<p class="meta">${t("plan.closesGap")}: ${i.competency.code} ${i.competency.name}</p>` : ""}
      ${i.proposedBy && i.proposedBy.fullName !== person.fullName ? html`<p class="meta">${t("plan.proposedBy", { name: i.proposedBy.fullName })}</p>` : ""}
      ${allowed ? html`<div class="actions">
        <button type="button" class="button small" data-action="edit" data-id="${i.id}" data-key="edit-${i.id}">${t("plan.edit")}<span class="sr-only">: ${i.title}</span></button>
        <button type="button" class="button small danger" data-action="drop" data-id="${i.id}" data-key="drop-${i.id}">${t("plan.drop")}<span class="sr-only">: ${i.title}</span></button>
      </div>` : ""}
    </li>`;
  }

  function gapList() {
    const list = gaps();
    return html`<h2 id="plan-gaps-h">${t("plan.gapsTitle")}</h2>
      ${list.length ? html`<ul class="plain-list">${list.map((g) => html`<li class="item gap-item">
        <div class="item-head"><span><strong>${g.competency.code} ${g.competency.name}</strong><br>
          <span class="meta">${t("plan.gapLine", { assessed: g.assessed ?? 0, required: g.required, gap: g.gap })}</span></span>
        ${ownerMayWrite() ? html`<button type="button" class="button small" data-action="plan-gap" data-id="${g.competency.id}">${t("plan.planGap")}<span class="sr-only">: ${g.competency.name}</span></button>` : ""}</div>
      </li>`)}</ul>` : html`<p class="muted">${t("plan.noGaps")}</p>`}`;
  }

  function competencyOptions() {
    const select = addForm.elements.competencyId;
    const chosen = select.value;
    mount(select, html`<option value="">${t("plan.noCompetency")}</option>${person.competencyProfile.items.map((i) =>
      html`<option value="${i.competency.id}" ${i.competency.id === chosen ? "selected" : ""}>${i.competency.code} ${i.competency.name}${i.gap > 0 ? ` (${t("competency.gapShort", { gap: i.gap })})` : ""}</option>`)}`);
  }

  function draw() {
    const focused = document.activeElement;
    const focusKey = focused?.dataset?.key;
    mount($("#plan-summary", view.root), summary());
    const live = plan.items.filter((i) => i.status !== "DROPPED");
    mount($("#plan-items", view.root), live.length ? live.map(itemCard) : html`<li class="card muted" id="plan-no-items">${t("plan.noItems")}</li>`);
    mount($("#plan-gaps", view.root), gapList());
    $("#plan-gaps", view.root).hidden = !mine;
    $("#plan-add", view.root).hidden = !ownerMayWrite();
    $("#plan-submit", view.root).hidden = !(mine && plan.status === "DRAFT" && plan.items.some((i) => i.status === "PROPOSED"));
    $("#plan-decide", view.root).hidden = !(supervising && plan.status === "PROPOSED");
    competencyOptions();
    // The focused element may have been replaced (the browser then reports <body> as active).
    if (focusKey && !focused.isConnected) {
      view.root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    }
  }

  function apply(nextPlan, nextPerson, live) {
    const before = plan;
    plan = nextPlan;
    if (nextPerson) person = nextPerson;
    draw();
    if (!live) return;
    if (before.status !== plan.status) announce(t("plan.nowStatus", { status: t(`planStatus.${plan.status}`) }));
    else if (JSON.stringify(before.items) !== JSON.stringify(plan.items)) announce(t("plan.updatedLive"));
  }
  draw();

  async function loadCourses(competencyId) {
    const select = addForm.elements.courseId;
    if (!competencyId) {
      mount(select, html`<option value="">${t("plan.ownActivity")}</option>`);
      return;
    }
    if (!courses.has(competencyId)) {
      const data = await gql(ops.PlanCourses, { competencyId }).catch(() => null);
      const found = new Map();
      for (const { node } of data?.trainingSessions.edges || []) found.set(node.course.id, node.course);
      courses.set(competencyId, [...found.values()]);
    }
    if (!view.alive || addForm.elements.competencyId.value !== competencyId) return;
    const list = courses.get(competencyId);
    mount(select, html`<option value="">${t("plan.ownActivity")}</option>${list.map((c) =>
      html`<option value="${c.id}">${c.title} (${c.jp} JP)</option>`)}`);
    if (list.length) {
      select.value = list[0].id;
      fillFromCourse();
    }
  }

  function fillFromCourse() {
    const course = (courses.get(addForm.elements.competencyId.value) || []).find((c) => c.id === addForm.elements.courseId.value);
    if (course && !addForm.elements.plannedJp.value) addForm.elements.plannedJp.value = String(course.jp);
  }

  addForm.elements.competencyId.addEventListener("change", (e) => loadCourses(e.target.value));
  addForm.elements.courseId.addEventListener("change", fillFromCourse);

  delegate(view.root, "click", "[data-action=plan-gap]", async (_, button) => {
    addForm.elements.competencyId.value = button.dataset.id;
    addForm.elements.plannedJp.value = "";
    await loadCourses(button.dataset.id);
    addForm.elements.competencyId.focus();
  });

  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = {
      year, plannedJp: jp(value(addForm, "plannedJp")), title: value(addForm, "title"),
      competencyId: value(addForm, "competencyId") || null, courseId: value(addForm, "courseId") || null,
      method: value(addForm, "method") || null,
    };
    const done = await send(addForm, ops.ProposePlanItem, input, "proposePlanItem");
    if (!done || !view.alive) return;
    addForm.reset();
    await loadCourses("");
    apply(done.plan, null, false);
    announce(t("plan.itemAdded"));
    const card = view.root.querySelector(`[data-item="${CSS.escape(done.item.id)}"] h3`);
    if (card) focusElement(card);
  });

  $("[data-form=submit]", view.root).addEventListener("submit", async (event) => {
    event.preventDefault();
    const done = await send(event.target, ops.SubmitPlan, { year }, "submitPlan");
    if (!done || !view.alive) return;
    apply(done.plan, null, false);
    announce(t("plan.submitted"));
    focusElement($("#plan-status", view.root));
  });

  $("[data-form=decide]", view.root).addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const agree = (event.submitter?.value || "agree") === "agree";
    const input = { employeeId: person.id, year, note: form.elements.note.value };
    const done = agree
      ? await send(form, ops.AgreePlan, input, "agreePlan")
      : await send(form, ops.ReturnPlan, input, "returnPlan");
    if (!done || !view.alive) return;
    form.reset();
    apply(done.plan, null, false);
    announce(t(agree ? "plan.agreedDone" : "plan.returnedDone", { name: person.fullName }));
    focusElement($("#plan-status", view.root));
  });

  const itemById = (id) => plan.items.find((i) => i.id === id);

  delegate(view.root, "click", "[data-action=edit]", (_, button) => {
    const item = itemById(button.dataset.id);
    const id = uid("edit");
    const ownActivity = mine && !item.course;
    openDialog({
      title: t("plan.editTitle"),
      body: html`${field({ id: `${id}-title`, name: "title", label: t("plan.itemTitle"), value: item.title, attrs: raw('maxlength="255" autocomplete="off"') })}
        ${field({ id: `${id}-jp`, name: "plannedJp", label: t("plan.plannedJp"), type: "number", value: String(item.plannedJp), attrs: raw('inputmode="numeric" min="1" max="500"') })}
        ${ownActivity ? field({ id: `${id}-method`, name: "method", label: t("plan.method"), control: "select", options: methodOptions(item.method) }) : ""}`,
      submitLabel: t("plan.save"),
      onSubmit: async (data, form) => {
        const input = { itemId: item.id, title: String(data.get("title")), plannedJp: jp(String(data.get("plannedJp"))) };
        if (ownActivity) input.method = data.get("method");
        const done = await send(form, ops.UpdatePlanItem, input, "updatePlanItem");
        if (!done) return true;
        apply(done.plan, null, false);
        announce(t("plan.itemChanged"));
      },
    });
  });

  delegate(view.root, "click", "[data-action=drop]", (_, button) => {
    const item = itemById(button.dataset.id);
    const id = uid("drop");
    openDialog({
      title: t("plan.dropTitle"),
      body: html`<p><strong>${item.title}</strong> · ${item.plannedJp} JP</p>
        ${supervising ? field({ id: `${id}-note`, name: "note", label: t("plan.dropNote"), control: "textarea" }) : ""}`,
      submitLabel: t("plan.dropConfirm"),
      danger: true,
      onSubmit: async (data, form) => {
        const done = await send(form, ops.DropPlanItem, { itemId: item.id, note: String(data.get("note") || "") }, "dropPlanItem");
        if (!done) return true;
        apply(done.plan, null, false);
        announce(t("plan.itemDropped"));
      },
    });
  });

  async function refresh() {
    const again = await load().catch(() => null);
    if (again?.person && view.alive) apply(again.person.trainingPlan, again.person, true);
  }

  // Live: my supervisor agrees, returns or edits (mine); my subordinate submits or HR proposes
  // (theirs, when I am their supervisor).
  if (mine) {
    view.subscribe(ops.MyPlanChanged, { year }, (d) => {
      const next = d.myProfileChanged.employee;
      apply(next.trainingPlan, next, true);
    });
  } else if (supervising) {
    view.subscribe(ops.TeamPlanChanged, { year }, (d) => {
      const next = d.teamProfileChanged.employee;
      if (next.nip === person.nip) apply(next.trainingPlan, next, true);
    });
  }
  view.on("resync", refresh);
}
