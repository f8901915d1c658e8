"""The audit log cannot be truncated or altered by the application's own database role (issue 9, "Headers, logs,
personal data"): an owner role migrates and grants, the application role books, writes messages and audit lines,
and every attempt to change the audit log or the schema is refused by PostgreSQL's privileges."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from scheduling import demo
from tests.postgres import POSTGRES_ENV, admin_connect

DEMO_TODAY = "2026-11-25"


@dataclass(frozen=True)
class Roles:
    owner: str
    app: str
    owner_url: str
    app_url: str


@pytest.fixture
def roles() -> Iterator[Roles]:
    """A fresh database owned by a fresh owner role, and a fresh application role; all dropped at the end."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    try:
        admin = admin_connect(base)
    except Exception as error:  # noqa: BLE001 - set but unreachable must fail, not skip
        pytest.fail(f"{POSTGRES_ENV}={base} is set but PostgreSQL is unreachable: {error}", pytrace=False)
    suffix = secrets.token_hex(4)
    owner, app, database = f"sb_owner_{suffix}", f"sb_app_{suffix}", f"selvbooking_roles_{suffix}"
    with admin:
        admin.execute(f'CREATE ROLE "{owner}" LOGIN')
        admin.execute(f'CREATE ROLE "{app}" LOGIN')
        admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    url = make_url(base).set(database=database)
    try:
        yield Roles(
            owner,
            app,
            url.set(username=owner).render_as_string(hide_password=False),
            url.set(username=app).render_as_string(hide_password=False),
        )
    finally:
        with admin_connect(base) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{app}"')
            admin.execute(f'DROP ROLE IF EXISTS "{owner}"')


def portal(url: str, **overrides):
    from portal import create_app

    return create_app("testing", {"DATABASE_URL": url, "TODAY": DEMO_TODAY, **overrides})


def migrate_and_grant(roles: Roles) -> None:
    owner_app = portal(roles.owner_url)
    runner = owner_app.test_cli_runner()
    upgraded = runner.invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    granted = runner.invoke(args=["db", "grant-app-role", roles.app])
    assert granted.exit_code == 0, granted.output
    owner_app.extensions["selvbooking_engine"].dispose()


def refused(engine, statement: str) -> bool:
    """True when PostgreSQL refuses the statement for want of a privilege (SQLSTATE 42501) or ownership."""
    with engine.connect() as connection:
        try:
            connection.execute(text(statement))
        except ProgrammingError as error:
            code = getattr(error.orig, "sqlstate", None)
            assert code == "42501", f"{statement}: refused for another reason: {error.orig}"
            return True
        connection.rollback()
        return False


@pytest.mark.postgres
def test_the_app_role_books_and_audits_but_cannot_alter_the_audit_log_or_the_schema(roles):
    migrate_and_grant(roles)
    app = portal(roles.app_url, SEED_DEMO=True)  # the demo world written by the app role itself
    client = app.test_client()

    from tests.web.booking_helpers import as_citizen, book
    from tests.web.caseworker_helpers import as_caseworker, person

    as_citizen(app, client, demo.SOFIE)
    _start, response = book(client, "jobsamtale", "telefonisk")
    assert response.status_code == 302 and "/borger/book/kvittering/" in response.headers["Location"]
    client.post("/log-ind/log-af")  # fine if refused: the next log-in replaces the session
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get(person(app, "Sofie Lund Andersen")).status_code == 200

    engine = app.extensions["selvbooking_engine"]
    from scheduling.adapters.orm import AuditRow, InterviewRow, MessageRow

    with engine.connect() as connection:
        actions = set(connection.scalars(select(AuditRow.action)))
        assert {"self_book", "cpr_viewed"} <= actions
        assert connection.scalar(select(InterviewRow.id).limit(1)) is not None
        assert connection.scalar(select(MessageRow.id).limit(1)) is not None
        owners = set(connection.scalars(text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")))
        assert owners == {roles.owner}, "the app role owns no table"

    for statement in (
        "UPDATE audit_log SET why = 'rewritten'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DROP TABLE audit_log",
        "DROP TABLE interviews",
        "ALTER TABLE interviews ADD COLUMN sneaky text",
        "CREATE TABLE sneaky (id int)",
        "UPDATE alembic_version SET version_num = 'x'",
    ):
        assert refused(engine, statement), f"the app role may: {statement}"
    app.extensions["selvbooking_engine"].dispose()


@pytest.mark.postgres
def test_tables_of_a_later_migration_get_the_same_grants(roles):
    migrate_and_grant(roles)
    owner = create_engine(roles.owner_url)
    with owner.begin() as connection:
        connection.execute(text("CREATE TABLE later_table (id serial PRIMARY KEY, note text)"))
    owner.dispose()
    app_engine = create_engine(roles.app_url)
    with app_engine.begin() as connection:
        connection.execute(text("INSERT INTO later_table (note) VALUES ('x')"))
        connection.execute(text("UPDATE later_table SET note = 'y'"))
        connection.execute(text("DELETE FROM later_table"))
    assert refused(app_engine, "TRUNCATE later_table")
    app_engine.dispose()


@pytest.mark.postgres
def test_grant_refuses_the_owner_itself_and_an_unknown_role(roles):
    migrate_and_grant(roles)
    owner_app = portal(roles.owner_url)
    runner = owner_app.test_cli_runner()
    itself = runner.invoke(args=["db", "grant-app-role", roles.owner])
    assert itself.exit_code != 0 and "ejeren" in itself.output
    unknown = runner.invoke(args=["db", "grant-app-role", f"{roles.app}_nobody"])
    assert unknown.exit_code != 0 and "findes ikke" in unknown.output
    owner_app.extensions["selvbooking_engine"].dispose()


def test_sqlite_claims_no_protection_from_roles(tmp_path):
    """SQLite has no roles: the command says so instead of pretending (the triggers guard only against mistakes)."""
    app = portal(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    result = app.test_cli_runner().invoke(args=["db", "grant-app-role", "anyone"])
    assert result.exit_code != 0 and "kun på PostgreSQL" in result.output
    app.extensions["selvbooking_engine"].dispose()


def test_the_documented_sql_is_what_the_command_runs():
    from pathlib import Path

    from scheduling.adapters.roles import grant_statements

    document = (Path(__file__).resolve().parents[2] / "docs" / "database-roles.md").read_text(encoding="utf-8")
    for statement in grant_statements("selvbooking_app", "public"):
        assert f"{statement};" in document, statement
