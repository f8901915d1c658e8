"""The portal's connection to the database: one engine per app, one read session per request.

Writes never happen here: the pages call the booking services in ``scheduling.services`` with a unit of work
(:func:`unit_of_work`), and the services commit. On start, an empty SQLite database is upgraded to the newest
schema and, where the configuration asks for it (development), filled with the demo world — but only a database
already at the newest migration, and never while a ``flask`` command other than ``flask run`` loads the app:
``flask --app portal db upgrade`` on an empty PostgreSQL database must migrate it, not seed it first, and
``flask --app portal demo`` seeds on its own. Production never seeds (:class:`portal.config.ProductionConfig`).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from scheduling.adapters import db


def init_app(app: Flask) -> None:
    engine = db.make_engine(app.config["DATABASE_URL"])
    app.extensions["selvbooking_engine"] = engine
    app.extensions["selvbooking_sessions"] = db.session_factory(engine)
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
    """A read session for this request (closed at teardown); services get their own unit of work."""
    if "db_session" not in g:
        # Read-only: on SQLite a deferred BEGIN, so a request that reads and then calls a service does not hold
        # the write lock the service's BEGIN IMMEDIATE waits for.
        read_only = engine().execution_options(**{db.READ_ONLY: True})
        g.db_session = current_app.extensions["selvbooking_sessions"](bind=read_only)
    return g.db_session


def unit_of_work(app: Flask | None = None) -> Any:
    """A fresh unit of work for one service call."""
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    target = app or current_app
    return SqlAlchemyUnitOfWork(target.extensions["selvbooking_sessions"])
