"""The portal's connection to the database: the only module of the portal that knows ``scheduling.adapters``.

One engine per app. The pages read through the query functions of :mod:`scheduling.services.queries` and
:mod:`scheduling.services.read_model` with the request's one read-only unit of work (:func:`reads`), and write
by calling a service with a fresh unit of work (:func:`unit_of_work`); the services commit. The import contract
"The portal reaches the database only through portal.database" (``pyproject.toml``) keeps it so. The operator's
commands (``flask --app portal db upgrade``, ``db grant-app-role``, :mod:`portal.cli`) and the health checks
(:mod:`portal.health`) reach the schema through the functions here too: they are about the database itself,
not use cases, so they have no service. On start, an empty SQLite database is upgraded to the newest
schema and, where the configuration asks for it (development), filled with the demo world — but only a database
already at the newest migration, and never while a ``flask`` command other than ``flask run`` loads the app:
``flask --app portal db upgrade`` on an empty PostgreSQL database must migrate it, not seed it first, and
``flask --app portal demo`` seeds on its own. Production never seeds (:class:`portal.config.ProductionConfig`).
"""

from __future__ import annotations

from functools import lru_cache

from flask import Flask, current_app, g
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from scheduling.adapters import db
from scheduling.adapters.roles import RoleError
from scheduling.adapters.roles import grant_app_role as _grant_app_role
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

__all__ = [
    "RoleError", "at_head", "database_answers", "engine", "grant_app_role", "init_app", "reads",
    "seed_demo_if_empty", "session", "unit_of_work", "upgrade",
]


def init_app(app: Flask) -> None:
    engine = db.make_engine(app.config["DATABASE_URL"])
    app.extensions["selvbooking_engine"] = engine
    from portal import today

    app.extensions["selvbooking_sessions"] = db.session_factory(engine, lambda: today(app))
    if app.config.get("AUTO_UPGRADE", True) and engine.url.get_backend_name() == "sqlite":
        _prepare_sqlite(app, engine)
    if app.config.get("SEED_DEMO") and not _loaded_by_a_cli_command() and _at_head(engine):
        seed_demo_if_empty(app)

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            try:
                session.close()
            except DBAPIError:
                # the connection died after the page was made (PostgreSQL restarted, the connection was killed):
                # a read session has nothing to lose, the pool drops the connection, the page still goes out
                current_app.logger.warning("Closing the read session failed", exc_info=True)

    from portal.cli import register

    register(app)


def _prepare_sqlite(app: Flask, engine: Engine) -> None:
    database = engine.url.database
    if database and database != ":memory:":
        from pathlib import Path

        Path(database).parent.mkdir(parents=True, exist_ok=True)
    db.upgrade(engine)


def _loaded_by_a_cli_command() -> bool:
    """Is a ``flask`` command (other than ``flask run``, which serves the app) loading the app right now?"""
    import click

    context = click.get_current_context(silent=True)
    return context is not None and context.command.name != "run"


def _at_head(engine: Engine) -> bool:
    return db.current_revision(engine) == db.head_revision()


def upgrade(app: Flask) -> None:
    """Upgrade the app's database to the newest schema."""
    db.upgrade(app.extensions["selvbooking_engine"])


def grant_app_role(app: Flask, role: str) -> list[str]:
    """Grant ``role`` the app's least privileges (see docs/database-roles.md); the statements run, or
    :class:`RoleError`."""
    return _grant_app_role(app.extensions["selvbooking_engine"], role)


def database_answers() -> bool:
    """Whether the database answers ``SELECT 1`` (any failure is False and logged)."""
    try:
        with engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"; the log has the details
        current_app.logger.warning("database check failed", exc_info=True)
        return False


@lru_cache(maxsize=1)
def _head() -> str | None:
    return db.head_revision()


def at_head() -> bool:
    """Whether the database is at the newest migration (any failure is False and logged)."""
    try:
        return db.current_revision(engine()) == _head()
    except Exception:  # noqa: BLE001
        current_app.logger.warning("migration check failed", exc_info=True)
        return False


def seed_demo_if_empty(app: Flask) -> bool:
    """Fill an empty database with the demo world; returns True when it did."""
    from portal import today
    from scheduling.adapters.orm import OrganisationRow
    from scheduling.demo import seed_demo

    sessions: sessionmaker[Session] = app.extensions["selvbooking_sessions"]
    with sessions() as session:
        if session.scalar(select(OrganisationRow.id).limit(1)) is not None:
            return False
    seed_demo(unit_of_work(app), today(app))
    return True


def engine() -> Engine:
    return current_app.extensions["selvbooking_engine"]


def session() -> Session:
    """A plain read session for this request (closed at teardown), for tests and tools that look at rows; the
    pages never use it, they read through :func:`reads`."""
    if "db_session" not in g:
        # Read-only: on SQLite a deferred BEGIN, so a request that reads and then calls a service does not hold
        # the write lock the service's BEGIN IMMEDIATE waits for.
        read_only = engine().execution_options(**{db.READ_ONLY: True})
        g.db_session = current_app.extensions["selvbooking_sessions"](bind=read_only)
    return g.db_session


def reads() -> SqlAlchemyUnitOfWork:
    """The request's read-only unit of work: one per request (or CLI command), passed to every query the page
    makes. Each query opens and ends its own short read transaction with it; on SQLite a deferred BEGIN, so a
    page that reads and then calls a service never holds the lock the service's BEGIN IMMEDIATE waits for."""
    if "read_uow" not in g:
        g.read_uow = SqlAlchemyUnitOfWork(current_app.extensions["selvbooking_sessions"], read_only=True)
    return g.read_uow


def unit_of_work(app: Flask | None = None) -> SqlAlchemyUnitOfWork:
    """A fresh unit of work for one service call."""
    target = app or current_app
    return SqlAlchemyUnitOfWork(target.extensions["selvbooking_sessions"])
