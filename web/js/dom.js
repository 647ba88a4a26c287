// Tiny DOM helpers: HTML templates that escape by default, event delegation, the announcer.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);

class SafeHtml {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

/** Marks trusted markup (built by `html` or constant) so it is not escaped again. */
export const raw = (text) => new SafeHtml(text);

function part(value) {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(part).join("");
  if (value === null || value === undefined || value === false) return "";
  return esc(value);
}

/** html`<p>${text}</p>`: interpolated values are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => { out += part(value) + strings[i + 1]; });
  return new SafeHtml(out);
}

export function mount(element, content) {
  element.innerHTML = part(content);
  return element;
}

/** One element from markup (the first one). */
export function fragment(content) {
  const template = document.createElement("template");
  template.innerHTML = part(content).trim();
  return template.content.firstElementChild;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** Delegated listener: fn(event, matchedElement) for events inside root whose target matches selector. */
export function delegate(root, type, selector, fn) {
  const handler = (event) => {
    const match = event.target.closest(selector);
    if (match && root.contains(match)) fn(event, match);
  };
  root.addEventListener(type, handler);
  return () => root.removeEventListener(type, handler);
}

/** Says `text` through the polite live region (screen readers). Lines are added, not replaced,
 * so two updates in quick succession are both read. */
export function announce(text) {
  const region = document.getElementById("announcer");
  if (!region) return;
  const line = document.createElement("p");
  line.textContent = text;
  region.append(line);
  setTimeout(() => line.remove(), 10000);
}

/** Moves focus to an element that is not natively focusable (headings, messages). */
export function focusElement(element) {
  if (!element) return;
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: false });
}
