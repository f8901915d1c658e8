"""Web fixtures: the portal on a fresh SQLite file with the demo world, and a client that can log in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

DEMO_TODAY = "2026-11-25"


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """The demo world, built once (migrations + seed) and copied for each test."""
    from portal import create_app

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{path}", "TODAY": DEMO_TODAY, "SEED_DEMO": True})
    app.extensions["selvbooking_engine"].dispose()
    return path


@pytest.fixture
def app(tmp_path, demo_database):
    """The portal on its own copy of the demo world, on the demo day."""
    from portal import create_app

    path = tmp_path / "web.sqlite3"
    shutil.copyfile(demo_database, path)
    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{path}", "TODAY": DEMO_TODAY})
    yield app
    app.extensions["selvbooking_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str) -> str:
    """The CSRF token from a page's form, as a browser would send it back."""
    html = client.get(path).get_data(as_text=True)
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
