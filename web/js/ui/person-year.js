// The frame shared by the screens about one person's year (SKP, training plan): `#/x` is mine,
// `#/x/:nip` someone I may see (the server decides); `?tahun=` picks the year. Shows the back
// link, the title and "loading", reads the person, and says "not found" when there is none.
import { gql } from "../api.js";
import { html, mount } from "../dom.js";
import { t } from "../i18n.js";

// `mineOp` reads `me`, `employeeOp` reads `employee(nip:)` and `myTeam`; both take `year`.
// Returns null when the screen is gone or the person is not found (already shown), else
// { year, nip, back, person, supervising, load } where `load()` reads them again.
export async function openPersonYear(view, { titleKey, mineOp, employeeOp }) {
  const year = Number(view.query.get("tahun")) || new Date().getFullYear();
  const nip = view.params.nip || null;
  const title = t(titleKey, { year });
  const back = nip
    ? html`<p><a href="#/pegawai/${encodeURIComponent(nip)}" class="back">← ${t("skp.backProfile")}</a></p>`
    : html`<p><a href="#/" class="back">← ${t("skp.backHome")}</a></p>`;
  mount(view.root, html`${back}<h1>${title}</h1><p class="loading">${t("common.loading")}</p>`);

  const load = async () => {
    const data = nip ? await gql(employeeOp, { nip, year }) : await gql(mineOp, { year });
    const person = nip ? data.employee : data.me;
    const supervising = Boolean(person && nip && data.myTeam.some((m) => m.employee.nip === person.nip));
    return { person, supervising };
  };
  const first = await load();
  if (!view.alive) return null;
  if (!first.person) {
    mount(view.root, html`${back}<h1>${title}</h1><p class="card">${t("employee.notFound")}</p>`);
    return null;
  }
  if (first.person.nip !== view.app.me.nip) {
    document.title = `${title} · ${first.person.fullName} · Portal ASN`;
  }
  return { year, nip, back, load, ...first };
}
