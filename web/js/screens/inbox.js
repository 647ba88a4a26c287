// Supervisor (and HR) inbox: requests waiting for my decision; new ones arrive live.
import { gql, mutate } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, fragment, announce, focusElement, $ } from "../dom.js";
import { t, fmtDateRange, fmtDateTime } from "../i18n.js";
import { teamWork, waitsForMe } from "../ui/team-work.js";

const PAGE = 20;

/** HR verification follows a supervisor's approval: the history then shows a REQUESTED→REQUESTED step. */
const atVerificationStep = (e) => e.session.course.requiresHrVerification
  && e.history.some((h) => h.fromStatus === "REQUESTED" && h.toStatus === "REQUESTED");

function requestCard(e) {
  const who = e.employee;
  const id = e.id;
  return html`<li class="card request" data-enrollment="${id}">
    <h2 class="h3">${who.fullName}</h2>
    <p class="meta">NIP ${who.nipFormatted}${who.position ? ` · ${who.position.name}` : ""} · ${who.unit.shortName || who.unit.name}</p>
    <p><strong>${e.session.course.title}</strong> · ${e.session.course.jp} JP</p>
    <p class="meta">${fmtDateRange(e.session.startsOn, e.session.endsOn)} · ${t("catalog.seatsLeft", { left: e.session.seatsLeft, capacity: e.session.capacity })}</p>
    ${e.reason ? html`<p class="note">${t("inbox.reason")}: “${e.reason}”</p>` : ""}
    <p class="meta">${t("inbox.requestedAt", { at: fmtDateTime(e.requestedAt) })}${atVerificationStep(e) ? ` · ${t("inbox.verification")}` : ""}</p>
    <form class="decide" novalidate>
      <div class="field"><label for="note-${id}">${t("inbox.note")}</label>
        <textarea id="note-${id}" name="note" rows="2" maxlength="500"></textarea></div>
      <p class="form-error" role="alert"></p>
      <div class="actions">
        <button type="submit" class="button primary" name="decision" value="APPROVE">${t("inbox.approve")}<span class="sr-only">: ${who.fullName}</span></button>
        <button type="submit" class="button danger" name="decision" value="REJECT">${t("inbox.reject")}<span class="sr-only">: ${who.fullName}</span></button>
      </div>
    </form>
  </li>`;
}

export async function render(view) {
  const requests = new Map();
  const deciding = new Set();  // ids I am deciding now: their REMOVED event is no news to me
  let cursor = null;
  let total = 0;
  mount(view.root, html`<h1>${t("inbox.title")}</h1>
    <p id="inbox-count" class="count" role="status"></p>
    <ul class="cards" id="requests"></ul>
    <p><button type="button" class="button block" id="more" hidden>${t("common.loadMore")}</button></p>
    <section class="card" id="team-waiting" aria-labelledby="team-waiting-h" hidden></section>`);
  const list = $("#requests", view.root);
  const count = $("#inbox-count", view.root);
  const more = $("#more", view.root);

  const showCount = () => {
    count.textContent = total ? t("inbox.count", { count: total }) : t("inbox.empty");
    view.setCounts({ inbox: total });
  };
  const cardOf = (id) => list.querySelector(`[data-enrollment="${CSS.escape(id)}"]`);

  function put(e) {
    const isNew = !requests.has(e.id);
    requests.set(e.id, e);
    const el = fragment(requestCard(e));
    const old = cardOf(e.id);
    if (old) {
      const note = old.querySelector("textarea").value;  // keep what the approver was typing
      old.replaceWith(el);
      el.querySelector("textarea").value = note;
    } else {
      list.append(el);
    }
    return isNew;
  }

  function remove(id) {
    const el = cardOf(id);
    if (!el) return;
    const next = el.nextElementSibling || el.previousElementSibling;
    const hadFocus = el.contains(document.activeElement);
    el.remove();
    requests.delete(id);
    if (hadFocus) focusElement(next ? next.querySelector("h2") : count);
  }

  async function load(reset) {
    const { approvalInbox: page } = await gql(ops.Inbox, { first: PAGE, after: reset ? null : cursor });
    if (!view.alive) return;
    if (reset) { list.replaceChildren(); requests.clear(); }
    page.edges.forEach(({ node }) => put(node));
    cursor = page.pageInfo.endCursor;
    total = page.totalCount;
    more.hidden = !page.pageInfo.hasNextPage;
    showCount();
  }

  list.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const el = form.closest("[data-enrollment]");
    const e = requests.get(el.dataset.enrollment);
    const decision = event.submitter?.value || "APPROVE";
    const input = { enrollmentId: e.id, decision, note: form.elements.note.value };
    const buttons = [...form.querySelectorAll("button")];
    buttons.forEach((b) => { b.disabled = true; });
    deciding.add(e.id);
    let result = await mutate(atVerificationStep(e) ? ops.VerifyEnrollment : ops.DecideEnrollment, input,
      atVerificationStep(e) ? "verifyEnrollment" : "decideEnrollment");
    if (result.code === "INVALID_TRANSITION" && e.session.course.requiresHrVerification) {
      // The other kind of step after all (the API does not say which step a request waits at).
      const verify = !atVerificationStep(e);
      result = await mutate(verify ? ops.VerifyEnrollment : ops.DecideEnrollment, input, verify ? "verifyEnrollment" : "decideEnrollment");
    }
    deciding.delete(e.id);
    if (!view.alive) return;
    buttons.forEach((b) => { b.disabled = false; });
    if (result.problem) {
      form.querySelector(".form-error").textContent = result.problem;
      return;
    }
    if (requests.has(e.id)) {
      total = Math.max(0, total - 1);
      remove(e.id);
    }
    showCount();
    announce(t(decision === "APPROVE" ? "inbox.approved" : "inbox.rejected", { name: e.employee.fullName }));
  });

  more.addEventListener("click", () => load(false));

  view.on("inbox", ({ kind, enrollment }) => {
    if (kind === "REMOVED") {
      if (!requests.has(enrollment.id)) return;
      total = Math.max(0, total - 1);
      remove(enrollment.id);
      if (!deciding.has(enrollment.id)) announce(t("inbox.gone", { name: enrollment.employee.fullName }));
    } else if (put(enrollment)) {
      total += 1;
      announce(t("inbox.arrived", { name: enrollment.employee.fullName, title: enrollment.session.course.title }));
    }
    showCount();
  });
  view.on("resync", () => load(true));

  const waiting = teamWork(view, $("#team-waiting", view.root), { title: t("teamWork.waiting"), keep: waitsForMe });
  await Promise.all([load(true), waiting()]);
}
