"""Browser-test support, loaded once for the whole session by tests/conftest.py (pytest_plugins):
a live devsite, Debian's Chromium driven by Playwright, and axe-core.

Every test that uses `page` fails when the page logs a console error, throws an uncaught
exception or opens a JavaScript dialog (alert/confirm/prompt): XSS tests rely on that.
`axe_check(page, selector)` fails on any WCAG 2.1 A/AA violation inside our markup.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test body still talks to
# the database synchronously (seeding data), which Django allows only with this flag.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[1]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("WISE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 640}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageProblems:
    """What went wrong in the page while the test ran."""

    def __init__(self):
        self.console_errors = []
        self.dialogs = []

    def watch(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)


def _new_page(browser, live_server, viewport, request):
    context = browser.new_context(
        viewport=viewport, locale="en-GB", base_url=live_server.url, has_touch=viewport == PHONE, is_mobile=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = PageProblems()
    problems.watch(page)
    page.problems = problems
    request.addfinalizer(context.close)
    return page


def _assert_clean(page):
    problems = page.problems
    assert not problems.dialogs, f"JavaScript dialogs opened: {problems.dialogs}"
    assert not problems.console_errors, f"Console errors: {problems.console_errors}"


@pytest.fixture
def page(browser, live_server, workbench, request):
    """A desktop-sized page on the live devsite; the test fails on console errors or dialogs."""
    page = _new_page(browser, live_server, {"width": 1280, "height": 900}, request)
    yield page
    _assert_clean(page)


@pytest.fixture
def phone_page(browser, live_server, workbench, request):
    """A 360x640 touch page (a learner's phone)."""
    page = _new_page(browser, live_server, PHONE, request)
    yield page
    _assert_clean(page)


def run_axe(page, selector="body"):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async ([selector, tags]) => {
            const result = await axe.run({include: [selector]}, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        [selector, WCAG_TAGS],
    )


@pytest.fixture
def axe_check():
    """axe_check(page, selector): fail on any WCAG 2.1 AA violation inside `selector`."""

    def check(page, selector="body"):
        assert page.locator(selector).count() > 0, f"nothing matches {selector!r} to check"
        violations = run_axe(page, selector)
        assert violations == [], "axe-core violations:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations
        )

    return check


@pytest.fixture
def scenario_url(live_server):
    """scenario_url("wise_costing.0", student="learner-2") -> URL of that workbench scenario page."""

    def url(scenario_id, student=None, view="student_view"):
        base = f"{live_server.url}/workbench/scenario/{scenario_id}/{view}/"
        return base + (f"?student={student}" if student else "")

    return url


def no_horizontal_overflow(page, selector="body"):
    """True when nothing inside `selector` reaches past the viewport (the 360 px check), except what a scrolling
    frame inside `selector` clips (a wide table that scrolls in its own frame).

    Clipping is judged as the browser does it: an absolutely positioned element (a visually hidden label) is clipped
    only by a frame that is, or contains, its containing block; one that escapes its frame widens the page and lets
    the whole page scroll sideways on a phone, though every box in normal flow fits."""
    return page.evaluate(
        """(selector) => {
            const root = document.querySelector(selector);
            const width = document.documentElement.clientWidth + 1;
            if (root.scrollWidth > width) return false;
            if (selector === "body" && document.documentElement.scrollWidth > width) return false;
            const clips = (el) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
            for (const el of root.querySelectorAll("*")) {
                const box = el.getBoundingClientRect();
                if (box.right <= width) continue;  // past the left edge is unreachable, not scrollable
                const position = getComputedStyle(el).position;
                if (position === "fixed") return false;
                let frame = position === "absolute" ? el.offsetParent : el.parentElement;
                let clipped = false;
                while (frame && root.contains(frame)) {
                    if (clips(frame) && frame.getBoundingClientRect().right <= width) { clipped = true; break; }
                    frame = frame.parentElement;
                }
                if (!clipped) return false;
            }
            return true;
        }""",
        selector,
    )
