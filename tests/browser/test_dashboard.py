"""WISE managers, coordinators and learners use the skills-gap dashboard in Chromium.

Few, long scenarios: each test's setup (live server, catalogue, seeded WISEs) costs more than its steps."""

# ruff: noqa: F811  (fixtures imported from the dashboard integration tests)
import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from wise_skills.models import ExportJob

from tests.browser.conftest import REPO, no_horizontal_overflow
from tests.integration.dashboard.conftest import catalogue, media_root, populated, world  # noqa: F401

VENDOR = REPO / "plugin_app/wise_skills/static/wise_skills/vendor/chart.umd.min.js"


def sign_in(page, live_server, user):
    """Log in with Django's test client and hand its session cookie to the browser."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def heading_keys(page):
    return page.eval_on_selector_all("table.wise-heatmap thead th[data-key]", "ths => ths.map(t => t.dataset.key)")


def test_a_manager_sees_only_their_wise_and_follows_an_export_live(page, live_server, populated, axe_check):
    manager = populated["users"]["manager_a"]
    job = ExportJob.objects.create(
        user_id=manager.id, kind="learners", file_format="csv", status="running", rows_done=10, rows_total=40
    )
    sign_in(page, live_server, manager)
    page.goto("/wise-skills/dashboard/")
    assert page.url.endswith("/wise-skills/dashboard/?wise=wise-a")
    assert page.get_by_role("heading", name="Skills profile of WISE A").is_visible()
    text = page.locator("body").inner_text()
    assert "WISE B" not in text and "WISE C" not in text
    assert page.eval_on_selector_all("#id_wise option", "os => os.map(o => o.value)") == ["", "wise-a"]
    axe_check(page, "body")
    # The running export's row follows the job without reloading the page, then offers the download.
    item = page.locator(f"li[data-job='{job.id}']")
    assert item.locator(".wise-export-count").inner_text() == "10 of 40 rows"
    ExportJob.objects.filter(id=job.id).update(rows_done=30)
    page.wait_for_function(f"document.querySelector(\"li[data-job='{job.id}'] progress\").value === 30")
    ExportJob.objects.filter(id=job.id).update(status="done", slot=None, rows_done=40, file_name="missing.csv")
    page.wait_for_selector(f"li[data-job='{job.id}'] .wise-export-download a")
    assert "ready to download" in page.locator("#wise-export-live").inner_text()
    assert item.locator(".wise-export-status").inner_text() == "Ready"


def test_staff_drills_down_filters_and_the_chart_matches_its_table(page, live_server, populated):
    assert VENDOR.exists(), "chart.js is not built: run `make assets` (scripts/build-assets.sh)"
    sign_in(page, live_server, populated["users"]["staff"])
    page.goto("/wise-skills/dashboard/")
    page.get_by_role("link", name="Network One").click()
    assert "network=n1" in page.url and sorted(heading_keys(page)) == ["wise-a", "wise-b"]
    page.locator("table.wise-heatmap thead").get_by_role("link", name="WISE A").click()
    assert "wise=wise-a" in page.url and "network=n1" in page.url
    page.get_by_role("heading", name="Skills profile of WISE A").wait_for()  # the URL commits before the body

    # The chart is drawn from the same numbers as the table beside it.
    page.wait_for_selector("figure[data-chart] canvas")
    chart = page.evaluate("""() => { const c = Chart.getChart(document.querySelector('figure[data-chart] canvas'));
        return {labels: c.data.labels, sets: c.data.datasets.map(d => d.data)}; }""")
    numbers = page.eval_on_selector_all(
        "#wise-areas-table td[data-value]", "tds => tds.map(td => Number(td.dataset.value))"
    )
    assert chart["sets"][0] == numbers[0::2] and chart["sets"][1] == numbers[1::2]
    labels = page.eval_on_selector_all(
        "#wise-areas-table tbody tr:not(.wise-withheld-row) th", "ths => ths.map(t => t.textContent.trim())"
    )
    assert chart["labels"] == labels

    page.get_by_label("Role", exact=True).select_option("sorting-operator")
    page.get_by_label("Rows", exact=True).select_option("area")
    page.get_by_role("button", name="Apply filters").click()
    assert "role=sorting-operator" in page.url and "rows=area" in page.url
    assert heading_keys(page) == ["sorting-operator"]
    shared = page.url
    page.go_back()
    assert "role=" not in page.url and page.get_by_label("Role", exact=True).input_value() == ""
    page.goto(shared)  # a shared link opens the same view
    assert page.get_by_label("Role", exact=True).input_value() == "sorting-operator"
    page.get_by_role("navigation", name="Drill-down").get_by_role("link", name="All my WISEs").click()
    assert sorted(heading_keys(page)) == ["n1", "n2"]

    # Keyboard only: skip link, then Tab to the first drill-down link and follow it with Enter.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wise-main"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Network One":
            break
    else:
        pytest.fail("the drill-down link was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"network=n1"))


def test_export_requested_produced_downloaded_and_equal_to_the_api(page, live_server, populated):
    sign_in(page, live_server, populated["users"]["coordinator"])
    page.goto("/wise-skills/dashboard/?network=n1")
    form = page.locator("form.wise-export-form").filter(has_text="Gaps by competence (heatmap)")
    form.get_by_role("button", name="Prepare CSV").click()  # the devsite runs the Celery task eagerly
    assert page.url.endswith("#exports")
    item = page.locator("li.wise-export").first
    assert item.locator(".wise-export-status").inner_text() == "Ready"
    with page.expect_download() as info:
        item.get_by_role("link", name=re.compile("^Download")).click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    api = page.request.get(
        f"{live_server.url}/wise-skills/api/v1/reports/gaps/?group_by=competence,wise&network=n1&page_size=500"
    ).json()["results"]
    assert len(rows) == len(api) > 0
    by_key = {c["key"]: c for c in api}
    for row in rows:
        cell = by_key[f"{row['competence']}|{row['wise']}"]
        assert (row["withheld"] == "True") == cell["withheld"]
        if not cell["withheld"]:
            assert float(row["mean_gap"]) == pytest.approx(cell["mean_gap"], abs=1e-4)


def test_on_a_360_px_phone_pages_fit_and_are_axe_clean(phone_page, live_server, populated, axe_check):
    page = phone_page
    sign_in(page, live_server, populated["users"]["manager_a"])
    for url in (
        "/wise-skills/dashboard/?wise=wise-a&date_from=2026-03-01",
        "/wise-skills/dashboard/print/?wise=wise-a",
    ):
        page.goto(url)
        assert no_horizontal_overflow(page, "body"), url
        axe_check(page, "body")
    sign_in(page, live_server, populated["users"]["learner"])  # replaces the session cookie
    page.goto("/wise-skills/dashboard/")
    assert page.url.endswith("/wise-skills/profile/")
    assert page.get_by_role("heading", name="My skills profile").is_visible()
    assert page.locator("#wise-profile-table tbody tr").count() > 0
    assert no_horizontal_overflow(page, "body")
    axe_check(page, "body")
