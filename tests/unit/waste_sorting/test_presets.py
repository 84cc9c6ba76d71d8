"""presets/*.json: every country file passes the schema and the content rules, with its tricky items."""

import copy
import json

import pytest
from wise_xblocks.waste_sorting import presets

EXPECTED = {"it", "si", "hr", "pl", "be_vlg", "be_wal", "be_bru", "eu"}


def test_every_expected_preset_is_there():
    assert set(presets.load_presets()) == EXPECTED


@pytest.mark.parametrize("preset_id", sorted(EXPECTED))
def test_preset_has_notice_sources_tricky_items_and_a_residual_bin(preset_id):
    doc, content = presets.load_presets()[preset_id]
    assert "check your municipality" in doc["notice"] and "check your municipality" in content.intro
    assert doc["sources"]
    ids = {item.id for item in content.items}
    assert {"pizza-box-greasy", "receipt", "battery", "light-bulb"} <= ids
    assert any(b.stream == "residual" for b in content.bins)
    assert all(item.explanation and item.source for item in content.items)


def test_schema_violation_names_file_and_field():
    doc = copy.deepcopy(presets.load_presets()["it"][0])
    doc["bins"][0]["colour"] = "blue"
    with pytest.raises(presets.PresetError, match=r"it.json: bins/0/colour"):
        presets.validate_preset(doc, "it.json")


def test_item_in_missing_bin_is_caught_by_content_rules_after_the_schema():
    doc = copy.deepcopy(presets.load_presets()["pl"][0])
    doc["items"][0]["bin"] = "paper"  # PL calls it "papier"
    with pytest.raises(presets.PresetError, match=r"pl.json: items\[0\].bin"):
        presets.validate_preset(doc, "pl.json")


def test_schema_file_is_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(
        json.loads((presets._folder() / "schema.json").read_text(encoding="utf-8"))
    )
