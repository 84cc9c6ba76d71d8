"""The costing exercise XBlock: XBlock glue only.

The scenario (cost lines, parameters with ranges, steps with formulas) lives in one content
field as the plain dict scenario.py checks and compiles; each learner gets parameter values
drawn within the ranges from a seed of their anonymous id and this block (stable across
reloads, different between learners). Submitting grades every step (grading.py), keeps the
best score through the shared ScoringMixin, and unlocks the what-if chart; the worked
solution follows the show-answer policy.
"""

import hashlib

from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Scope, String

from ..common import showanswer
from ..common.events import ClientEventsMixin
from ..common.handlers import json_handler, validation_error_response
from ..common.i18n import JS_NAMESPACE, _, current_language, ngettext_noop, translate_strings
from ..common.olx import OLXError
from ..common.reports import report_rows
from ..common.resources import BlockAssetsMixin
from ..common.sanitize import plain_text, sanitize_html
from ..common.scoring import ScoringMixin, one_submission_at_a_time
from ..common.seeding import block_key, learner_key, rng_for
from ..common.versioning import VersionedStateMixin, learner_state_handler
from . import grading, olx, studio
from .expression import EvaluationError
from .numbers import AmountError, normalize_locale, parse_amount
from .scenario import (
    BASIS_LABELS,
    MISTAKES,
    TEMPLATES,
    ScenarioInvalid,
    compiled_for,
    load_template,
    localize_scenario,
    step_settings,
    vat_rates,
)

MAX_ANSWER_LENGTH = 40
CLIENT_EVENTS = frozenset(
    {
        "wise.costing.loaded",  # the page showed the exercise
        "wise.costing.chart_explored",  # the learner moved the what-if cursor or changed the what-if price
        "wise.costing.solution_viewed",  # the learner opened the worked solution
    }
)
TEMPLATE_TITLES = {
    "tourism_package": _("Tourism package (group tour, VAT margin scheme)"),
    "farm_gross_margin": _("Farm gross margin per hectare and break-even yield"),
    "reuse_shop": _("Reuse shop: pricing refurbished goods"),
}
COUNTRY_NAMES = {"IT": _("Italy"), "SI": _("Slovenia"), "HR": _("Croatia"), "PL": _("Poland"), "BE": _("Belgium")}
JS_STRINGS = {
    "submitting": _("Checking your answers..."),
    "submitted": ngettext_noop(
        "You got {earned} of {possible} step right.", "You got {earned} of {possible} steps right.", "possible"
    ),
    "error": _("Your answers could not be checked. Please try again."),
    "correct": _("Correct."),
    "incorrect": _("Not correct yet."),
    "unanswered": _("No answer given."),
    "hintLoading": _("Loading a hint..."),
    "hintShown": _("Hint {index} of {total}"),
    "noMoreHints": _("No more hints for this step."),
    "chartTitle": _("What if? Cost, revenue and profit"),
    "chartDesc": _("Cost, revenue and profit for {from} to {to}. Break-even at {breakEven}."),
    "noBreakEven": _("no break-even: the price does not cover the variable cost"),
    "cost": _("Cost"),
    "revenue": _("Revenue"),
    "profit": _("Profit"),
    "breakEven": _("Break-even"),
    "at": _("At {x}: cost {cost}, revenue {revenue}, profit {profit}."),
    "tableCaption": _("Cost, revenue and profit, as a table"),
    "whatIfPrice": _("What-if revenue per unit"),
    "studioSaving": _("Saving..."),
    "studioSaved": _("Saved."),
    "studioError": _("Please fix the problems below. Nothing was saved."),
    "attemptsLeft": _("Attempts left: {count}"),
    "solutionTitle": _("Worked solution"),
}


def _dom_id(usage_id):
    return "wco-" + hashlib.sha256(str(usage_id).encode("utf-8")).hexdigest()[:10]


@XBlock.wants("user")
@XBlock.supports("multi_device")
class CostingXBlock(VersionedStateMixin, ScoringMixin, BlockAssetsMixin, ClientEventsMixin, XBlock):
    """A guided costing exercise: price a tour, a crop or a refurbished product, step by step."""

    client_event_types = CLIENT_EVENTS
    i18n_js_namespace = JS_NAMESPACE
    icon_class = "problem"
    block_format = olx.FORMAT  # OLX and learner-state versions (common/versioning.py)

    display_name = String(display_name=_("Display name"), default=_("Costing exercise"), scope=Scope.settings)
    scenario = Dict(help="The costing scenario (see scenarios/scenario.schema.json)", default=None, scope=Scope.content)

    answers = Dict(help="The learner's latest answers as typed: {step: text}", default={}, scope=Scope.user_state)
    results = Dict(
        help="The latest result per step: {step: correct|incorrect|unanswered}", default={}, scope=Scope.user_state
    )
    mistakes = Dict(
        help="The mistake named per step in the latest result: {step: name}", default={}, scope=Scope.user_state
    )
    hints_seen = Dict(help="How many hints the learner opened per step", default={}, scope=Scope.user_state)
    # Counters across learners for the staff summary. Concurrent submissions may lose an increment
    # (the runtime writes the whole dict): good enough to see which steps fail most.
    step_stats = Dict(help="{step: {answered, wrong, mistakes: {kind: n}}}", default={}, scope=Scope.user_state_summary)

    # --- content ------------------------------------------------------------------------------
    def scenario_data(self):
        return self.scenario or olx.normalize(load_template("tourism_package"))

    def compiled(self):
        """The exercise as the current reader sees it: shipped template text in their language (an author's
        own wording stays); names, formulas and numbers are untouched, so answers do not change."""
        data = self.scenario_data()
        language = current_language()
        if not language.lower().startswith("en"):
            data = localize_scenario(data, language)
        return compiled_for(data)

    def locale(self):
        return normalize_locale(current_language())

    def learner_values(self, compiled):
        return compiled.draw(rng_for("wise_costing", learner_key(self), block_key(self)))

    def learner_env(self, compiled):
        try:
            return compiled.evaluate(self.learner_values(compiled))
        except EvaluationError:  # cannot happen for a validated scenario; never break a learner's page
            return compiled.evaluate()

    # --- OLX ----------------------------------------------------------------------------------
    @classmethod
    def parse_xml(cls, node, runtime, keys):
        settings, data = olx.parse_olx(node)
        data = sanitize_scenario(data)
        try:
            compiled_for(data)
        except ScenarioInvalid as error:
            raise OLXError(olx.BLOCK_TYPE, node.get("url_name"), olx.BLOCK_TYPE, str(error)) from None
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in settings.items():
            setattr(block, name, value)
        block.scenario = data
        return block

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        settings = {name: getattr(self, name) for name in olx.SETTINGS if self.fields[name].is_set_on(self)}
        olx.write_olx(node, settings, self.scenario_data())

    # --- what the learner reads ---------------------------------------------------------------
    def table(self, compiled, env, translator):
        """Parameters and cost lines with this learner's values, formatted in the learner's locale."""
        locale, currency = self.locale(), compiled.currency()
        data = compiled.data
        labels = {
            **{key: translator.gettext(value) for key, value in BASIS_LABELS.items()},
            **{key: plain_text(value) for key, value in (data.get("labels") or {}).items()},
        }
        parameters = [
            {
                "name": p["name"],
                "label": plain_text(p["label"]),
                "display": grading.format_value(
                    env[p["name"]],
                    p.get("unit", "number"),
                    currency,
                    locale,
                    1 if p.get("unit") == "percent" else 0 if float(env[p["name"]]).is_integer() else 2,
                    plain_text(p.get("suffix", "")),
                ),
            }
            for p in compiled.parameters
        ]
        parts = compiled.line_parts(env)
        lines = []
        for line in data["cost_lines"]:
            amount, quantity = parts[line["name"]]
            percent = line["basis"] == "percent"
            lines.append(
                {
                    "name": line["name"],
                    "label": plain_text(line["label"]),
                    "basis": labels[line["basis"]],
                    "amount": grading.format_value(amount, "percent" if percent else "money", currency, locale),
                    "quantity": grading.format_value(
                        quantity, "number", currency, locale, 0 if float(quantity).is_integer() else 2
                    ),
                    "quantity_label": plain_text(line.get("quantity_label", "")),
                }
            )
        vat = None
        if compiled.vat:
            vat = {
                "country": translator.gettext(COUNTRY_NAMES.get(compiled.data["vat_country"], compiled.vat["name"])),
                "standard": grading.format_value(compiled.vat["standard"], "percent", currency, locale),
                "accommodation": grading.format_value(compiled.vat["accommodation"], "percent", currency, locale),
            }
        return {"parameters": parameters, "lines": lines, "vat": vat}

    def step_views(self, compiled, translator):
        steps = []
        for step in compiled.steps:
            settings = step_settings(step)
            steps.append(
                {
                    "name": step["name"],
                    "label": plain_text(step["label"]),
                    "prompt": sanitize_html(step.get("prompt")),
                    "unit": settings["unit"],
                    "suffix": plain_text(step.get("suffix", "")),
                    "rule": grading.rounding_rule(step, translator.gettext, translator.ngettext),
                    "hint_count": len(step.get("hints", [])),
                    # Phones' decimal keypads have no minus sign: offer the full keyboard when needed.
                    "inputmode": "text" if step["name"] in compiled.may_be_negative else "decimal",
                    "weight": settings["weight"],
                }
            )
        return steps

    def student_view_data(self, context=None):
        """Course content for the mobile apps: no formulas, no feedback rules, no answers.

        Parameter values are per learner; the apps read them (and the learner's results) from
        the learner_state handler.
        """
        translator = self.translator()
        compiled = self.compiled()
        data = compiled.data
        return {
            "display_name": self.display_name,
            "title": plain_text(data["title"]),
            "intro": sanitize_html(data.get("intro")),
            "currency": compiled.currency(),
            "steps": self.step_views(compiled, translator),
            "has_chart": bool(data.get("chart")),
            "handlers": {"submit": "submit", "hint": "hint", "state": "learner_state"},
            "max_attempts": self.max_attempts or None,
            "weight": self.weight,
        }

    def chart_data(self, compiled, env, translator):
        chart = compiled.chart_values(env)
        if chart is None:
            return None
        spec = compiled.data["chart"]
        return {
            "fixed": chart["fixed"],
            "variable": chart["variable"],
            "unit_revenue": chart["unit_revenue"],
            "break_even": chart["break_even"],
            "from": spec["x_from"],
            "to": spec["x_to"],
            "x_label": plain_text(spec.get("x_label") or translator.gettext("Participants")),
            "currency": compiled.currency(),
            "locale": self.locale(),
        }

    def learner_payload(self, translator, compiled=None, env=None, grade_result=None):
        """The learner's state for the page and the apps; answers only when the policy allows."""
        compiled = compiled or self.compiled()
        env = env if env is not None else self.learner_env(compiled)
        payload = {
            "answers": dict(self.answers or {}),
            "results": self.result_views(compiled, translator, grade_result),
            "scoring": self.scoring_state(),
            "table": self.table(compiled, env, translator),
            "chart": self.chart_data(compiled, env, translator) if self.attempts > 0 else None,
            "solution": None,
        }
        if self.answer_available():
            payload["solution"] = self.solution(compiled, env)
        return payload

    def result_views(self, compiled, translator, grade_result=None):
        if grade_result is not None:
            return {step.name: step.for_learner(translator.gettext) for step in grade_result.steps}
        # After a reload: the stored status and named mistake, with the mistake's message again.
        views = {}
        for name, status in (self.results or {}).items():
            if name not in compiled.step_names:
                continue
            mistake = (self.mistakes or {}).get(name)
            views[name] = {
                "name": name,
                "status": status,
                "mistake": mistake,
                "message": self.mistake_message(compiled, name, mistake, translator),
            }
        return views

    @staticmethod
    def mistake_message(compiled, step_name, mistake, translator):
        if not mistake:
            return None
        step = compiled.steps[compiled.step_names.index(step_name)]
        for rule in step.get("feedback", []):
            if rule["mistake"] == mistake and rule.get("message"):
                return sanitize_html(rule["message"])
        if mistake == "sign":
            return translator.gettext("Check the sign of your answer.")
        return translator.gettext(MISTAKES[mistake]) if mistake in MISTAKES else None

    def solution(self, compiled, env):
        worked = grading.worked_solution(compiled, env, self.locale())
        explanations = {step["name"]: sanitize_html(step.get("explanation")) for step in compiled.steps}
        for entry in worked:
            entry["explanation"] = explanations[entry["name"]]
        return worked

    def student_view(self, context=None):
        refusal = self.newer_state_refusal()  # state from a newer release: say so, touch nothing
        if refusal:
            return refusal
        translator = self.translator()
        compiled = self.compiled()
        env = self.learner_env(compiled)
        data = self.student_view_data(context)
        state = self.learner_payload(translator, compiled, env)
        answers = state["answers"]
        for step in data["steps"]:
            step["answer"] = answers.get(step["name"], "")
            step["status"] = state["results"].get(step["name"], {}).get("status")
        html = self.render_template(
            "templates/student.html",
            {
                "uid": _dom_id(self.scope_ids.usage_id),
                "data": data,
                "table": state["table"],
                "scoring": state["scoring"],
                "staff_summary": self.staff_summary() if self.user_is_staff() else None,
            },
            translator,
        )
        return self.module_fragment(
            html,
            {
                "view": "student",
                "strings": translate_strings(translator, JS_STRINGS),
                "state": state,
                "locale": self.locale(),
            },
        )

    # --- handlers ------------------------------------------------------------------------------
    def clean_answers(self, data, compiled, translator):
        """{step: text} from the payload, or 400; unreadable numbers are refused before anything is counted."""
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            raise JsonHandlerError(400, translator.gettext('Send your answers as {"answers": {step: text}}.'))
        answers, problems = {}, []
        for name, text in data["answers"].items():
            if name not in compiled.step_names:
                raise JsonHandlerError(
                    400, translator.gettext("There is no step “{name}” in this exercise.").format(name=str(name)[:40])
                )
            if text is None:
                continue
            if isinstance(text, (int, float)) and not isinstance(text, bool):
                text = repr(float(text)) if abs(float(text)) < 1e15 else "x"
            if not isinstance(text, str) or len(text) > MAX_ANSWER_LENGTH:
                raise JsonHandlerError(
                    400,
                    translator.ngettext(
                        "The answer for “{name}” must be text of at most {limit} character.",
                        "The answer for “{name}” must be text of at most {limit} characters.",
                        MAX_ANSWER_LENGTH,
                    ).format(name=name, limit=MAX_ANSWER_LENGTH),
                )
            text = text.strip()
            if text:
                try:
                    parse_amount(text, self.locale())
                except AmountError as error:
                    problems.append({"field": name, "message": error.render(translator.gettext)})
            answers[name] = text
        return answers, problems

    @learner_state_handler()
    @json_handler
    @one_submission_at_a_time
    def submit(self, data, suffix=""):
        """Grade the learner's answers ({"answers": {step: text}}): per-step results, grade, chart, solution."""
        translator = self.translator()
        self.ensure_can_submit()
        compiled = self.compiled()
        answers, problems = self.clean_answers(data, compiled, translator)
        if problems:
            # A typo in a number is not an attempt: say which step, change nothing. (A 200, because the
            # request itself is well-formed; the page shows the messages next to the inputs.)
            return {"accepted": False, "errors": problems}
        env = self.learner_env(compiled)
        result = grading.grade(compiled, env, answers, self.locale())
        self.answers = answers
        self.results = {step.name: step.status for step in result.steps}
        self.mistakes = {step.name: step.mistake for step in result.steps if step.mistake}
        self.update_stats(result)
        self.record_attempt(result.fraction)
        self.runtime.publish(
            self,
            "wise.costing.submitted",
            {
                "attempt": self.attempts,
                "score": round(result.fraction, 4),
                "steps_correct": sum(1 for step in result.steps if step.status == grading.CORRECT),
                "steps_total": len(result.steps),
                "mistakes": sorted({step.mistake for step in result.steps if step.mistake}),
            },
        )
        payload = self.learner_payload(translator, compiled, env, result)
        payload["accepted"] = True
        payload["earned"] = result.earned
        payload["possible"] = result.possible
        return payload

    @learner_state_handler()
    @json_handler
    def hint(self, data, suffix=""):
        """The next hint for a step ({"step": name, "index": n}); hints are free and counted for reports."""
        translator = self.translator()
        compiled = self.compiled()
        if not isinstance(data, dict) or data.get("step") not in compiled.step_names:
            raise JsonHandlerError(400, translator.gettext('Ask for a hint with {"step": name}.'))
        step = compiled.steps[compiled.step_names.index(data["step"])]
        hints = step.get("hints", [])
        index = data.get("index", 0)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < max(1, len(hints)):
            raise JsonHandlerError(400, translator.gettext("There is no such hint for this step."))
        if not hints:
            return {"step": step["name"], "index": 0, "total": 0, "hint": None}
        seen = dict(self.hints_seen or {})
        seen[step["name"]] = max(seen.get(step["name"], 0), index + 1)
        self.hints_seen = seen
        self.runtime.publish(
            self, "wise.costing.hint_shown", {"step": step["name"], "index": index, "total": len(hints)}
        )
        return {"step": step["name"], "index": index, "total": len(hints), "hint": sanitize_html(hints[index])}

    @learner_state_handler(writes=False)
    @json_handler
    def learner_state(self, data, suffix=""):
        """The learner's values, results and (when allowed) worked solution: for the apps and reloads."""
        return self.learner_payload(self.translator())

    @json_handler
    def staff_stats(self, data, suffix=""):
        if not self.user_is_staff():
            raise JsonHandlerError(403, self.translator().gettext("Only course staff can see this summary."))
        return {"steps": self.staff_summary()}

    # --- instructor data ------------------------------------------------------------------------
    def update_stats(self, result):
        stats = {name: dict(value) for name, value in (self.step_stats or {}).items()}
        for step in result.steps:
            entry = stats.setdefault(step.name, {"answered": 0, "wrong": 0, "mistakes": {}})
            entry["mistakes"] = dict(entry.get("mistakes", {}))
            if step.status != grading.UNANSWERED:
                entry["answered"] = entry.get("answered", 0) + 1
            if step.status != grading.CORRECT:
                entry["wrong"] = entry.get("wrong", 0) + 1
            if step.mistake:
                entry["mistakes"][step.mistake] = entry["mistakes"].get(step.mistake, 0) + 1
        self.step_stats = stats

    def staff_summary(self):
        """Steps ordered by how often submissions got them wrong (most failed first)."""
        compiled = self.compiled()
        labels = {step["name"]: plain_text(step["label"]) for step in compiled.steps}
        rows = []
        for name in compiled.step_names:
            entry = (self.step_stats or {}).get(name, {})
            submissions = entry.get("wrong", 0) + max(0, entry.get("answered", 0) - entry.get("wrong", 0))
            wrong = entry.get("wrong", 0)
            mistakes = sorted((entry.get("mistakes") or {}).items(), key=lambda item: -item[1])
            rows.append(
                {
                    "name": name,
                    "label": labels[name],
                    "wrong": wrong,
                    "submissions": submissions,
                    "share": round(wrong / submissions, 3) if submissions else None,
                    "top_mistake": mistakes[0][0] if mistakes else None,
                }
            )
        return sorted(rows, key=lambda row: (-(row["share"] or 0), compiled.step_names.index(row["name"])))

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """One row per learner and step for the LMS "problem responses" report."""
        compiled = self.compiled()
        labels = {step["name"]: plain_text(step["label"]) for step in compiled.steps}

        def rows_of(state):
            answers, results = state.get("answers") or {}, state.get("results") or {}
            if not results:
                return []
            return [
                {
                    "Step": name,
                    "Question": labels[name],
                    "Answer": answers.get(name, ""),
                    "Result": results.get(name, grading.UNANSWERED),
                    "Hints opened": (state.get("hints_seen") or {}).get(name, 0),
                    "Attempts": state.get("attempts", 0),
                }
                for name in compiled.step_names
            ]

        return report_rows(user_state_iterator, limit_responses, rows_of)

    def index_dictionary(self):
        index = super().index_dictionary()
        data = self.scenario_data()
        text = " ".join(
            [plain_text(data["title"]), plain_text(data.get("intro"))]
            + [plain_text(step["label"]) for step in data["steps"]]
        )
        index.setdefault("content", {})
        index["content"].update({"display_name": self.display_name, "capa_content": text})
        index["content_type"] = "Costing exercise"
        index["problem_types"] = ["wise_costing"]
        return index

    # --- Studio ---------------------------------------------------------------------------------
    def studio_view(self, context=None):
        translator = self.translator()
        html = self.render_template(
            "templates/studio.html",
            {
                "uid": _dom_id(self.scope_ids.usage_id),
                "display_name": self.display_name,
                "weight": self.weight,
                "max_attempts": self.max_attempts or "",
                "showanswer": self.showanswer,
                "policies": [
                    {"value": value, "label": translator.gettext(label)}
                    for value, label in (
                        (entry["value"], entry["display_name"]) for entry in self.fields["showanswer"].values
                    )
                ],
                "templates": [
                    {"value": name, "label": translator.gettext(TEMPLATE_TITLES[name])} for name in TEMPLATES
                ],
                "scenario_olx": olx.to_string({}, self.scenario_data()),
                # Author text goes to the page through json_script (it escapes <, > and &), never
                # through the init args, which a runtime may print inside a <script> as they are.
                "scenario": studio.editor_scenario(self.scenario_data()),
            },
            translator,
        )
        return self.module_fragment(
            html,
            {
                "view": "studio",
                "strings": translate_strings(translator, {**JS_STRINGS, **studio.studio_strings()}),
                "choices": self.editor_choices(translator),
            },
        )

    @staticmethod
    def editor_choices(translator):
        choices = studio.editor_choices(vat_rates(), BASIS_LABELS, COUNTRY_NAMES)
        for entry in choices["bases"]:
            entry["label"] = translator.gettext(entry["label"])
        for entry in choices["vat"]:
            entry["country"] = translator.gettext(entry["country"])
        return choices

    def scenario_from_rows(self, rows, gettext):
        """(scenario, errors) from the editor's rows: the OLX path's checks, errors naming row and field."""
        try:
            scenario = sanitize_scenario(studio.build_scenario(rows))
            compiled_for(scenario)
        except ScenarioInvalid as invalid:
            return None, studio.row_errors(invalid, rows, gettext)
        return scenario, []

    @json_handler
    def rows_to_olx(self, data, suffix=""):
        """The editor's rows as OLX, for the advanced view (checked field by field; nothing is saved)."""
        rows = data.get("scenario") if isinstance(data, dict) else None
        try:
            return {"olx": studio.scenario_olx(rows)}
        except ScenarioInvalid as invalid:
            return validation_error_response(studio.row_errors(invalid, rows, self.translator().gettext))

    @json_handler
    def olx_to_rows(self, data, suffix=""):
        """OLX typed in the advanced view as the editor's rows (read strictly; nothing is saved)."""
        text = data.get("olx") if isinstance(data, dict) else None
        if not isinstance(text, str) or len(text) > 200_000:
            message = self.translator().gettext("The scenario must be OLX text.")
            return validation_error_response([{"field": "scenario", "message": message}])
        try:
            _settings, scenario = olx.from_string(text)
        except OLXError as error:
            return validation_error_response([{"field": "scenario", "message": str(error)}])
        return {"scenario": studio.editor_scenario(scenario)}

    @json_handler
    def template_olx(self, data, suffix=""):
        """The OLX of a shipped template, to start a scenario from (nothing is saved)."""
        name = data.get("template") if isinstance(data, dict) else None
        if name not in TEMPLATES:
            raise JsonHandlerError(400, self.translator().gettext("Unknown template."))
        scenario = olx.normalize(load_template(name))
        return {"olx": olx.to_string({}, scenario), "scenario": studio.editor_scenario(scenario)}

    @json_handler
    def studio_submit(self, data, suffix=""):
        """Validate everything, then save; 400 with translated {field, message} and nothing changed."""
        translator = self.translator()
        gettext = translator.gettext
        if not isinstance(data, dict):
            return validation_error_response(
                [{"field": "", "message": gettext("The form data must be a JSON object.")}]
            )
        errors, values = [], {}
        display_name = data.get("display_name", self.display_name)
        if not isinstance(display_name, str) or not display_name.strip() or len(display_name) > 200:
            errors.append(
                {"field": "display_name", "message": gettext("Give a display name of at most 200 characters.")}
            )
        else:
            values["display_name"] = plain_text(display_name.strip())
        weight = data.get("weight", self.weight)
        try:
            weight = float(weight)
            if not 0 <= weight <= 1000:
                raise ValueError
            values["weight"] = weight
        except (TypeError, ValueError):
            errors.append({"field": "weight", "message": gettext("The weight must be a number from 0 to 1000.")})
        attempts = data.get("max_attempts", self.max_attempts)
        if attempts in ("", None):
            values["max_attempts"] = None
        else:
            try:
                if isinstance(attempts, bool) or float(attempts) != int(float(attempts)) or int(float(attempts)) < 0:
                    raise ValueError
                values["max_attempts"] = int(float(attempts)) or None
            except (TypeError, ValueError, OverflowError):
                errors.append(
                    {
                        "field": "max_attempts",
                        "message": gettext("Maximum attempts must be a whole number (empty: no limit)."),
                    }
                )
        policy = data.get("showanswer", self.showanswer)
        if policy not in showanswer.POLICIES:
            errors.append({"field": "showanswer", "message": gettext("Choose a show-answer policy from the list.")})
        else:
            values["showanswer"] = policy
        scenario = None
        text = data.get("scenario_olx")
        if "scenario" in data and text is not None:
            errors.append({"field": "scenario", "message": gettext("Send the scenario as rows or as OLX, not both.")})
        elif "scenario" in data:  # the rows editor
            scenario, problems = self.scenario_from_rows(data["scenario"], gettext)
            errors.extend(problems)
        elif text is not None:
            if not isinstance(text, str) or len(text) > 200_000:
                errors.append({"field": "scenario", "message": gettext("The scenario must be OLX text.")})
            else:
                try:
                    _settings, scenario = olx.from_string(text)
                    scenario = sanitize_scenario(scenario)
                    compiled_for(scenario)
                except OLXError as error:
                    errors.append({"field": "scenario", "message": str(error)})
                except ScenarioInvalid as invalid:
                    errors.extend(scenario_errors(invalid, gettext))
        if errors:
            return validation_error_response(errors)
        for name, value in values.items():
            setattr(self, name, value)
        if scenario is not None:
            self.scenario = scenario
        return {"result": "ok"}

    # --- workbench --------------------------------------------------------------------------------
    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Costing: tourism package (Italy, EUR)",
                '<vertical_demo><wise_costing display_name="Price a farm-stay cycling tour" template="tourism_package" '
                'max_attempts="3" showanswer="attempted"/></vertical_demo>',
            ),
            (
                "Costing: tourism package (Poland, PLN)",
                '<vertical_demo><wise_costing display_name="Price a cycling tour in Poland" template="tourism_package" '
                'vat_country="PL"/></vertical_demo>',
            ),
            (
                "Costing: farm gross margin and break-even yield",
                '<vertical_demo><wise_costing display_name="Gross margin of a wheat field" '
                'template="farm_gross_margin" '
                'showanswer="always"/></vertical_demo>',
            ),
            (
                "Costing: reuse-shop pricing",
                '<vertical_demo><wise_costing display_name="Price a refurbished washing machine" template="reuse_shop" '
                'showanswer="attempted"/></vertical_demo>',
            ),
        ]


def sanitize_scenario(data):
    """Author HTML cleaned when it is saved (it is cleaned again when it is shown)."""
    data = dict(data)
    data["intro"] = sanitize_html(data.get("intro"))
    steps = []
    for step in data["steps"]:
        step = dict(step)
        for key in ("prompt", "explanation"):
            if step.get(key):
                step[key] = sanitize_html(step[key])
        step["hints"] = [sanitize_html(hint) for hint in step.get("hints", [])]
        step["feedback"] = [
            {**rule, "message": sanitize_html(rule["message"])} if rule.get("message") else dict(rule)
            for rule in step.get("feedback", [])
        ]
        steps.append(step)
    data["steps"] = steps
    return data


def scenario_errors(invalid, gettext):
    """Translate scenario issues and name the step, cost line or parameter they are about."""
    kinds = {
        "steps": _("Step “{name}”"),
        "cost_lines": _("Cost line “{name}”"),
        "parameters": _("Parameter “{name}”"),
        "chart": _("Chart"),
    }
    errors = []
    for issue in invalid.issues:
        parts = issue.field.split(".")
        prefix = ""
        if parts[0] == "chart":
            prefix = gettext(kinds["chart"]) + (f" ({'.'.join(parts[1:])})" if len(parts) > 1 else "") + ": "
        elif parts[0] in kinds and len(parts) > 1:
            prefix = gettext(kinds[parts[0]]).format(name=parts[1])
            prefix += (f" ({'.'.join(parts[2:])})" if len(parts) > 2 else "") + ": "
        errors.append({"field": "scenario." + issue.field, "message": prefix + issue.render(gettext)})
    return errors
