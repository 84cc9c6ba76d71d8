"""Grading a costing submission: per-step credit, named mistakes, worked solution. Pure.

Each step is compared with the scenario's exact value for this learner's parameters, within
the step's tolerance (absolute: |answer − expected| ≤ t; relative: ≤ t × |expected|). A
percentage step is answered in percent ("33.3" or "33,3 %" for a fraction of 0.333). A
wrong answer that matches one of the step's feedback formulas (within the same tolerance)
names the likely mistake. The fraction earned is the weighted share of correct steps.
"""

import math
from dataclasses import dataclass, field

from ..common.i18n import _
from .expression import EvaluationError
from .numbers import AmountError, format_money, format_number, format_percent, parse_amount
from .scenario import AGGREGATES, MISTAKES, step_settings

CORRECT, INCORRECT, UNANSWERED, UNREADABLE = "correct", "incorrect", "unanswered", "unreadable"
EPSILON = 1e-9


@dataclass
class StepResult:
    name: str
    status: str
    earned: float
    possible: float
    answer: str = ""
    value: float | None = None
    mistake: str | None = None
    message: str | None = None  # an English msgid (translated by the caller) or the author's text
    message_params: dict = field(default_factory=dict)

    def for_learner(self, gettext):
        message = None
        if self.message:
            message = (
                gettext(self.message).format(**self.message_params) if self.message_params else gettext(self.message)
            )
        return {
            "name": self.name,
            "status": self.status,
            "earned": self.earned,
            "possible": self.possible,
            "mistake": self.mistake,
            "message": message,
        }


@dataclass
class GradeResult:
    steps: list

    @property
    def earned(self):
        return math.fsum(step.earned for step in self.steps)

    @property
    def possible(self):
        return math.fsum(step.possible for step in self.steps)

    @property
    def fraction(self):
        return self.earned / self.possible if self.possible else 0.0

    def by_name(self):
        return {step.name: step for step in self.steps}


def within(answer, expected, settings):
    gap = abs(answer - expected)
    if settings["tolerance_kind"] == "relative":
        return gap <= settings["tolerance"] * abs(expected) + EPSILON
    return gap <= settings["tolerance"] + EPSILON


def as_answer_scale(value, unit):
    """What a learner types for `value`: percent steps are answered in percent."""
    return value * 100.0 if unit == "percent" else value


def grade(compiled, env, answers, locale):
    """Grade `answers` ({step name: typed text}) against `env` (compiled.evaluate(values)).

    Error carried forward (unless the scenario sets carry_forward false): a step that is wrong
    against the exact value but right for the learner's own answers to the earlier steps it uses
    gets full credit, and the learner is told so. One slip costs one step, not the whole chain.
    """
    results = []
    learner_values = {}  # step -> the learner's own value, on the formula's scale
    for step in compiled.steps:
        settings = step_settings(step)
        name, weight = step["name"], float(settings["weight"])
        raw = answers.get(name)
        raw = raw.strip() if isinstance(raw, str) else ""
        if not raw:
            results.append(StepResult(name, UNANSWERED, 0.0, weight, message=_("No answer given.")))
            continue
        try:
            value = parse_amount(raw, locale)
        except AmountError as error:
            results.append(
                StepResult(
                    name, UNREADABLE, 0.0, weight, answer=raw, message=error.template, message_params=error.params
                )
            )
            continue
        tolerance = settings  # for percent steps an absolute tolerance is in percentage points
        learner_values[name] = value / 100.0 if settings["unit"] == "percent" else value
        expected = as_answer_scale(env[name], settings["unit"])
        if within(value, expected, tolerance):
            results.append(StepResult(name, CORRECT, weight, weight, answer=raw, value=value))
            continue
        carried = _carried_forward(compiled, env, name, learner_values, settings) if compiled.carry_forward else None
        if carried is not None and within(value, carried, tolerance):
            results.append(
                StepResult(
                    name,
                    CORRECT,
                    weight,
                    weight,
                    answer=raw,
                    value=value,
                    message=_("Right for your own answer to an earlier step, so this step counts."),
                )
            )
            continue
        result = StepResult(name, INCORRECT, 0.0, weight, answer=raw, value=value)
        for index, rule in enumerate(step.get("feedback", [])):
            try:
                mistaken = as_answer_scale(compiled.feedback[(name, index)].evaluate(env), settings["unit"])
            except EvaluationError:
                continue
            if not within(mistaken, expected, tolerance) and within(value, mistaken, tolerance):
                result.mistake = rule["mistake"]
                result.message = rule.get("message") or MISTAKES.get(rule["mistake"])
                break
        if result.mistake is None and value != 0 and within(value, -expected, tolerance):
            result.mistake, result.message = "sign", _("Check the sign of your answer.")
        results.append(result)
    return GradeResult(results)


def _carried_forward(compiled, env, name, learner_values, settings):
    """The step's value computed from the learner's own earlier answers, or None if none of them differs."""
    expression = compiled.step_expression(name)
    own = {used: learner_values[used] for used in expression.names if used in learner_values and used != name}
    if not own or all(abs(own[used] - env[used]) <= 1e-12 for used in own):
        return None
    try:
        return as_answer_scale(expression.evaluate({**env, **own}), settings["unit"])
    except EvaluationError:
        return None


# --- showing values ---------------------------------------------------------------------------


def format_value(value, unit, currency, locale, decimals=2, suffix=""):
    if unit == "money":
        text = format_money(value, currency, locale, decimals)
    elif unit == "percent":
        text = format_percent(value, locale, decimals)
    elif unit == "count":
        text = format_number(value, locale, 0 if float(value).is_integer() else decimals)
    else:
        text = format_number(value, locale, decimals)
    return f"{text} {suffix}".strip() if suffix and unit != "money" else (text + suffix if suffix else text)


def unit_of(compiled, name):
    """How to show a name's value: a parameter's or step's unit; cost lines and sums are money."""
    for entry in compiled.parameters + compiled.steps:
        if entry["name"] == name:
            return entry.get("unit", "money")
    if name in ("vat_standard", "vat_accommodation"):
        return "percent"
    for line in compiled.data["cost_lines"]:
        if line["name"] == name and line["basis"] == "percent":
            return "percent"
    return "money"


def worked_solution(compiled, env, locale):
    """For each step: the formula, the formula with this learner's numbers, and the result."""
    from .expression import compile_expression

    currency = compiled.currency()
    steps = []

    def number(value):
        # Inside a formula: no thousands separator (a "," there would read as an argument separator).
        text = format_number(value, locale, 4, grouping=False)
        return text.rstrip("0").rstrip(",.") if ("." in text or "," in text) else text

    def show(name, value):
        if name in AGGREGATES:  # spell out which lines the sum adds up
            members = [line["name"] for line in compiled.data["cost_lines"] if line["basis"] in AGGREGATES[name]]
            return "(" + " + ".join(number(env[member]) for member in members) + ")" if members else "0"
        if unit_of(compiled, name) == "percent":  # a percentage stands for its fraction: 20 % is 0.2
            return number(value)
        return number(round(value, 2))

    for step in compiled.steps:
        settings = step_settings(step)
        expression = compile_expression(step["formula"])
        steps.append(
            {
                "name": step["name"],
                "formula": step["formula"],
                "substituted": expression.substitute(env, show),
                "value": as_answer_scale(env[step["name"]], settings["unit"]),
                "display": format_value(
                    env[step["name"]], settings["unit"], currency, locale, settings["decimals"], step.get("suffix", "")
                ),
            }
        )
    return steps


def rounding_rule(step, gettext, ngettext):
    """The rule stated to the learner under each input, e.g. "Round to 2 decimals (±0.01 accepted)."."""
    settings = step_settings(step)
    decimals = settings["decimals"]
    if settings["unit"] == "count" or decimals == 0:
        rule = gettext("Give a whole number.")
    else:
        rule = ngettext("Round to {count} decimal.", "Round to {count} decimals.", decimals).format(count=decimals)
    if settings["tolerance"] > 0:
        if settings["tolerance_kind"] == "relative":
            rule += " " + gettext("Answers within {tolerance} % are accepted.").format(
                tolerance=f"{settings['tolerance'] * 100:g}"
            )
        else:
            rule += " " + gettext("Answers within ±{tolerance} are accepted.").format(
                tolerance=f"{settings['tolerance']:g}"
            )
    if settings["unit"] == "percent":
        rule += " " + gettext("Answer in percent.")
    return rule
