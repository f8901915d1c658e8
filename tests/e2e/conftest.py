"""End-to-end fixtures: a live portal on a free port (its own SQLite file with the demo world) and Chromium.

One browser per test session (per xdist worker); each test gets fresh contexts. Helpers that are not fixtures
(the live server, screenshots, the accessibility check) are in tests/e2e/helpers.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import LiveServer, portal_on_its_own_demo_world

CHROMIUM = os.environ.get("SELVBOOKING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal shared by the journeys that leave the people as they found them (per xdist worker)."""
    yield from portal_on_its_own_demo_world(tmp_path_factory, "e2e")


@pytest.fixture
def fresh_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal on a fresh demo world, for a journey that needs a person exactly as the demo made them (the
    shared server's people may have booked in other journeys, in whatever order xdist ran them)."""
    yield from portal_on_its_own_demo_world(tmp_path_factory, "e2e-fresh")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/ensure-chromium (make test does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# Every page reports a Content-Security-Policy violation to the console (Chromium does too, in its own words).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
});
"""


@pytest.fixture
def context_factory(browser):
    """New browser contexts (separate people or tabs); all closed after the test, which fails if any page broke
    the Content-Security-Policy or raised a JavaScript error (issue 9: the CSP must not break DKFDS)."""
    contexts = []
    problems: list[str] = []

    def watch_console(message) -> None:
        if message.type == "error" and ("Content Security Policy" in message.text or "CSP violation" in message.text):
            problems.append(f"{message.text} ({message.location.get('url', '')})")

    def make(**kwargs):
        kwargs.setdefault("locale", "da-DK")
        kwargs.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**kwargs)
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", watch_console)
        context.on("weberror", lambda error: problems.append(f"JavaScript error: {error.error}"))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not problems, "pages broke the Content-Security-Policy or raised errors:\n" + "\n".join(problems)


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()
