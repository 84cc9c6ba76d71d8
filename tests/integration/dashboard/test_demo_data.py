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
