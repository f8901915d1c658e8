"""Engines, sessions and migrations: the one place that knows how to talk to SQLite and PostgreSQL.

* :func:`make_engine` — an engine tuned for the booking guarantees. On SQLite: foreign keys on, a busy timeout,
  WAL for file databases, and every write transaction opened with ``BEGIN IMMEDIATE`` so that concurrent writers
  (threads or processes) queue up instead of reading stale data and failing at commit. A read-only unit of work
  opens a plain deferred ``BEGIN``. On PostgreSQL: READ COMMITTED with row locks taken by the services.
* :func:`session_factory` — the ``sessionmaker`` the unit of work uses.
* :func:`upgrade` — Alembic upgrade to head (the app calls it on first start; ``flask db upgrade`` wraps it).
* :func:`schema_differences` — what Alembic's autogenerate would change: empty when the models and the
  migrations agree (a test asserts it on both databases).
"""

from __future__ import annotations

import select
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

#: Execution option a read-only unit of work sets so that SQLite opens a deferred transaction.
READ_ONLY = "selvbooking_read_only"

SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_SECONDS = 10


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the settings the booking transactions rely on (see the module docstring)."""
    sa_url = make_url(url)
    # error messages (and so the logs' tracebacks) never carry a statement's values: they can be personal data
    kwargs.setdefault("hide_parameters", True)
    if sa_url.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {})
        kwargs["connect_args"].setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        kwargs["connect_args"].setdefault("check_same_thread", False)
        engine = create_engine(sa_url, **kwargs)
        _tune_sqlite(engine, in_memory=sa_url.database in (None, "", ":memory:"))
        return engine
    # a server that does not answer fails the request (and /healthz) in seconds instead of hanging a worker
    kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", PG_CONNECT_TIMEOUT_SECONDS)
    engine = create_engine(sa_url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        event.listen(engine, "checkout", _refuse_a_dead_connection)
    return engine


def _refuse_a_dead_connection(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Instead of ``pool_pre_ping`` (a ``SELECT 1`` round trip before every request's transaction): a pooled
    connection that PostgreSQL closed (restarted, ``pg_terminate_backend``) has its socket readable — the server's
    last message and the end of the stream — while an idle, live one has nothing to read. Asking the socket costs
    no round trip; a readable one is refused (``DisconnectionError``: the pool drops it and checks out another,
    or connects anew). A connection that dies after this check fails its request (503, nothing saved), and the
    disconnect error makes the pool drop every connection as old as it, so the next request connects afresh."""
    if _socket_readable(dbapi_connection):
        raise DisconnectionError("the server closed this pooled connection")


def _socket_readable(dbapi_connection: Any) -> bool:
    if getattr(dbapi_connection, "closed", False) or getattr(dbapi_connection, "broken", False):
        return True
    try:
        descriptor = dbapi_connection.fileno()
    except Exception:  # noqa: BLE001 - a closed connection has no socket: as good as dead
        return True
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def _tune_sqlite(engine: Engine, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins (the documented recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock at BEGIN: two booking transactions never interleave their
        # check-then-insert, the second waits (busy_timeout) and then sees the first one's rows.
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine, today: Callable[[], date] | date | None = None) -> sessionmaker[Session]:
    """Sessions for the unit of work; objects stay readable after commit (``expire_on_commit=False``). Each keeps
    the caseload's read model in the same transaction as the courses it changes
    (:func:`scheduling.adapters.caseload.watch`), computed for ``today`` (default: today in Denmark), and the
    supervision's milestones (:func:`scheduling.adapters.milestones.watch`)."""
    from scheduling.adapters import milestones
    from scheduling.adapters.caseload import watch

    return milestones.watch(watch(sessionmaker(bind=engine, expire_on_commit=False, autoflush=True), today))


def alembic_config(url: str | None = None) -> Any:
    """Alembic's configuration built in code (no alembic.ini): the migrations folder inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (head by default). Safe to call on every start."""
    from alembic import command

    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest migration in the package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def schema_differences(engine: Engine) -> list[Any]:
    """Alembic autogenerate's diff between the database and the models; [] when they agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from scheduling.adapters.orm import metadata

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, metadata))
