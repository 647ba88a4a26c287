// An unknown address inside the app.
import { html, mount } from "../dom.js";
import { t } from "../i18n.js";

export async function render(view) {
  mount(view.root, html`<h1>${t("notfound.title")}</h1>
    <div class="card"><p>${t("notfound.lead")}</p><p><a class="button" href="#/">${t("notfound.home")}</a></p></div>`);
}
