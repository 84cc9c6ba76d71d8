"""A newcomer opens the demo: landing page, an exercise, the API."""


def test_landing_page_is_accessible_and_links_every_exercise(page, axe_check, wise_scenarios):
    page.goto("/")
    assert page.get_by_role("heading", level=1).is_visible()
    axe_check(page, "main")
    links = page.locator(".scenario-list:not(.editor-list) a, .course-unit-list a")
    assert links.count() == len(wise_scenarios)
    assert page.locator(".editor-list a").count() == 3, "one Studio editor per block"
    assert page.locator(".course-unit-list a").count() > 0, "the course units are not listed"


def test_keyboard_user_can_skip_to_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_scenario_page_renders_its_block(page, scenario_url, wise_scenarios):
    assert wise_scenarios, "no WISE block scenario is registered"
    scenario_id = sorted(wise_scenarios)[0]
    page.goto(scenario_url(scenario_id))
    page.wait_for_selector("[data-block-type^='wise_']")
    # The block's ES module ran: WiseBlockInit marks a failure on the element if it could not.
    assert page.locator("[data-init-error]").count() == 0


def test_api_root_answers_json(page):
    response = page.goto("/wise-skills/api/v1/")
    assert response.status == 200
    assert "wise_skills" in page.content()
