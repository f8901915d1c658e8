"""Web fixtures: the portal on a fresh SQLite file with the demo world, a test client, and the portal on the
session's PostgreSQL database with the demo world (``postgres_app``). Helpers that are not
fixtures (logging in, CSRF tokens …) are in tests/web/helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.web.helpers import DEMO_TODAY


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
    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{path}", "TODAY": DEMO_TODAY, "SMS_DIR": str(tmp_path / "sms")})
    yield app
    app.extensions["selvbooking_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def postgres_app(postgres_url):
    """The portal on this session's PostgreSQL database with the demo world, on the demo day; emptied after."""
    from portal import create_app
    from portal.database import seed_demo_if_empty
    from tests.postgres import empty_tables

    app = create_app("testing", {"DATABASE_URL": postgres_url, "TODAY": DEMO_TODAY})
    seed_demo_if_empty(app)
    yield app
    engine = app.extensions["selvbooking_engine"]
    empty_tables(engine)
    engine.dispose()
