"""A small world for the credentials tests: the catalogue, two WISEs, a learner with verified and self-assessed
evidence, managers, a coordinator, staff, and a signing key in a temporary folder."""

from datetime import UTC, date, datetime

import pytest
from wise_skills import public_api
from wise_skills.credentials import keys
from wise_skills.loading import load_frameworks
from wise_skills.models import (
    Competence,
    CompetenceMapping,
    CoordinatorAssignment,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    Wise,
)

COURSE = "course-v1:WISE+SORT+2026"
BLOCK = "block-v1:WISE+SORT+2026+type@wise_skills_check+block@start"
T_COURSE = datetime(2026, 3, 1, 10, tzinfo=UTC)
T_RATING = datetime(2026, 4, 2, 10, tzinfo=UTC)


@pytest.fixture
def signing_key(tmp_path, settings):
    path = tmp_path / "credential-key.pem"
    keys.write_pem(path, keys.generate_pem())
    settings.WISE_CREDENTIALS_SIGNING_KEY_PATH = str(path)
    settings.WISE_CREDENTIALS_PREVIOUS_KEY_PATHS = []
    settings.WISE_CREDENTIALS_ISSUER_NAME = "WISE Academy"
    return keys.load_signing_key(path)


@pytest.fixture
def cworld(db, django_user_model, signing_key):
    load_frameworks()
    net = Network.objects.create(key="n1", name="Network One", country="IT")
    a = Wise.objects.create(key="wise-a", name="Cooperativa Alfa", country="IT", network=net)
    b = Wise.objects.create(key="wise-b", name="Cooperativa Beta", country="IT", network=net)
    make = django_user_model.objects.create_user
    users = {
        "learner": make("ana", password="pw", first_name="Ana", last_name="Novak"),
        "other": make("marko", password="pw", first_name="Marko", last_name="Horvat"),
        "manager_a": make("mgr-a", password="pw"),
        "manager_b": make("mgr-b", password="pw"),
        "coordinator": make("coord", password="pw"),
        "staff": make("staff", password="pw", is_staff=True),
    }
    ManagerAssignment.objects.create(user_id=users["manager_a"].id, wise=a)
    ManagerAssignment.objects.create(user_id=users["manager_b"].id, wise=b)
    CoordinatorAssignment.objects.create(user_id=users["coordinator"].id, network=net)
    role = Role.objects.get(key="sorting-operator")
    Membership.objects.create(user_id=users["learner"].id, wise=a, role=role, start=date(2026, 1, 1))
    Membership.objects.create(user_id=users["other"].id, wise=a, role=role, start=date(2026, 1, 1))
    learner = users["learner"].id
    CompetenceMapping.objects.create(
        source_key=COURSE,
        competence=Competence.objects.get(key="sector:waste.sorting"),
        level=2,
        title="Module 2: sorting at the plant",
    )
    public_api.record_course_result(learner, COURSE, passed=True, when=T_COURSE)
    public_api.record_manager_rating(users["manager_a"].id, learner, "digcomp:2.1", 3, rated_at=T_RATING)
    public_api.record_self_assessment(learner, BLOCK, {"digcomp:1.1": 6, "sector:waste.sorting": 4})
    return {"wises": {"a": a, "b": b}, "users": users}


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
