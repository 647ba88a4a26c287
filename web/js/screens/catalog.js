// Training catalog: filters, sort, "load more" by cursor, request a seat; free seats update live.
import { gql, mutate } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, fragment, delegate, announce, focusElement, $ } from "../dom.js";
import { t, fmtDate, fmtDateRange } from "../i18n.js";
import { openDialog } from "../ui/dialog.js";
import { statusBadge } from "../ui/enrollments.js";

const PAGE = 10;
const LIVE_STATUSES = new Set(["REQUESTED", "WAITLISTED", "ENROLLED"]);
const SORTS = ["STARTS_ON_ASC", "DEADLINE_ASC", "SEATS_LEFT_DESC", "TITLE_ASC", "STARTS_ON_DESC"];
// Kept while the app is open, so coming back to the catalog shows the same search.
const filters = { search: "", competencyGroup: "", mode: "", hasOpenSeats: false, startsFrom: "", startsUntil: "", sort: SORTS[0] };

function options(values, prefix, selected, anyLabel) {
  return html`${anyLabel ? html`<option value="">${anyLabel}</option>` : ""}${values.map((v) =>
    html`<option value="${v}" ${v === selected ? "selected" : ""}>${t(`${prefix}.${v}`)}</option>`)}`;
}

function filterForm() {
  const more = filters.competencyGroup || filters.mode || filters.hasOpenSeats || filters.startsFrom || filters.startsUntil;
  return html`<form class="card filters" role="search" aria-label="${t("catalog.filters")}" novalidate>
    <div class="field"><label for="f-search">${t("catalog.search")}</label>
      <input id="f-search" name="search" type="search" value="${filters.search}" autocomplete="off"></div>
    <details ${more ? "open" : ""}><summary>${t("catalog.moreFilters")}</summary>
      <div class="field"><label for="f-group">${t("catalog.group")}</label>
        <select id="f-group" name="competencyGroup">${options(["TEKNIS", "MANAJERIAL", "SOSIAL_KULTURAL"], "group", filters.competencyGroup, t("catalog.any"))}</select></div>
      <div class="field"><label for="f-mode">${t("catalog.mode")}</label>
        <select id="f-mode" name="mode">${options(["KLASIKAL", "NON_KLASIKAL"], "mode", filters.mode, t("catalog.any"))}</select></div>
      <div class="field-row">
        <div class="field"><label for="f-from">${t("catalog.from")}</label><input id="f-from" name="startsFrom" type="date" value="${filters.startsFrom}"></div>
        <div class="field"><label for="f-until">${t("catalog.until")}</label><input id="f-until" name="startsUntil" type="date" value="${filters.startsUntil}"></div>
      </div>
      <div class="check"><input id="f-seats" name="hasOpenSeats" type="checkbox" ${filters.hasOpenSeats ? "checked" : ""}>
        <label for="f-seats">${t("catalog.openSeats")}</label></div>
    </details>
    <div class="field"><label for="f-sort">${t("catalog.sort")}</label>
      <select id="f-sort" name="sort">${options(SORTS, "sort", filters.sort)}</select></div>
    <p class="form-error" role="alert" id="filter-error"></p>
    <button type="submit" class="button primary">${t("catalog.apply")}</button>
  </form>`;
}

function sessionFilter() {
  const f = {};
  if (filters.search.trim()) f.search = filters.search.trim();
  if (filters.competencyGroup) f.competencyGroup = filters.competencyGroup;
  if (filters.mode) f.mode = filters.mode;
  if (filters.hasOpenSeats) f.hasOpenSeats = true;
  if (filters.startsFrom) f.startsFrom = filters.startsFrom;
  if (filters.startsUntil) f.startsUntil = filters.startsUntil;
  return f;
}

function seatsText(s) {
  return s.seatsLeft > 0 ? t("catalog.seatsLeft", { left: s.seatsLeft, capacity: s.capacity }) : t("catalog.full");
}

let enrollsOthers = false;  // supervisors and HR may enroll someone directly

function enrollOther(s) {
  return enrollsOthers && s.openForRequests
    ? html`<button type="button" class="button" data-action="enroll" data-id="${s.id}">${t("enroll.open")}<span class="sr-only">: ${s.course.title}</span></button>` : "";
}

function action(s, mine) {
  if (mine) return html`${statusBadge(mine.status)}${enrollOther(s)}`;
  if (!s.openForRequests) return html`<span class="muted">${t("catalog.closed")}</span>`;
  return html`<button type="button" class="button primary" data-action="request" data-id="${s.id}">${t("catalog.request")}<span class="sr-only">: ${s.course.title}</span></button>${enrollOther(s)}`;
}

function card(s, mine) {
  const c = s.course;
  const where = s.place || (s.onlineUrl ? t("catalog.online") : "–");
  return html`<li class="card session" data-session="${s.id}">
    <h2 class="h3">${c.title}</h2>
    <p class="chips"><span class="chip">${t(`mode.${c.mode}`)}</span><span class="chip">${t(`method.${c.method}`)}</span><span class="chip">${c.jp} JP</span></p>
    <dl class="facts">
      <div><dt>${t("catalog.dates")}</dt><dd>${fmtDateRange(s.startsOn, s.endsOn)}</dd></div>
      <div><dt>${t("catalog.deadline")}</dt><dd>${fmtDate(s.enrollmentDeadline)}</dd></div>
      <div><dt>${t("catalog.place")}</dt><dd>${where}</dd></div>
      <div><dt>${t("catalog.seats")}</dt><dd class="seats">${seatsText(s)}</dd></div>
    </dl>
    ${c.competencies.length ? html`<p class="meta">${t("catalog.develops")}: ${c.competencies.map((cc) => `${cc.competency.name} (${t("catalog.level", { level: cc.targetLevel })})`).join(", ")}</p>` : ""}
    <p class="meta">${c.organiser}</p>
    <div class="actions" data-slot="action">${action(s, mine)}</div>
  </li>`;
}

export async function render(view) {
  const sessions = new Map();  // id -> session as last seen
  const mine = new Map();  // session id -> my live enrollment in it
  let cursor = null;
  let loading = false;
  enrollsOthers = view.app.canManage;
  mount(view.root, html`<h1>${t("catalog.title")}</h1>${filterForm()}
    <p id="catalog-count" class="count" role="status"></p>
    <ul class="cards" id="sessions"></ul>
    <p><button type="button" class="button block" id="more" hidden>${t("common.loadMore")}</button></p>`);
  const list = $("#sessions", view.root);
  const more = $("#more", view.root);
  const count = $("#catalog-count", view.root);
  const form = $("form", view.root);

  const updateCard = (id) => {
    const el = list.querySelector(`[data-session="${CSS.escape(id)}"]`);
    if (el) el.replaceWith(fragment(card(sessions.get(id), mine.get(id))));
  };

  async function load(reset) {
    if (loading) return;
    loading = true;
    more.disabled = true;
    const variables = { first: PAGE, after: reset ? null : cursor, filter: sessionFilter(), sort: filters.sort };
    try {
      const { trainingSessions: page } = await gql(ops.Catalog, variables);
      if (!view.alive) return;
      if (reset) { list.replaceChildren(); sessions.clear(); }
      const firstNew = list.children.length;
      for (const { node } of page.edges) {
        if (!sessions.has(node.id)) watchSeats(node.id);
        sessions.set(node.id, node);
        list.append(fragment(card(node, mine.get(node.id))));
      }
      cursor = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
      count.textContent = page.totalCount ? t("catalog.count", { count: page.totalCount }) : t("catalog.empty");
      if (!reset && list.children[firstNew]) focusElement(list.children[firstNew].querySelector("h2"));
    } catch (failure) {
      if (view.alive) $("#filter-error", view.root).textContent = failure.message;
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  const watching = new Set();
  function watchSeats(id) {
    if (watching.has(id)) return;
    watching.add(id);
    view.subscribe(ops.SessionSeatsChanged, { sessionId: id }, ({ sessionSeatsChanged: s }) => {
      const known = sessions.get(s.id);
      if (!known) return;
      const freed = s.seatsLeft > known.seatsLeft;
      sessions.set(s.id, { ...known, ...s });
      updateCard(s.id);
      if (freed) announce(t("catalog.seatFreed", { title: known.course.title, left: s.seatsLeft }));
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    for (const key of ["search", "competencyGroup", "mode", "startsFrom", "startsUntil", "sort"]) filters[key] = data.get(key) || "";
    filters.hasOpenSeats = data.get("hasOpenSeats") === "on";
    const error = $("#filter-error", view.root);
    error.textContent = filters.startsFrom && filters.startsUntil && filters.startsFrom > filters.startsUntil ? t("catalog.badRange") : "";
    if (!error.textContent) load(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("select, input[type=checkbox]")) form.requestSubmit();
  });
  more.addEventListener("click", () => load(false));

  delegate(view.root, "click", "[data-action=request]", (_, button) => {
    const s = sessions.get(button.dataset.id);
    openDialog({
      title: t("catalog.requestTitle"),
      body: html`<p><strong>${s.course.title}</strong><br><span class="meta">${fmtDateRange(s.startsOn, s.endsOn)} · ${seatsText(s)}</span></p>
        ${s.seatsLeft > 0 ? "" : html`<p class="notice">${t("catalog.waitlistHint")}</p>`}
        <div class="field"><label for="req-reason">${t("catalog.reason")}</label>
        <textarea id="req-reason" name="reason" rows="3" maxlength="500" aria-describedby="req-reason-hint"></textarea>
        <p class="hint" id="req-reason-hint">${t("catalog.reasonHint")}</p></div>`,
      submitLabel: t("catalog.send"),
      onSubmit: async (formData) => {
        const result = await mutate(ops.RequestEnrollment, { sessionId: s.id, reason: formData.get("reason") }, "requestEnrollment");
        if (result.problem) return result.problem;
        const enrollment = result.data.enrollment;
        mine.set(s.id, enrollment);
        sessions.set(s.id, { ...s, ...enrollment.session });
        updateCard(s.id);
        announce(t("catalog.requested"));
      },
    });
  });

  delegate(view.root, "click", "[data-action=enroll]", async (_, button) => {
    const { openDirectEnroll } = await import("../ui/direct-enroll.js");
    const s = sessions.get(button.dataset.id);
    openDirectEnroll(s, (enrollment) => {
      sessions.set(s.id, { ...sessions.get(s.id), ...enrollment.session });
      updateCard(s.id);
    });
  });

  view.on("enrollment", (e) => {
    const sid = e.session.id;
    if (LIVE_STATUSES.has(e.status)) mine.set(sid, e);
    else mine.delete(sid);
    if (sessions.has(sid)) {
      sessions.set(sid, { ...sessions.get(sid), seatsLeft: e.session.seatsLeft });
      updateCard(sid);
    }
  });
  view.on("resync", () => load(true));

  const [mineData] = await Promise.all([gql(ops.CatalogMine).catch(() => null), load(true)]);
  if (!view.alive || !mineData) return;
  for (const { node } of mineData.me.enrollments.edges) mine.set(node.session.id, node);
  for (const id of mine.keys()) updateCard(id);
}
