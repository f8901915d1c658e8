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

from collections.abc import Callable
from functools import lru_cache
from types import TracebackType
from typing import Any, Self, TypeVar

from flask import Flask, current_app, g, has_app_context
from sqlalchemy import Engine, event, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from scheduling.adapters import db
from scheduling.adapters.roles import RoleError
from scheduling.adapters.roles import grant_app_role as _grant_app_role
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

__all__ = [
    "RequestReads", "RoleError", "at_head", "database_answers", "engine", "grant_app_role", "init_app", "once",
    "reads", "seed_demo_if_empty", "session", "unit_of_work", "upgrade",
]

T = TypeVar("T")


def init_app(app: Flask) -> None:
    engine = db.make_engine(app.config["DATABASE_URL"])
    app.extensions["selvbooking_engine"] = engine
    from portal import today

    app.extensions["selvbooking_sessions"] = db.session_factory(engine, lambda: today(app))
    app.extensions["selvbooking_read_sessions"] = _holding(db.session_factory(engine, lambda: today(app)))
    if app.config.get("AUTO_UPGRADE", True) and engine.url.get_backend_name() == "sqlite":
        _prepare_sqlite(app, engine)
    if app.config.get("SEED_DEMO") and not _loaded_by_a_cli_command() and _at_head(engine):
        seed_demo_if_empty(app)

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        for end in (_end_reads, _close_handed_over, _close_plain_session):
            try:
                end()
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


def _holding(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Sessions that hold every row they load until they close. A session's identity map holds rows weakly: a
    row the first query of a request turned into a view (the logged-in person) would be gone before the next
    query asked for it again, which would then cost a statement (SQLAlchemy's "strong reference" recipe)."""

    @event.listens_for(factory, "loaded_as_persistent")
    def hold(session: Session, instance: object) -> None:
        session.info.setdefault("held", []).append(instance)

    @event.listens_for(factory, "after_flush")
    def flushed(session: Session, _context: object) -> None:
        session.info["flushed"] = True

    return factory


def _commit_what_only_read(session: Session) -> None:
    """On PostgreSQL, end a read transaction that wrote nothing with COMMIT instead of ROLLBACK — the same for a
    transaction that only read, but psycopg forgets every prepared statement of the connection at a ROLLBACK
    (an object the transaction made may be gone). The pages' statements, run once each per request, then never
    reached psycopg's threshold of five runs, so PostgreSQL parsed and planned every one of them every time
    (planning was ~1.1 of the free-times page's ~1.3 ms in PostgreSQL, issue 11 round 4). A session that
    flushed anything, or holds a change, still rolls back; so does a transaction that failed. The session's
    own rollback afterwards finds the connection idle and sends nothing."""
    if session.info.get("flushed") or session.new or session.dirty or session.deleted or not session.in_transaction():
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    dbapi = connection.connection.dbapi_connection
    if dbapi is not None and dbapi.info.transaction_status.name == "INTRANS":
        dbapi.commit()


def _close_plain_session() -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


class RequestReads(SqlAlchemyUnitOfWork):
    """The request's one read-only transaction (STYLE.md, "Reads at scale").

    The first query that enters it (``with uow:``) begins the transaction; every later query of the request
    enters the same one, and leaving its ``with`` block ends nothing: the page reads everything in one
    transaction and one session, so a row one query loaded (the logged-in person, their organisation) is taken
    from the session's identity map by the next instead of being asked for again. The transaction ends at the
    end of the request, before the request calls a service (:func:`unit_of_work`: on SQLite a reader must not
    hold its snapshot, or its lock, while a writer commits, and what is read after a write must see it), or
    after a database error inside a query (the next query begins afresh). What :func:`once` kept for the
    request goes with it.
    """

    def __init__(self, factory: sessionmaker[Session]) -> None:
        super().__init__(factory, read_only=True)
        self.is_open = False
        self.kept: dict[str, Any] = {}

    def __enter__(self) -> Self:
        if not self.is_open:
            super().__enter__()
            self.is_open = True
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if isinstance(exc, SQLAlchemyError):
            self.end()

    def hand_over(self) -> Session:
        """The open transaction's session, no longer this unit of work's (a service's unit of work carries the
        transaction on and closes the session); what was kept is forgotten."""
        self.kept.clear()
        self.is_open = False
        return self.session

    def end(self) -> None:
        """End the transaction (a read-only one has nothing to keep) and forget what was kept."""
        self.kept.clear()
        if self.is_open:
            self.is_open = False
            try:
                _commit_what_only_read(self.session)
            finally:
                super().__exit__(None, None, None)


def reads() -> RequestReads:
    """The request's read-only unit of work (:class:`RequestReads`), passed to every query the page makes: one
    transaction per request, begun by the first query; on SQLite a deferred BEGIN."""
    if "read_uow" not in g:
        g.read_uow = RequestReads(current_app.extensions["selvbooking_read_sessions"])
    uow: RequestReads = g.read_uow
    return uow


def once(key: str, load: Callable[[RequestReads], T]) -> T:
    """``load(reads())`` once per read transaction of the request: what a page needs in several places (the
    person's course) is loaded once and passed on. Forgotten when the transaction ends (a service wrote)."""
    uow = reads()
    if key not in uow.kept:
        uow.kept[key] = load(uow)
    value: T = uow.kept[key]
    return value


def _end_reads() -> None:
    uow = g.pop("read_uow", None)
    if uow is not None:
        uow.end()


def _hand_over_reads() -> Session | None:
    """On PostgreSQL, the session of the request's open read transaction, taken from it (the reads are over) for
    the service's unit of work to carry on; elsewhere, or with no transaction open, the reads just end (None).

    A READ COMMITTED transaction that has only read is as good as a fresh one for a writer: every statement sees
    what was committed before it, and the services lock what they decide on. So the log-in check of a booking POST
    and the booking share one transaction: no ROLLBACK and BEGIN between them, and no second connection checkout.
    On SQLite the reader must end: the writer begins with ``BEGIN IMMEDIATE``. The session is closed at the end
    of the request whatever the service did with it (:func:`init_app`'s teardown)."""
    uow = g.get("read_uow")
    if uow is None or not uow.is_open or uow.session.get_bind().dialect.name != "postgresql":
        _end_reads()
        return None
    g.pop("read_uow")
    session = uow.hand_over()
    g.handed_over = session
    return session


def _close_handed_over() -> None:
    session = g.pop("handed_over", None)
    if session is not None:
        session.close()


def unit_of_work(app: Flask | None = None) -> SqlAlchemyUnitOfWork:
    """A unit of work for one service call. In a request, the request's read transaction ends first — on
    PostgreSQL the service's transaction carries it on instead (:func:`_hand_over_reads`)."""
    continuing = _hand_over_reads() if has_app_context() else None
    target = app or current_app
    return SqlAlchemyUnitOfWork(target.extensions["selvbooking_sessions"], continuing=continuing)
