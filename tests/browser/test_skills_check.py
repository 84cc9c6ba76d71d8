"""A learner rates their skills with the keyboard only, on a desktop and on a 360 px phone,
reads the result (chart + table + what to practise), and later sees their progress."""

from .conftest import no_horizontal_overflow

START = "wise_skills_check.0"  # digital skills, start of course, group demo-digital
END = "wise_skills_check.1"  # the same group at the end of the course
ROLE = "wise_skills_check.2"  # sorting operator role: gaps and units
ROOT = ".wise-skills-check"


def open_block(page, url):
    page.goto(url)
    page.wait_for_selector(f"{ROOT} .wsc-form")
    # The module is loaded once the progress line is filled in by init().
    page.wait_for_function("document.querySelector('.wsc-progress').textContent.length > 0")
    assert page.locator("[data-init-error]").count() == 0


def rate_with_keyboard(page, downs):
    """Tab into each radio group, arrow down `n` times (n=0: choose the first), Tab on; then save."""
    page.locator(f"{ROOT} .wsc-title").click()  # a neutral starting point before the first Tab
    for count in downs:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "radio"
        if count == 0:
            page.keyboard.press("Space")
        for _ in range(count):
            page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('wsc-submit')")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{ROOT} .wsc-result:not([hidden]) .wsc-table")


def test_keyboard_only_rating_gives_a_result_with_gaps_and_units(page, scenario_url, axe_check):
    open_block(page, scenario_url(ROLE, student="kb-1"))
    axe_check(page, ROOT)
    # Five questions: "with help" (1 down from "not yet") for the first, skip the rest by "not yet"/answers.
    rate_with_keyboard(page, [1, 2, 2, 2, 2])
    assert page.evaluate("document.activeElement.classList.contains('wsc-result-title')")
    page.wait_for_function("document.querySelector('.wsc-status').textContent.includes('Your answers are saved')")
    assert page.locator(f"{ROOT} svg.wsc-chart[role=img] title").text_content() == "Your skills"
    assert page.locator(f"{ROOT} .wsc-table tbody tr").count() == 5
    gaps = page.locator(f"{ROOT} .wsc-gaps > li")
    assert gaps.count() >= 1 and "Put waste in the right bin." in gaps.first.text_content()
    assert page.locator(f"{ROOT} .wsc-gaps a.wsc-unit").first.text_content() == "Which bin? Sorting practice"
    axe_check(page, ROOT)

    # Later: change the answers with the keyboard; the earlier choices are still selected.
    page.locator(f"{ROOT} .wsc-revise").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.checked") is True
    assert page.locator(f"{ROOT} .wsc-questions").is_visible()


def test_phone_width_has_no_horizontal_scroll_and_is_axe_clean(phone_page, scenario_url, axe_check):
    page = phone_page
    open_block(page, scenario_url(ROLE, student="phone-1"))
    assert no_horizontal_overflow(page, ROOT)
    rate_with_keyboard(page, [3, 3, 4, 2, 2])
    assert no_horizontal_overflow(page, ROOT)
    axe_check(page, ROOT)


def test_end_of_course_check_shows_progress_since_the_start(page, scenario_url):
    open_block(page, scenario_url(START, student="progress-1"))
    rate_with_keyboard(page, [1, 1, 0])
    open_block(page, scenario_url(END, student="progress-1"))
    rate_with_keyboard(page, [2, 3, 0])
    body = page.locator(f"{ROOT} .wsc-result-body")
    assert "Skills where you moved up: 2" in body.text_content()
    assert page.locator(f"{ROOT} .wsc-table thead th").nth(1).text_content() == "At the start"
    assert page.locator(f"{ROOT} rect.wsc-bar-start").count() == 3


def test_studio_editor_shows_server_errors_next_to_the_field_and_saves_valid_content(page, scenario_url, axe_check):
    page.goto(scenario_url(START, view="studio_view"))
    form = page.locator(".wsc-studio-form")
    form.wait_for()
    page.wait_for_function("() => !document.querySelector('[data-init-error]')")
    axe_check(page, ".wise-skills-check-studio")
    checked = form.locator("input[name=competences]:checked")
    while checked.count():
        checked.first.uncheck()
    form.locator(".wsc-save").click()
    error = form.locator("#" + form.locator("[data-field=competences] .wsc-field-error").get_attribute("id"))
    page.wait_for_function("document.querySelector('[data-field=competences] .wsc-field-error').textContent.length > 0")
    assert "at least one competence" in error.text_content()
    # The unit link now points at a competence the check no longer asks about: refused too.
    units_error = form.locator("[data-field=units] .wsc-field-error").text_content()
    assert "which this check does not ask about" in units_error
    assert form.locator("textarea[name=units]").get_attribute("aria-invalid") == "true"
    axe_check(page, ".wise-skills-check-studio")
    # Chromium logs every 4xx response in the console; this one is the expected refusal.
    assert page.problems.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.problems.console_errors.clear()

    form.locator("summary", has_text="GreenComp").click()
    form.locator("input[value='greencomp:1.1']").check()
    form.locator("select[name=phase]").select_option("start")
    form.locator("textarea[name=units]").fill("greencomp:1.1 | /jump_to_id/values | Why it matters")
    form.locator(".wsc-save").click()
    page.wait_for_function("document.querySelector('.wsc-studio-status').textContent === 'Saved.'")
    page.goto(scenario_url(START, student="after-edit"))
    page.wait_for_selector(".wsc-competence")
    assert page.locator(".wsc-competence").count() == 1
    assert "Know why caring for the planet matters to you." in page.locator(".wsc-topic").text_content()
