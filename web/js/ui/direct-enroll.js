// Direct enrollment from a catalog session: a supervisor enrolls a direct subordinate, HR anyone.
// No approval chain; the server records who enrolled them and tells the employee.
import { gql } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, announce, $ } from "../dom.js";
import { t, fmtDateRange } from "../i18n.js";
import { openDialog } from "./dialog.js";
import { field, send, uid } from "./forms.js";

function people(data) {
  const seen = new Map();
  for (const m of data.myTeam) seen.set(m.employee.nip, m.employee);
  for (const { node } of data.employees.edges) if (!seen.has(node.nip)) seen.set(node.nip, node);
  return [...seen.values()];
}

const personOptions = (list) => list.length
  ? list.map((p) => html`<option value="${p.nip}">${p.fullName} · ${p.nipFormatted}</option>`)
  : html`<option value="">${t("enroll.nobody")}</option>`;

/** Opens the dialog for session `s`; onDone(enrollment) after a success. */
export async function openDirectEnroll(s, onDone) {
  const id = uid("enr");
  const first = await gql(ops.EnrollCandidates, { search: null }).catch(() => ({ myTeam: [], employees: { edges: [] } }));
  const dialog = openDialog({
    title: t("enroll.title"),
    body: html`<p><strong>${s.course.title}</strong><br><span class="meta">${fmtDateRange(s.startsOn, s.endsOn)}</span></p>
      <p class="hint">${t("enroll.lead")}</p>
      <div class="field"><label for="${id}-search">${t("enroll.search")}</label>
        <div class="inline-search"><input id="${id}-search" type="search" autocomplete="off" data-role="search">
        <button type="button" class="button small" data-role="find">${t("team.find")}</button></div></div>
      ${field({ id: `${id}-nip`, name: "nip", label: t("enroll.person"), control: "select", options: personOptions(people(first)) })}
      ${field({ id: `${id}-note`, name: "note", label: t("enroll.note"), control: "textarea", hint: t("enroll.noteHint") })}`,
    submitLabel: t("enroll.submit"),
    onSubmit: async (data, form) => {
      const input = { sessionId: s.id, nip: String(data.get("nip") || ""), note: String(data.get("note") || "") };
      const done = await send(form, ops.EnrollEmployee, input, "enrollEmployee");
      if (!done) return true;
      const e = done.enrollment;
      announce(t("enroll.done", { name: e.employee.fullName, status: t(`status.${e.status}`) }));
      onDone(e);
    },
  });
  const search = $("[data-role=search]", dialog);
  const select = $("select[name=nip]", dialog);
  const find = async () => {
    const data = await gql(ops.EnrollCandidates, { search: search.value.trim() || null }).catch(() => null);
    if (!data || !dialog.open) return;
    mount(select, personOptions(search.value.trim() ? data.employees.edges.map((e) => e.node) : people(data)));
    announce(t("enroll.found", { count: select.querySelectorAll("option[value]:not([value=''])").length }));
  };
  $("[data-role=find]", dialog).addEventListener("click", find);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); find(); }
  });
}
