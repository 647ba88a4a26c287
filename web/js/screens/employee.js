// A team member's page (read-only): what their supervisor or HR may see.
import { gql } from "../api.js";
import * as ops from "../ops.js";
import { html, mount } from "../dom.js";
import { t } from "../i18n.js";
import * as profile from "../ui/profile.js";

export async function render(view) {
  const year = new Date().getFullYear();
  const back = html`<p><a href="#/tim" class="back">← ${t("employee.back")}</a></p>`;
  mount(view.root, html`${back}<h1>${t("employee.title")}</h1><p class="loading">${t("common.loading")}</p>`);
  const { employee: p } = await gql(ops.EmployeeProfile, { nip: view.params.nip, year });
  if (!view.alive) return;
  if (!p) {
    mount(view.root, html`${back}<h1>${t("employee.title")}</h1><p class="card">${t("employee.notFound")}</p>`);
    return;
  }
  document.title = `${p.fullName} · Portal ASN`;
  mount(view.root, html`${back}<h1>${p.fullName}</h1>
    <div class="grid">
      ${profile.profileCard(p)}
      ${profile.planSection(p, { href: `#/rencana/${encodeURIComponent(p.nip)}` })}
      ${profile.competencySection(p)}
      ${profile.enrollmentsSection(p, { actions: false })}
      ${profile.skpSection(p, year, { href: `#/skp/${encodeURIComponent(p.nip)}` })}
      ${profile.dutiesSection(p)}
    </div>`);
}
