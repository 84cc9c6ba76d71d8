# ruff: noqa: F811  (fixtures imported from the dashboard tests)
"""The LMS's own language codes reach every translation we ship.

edx-platform names three of our languages with a region in its LANGUAGES: Italian is "it-it",
German "de-de", Dutch "nl-nl" (Slovenian, Croatian, Polish and French are "sl", "hr", "pl", "fr").
Our catalogs and data translations are per language ("it"). The devsite lists the short codes, so
every other test runs with them; here the site lists the LMS's codes, as a learner's browser or
account preference would select them, and each page must be exactly what the short code gives.
"""

import json
import re

import pytest
from django.test import override_settings

from tests.integration.dashboard.conftest import (  # noqa: F401
    add_learners,
    catalogue,
    client_for,
    js_catalog,
    populated,
    world,
)

# The entries of edx-platform's LANGUAGES (lms/envs/common.py) for English and our seven languages.
LMS_LANGUAGES = [
    ("en", "English"),
    ("it-it", "Italiano (Italia)"),
    ("de-de", "Deutsch (Deutschland)"),
    ("nl-nl", "Nederlands (Nederland)"),
    ("fr", "Français"),
    ("pl", "Polski"),
    ("sl", "Slovenščina"),
    ("hr", "hrvatski"),
]
# (what the browser sends, the LMS language it selects, the short code our catalogs use)
REGIONAL = [
    ("it-IT,it;q=0.9", "it-it", "it"),
    ("de-DE,de;q=0.9", "de-de", "de"),
    ("nl-NL,nl;q=0.9", "nl-nl", "nl"),
]
BLOCK_SCENARIOS = ("wise_waste_sorting.0", "wise_costing.0", "wise_skills_check.0")
INIT_ARGS = re.compile(r'<script type="json/xblock-args" class="xblock_json_init_args">(.*?)</script>', re.S)
DASH = "/wise-skills/dashboard/"


def block_init_args(client, scenario_id, accept_language):
    html = client.get(f"/workbench/scenario/{scenario_id}/?student=lang-learner", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert html.status_code == 200
    found = [json.loads(args) for args in INIT_ARGS.findall(html.content.decode())]
    wise = [args for args in found if "strings" in args]
    assert wise, f"{scenario_id}: no WISE block's init arguments on the page"
    return wise[0]


def comparable(page):
    """The page without what rightly differs: <html lang> (the regional code) and the per-response CSRF mask."""
    page = re.sub(r'<html lang="[^"]*"', "<html", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', page)


@pytest.mark.parametrize(("accept_language", "lms_code", "short"), REGIONAL)
def test_the_blocks_speak_the_learners_language_under_the_lms_code(
    client, wise_scenarios, accept_language, lms_code, short
):
    for scenario_id in BLOCK_SCENARIOS:
        english = block_init_args(client, scenario_id, "en")["strings"]
        expected = block_init_args(client, scenario_id, short)["strings"]
        with override_settings(LANGUAGES=LMS_LANGUAGES):
            regional = block_init_args(client, scenario_id, accept_language)["strings"]
        assert regional == expected, f"{scenario_id} under {lms_code}"
        assert regional != english, f"{scenario_id}: the {short} strings are the English ones"


def test_costing_uses_the_languages_number_rules_under_the_lms_code(client, wise_scenarios):
    # The locale in the init arguments is block.locale(): the one the handler parses and grades answers with.
    with override_settings(LANGUAGES=LMS_LANGUAGES):
        locales = {code: block_init_args(client, "wise_costing.0", accept)["locale"] for accept, code, _ in REGIONAL}
    assert locales == {"it-it": "it", "de-de": "de", "nl-nl": "nl"}


@pytest.mark.parametrize(("accept_language", "lms_code", "short"), REGIONAL)
def test_the_dashboard_and_its_javascript_catalog_under_the_lms_code(
    populated, client, accept_language, lms_code, short
):
    client_for(client, populated["users"]["staff"])
    english_page = client.get(DASH, {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    expected_page = client.get(DASH, {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE=short).content.decode()
    expected_catalog = js_catalog(client, short)
    with override_settings(LANGUAGES=LMS_LANGUAGES):
        page = client.get(DASH, {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
        catalog = js_catalog(client, accept_language)
    assert f'<html lang="{lms_code}"' in page
    # Competence and area names come from the data translations, sentences from django.po, numbers from
    # Django's formats: all of them keyed by the short code.
    assert comparable(page) == comparable(expected_page)
    assert comparable(page) != comparable(english_page), f"the {short} dashboard is the English one"
    assert catalog == expected_catalog and catalog["Download"] != "Download"
