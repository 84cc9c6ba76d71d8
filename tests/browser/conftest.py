"""Browser tests (tests/browser/): every test here is marked `browser`.

The fixtures (page, phone_page, axe_check, scenario_url, the session's one Chromium) live in
tests/browser_support.py, which tests/conftest.py loads for the whole session: Playwright's sync
API allows one instance per thread, so the browser must be a single session fixture shared by
every folder that drives it (tests/browser, tests/security).
"""

import pytest

from tests.browser_support import PHONE, REPO, no_horizontal_overflow, run_axe  # noqa: F401  (helpers for tests)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
