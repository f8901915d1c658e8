"""Helpers (no tests, no fixtures) for the web tests: the demo day, CSRF tokens, logging in, the language button,
opening a message. Test modules import them from here; the fixtures are in conftest.py."""

from __future__ import annotations

import re

DEMO_TODAY = "2026-11-25"


def csrf_token(client, path: str) -> str:
    """The CSRF token from a page's form, as a browser would send it back (after the page's redirects: a booking
    step with a single answer sends on to the next)."""
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in_as(client, kind: str, row_id: int) -> None:
    token = csrf_token(client, "/log-ind/")
    response = client.post("/log-ind/demo", data={"csrf_token": token, "who": f"{kind}:{row_id}"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def choose_language(client, code: str, next_path: str | None = None, page: str = "/"):
    """Press the footer's language button on ``page`` (a POST with the page's CSRF token)."""
    data = {"csrf_token": csrf_token(client, page)}
    if next_path is not None:
        data["next"] = next_path
    return client.post(f"/sprog/{code}", data=data)


def open_message(client, message_id: int | str):
    """Open a message from the inbox as its button does: a POST (marks it read), then the message page."""
    token = csrf_token(client, "/borger/beskeder")
    return client.post(f"/borger/beskeder/{message_id}", data={"csrf_token": token}, follow_redirects=True)
