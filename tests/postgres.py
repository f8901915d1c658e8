"""Helpers (no tests, no fixtures) for tests that need a PostgreSQL server of their own to create databases and
roles on: the environment variable that names it, and an administrative connection.

``SELVBOOKING_TEST_POSTGRES_URL`` names a server and a database to connect to (CI:
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); see tests/conftest.py for how the fixtures use it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

POSTGRES_ENV = "SELVBOOKING_TEST_POSTGRES_URL"


def admin_connect(url: str):
    """A psycopg connection (autocommit) to the database in ``url``, for CREATE/DROP DATABASE and roles."""
    import psycopg

    sa_url = make_url(url).set(drivername="postgresql")
    return psycopg.connect(sa_url.render_as_string(hide_password=False), autocommit=True, connect_timeout=5)


@contextmanager
def scratch_database(prefix: str = "selvbooking") -> Iterator[str]:
    """A new, empty database ``<prefix>_<random>`` on the test server, its URL given, dropped afterwards.

    Skips when :data:`POSTGRES_ENV` is unset; fails when it is set and the server cannot be reached (CI must not
    pass by skipping). A test database need not survive a crash, so its commits don't wait for the WAL to reach
    the disk (``synchronous_commit = off``)."""
    import pytest

    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"{prefix}_{secrets.token_hex(6)}"
    try:
        with admin_connect(base) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    except Exception as error:  # noqa: BLE001 - any failure to reach the server must fail the run
        pytest.fail(f"{POSTGRES_ENV}={base} is set but PostgreSQL is unreachable: {error}", pytrace=False)
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_connect(base) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_tables(engine) -> None:
    """Remove every row from the project's tables and restart their sequences, as ``TRUNCATE … RESTART IDENTITY``
    would, but in a fraction of its time: TRUNCATE makes new files for every table (and syncs them) even when a
    test wrote to two of them, DELETE of an empty table costs next to nothing. Triggers (the audit log is
    append-only) and foreign keys are set aside for this transaction only (``session_replication_role``; the
    test server's user is a superuser)."""
    from sqlalchemy import text

    from scheduling.adapters.orm import metadata

    with engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(metadata.sorted_tables):
            connection.execute(text(f'DELETE FROM "{table.name}"'))  # nosec B608  # our own table names
        connection.execute(text("SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n "
                                "ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = current_schema()"))
