"""The operator's commands: `flask --app portal db upgrade` and `flask --app portal demo`, on both databases."""

from __future__ import annotations

import os

import pytest

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
    from tests.postgres import scratch_database

    with scratch_database("selvbooking_cli") as url:
        app = _app(url)
        engine = app.extensions["selvbooking_engine"]
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert db.current_revision(engine) == db.head_revision()
        assert db.schema_differences(engine) == []
        engine.dispose()


@pytest.mark.postgres
def test_db_upgrade_then_demo_on_an_empty_postgresql_database_as_the_readme_says(tmp_path):
    """Issue 9: with SELVBOOKING_CONFIG unset (development, which seeds the demo on start) `flask --app portal db
    upgrade` migrates an empty PostgreSQL database instead of seeding it first and failing; `demo` then fills it."""
    import subprocess
    import sys
    from pathlib import Path

    from sqlalchemy import func, select

    from scheduling.adapters.orm import CitizenRow
    from tests.postgres import scratch_database

    flask = str(Path(sys.executable).with_name("flask"))
    env = {k: v for k, v in os.environ.items() if k != "SELVBOOKING_CONFIG"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - a fixed command line
            [flask, "--app", "portal", *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )

    with scratch_database("selvbooking_readme") as url:
        env["SELVBOOKING_DATABASE_URL"] = url
        upgraded = run("db", "upgrade")
        assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
        assert "Databasen er opdateret" in upgraded.stdout
        engine = db.make_engine(url)
        assert db.current_revision(engine) == db.head_revision()
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(CitizenRow)) == 0  # migrated, not seeded
        seeded = run("demo")
        assert seeded.returncode == 0, seeded.stdout + seeded.stderr
        assert "Demoverdenen er oprettet" in seeded.stdout
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(CitizenRow)) > 0
        engine.dispose()
