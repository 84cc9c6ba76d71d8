"""Costing scenarios: the author's data, checked and compiled once, then evaluated per learner. Pure.

A scenario is a plain dict (the shape of scenarios/scenario.schema.json). `compile_scenario`
checks the structure with the JSON Schema, then the meaning: unique names, formulas that
parse and use only the scenario's names, no circular references, and no division by zero
or overflow anywhere in the parameter ranges (corners and a seeded sample of the ranges).
The result, a CompiledScenario, evaluates every cost line and step for one set of
parameter values in dependency order, and draws per-learner values within the ranges.

Names a formula may use:
- each parameter's name (its value; percentages are fractions: 20 % is 0.2),
- each cost line's name (amount x quantity),
- sum_per_group, sum_per_participant (per participant + per participant-night lines),
  sum_percent (the percentage lines, as a fraction),
- vat_standard, vat_accommodation when the scenario names a vat_country,
- each step's name (its exact, unrounded value).
"""

import copy
import itertools
import json
import math
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import jsonschema

from ..common.i18n import _
from .expression import EvaluationError, ExpressionError, compile_expression, is_valid_name

PACKAGE = "wise_xblocks.costing"
TEMPLATES = ("tourism_package", "farm_gross_margin", "reuse_shop")
BASES = ("per_group", "per_participant", "per_participant_night", "percent")
UNITS = ("money", "count", "percent", "number")
TOLERANCE_KINDS = ("absolute", "relative")
AGGREGATES = {
    "sum_per_group": ("per_group",),
    "sum_per_participant": ("per_participant", "per_participant_night"),
    "sum_percent": ("percent",),
}
VAT_NAMES = ("vat_standard", "vat_accommodation")
BASIS_LABELS = {
    "per_group": _("per group"),
    "per_participant": _("per participant"),
    "per_participant_night": _("per participant per night"),
    "percent": _("share of the selling price"),
}
# Mistakes the engine can name. A feedback rule gives the formula of the mistaken answer; when
# the learner's answer matches it, the learner reads the rule's message or this default one.
MISTAKES = {
    "margin_vs_markup": _(
        "It looks like you mixed up margin and mark-up: a margin is a share of the "
        "selling price (price = cost / (1 − margin)); a mark-up is added to the cost "
        "(price = cost × (1 + mark-up))."
    ),
    "vat_twice": _("It looks like VAT was applied twice: add VAT once, to the price before VAT."),
    "vat_not_extracted": _(
        "Under the margin scheme the VAT is inside the margin: take margin × rate / (1 + rate), not margin × rate."
    ),
    "per_person_vs_per_group": _(
        "It looks like you mixed up an amount per person and an amount for the "
        "whole group: check whether to multiply or divide by the number of people."
    ),
    "rounding": _("Check the rounding rule for this step."),
}
DEFAULT_TOLERANCE = {"money": 0.01, "count": 0.0, "percent": 0.05, "number": 0.01}
DEFAULT_DECIMALS = {"money": 2, "count": 0, "percent": 1, "number": 2}
MAX_CORNER_PARAMETERS = 8  # 2**8 = 256 corners checked exhaustively; more parameters: seeded sample
RANGE_SAMPLES = 48
SWEEP_LIMIT = 100
# The range check evaluates every formula at every sample point; a save may cost at most this many
# tree-node evaluations (well under a second), however many and however long the formulas are.
CHECK_BUDGET = 500_000
MAX_DRAWS = 25


@dataclass(frozen=True)
class Issue:
    """One problem in a scenario: `field` says where ("steps.price.formula"), template + params what."""

    field: str
    template: str
    params: tuple = ()

    def render(self, gettext=lambda message: message):
        params = {key: (value.render(gettext) if hasattr(value, "render") else value) for key, value in self.params}
        return gettext(self.template).format(**params)


class ScenarioInvalid(ValueError):
    def __init__(self, issues):
        self.issues = list(issues)
        super().__init__("; ".join(f"{issue.field}: {issue.render()}" for issue in self.issues))

    def render(self, gettext=lambda message: message):
        return [{"field": issue.field, "message": issue.render(gettext)} for issue in self.issues]


def _issue(field, template, **params):
    return Issue(field, template, tuple(sorted(params.items())))


# --- data files -----------------------------------------------------------------------------


def _read_json(name):
    return json.loads(resources.files(PACKAGE).joinpath("scenarios", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def scenario_schema():
    return _read_json("scenario.schema.json")


@lru_cache(maxsize=1)
def vat_rates():
    data = _read_json("vat_rates.json")
    jsonschema.validate(data, _read_json("vat_rates.schema.json"))
    return data


@lru_cache(maxsize=len(TEMPLATES))
def _template_text(name):
    if name not in TEMPLATES:
        raise KeyError(f"No costing template named {name!r}; use one of {', '.join(TEMPLATES)}")
    data = _read_json(f"{name}.json")
    compile_scenario(data)  # a shipped template must be valid: fail loudly, at load time
    return json.dumps(data)


def load_template(name):
    """A fresh copy of a shipped template (tourism_package, farm_gross_margin, reuse_shop)."""
    return json.loads(_template_text(name))


# --- validation and compilation -------------------------------------------------------------


@dataclass
class Node:
    """Something computed: a cost line, an aggregate, a step, or a chart series."""

    name: str
    field: str
    expressions: tuple  # product of their values
    depends: frozenset


def _compile_formula(field, source, allowed, issues):
    try:
        return compile_expression(source, allowed)
    except ExpressionError as error:
        issues.append(_issue(field, _("{error}"), error=error))
        return None


def _structure_issues(data):
    validator = jsonschema.Draft202012Validator(scenario_schema())
    issues = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(part) for part in error.absolute_path) or "scenario"
        issues.append(_issue(path, _("{detail}"), detail=error.message[:300]))
    return issues


def _parameter_issues(parameter, issues):
    field = f"parameters.{parameter['name']}"
    low, high, value = parameter.get("min"), parameter.get("max"), parameter["value"]
    if (low is None) != (high is None):
        issues.append(_issue(field, _("Give both a minimum and a maximum, or neither.")))
        return
    if low is not None and not low <= value <= high:
        issues.append(
            _issue(
                field,
                _("The value {value} must lie between the minimum {low} and the maximum {high}."),
                value=value,
                low=low,
                high=high,
            )
        )
    if parameter.get("randomize") and low is None:
        issues.append(_issue(field, _("A randomised parameter needs a minimum and a maximum.")))
    step = parameter.get("step")
    if step and low is not None and (high - low) / step > 1_000_000:
        issues.append(_issue(field, _("The step is too small for this range (at most a million values).")))


def compile_scenario(data):
    """Check `data` and return a CompiledScenario; ScenarioInvalid lists every problem found."""
    issues = _structure_issues(data)
    if issues:
        raise ScenarioInvalid(issues)
    data = copy.deepcopy(data)
    constants = {p["name"]: float(p["value"]) for p in data["parameters"]}
    vat = None
    if data.get("vat_country"):
        vat = vat_rates()["countries"][data["vat_country"]]
        constants["vat_standard"] = vat["standard"]
        constants["vat_accommodation"] = vat["accommodation"]
    seen = {}
    for group, entries in (
        ("parameters", data["parameters"]),
        ("cost_lines", data["cost_lines"]),
        ("steps", data["steps"]),
    ):
        for entry in entries:
            name = entry["name"]
            field = f"{group}.{name}"
            if not is_valid_name(name) or name in AGGREGATES or name in VAT_NAMES:
                issues.append(_issue(field, _("“{name}” is reserved; choose another name."), name=name))
            elif name in seen:
                issues.append(
                    _issue(field, _("The name “{name}” is already used by {other}."), name=name, other=seen[name])
                )
            seen.setdefault(name, field)
    for parameter in data["parameters"]:
        _parameter_issues(parameter, issues)
    allowed = set(seen) | set(AGGREGATES) | (set(VAT_NAMES) if vat else set())
    nodes = []
    for line in data["cost_lines"]:
        field = f"cost_lines.{line['name']}"
        amount = _compile_formula(field + ".amount", line["amount"], allowed, issues)
        quantity = _compile_formula(field + ".quantity", line.get("quantity", "1"), allowed, issues)
        if amount and quantity:
            nodes.append(Node(line["name"], field, (amount, quantity), amount.names | quantity.names))
    for aggregate, bases in AGGREGATES.items():
        members = frozenset(line["name"] for line in data["cost_lines"] if line["basis"] in bases)
        nodes.append(Node(aggregate, aggregate, (), members))
    feedback = {}
    for step in data["steps"]:
        field = f"steps.{step['name']}"
        formula = _compile_formula(field + ".formula", step["formula"], allowed, issues)
        if formula:
            nodes.append(Node(step["name"], field, (formula,), formula.names))
        if step.get("tolerance_kind") == "relative" and step.get("tolerance", 0) >= 1:
            issues.append(_issue(field + ".tolerance", _("A relative tolerance is a fraction below 1 (0.01 = 1 %).")))
        for index, rule in enumerate(step.get("feedback", [])):
            rule_field = f"{field}.feedback.{index + 1}"
            if rule["mistake"] not in MISTAKES and not rule.get("message"):
                issues.append(
                    _issue(
                        rule_field,
                        _("The mistake “{mistake}” is not one the engine knows ({known}): write the message to show."),
                        mistake=rule["mistake"],
                        known=", ".join(MISTAKES),
                    )
                )
            compiled = _compile_formula(rule_field + ".formula", rule["formula"], allowed, issues)
            if compiled:
                feedback[(step["name"], index)] = compiled
    chart = {}
    if data.get("chart"):
        if data["chart"]["x_from"] >= data["chart"]["x_to"]:
            issues.append(_issue("chart.x_to", _("The end of the axis must be larger than its start.")))
        for key in ("fixed", "variable", "unit_revenue"):
            compiled = _compile_formula(f"chart.{key}", data["chart"][key], allowed, issues)
            if compiled:
                chart[key] = compiled
    if issues:
        raise ScenarioInvalid(issues)
    order = _dependency_order(nodes, set(constants), issues)
    if issues:
        raise ScenarioInvalid(issues)
    compiled = CompiledScenario(data, constants, order, feedback, chart, vat)
    compiled.check_ranges(issues)
    if issues:
        raise ScenarioInvalid(issues)
    return compiled


def _dependency_order(nodes, leaves, issues):
    """Topological order of the computed nodes; a cycle is reported with its path."""
    by_name = {node.name: node for node in nodes}
    order, state = [], {}

    def visit(node, path):
        # An explicit stack would also work; the depth is bounded by the node count (<= 110).
        state[node.name] = "open"
        for dependency in sorted(node.depends):
            if dependency in leaves:
                continue
            target = by_name[dependency]
            if state.get(dependency) == "open":
                cycle = path[path.index(dependency) :] + [dependency] if dependency in path else [node.name, dependency]
                raise _Cycle(node, cycle)
            if dependency not in state:
                visit(target, path + [dependency])
        state[node.name] = "done"
        order.append(node)

    for node in nodes:
        if node.name not in state:
            try:
                visit(node, [node.name])
            except _Cycle as cycle:
                issues.append(_issue(cycle.node.field, _("Circular reference: {path}."), path=" → ".join(cycle.path)))
                return []
    return order


class _Cycle(Exception):
    def __init__(self, node, path):
        super().__init__(path)
        self.node, self.path = node, path


class CompiledScenario:
    """A checked scenario, ready to evaluate for any parameter values. Immutable once built."""

    def __init__(self, data, constants, order, feedback, chart, vat):
        self.data = data
        self.constants = constants
        self.order = order
        self.feedback = feedback
        self.chart = chart
        self.vat = vat
        self.steps = data["steps"]
        self.step_names = [step["name"] for step in data["steps"]]
        self.parameters = data["parameters"]
        names = set(self.step_names)
        self._steps_by_name = {node.name: node.expressions[0] for node in order if node.name in names}
        self.carry_forward = data.get("carry_forward", True)
        # Steps whose value is below zero somewhere in the ranges (filled by check_ranges): their
        # inputs need a keyboard with a minus sign on phones.
        self.may_be_negative = set()

    # --- evaluation -------------------------------------------------------------------------
    def evaluate(self, parameter_values=None):
        """{name: value} for every parameter, VAT rate, cost line, aggregate and step."""
        env = dict(self.constants)
        if parameter_values:
            env.update({name: float(value) for name, value in parameter_values.items() if name in self.constants})
        for node in self.order:
            if node.expressions:
                value = 1.0
                for expression in node.expressions:
                    value *= expression.evaluate(env)
            else:
                value = math.fsum(env[name] for name in node.depends)
            if not math.isfinite(value) or abs(value) > 1e15:
                raise EvaluationError(_("The result is too large or not a number."))
            env[node.name] = value
        return env

    def step_expression(self, name):
        return self._steps_by_name[name]

    def line_parts(self, env):
        """(amount, quantity) of each cost line, for the table the learner reads."""
        lines = {node.name: node for node in self.order}
        return {
            line["name"]: tuple(expression.evaluate(env) for expression in lines[line["name"]].expressions)
            for line in self.data["cost_lines"]
        }

    def chart_values(self, env):
        if not self.chart:
            return None
        values = {key: expression.evaluate(env) for key, expression in self.chart.items()}
        margin = values["unit_revenue"] - values["variable"]
        values["break_even"] = values["fixed"] / margin if margin > 0 else None
        return values

    # --- ranges -----------------------------------------------------------------------------
    def ranged(self):
        return [p for p in self.parameters if p.get("min") is not None]

    def sample_points(self):
        """Corners of the parameter ranges (all of them up to 8 ranged parameters), then a seeded sample."""
        ranged = self.ranged()
        points = [{}]
        if len(ranged) <= MAX_CORNER_PARAMETERS:
            for corner in itertools.product(*[(p["min"], p["max"]) for p in ranged]):
                points.append({p["name"]: value for p, value in zip(ranged, corner, strict=True)})
        # One parameter at a time across its grid (the others at their values): finds "n − 10" at n = 10.
        for parameter in ranged:
            for value in sweep_values(parameter):
                points.append({parameter["name"]: value})
        rng = random.Random(0x5EED)  # noqa: S311 - a reproducible sample of the ranges, not a secret
        for _index in range(RANGE_SAMPLES if ranged else 0):
            if len(ranged) > MAX_CORNER_PARAMETERS:
                points.append({p["name"]: rng.choice((p["min"], p["max"])) for p in ranged})
            points.append({p["name"]: draw_value(p, rng) for p in ranged})
        return points

    def work_per_point(self):
        expressions = [e for node in self.order for e in node.expressions]
        expressions += list(self.chart.values()) + list(self.feedback.values())
        return sum(expression.size for expression in expressions) + len(self.order)

    def check_ranges(self, issues):
        """Every point of the sample must evaluate: this is where division by zero is caught at save.

        The points come in order of value (the parameters' own values, the corners, the sweeps, the
        random sample) and stop when the work budget is spent, so a huge scenario cannot tie up a worker.
        """
        failed = set()
        budget = max(1, CHECK_BUDGET // self.work_per_point())
        for point in self.sample_points()[:budget]:
            env = dict(self.constants)
            env.update(point)
            for node in self.order:
                if node.name in failed:
                    break
                try:
                    value = 1.0
                    if node.expressions:
                        for expression in node.expressions:
                            value *= expression.evaluate(env)
                    else:
                        value = math.fsum(env[name] for name in node.depends)
                    env[node.name] = value
                    if value < 0 and node.name in self._steps_by_name:
                        self.may_be_negative.add(node.name)
                except EvaluationError as error:
                    failed.add(node.name)
                    where = ", ".join(f"{name} = {value:g}" for name, value in sorted(point.items())) or _(
                        "the parameters' values"
                    )
                    issues.append(_issue(node.field, _("{error} when {where}."), error=error, where=where))
                    break
            else:
                for key, expression in self.chart.items():
                    try:
                        expression.evaluate(env)
                    except EvaluationError as error:
                        issues.append(_issue(f"chart.{key}", _("{error}"), error=error))
                        return
                for (step_name, index), expression in self.feedback.items():
                    try:
                        expression.evaluate(env)
                    except EvaluationError as error:
                        if (step_name, index) not in failed:
                            failed.add((step_name, index))
                            issues.append(_issue(f"steps.{step_name}.feedback.{index + 1}", _("{error}"), error=error))
            if len(issues) >= 20:
                return

    def draw(self, rng):
        """Per-learner parameter values within the ranges; values that do not evaluate are redrawn."""
        ranged = [p for p in self.ranged() if p.get("randomize")]
        if not ranged:
            return {}
        for _attempt in range(MAX_DRAWS):
            values = {p["name"]: draw_value(p, rng) for p in ranged}
            try:
                env = self.evaluate(values)
                self.chart_values(env)
                return values
            except EvaluationError:
                continue
        return {}

    def currency(self):
        return self.data.get("currency", "EUR")


def draw_value(parameter, rng):
    """A value on the parameter's grid (min + k x step), rounded so 0.1 steps do not print 0.30000000000000004."""
    low, high = float(parameter["min"]), float(parameter["max"])
    step = parameter.get("step")
    if not step:
        return round(rng.uniform(low, high), 6)
    count = int(math.floor((high - low) / step + 1e-9))
    value = low + rng.randint(0, count) * step
    decimals = max(0, -int(math.floor(math.log10(step)))) + 2 if step < 1 else 6
    return round(min(value, high), decimals)


def sweep_values(parameter, limit=SWEEP_LIMIT):
    """Up to `limit` values evenly spread over the parameter's grid (every grid value when fewer)."""
    low, high = float(parameter["min"]), float(parameter["max"])
    step = parameter.get("step") or (high - low) / limit
    if step <= 0:
        return [low]
    count = int(math.floor((high - low) / step + 1e-9))
    stride = max(1, math.ceil((count + 1) / limit))
    return [round(low + k * step, 9) for k in range(0, count + 1, stride)]


@lru_cache(maxsize=128)
def _compile_cached(text):
    return compile_scenario(json.loads(text))


def compiled_for(data):
    """Compile once per distinct scenario and reuse it (the cache key is the canonical JSON)."""
    return _compile_cached(json.dumps(data, sort_keys=True, separators=(",", ":")))


def step_settings(step):
    """A step's grading settings with defaults filled in."""
    unit = step.get("unit", "money")
    return {
        "unit": unit,
        "decimals": step.get("decimals", DEFAULT_DECIMALS[unit]),
        "tolerance": step.get("tolerance", DEFAULT_TOLERANCE[unit]),
        "tolerance_kind": step.get("tolerance_kind", "absolute"),
        "weight": step.get("weight", 1),
    }


# --- translations kept beside the templates (scenarios/i18n/<template>.<lang>.json, see common.data_i18n) -----
TEXT_FIELDS = (
    "title",
    "intro",
    "labels.per_group",
    "labels.per_participant",
    "labels.per_participant_night",
    "labels.percent",
    "parameters[].label",
    "cost_lines[].label",
    "cost_lines[].quantity_label",
    "steps[].label",
    "steps[].prompt",
    "steps[].hints[]",
    "steps[].feedback[].message",
    "steps[].explanation",
    "chart.x_label",
)


def localize_scenario(data, language):
    """Scenario `data` in `language`: texts still equal to a shipped template's English are translated
    (so a scenario started from a template and partly edited keeps the author's own wording).
    Names, formulas and numbers are untouched, so the compiled exercise and its answers do not change."""
    from ..common.data_i18n import localize, table_for

    return localize(data, TEXT_FIELDS, table_for(resources.files(PACKAGE).joinpath("scenarios"), TEMPLATES, language))
