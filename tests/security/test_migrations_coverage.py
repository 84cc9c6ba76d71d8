"""Migrations: forward, backward, forward again and `makemigrations --check` are tested by the operators'
suite (tests/operators/test_migrations.py), for every Django app our lms.djangoapp entry points register,
on sqlite and (WISE_TEST_DB=mariadb) on MariaDB. This guard keeps that true: if an app with models were
not registered there (so silently untested), or the operators' discovery lost one, this fails."""

from django.apps import apps

from tests.operators.test_migrations import our_app_labels

OUR_PACKAGES = ("wise_skills", "wise_xblocks")


def test_every_app_with_models_is_in_the_migration_tests():
    ours = {
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in OUR_PACKAGES and list(config.get_models())
    }
    assert {"wise_skills", "wise_credentials"} <= ours
    missing = ours - set(our_app_labels())
    assert not missing, f"apps with models that the migration tests never migrate: {sorted(missing)}"
