// Team view: my line (supervisors) or everyone (HR), searchable; each links to their page.
import { gql } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, fragment, focusElement, $ } from "../dom.js";
import { t } from "../i18n.js";
import { teamWork } from "../ui/team-work.js";

const PAGE = 20;
let search = "";

function row(p) {
  return html`<li class="item person"><a href="#/pegawai/${encodeURIComponent(p.nip)}">
    <strong>${p.fullName}</strong>
    <span class="meta">NIP ${p.nipFormatted} · ${p.rank.label}</span>
    <span class="meta">${p.position?.name || "–"} · ${p.unit.shortName || p.unit.name}</span></a></li>`;
}

export async function render(view) {
  let cursor = null;
  mount(view.root, html`<h1>${t("team.title")}</h1>
    <section class="card" id="team-work" aria-labelledby="team-work-h" hidden></section>
    <form class="card filters" role="search" aria-label="${t("team.searchLabel")}">
      <div class="field"><label for="team-search">${t("team.search")}</label>
        <input id="team-search" name="search" type="search" value="${search}" autocomplete="off"></div>
      <button type="submit" class="button primary">${t("team.find")}</button>
    </form>
    <p id="team-count" class="count" role="status"></p>
    <ul class="plain-list card" id="people"></ul>
    <p><button type="button" class="button block" id="more" hidden>${t("common.loadMore")}</button></p>`);
  const list = $("#people", view.root);
  const more = $("#more", view.root);

  async function load(reset) {
    const filter = search.trim() ? { search: search.trim() } : null;
    const { employees } = await gql(ops.Team, { first: PAGE, after: reset ? null : cursor, filter });
    if (!view.alive) return;
    if (reset) list.replaceChildren();
    const firstNew = list.children.length;
    employees.edges.forEach(({ node }) => list.append(fragment(row(node))));
    cursor = employees.pageInfo.endCursor;
    more.hidden = !employees.pageInfo.hasNextPage;
    list.hidden = employees.totalCount === 0;
    $("#team-count", view.root).textContent = employees.totalCount
      ? t("team.count", { count: employees.totalCount }) : t("team.empty");
    if (!reset && list.children[firstNew]) focusElement(list.children[firstNew].querySelector("a"));
  }

  $("form", view.root).addEventListener("submit", (event) => {
    event.preventDefault();
    search = new FormData(event.target).get("search") || "";
    load(true);
  });
  more.addEventListener("click", () => load(false));
  const direct = teamWork(view, $("#team-work", view.root), { title: t("teamWork.title") });
  await Promise.all([load(true), direct()]);
}
