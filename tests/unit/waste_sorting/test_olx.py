"""olx.py: golden fixtures survive export -> import byte for byte; errors name element and attribute."""

from pathlib import Path

import pytest
from wise_xblocks.common.olx import OLXError
from wise_xblocks.waste_sorting import olx, presets

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["full.xml", "minimal.xml"])
def test_golden_fixture_round_trip_is_lossless(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    settings, content = olx.from_string(text)
    assert olx.to_string(settings, content) == text
    again = olx.from_string(olx.to_string(settings, content))
    assert again == (settings, content)


def test_full_fixture_reads_every_field():
    settings, content = olx.from_string((FIXTURES / "full.xml").read_text(encoding="utf-8"))
    assert (settings.mode, settings.pool_size, settings.shuffle, settings.simulation, settings.weight) == (
        "assessment",
        3,
        False,
        True,
        2.5,
    )
    pizza = content.item("pizza-box")
    assert pizza.image == "/static/pizza.png" and pizza.image_alt.startswith("A pizza box")
    assert 'href="https://example.org/comieco"' in pizza.explanation
    assert content.bin("paper").name == "Paper & cardboard"


@pytest.mark.parametrize("preset_id", sorted(presets.load_presets()))
def test_every_preset_round_trips_through_olx(preset_id):
    content = presets.preset_content(preset_id)
    settings = olx.Settings(preset=preset_id)
    assert olx.from_string(olx.to_string(settings, content)) == (settings, content)


def replace(old, new):
    return (FIXTURES / "full.xml").read_text(encoding="utf-8").replace(old, new, 1)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'bin="organic" weight="150"',
            'bin="cardbord" weight="150"',
            '<item id="pizza-box"> attribute "bin": "cardbord" is not one of this block\'s bins',
        ),
        ('colour="#7a4a1e"', 'colour="brown"', '<bin id="organic"> attribute "colour"'),
        ('weight="5"', 'weight="five"', '<item id="receipt"> attribute "weight": Enter a whole number'),
        ('mode="assessment"', 'mode="exam"', '<wise_waste_sorting> attribute "mode"'),
        ('pool_size="3"', 'pool_size="30"', '<wise_waste_sorting> attribute "pool_size"'),
        ('<bin id="organic"', '<bin id="organic" size="big"', '<bin id="organic"> attribute "size": has an unknown'),
        ("<intro>", "<rubric/><intro>", "<rubric>: is not allowed inside <wise_waste_sorting>"),
        ('<item id="battery"', '<item id="battery" image="/static/b.png"', '<item id="battery"> attribute "image_alt"'),
    ],
)
def test_strict_parse_names_block_element_and_attribute(old, new, expected):
    with pytest.raises(OLXError) as raised:
        olx.from_string(replace(old, new))
    assert str(raised.value).startswith('wise_waste_sorting "')
    assert expected in str(raised.value)
