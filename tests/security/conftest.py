"""The browser fixtures of tests/browser/conftest.py, for the security suite's Chromium tests (XSS).

pytest_plugins may only be set in the root conftest, so the fixtures are imported here; the browser marker
that tests/browser/conftest.py adds automatically covers only tests/browser/, so the XSS tests mark
themselves with @pytest.mark.browser."""

from tests.browser.conftest import axe_check, browser, page, phone_page, scenario_url  # noqa: F401
