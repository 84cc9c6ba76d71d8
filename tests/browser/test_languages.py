"""Every block and the dashboard in every shipped language and in the pseudo-locale, on a 360 px phone.

One page load per language per page, in one browser context per page type. For each language:
- nothing is wider than the phone (German, Dutch, French and the ~35 % longer pseudo-locale `eo`
  are where long words and labels break layouts);
- the visible text differs from the English page (the catalogs are really used);
- in `eo`, every visible text node of our markup is pseudo-localised (⟦…⟧), except author and
  data content (scenario OLX, preset, template and framework texts), which is not in the catalogs:
  an English sentence left over is a string someone forgot to mark for translation.

The language is chosen the way a learner's browser does it: Django's language cookie, read by
LocaleMiddleware (the LMS uses the same cookie name by default).
"""

# ruff: noqa: F811  (fixtures imported from the dashboard integration tests)
import json
import re
import sys
from html import unescape

import pytest
from django.conf import settings as django_settings

from tests.browser.conftest import REPO, no_horizontal_overflow
from tests.integration.dashboard.conftest import catalogue, media_root, populated, world  # noqa: F401

sys.path.insert(0, str(REPO / "scripts"))
import data_overlays  # noqa: E402

pytestmark = pytest.mark.browser

SHIPPED = ["it", "sl", "hr", "pl", "fr", "nl", "de"]
PSEUDO = "eo"
WORD = re.compile(r"[A-Za-z]{4,}")

BLOCKS = {
    # block type: (scenario picker, root selector, JS condition for "ready")
    "waste_sorting": (
        lambda scenarios: next(
            sid
            for sid, s in scenarios.items()
            if sid.startswith("wise_waste_sorting.") and s.description == "Waste sorting: practice mode"
        ),
        ".wise-ws",
        "document.querySelector('.wise-ws [data-item]') !== null",
    ),
    "costing": (
        lambda scenarios: "wise_costing.3",
        ".wise-costing",
        "document.querySelector('.wise-costing[data-ready=true]') !== null",
    ),
    "skills_check": (
        lambda scenarios: "wise_skills_check.2",
        ".wise-skills-check",
        "(document.querySelector('.wsc-progress') || {textContent: ''}).textContent.length > 0",
    ),
}

# Text nodes of our markup that are visible, trimmed, one per entry.
VISIBLE_TEXTS = """(selector) => {
    const out = [];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
            if (!text || !el || ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName)) continue;
            if (el.closest('[hidden], [aria-hidden=true]')) continue;
            const rects = el.getClientRects();
            if (!rects.length || getComputedStyle(el).visibility === 'hidden') continue;
            out.push(text);
        }
    }
    return out;
}"""


@pytest.fixture
def pseudo_locale(settings):
    """`eo` as a selectable language for this test only (the devsite ships the 8 real ones)."""
    settings.LANGUAGES = [*settings.LANGUAGES, (PSEUDO, "Pseudo-locale (tests)")]


def use_language(page, live_server, language):
    page.context.add_cookies(
        [{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def content_texts(*olx):
    """English texts a page may show untranslated in `eo`: author content and shipped data."""
    texts = set()
    for data_file, fields in data_overlays.data_sets():
        for text in data_overlays.translatable_strings(data_overlays.read_json(data_file), fields):
            texts.add(text)  # HTML texts are shown without their tags, in pieces
            texts.update(part.strip() for part in re.split(r"<[^>]+>", unescape(text)) if part.strip())
    for xml in olx:
        texts.update(part.strip() for part in re.split(r"<[^>]+>|\n", unescape(xml)) if part.strip())
        texts.update(unescape(value) for value in re.findall(r'="([^"]*)"', xml))
    return texts


def unmarked(texts, allowed):
    """Visible English text in the pseudo-locale that is neither pseudo-localised nor content.

    Content may be shown in pieces ("4 hours", "— Variable cost of one machine"): what is left
    after taking out every content text and the pseudo-localised parts must have no English word."""
    ordered = sorted((a for a in allowed if a), key=len, reverse=True)
    found = set()
    for text in texts:
        rest = re.sub(r"⟦[^⟧]*⟧", " ", text)
        if not WORD.search(rest):
            continue
        for content in ordered:
            if content in rest:
                rest = rest.replace(content, " ")
                if not WORD.search(rest):
                    break
        if WORD.search(rest):
            found.add(text)
    return sorted(found)


def check_page(page, selector, english_text, fit=None):
    """Overflow and translation findings for the page as loaded now (`fit`: what must fit 360 px;
    the block's root in the workbench, whose own debug chrome is wider than a phone)."""
    problems = []
    if not no_horizontal_overflow(page, fit or selector):
        widest = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector + ' *')]
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))""",
            fit or selector,
        )
        problems.append(f"wider than 360 px: {widest}")
    text = page.locator(selector).first.inner_text()
    if text == english_text:
        problems.append("visible text is the same as in English")
    return problems


def block_view_findings(page, live_server, url, root, ready, content):
    """The findings of one block view (learner or Studio) in the 7 languages and `eo` (empty when all is well);
    `content`: the English texts the view may show untranslated (author and shipped data)."""

    def load(language):
        use_language(page, live_server, language)
        page.goto(url)
        page.wait_for_function(ready)
        assert page.locator("[data-init-error]").count() == 0

    load("en")
    english = page.locator(root).first.inner_text()
    findings = {}
    for language in SHIPPED:
        load(language)
        if problems := check_page(page, root, english):
            findings[language] = problems
    load(PSEUDO)
    problems = check_page(page, root, english)
    leftover = unmarked(page.evaluate(VISIBLE_TEXTS, root), content)
    if leftover:
        problems.append(f"not marked for translation: {leftover[:12]}")
    if problems:
        findings[PSEUDO] = problems
    return findings


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_block_in_every_language_fits_a_phone_and_is_translated(
    block, phone_page, live_server, scenario_url, wise_scenarios, pseudo_locale
):
    pick, root, ready = BLOCKS[block]
    scenario_id = pick(wise_scenarios)
    url = scenario_url(scenario_id, student=f"lang-{block}")
    content = content_texts(wise_scenarios[scenario_id].xml)
    findings = block_view_findings(phone_page, live_server, url, root, ready, content)
    assert not findings, f"{block}: " + json.dumps(findings, ensure_ascii=False, indent=1)


EDITORS = {
    # block type: (scenario, root selector, JS condition for "ready")
    "waste_sorting": ("wise_waste_sorting.0", ".wise-ws-studio", "!!document.querySelector('[data-field=bin]')"),
    "costing": ("wise_costing.3", ".wise-costing-studio", "!!document.querySelector('[data-ready=true]')"),
    "skills_check": ("wise_skills_check.0", ".wise-skills-check-studio", "!!document.querySelector('form')"),
}


def catalogue_labels():
    """Framework names and competence codes: the self-check's editor lists them; they are data, not catalog text."""
    from wise_skills.frameworks.catalogue import load_catalogue

    cat = load_catalogue()
    return {fw.name for fw in cat.frameworks.values()} | {c.code for c in cat.competences.values()}


@pytest.mark.parametrize("block", sorted(EDITORS))
def test_studio_editor_in_every_language_fits_a_phone_and_is_translated(
    block, phone_page, live_server, scenario_url, wise_scenarios, pseudo_locale
):
    """Course teams in Slovenia or Belgium author in their language too: the same checks as the learner views."""
    scenario_id, root, ready = EDITORS[block]
    url = scenario_url(scenario_id, view="studio_view")
    content = content_texts(wise_scenarios[scenario_id].xml) | catalogue_labels()
    findings = block_view_findings(phone_page, live_server, url, root, ready, content)
    assert not findings, f"{block} Studio editor: " + json.dumps(findings, ensure_ascii=False, indent=1)


def seeded_names():
    """Names of WISEs, networks, regions, sectors, roles and the catalogue: data in the database, not catalog text."""
    from wise_skills import models

    seeded = set()
    for model, field in (
        (models.Wise, "name"),
        (models.Wise, "region"),
        (models.Network, "name"),
        (models.CompetenceMapping, "title"),
    ):
        seeded.update(model.objects.values_list(field, flat=True))
    for model in (models.Sector, models.Role, models.Framework, models.Area, models.Competence, models.Level):
        seeded.update(model.objects.values_list("name", flat=True))
    # Country names come from django-countries' own catalogs (it has an Esperanto one), not from ours.
    from django.utils import translation
    from wise_skills.display import country_name

    with translation.override(PSEUDO):
        seeded.update(country_name(code) for code in models.Wise.objects.values_list("country", flat=True))
    return seeded


def check_page_in_every_language(page, live_server, url, root="main", fit="body"):
    """The findings of one plugin page in the 7 languages and `eo` (empty when all is well)."""

    def load(language):
        use_language(page, live_server, language)
        page.goto(url)
        page.wait_for_selector(root)

    load("en")
    english = page.locator(root).first.inner_text()
    findings = {}
    for language in SHIPPED:
        load(language)
        if problems := check_page(page, root, english, fit):
            findings[language] = problems
        if page.evaluate("document.documentElement.lang") not in (language, f"{language}-{language}"):
            findings.setdefault(language, []).append("<html lang> does not name the page's language")
    load(PSEUDO)
    problems = check_page(page, root, english, fit)
    leftover = unmarked(page.evaluate(VISIBLE_TEXTS, root), content_texts() | seeded_names())
    if leftover:
        problems.append(f"not marked for translation: {leftover[:12]}")
    if problems:
        findings[PSEUDO] = problems
    return findings


def test_dashboard_in_every_language_fits_a_phone_and_is_translated(phone_page, live_server, populated, pseudo_locale):
    from tests.browser.test_dashboard import sign_in

    sign_in(phone_page, live_server, populated["users"]["manager_a"])
    findings = check_page_in_every_language(
        phone_page, live_server, "/wise-skills/dashboard/?wise=wise-a&date_from=2026-03-01"
    )
    assert not findings, "dashboard: " + json.dumps(findings, ensure_ascii=False, indent=1)


def test_a_learners_profile_in_every_language_fits_a_phone_and_is_translated(
    phone_page, live_server, populated, pseudo_locale
):
    """The page learners far from the labour market read about themselves, on their phone, in their language."""
    from tests.browser.test_dashboard import sign_in

    sign_in(phone_page, live_server, populated["users"]["learner"])
    findings = check_page_in_every_language(phone_page, live_server, "/wise-skills/profile/")
    assert not findings, "profile: " + json.dumps(findings, ensure_ascii=False, indent=1)


def test_the_public_credential_check_in_every_language_fits_a_phone_and_is_translated(
    phone_page, live_server, populated, pseudo_locale
):
    """An employer anywhere checks a credential: the public page, without signing in."""
    findings = check_page_in_every_language(phone_page, live_server, "/wise-credentials/verify/")
    assert not findings, "verify: " + json.dumps(findings, ensure_ascii=False, indent=1)


def test_unmarked_finds_english_left_over_in_the_pseudo_locale():
    texts = ["⟦Šàṽé ŵîšé⟧", "Save", "4 hours", "— Variable cost of one machine", "12,50 €", "⟦Šàṽé⟧ Cancel"]
    assert unmarked(texts, {"hours", "Variable cost of one machine"}) == ["Save", "⟦Šàṽé⟧ Cancel"]
