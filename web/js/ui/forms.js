// Forms that send one mutation with a result union: a typed error ({ code, field, message }) is
// shown next to the input it names (aria-invalid, aria-describedby), else at the form's alert.
import { gql, problemText } from "../api.js";
import { html, focusElement } from "../dom.js";

let counter = 0;

/** The error slot of the input called `name` (id `${inputId}-error`, in its aria-describedby). */
export const fieldError = (inputId, name) => html`<p class="field-error" id="${inputId}-error" data-error-for="${name}"></p>`;

/** A labelled field with its hint and error slot. `options` (select) and `attrs` are trusted markup. */
export function field({ id, name, label, type = "text", control = "input", hint = "", value = "", options = null, attrs = "" }) {
  const describedBy = `${id}-error${hint ? ` ${id}-hint` : ""}`;
  let input;
  if (control === "textarea") {
    input = html`<textarea id="${id}" name="${name}" rows="3" aria-describedby="${describedBy}" ${attrs}>${value}</textarea>`;
  } else if (control === "select") {
    input = html`<select id="${id}" name="${name}" aria-describedby="${describedBy}" ${attrs}>${options}</select>`;
  } else {
    input = html`<input id="${id}" name="${name}" type="${type}" value="${value}" aria-describedby="${describedBy}" ${attrs}>`;
  }
  return html`<div class="field"><label for="${id}">${label}</label>${input}
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ""}${fieldError(id, name)}</div>`;
}

export const uid = (prefix) => `${prefix}-${++counter}`;

const watched = new WeakSet();
/** A field's message goes once the field is changed: it no longer describes what is there. */
function watch(form) {
  if (watched.has(form)) return;
  watched.add(form);
  const fixed = (event) => {
    const name = event.target.name;
    if (!name) return;
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) slot.textContent = "";
    for (const same of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) same.removeAttribute("aria-invalid");
  };
  form.addEventListener("input", fixed);
  form.addEventListener("change", fixed);
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll(".field-error")) slot.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const alert = form.querySelector(".form-error");
  if (alert) alert.textContent = "";
}

/** Shows a typed error (or a failure) in the form; focuses the field at fault. */
export function showProblem(form, problem) {
  const text = problemText(problem);
  const name = problem.field && CSS.escape(problem.field);
  const input = name ? form.querySelector(`[name="${name}"]`) : null;
  const slot = name ? form.querySelector(`[data-error-for="${name}"]`) : null;
  if (input && slot) {
    slot.textContent = text;
    input.setAttribute("aria-invalid", "true");
    watch(form);
    input.focus();
    return;
  }
  const alert = form.querySelector(".form-error");
  if (alert) {
    alert.textContent = text;
    focusElement(alert);
  }
}

/**
 * Sends `document` with { input } and returns the success payload, or null after showing the
 * typed error (or the failure) in `form`. The submit buttons are disabled meanwhile.
 */
export async function send(form, document, input, fieldName, variables = {}) {
  clearErrors(form);
  const buttons = [...form.querySelectorAll("button")];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const result = (await gql(document, { input, ...variables }))[fieldName];
    if (result.__typename?.endsWith("Error")) {
      showProblem(form, result);
      return null;
    }
    return result;
  } catch (failure) {
    showProblem(form, failure);
    return null;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** Empty text fields become "" and numbers stay strings (the API takes decimals as strings). */
export const value = (form, name) => (form.elements[name]?.value ?? "").trim();
