"""A course team edits a waste-sorting block in the Studio editor with the keyboard alone: adds an
item, moves it up, removes another, saves and finds the change after a reload; a bad save is shown
next to each field (aria-invalid, aria-describedby) and in a summary that names the row and field
in words and links to the field; nothing is saved and the edits stay. The editor fits a 360 px
phone and axe-core finds nothing, with and without errors."""

import pytest
from wise_xblocks.waste_sorting import presets

from tests.browser.conftest import no_horizontal_overflow

pytestmark = pytest.mark.browser

ROOT = ".wise-ws-studio"
EU = presets.preset_content("eu")
EXPECTED_400 = "status of 400"


def practice_scenario(wise_scenarios):
    return next(
        sid
        for sid, s in wise_scenarios.items()
        if sid.startswith("wise_waste_sorting.") and s.description == "Waste sorting: practice mode"
    )


def open_editor(page, url):
    page.goto(url)
    page.wait_for_selector(f"{ROOT}[data-ready=true]")
    assert page.locator("[data-init-error]").count() == 0


def status_is(page, text):
    page.wait_for_function(
        "([root, text]) => document.querySelector(root + ' [data-role=status]').textContent === text",
        arg=[ROOT, text],
    )


def focused(page, attribute):
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def item_ids(page):
    return page.eval_on_selector_all(f"{ROOT} [data-role=items] [data-field=id]", "nodes => nodes.map(n => n.value)")


def press_on(page, selector):
    page.locator(selector).focus()
    page.keyboard.press("Enter")


def type_into_focused(page, text):
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def forgive_expected_400(page):
    """Chromium logs every 4xx fetch as a console error; only the expected refusal is forgiven."""
    for _ in range(40):
        if any(EXPECTED_400 in e for e in page.problems.console_errors):
            break
        page.wait_for_timeout(50)
    assert [e for e in page.problems.console_errors if EXPECTED_400 not in e] == []
    page.problems.console_errors.clear()


def save(page):
    with page.expect_response(lambda r: "/studio_submit/" in r.url) as response:
        press_on(page, f"{ROOT} button[type=submit]")
    return response.value.status


def test_author_adds_moves_and_removes_items_by_keyboard_and_the_save_persists(
    page, scenario_url, wise_scenarios, axe_check
):
    url = scenario_url(practice_scenario(wise_scenarios), view="studio_view")
    open_editor(page, url)
    axe_check(page, ROOT)
    ids = [item.id for item in EU.items]
    count = len(ids)
    assert item_ids(page) == ids
    # Plain, translated labels and legends, not the raw field names.
    first = page.locator(f"{ROOT} [data-role=items] fieldset").first
    assert first.locator("legend").inner_text() == "Item 1"
    assert first.locator("label", has_text="Image description (alt text)").count() == 1
    assert page.locator(f"{ROOT} [data-role=bins] fieldset legend").first.inner_text() == "Bin 1"

    # Add: focus goes to the new row's first field; the status names the row.
    press_on(page, f"{ROOT} [data-role=items] [data-action=add]")
    status_is(page, f"Item {count + 1} added.")
    assert focused(page, "data-path") == f"items[{count}].id"
    type_into_focused(page, "foil-tray")
    page.keyboard.press("Tab")
    type_into_focused(page, "Foil tray")
    page.keyboard.press("Tab")
    type_into_focused(page, EU.items[0].bin)

    # Move up: focus stays on the moved row's Move up button, which now names its new place.
    press_on(page, f"{ROOT} [data-row='items[{count}]'] [data-action=up]")
    status_is(page, f"Foil tray is now Item {count} of {count + 1}.")
    assert focused(page, "aria-label") == f"Move up: Item {count}"
    page.keyboard.press("Enter")  # again, from where focus is
    status_is(page, f"Foil tray is now Item {count - 1} of {count + 1}.")
    assert focused(page, "aria-label") == f"Move up: Item {count - 1}"
    assert item_ids(page) == ids[:-2] + ["foil-tray"] + ids[-2:]

    # Move down from the first row; then Remove the first row: focus goes to the row that took its place.
    press_on(page, f"{ROOT} [data-row='items[0]'] [data-action=down]")
    status_is(page, f"{EU.items[0].name} is now Item 2 of {count + 1}.")
    assert focused(page, "aria-label") == "Move down: Item 2"
    press_on(page, f"{ROOT} [data-row='items[0]'] [data-action=remove]")
    status_is(page, "Item 1 removed.")
    assert focused(page, "data-path") == "items[0].id"
    expected = [ids[0]] + ids[2:-2] + ["foil-tray"] + ids[-2:]
    assert item_ids(page) == expected
    assert page.locator(f"{ROOT} [data-row='items[0]'] [data-action=up]").is_disabled()

    assert save(page) == 200
    status_is(page, "Saved.")
    open_editor(page, url)
    assert item_ids(page) == expected
    tray = page.locator(f"{ROOT} [data-row='items[{len(expected) - 3}]']")
    assert tray.locator("[data-field=name]").input_value() == "Foil tray"


def test_a_bad_save_is_shown_at_each_field_and_in_a_summary_and_a_good_save_is_stored(
    page, scenario_url, wise_scenarios, axe_check
):
    scenario_id = practice_scenario(wise_scenarios)
    open_editor(page, scenario_url(scenario_id, view="studio_view"))
    form = page.locator(f"{ROOT} form")
    form.locator("input[name=display_name]").fill("Sorting in Ljubljana")
    form.locator("input[name=weight]").fill("-3")
    bin_input = form.locator("[data-role=items] [data-field=bin]").first
    bin_input.fill("cardbord")

    assert save(page) == 400
    forgive_expected_400(page)
    summary = page.locator(f"{ROOT} [data-role=errors]")
    assert summary.get_attribute("role") == "alert"
    summary.locator("a").first.wait_for()
    entries = summary.locator("li").all_inner_texts()
    assert any(e.startswith("Item 1, Bin: ") and "cardbord" in e for e in entries), entries
    assert any(e.startswith("Problem weight: ") for e in entries), entries
    assert not any("items[0]" in e for e in entries), entries
    # Next to the field: aria-invalid, and the message is part of the field's description.
    assert bin_input.get_attribute("aria-invalid") == "true"
    described = bin_input.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{ident}").inner_text() for ident in described]
    assert any("cardbord" in m for m in messages) and any("bin where this item belongs" in m for m in messages)
    assert form.locator("input[name=weight]").get_attribute("aria-invalid") == "true"
    # The summary's entry leads to the field.
    summary.locator("a", has_text="Item 1, Bin").click()
    assert focused(page, "data-path") == "items[0].bin"
    assert bin_input.input_value() == "cardbord"  # the edit is not lost
    assert form.locator("input[name=display_name]").input_value() == "Sorting in Ljubljana"
    axe_check(page, ROOT)

    bin_input.fill(EU.items[0].bin)
    form.locator("input[name=weight]").fill("2")
    assert save(page) == 200
    status_is(page, "Saved.")
    assert summary.inner_text() == ""
    assert page.locator(f"{ROOT} [aria-invalid]").count() == 0
    page.goto(scenario_url(scenario_id, student="after-save"))
    page.wait_for_selector(".wise-ws [data-item]")
    assert "Sorting in Ljubljana" in page.locator(".wise-ws__title").inner_text()


def test_a_preset_replaces_the_rows_and_is_saved(page, scenario_url, wise_scenarios):
    scenario_id = practice_scenario(wise_scenarios)
    open_editor(page, scenario_url(scenario_id, view="studio_view"))
    form = page.locator(f"{ROOT} form")
    form.locator("select[name=preset]").select_option("si")
    with page.expect_response(lambda r: "/load_preset/" in r.url):
        form.locator("[data-action=load-preset]").click()
    status_is(page, "Preset loaded. Review it, then save.")
    assert save(page) == 200
    page.goto(scenario_url(scenario_id, student="after-preset"))
    page.wait_for_selector(".wise-ws [data-item]")
    assert page.locator(".wise-ws__exercise [data-bin=embalaza]").count() == 1


def test_the_editor_with_errors_fits_a_phone(phone_page, scenario_url, wise_scenarios, axe_check):
    page = phone_page
    open_editor(page, scenario_url(practice_scenario(wise_scenarios), view="studio_view"))
    assert no_horizontal_overflow(page, ROOT)
    page.locator(f"{ROOT} [data-role=items] [data-field=image]").first.fill("ftp://example.org/a-very-long-name.png")
    assert save(page) == 400
    forgive_expected_400(page)
    page.locator(f"{ROOT} [data-role=errors] a").first.wait_for()
    assert no_horizontal_overflow(page, ROOT)
    axe_check(page, ROOT)
