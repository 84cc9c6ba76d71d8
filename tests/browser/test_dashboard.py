"""WISE managers, coordinators and learners use the skills-gap dashboard in Chromium."""
import csv
import io
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.browser.conftest import no_horizontal_overflow
from tests.integration.dashboard.conftest import catalogue, media_root, populated, world  # noqa: F401
from wise_skills.models import ExportJob

VENDOR = "plugin_app/wise_skills/static/wise_skills/vendor/chart.umd.min.js"


def sign_in(page, live_server, user):
    """Log in with Django's test client and hand its session cookie to the browser."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])


def table_numbers(page, table_id):
    return page.eval_on_selector_all(f"#{table_id} td[data-value]", "tds => tds.map(td => Number(td.dataset.value))")


def test_a_manager_sees_only_their_wise(page, live_server, populated, axe_check):
    sign_in(page, live_server, populated["users"]["manager_a"])
    page.goto("/wise-skills/dashboard/")
    assert page.url.endswith("/wise-skills/dashboard/?wise=wise-a")
    assert page.get_by_role("heading", name="Skills profile of WISE A").is_visible()
    text = page.locator("body").inner_text()
    assert "WISE B" not in text and "WISE C" not in text
    options = page.eval_on_selector_all("#id_wise option", "os => os.map(o => o.value)")
    assert options == ["", "wise-a"]
    axe_check(page, "body")


def test_drill_down_and_filters_keep_the_url(page, live_server, populated):
    sign_in(page, live_server, populated["users"]["staff"])
    page.goto("/wise-skills/dashboard/")
    page.get_by_role("link", name="Network One").click()
    assert "network=n1" in page.url
    page.locator("table.wise-heatmap thead").get_by_role("link", name="WISE A").click()
    assert "wise=wise-a" in page.url and "network=n1" in page.url
    assert page.get_by_role("heading", name="Skills profile of WISE A").is_visible()
    page.get_by_label("Role", exact=True).select_option("sorting-operator")
    page.get_by_label("Rows", exact=True).select_option("area")
    page.get_by_role("button", name="Apply filters").click()
    assert "role=sorting-operator" in page.url and "rows=area" in page.url
    heads = page.eval_on_selector_all("table.wise-heatmap thead th[data-key]", "ths => ths.map(t => t.dataset.key)")
    assert heads == ["sorting-operator"]
    shared = page.url
    page.go_back()
    assert "role=" not in page.url and page.get_by_label("Role", exact=True).input_value() == ""
    page.goto(shared)  # a shared link opens the same view
    assert page.get_by_label("Role", exact=True).input_value() == "sorting-operator"
    page.get_by_role("navigation", name="Drill-down").get_by_role("link", name="All my WISEs").click()
    assert page.eval_on_selector_all("table.wise-heatmap thead th[data-key]", "t => t.length") == 2


def test_the_chart_draws_the_numbers_of_its_table(page, live_server, populated):
    from pathlib import Path

    assert Path(VENDOR).exists(), "chart.js is not built: run `make assets` (scripts/build-assets.sh)"
    sign_in(page, live_server, populated["users"]["staff"])
    page.goto("/wise-skills/dashboard/?wise=wise-a")
    page.wait_for_selector("figure[data-chart] canvas")
    chart = page.evaluate("""() => { const c = Chart.getChart(document.querySelector('figure[data-chart] canvas'));
        return {labels: c.data.labels, sets: c.data.datasets.map(d => d.data)}; }""")
    numbers = table_numbers(page, "wise-areas-table")
    assert chart["sets"][0] == numbers[0::2] and chart["sets"][1] == numbers[1::2]
    labels = page.eval_on_selector_all("#wise-areas-table tbody tr:not(.wise-withheld-row) th",
                                       "ths => ths.map(t => t.textContent.trim())")
    assert chart["labels"] == labels


def test_export_requested_produced_downloaded_and_equal_to_the_api(page, live_server, populated, tmp_path):
    sign_in(page, live_server, populated["users"]["coordinator"])
    page.goto("/wise-skills/dashboard/?network=n1")
    form = page.locator("form.wise-export-form").filter(has_text="Gaps by competence (heatmap)")
    form.get_by_role("button", name="Prepare CSV").click()
    assert page.url.endswith("#exports")
    item = page.locator("li.wise-export").first
    assert item.locator(".wise-export-status").inner_text() == "Ready"
    with page.expect_download() as info:
        item.get_by_role("link", name=re.compile("^Download")).click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    api = page.request.get(f"{live_server.url}/wise-skills/api/v1/reports/gaps/?group_by=competence,wise"
                           "&network=n1&page_size=500").json()["results"]
    assert len(rows) == len(api) > 0
    by_key = {c["key"]: c for c in api}
    for row in rows:
        cell = by_key[f"{row['competence']}|{row['wise']}"]
        assert (row["withheld"] == "True") == cell["withheld"]
        if not cell["withheld"]:
            assert float(row["mean_gap"]) == pytest.approx(cell["mean_gap"], abs=1e-4)


def test_running_export_shows_live_progress_then_the_download(page, live_server, populated):
    manager = populated["users"]["manager_a"]
    job = ExportJob.objects.create(user_id=manager.id, kind="learners", file_format="csv", status="running",
                                   rows_done=10, rows_total=40)
    sign_in(page, live_server, manager)
    page.goto("/wise-skills/dashboard/?wise=wise-a")
    item = page.locator(f"li[data-job='{job.id}']")
    assert item.locator(".wise-export-count").inner_text() == "10 of 40 rows"
    ExportJob.objects.filter(id=job.id).update(rows_done=30)
    page.wait_for_function(f"document.querySelector(\"li[data-job='{job.id}'] progress\").value === 30")
    ExportJob.objects.filter(id=job.id).update(status="done", slot=None, rows_done=40, file_name="missing.csv")
    page.wait_for_selector(f"li[data-job='{job.id}'] .wise-export-download a")
    assert "ready to download" in page.locator("#wise-export-live").inner_text()
    assert item.locator(".wise-export-status").inner_text() == "Ready"


def test_keyboard_only(page, live_server, populated):
    sign_in(page, live_server, populated["users"]["staff"])
    page.goto("/wise-skills/dashboard/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wise-main"
    for _ in range(80):  # Tab through breadcrumb and filters to the heatmap's first drill-down link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Network One":
            break
    else:
        pytest.fail("the drill-down link was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"network=n1"))
    page.get_by_label("Country", exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_sector"


def test_phone_360_px_has_no_horizontal_overflow_and_is_axe_clean(phone_page, live_server, populated, axe_check):
    sign_in(phone_page, live_server, populated["users"]["manager_a"])
    phone_page.goto("/wise-skills/dashboard/?wise=wise-a&date_from=2026-03-01")
    assert no_horizontal_overflow(phone_page, "body")
    axe_check(phone_page, "body")
    phone_page.goto("/wise-skills/dashboard/print/?wise=wise-a")
    assert no_horizontal_overflow(phone_page, "body")
    axe_check(phone_page, "body")


def test_learner_profile_page(phone_page, live_server, populated, axe_check):
    sign_in(phone_page, live_server, populated["users"]["learner"])
    phone_page.goto("/wise-skills/dashboard/")
    assert phone_page.url.endswith("/wise-skills/profile/")
    assert phone_page.get_by_role("heading", name="My skills profile").is_visible()
    assert phone_page.locator("#wise-profile-table tbody tr").count() > 0
    assert no_horizontal_overflow(phone_page, "body")
    axe_check(phone_page, "body")
