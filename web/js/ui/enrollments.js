// One enrollment as a list item: course, dates, status badge, the approver's latest note.
import { html } from "../dom.js";
import { t, fmtDateRange } from "../i18n.js";

export const CANCELLABLE = new Set(["REQUESTED", "WAITLISTED", "ENROLLED"]);
export const RATEABLE = new Set(["ATTENDED", "COMPLETED"]);

export function statusBadge(status) {
  return html`<span class="badge status status-${status.toLowerCase()}">${t(`status.${status}`)}</span>`;
}

/** The latest note a person wrote on a decision (e.g. the supervisor's), not the system's. */
function latestNote(enrollment) {
  return [...(enrollment.history || [])].reverse().find((e) => e.note && e.actor && e.fromStatus);
}

export function enrollmentItem(enrollment, { actions = false } = {}) {
  const { session } = enrollment;
  const note = latestNote(enrollment);
  const title = session.course.title;
  return html`<li class="item" data-enrollment="${enrollment.id}" data-session="${session.id}">
    <div class="item-head"><strong>${title}</strong>${statusBadge(enrollment.status)}</div>
    <p class="meta">${fmtDateRange(session.startsOn, session.endsOn)} · ${session.course.jp} JP${session.place ? ` · ${session.place}` : ""}</p>
    ${note ? html`<p class="note">${t("enrollment.note", { who: note.actor?.fullName || t("enrollment.system") })}: “${note.note}”</p>` : ""}
    ${actions && (CANCELLABLE.has(enrollment.status) || RATEABLE.has(enrollment.status)) ? html`<div class="actions">
      ${CANCELLABLE.has(enrollment.status) ? html`<button type="button" class="button small" data-action="cancel" data-id="${enrollment.id}">${t("enrollment.cancel")}<span class="sr-only">: ${title}</span></button>` : ""}
      ${RATEABLE.has(enrollment.status) ? html`<button type="button" class="button small" data-action="feedback" data-id="${enrollment.id}">${t("enrollment.rate")}<span class="sr-only">: ${title}</span></button>` : ""}
    </div>` : ""}
  </li>`;
}
