"""What course staff see under each block (?student=staff in the devsite, the LMS's staff flag): on a phone,
keyboard-reachable, axe-clean; learners never see it."""

import pytest

from .conftest import no_horizontal_overflow

CASES = [
    ("wise_waste_sorting.0", ".wise-ws", ".wise-ws__staff", "Staff: which items are most often mis-sorted"),
    ("wise_skills_check.0", ".wise-skills-check", ".wsc-staff", "Staff: how the group rated itself"),
    ("wise_costing.0", ".wise-costing", ".wco-staff", "For staff: steps learners get wrong most often"),
]


@pytest.mark.parametrize("scenario_id,root,staff,summary", CASES, ids=[c[0] for c in CASES])
def test_staff_view_opens_by_keyboard_on_a_phone_and_is_axe_clean(
    phone_page, scenario_url, axe_check, scenario_id, root, staff, summary
):
    page = phone_page
    page.goto(scenario_url(scenario_id, student="staff"))
    part = page.locator(f"{root} {staff}")
    part.wait_for()
    if part.evaluate("el => el.tagName") == "DETAILS":
        toggle = part.locator("summary")
        assert toggle.text_content().strip() == summary
        toggle.focus()
        page.keyboard.press("Enter")  # <details> opens from the keyboard
        assert part.evaluate("el => el.open")
    else:
        assert part.locator("h3").text_content().strip() == summary
    axe_check(page, root)
    assert no_horizontal_overflow(page, root)

    page.goto(scenario_url(scenario_id, student="learner-staffcheck"))
    page.locator(root).wait_for()
    assert page.locator(f"{root} {staff}").count() == 0
