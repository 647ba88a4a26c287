// A team member's page (read-only): what their supervisor or HR may see. Their supervisor's open
// page reads it again when their competency profile or plan changes.
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
  const draw = (person) => mount(view.root, html`${back}<h1>${person.fullName}</h1>
    <div class="grid">
      ${profile.profileCard(person)}
      ${profile.planSection(person, { href: `#/rencana/${encodeURIComponent(person.nip)}` })}
      ${profile.competencySection(person)}
      ${profile.enrollmentsSection(person, { actions: false })}
      ${profile.skpSection(person, year, { href: `#/skp/${encodeURIComponent(person.nip)}` })}
      ${profile.dutiesSection(person)}
    </div>`);
  const reread = async () => {
    const again = await gql(ops.EmployeeProfile, { nip: p.nip, year }).catch(() => null);
    if (again?.employee && view.alive) draw(again.employee);
  };
  draw(p);
  view.subscribe(ops.TeamMemberChanged, {}, ({ teamProfileChanged: { employee } }) => {
    if (employee.nip === p.nip) reread();
  });
  view.on("resync", reread);
}
