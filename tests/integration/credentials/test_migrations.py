"""The register's migration runs backwards and forwards (sqlite and, with WISE_TEST_DB=mariadb, MariaDB)."""

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_migrations_run_backwards_and_forwards():
    call_command("migrate", "wise_credentials", "zero", verbosity=0)
    assert "wise_credentials_credential" not in connection.introspection.table_names()
    call_command("migrate", "wise_credentials", verbosity=0)
    assert "wise_credentials_credential" in connection.introspection.table_names()
