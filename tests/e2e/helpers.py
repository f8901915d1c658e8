"""Helpers (no tests, no fixtures) for the end-to-end tests: a live server, screenshots, the accessibility check.

Screenshots go to test-artifacts/ (not committed).
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from scheduling.slots import COPENHAGEN

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
DEMO_TODAY = "2026-11-25"  # a Wednesday: the demo world is laid out relative to it


class LiveServer:
    """The app served by werkzeug in a thread. The server binds port 0, so the system gives it a free port
    there and then: no other xdist worker or process can take the port between choosing and binding it."""

    def __init__(self, app) -> None:
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    """Keep a screenshot as a test artifact (test-artifacts/, ignored by git): the whole page, or with
    ``full_page=False`` the screen only. Chromium takes a whole page by resizing the view for a moment, and DKFDS
    closes an open drawer on a resize that hides its close button: an open menu is shot as the screen shows it."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def assert_accessible(page, label: str) -> None:
    """axe-core finds no WCAG 2.1 A/AA violations on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
    )
    violations = results.response.get("violations", [])
    detail = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )
    assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {label}:\n{detail}"


# ---- a citizen's journey in the browser (shared by the journey files) -------------------------------------------

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def log_in(page: Page, server, person) -> None:
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {person.name}").click()
    page.goto(f"{server.url}/borger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine samtaler")


def in_both_languages(page: Page, label: str) -> None:
    """axe-core on the page at phone and desktop width, in Danish, then in English (the footer's button), then back
    to Danish; the Danish page is kept as screenshots at both widths."""
    at_both_widths(page, f"{label} (da)")
    screenshots(page, label)
    page.locator("footer button[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    at_both_widths(page, f"{label} (en)")
    page.locator("footer button[lang=da]").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")


def at_both_widths(page: Page, label: str) -> None:
    """axe-core at 375 px (a phone: DKFDS's mobile header, stacked tables) and at 1280 px, and nothing wider than
    the screen (no sideways scrolling); the page is left at desktop width."""
    page.wait_for_load_state("load")  # a page still arriving has no document to check (axe fails on null)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page, f"{label} at {size['width']} px")
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= size["width"], f"{label} scrolls sideways at {size['width']} px ({wide} px wide)"


def screenshots(page: Page, label: str) -> None:
    """The page as it stands, at phone and desktop width, in test-artifacts/ (named after the check's label)."""
    shots(page, re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-"))


def shots(page: Page, name: str) -> None:
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        screenshot(page, f"citizen-{name}-{label}")
    page.set_viewport_size(DESKTOP)


def pick_slot(page: Page, when=None) -> str:
    """Check the first radio (or the first whose start fits ``when``) and return its value.

    Waits for the times to be there first: called straight after a click that navigates, the page may still be
    the one before (CI once read no times from "Mine samtaler" while the week was loading)."""
    radios = page.locator("input[name=start]")
    expect(radios.first).to_be_attached()
    values = radios.evaluate_all("els => els.map(e => e.value)")
    value = next(v for v in values if when is None or when(datetime.fromisoformat(v).astimezone(COPENHAGEN)))
    page.locator(f"input[name=start][value='{value}']").check()
    return value


#: "Send de beskeder, der venter" runs the notice worker once, in the request: on a demo world of its own it delivers
#: all of the world's due notices (280 on the demo's day, 2.5 s on an idle machine of 2 cores; CI's other workers and
#: browsers on the same cores made it pass Playwright's 10 s once)
SENDING_TIMEOUT_MS = 60_000


def send_waiting_notices(page: Page, server) -> None:
    """Open the development mail page and send what is waiting, then wait for the count of what was sent."""
    page.goto(f"{server.url}/udvikling/mails")
    page.get_by_role("button", name="Send de beskeder, der venter").click(timeout=SENDING_TIMEOUT_MS)
    expect(page.locator("body")).to_contain_text("sendt")


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Fortsæt").click()


_TEMPLATE: list[Path] = []


def _e2e_settings(db: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{db}",
        "TODAY": DEMO_TODAY,
        "TIME_OF_DAY": "12:00",  # as the tests' configuration: nothing depends on when the suite runs
        "SECRET_KEY": "e2e-secret",
    }


def _demo_template(tmp_path_factory) -> Path:
    """The demo world as `make run` seeds it, once per test process."""
    if not _TEMPLATE:
        from portal import create_app

        path = tmp_path_factory.mktemp("e2e-template") / "demo.sqlite3"
        app = create_app("development", _e2e_settings(path))
        app.extensions["selvbooking_engine"].dispose()
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


def portal_on_its_own_demo_world(tmp_path_factory, name: str) -> Iterator[LiveServer]:
    """The whole portal, as `make run` serves it, on a demo world of its own (a copy of the demo database that
    :func:`_demo_template` seeded once in this test process: seeding is most of a server's start since the demo
    has the supervision's history, and the journeys on a fresh server would otherwise seed it again each time)."""
    from portal import create_app

    db = tmp_path_factory.mktemp(name) / "selvbooking.sqlite3"
    shutil.copyfile(_demo_template(tmp_path_factory), db)
    app = create_app("development", _e2e_settings(db))
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()
