// Sign-in: SSO, and the demo personas when the server has development sign-in on.
import { html, mount, $ } from "../dom.js";
import { t } from "../i18n.js";

export async function render(view) {
  mount(view.root, html`<section class="card signin" aria-labelledby="signin-h">
    <h1 id="signin-h">${t("signin.title")}</h1>
    ${view.app.sessionEnded ? html`<p class="notice" role="alert">${t("signin.ended")}</p>` : ""}
    <p>${t("signin.lead")}</p>
    <p><a class="button primary block" href="/auth/login">${t("signin.sso")}</a></p>
    <div id="dev-login" hidden>
      <p class="muted">${t("signin.devLead")}</p>
      <p><a class="button block" href="/auth/dev-login">${t("signin.dev")}</a></p>
    </div>
  </section>`);
  // Development sign-in exists only when the server turns it on; otherwise this is a 404.
  try {
    const probe = await fetch("/auth/dev-login", { method: "HEAD", credentials: "same-origin" });
    if (probe.ok && view.alive) $("#dev-login", view.root).hidden = false;
  } catch {
    /* offline: the SSO button is still there */
  }
}
