"""The data learners see is translated beside the data, completely, and selected by language.

Data files: waste-sorting presets, costing templates, framework and role names (the list is in
scripts/data_overlays.py). Overlays are keyed by the English text, so an author's edited text
is never replaced and a changed English text shows up here as missing.
"""

import copy
import json
import re
import sys
from pathlib import Path

import pytest
from wise_skills.frameworks import catalogue
from wise_xblocks.common import data_i18n
from wise_xblocks.costing import scenario
from wise_xblocks.waste_sorting import presets

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "scripts"))
import data_overlays  # noqa: E402

LANGUAGES = ("it", "sl", "hr", "pl", "fr", "nl", "de")
# What a translation must keep exactly: HTML tags (the presets' explanations use <strong>) and placeholders.
KEPT = re.compile(r"</?[a-z]+[^>]*>|\{[a-zA-Z_]\w*\}|%\([a-zA-Z_]\w*\)[sdf]")


def test_the_data_sets_cover_every_shipped_data_file_learners_read():
    names = {path.name for path, _fields in data_overlays.data_sets()}
    assert {"eu.json", "be_bru.json", "it.json", "si.json", "hr.json", "pl.json"} <= names
    assert {f"{name}.json" for name in scenario.TEMPLATES} <= names
    assert {"digcomp.json", "entrecomp.json", "greencomp.json", "sector.json", "wise-manager.json"} <= names


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_data_file_has_a_complete_overlay(language):
    problems = []
    for data_file, fields in data_overlays.data_sets():
        path = data_overlays.overlay_file(data_file, language)
        overlay = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        doc = json.loads(data_file.read_text(encoding="utf-8"))
        problems += [f"{path.relative_to(REPO)}: {p}" for p in data_i18n.overlay_problems(doc, fields, overlay, KEPT)]
    assert not problems, "run `.venv/bin/python scripts/data_overlays.py update` and translate:\n" + "\n".join(
        problems[:30]
    )


def test_overlay_check_catches_missing_stale_and_unflagged_entries():
    doc = {"items": [{"name": "Banana peel"}, {"name": "Newspaper"}]}
    overlay = {"strings": {"Banana peel": "Bananenschale", "Old text": "Alter Text"}}
    problems = data_i18n.overlay_problems(doc, ("items[].name",), overlay)
    assert any("missing translation for 'Newspaper'" in p for p in problems)
    assert any("stale entry" in p and "Old text" in p for p in problems)
    assert any("review_status" in p for p in problems)
    tags = data_i18n.overlay_problems(
        {"items": [{"name": "<strong>Glass</strong> bin"}]},
        ("items[].name",),
        {"review_status": "reviewed", "strings": {"<strong>Glass</strong> bin": "Vetro"}},
        KEPT,
    )
    assert tags == ["placeholders differ in the translation of '<strong>Glass</strong> bin'"]


def test_localize_replaces_only_texts_still_equal_to_the_english_source():
    doc = {"bins": [{"name": "Glass"}], "items": [{"name": "Jar", "explanation": "My own words."}], "id": "Jar"}
    table = {"Glass": "Vetro", "Jar": "Barattolo", "My own words": "x"}
    out = data_i18n.localize(doc, ("bins[].name", "items[].name", "items[].explanation"), table)
    assert out == {
        "bins": [{"name": "Vetro"}],
        "items": [{"name": "Barattolo", "explanation": "My own words."}],
        "id": "Jar",
    }
    assert doc["bins"][0]["name"] == "Glass", "the input is not changed"


def test_language_candidates_fall_back_to_the_base_language():
    assert data_i18n.language_candidates("de-AT") == ["de-at", "de"]
    assert data_i18n.language_candidates("pl") == ["pl"]
    assert data_i18n.language_candidates(None) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_preset_content_in_the_learners_language(language):
    english = presets.preset_content("eu").to_dict()
    local = presets.localized_content(english, "eu", language)
    english_names = [item["name"] for item in english["items"]]
    local_names = [item["name"] for item in local["items"]]
    assert local_names != english_names
    assert [item["id"] for item in local["items"]] == [item["id"] for item in english["items"]]
    assert [item["bin"] for item in local["items"]] == [item["bin"] for item in english["items"]]
    presets.validate_preset({**presets.load_presets()["eu"][0], **local}, f"eu in {language}")


def test_an_authors_edited_text_is_kept_and_english_is_unchanged():
    content = copy.deepcopy(presets.preset_content("eu").to_dict())
    content["items"][0]["name"] = "Our local newspaper"
    german = presets.localized_content(content, "eu", "de")
    assert german["items"][0]["name"] == "Our local newspaper"
    assert german["items"][1]["name"] != content["items"][1]["name"]
    assert presets.localized_content(content, "eu", "en") == content
    assert presets.localized_content(content, "eu", "pt-br") == content


@pytest.mark.parametrize("name", scenario.TEMPLATES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_costing_template_in_the_learners_language_has_the_same_answers(name, language):
    english = scenario.load_template(name)
    local = scenario.localize_scenario(english, language)
    assert local["title"] != english["title"]
    assert [s["label"] for s in local["steps"]] != [s["label"] for s in english["steps"]]
    env_en = scenario.compile_scenario(english).evaluate()
    env_local = scenario.compile_scenario(local).evaluate()
    assert env_local == env_en, "translating the texts must never change a number"


@pytest.mark.parametrize("language", LANGUAGES)
def test_framework_and_role_names_in_the_language(language):
    name = catalogue.load_catalogue().competences["digcomp:1.1"].name
    assert catalogue.data_text(name, language) != name
    assert catalogue.data_text("WISE manager", language) != "WISE manager"
    assert catalogue.data_text("WISE manager", "en") == "WISE manager"
    assert catalogue.data_text("A text nobody translated", language) == "A text nobody translated"
