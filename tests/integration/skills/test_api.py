"""REST API: schema, the permission matrix (every endpoint x every kind of caller), pagination, auth, CSRF, toggle."""

import pytest
import yaml
from django.urls import reverse
from edx_rest_framework_extensions.auth.jwt.tests.utils import generate_jwt
from rest_framework.test import APIClient
from wise_skills.models import Competence, CompetenceMapping

from tests.integration.skills.conftest import add_learners

CALLERS = ["anonymous", "learner", "manager_a", "manager_b", "coordinator", "staff"]


def client_for(world, who, csrf=False):
    client = APIClient(enforce_csrf_checks=csrf)
    if who != "anonymous":
        client.force_login(world["users"][who])
    return client


def url(name, **kwargs):
    return reverse(f"wise_skills:{name}", kwargs=kwargs or None)


# endpoint -> expected status per caller (order of CALLERS). 401: not signed in; 403: signed in, not allowed;
# 404: out of scope (so the key of someone else's WISE is not even confirmed).
MATRIX = {
    ("api-root", ()): [200, 200, 200, 200, 200, 200],
    ("api-frameworks", ()): [401, 200, 200, 200, 200, 200],
    ("api-framework", (("key", "digcomp"),)): [401, 200, 200, 200, 200, 200],
    ("api-competences", ()): [401, 200, 200, 200, 200, 200],
    ("api-competence", (("key", "digcomp:1.1"),)): [401, 200, 200, 200, 200, 200],
    ("api-roles", ()): [401, 200, 200, 200, 200, 200],
    ("api-role", (("key", "farm-worker"),)): [401, 200, 200, 200, 200, 200],
    ("api-wises", ()): [401, 403, 200, 200, 200, 200],
    ("api-wise", (("key", "wise-a"),)): [401, 403, 200, 404, 200, 200],
    ("api-wise", (("key", "wise-c"),)): [401, 403, 404, 404, 404, 200],
    ("api-wise-recommendations", (("key", "wise-a"),)): [401, 403, 200, 404, 200, 200],
    ("api-my-profile", ()): [401, 200, 200, 200, 200, 200],
    ("api-my-recommendations", ()): [401, 200, 200, 200, 200, 200],
    ("api-learner-profile", (("user_id", "LEARNER"),)): [401, 200, 200, 404, 200, 200],
    ("api-gap-report", ()): [401, 403, 200, 200, 200, 200],
    ("api-top-gaps", ()): [401, 403, 200, 200, 200, 200],
    ("api-schema", ()): [200, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("endpoint", list(MATRIX), ids=lambda e: f"{e[0]}{dict(e[1])}")
def test_permission_matrix_get(world, endpoint):
    name, kwargs = endpoint
    kwargs = {k: (world["users"]["learner"].id if v == "LEARNER" else v) for k, v in kwargs}
    got = [client_for(world, who).get(url(name, **kwargs)).status_code for who in CALLERS]
    assert got == MATRIX[endpoint]


def test_permission_matrix_trend_and_manager_rating(world):
    trend = url("api-trend") + "?from=2026-01-01&to=2026-02-01"
    assert [client_for(world, who).get(trend).status_code for who in CALLERS] == [401, 403, 200, 200, 200, 200]
    learner = world["users"]["learner"].id  # works in WISE A
    body = {"user_id": learner, "competence": "sector:waste.sorting", "level": 2}
    got = [client_for(world, who).post(url("api-manager-ratings"), body, format="json").status_code for who in CALLERS]
    assert got == [401, 403, 201, 403, 201, 201]


def test_scope_is_applied_to_reports(world):
    add_learners(world["wises"]["a"], "sorting-operator", 2000, 6)
    add_learners(world["wises"]["c"], "tour-coordinator", 3000, 6)
    for who, expected in [
        ("manager_a", {"wise-a"}),
        ("manager_b", set()),
        ("coordinator", {"wise-a"}),
        ("staff", {"wise-a", "wise-c"}),
    ]:
        body = client_for(world, who).get(url("api-gap-report") + "?group_by=wise").json()
        assert {c["wise"] for c in body["results"]} == expected, who
        # asking for another WISE by filter never widens the scope
        body = client_for(world, who).get(url("api-gap-report") + "?group_by=wise&wise=wise-c").json()
        assert {c["wise"] for c in body["results"]} == expected & {"wise-c"}, who
    wises = client_for(world, "coordinator").get(url("api-wises")).json()
    assert [w["key"] for w in wises["results"]] == ["wise-a", "wise-b"]
    assert wises["results"][0]["learners"] == 7 and wises["results"][1]["learners"] is None  # 0 < 5: withheld


def test_report_withheld_cells_say_so_and_filters_validate(world):
    staff = client_for(world, "staff")
    body = staff.get(url("api-gap-report") + "?group_by=role").json()
    assert body["min_group_size"] == 5 and body["withheld_cells"] == 1
    assert body["results"][0]["withheld"] and "Withheld" in body["results"][0]["message"]
    bad = staff.get(url("api-gap-report") + "?group_by=planet")
    assert bad.status_code == 400 and "unknown group_by 'planet'" in bad.json()["detail"]
    assert staff.get(url("api-gap-report") + "?ordering=nonsense").status_code == 400
    assert staff.get(url("api-trend") + "?from=2026-03-01&to=2026-01-01").status_code == 400


def test_pagination_has_a_maximum_page_size(world, settings):
    settings.WISE_SKILLS_API_MAX_PAGE_SIZE = 7
    body = client_for(world, "learner").get(url("api-competences") + "?page_size=1000").json()
    assert body["count"] == 68 and len(body["results"]) == 7 and body["next"]
    body = client_for(world, "learner").get(url("api-competences") + "?framework=greencomp&ordering=-key").json()
    assert body["count"] == 12 and body["results"][0]["key"] == "greencomp:4.3"


def test_jwt_authentication(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="JWT " + generate_jwt(world["users"]["manager_a"]))
    assert client.get(url("api-wises")).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="JWT not-a-token")
    assert client.get(url("api-wises")).status_code == 401


def test_session_writes_need_csrf(world):
    client = client_for(world, "manager_a", csrf=True)
    body = {"user_id": world["users"]["learner"].id, "competence": "digcomp:1.1", "level": 2}
    response = client.post(url("api-manager-ratings"), body, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_manager_rating_validation(world):
    client = client_for(world, "manager_a")
    response = client.post(
        url("api-manager-ratings"),
        {"user_id": world["users"]["learner"].id, "competence": "digcomp:1.1", "level": 9},
        format="json",
    )
    assert response.status_code == 400 and "from 0 to 8" in str(response.json())
    me = world["users"]["manager_a"].id
    assert (
        client.post(
            url("api-manager-ratings"), {"user_id": me, "competence": "digcomp:1.1", "level": 1}, format="json"
        ).status_code
        == 403
    )


def test_my_profile_and_recommendations(world):
    learner = client_for(world, "learner")
    CompetenceMapping.objects.create(
        source_key="course-v1:W+SORT+1",
        title="Sorting",
        competence=Competence.objects.get(key="sector:waste.sorting"),
        level=3,
    )
    profile = learner.get(url("api-my-profile")).json()
    assert profile["memberships"][0]["wise"] == "wise-a" and profile["top_gaps"]
    recs = learner.get(url("api-my-recommendations") + "?limit=3").json()
    assert recs[0]["source_key"] == "course-v1:W+SORT+1" and recs[0]["closes"] == 3
    assert learner.get(url("api-my-recommendations") + "?limit=0").status_code == 400


def test_switched_off_answers_404(world, settings):
    settings.WISE_SKILLS_ENABLED = False
    assert client_for(world, "staff").get(url("api-frameworks")).status_code == 404
    assert client_for(world, "staff").get(url("api-root")).status_code == 404


def test_schema_is_served_and_valid(world):
    response = client_for(world, "anonymous").get(url("api-schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert "/wise-skills/api/v1/reports/gaps/" in paths
    params = {p["name"] for p in paths["/wise-skills/api/v1/reports/gaps/"]["get"]["parameters"]}
    assert {"group_by", "wise", "network", "country", "sector", "role", "competence", "page_size"} <= params
    from drf_spectacular.validation import validate_schema

    validate_schema(schema)  # raises on an invalid OpenAPI document


def test_report_endpoint_query_count_does_not_grow_with_learners(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.integration.skills.test_reports import seed_levels

    client = client_for(world, "coordinator")
    report = url("api-gap-report") + "?group_by=competence,wise&country=IT"
    seed_levels(add_learners(world["wises"]["a"], "sorting-operator", 2000, 6))
    client.get(report)  # warm up the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(report).status_code == 200
    seed_levels(add_learners(world["wises"]["b"], "collection-team-leader", 3000, 40), seed=3)
    with CaptureQueriesContext(connection) as big:
        assert client.get(report).status_code == 200
    assert len(small.captured_queries) == len(big.captured_queries)


def test_profile_of_user_id_zero_is_404_not_500(client, world):
    # Found by schemathesis on MariaDB: staff could ask for learner 0 and the public API refused it with a 500.
    client.force_login(world["users"]["staff"])
    assert client.get("/wise-skills/api/v1/learners/0/profile/").status_code == 404
