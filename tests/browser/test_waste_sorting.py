"""A learner sorts waste in Chromium: by mouse, by touch, by keyboard alone, on a phone, on the
sorting line, and finds their work again after a reload. axe-core checks the markup."""

import pytest
from wise_xblocks.waste_sorting import presets

from tests.browser.conftest import no_horizontal_overflow

pytestmark = pytest.mark.browser

EU = presets.preset_content("eu")
RIGHT_BIN = {item.id: item.bin for item in EU.items}
BIN_ORDER = EU.bin_ids()
LIVE = "[data-role=live]"


def scenario(wise_scenarios, title):
    matches = [
        sid for sid, s in wise_scenarios.items() if sid.startswith("wise_waste_sorting.") and s.description == title
    ]
    assert matches, f"no scenario titled {title!r}"
    return matches[0]


def open_block(page, url):
    page.goto(url)
    page.wait_for_selector(".wise-ws[data-ready], [data-ready] .wise-ws, .xblock[data-ready]", state="attached")
    assert page.locator("[data-init-error]").count() == 0


def live_text(page):
    page.wait_for_timeout(120)  # the announcer clears, then writes after 50 ms
    return page.locator(LIVE).inner_text()


def drag_with_mouse(page, source, target):
    box, goal = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 30, box["y"] + 30, steps=4)
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] / 2, steps=8)
    page.mouse.up()


def drag_with_touch(page, source, target):
    """A finger drag through the DevTools protocol (Playwright has taps only)."""
    box, goal = source.bounding_box(), target.bounding_box()
    cdp = page.context.new_cdp_session(page)
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    end = (goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] / 2)

    def touch(kind, x, y):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", *start)
    for step in range(1, 11):
        touch("touchMove", start[0] + (end[0] - start[0]) * step / 10, start[1] + (end[1] - start[1]) * step / 10)
    touch("touchEnd", *end)


def first_item(page):
    return page.locator(".wise-ws__items [data-item]").first


def test_mouse_drag_sorts_an_item_and_practice_explains_why(page, scenario_url, wise_scenarios, axe_check):
    open_block(page, scenario_url(scenario(wise_scenarios, "Waste sorting: practice mode"), student="mouse"))
    item = first_item(page)
    item_id = item.get_attribute("data-item")
    wrong = next(b for b in BIN_ORDER if b != RIGHT_BIN[item_id])
    drag_with_mouse(page, item, page.locator(f".wise-ws__exercise [data-bin={wrong}]"))
    placed = page.locator(f".wise-ws__bin[data-drop-bin={wrong}] .wise-ws__placed")
    placed.locator(".wise-ws__mark").wait_for()
    assert "Wrong" in placed.inner_text()  # a word, not only a red border
    assert placed.locator(".wise-ws__why").inner_text().strip()
    assert EU.item(item_id).name in live_text(page)
    assert page.locator(f".wise-ws__items [data-item={item_id}]").count() == 0
    axe_check(page, ".wise-ws")


def test_touch_drag_on_a_phone_sorts_an_item(phone_page, scenario_url, wise_scenarios):
    page = phone_page
    open_block(page, scenario_url(scenario(wise_scenarios, "Waste sorting: practice mode"), student="touch"))
    item = page.locator(".wise-ws__items [data-item]").last  # the item nearest the bins
    item_id = item.get_attribute("data-item")
    first_bin = BIN_ORDER[0]
    target = page.locator(f".wise-ws__exercise [data-bin={first_bin}]")
    # Scroll so the item sits below the page's sticky title, with the first bin on screen.
    page.evaluate("(y) => window.scrollBy(0, y)", item.bounding_box()["y"] - 140)
    assert target.bounding_box()["y"] + 20 < 640, "the bin should be on screen with the item"
    drag_with_touch(page, item, target)
    placed = page.locator(f".wise-ws__bin[data-drop-bin={first_bin}] .wise-ws__placed")
    placed.locator(".wise-ws__mark").wait_for()
    expected = "Correct" if RIGHT_BIN[item_id] == first_bin else "Wrong"
    assert EU.item(item_id).name in placed.inner_text() and expected in placed.inner_text()
    assert page.locator(f".wise-ws__items [data-item={item_id}]").count() == 0


def press_until_focused(page, key, selector, limit=80):
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {selector}")


def test_keyboard_only_full_run_with_cancel_undo_and_submit(page, scenario_url, wise_scenarios):
    open_block(page, scenario_url(scenario(wise_scenarios, "Waste sorting: assessment mode"), student="keys"))
    press_until_focused(page, "Tab", ".wise-ws__items [data-item]")
    # Escape cancels a selection and gives focus back to the item.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.bin") == BIN_ORDER[0]
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.item")
    assert "cancelled" in live_text(page)
    # Sort a first item wrongly, undo it with Ctrl+Z, then sort everything right.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert "placed in" in live_text(page)
    page.keyboard.press("Control+z")
    assert "Undone" in live_text(page)
    count = page.locator(".wise-ws__items [data-item]").count()
    assert count == 8
    for _ in range(count):
        press_until_focused(page, "Tab", ".wise-ws__items [data-item]")
        item_id = page.evaluate("document.activeElement.dataset.item")
        page.keyboard.press("Enter")  # select; focus moves to the first bin
        for _step in range(BIN_ORDER.index(RIGHT_BIN[item_id])):
            page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.dataset.bin") == RIGHT_BIN[item_id]
        page.keyboard.press("Enter")
        assert EU.item(item_id).name in live_text(page)
    press_until_focused(page, "Tab", "[data-action=submit]")
    page.keyboard.press("Enter")
    page.locator(".wise-ws__score").wait_for()
    assert "8 of 8" in page.locator(".wise-ws__score").inner_text()
    assert "8 of 8" in live_text(page)


def test_phone_viewport_has_no_horizontal_scroll_and_is_accessible(phone_page, scenario_url, wise_scenarios, axe_check):
    page = phone_page
    open_block(page, scenario_url(scenario(wise_scenarios, "Waste sorting: simulation round"), student="phone"))
    assert no_horizontal_overflow(page, ".wise-ws")
    for target in page.locator(".wise-ws__exercise button").all()[:6]:
        assert target.bounding_box()["height"] >= 44  # touch targets
    axe_check(page, ".wise-ws")


def test_simulation_round_from_the_keyboard_is_untimed_and_reports_eu_targets(
    page, scenario_url, wise_scenarios, axe_check
):
    open_block(page, scenario_url(scenario(wise_scenarios, "Waste sorting: simulation round"), student="sim"))
    start = page.locator("[data-sim=start]")
    start.focus()
    page.keyboard.press("Enter")  # started from the keyboard: no time pressure
    assert page.locator("[data-sim=untimed]").is_checked()
    assert "Next on the line" in live_text(page)
    page.wait_for_timeout(200)
    for _ in range(8):
        item_id = page.locator("[data-sim-item]").get_attribute("data-sim-item")
        target = page.locator(f"[data-sim-bin={RIGHT_BIN[item_id]}]")
        target.focus()
        page.keyboard.press("Enter")
    results = page.locator(".wise-ws__sim-results")
    results.locator("li").first.wait_for()
    text = results.inner_text()
    assert "EU target 2025 (55%)" in text and "EU target 2035 (65%)" in text
    assert "contaminated" not in text  # all sorted right
    axe_check(page, ".wise-ws")


def test_simulation_line_can_be_paused_and_missed_items_go_to_residual(page, scenario_url, wise_scenarios):
    open_block(page, scenario_url(scenario(wise_scenarios, "Waste sorting: simulation round"), student="line"))
    page.locator("[data-sim=start]").click()  # a pointer click: the timer runs
    assert not page.locator("[data-sim=untimed]").is_checked()
    page.locator("[data-sim=pause]").click()
    assert page.locator("[data-sim=pause]").inner_text() == "Resume"
    first = page.locator("[data-sim-item]").get_attribute("data-sim-item")
    page.wait_for_timeout(1500)
    assert page.locator("[data-sim-item]").get_attribute("data-sim-item") == first  # paused: nothing moved
    wrong = next(b for b in BIN_ORDER if b != RIGHT_BIN[first])
    page.locator("[data-sim=pause]").click()
    page.locator(".wise-ws__sim-bins").evaluate("node => node.scrollIntoView({block: 'end'})")
    drag_with_mouse(page, page.locator("[data-sim-item]"), page.locator(f"[data-sim-bin={wrong}]"))
    page.locator("[data-sim=untimed]").check()
    for _ in range(7):
        item_id = page.locator("[data-sim-item]").get_attribute("data-sim-item")
        page.locator(f"[data-sim-bin={RIGHT_BIN[item_id]}]").click()
    page.locator(".wise-ws__sim-results li").first.wait_for()
    assert EU.item(first).name in page.locator(".wise-ws__sim-results").inner_text()


def test_reload_keeps_placements_and_the_same_items(page, scenario_url, wise_scenarios):
    url = scenario_url(scenario(wise_scenarios, "Waste sorting: assessment mode"), student="reload")
    open_block(page, url)
    order = page.locator(".wise-ws__items [data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
    for item_id in order[:2]:
        with page.expect_response(lambda r: "/place/" in r.url):
            page.locator(f".wise-ws__items [data-item={item_id}]").click()
            page.locator(f".wise-ws__exercise [data-bin={RIGHT_BIN[item_id]}]").click()
    page.reload()
    page.wait_for_selector(".xblock[data-ready], [data-ready]", state="attached")
    for item_id in order[:2]:
        bin_box = page.locator(f".wise-ws__bin[data-drop-bin={RIGHT_BIN[item_id]}]")
        assert EU.item(item_id).name in bin_box.inner_text()
    remaining = page.locator(".wise-ws__items [data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
    assert remaining == order[2:]
