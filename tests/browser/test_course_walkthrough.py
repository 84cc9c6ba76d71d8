"""A learner walks through every unit of the WISE innovation course in the devsite.

Each unit of the OLX course is a workbench scenario (course_content/scenarios.py, ids
"wise_course.<nn>"); the walk opens them in course order and fails on a console error, a block
that could not start, a broken image or an axe-core violation inside the unit. One test on
purpose: the workbench re-parses every scenario for each test, which costs more than the walk.
"""

import pytest

from course_content.course_tree import CUSTOM_TAGS
from course_content.scenarios import course_scenarios, register_course_scenarios, scenario_id

UNIT = ".preview.student_view"


@pytest.fixture
def course_units(workbench):
    """[(scenario_id, title, xml)] of every unit; registers them when the devsite has not already done so."""
    register_course_scenarios()
    return [(scenario_id(n), title, xml) for n, (title, xml) in enumerate(course_scenarios())]


def _check_images(page, title, problems):
    for image in page.locator(f"{UNIT} img").all():
        if not (image.get_attribute("alt") or "").strip():
            problems.append(f"{title}: an image has no alt text")
        if not page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle()):
            problems.append(f"{title}: image {image.get_attribute('alt')!r} did not load")


def test_walk_through_the_whole_course(page, axe_check, scenario_url, course_units, workbench):
    assert len(course_units) >= 25
    assert all(unit_id in workbench for unit_id, _t, _x in course_units)
    problems, images_seen = [], 0
    for unit_id, title, xml in course_units:
        page.goto(scenario_url(unit_id))
        page.wait_for_selector(f"{UNIT} [data-block-type]")
        if any(f"<{tag}" in xml for tag in CUSTOM_TAGS):
            page.wait_for_load_state("networkidle")  # the block's ES module has loaded and run
        if page.problems.console_errors:
            problems.append(f"{title}: console errors {page.problems.console_errors}")
            page.problems.console_errors.clear()
        if page.locator("[data-init-error]").count():
            problems.append(f"{title}: a block could not start")
        if not page.locator(f"{UNIT} h2").first.inner_text().strip():
            problems.append(f"{title}: the unit has no heading")
        images_seen += page.locator(f"{UNIT} img").count()
        _check_images(page, title, problems)
        try:
            axe_check(page, UNIT)
        except AssertionError as failure:
            problems.append(f"{title}: {failure}")
    assert images_seen >= 2, "the course figures were not shown"
    assert problems == [], "\n".join(problems)
