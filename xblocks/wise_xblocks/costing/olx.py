"""Readable OLX for the costing block, parsed strictly and written back losslessly.

    <wise_costing display_name="Price a farm-stay tour" currency="EUR" vat_country="IT"
                  title="3-day farm-stay and cycling tour">
      <intro><p>Your social enterprise runs ...</p></intro>
      <parameter name="group_min" label="Minimum group size" value="12" min="10" max="16" step="1"
                 unit="count" randomize="true"/>
      <cost_line name="guide" label="Cycling guide, day rate" basis="per_group" amount="180" quantity="days"/>
      <step name="fixed_total" label="Total fixed cost for the group" unit="money">
        <formula>sum_per_group</formula>
        <hint>Fixed costs do not change with the number of participants.</hint>
        <feedback mistake="per_person_vs_per_group" formula="sum_per_group / group_min"/>
      </step>
      <chart x_label="Participants" x_from="1" x_to="30" fixed="fixed_total" variable="variable_pp"
             unit_revenue="price"/>
    </wise_costing>

An element without any scenario child but with template="tourism_package" starts from that
shipped template. Export always writes the full scenario, so an export is self-contained.
"""

from lxml import etree

from ..common.olx import OLXError, OLXReader, append_html, set_attrs
from ..common.showanswer import POLICIES
from ..common.versioning import BlockFormat
from .scenario import BASES, TEMPLATES, TOLERANCE_KINDS, UNITS, load_template, vat_rates

BLOCK_TYPE = "wise_costing"
# OLX and learner-state format versions (common/versioning.py); wise_format="1" on export.
FORMAT = BlockFormat(BLOCK_TYPE)
SETTINGS = ("display_name", "weight", "max_attempts", "showanswer")
SCENARIO_CHILDREN = ("intro", "source_note", "labels", "parameter", "cost_line", "step", "chart")
STEP_CHILDREN = ("prompt", "formula", "hint", "feedback", "explanation")
VAT_COUNTRIES = ("IT", "SI", "HR", "PL", "BE")


def normalize(data):
    """The canonical form: optional lists and keys present, so two equal scenarios compare equal."""
    data = dict(data)
    data.setdefault("intro", "")
    data.setdefault("vat_country", None)
    data.setdefault("chart", None)
    data.setdefault("labels", {})
    data["steps"] = [
        {**step, "hints": list(step.get("hints", [])), "feedback": list(step.get("feedback", []))}
        for step in data.get("steps", [])
    ]
    return data


def parse_olx(node):
    """(settings, scenario) from a <wise_costing> element; OLXError names block, element, attribute."""
    node = FORMAT.upgrade_olx(node)  # older format versions read as the current one
    reader = OLXReader(BLOCK_TYPE, node)
    settings = {}
    settings["display_name"] = reader.text_attr(node, "display_name", max_length=200)
    settings["weight"] = reader.number_attr(node, "weight", minimum=0)
    settings["max_attempts"] = reader.number_attr(node, "max_attempts", kind=int, minimum=0)
    settings["showanswer"] = reader.choice_attr(node, "showanswer", POLICIES)  # a typo must not hide answers
    settings = {key: value for key, value in settings.items() if value is not None}
    allowed = set(SETTINGS) | {
        "url_name",
        "template",
        "title",
        "currency",
        "vat_country",
        "carry_forward",
        "xblock-family",
        "filename",
    }
    for name in node.keys():
        if name not in allowed:
            raise reader.error(node.tag, f"unknown attribute (allowed: {', '.join(sorted(allowed))})", name)
    reader.only_children(node, SCENARIO_CHILDREN)
    has_scenario = any(isinstance(child.tag, str) for child in node)
    template = reader.choice_attr(node, "template", TEMPLATES)
    if not has_scenario:
        if not template:
            raise reader.error(
                node.tag,
                f"has no scenario: add <parameter>, <cost_line> and <step> elements or "
                f'template="..." (one of {", ".join(TEMPLATES)})',
                "template",
            )
        scenario = load_template(template)
        # A template may be set to another country: vat_country="PL" also switches to its currency (PLN).
        vat_country = reader.choice_attr(node, "vat_country", VAT_COUNTRIES)
        if vat_country:
            scenario["vat_country"] = vat_country
            scenario["currency"] = vat_rates()["countries"][vat_country]["currency"]
        scenario["currency"] = reader.choice_attr(node, "currency", ("EUR", "PLN"), default=scenario["currency"])
        return settings, normalize(scenario)
    scenario = {
        "title": reader.text_attr(node, "title", required=True, max_length=200),
        "currency": reader.choice_attr(node, "currency", ("EUR", "PLN"), required=True),
        "vat_country": reader.choice_attr(node, "vat_country", VAT_COUNTRIES),
    }
    if node.get("carry_forward") is not None:
        scenario["carry_forward"] = reader.bool_attr(node, "carry_forward")
    for tag in ("intro", "source_note"):
        found = reader.children(node, tag)
        if len(found) > 1:
            raise reader.error(tag, "may appear only once")
        if found:
            scenario[tag] = reader.inner_html(found[0])
    labels = reader.children(node, "labels")
    if labels:
        scenario["labels"] = {basis: labels[0].get(basis) for basis in BASES if labels[0].get(basis) is not None}
        _only_attributes(reader, labels[0], BASES)
    scenario["parameters"] = [_parameter(reader, child) for child in reader.children(node, "parameter")]
    scenario["cost_lines"] = [_cost_line(reader, child) for child in reader.children(node, "cost_line")]
    scenario["steps"] = [_step(reader, child) for child in reader.children(node, "step")]
    if not scenario["steps"]:
        raise reader.error(node.tag, "needs at least one <step>")
    charts = reader.children(node, "chart")
    if len(charts) > 1:
        raise reader.error("chart", "may appear only once")
    if charts:
        scenario["chart"] = _chart(reader, charts[0])
    return settings, normalize(scenario)


def _only_attributes(reader, node, allowed):
    for name in node.keys():
        if name not in allowed:
            raise reader.error(node.tag, f"unknown attribute (allowed: {', '.join(allowed)})", name)


def _without_none(**values):
    return {key: value for key, value in values.items() if value is not None}


def _parameter(reader, node):
    _only_attributes(reader, node, ("name", "label", "value", "min", "max", "step", "unit", "suffix", "randomize"))
    reader.only_children(node, ())
    randomize = reader.bool_attr(node, "randomize", default=None) if node.get("randomize") is not None else None
    return _without_none(
        name=reader.text_attr(node, "name", required=True, max_length=40),
        label=reader.text_attr(node, "label", required=True, max_length=200),
        value=reader.number_attr(node, "value", required=True),
        min=reader.number_attr(node, "min"),
        max=reader.number_attr(node, "max"),
        step=reader.number_attr(node, "step"),
        unit=reader.choice_attr(node, "unit", UNITS),
        suffix=reader.text_attr(node, "suffix", max_length=20),
        randomize=randomize,
    )


def _cost_line(reader, node):
    _only_attributes(reader, node, ("name", "label", "basis", "amount", "quantity", "quantity_label"))
    reader.only_children(node, ())
    return _without_none(
        name=reader.text_attr(node, "name", required=True, max_length=40),
        label=reader.text_attr(node, "label", required=True, max_length=200),
        basis=reader.choice_attr(node, "basis", BASES, required=True),
        amount=reader.text_attr(node, "amount", required=True, max_length=500),
        quantity=reader.text_attr(node, "quantity", max_length=500),
        quantity_label=reader.text_attr(node, "quantity_label", max_length=80),
    )


def _step(reader, node):
    _only_attributes(
        reader, node, ("name", "label", "unit", "suffix", "decimals", "tolerance", "tolerance_kind", "weight")
    )
    reader.only_children(node, STEP_CHILDREN)
    formulas = reader.children(node, "formula")
    if len(formulas) != 1:
        raise reader.error("step", f"needs exactly one <formula> (step {node.get('name')!r})")
    step = _without_none(
        name=reader.text_attr(node, "name", required=True, max_length=40),
        label=reader.text_attr(node, "label", required=True, max_length=300),
        unit=reader.choice_attr(node, "unit", UNITS),
        suffix=reader.text_attr(node, "suffix", max_length=20),
        decimals=reader.number_attr(node, "decimals", kind=int, minimum=0, maximum=6),
        tolerance=reader.number_attr(node, "tolerance", minimum=0),
        tolerance_kind=reader.choice_attr(node, "tolerance_kind", TOLERANCE_KINDS),
        weight=reader.number_attr(node, "weight", minimum=0),
    )
    for tag in ("prompt", "explanation"):
        found = reader.children(node, tag)
        if len(found) > 1:
            raise reader.error(tag, f"may appear only once in a step (step {step['name']!r})")
        if found:
            step[tag] = reader.inner_html(found[0])
    formula = (formulas[0].text or "").strip()
    if not formula:
        raise reader.error("formula", f"is empty (step {step['name']!r})")
    step["formula"] = formula
    step["hints"] = [reader.inner_html(hint) for hint in reader.children(node, "hint")]
    feedback = []
    for rule in reader.children(node, "feedback"):
        _only_attributes(reader, rule, ("mistake", "formula"))
        entry = {
            "mistake": reader.text_attr(rule, "mistake", required=True, max_length=40),
            "formula": reader.text_attr(rule, "formula", required=True, max_length=500),
        }
        message = reader.inner_html(rule)
        if message:
            entry["message"] = message
        feedback.append(entry)
    step["feedback"] = feedback
    return step


def _chart(reader, node):
    _only_attributes(reader, node, ("x_label", "x_from", "x_to", "fixed", "variable", "unit_revenue"))
    return _without_none(
        x_label=reader.text_attr(node, "x_label", max_length=80),
        x_from=reader.number_attr(node, "x_from", required=True, minimum=0),
        x_to=reader.number_attr(node, "x_to", required=True),
        fixed=reader.text_attr(node, "fixed", required=True, max_length=500),
        variable=reader.text_attr(node, "variable", required=True, max_length=500),
        unit_revenue=reader.text_attr(node, "unit_revenue", required=True, max_length=500),
    )


def write_olx(node, settings, scenario):
    """Fill `node` (a <wise_costing> element) with readable attributes and children."""
    FORMAT.stamp_olx(node)
    set_attrs(node, **{key: settings.get(key) for key in SETTINGS})
    set_attrs(
        node,
        title=scenario["title"],
        currency=scenario["currency"],
        vat_country=scenario.get("vat_country"),
        carry_forward=scenario.get("carry_forward"),
    )
    if scenario.get("intro"):
        append_html(node, "intro", scenario["intro"])
    if scenario.get("source_note"):
        etree.SubElement(node, "source_note").text = scenario["source_note"]
    if scenario.get("labels"):
        set_attrs(etree.SubElement(node, "labels"), **{basis: scenario["labels"].get(basis) for basis in BASES})
    for parameter in scenario["parameters"]:
        set_attrs(
            etree.SubElement(node, "parameter"),
            **{
                key: parameter.get(key)
                for key in ("name", "label", "value", "min", "max", "step", "unit", "suffix", "randomize")
            },
        )
    for line in scenario["cost_lines"]:
        set_attrs(
            etree.SubElement(node, "cost_line"),
            **{key: line.get(key) for key in ("name", "label", "basis", "amount", "quantity", "quantity_label")},
        )
    for step in scenario["steps"]:
        child = set_attrs(
            etree.SubElement(node, "step"),
            **{
                key: step.get(key)
                for key in ("name", "label", "unit", "suffix", "decimals", "tolerance", "tolerance_kind", "weight")
            },
        )
        if step.get("prompt"):
            append_html(child, "prompt", step["prompt"])
        etree.SubElement(child, "formula").text = step["formula"]
        for hint in step.get("hints", []):
            append_html(child, "hint", hint)
        for rule in step.get("feedback", []):
            rule_node = append_html(child, "feedback", rule.get("message", ""))
            set_attrs(rule_node, mistake=rule["mistake"], formula=rule["formula"])
        if step.get("explanation"):
            append_html(child, "explanation", step["explanation"])
    if scenario.get("chart"):
        chart = scenario["chart"]
        set_attrs(
            etree.SubElement(node, "chart"),
            **{key: chart.get(key) for key in ("x_label", "x_from", "x_to", "fixed", "variable", "unit_revenue")},
        )
    _indent(node, 1)
    return node


def _indent(node, level):
    """Indent the element-only containers (the block and its steps); author HTML keeps its own spacing."""
    children = [child for child in node if isinstance(child.tag, str)]
    if not children:
        return
    node.text = "\n" + "  " * level
    for index, child in enumerate(children):
        child.tail = "\n" + "  " * (level if index < len(children) - 1 else level - 1)
        if child.tag == "step":
            _indent(child, level + 1)


def to_string(settings, scenario):
    node = write_olx(etree.Element(BLOCK_TYPE), settings, scenario)
    return etree.tostring(node, encoding="unicode", pretty_print=True)


def from_string(text):
    """Parse OLX typed in Studio. A DOCTYPE (and so any entity, e.g. "billion laughs") is refused."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise OLXError(BLOCK_TYPE, None, BLOCK_TYPE, "a DOCTYPE or entity declaration is not allowed")
    try:
        node = etree.fromstring(
            text.encode("utf-8") if isinstance(text, str) else text,
            parser=etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False),
        )
    except etree.XMLSyntaxError as error:
        raise OLXError(BLOCK_TYPE, None, BLOCK_TYPE, f"is not well-formed XML: {error}") from None
    if node.tag != BLOCK_TYPE:
        raise OLXError(BLOCK_TYPE, None, node.tag, f"the root element must be <{BLOCK_TYPE}>")
    return parse_olx(node)
