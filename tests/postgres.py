"""Helpers (no tests, no fixtures) for tests that need a PostgreSQL server of their own to create databases and
roles on: the environment variable that names it, and an administrative connection.

``SELVBOOKING_TEST_POSTGRES_URL`` names a server and a database to connect to (CI:
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); see tests/conftest.py for how the fixtures use it.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url

POSTGRES_ENV = "SELVBOOKING_TEST_POSTGRES_URL"


def admin_connect(url: str):
    """A psycopg connection (autocommit) to the database in ``url``, for CREATE/DROP DATABASE and roles."""
    import psycopg

    sa_url = make_url(url).set(drivername="postgresql")
    return psycopg.connect(sa_url.render_as_string(hide_password=False), autocommit=True, connect_timeout=5)
