"""The browser fixtures of tests/browser/conftest.py, for the security suite's Chromium tests (XSS).

pytest_plugins may only be set in the root conftest, so the fixtures are imported here; the browser marker
that tests/browser/conftest.py adds automatically covers only tests/browser/, so the XSS tests mark
themselves with @pytest.mark.browser."""

import pytest  # noqa: E402

from tests.browser.conftest import axe_check, browser, page, phone_page, scenario_url  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """The API's per-user rate limit counts in the cache, which outlives a test: the security tests call the
    API hundreds of times as the same users, so each starts with empty counts (the limit itself is tested by
    the API's own tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
