"""Fixtures every layer shares."""

import pytest

# One Chromium per session for every folder that drives it (see tests/browser/conftest.py).
pytest_plugins = ["tests.browser_support"]

TRANSACTIONAL = ("transactional_db", "live_server")

# The workbench keeps block definitions in the database and scenario ids in memory. Parsing
# every scenario takes seconds, so it is done once and kept, and again only after a
# transactional test (browser tests, worker tests) has emptied the database.
_scenarios_stale = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Real users' ids start far above the synthetic learner ids the tests use (1000-9999).

    Memberships store a user id only, so tests create learners as bare ids. On MariaDB a rolled
    back test does not give its AUTO_INCREMENT values back: after a few hundred tests a real
    test user got id 1102 and collided with a synthetic learner.
    """
    from django.db import connection

    if connection.vendor == "mysql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("ALTER TABLE auth_user AUTO_INCREMENT = 1000000")


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language.

    Django's LocaleMiddleware activates a request's language in the thread and leaves it active
    after the response: a test that fetched a page in German made the next test on the same
    worker build its server-side messages in German, and fail only in some orders.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def _is_transactional(request_or_item):
    return any(name in request_or_item.fixturenames for name in TRANSACTIONAL)


def pytest_collection_modifyitems(items):
    # pytest-django creates the test database only for tests that name a db fixture; the
    # workbench fixture asks for `db` itself, after parsing, so name it here (last, so it is
    # still set up after the parse).
    for item in items:
        if "workbench" in item.fixturenames and not _is_transactional(item) and "db" not in item.fixturenames:
            item.fixturenames.append("db")


def pytest_runtest_teardown(item):
    global _scenarios_stale
    if _is_transactional(item):
        _scenarios_stale = True


@pytest.fixture
def workbench(request, django_db_setup, django_db_blocker):
    """The xblock-sdk workbench with its scenarios parsed into this test's database."""
    global _scenarios_stale
    from django.db import connection
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    transactional = _is_transactional(request)
    if _scenarios_stale or transactional:
        with django_db_blocker.unblock():
            # Inside a test transaction (the test asked for `db` first) the parse is rolled
            # back at the end, so the scenarios stay stale for the next test.
            inside_test_transaction = connection.in_atomic_block
            reset_global_state()
        _scenarios_stale = transactional or inside_test_transaction
    request.getfixturevalue("transactional_db" if transactional else "db")
    return get_scenarios()


@pytest.fixture
def wise_scenarios(workbench):
    """{scenario_id: Scenario} of the WISE blocks only (ids look like "wise_costing.0")."""
    return {scenario_id: scenario for scenario_id, scenario in workbench.items() if scenario_id.startswith("wise_")}
