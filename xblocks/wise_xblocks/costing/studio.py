"""The Studio editor's rows: the scenario as the form sends it, checked field by field, then built
into exactly the scenario the OLX path builds. Pure: no XBlock or Django import.

The form posts the scenario as JSON with every number as typed (text). `build_scenario` checks
each row and field (types, required fields, lengths, names), writes the result as OLX and reads
it back with olx.py, so a scenario saved from the rows is the one an export and import of that
OLX gives; the block then sanitises and compiles it with the same calls as the OLX path
(scenario.compile_scenario: schema, names, formulas, cycles, ranges). `row_errors` turns the
issues of either step into {field, message} that name the row and the field, in the author's
language: "Cost line 3, Amount: Unknown name ...".
"""

import math
import re

from lxml import etree

from ..common.i18n import _, ngettext_noop
from ..common.olx import OLXError
from . import olx
from .expression import is_valid_name
from .scenario import BASES, MISTAKES, TOLERANCE_KINDS, UNITS, Issue, ScenarioInvalid

CURRENCIES = ("EUR", "PLN")
# XML 1.0 cannot hold these characters (nor lone surrogates): refused with a message, not a 500.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class Field:
    """One input of the form: its kind and the same limits the OLX reader and the schema apply."""

    def __init__(self, kind="text", required=False, max_length=200, choices=(), minimum=None, maximum=None, above=None):
        self.kind, self.required, self.max_length = kind, required, max_length
        self.choices, self.minimum, self.maximum, self.above = choices, minimum, maximum, above


NAME = Field("name", required=True, max_length=40)
FORMULA = Field("text", required=True, max_length=500)
PARAMETER = {
    "name": NAME,
    "label": Field(required=True),
    "value": Field("number", required=True),
    "min": Field("number"),
    "max": Field("number"),
    "step": Field("number", above=0),
    "unit": Field("choice", choices=UNITS),
    "suffix": Field(max_length=20),
    "randomize": Field("flag"),
}
COST_LINE = {
    "name": NAME,
    "label": Field(required=True),
    "basis": Field("choice", required=True, choices=BASES),
    "amount": FORMULA,
    "quantity": Field(max_length=500),
    "quantity_label": Field(max_length=80),
}
FEEDBACK = {
    "mistake": Field("name", required=True, max_length=40),
    "formula": FORMULA,
    "message": Field("html", max_length=2000),
}
STEP = {
    "name": NAME,
    "label": Field(required=True, max_length=300),
    "prompt": Field("html", max_length=3000),
    "formula": FORMULA,
    "unit": Field("choice", choices=UNITS),
    "suffix": Field(max_length=20),
    "decimals": Field("integer", minimum=0, maximum=6),
    "tolerance": Field("number", minimum=0),
    "tolerance_kind": Field("choice", choices=TOLERANCE_KINDS),
    "weight": Field("number", above=0, maximum=100),
    "explanation": Field("html", max_length=5000),
    "hints": Field("hints"),
    "feedback": Field("rows"),
}
CHART = {
    "x_label": Field(max_length=80),
    "x_from": Field("number", required=True, minimum=0),
    "x_to": Field("number", required=True, above=0, maximum=100000),
    "fixed": FORMULA,
    "variable": FORMULA,
    "unit_revenue": FORMULA,
}
SCENARIO = {
    "title": Field(required=True),
    "currency": Field("choice", required=True, choices=CURRENCIES),
    "vat_country": Field("choice", choices=olx.VAT_COUNTRIES),
    "carry_forward": Field("flag"),
    "intro": Field("html", max_length=5000),
    "source_note": Field("text", max_length=2000),
}
LABEL = Field(max_length=80)
LISTS = {"parameters": (PARAMETER, 30), "cost_lines": (COST_LINE, 40), "steps": (STEP, 30)}
MAX_HINTS = MAX_FEEDBACK = 10
TOP_KEYS = set(SCENARIO) | set(LISTS) | {"labels", "chart"}

# What the editor calls each row and field. The same words label the inputs (studio_strings) and
# name them in error messages, so an author finds the field the message is about.
ROW_NAMES = {
    "parameters": _("Parameter {number}"),
    "cost_lines": _("Cost line {number}"),
    "steps": _("Step {number}"),
    "hints": _("Hint {number}"),
    "feedback": _("Feedback rule {number}"),
}
FIELD_LABELS = {
    "title": _("Exercise title"),
    "currency": _("Currency"),
    "vat_country": _("VAT rates"),
    "carry_forward": _("Give credit for errors carried forward"),
    "intro": _("Introduction (HTML)"),
    "source_note": _("Source note (for course teams)"),
    "labels.per_group": _("Basis label: per group"),
    "labels.per_participant": _("Basis label: per participant"),
    "labels.per_participant_night": _("Basis label: per participant per night"),
    "labels.percent": _("Basis label: share of the selling price"),
    "parameters.name": _("Name (used in formulas)"),
    "parameters.label": _("Label"),
    "parameters.value": _("Value"),
    "parameters.min": _("Minimum"),
    "parameters.max": _("Maximum"),
    "parameters.step": _("Step between values"),
    "parameters.unit": _("Unit"),
    "parameters.suffix": _("Suffix"),
    "parameters.randomize": _("A different value for each learner"),
    "cost_lines.name": _("Name (used in formulas)"),
    "cost_lines.label": _("Label"),
    "cost_lines.basis": _("Basis"),
    "cost_lines.amount": _("Amount"),
    "cost_lines.quantity": _("Quantity"),
    "cost_lines.quantity_label": _("Quantity label"),
    "steps.name": _("Name (used in formulas)"),
    "steps.label": _("Question"),
    "steps.prompt": _("Prompt (HTML)"),
    "steps.formula": _("Answer formula"),
    "steps.unit": _("Unit"),
    "steps.suffix": _("Suffix"),
    "steps.decimals": _("Decimals"),
    "steps.tolerance": _("Answer tolerance"),
    "steps.tolerance_kind": _("Tolerance kind"),
    "steps.weight": _("Weight"),
    "steps.explanation": _("Explanation in the worked solution (HTML)"),
    "steps.hints": _("Hints"),
    "steps.feedback": _("Feedback rules"),
    "hints.text": _("Hint text (HTML)"),
    "feedback.mistake": _("Mistake name"),
    "feedback.formula": _("Formula of the mistaken answer"),
    "feedback.message": _("Message (HTML; empty: the default message)"),
    "chart": _("What-if chart"),
    "chart.enabled": _("Show a what-if chart after the first check"),
    "chart.x_label": _("Label of the horizontal axis"),
    "chart.x_from": _("Axis from"),
    "chart.x_to": _("Axis to"),
    "chart.fixed": _("Fixed cost (formula)"),
    "chart.variable": _("Variable cost per unit (formula)"),
    "chart.unit_revenue": _("Revenue per unit (formula)"),
}
# Parameter-wide problems from scenario.py, shown next to the field they are about.
PARAMETER_FIELDS = {
    "Give both a minimum and a maximum, or neither.": "min",
    "A randomised parameter needs a minimum and a maximum.": "randomize",
    "The step is too small for this range (at most a million values).": "step",
}
NAME_TEMPLATES = ("“{name}” is reserved; choose another name.", "The name “{name}” is already used by {other}.")

REQUIRED = _("This field is required.")
TOO_LONG = ngettext_noop("Write at most {limit} character.", "Write at most {limit} characters.", "limit")
UNKNOWN = _("Unknown field “{key}”.")


def _issue(path, template, **params):
    return Issue(path, template, tuple(sorted(params.items())))


# --- rows -> scenario ---------------------------------------------------------------------------


def _value(path, field, raw, issues):
    """The field's value from the form (None when empty), or None with an issue."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and field.kind != "flag"):
        if field.required:
            issues.append(_issue(path, REQUIRED))
        return None
    if field.kind == "flag":
        if not isinstance(raw, bool):
            issues.append(_issue(path, _("Must be true or false.")))
            return None
        return raw
    if field.kind in ("number", "integer"):
        return _number(path, field, raw, issues)
    if not isinstance(raw, str):
        issues.append(_issue(path, _("Must be text.")))
        return None
    text = raw.strip()
    if NOT_XML.search(text):
        issues.append(_issue(path, _("Contains a control character; remove it.")))
        return None
    if len(text) > field.max_length:
        issues.append(_issue(path, TOO_LONG, limit=field.max_length))
        return None
    if field.kind == "name" and not is_valid_name(text):
        issues.append(
            _issue(path, _("Use letters, digits and _ only, starting with a letter or _ (at most 40 characters)."))
        )
        return None
    if field.kind == "choice" and text not in field.choices:
        issues.append(_issue(path, _("Choose one of: {choices}."), choices=", ".join(field.choices)))
        return None
    return text


def _number(path, field, raw, issues):
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        issues.append(_issue(path, _("Must be a number.")))
        return None
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (ValueError, OverflowError):
        issues.append(_issue(path, _("Write a number with a dot for decimals, for example 12.5.")))
        return None
    if not math.isfinite(value):
        issues.append(_issue(path, _("Write a number with a dot for decimals, for example 12.5.")))
        return None
    if field.kind == "integer":
        if not value.is_integer():
            issues.append(_issue(path, _("Write a whole number.")))
            return None
        value = int(value)
    if field.minimum is not None and value < field.minimum:
        issues.append(_issue(path, _("Must be at least {minimum}."), minimum=field.minimum))
        return None
    if field.above is not None and value <= field.above:
        issues.append(_issue(path, _("Must be more than {minimum}."), minimum=field.above))
        return None
    if field.maximum is not None and value > field.maximum:
        issues.append(_issue(path, _("Must be at most {maximum}."), maximum=field.maximum))
        return None
    return value


def _join(path, key):
    return f"{path}.{key}" if path else key


def _record(path, fields, raw, issues):
    """{key: value} for one row or section; unknown keys are refused by name."""
    if not isinstance(raw, dict):
        issues.append(_issue(path, _("Send this row as a JSON object.")))
        return None
    for key in raw:
        if key not in fields:
            issues.append(_issue(_join(path, str(key)[:40]), UNKNOWN, key=str(key)[:40]))
    record = {}
    for key, field in fields.items():
        if field.kind in ("hints", "rows"):
            continue
        value = _value(_join(path, key), field, raw.get(key), issues)
        if value is not None:
            record[key] = value
    return record


def _rows(path, raw, limit, issues):
    if raw is None:
        return []
    if not isinstance(raw, list):
        issues.append(_issue(path, _("Send the rows as a JSON list.")))
        return []
    if len(raw) > limit:
        issues.append(
            _issue(path, ngettext_noop("At most {limit} row.", "At most {limit} rows.", "limit"), limit=limit)
        )
        return []
    return raw


def _step(path, raw, issues):
    step = _record(path, STEP, raw, issues)
    if step is None:
        return None
    hints = []
    for index, hint in enumerate(_rows(f"{path}.hints", raw.get("hints"), MAX_HINTS, issues)):
        # A hint is plain text/HTML; an empty hint row is a mistake, not a hint to drop silently.
        text = _value(f"{path}.hints.{index}", Field("html", required=True, max_length=2000), hint, issues)
        if text is not None:
            hints.append(text)
    feedback = []
    for index, rule in enumerate(_rows(f"{path}.feedback", raw.get("feedback"), MAX_FEEDBACK, issues)):
        entry = _record(f"{path}.feedback.{index}", FEEDBACK, rule, issues)
        if entry is not None:
            feedback.append(entry)
    step["hints"], step["feedback"] = hints, feedback
    return step


def _duplicate_names(scenario, issues):
    """Names are shared by parameters, cost lines and steps: the later row is the one to rename."""
    seen = {}
    for group in LISTS:
        for index, row in enumerate(scenario[group]):
            name = row.get("name")
            if name is None:
                continue
            if name in seen:
                other_group, other_index = seen[name]
                issues.append(
                    _issue(
                        f"{group}.{index}.name",
                        _("The name “{name}” is already used by {other}."),
                        name=name,
                        other=RowName(other_group, other_index),
                    )
                )
            else:
                seen[name] = (group, index)


class RowName:
    """ "Cost line 3", translated when the issue is rendered."""

    def __init__(self, group, index):
        self.group, self.index = group, index

    def render(self, gettext):
        return gettext(ROW_NAMES[self.group]).format(number=self.index + 1)


def parse_rows(data):
    """The scenario dict from the form's JSON, checked field by field (not yet compiled).

    Raises ScenarioInvalid whose issues name editor paths: "cost_lines.2.amount" (rows from 0).
    """
    issues = []
    if not isinstance(data, dict):
        raise ScenarioInvalid([_issue("", _("Send the scenario as a JSON object."))])
    scenario = _record("", {**SCENARIO, **{key: Field("rows") for key in ("labels", "chart", *LISTS)}}, data, issues)
    # True is the default: leave it out, so a scenario that never set it reads back unchanged.
    if scenario.get("carry_forward") is True:
        del scenario["carry_forward"]
    scenario.setdefault("vat_country", None)
    labels = data.get("labels")
    scenario["labels"] = {}
    if labels is not None:
        record = _record("labels", dict.fromkeys(BASES, LABEL), labels, issues)
        scenario["labels"] = record or {}
    for group, (fields, limit) in LISTS.items():
        rows = []
        for index, raw in enumerate(_rows(group, data.get(group), limit, issues)):
            path = f"{group}.{index}"
            row = _step(path, raw, issues) if group == "steps" else _record(path, fields, raw, issues)
            if row and row.get("randomize") is False:
                del row["randomize"]  # unticked is the default, as for carry_forward
            rows.append(row or {})
        scenario[group] = rows
    if not scenario["steps"] and not any(issue.field.startswith("steps") for issue in issues):
        issues.append(_issue("steps", _("Add at least one step.")))
    chart = data.get("chart")
    scenario["chart"] = None if chart is None else _record("chart", CHART, chart, issues)
    _duplicate_names(scenario, issues)
    if issues:
        raise ScenarioInvalid(issues)
    return scenario


def build_scenario(data):
    """The scenario the OLX path would build: the checked rows, written as OLX and read back by olx.py."""
    scenario = parse_rows(data)
    try:
        _settings, read = olx.from_string(olx.to_string({}, olx.normalize(scenario)))
    except (OLXError, ValueError, etree.LxmlError) as error:  # the field checks above should leave nothing to find here
        raise ScenarioInvalid([_issue("", _("{detail}"), detail=str(error)[:300])]) from None
    return read


def scenario_olx(data):
    """The form's rows as OLX text (checked field by field, not compiled): for the advanced view."""
    return olx.to_string({}, build_scenario(data))


def editor_scenario(scenario):
    """What the editor starts from: the stored scenario in its canonical form."""
    return olx.normalize(scenario)


# --- issues -> messages naming row and field ---------------------------------------------------


def _index_of(rows, name):
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        if isinstance(row, dict) and isinstance(row.get("name"), str) and row["name"].strip() == name:
            return index
    return None


def editor_path(issue, data):
    """The form path of an issue: scenario.py names rows by name (and feedback rules from 1), the
    schema and parse_rows by position; the editor by position from 0."""
    parts = issue.field.split(".") if issue.field else []
    if not parts or parts[0] == "scenario":
        return ""
    group = parts[0]
    if group not in LISTS:
        return issue.field if group in TOP_KEYS or issue.template == UNKNOWN else ""
    if len(parts) == 1:
        return group
    if parts[1].isdigit():
        return issue.field
    rows = data.get(group) if isinstance(data, dict) else None
    index = _index_of(rows, parts[1])
    if index is None:
        return group
    rest = parts[2:]
    if issue.template in NAME_TEMPLATES:
        rest = ["name"]
    elif rest[:1] == ["feedback"] and len(rest) > 1 and rest[1].isdigit():
        rest = ["feedback", str(int(rest[1]) - 1), *(rest[2:] or ["mistake"])]
    elif not rest:
        if group == "parameters":
            value_issue = str(issue.template).startswith("The value")
            rest = ["value" if value_issue else PARAMETER_FIELDS.get(issue.template, "name")]
        else:
            rest = ["amount" if group == "cost_lines" else "formula"]
    return ".".join([group, str(index), *rest])


def describe(path, gettext):
    """ "Cost line 3, Amount" for "cost_lines.2.amount"; "" for the scenario as a whole."""
    parts = path.split(".") if path else []
    if not parts:
        return ""
    if parts[0] not in LISTS:
        label = FIELD_LABELS.get(path) or FIELD_LABELS.get(parts[0])
        where = gettext(label) if label else path
        if parts[0] == "chart" and len(parts) > 1:
            where = ", ".join((gettext(FIELD_LABELS["chart"]), where))
        return where
    where = [gettext(ROW_NAMES[parts[0]]).format(number=int(parts[1]) + 1)] if len(parts) > 1 else []
    kind, rest = parts[0], parts[2:]
    if rest[:1] in (["hints"], ["feedback"]) and len(rest) > 1 and rest[1].isdigit():
        where.append(gettext(ROW_NAMES[rest[0]]).format(number=int(rest[1]) + 1))
        kind, rest = rest[0], rest[2:]
    if rest:
        label = FIELD_LABELS.get(f"{kind}.{rest[0]}")
        where.append(gettext(label) if label else rest[0])
    return ", ".join(where)


def row_errors(invalid, data, gettext):
    """[{field: "scenario.<path>", message}] for the editor: each message says row and field."""
    errors = []
    for issue in invalid.issues:
        path = editor_path(issue, data)
        where = describe(path, gettext)
        message = issue.render(gettext)
        if where:
            message = gettext(_("{where}: {message}")).format(where=where, message=message)
        errors.append({"field": "scenario." + path if path else "scenario", "message": message})
    return errors


# --- what the editor's JavaScript needs ---------------------------------------------------------

STUDIO_STRINGS = {
    "rowsHeading": _("Scenario"),
    "rowsHelp": _(
        "Names are what formulas use: letters, digits and _. Amounts and answers are formulas "
        "(see the expression language in the course-team guide). Empty optional fields use the defaults."
    ),
    "parametersHeading": _("Parameters (the figures learners read)"),
    "costLinesHeading": _("Cost lines"),
    "stepsHeading": _("Steps (what learners compute)"),
    "addParameter": _("Add a parameter"),
    "addCostLine": _("Add a cost line"),
    "addStep": _("Add a step"),
    "addHint": _("Add a hint"),
    "addFeedback": _("Add a feedback rule"),
    "moveUp": _("Move up"),
    "moveDown": _("Move down"),
    "remove": _("Remove"),
    "moveUpLabel": _("Move up: {row}"),
    "moveDownLabel": _("Move down: {row}"),
    "removeLabel": _("Remove: {row}"),
    "added": _("{row} added."),
    "removed": _("{row} removed."),
    "moved": _("{item} is now {row} of {total}."),
    "empty": _("No rows yet."),
    "defaultOption": _("Default ({value})"),
    "noVat": _("No VAT rates"),
    "vatOption": _("{country}: standard {standard} %, accommodation {accommodation} %"),
    "currencySet": _("Currency set to {currency}, the currency of {country}."),
    "unit.money": _("Money"),
    "unit.count": _("Count"),
    "unit.percent": _("Percent: a fraction, 0.2 is 20 %"),
    "unit.number": _("Number"),
    "tolerance.absolute": _("Absolute: ± the tolerance"),
    "tolerance.relative": _("Relative: a fraction, 0.001 is 0.1 %"),
    "help.feedback.mistake": _("Known mistakes (with a default message): {names}. Any other name needs a message."),
    "help.steps.decimals": _("Empty: the default for the unit (money 2, count 0, percent 1, number 2)."),
    "help.steps.tolerance": _("Empty: the default for the unit. Absolute: ± this amount; relative: a fraction."),
    "help.steps.weight": _("Empty: 1."),
    "help.cost_lines.amount": _("A formula; the line's value is amount × quantity."),
    "help.cost_lines.quantity": _("A formula; empty: 1."),
    "help.parameters.min": _("With a maximum: learners get values in this range, on the grid of the step if set."),
    "olxShown": _("The scenario is shown as OLX. The rows are hidden until you close the OLX view."),
    "rowsShown": _("The rows now show the scenario from the OLX."),
    "olxFixRows": _("Fix the problems marked in the rows before you switch to OLX."),
    "olxFixText": _("The OLX cannot be read; fix it before you go back to the rows."),
    "summaryTitle": _("Nothing was saved. Please fix:"),
    "templateLoaded": _("Template loaded. Check the rows, then save."),
}


def studio_strings():
    """Every msgid the editor's JavaScript shows, by key (translated by the block's translate_strings)."""
    strings = dict(STUDIO_STRINGS)
    strings.update({f"row.{key}": value for key, value in ROW_NAMES.items()})
    strings.update({f"field.{key}": value for key, value in FIELD_LABELS.items()})
    return strings


def editor_choices(vat_rates, basis_labels, country_names):
    """The closed lists the editor offers (values from the domain modules, labels as msgids)."""
    return {
        "units": list(UNITS),
        "tolerance_kinds": list(TOLERANCE_KINDS),
        "bases": [{"value": basis, "label": basis_labels[basis]} for basis in BASES],
        "currencies": list(CURRENCIES),
        "vat": [
            {
                "value": code,
                "country": country_names[code],
                "currency": vat_rates["countries"][code]["currency"],
                "standard": round(vat_rates["countries"][code]["standard"] * 100, 2),
                "accommodation": round(vat_rates["countries"][code]["accommodation"] * 100, 2),
            }
            for code in olx.VAT_COUNTRIES
        ],
        "mistakes": list(MISTAKES),
    }
