"""A learner prices a refurbished washing machine with the keyboard only on a 360 px phone:
asks for a hint, checks, reads the worked solution, enters the right figures, explores the
what-if chart with the arrow keys and hears what changes."""

from .conftest import no_horizontal_overflow

TOUR = "wise_costing.0"  # tourism package, Italy, 3 attempts, solution after an attempt
SHOP = "wise_costing.3"  # reuse shop, solution after an attempt
ROOT = ".wise-costing"


def open_block(page, url):
    page.goto(url)
    page.wait_for_selector(f"{ROOT}[data-ready=true]")
    assert page.locator("[data-init-error]").count() == 0


def tab_to(page, predicate, limit=80):
    """Press Tab until `predicate` (JS expression on document.activeElement `el`) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({predicate}); }})()"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def status_text(page):
    return page.locator(f"{ROOT} .wco-status").text_content()


def test_keyboard_only_run_on_a_phone(phone_page, scenario_url, axe_check):
    page = phone_page
    open_block(page, scenario_url(SHOP, student="kb-phone"))
    assert no_horizontal_overflow(page, ROOT)
    axe_check(page, ROOT)

    # A hint for the first step, by keyboard; the live region reads it out.
    tab_to(page, "el.classList.contains('wco-hint-button')")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{ROOT} .wco-step[data-step=variable_item] .wco-hint")
    page.wait_for_function("document.querySelector('.wco-status').textContent.startsWith('Hint 1 of 1')")

    # A first answer in Italian notation with a mistake everyone makes: margin instead of mark-up.
    tab_to(page, "el.name === 'fixed_item'")
    page.keyboard.type("1.234,50 €")
    tab_to(page, "el.classList.contains('wco-submit')")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{ROOT} .wco-solution:not([hidden])")
    assert page.evaluate("document.activeElement.classList.contains('wco-score')")
    assert "You got 0 of 7 steps right." in page.locator(f"{ROOT} .wco-score").text_content()
    assert page.locator(f"{ROOT} .wco-step[data-step=fixed_item]").get_attribute("data-status") == "incorrect"
    assert page.locator(f"{ROOT} .wco-step[data-step=variable_item]").get_attribute("data-status") == "unanswered"
    axe_check(page, ROOT)

    # The worked solution gives this learner's figures; type them back in, by keyboard only.
    displays = page.locator(f"{ROOT} .wco-solution-value").all_text_contents()
    names = page.locator(f"{ROOT} .wco-input").evaluate_all("els => els.map(el => el.name)")
    assert len(displays) == len(names) == 7
    page.locator(f"{ROOT} .wco-title").click()
    for name, display in zip(names, displays):
        tab_to(page, f"el.name === '{name}'")
        page.keyboard.press("Control+A")
        page.keyboard.type(display)
    tab_to(page, "el.classList.contains('wco-submit')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.wco-score').textContent.includes('You got 7 of 7 steps right.')")
    assert page.locator(f"{ROOT} .wco-step[data-status=correct]").count() == 7

    # The what-if chart: an SVG with a title, break-even marked, the same figures as a table.
    chart = page.locator(f"{ROOT} .wco-whatif")
    assert chart.is_visible()
    assert page.locator(f"{ROOT} svg.wco-svg[role=img] title").text_content().startswith("What if?")
    assert page.locator(f"{ROOT} .wco-break-even").count() == 1
    tab_to(page, "el.classList.contains('wco-x')")
    before = page.locator(f"{ROOT} .wco-x-value").text_content()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.wco-readout').textContent.startsWith('At ')")
    assert page.locator(f"{ROOT} .wco-x-value").text_content() != before
    # A what-if price: cheaper machines move the break-even point.
    break_even_before = page.locator(f"{ROOT} .wco-break-even-label").text_content()
    tab_to(page, "el.classList.contains('wco-price')")
    page.keyboard.press("Control+A")
    page.keyboard.type("150")
    page.keyboard.press("Tab")
    assert page.locator(f"{ROOT} .wco-break-even-label").text_content() != break_even_before
    tab_to(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    assert page.locator(f"{ROOT} .wco-chart-table tbody tr").count() == 81
    assert no_horizontal_overflow(page, ROOT)
    axe_check(page, ROOT)


def test_unreadable_answer_is_explained_and_costs_no_attempt(page, scenario_url, axe_check):
    open_block(page, scenario_url(TOUR, student="kb-desk"))
    page.locator(f"{ROOT} input[name=fixed_total]").fill("12.34.567")
    page.locator(f"{ROOT} .wco-submit").click()
    page.wait_for_selector(f"{ROOT} input[name=fixed_total][aria-invalid=true]")
    assert "three digits" in page.locator(f"{ROOT} .wco-step[data-step=fixed_total] .wco-feedback").text_content()
    assert page.evaluate("document.activeElement.name") == "fixed_total"
    assert "Attempts left: 3" in page.locator(f"{ROOT} .wco-attempts").text_content()
    axe_check(page, ROOT)
