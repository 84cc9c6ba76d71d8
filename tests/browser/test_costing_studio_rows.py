"""A course author edits a costing scenario row by row in the Studio editor, with the keyboard:
adds a cost line, moves it up, removes another, saves and finds the change after a reload; a
wrong amount is shown next to its field and in the summary; the OLX view shows the same rows;
the editor fits a 360 px phone and axe-core finds nothing."""

from .conftest import no_horizontal_overflow

SHOP = "wise_costing.3"  # reuse shop: 7 cost lines
ROOT = ".wise-costing-studio"
EXPECTED_400 = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


def open_editor(page, url):
    page.goto(url)
    page.wait_for_selector(f"{ROOT}[data-ready=true]")
    assert page.locator("[data-init-error]").count() == 0


def status_is(page, text):
    page.wait_for_function(
        "([root, text]) => document.querySelector(root + ' .wco-status').textContent === text", arg=[ROOT, text]
    )


def focused(page, attribute):
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def cost_line_names(page):
    return page.eval_on_selector_all(
        f"{ROOT} [data-row=cost_lines] input[data-path$='.name']", "nodes => nodes.map(n => n.value)"
    )


def press_on(page, selector):
    page.locator(selector).focus()
    page.keyboard.press("Enter")


def test_author_adds_moves_and_removes_cost_lines_by_keyboard(page, scenario_url, axe_check):
    url = scenario_url(SHOP, view="studio_view")
    open_editor(page, url)
    axe_check(page, ROOT)
    assert cost_line_names(page) == [
        "collection",
        "labour",
        "spare_parts",
        "safety_test",
        "shop_rent",
        "tools",
        "supervisor",
    ]

    # Add: focus goes to the new row's first field, the status says which row was added.
    press_on(page, f"{ROOT} [data-row=cost_lines] .wco-add")
    status_is(page, "Cost line 8 added.")
    assert focused(page, "data-path") == "cost_lines.7.name"
    page.keyboard.press("Control+A")
    page.keyboard.type("packaging")
    page.keyboard.press("Tab")
    page.keyboard.type("Packaging for delivery")
    page.keyboard.press("Tab")  # basis: per group (kept)
    assert focused(page, "data-path") == "cost_lines.7.basis"
    page.keyboard.press("Tab")
    page.keyboard.type("4.5")
    assert focused(page, "data-path") == "cost_lines.7.amount"

    # Move up: the row moves, focus stays on its "Move up" button, the status says where it is now.
    press_on(page, f"{ROOT} button[aria-label='Move up: Cost line 8']")
    status_is(page, "packaging is now Cost line 7 of 8.")
    assert focused(page, "aria-label") == "Move up: Cost line 7"
    assert cost_line_names(page)[5:] == ["tools", "packaging", "supervisor"]

    # Remove "tools" (now cost line 6): focus goes to the row that took its place.
    press_on(page, f"{ROOT} button[aria-label='Remove: Cost line 6']")
    status_is(page, "Cost line 6 removed.")
    assert focused(page, "data-path") == "cost_lines.5.name"
    assert cost_line_names(page)[4:] == ["shop_rent", "packaging", "supervisor"]
    axe_check(page, ROOT)

    press_on(page, f"{ROOT} .wco-save")
    status_is(page, "Saved.")

    open_editor(page, url)
    assert cost_line_names(page) == [
        "collection",
        "labour",
        "spare_parts",
        "safety_test",
        "shop_rent",
        "packaging",
        "supervisor",
    ]
    assert page.locator(f"{ROOT} [data-path='cost_lines.5.label']").input_value() == "Packaging for delivery"
    assert page.locator(f"{ROOT} [data-path='cost_lines.5.amount']").input_value() == "4.5"


def test_a_wrong_amount_is_shown_next_to_its_field_and_nothing_is_saved(page, scenario_url, axe_check):
    url = scenario_url(SHOP, view="studio_view")
    open_editor(page, url)
    amount = page.locator(f"{ROOT} [data-path='cost_lines.2.amount']")
    assert amount.input_value() == "parts"
    amount.fill("parts +")
    press_on(page, f"{ROOT} .wco-save")
    status_is(page, "Please fix the problems below. Nothing was saved.")
    page.wait_for_selector(f"{ROOT} .wco-summary li")

    assert amount.get_attribute("aria-invalid") == "true"
    assert focused(page, "data-path") == "cost_lines.2.amount"
    described = amount.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{ident}").text_content() for ident in described]
    assert any(message.startswith("Cost line 3, Amount: ") for message in messages), messages
    summary = page.locator(f"{ROOT} .wco-summary")
    assert summary.get_attribute("role") == "alert"
    assert "Cost line 3, Amount: " in summary.text_content()
    axe_check(page, ROOT)
    assert page.problems.console_errors == [EXPECTED_400]
    page.problems.console_errors.clear()

    # The summary's link takes the author to the field; after a fix and a save the error is gone.
    page.locator(f"{ROOT} .wco-summary a").first.click()
    assert focused(page, "data-path") == "cost_lines.2.amount"
    open_editor(page, url)  # nothing was saved
    assert page.locator(f"{ROOT} [data-path='cost_lines.2.amount']").input_value() == "parts"


def test_the_olx_view_shows_the_rows_and_its_edits_come_back_as_rows(page, scenario_url):
    open_editor(page, scenario_url(SHOP, view="studio_view"))
    page.locator(f"{ROOT} [data-path='cost_lines.0.label']").fill("Collection by van")
    toggle = page.locator(f"{ROOT} .wco-olx-toggle")
    press_on(page, f"{ROOT} .wco-olx-toggle")
    status_is(page, "The scenario is shown as OLX. The rows are hidden until you close the OLX view.")
    assert toggle.get_attribute("aria-expanded") == "true"
    textarea = page.locator(f"{ROOT} textarea[name=scenario_olx]")
    text = textarea.input_value()
    assert 'label="Collection by van"' in text
    textarea.fill(text.replace('label="Collection by van"', 'label="Collection by cargo bike"'))
    press_on(page, f"{ROOT} .wco-olx-toggle")
    status_is(page, "The rows now show the scenario from the OLX.")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator(f"{ROOT} [data-path='cost_lines.0.label']").input_value() == "Collection by cargo bike"


def test_the_editor_fits_a_phone(phone_page, scenario_url, axe_check):
    open_editor(phone_page, scenario_url(SHOP, view="studio_view"))
    assert no_horizontal_overflow(phone_page, ROOT)
    axe_check(phone_page, ROOT)
    # Without a chart its fields are hidden (and not sent).
    phone_page.locator(f"{ROOT} [data-path='chart.enabled']").uncheck()
    assert not phone_page.locator(f"{ROOT} [data-path='chart.fixed']").is_visible()
    phone_page.locator(f"{ROOT} [data-path='chart.enabled']").check()
    assert phone_page.locator(f"{ROOT} [data-path='chart.fixed']").is_visible()


def test_starting_from_a_template_fills_the_rows(page, scenario_url):
    open_editor(page, scenario_url(SHOP, view="studio_view"))
    page.locator(f"{ROOT} select[id$='-template']").select_option("farm_gross_margin")
    press_on(page, f"{ROOT} .wco-load-template")
    status_is(page, "Template loaded. Check the rows, then save.")
    assert page.locator(f"{ROOT} [data-path='title']").input_value().startswith("Gross margin")
    assert "seed" in cost_line_names(page)
    assert page.locator(f"{ROOT} [data-path='labels.per_participant']").input_value() == "per hectare"
