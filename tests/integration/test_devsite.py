"""The devsite as a newcomer meets it: landing page, workbench, plugin URLs mounted by the loaders."""

import pytest
from django.apps import apps
from django.urls import reverse


def test_plugin_app_is_installed_through_the_entry_point():
    # devsite.settings lists no wise app by hand: it must come from get_plugin_apps("lms.djangoapp").
    assert apps.is_installed("wise_skills")
    assert apps.get_app_config("wise_skills").plugin_app["url_config"]["lms.djangoapp"]["namespace"] == "wise_skills"


def test_plugin_settings_were_applied():
    from django.conf import settings

    assert settings.WISE_SKILLS_MIN_GROUP_SIZE == 5


def test_landing_page_links_scenarios_and_api(client, wise_scenarios):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("wise_skills:api-root") in html
    for scenario_id in wise_scenarios:
        assert f"/workbench/scenario/{scenario_id}/" in html


def test_landing_page_links_the_studio_editor_of_every_block(client, wise_scenarios):
    html = client.get("/").content.decode()
    for block_type in ("wise_waste_sorting", "wise_costing", "wise_skills_check"):
        first = min((s for s in wise_scenarios if s.startswith(block_type + ".")), key=lambda s: int(s.split(".")[1]))
        url = f"/workbench/scenario/{first}/studio_view/"
        assert url in html, block_type
        assert client.get(url).status_code == 200


def test_api_root_is_mounted_under_the_plugin_prefix(client):
    response = client.get("/wise-skills/api/v1/")
    assert response.status_code == 200
    assert response.json()["name"] == "wise_skills"


def test_openapi_schema_is_served(client):
    response = client.get("/wise-skills/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_workbench_index_lists_wise_scenarios(client, wise_scenarios):
    response = client.get("/workbench/")
    assert response.status_code == 200
    for scenario in wise_scenarios.values():
        assert scenario.description in response.content.decode()


@pytest.mark.parametrize("language", ["it", "sl", "hr", "pl", "fr", "nl", "de"])
def test_landing_page_declares_the_language_it_is_in(client, language, workbench):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize(
    "scenario_id,staff_text",
    [
        ("wise_waste_sorting.0", "Staff: which items are most often mis-sorted"),
        ("wise_skills_check.0", "Staff: how the group rated itself"),
    ],
)
def test_the_workbench_shows_the_staff_views_to_student_staff(client, wise_scenarios, scenario_id, staff_text):
    """?student=staff is course staff, as the LMS's user service says it; everyone else is a learner."""
    url = f"/workbench/scenario/{scenario_id}/"
    assert staff_text in client.get(url, {"student": "staff"}).content.decode()
    assert staff_text not in client.get(url, {"student": "student_1"}).content.decode()
