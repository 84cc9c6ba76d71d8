"""The demo accounts of `make demo` (seed_wise_demo) open their pages on the demo data."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_every_demo_account_opens_its_page(client):
    call_command("seed_wise_demo", verbosity=0)
    users = get_user_model().objects
    expectations = {
        "staff": ("/wise-skills/dashboard/", 200, "Gaps by competence"),
        "coordinator": ("/wise-skills/dashboard/", 200, "Gaps by competence"),
        "manager-it": (
            "/wise-skills/dashboard/?wise=coop-ricicla-milano&date_from=2026-01-15",
            200,
            "Skills profile of",
        ),
        "learner1": ("/wise-skills/profile/", 200, "My skills profile"),
    }
    for username, (url, status, text) in expectations.items():
        client.force_login(users.get(username=username))
        response = client.get(url)
        assert response.status_code == status, (username, response.status_code)
        assert text in response.content.decode(), username
        if username == "manager-it":
            page = response.content.decode()
            assert "wise-heatmap" in page and 'id="wise-trend-table"' in page and "data-user-id" in page
        client.logout()


@pytest.mark.django_db
def test_the_demo_dashboard_reads_the_stored_summary_with_the_live_numbers():
    """The demo runs the production path (summary built, as Tutor's init job does), and it agrees with the live
    query on the seeded data; seeding again (make demo twice) leaves it current."""
    from wise_skills import report_summary, reports
    from wise_skills.permissions import Scope

    call_command("seed_wise_demo", verbosity=0, learners=120)
    call_command("seed_wise_demo", verbosity=0, learners=120)
    staff = Scope(user_id=None, is_staff=True)
    params = reports.ReportParams(group_by=("competence", "network"))
    assert report_summary.summary_rows(staff, params.group_by, {}) is not None
    assert reports.gap_report(staff, params) == reports.gap_report(staff, params, use_summary=False)
