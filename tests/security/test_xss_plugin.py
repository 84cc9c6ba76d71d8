# ruff: noqa: F811  (fixtures imported from the dashboard and credentials tests)
"""XSS through every name field of the skills-gap plugin, rendered in Chromium.

Every name-like text column (name, full_name, title, description) of every wise_skills model is found by
introspection and given the catalogue's payloads round-robin over its rows (28 extra WISEs and networks make
sure each payload is also a WISE name and a network name). Then the pages that show those names are opened
as the people who see them: the dashboard (staff, manager), the print view, a learner's page, the learner's
own profile, and the credential pages (claim list, manage, issuer WISE page, achievement page). The test fails
on any dialog or console error (the `page` fixture), on any executable injected element or attribute, and on
any sign that a Django template ran a name.
"""

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db import models
from django.test import Client
from wise_skills import public_api
from wise_skills.models import CompetenceMapping, Membership, Network, Role, Wise

from tests.integration.credentials.conftest import signing_key  # noqa: F401  (fixture)
from tests.integration.dashboard.conftest import catalogue, media_root, populated, world  # noqa: F401

from .xss_payloads import FIND_INJECTED, PAYLOADS, TEMPLATE_EVIDENCE

pytestmark = pytest.mark.browser
NAME_FIELDS = ("name", "full_name", "title", "description")


def name_columns():
    for model in apps.get_app_config("wise_skills").get_models():
        for field in model._meta.concrete_fields:
            if field.name in NAME_FIELDS and isinstance(field, (models.CharField, models.TextField)):
                yield model, field


def poison_every_name():
    """Each row's name-like columns get payload (row number + column number) mod N; returns the columns."""
    touched = []
    for model, field in name_columns():
        rows = list(model.objects.order_by("pk"))
        limit = getattr(field, "max_length", None)
        for number, row in enumerate(rows):
            payload = PAYLOADS[(number + len(touched)) % len(PAYLOADS)][1]
            setattr(row, field.attname, payload[:limit] if limit else payload)
        model.objects.bulk_update(rows, [field.attname])
        touched.append(f"{model._meta.label}.{field.name} ({len(rows)} rows)")
    return touched


@pytest.fixture
def poisoned(transactional_db, populated, signing_key, settings):
    from wise_skills.credentials.issuing import issue

    users = populated["users"]
    learner = users["learner"]
    course = "course-v1:WISE+M0+2026"
    public_api.record_course_result(learner.id, course, passed=True)
    competence = CompetenceMapping.objects.get(source_key=course).competence
    issue(learner, competence.key)
    n1 = populated["networks"][0]
    for number in range(len(PAYLOADS)):
        Wise.objects.create(key=f"xss-wise-{number}", name="", country="IT", network=n1)
        Network.objects.create(key=f"xss-net-{number}", name="", country="IT")
    # The learner also belongs to a second WISE, so the profile and credential pages list two WISE names.
    Membership.objects.create(
        user_id=learner.id, wise=Wise.objects.get(key="xss-wise-0"), role=Role.objects.first(), start="2026-01-01"
    )
    columns = poison_every_name()
    assert any(c.startswith("wise_skills.Wise.name") for c in columns)
    assert any(c.startswith("wise_skills.Competence.name") for c in columns)
    populated["competence"] = competence
    return populated


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def check(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    page.wait_for_load_state("networkidle")
    injected = page.evaluate(FIND_INJECTED)
    assert not injected, f"injected at {path}: {injected}"
    html = page.content()
    assert not [e for e in TEMPLATE_EVIDENCE if e in html], f"a name ran as a template at {path}"
    assert "xss" in html or "alert(" in html or "&lt;" in html, f"{path} shows none of the poisoned names"


def test_every_name_field_renders_inert_on_every_page(page, live_server, poisoned):
    users = poisoned["users"]
    learner = users["learner"]
    comp = poisoned["competence"]
    sign_in(page, live_server, users["staff"])
    for path in (
        "/wise-skills/dashboard/",
        "/wise-skills/dashboard/?wise=wise-a",
        "/wise-skills/dashboard/?wise=wise-c&group_by=role",
        "/wise-skills/dashboard/print/?wise=wise-a",
        f"/wise-skills/dashboard/learners/{learner.id}/",
        "/wise-credentials/manage/",
        "/wise-credentials/issuer/wises/wise-a/",
        f"/wise-credentials/achievements/{comp.key}/1/",
    ):
        check(page, path)
    sign_in(page, live_server, users["manager_a"])
    check(page, "/wise-skills/dashboard/?wise=wise-a")
    sign_in(page, live_server, learner)
    check(page, "/wise-skills/profile/")
    check(page, "/wise-credentials/")
