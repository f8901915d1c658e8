"""The operator's commands: `flask --app portal db upgrade` and `flask --app portal demo`, on both databases."""

from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy.engine import make_url

from portal import create_app
from scheduling.adapters import db


def _app(url: str):
    # AUTO_UPGRADE off: the command, not the start-up, must do the upgrade here.
    return create_app("testing", {"DATABASE_URL": url, "AUTO_UPGRADE": False, "TODAY": "2026-11-25"})


def test_db_upgrade_and_demo_on_sqlite(tmp_path):
    app = _app(f"sqlite:///{tmp_path / 'ops.sqlite3'}")
    engine = app.extensions["selvbooking_engine"]
    assert db.current_revision(engine) is None
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "Databasen er opdateret" in result.output
    assert db.current_revision(engine) == db.head_revision()
    first = app.test_cli_runner().invoke(args=["demo"])
    assert first.exit_code == 0 and "Demoverdenen er oprettet" in first.output
    again = app.test_cli_runner().invoke(args=["demo"])
    assert again.exit_code == 0 and "ikke tom" in again.output
    engine.dispose()


@pytest.mark.postgres
def test_db_upgrade_on_an_empty_postgresql_database():
    base = os.environ.get("SELVBOOKING_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("SELVBOOKING_TEST_POSTGRES_URL is not set")
    from tests.conftest import _admin_connect

    name = f"selvbooking_cli_{secrets.token_hex(4)}"
    try:
        admin = _admin_connect(base)
    except Exception as error:  # noqa: BLE001 - set but unreachable must fail
        pytest.fail(f"PostgreSQL unreachable: {error}", pytrace=False)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
        app = _app(url)
        engine = app.extensions["selvbooking_engine"]
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert db.current_revision(engine) == db.head_revision()
        assert db.schema_differences(engine) == []
        engine.dispose()
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()
