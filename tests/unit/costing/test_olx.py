"""Readable OLX: strict parsing with errors naming block, element and attribute; lossless round trip."""

from pathlib import Path

import pytest
from wise_xblocks.common.olx import OLXError
from wise_xblocks.costing import olx
from wise_xblocks.costing.scenario import TEMPLATES, compile_scenario, load_template

GOLDEN = Path(__file__).parent / "golden"


def test_golden_fixture_exports_byte_for_byte():
    text = (GOLDEN / "small_tour.xml").read_text(encoding="utf-8")
    settings, scenario = olx.from_string(text)
    assert settings == {"display_name": "Price a day trip", "weight": 2.0, "max_attempts": 3, "showanswer": "attempted"}
    assert scenario["steps"][0]["hints"] == [
        "Divide the guide's fee by the group size.",
        "Then add the bike and the tasting.",
    ]
    assert scenario["steps"][0]["feedback"][1]["message"] == "Do not forget the <strong>tasting</strong>."
    assert scenario["labels"] == {"per_group": "per trip"} and scenario["carry_forward"] is False
    compile_scenario(scenario)
    assert olx.to_string(settings, scenario) == text


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_round_trips(name):
    scenario = olx.normalize(load_template(name))
    text = olx.to_string({"display_name": name}, scenario)
    settings, again = olx.from_string(text)
    assert again == scenario and settings == {"display_name": name}
    assert olx.to_string(settings, again) == text


def test_a_template_attribute_without_children_loads_the_template_and_its_country():
    node_text = '<wise_costing template="tourism_package" vat_country="PL"/>'
    _settings, scenario = olx.from_string(node_text)
    assert scenario["vat_country"] == "PL" and scenario["currency"] == "PLN"
    assert scenario["steps"] == olx.normalize(load_template("tourism_package"))["steps"]


@pytest.mark.parametrize(
    "text,fragment",
    [
        ('<wise_costing url_name="u1"/>', 'wise_costing "u1": <wise_costing> attribute "template": has no scenario'),
        ('<wise_costing url_name="u1" template="space_trip"/>', 'attribute "template": must be one of'),
        ('<wise_costing url_name="u1" colour="red" template="reuse_shop"/>', 'attribute "colour": unknown attribute'),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR"><widget/></wise_costing>',
            "<widget>: is not allowed inside <wise_costing>",
        ),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR"><parameter name="n" label="N"/>'
            '<step name="a" label="A"><formula>n</formula></step></wise_costing>',
            '<parameter> attribute "value": is missing',
        ),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR"><parameter name="n" label="N" value="ten"/>'
            '<step name="a" label="A"><formula>n</formula></step></wise_costing>',
            "must be a number, not 'ten'",
        ),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR">'
            '<cost_line name="x" label="X" basis="weekly" amount="1"/>'
            '<step name="a" label="A"><formula>x</formula></step></wise_costing>',
            '<cost_line> attribute "basis"',
        ),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR"><step name="a" label="A"/></wise_costing>',
            "needs exactly one <formula>",
        ),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR"><step name="a" label="A"><formula> </formula></step>'
            "</wise_costing>",
            "<formula>: is empty",
        ),
        (
            '<wise_costing url_name="u1" title="T" currency="USD"><step name="a" label="A"><formula>1</formula></step>'
            "</wise_costing>",
            'attribute "currency": must be one of EUR, PLN',
        ),
        ('<wise_costing url_name="u1" title="T" currency="EUR"></wise_costing>', "has no scenario"),
        ('<wise_costing url_name="u1" title="T" currency="EUR"><intro/></wise_costing>', "needs at least one <step>"),
        (
            '<wise_costing url_name="u1" title="T" currency="EUR">'
            '<step name="a" label="A" decimals="9"><formula>1</formula>'
            "</step></wise_costing>",
            'attribute "decimals": must be at most 6',
        ),
        ("<wise_costing", "not well-formed XML"),
        ("<other/>", "root element must be <wise_costing>"),
    ],
)
def test_strict_errors_name_block_element_and_attribute(text, fragment):
    with pytest.raises(OLXError) as info:
        olx.from_string(text)
    assert fragment in str(info.value)


def test_entities_are_not_expanded():
    text = (
        '<!DOCTYPE x [<!ENTITY boom "BOOM">]><wise_costing url_name="u" title="&boom;" currency="EUR">'
        '<step name="a" label="A"><formula>1</formula></step></wise_costing>'
    )
    with pytest.raises(OLXError, match="DOCTYPE"):
        olx.from_string(text)
