// The frame around every screen: header (notifications bell, account menu, language), the main
// navigation built from the route table, the connection banner and the count badges.
import { html, raw, mount, delegate } from "./dom.js";
import { icon } from "./icons.js";
import { routes } from "./routes.js";
import { t, lang, setLang } from "./i18n.js";

let app;
let onLanguage = () => {};

export function initShell(appState, { languageChanged }) {
  app = appState;
  onLanguage = languageChanged;
  delegate(document.getElementById("header-tools"), "click", "[data-action=lang]", () => {
    setLang(lang() === "id" ? "en" : "id");
    onLanguage();
  });
  // A click outside an open menu closes it (Escape is handled by the browser's <details> focus).
  document.addEventListener("click", (event) => {
    const menu = document.querySelector("details.menu[open]");
    if (menu && !menu.contains(event.target)) menu.open = false;
  });
  document.addEventListener("keydown", (event) => {
    const menu = document.querySelector("details.menu[open]");
    if (event.key === "Escape" && menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
}

function languageButton() {
  const other = lang() === "id" ? "en" : "id";
  return html`<button type="button" class="link-button" data-action="lang" lang="${other}">${t("shell.switchLanguage")}</button>`;
}

export function renderShell() {
  document.documentElement.lang = lang();
  document.querySelector(".skip-link").textContent = t("shell.skip");
  document.querySelector(".brand-sub").textContent = t("shell.region");
  const tools = document.getElementById("header-tools");
  if (!app.me) {
    mount(tools, languageButton());
  } else {
    mount(tools, html`
      <a class="bell" href="#/notifikasi" id="bell">${raw(icon("bell"))}<span class="badge" id="bell-badge" aria-hidden="true"></span></a>
      <details class="menu">
        <summary aria-label="${t("shell.account")}">${raw(icon("user"))}</summary>
        <div class="menu-panel">
          <p class="menu-name"><strong>${app.me.fullName}</strong><br><span class="muted">NIP ${app.me.nipFormatted}</span></p>
          ${languageButton()}
          <form method="post" action="/auth/logout"><button type="submit" class="button">${t("shell.signOut")}</button></form>
        </div>
      </details>`);
  }
  renderNav();
  setCounts(app.counts);
}

function renderNav() {
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t("shell.navLabel"));
  const items = app.me ? routes.filter((r) => r.nav && (!r.nav.when || r.nav.when(app))) : [];
  nav.hidden = items.length === 0;
  mount(nav, html`<ul>${items.map((r) => html`
    <li><a href="#${r.path}" data-path="${r.path}">${raw(icon(r.nav.icon))}<span class="nav-label">${t(r.nav.label)}</span>${
      r.nav.badge ? html`<span class="badge" data-badge="${r.nav.badge}" hidden></span>` : ""}</a></li>`)}</ul>`);
  setActive(currentRoute);
}

let currentRoute = null;
/** Marks the tab of the current screen (aria-current) for sighted and screen-reader users. */
export function setActive(route) {
  currentRoute = route;
  const bell = document.getElementById("bell");
  if (bell && route?.path === "/notifikasi") bell.setAttribute("aria-current", "page");
  else if (bell) bell.removeAttribute("aria-current");
  for (const link of document.querySelectorAll("#nav a")) {
    if (route && link.dataset.path === route.path) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

export function setCounts(counts) {
  app.counts = counts;
  const bell = document.getElementById("bell");
  if (bell) {
    const badge = document.getElementById("bell-badge");
    badge.textContent = counts.unread > 99 ? "99+" : String(counts.unread);
    badge.hidden = counts.unread === 0;
    bell.setAttribute("aria-label", counts.unread ? t("shell.bellUnread", { count: counts.unread }) : t("shell.bell"));
  }
  for (const badge of document.querySelectorAll("[data-badge=inbox]")) {
    badge.hidden = counts.inbox === 0;
    mount(badge, html`<span class="sr-only">, </span>${counts.inbox}<span class="sr-only"> ${t("shell.waiting")}</span>`);
  }
  const inboxTab = routes.find((r) => r.nav?.badge === "inbox");
  if (app.me && inboxTab && !document.querySelector("[data-badge=inbox]") && inboxTab.nav.when(app)) renderNav();
}

let bannerTimer;
/** The banner saying live data may be stale: shown while the socket is down (after a drop, or
 * when a first connection takes longer than 3 s), then briefly "reconnected". */
export function setLiveStatus(status) {
  const banner = document.getElementById("live-status");
  const was = banner.dataset.state;
  clearTimeout(bannerTimer);
  banner.dataset.state = status;
  document.documentElement.dataset.live = status;  // for tests and styling hooks
  if (status === "reconnecting") {
    banner.textContent = t("live.reconnecting");
  } else if (status === "connecting") {
    bannerTimer = setTimeout(() => { banner.textContent = t("live.connecting"); }, 3000);
  } else if (status === "open" && was === "reconnecting") {
    banner.textContent = t("live.restored");
    bannerTimer = setTimeout(() => { banner.textContent = ""; }, 4000);
  } else {
    banner.textContent = "";
  }
}
