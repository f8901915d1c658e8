"""Helpers (no tests, no fixtures) for the end-to-end tests: a live server, screenshots, the accessibility check.

Screenshots go to test-artifacts/ (not committed).
"""

from __future__ import annotations

import threading
from pathlib import Path

from werkzeug.serving import make_server

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


def screenshot(page, name: str) -> None:
    """Keep a full-page screenshot as a test artifact (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


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
