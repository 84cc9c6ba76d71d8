"""XSS through every author-editable field of every WISE block, rendered by the real workbench in Chromium.

For each payload of the catalogue (tests/security/xss_payloads.py, 28 kinds), every place of every block's
OLX that the block accepts gets the payload (tests/security/xss_olx.py finds the places generically); the
three blocks of four payloads go on one workbench page (added as a scenario; seven pages, to keep the
browser time down), and each page is opened as a learner (student
view, answers shown at once: showanswer="always") and as an author (studio view). The test fails on any
dialog or console error (the `page` fixture), on any element or attribute that could execute, and on any
sign that a Django template ran author text.
"""

import pytest
from lxml import etree
from workbench import scenarios as workbench_scenarios

from .blocks import wise_block_classes
from .xss_olx import inject
from .xss_payloads import FIND_INJECTED, PAYLOADS, TEMPLATE_EVIDENCE

BLOCKS = wise_block_classes()
pytestmark = pytest.mark.browser


PER_PAGE = 4


def page_olx(payloads):
    parts, places = [], {block_type: [] for block_type in BLOCKS}
    for payload in payloads:
        for block_type, cls in BLOCKS.items():
            olx, kept = inject(block_type, cls, payload)
            node = etree.fromstring(olx.encode("utf-8"))
            if getattr(cls, "has_score", False):
                node.set("showanswer", "always")  # answers, explanations and solutions are rendered at once
            parts.append(etree.tostring(node, encoding="unicode"))
            places[block_type] += kept
    return "<vertical_demo>" + "".join(parts) + "</vertical_demo>", places


@pytest.fixture
def xss_scenarios(workbench):
    """One workbench scenario per four payloads, removed afterwards."""
    names, places = [], {}
    for start in range(0, len(PAYLOADS), PER_PAGE):
        chunk = PAYLOADS[start : start + PER_PAGE]
        name = f"wise_sec_xss.{start // PER_PAGE}"
        kinds = ", ".join(kind for kind, _payload in chunk)
        olx, kept = page_olx([payload for _kind, payload in chunk])
        workbench_scenarios.add_xml_scenario(name, f"XSS: {kinds}", olx)
        names.append((name, kinds))
        places[name] = kept
    yield names, places
    for name, _kind in names:
        workbench_scenarios.remove_scenario(name)


def check_page(page, url, kind):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    injected = page.evaluate(FIND_INJECTED)
    assert not injected, f"{kind}: injected at {url}: {injected}"
    html = page.content()
    evidence = [e for e in TEMPLATE_EVIDENCE if e in html]
    assert not evidence, f"{kind}: author text ran as a Django template at {url} ({evidence})"


def test_every_payload_in_every_author_field_renders_inert_for_learners_and_authors(page, scenario_url, xss_scenarios):
    names, places = xss_scenarios
    for block_type in BLOCKS:
        assert any(places[name][block_type] for name, _ in names), f"{block_type}: no field took any payload"
    for name, kind in names:
        check_page(page, scenario_url(name, student="xss-learner"), kind)
        rendered = page.locator("[data-block-type^='wise_']").count()
        assert rendered >= PER_PAGE * len(BLOCKS) or name.endswith(str(len(names) - 1)), f"{kind}: {rendered} blocks"
        # The same page as an author sees it in Studio (one test: the scenarios cost more than the pages).
        check_page(page, scenario_url(name, view="studio_view"), kind)


def test_the_detector_finds_the_payloads_when_they_are_not_escaped(browser):
    """Negative control: each raw payload in a page (scripts off, so nothing runs) is found by FIND_INJECTED,
    except the kinds that bite only in another context (template, JS-string, escape and mXSS tricks), which
    dialogs and TEMPLATE_EVIDENCE catch instead; otherwise the checks above would prove nothing."""
    context = browser.new_context(java_script_enabled=False)
    missed = []
    try:
        page = context.new_page()
        for kind, payload in PAYLOADS:
            page.set_content(f"<div>{payload}</div>")
            if not page.evaluate(FIND_INJECTED):
                missed.append(kind)
    finally:
        context.close()
    # Text-only kinds, and the two mXSS kinds, which bite only after a sanitiser re-serialises them.
    context_only = {
        "django variable breakout",
        "django tag breakout",
        "JS single-quote breakout",
        "JS double-quote breakout",
        "double-decoded entities",
        "unicode escapes",
        "template literal",
        "attribute breakout",
        "mXSS noscript",
        "mathml namespace confusion",
    }
    assert set(missed) <= context_only, sorted(set(missed) - context_only)
    assert len(PAYLOADS) - len(missed) >= 18
