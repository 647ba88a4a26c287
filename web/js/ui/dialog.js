// A modal form in a native <dialog>: focus moves in and is trapped by the browser, Escape
// closes it, and focus returns to the control that opened it.
import { html, mount, $ } from "../dom.js";
import { t } from "../i18n.js";

let counter = 0;

/**
 * openDialog({ title, body, submitLabel, danger, onSubmit(formData, form) }) — onSubmit returns
 * an error text to show (the dialog stays open), true to stay open (the form shows its own
 * errors, e.g. next to a field), or nothing to close it.
 */
export function openDialog({ title, body, submitLabel, danger = false, onSubmit }) {
  const opener = document.activeElement;
  const id = `dlg-${++counter}`;
  const dialog = document.createElement("dialog");
  dialog.className = "dialog";
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  mount(dialog, html`
    <form class="dialog-form" novalidate>
      <h2 id="${id}-title">${title}</h2>
      ${body}
      <p class="form-error" role="alert" id="${id}-error"></p>
      <div class="actions">
        <button type="submit" class="button ${danger ? "danger" : "primary"}">${submitLabel}</button>
        <button type="button" class="button" data-close>${t("common.close")}</button>
      </div>
    </form>`);
  document.body.append(dialog);
  const form = $("form", dialog);
  const error = $(".form-error", dialog);
  const close = () => dialog.close();
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  });
  $("[data-close]", dialog).addEventListener("click", close);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = $("button[type=submit]", form);
    submit.disabled = true;
    error.textContent = "";
    try {
      const problem = await onSubmit(new FormData(form), form);
      if (problem === true) return;
      if (problem) error.textContent = problem;
      else close();
    } finally {
      submit.disabled = false;
    }
  });
  dialog.showModal();
  const first = $("textarea, input, select", form);
  if (first) first.focus();
  return dialog;
}
