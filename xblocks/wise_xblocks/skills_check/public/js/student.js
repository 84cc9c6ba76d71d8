// The learner's page: answer, save, read the result, change the answers later.
import { makeAnnouncer } from "../common/js/announce.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { countAnswered, readRatings } from "./ratings.js";
import { resultHtml } from "./results.js";

export function start(runtime, element, args) {
  const root = element.querySelector(".wise-skills-check");
  const { t } = makeTranslator(args.strings || {});
  const server = makeServer(runtime, element);
  const announcer = makeAnnouncer(root.querySelector(".wsc-status"));
  const questions = root.querySelector(".wsc-questions");
  const form = root.querySelector(".wsc-form");
  const progress = root.querySelector(".wsc-progress");
  const result = root.querySelector(".wsc-result");
  const body = root.querySelector(".wsc-result-body");
  const submit = root.querySelector(".wsc-submit");
  const fieldsets = [...root.querySelectorAll(".wsc-competence")];

  const publish = (eventType, fields = {}) =>
    server.call("publish_event", { event_type: eventType, ...fields }).catch(() => {});

  function currentRatings() {
    return readRatings(fieldsets.map((fieldset) => {
      const checked = fieldset.querySelector("input[type=radio]:checked");
      return { key: fieldset.dataset.key, value: checked ? checked.value : null };
    }));
  }

  function showProgress() {
    progress.textContent = t("answered", { answered: countAnswered(currentRatings()), total: fieldsets.length });
  }

  function showResult(state, { focus }) {
    body.innerHTML = resultHtml(state.result, t, root.id);
    questions.hidden = true;
    result.hidden = false;
    if (focus) root.querySelector(".wsc-result-title").focus();
  }

  form.addEventListener("change", showProgress);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    announcer.say(t("saving"));
    try {
      const state = await server.call("submit", { ratings: currentRatings() });
      showResult(state, { focus: true });
      announcer.say(t("saved"));
    } catch (error) {
      announcer.say(error.message ? `${t("error")} ${error.message}` : t("error"));
    } finally {
      submit.disabled = false;
    }
  });

  root.querySelector(".wsc-revise").addEventListener("click", () => {
    result.hidden = true;
    questions.hidden = false;
    const first = form.querySelector("input[type=radio]:checked") || form.querySelector("input[type=radio]");
    if (first) first.focus();
    announcer.say(t("revising"));
    publish("wise.skills_check.revise_started");
  });

  body.addEventListener("click", (event) => {
    const link = event.target.closest("a.wsc-unit");
    if (link) publish("wise.skills_check.unit_opened", { competence: link.dataset.competence || "" });
  });

  showProgress();
  if (args.state && args.state.submitted && args.state.result) showResult(args.state, { focus: false });
  publish("wise.skills_check.loaded", { submitted: Boolean(args.state && args.state.submitted) });
}
