# ruff: noqa: F811  (fixtures imported from the skills tests)
"""Schemathesis over the plugin's own OpenAPI schema (/wise-skills/api/v1/schema/), in process.

Every operation of the schema gets ~30 generated requests (path keys, filters, bodies drawn from the schema)
against the devsite's WSGI application, signed in as staff through a real session cookie (CSRF token
included, so writes get past the CSRF check and reach validation). Checked for each response: never a 5xx,
the body conforms to the schema's response definition, the content type is the declared one, and no
traceback text appears.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import checks, openapi

from tests.integration.skills.conftest import catalogue, world  # noqa: F401  (fixtures)

from .blocks import TRACEBACK_MARKERS

SCHEMA_URL = "/wise-skills/api/v1/schema/?format=json"
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.content_type_conformance]


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the database connection after each request (request_finished ->
    close_old_connections), which would end the test's transaction on MariaDB; Django's test client
    disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api(world, settings, keep_test_connection):
    settings.WISE_SKILLS_API_THROTTLE_RATE = "100000/min"  # ~500 requests in seconds, as one staff user
    app = get_wsgi_application()
    client = Client()
    client.force_login(world["users"]["staff"])
    csrf = _get_new_csrf_string()
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}
    schema = openapi.from_wsgi(SCHEMA_URL, app)
    return schema, cookies, {"X-CSRFToken": csrf}


def operations(schema):
    found = []
    for result in schema.get_all_operations():
        found.append(result.ok())
    return found


def test_schema_lists_every_api_endpoint(api):
    schema, _cookies, _headers = api
    paths = {op.path for op in operations(schema)}
    for must in (
        "/wise-skills/api/v1/reports/gaps/",
        "/wise-skills/api/v1/wises/{key}/",
        "/wise-skills/api/v1/evidence/manager-ratings/",
    ):
        assert must in paths, (must, sorted(paths))


def test_every_operation_survives_generated_requests(api):
    schema, cookies, headers = api
    failures = []
    for operation in operations(schema):

        @settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(cookies=cookies, headers=headers)
            text = response.text if hasattr(response, "text") else ""
            assert not any(marker in text for marker in TRACEBACK_MARKERS), f"traceback from {case.method} {case.path}"
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except BaseException as error:  # noqa: BLE001  (FailureGroup; collect every operation's, report all)
            if isinstance(error, KeyboardInterrupt):
                raise
            first = str(error).split("Reproduce with", 1)[0]
            failures.append(f"{operation.method.upper()} {operation.path}: {first[:700]}")
    assert not failures, "\n\n".join(failures)
