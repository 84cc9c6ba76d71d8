"""Fixtures of the security suite. The browser fixtures (page, axe_check, ...) come from
tests/browser_support.py for the whole session; the browser marker that tests/browser/conftest.py adds
covers only tests/browser/, so the XSS tests mark themselves with @pytest.mark.browser."""

import pytest


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """The API's per-user rate limit counts in the cache, which outlives a test: the security tests call the
    API hundreds of times as the same users, so each starts with empty counts (the limit itself is tested by
    the API's own tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
