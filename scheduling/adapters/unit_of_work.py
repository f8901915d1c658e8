"""The unit of work: one database transaction per use case.

A service opens it with ``with uow:``, reads and locks through ``uow.repo``, adds rows to ``uow.session``
and calls ``uow.commit()`` once. Leaving the block without committing rolls everything back, so a refusal
raised half-way leaves nothing half-written.

``SqlAlchemyUnitOfWork(factory)`` writes; ``SqlAlchemyUnitOfWork(factory, read_only=True)`` is for the pages'
read side (on SQLite it opens a deferred transaction, so readers do not queue behind writers).
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from scheduling.adapters.db import READ_ONLY, session_factory
from scheduling.adapters.repository import Repository


class SqlAlchemyUnitOfWork:
    """A transaction with a repository; use once per ``with`` block (it may be re-entered afterwards)."""

    session: Session
    repo: Repository

    def __init__(self, factory: sessionmaker[Session] | Engine, *, read_only: bool = False) -> None:
        self._factory = session_factory(factory) if isinstance(factory, Engine) else factory
        self.read_only = read_only

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self.session = self._factory()
        if self.read_only:
            self.session.connection(execution_options={READ_ONLY: True})
        self.repo = Repository(self.session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.rollback()
        finally:
            self.session.close()

    def reader(self) -> SqlAlchemyUnitOfWork:
        """A read-only unit of work on the same database, for a service that reads before it decides to write."""
        return SqlAlchemyUnitOfWork(self._factory, read_only=True)

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def flush(self) -> None:
        self.session.flush()
