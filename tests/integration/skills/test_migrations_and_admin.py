"""Migrations run backwards and forwards on the test database (sqlite or MariaDB); the models need no new
migration; the admin pages of the app render."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wise_skills import public_api
from wise_skills.models import Wise


@pytest.mark.django_db(transaction=True)
def test_migrations_run_back_and_forth():
    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("wise_skills")
    # Dependants of wise_skills (if any other app points at it) are unapplied with it by the executor.
    executor.migrate([("wise_skills", None)])
    tables = connection.introspection.table_names()
    assert "wise_skills_evidence" not in tables and "wise_skills_learnerlevel" not in tables
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaf)
    assert "wise_skills_evidence" in connection.introspection.table_names()
    # The schema works after the round trip.
    public_api.record_self_assessment(3, "course-v1:W+X+1", {"digcomp:1.1": 2})
    call_command("migrate", verbosity=0)  # leave every app fully migrated for the next tests


def test_no_missing_migrations(db):
    out = io.StringIO()
    call_command("makemigrations", "wise_skills", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_admin_pages_render(admin_client, world):
    for model in (
        "framework",
        "competence",
        "wise",
        "network",
        "role",
        "membership",
        "evidence",
        "competencemapping",
        "managerassignment",
        "coordinatorassignment",
        "enrollmenthint",
    ):
        response = admin_client.get(reverse(f"admin:wise_skills_{model}_changelist"))
        assert response.status_code == 200, model
    wise = Wise.objects.get(key="wise-a")
    assert admin_client.get(reverse("admin:wise_skills_wise_change", args=[wise.id])).status_code == 200
