"""A course author edits a costing exercise as OLX in the Studio editor ("Advanced: edit as OLX"):
a typo in a formula is refused with a message naming the step; a correct save is accepted.
(The row-by-row editor is driven in test_costing_studio_rows.py.)"""

ROOT = ".wise-costing-studio"


def test_author_sees_which_step_is_wrong_and_can_fix_it(page, scenario_url, axe_check):
    page.goto(scenario_url("wise_costing.2", view="studio_view"))
    page.wait_for_selector(f"{ROOT}[data-ready=true]")
    assert page.locator("[data-init-error]").count() == 0
    page.locator(f"{ROOT} .wco-olx-toggle").click()
    textarea = page.locator(f"{ROOT} textarea[name=scenario_olx]")
    textarea.wait_for()
    axe_check(page, ROOT)
    original = textarea.input_value()
    assert "<formula>yield_t_ha * price_t</formula>" in original
    textarea.fill(
        original.replace("<formula>yield_t_ha * price_t</formula>", "<formula>yield_t_ha * prise_t</formula>")
    )
    page.locator(f"{ROOT} .wco-save").focus()
    page.keyboard.press("Enter")
    error = page.locator(f"{ROOT} [id$='-err-scenario'] li").first
    error.wait_for()
    assert "Step “gross_output” (formula): Unknown name “prise_t” (did you mean “price_t”?)" in error.text_content()
    assert textarea.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    axe_check(page, ROOT)
    # Chromium logs every 4xx response in the console; this one is the expected refusal.
    assert page.problems.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.problems.console_errors.clear()

    textarea.fill(original)
    page.locator(f"{ROOT} .wco-save").click()
    page.wait_for_function(f"document.querySelector('{ROOT} .wco-status').textContent === 'Saved.'")
    assert page.locator(f"{ROOT} [id$='-err-scenario'] li").count() == 0
