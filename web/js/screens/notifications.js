// Notifications: newest first, unread marked in words (not colour alone), mark read; new ones live.
import { gql } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, fragment, delegate, announce, focusElement, $ } from "../dom.js";
import { t, fmtDateTime } from "../i18n.js";

const PAGE = 20;

/** Where a notification leads, from its kind. */
function target(n) {
  if (n.kind === "enrollment.requested") return "#/persetujuan";
  if (n.kind.startsWith("session.")) return "#/katalog";
  // A subordinate's submitted plan or SKP report waits in the inbox's list; mine are on my screens.
  if (n.kind === "plan.submitted" || n.kind === "skp.reported") return "#/persetujuan";
  if (n.kind.startsWith("plan.")) return "#/rencana";
  if (n.kind.startsWith("skp.")) return "#/skp";
  return "#/";
}

function item(n) {
  return html`<li class="item notification ${n.read ? "" : "unread"}" data-id="${n.id}">
    <div class="item-head"><strong>${n.title}</strong>${n.read ? "" : html`<span class="badge new">${t("notifications.unread")}</span>`}</div>
    ${n.body ? html`<p>${n.body}</p>` : ""}
    <p class="meta"><time datetime="${n.createdAt}">${fmtDateTime(n.createdAt)}</time></p>
    <div class="actions"><a class="button small" href="${target(n)}">${t("notifications.open")}<span class="sr-only">: ${n.title}</span></a>
      ${n.read ? "" : html`<button type="button" class="button small" data-action="read" data-id="${n.id}">${t("notifications.markRead")}<span class="sr-only">: ${n.title}</span></button>`}</div>
  </li>`;
}

export async function render(view) {
  const items = new Map();
  let cursor = null;
  mount(view.root, html`<h1>${t("notifications.title")}</h1>
    <div class="toolbar"><p id="unread-count" class="count" role="status"></p>
      <button type="button" class="button" data-action="read-all" hidden>${t("notifications.markAll")}</button></div>
    <ul class="plain-list card" id="notifications"></ul>
    <p><button type="button" class="button block" id="more" hidden>${t("common.loadMore")}</button></p>`);
  const list = $("#notifications", view.root);
  const more = $("#more", view.root);
  const readAll = $("[data-action=read-all]", view.root);

  function showUnread(unread) {
    $("#unread-count", view.root).textContent = unread ? t("notifications.unreadCount", { count: unread }) : t("notifications.allRead");
    readAll.hidden = unread === 0;
    view.setCounts({ unread });
  }

  function put(n, where = "append") {
    items.set(n.id, n);
    const el = fragment(item(n));
    const old = list.querySelector(`[data-id="${CSS.escape(n.id)}"]`);
    if (old) old.replaceWith(el);
    else list[where](el);
    list.hidden = false;
  }

  async function load(reset) {
    const data = await gql(ops.Notifications, { first: PAGE, after: reset ? null : cursor });
    if (!view.alive) return;
    if (reset) { list.replaceChildren(); items.clear(); }
    data.notifications.edges.forEach(({ node }) => put(node));
    list.hidden = items.size === 0;
    cursor = data.notifications.pageInfo.endCursor;
    more.hidden = !data.notifications.pageInfo.hasNextPage;
    showUnread(data.unreadNotificationCount);
    if (!data.notifications.totalCount) $("#unread-count", view.root).textContent = t("notifications.none");
  }

  async function markRead(ids) {
    const { markNotificationsRead: r } = await gql(ops.MarkNotificationsRead, { input: { ids } });
    if (!view.alive) return;
    for (const n of items.values()) {
      if (!ids || ids.includes(n.id)) put({ ...n, read: true });
    }
    showUnread(r.unreadCount);
    return r;
  }

  delegate(view.root, "click", "[data-action=read]", async (_, button) => {
    const li = button.closest("li");
    await markRead([button.dataset.id]);
    focusElement(list.querySelector(`[data-id="${CSS.escape(li.dataset.id)}"] strong`));
  });
  readAll.addEventListener("click", async () => {
    const r = await markRead(null);
    if (r) { announce(t("notifications.marked", { count: r.marked })); focusElement($("#unread-count", view.root)); }
  });
  more.addEventListener("click", () => load(false));
  view.on("notification", (n) => {
    put(n, "prepend");
    gql(ops.Counts).then((d) => view.alive && showUnread(d.unreadNotificationCount)).catch(() => {});
  });
  view.on("resync", () => load(true));
  await load(true);
}
