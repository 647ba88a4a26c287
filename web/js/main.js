// Boot: find out who is signed in, start the live connection, and show the screen the hash names.
import { gql, whenUnauthenticated, problemText } from "./api.js";
import * as ops from "./ops.js";
import * as live from "./live.js";
import { isRouteHash, currentPath, resolve } from "./router.js";
import { initShell, renderShell, setActive, setCounts, setLiveStatus } from "./shell.js";
import { t } from "./i18n.js";
import { html, mount, announce, focusElement, delegate } from "./dom.js";

/** What every screen may read: the signed-in person, what they may manage, the badge counts. */
const app = { me: null, canManage: false, canSurvey: false, canReport: false, counts: { unread: 0, inbox: 0 }, sessionEnded: false };
const main = document.getElementById("main");
let current = null;
let firstScreen = true;
let booted = false;

async function boot() {
  initShell(app, { languageChanged: () => { renderShell(); show(); } });
  whenUnauthenticated(signedOut);
  live.on("unauthenticated", signedOut);
  live.on("status", setLiveStatus);
  live.on("notification", (n) => { announce(t("shell.newNotification", { title: n.title })); refreshCounts(); });
  live.on("inbox", refreshCounts);
  live.on("resync", refreshCounts);
  document.querySelector(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    focusElement(main.querySelector("h1") || main);
  });
  try {
    await loadSession();
  } catch (failure) {
    if (failure.code !== "UNAUTHENTICATED") {
      renderShell();
      mount(main, html`<div class="page"><h1>${t("error.title")}</h1><p role="alert">${problemText(failure)}</p>
        <p><a class="button" href="/">${t("error.retry")}</a></p></div>`);
      return;
    }
  }
  booted = true;
  renderShell();
  window.addEventListener("hashchange", show);
  show();
}

async function loadSession() {
  const [shell, access] = await Promise.all([
    gql(ops.Shell),
    gql(ops.TeamAccess).catch((failure) => (failure.code === "FORBIDDEN" ? null : Promise.reject(failure))),
  ]);
  app.me = shell.me;
  app.canManage = Boolean(access);
  app.canSurvey = Boolean(shell.viewer?.isHr || shell.viewer?.isUnitHead);
  // Reports: HR, unit heads and supervisors (each sees their part; the server checks again).
  app.canReport = Boolean(app.canSurvey || shell.viewer?.isSupervisor);
  app.counts = { unread: shell.unreadNotificationCount, inbox: shell.approvalInbox.totalCount };
  live.startLive();
}

function signedOut() {
  if (app.me) app.sessionEnded = true;
  app.me = null;
  app.canManage = false;
  app.canSurvey = false;
  app.canReport = false;
  live.stopLive();
  setLiveStatus("closed");
  renderShell();
  if (booted && currentPath() !== "/masuk") location.replace("#/masuk");
}

let counting = null;
/** Re-reads the badge counts (coalesced: events often come in bursts). */
function refreshCounts() {
  if (!app.me || counting) return;
  counting = new Promise((resolve) => setTimeout(resolve, 150))
    .then(() => gql(ops.Counts))
    .then((d) => setCounts({ unread: d.unreadNotificationCount, inbox: d.approvalInbox.totalCount }))
    .catch(() => {})
    .finally(() => { counting = null; });
}

/** The per-screen context: listeners and subscriptions registered here end when the screen does. */
function makeView(route, params) {
  const cleanups = [];
  const root = document.createElement("div");
  root.className = "page";
  let alive = true;
  return {
    root, params, route, app,
    query: new URLSearchParams(location.hash.split("?")[1] || ""),
    get alive() { return alive; },
    on(type, fn) { cleanups.push(live.on(type, fn)); },
    subscribe(query, variables, fn) {
      const off = live.subscribe(query, variables, fn);
      cleanups.push(off);
      return off;
    },
    cleanup(fn) { cleanups.push(fn); },
    setCounts: (counts) => setCounts({ ...app.counts, ...counts }),
    refreshCounts,
    dispose() { alive = false; cleanups.splice(0).forEach((fn) => fn()); },
  };
}

async function show() {
  if (!isRouteHash(location.hash)) return;
  const { route, params } = resolve(currentPath());
  if (!route.public && !app.me) { location.replace("#/masuk"); return; }
  if (route.path === "/masuk" && app.me) { location.replace("#/"); return; }
  current?.dispose();
  const view = makeView(route, params);
  current = view;
  setActive(route);
  document.title = `${t(route.title)} · Portal ASN`;
  main.replaceChildren(view.root);
  main.setAttribute("aria-busy", "true");
  try {
    const screen = await route.screen();
    if (view.alive) await screen.render(view);
  } catch (failure) {
    if (view.alive) showFailure(view, failure);
  } finally {
    if (view.alive) main.removeAttribute("aria-busy");
  }
  if (!view.alive) return;
  if (!firstScreen) focusElement(view.root.querySelector("h1"));
  firstScreen = false;
}

function showFailure(view, failure) {
  if (failure.code === "UNAUTHENTICATED") return;
  const message = failure.code ? problemText(failure) : t("error.server");
  if (!failure.code) console.error(failure);  // a bug in the app: keep the stack for developers
  mount(view.root, html`<h1>${t(view.route.title)}</h1>
    <div class="card"><p role="alert">${message}</p>
    <button type="button" class="button" data-action="retry">${t("error.retry")}</button></div>`);
  delegate(view.root, "click", "[data-action=retry]", () => show());
}

boot();
