// A supervisor's direct subordinates with their SKP and plan status, linking to the screens where
// the supervisor agrees and rates. Used by the team view (everyone) and the inbox (who waits for
// me); follows teamChanged (SKP) and teamProfileChanged (plan) live.
import { gql } from "../api.js";
import * as ops from "../ops.js";
import { html, mount } from "../dom.js";
import { t } from "../i18n.js";

/** A subordinate waits for me: a submitted plan, or a drafted SKP ready to be agreed. */
export const waitsForMe = (m) => m.employee.trainingPlan.status === "PROPOSED" || (m.skpStatus === "DRAFT" && m.indicators > 0);

// The links are named by what they do and described by the person's name (their list item's
// heading): "Periksa SKP", described "Siti Rahmawati" (WCAG 2.4.4, purpose in context).
function item(m, prefix) {
  const p = m.employee;
  const nip = encodeURIComponent(p.nip);
  const plan = p.trainingPlan;
  const nameId = `${prefix}-${p.nip}`;
  return html`<li class="item team-work" data-nip="${p.nip}">
    <p><strong id="${nameId}">${p.fullName}</strong><br><span class="meta">${p.position?.name || "–"}</span></p>
    <p class="chips">
      <span class="chip">${t("teamWork.skp")}: ${m.skpStatus ? t(`skpStatus.${m.skpStatus}`) : t("skp.notStarted")}</span>
      ${m.latestPredikat ? html`<span class="chip">${t("skp.predikat")}: ${t(`predikat.${m.latestPredikat}`)}</span>` : ""}
      ${m.overdue ? html`<span class="chip chip-warn">${t("teamWork.overdue", { count: m.overdue })}</span>` : ""}
      <span class="chip">${t("teamWork.plan")}: ${t(`planStatus.${plan.status}`)} · ${plan.plannedJp} JP</span>
    </p>
    <div class="actions">
      <a class="button small" href="#/skp/${nip}" aria-describedby="${nameId}">${m.skpStatus === "DRAFT" && m.indicators > 0 ? t("teamWork.agreeSkp") : t("teamWork.openSkp")}</a>
      <a class="button small" href="#/rencana/${nip}" aria-describedby="${nameId}">${plan.status === "PROPOSED" ? t("teamWork.reviewPlan") : t("teamWork.openPlan")}</a>
    </div>
  </li>`;
}

/**
 * Fills `section` (a card with an h2 and a list) with my direct subordinates passing `keep`;
 * hides it when there are none. Returns the function that re-reads.
 */
export function teamWork(view, section, { title, empty = "", keep = () => true }) {
  const year = new Date().getFullYear();
  let members = [];
  const draw = () => {
    const shown = members.filter(keep);
    section.hidden = !shown.length && !empty;
    mount(section, html`<h2 id="${section.id}-h">${title}</h2>
      ${shown.length ? html`<ul class="plain-list">${shown.map((m) => item(m, section.id))}</ul>` : html`<p class="muted">${empty}</p>`}`);
  };
  const load = async () => {
    const data = await gql(ops.TeamWork, { year }).catch(() => null);
    if (!data || !view.alive) return;
    members = data.myTeam;
    draw();
  };
  view.subscribe(ops.TeamWorkChanged, { year }, ({ teamChanged: m }) => {
    const at = members.findIndex((x) => x.employee.nip === m.employee.nip);
    if (at >= 0) members[at] = m;
    else members.push(m);
    draw();
  });
  view.subscribe(ops.TeamWorkProfileChanged, { year }, ({ teamProfileChanged: { employee } }) => {
    const member = members.find((x) => x.employee.nip === employee.nip);
    if (!member) return load();  // someone who just joined my line
    member.employee = employee;
    draw();
  });
  view.on("resync", load);
  return load;
}
