// Minimal employee home: who am I, duties, competency gaps and the 20 JP plan.
// The full mobile app grows here as the API lands (see schema/operations/Home.graphql).
const HOME = `query Home($year: Int) { me { fullName nipFormatted rank { label title }
  position { name } unit { name } supervisor { fullName }
  duties { description }
  competencyProfile { jobPersonMatch items { required assessed gap competency { code name } } }
  trainingPlan(year: $year) { plannedJp completedJp rightJp remainingJp } } }`;

const app = document.getElementById("app");
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function gql(query, variables) {
  const res = await fetch("/graphql", {
    method: "POST", headers: { "content-type": "application/json" },
    credentials: "same-origin", body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function main() {
  const { data, errors } = await gql(HOME, { year: new Date().getFullYear() });
  if (errors && errors[0]?.extensions?.code === "UNAUTHENTICATED") {
    app.innerHTML = `<section><h2>Silakan masuk</h2>
      <p><a class="button" href="/auth/login">Masuk dengan SSO</a></p>
      <p class="muted"><a href="/auth/dev-login">Masuk sebagai persona demo</a> (mode pengembangan)</p></section>`;
    return;
  }
  if (!data?.me) { app.innerHTML = `<section><p>Gagal memuat data.</p></section>`; return; }
  const me = data.me, plan = me.trainingPlan, prof = me.competencyProfile;
  const pct = Math.min(100, Math.round((plan.completedJp / plan.rightJp) * 100));
  app.innerHTML = `
    <section><h2>${esc(me.fullName)}</h2>
      <p class="muted">NIP ${esc(me.nipFormatted)} · ${esc(me.rank.label)} ${esc(me.rank.title)}</p>
      <p>${esc(me.position?.name)} — ${esc(me.unit.name)}</p>
      <p class="muted">Atasan: ${esc(me.supervisor?.fullName ?? "-")}</p></section>
    <section><h2>Uraian tugas</h2><ul>${me.duties.map((d) => `<li>${esc(d.description)}</li>`).join("")}</ul></section>
    <section><h2>Kompetensi (kesesuaian ${prof.jobPersonMatch ?? "-"}%)</h2><ul>
      ${prof.items.filter((i) => i.required).map((i) => `<li>${esc(i.competency.name)}: dibutuhkan ${i.required},
        dimiliki ${i.assessed ?? "belum dinilai"}${i.gap ? ` — <strong>kesenjangan ${i.gap}</strong>` : ""}</li>`).join("")}
    </ul></section>
    <section><h2>Pengembangan kompetensi ${new Date().getFullYear()}</h2>
      <p>${plan.completedJp} dari ${plan.rightJp} JP tercapai (rencana ${plan.plannedJp} JP)</p>
      <div class="bar" role="img" aria-label="${plan.completedJp} dari ${plan.rightJp} JP"><span style="width:${pct}%"></span></div></section>
    <form method="post" action="/auth/logout"><button type="submit">Keluar</button></form>`;
}
main();
