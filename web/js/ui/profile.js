// The sections of a person's page: profile card, duties, SKP, competency gap, plan, enrollments.
// Used for my own home and, read-only, for a team member.
import { html } from "../dom.js";
import { t, fmtNumber } from "../i18n.js";
import { progressBar, planBar, competencyChart } from "./charts.js";
import { enrollmentItem } from "./enrollments.js";

export function profileCard(p) {
  return html`<section class="card profile" aria-labelledby="profile-h">
    <h2 id="profile-h" class="sr-only">${t("profile.title")}</h2>
    <p class="profile-name">${p.fullName}</p>
    <dl class="facts">
      <div><dt>NIP</dt><dd>${p.nipFormatted}</dd></div>
      <div><dt>${t("profile.rank")}</dt><dd>${p.rank.label} · ${p.rank.title}</dd></div>
      <div><dt>${t("profile.position")}</dt><dd>${p.position?.name || "–"}</dd></div>
      <div><dt>${t("profile.unit")}</dt><dd>${p.unit.name}</dd></div>
      <div><dt>${t("profile.supervisor")}</dt><dd>${p.supervisor?.fullName || "–"}</dd></div>
      <div><dt>${t("profile.type")}</dt><dd>${p.employmentType}</dd></div>
    </dl>
  </section>`;
}

export function dutiesSection(p) {
  return html`<section class="card" aria-labelledby="duties-h">
    <h2 id="duties-h">${t("duties.title")}</h2>
    ${p.duties.length ? html`<ol class="plain-list">${p.duties.map((d) => html`<li>${d.description}</li>`)}</ol>`
      : html`<p class="muted">${t("duties.none")}</p>`}
  </section>`;
}

function indicator(ind) {
  const target = ind.targetValue !== null ? `${fmtNumber(ind.targetValue)} ${ind.unitLabel}` : ind.targetText;
  const hasProgress = ind.progress !== null && ind.progress !== undefined;
  const percent = hasProgress ? Math.round(ind.progress) : null;
  return html`<li class="indicator">
    <p>${ind.description} <span class="muted">(${t(`aspect.${ind.aspect}`)})</span></p>
    <p class="meta">${t("skp.target")}: ${target}${hasProgress ? ` · ${t("skp.realised", { percent })}` : ""}</p>
    ${hasProgress ? progressBar(percent, t("skp.progressLabel", { description: ind.description, percent })) : ""}
  </li>`;
}

/** A link to the screen where a section is worked on (SKP, plan), when `href` is given. */
const openLink = (href, label) => (href ? html`<p><a class="button small" href="${href}">${label}</a></p>` : "");

export function skpSection(p, year, { href = "" } = {}) {
  const skp = p.skp;
  return html`<section class="card" aria-labelledby="skp-h">
    <h2 id="skp-h">${t("skp.title", { year })}</h2>
    ${openLink(href, t("skp.open"))}
    ${!skp ? html`<p class="muted">${t("skp.none")}</p>` : html`
      <p class="meta">${t("skp.status")}: ${t(`skpStatus.${skp.status}`)}${skp.resultRating ? ` · ${t("skp.resultRating")}: ${t(`rating.${skp.resultRating}`)}` : ""}${skp.behaviourRating ? ` · ${t("skp.behaviourRating")}: ${t(`rating.${skp.behaviourRating}`)}` : ""}</p>
      <ol class="plain-list results">${skp.results.map((r) => html`<li class="result">
        <p><span class="badge kind">${t(`resultKind.${r.kind}`)}</span> ${r.description}</p>
        <ul class="plain-list">${r.indicators.map(indicator)}</ul></li>`)}</ol>`}
  </section>`;
}

export function competencySection(p) {
  const prof = p.competencyProfile;
  const jpm = prof.jobPersonMatch === null ? "–" : `${fmtNumber(Math.round(prof.jobPersonMatch))}%`;
  return html`<section class="card" aria-labelledby="comp-h">
    <h2 id="comp-h">${t("competency.title")}</h2>
    <p><strong>${t("competency.jpm")}: ${jpm}</strong> <span class="muted">(${t("competency.metOf", { met: prof.requirementsMet, total: prof.requirementsTotal })})</span></p>
    ${competencyChart(prof, `comp-cap-${p.id}`)}
  </section>`;
}

export function planSection(p, { href = "" } = {}) {
  const plan = p.trainingPlan;
  return html`<section class="card" aria-labelledby="plan-h">
    <h2 id="plan-h">${t("plan.title", { year: plan.year })}</h2>
    ${openLink(href, t("plan.open"))}
    <p><strong>${t("plan.progress", { done: plan.completedJp, right: plan.rightJp })}</strong>
      ${plan.rightMet ? html`<span class="badge status status-enrolled">${t("plan.met")}</span>` : html`<span class="muted">${t("plan.remaining", { remaining: plan.remainingJp })}</span>`}</p>
    ${planBar(plan)}
    <ul class="legend" aria-hidden="true"><li><span class="swatch done"></span>${t("plan.done")}</li>
      <li><span class="swatch planned"></span>${t("plan.planned", { planned: plan.plannedJp })}</li></ul>
    <p class="meta">${t("plan.status")}: ${t(`planStatus.${plan.status}`)}</p>
    ${plan.items.length ? html`<ul class="plain-list">${plan.items.map((i) => html`<li class="item">
      <div class="item-head"><span>${i.title}</span><span class="badge">${t(`planItemStatus.${i.status}`)}</span></div>
      <p class="meta">${t(`method.${i.method}`)} · ${i.plannedJp} JP${i.competency ? ` · ${i.competency.code} ${i.competency.name}` : ""}</p></li>`)}</ul>`
      : html`<p class="muted">${t("plan.noItems")}</p>`}
  </section>`;
}

export function enrollmentsSection(p, { actions }) {
  const edges = p.enrollments.edges;
  return html`<section class="card" aria-labelledby="enr-h">
    <h2 id="enr-h">${actions ? t("enrollment.mine") : t("enrollment.theirs")}</h2>
    <ul class="plain-list" id="enrollments">${edges.map((e) => enrollmentItem(e.node, { actions }))}</ul>
    <p class="muted" id="enrollments-empty" ${edges.length ? "hidden" : ""}>${t("enrollment.none")}</p>
  </section>`;
}
