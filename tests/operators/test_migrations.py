"""Upgrade safety of every Django app this distribution ships (found through our lms.djangoapp entry
points, so a new app is covered the day it is registered):

- the models and the migrations agree (`makemigrations --check`);
- with real data loaded (the shipped frameworks), stepping back one migration at a time and forward
  again loses no row: what an operator rolling back a release and upgrading again would do;
- every app goes to zero and back to head on the test database (sqlite, or MariaDB with
  WISE_TEST_DB=mariadb, where DDL is not transactional: the tests are transactional ones).
"""

from importlib.metadata import entry_points

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def our_app_labels():
    labels = []
    for ep in entry_points(group="lms.djangoapp"):
        if ep.dist is not None and ep.dist.name == "openedx-wise":
            label = ep.load().label
            if label not in labels:
                labels.append(label)
    return labels


def migration_chain(label):
    """The app's own migrations, in the order they apply."""
    graph = MigrationExecutor(connection).loader.graph
    leaves = graph.leaf_nodes(label)
    assert len(leaves) == 1, f"{label} has {len(leaves)} leaf migrations {leaves}: add a merge migration"
    return [name for app, name in graph.forwards_plan(leaves[0]) if app == label]


def tables_at(label, migration):
    """db tables of the app's models in the state right after `migration` (None = zero)."""
    if migration is None:
        return set()
    state = MigrationExecutor(connection).loader.project_state((label, migration))
    tables = set()
    for model in state.apps.get_app_config(label).get_models(include_auto_created=True):
        tables.add(model._meta.db_table)
    return tables


def row_counts(tables):
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(tables & existing):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from our models)
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def back_to_head():
    yield
    call_command("migrate", verbosity=0)  # whatever happened, leave the test database at head


@pytest.mark.django_db
def test_our_apps_have_migrations():
    labels = our_app_labels()
    assert "wise_skills" in labels
    for label in labels:
        assert migration_chain(label), f"{label} has no migration"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    try:
        call_command("makemigrations", *our_app_labels(), check=True, dry_run=True, verbosity=1)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"models changed without a migration (run makemigrations): exit {exc.code}")


@pytest.mark.django_db(transaction=True)
def test_stepping_back_and_upgrading_again_keeps_every_row(back_to_head):
    call_command("load_wise_frameworks", verbosity=0)
    labels = our_app_labels()
    all_tables = set().union(*(tables_at(label, migration_chain(label)[-1]) for label in labels))
    before = row_counts(all_tables)
    assert sum(before.values()) > 0, "no data loaded: the test would prove nothing"

    for label in labels:
        chain = migration_chain(label)
        for target in reversed(chain[:-1]):  # one step back at a time, down to the first migration
            call_command("migrate", label, target, verbosity=0)
            kept = tables_at(label, target)
            now = row_counts(kept)
            assert now == {t: before[t] for t in now}, f"rows lost migrating {label} back to {target}"
        call_command("migrate", verbosity=0)
        assert row_counts(all_tables) == before, f"rows lost upgrading {label} again"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("label", our_app_labels())
def test_zero_head_back_and_forward_again(label, back_to_head):
    chain = migration_chain(label)
    head_tables = tables_at(label, chain[-1])
    existing = set(connection.introspection.table_names())
    assert head_tables <= existing

    call_command("migrate", label, "zero", verbosity=0)
    assert not head_tables & set(connection.introspection.table_names()), f"{label}: tables left after zero"

    call_command("migrate", label, verbosity=0)
    assert head_tables <= set(connection.introspection.table_names())

    for target in [*reversed(chain[:-1]), "zero"]:
        call_command("migrate", label, target, verbosity=0)
        expected = tables_at(label, None if target == "zero" else target)
        present = set(connection.introspection.table_names()) & (head_tables | expected)
        assert present == expected, f"{label} at {target}: {sorted(present ^ expected)}"

    call_command("migrate", verbosity=0)
    assert head_tables <= set(connection.introspection.table_names())
    assert apps.get_app_config(label)
