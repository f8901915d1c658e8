"""Shared database fixtures: a migrated, empty database on SQLite and on PostgreSQL.

Use them like this::

    def test_something(engine, uow):          # runs twice: [sqlite] and [postgresql]
        with uow() as u: ...                  # uow() is a fresh SqlAlchemyUnitOfWork on that database

    def test_sqlite_only(sqlite_engine): ...  # just SQLite

Fixtures
--------
``engine``         function scope, parametrised ``sqlite`` / ``postgresql``: an Engine on a database migrated to
                   head (through Alembic, so the triggers exist too) and holding no rows. The PostgreSQL variant
                   carries the ``postgres`` mark.
``uow``            a factory: ``uow()`` -> :class:`SqlAlchemyUnitOfWork` on ``engine``; ``uow(read_only=True)``.
``sqlite_engine``  the SQLite variant alone (a fresh file per test, copied from a template migrated once).
``postgres_engine`` the PostgreSQL variant alone.
``postgres_url``   session scope: the URL of this session's own PostgreSQL database.

PostgreSQL: ``SELVBOOKING_TEST_POSTGRES_URL`` names a server and a database to connect to (CI:
``postgresql+psycopg://postgres@127.0.0.1:5432/test``). Each test session — each xdist worker — creates its own
``selvbooking_<random>`` database there, migrates it once, empties it after every test and drops it at the
end, so engineers running the suite at the same time never see each other's rows. Unset: the PostgreSQL
variants are skipped. Set but the server unreachable: they fail (CI must not pass by skipping).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from tests.postgres import empty_tables, scratch_database


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the catalogues the pages are tested in (make does it too; this keeps a bare pytest honest).

    Under pytest-xdist every worker runs this at once: each writes its own temporary file and renames it into
    place, so no worker ever reads a half-written catalogue."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (Path(__file__).resolve().parents[1] / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source)
            partial = mo.with_name(f"{mo.name}.{os.getpid()}.tmp")
            with partial.open("wb") as target:
                write_mo(target, catalog)
            os.replace(partial, mo)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session; dropped at the end."""
    from scheduling.adapters.db import upgrade

    with scratch_database() as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> str:
    """A SQLite file migrated to head once per session; each test gets a copy."""
    from scheduling.adapters.db import make_engine, upgrade

    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return str(path)


@pytest.fixture
def sqlite_engine(tmp_path, _sqlite_template) -> Iterator[Engine]:
    """A migrated, empty SQLite database in its own file."""
    from scheduling.adapters.db import make_engine

    path = tmp_path / "test.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine(postgres_url) -> Iterator[Engine]:
    """The session's PostgreSQL database, emptied after the test."""
    from scheduling.adapters.db import make_engine

    engine = make_engine(postgres_url)
    yield engine
    empty_tables(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request) -> Engine:
    """A migrated, empty database: once on SQLite, once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_engine" if request.param == "sqlite" else "postgres_engine")


@pytest.fixture
def uow(engine) -> Callable[..., object]:
    """``uow()`` gives a new unit of work on ``engine`` (``uow(read_only=True)`` for the read side)."""
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    factory = session_factory(engine)
    return lambda read_only=False: SqlAlchemyUnitOfWork(factory, read_only=read_only)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """The URL of a database with no tables at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    with scratch_database() as url:
        yield url
