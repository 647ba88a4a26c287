// Employee home: my profile, duties, SKP, competency gap, 20 JP plan, and my enrollments (live).
import { gql, mutate } from "../api.js";
import * as ops from "../ops.js";
import { html, mount, fragment, delegate, announce, $ } from "../dom.js";
import { t } from "../i18n.js";
import { openDialog } from "../ui/dialog.js";
import { enrollmentItem } from "../ui/enrollments.js";
import * as profile from "../ui/profile.js";

export async function render(view) {
  const year = new Date().getFullYear();
  mount(view.root, html`<h1>${t("home.greeting", { name: view.app.me.fullName })}</h1><p class="loading">${t("common.loading")}</p>`);
  const { me } = await gql(ops.Home, { year });
  if (!view.alive) return;
  const byId = new Map(me.enrollments.edges.map((e) => [e.node.id, e.node]));
  mount(view.root, html`<h1>${t("home.greeting", { name: me.fullName })}</h1>
    <div class="grid">
      ${profile.profileCard(me)}
      ${profile.enrollmentsSection(me, { actions: true })}
      ${profile.planSection(me, { href: "#/rencana" })}
      ${profile.competencySection(me)}
      ${profile.skpSection(me, year, { href: "#/skp" })}
      ${profile.dutiesSection(me)}
    </div>`);
  const list = $("#enrollments", view.root);

  function put(enrollment) {
    byId.set(enrollment.id, enrollment);
    const item = fragment(enrollmentItem(enrollment, { actions: true }));
    const old = list.querySelector(`[data-enrollment="${CSS.escape(enrollment.id)}"]`);
    if (old) old.replaceWith(item);
    else list.prepend(item);
    $("#enrollments-empty", view.root).hidden = true;
    return item;
  }

  view.on("enrollment", (enrollment) => {
    put(enrollment);
    announce(t("home.enrollmentChanged", { title: enrollment.session.course.title, status: t(`status.${enrollment.status}`) }));
  });
  view.on("resync", async () => {
    const data = await gql(ops.Home, { year }).catch(() => null);
    if (data && view.alive) data.me.enrollments.edges.forEach((e) => put(e.node));
  });

  delegate(view.root, "click", "[data-action=cancel]", (_, button) => {
    const enrollment = byId.get(button.dataset.id);
    openDialog({
      title: t("enrollment.cancelTitle"),
      body: html`<p>${enrollment.session.course.title}</p>
        <div class="field"><label for="cancel-reason">${t("enrollment.cancelReason")}</label>
        <textarea id="cancel-reason" name="reason" rows="3" maxlength="500"></textarea></div>`,
      submitLabel: t("enrollment.cancelConfirm"),
      danger: true,
      onSubmit: async (form) => {
        const result = await mutate(ops.CancelEnrollment, { enrollmentId: enrollment.id, reason: form.get("reason") }, "cancelEnrollment");
        if (result.problem) return result.problem;
        put(result.data.enrollment);
        announce(t("enrollment.cancelled"));
      },
    });
  });

  delegate(view.root, "click", "[data-action=feedback]", (_, button) => {
    const enrollment = byId.get(button.dataset.id);
    openDialog({
      title: t("feedback.title"),
      body: html`<p>${enrollment.session.course.title}</p>
        <fieldset class="rating"><legend>${t("feedback.rating")}</legend>
          ${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="rating" value="${n}"> ${n}</label>`)}
        </fieldset>
        <div class="field"><label for="fb-comment">${t("feedback.comment")}</label>
        <textarea id="fb-comment" name="comment" rows="3" maxlength="1000"></textarea></div>`,
      submitLabel: t("feedback.submit"),
      onSubmit: async (form) => {
        if (!form.get("rating")) return t("feedback.pickRating");
        const input = { enrollmentId: enrollment.id, rating: Number(form.get("rating")), comment: form.get("comment") };
        const result = await mutate(ops.SubmitTrainingFeedback, input, "submitTrainingFeedback");
        if (result.problem) return result.problem;
        put(result.data.enrollment);
        announce(t("feedback.thanks"));
      },
    });
  });
}
