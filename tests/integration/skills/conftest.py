"""Fixtures for the wise_skills database tests: the shipped catalogue loaded, and a small world of WISEs."""

from datetime import date

import pytest
from wise_skills.loading import load_frameworks
from wise_skills.models import (
    CoordinatorAssignment,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    Sector,
    Wise,
)


@pytest.fixture
def catalogue(db):
    load_frameworks()


@pytest.fixture
def world(catalogue, django_user_model):
    """Two networks; WISE A (IT, waste) and B (IT, waste) in network N1, C (SI, tourism) in N2.

    Users: staff, coordinator of N1, manager of A, manager of B, a learner. Learners 1001.. are plain ids."""
    n1 = Network.objects.create(key="n1", name="Network One", country="IT")
    n2 = Network.objects.create(key="n2", name="Network Two", country="SI")
    waste, tourism = Sector.objects.get(key="waste"), Sector.objects.get(key="tourism")
    a = Wise.objects.create(key="wise-a", name="WISE A", country="IT", region="Lombardy", network=n1)
    b = Wise.objects.create(key="wise-b", name="WISE B", country="IT", region="Trentino", network=n1)
    c = Wise.objects.create(key="wise-c", name="WISE C", country="SI", region="Goriška", network=n2)
    a.sectors.add(waste)
    b.sectors.add(waste)
    c.sectors.add(tourism)
    users = {
        "staff": django_user_model.objects.create_user("staff", password="x", is_staff=True),
        "coordinator": django_user_model.objects.create_user("coord", password="x"),
        "manager_a": django_user_model.objects.create_user("mgr-a", password="x"),
        "manager_b": django_user_model.objects.create_user("mgr-b", password="x"),
        "learner": django_user_model.objects.create_user("learner", password="x"),
    }
    CoordinatorAssignment.objects.create(user_id=users["coordinator"].id, network=n1)
    ManagerAssignment.objects.create(user_id=users["manager_a"].id, wise=a)
    ManagerAssignment.objects.create(user_id=users["manager_b"].id, wise=b)
    Membership.objects.create(
        user_id=users["learner"].id, wise=a, role=Role.objects.get(key="sorting-operator"), start=date(2026, 1, 1)
    )
    return {"networks": (n1, n2), "wises": {"a": a, "b": b, "c": c}, "users": users}


def add_learners(wise, role_key, first_id, count, start=date(2026, 1, 1)):
    role = Role.objects.get(key=role_key)
    Membership.objects.bulk_create(
        [Membership(user_id=first_id + i, wise=wise, role=role, start=start) for i in range(count)]
    )
    return list(range(first_id, first_id + count))
