"""The unit of work: one database transaction per use case.

A service opens it with ``with uow:``, reads, locks and adds rows through ``uow.repo`` and calls
``uow.commit()`` once. Leaving the block without committing rolls everything back, so a refusal raised half-way
leaves nothing half-written.

Services take the abstract :class:`AbstractUnitOfWork` (Cosmic Python's pattern): :class:`SqlAlchemyUnitOfWork`
is the real one; the unit tests give them an in-memory fake (``tests/unit/services/fakes.py``).
``SqlAlchemyUnitOfWork(factory)`` writes; ``SqlAlchemyUnitOfWork(factory, read_only=True)`` is for the pages'
read side (on SQLite it opens a deferred transaction, so readers do not queue behind writers).
``SqlAlchemyUnitOfWork(factory, continuing=session)`` carries on a transaction a request's reads began (on
PostgreSQL, where a READ COMMITTED transaction that has only read is as good as a new one: the portal's log-in
check and the service it calls then share one transaction, not two).
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from scheduling.adapters import caseload, milestones
from scheduling.adapters.db import READ_ONLY, session_factory
from scheduling.adapters.orm import Base, CitizenRow
from scheduling.adapters.repository import AbstractRepository, Repository
from scheduling.course import Course


class AbstractUnitOfWork(abc.ABC):
    """A transaction with a repository; use once per ``with`` block (it may be re-entered afterwards)."""

    repo: AbstractRepository
    read_only: bool = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    @abc.abstractmethod
    def reader(self) -> AbstractUnitOfWork:
        """A read-only unit of work on the same data, for a service that reads before it decides to write."""

    @abc.abstractmethod
    def commit(self) -> None:
        """Make everything written in this block permanent."""

    @abc.abstractmethod
    def rollback(self) -> None:
        """Forget everything written since the last commit."""

    @abc.abstractmethod
    def flush(self) -> None:
        """Send the rows added so far (new rows get their ids), without committing."""

    def insert(self, row: Base) -> None:
        """Add a new row and write it now, its id given (:meth:`flush` of this row alone). The SQL unit of work
        writes it with one plain INSERT, not the ORM's flush."""
        self.repo.add(row)
        self.flush()

    def expect_course(
        self, course_id: int, citizen: CitizenRow, course: Course, caseworkers: Iterable[int],
        linked: Iterable[int] | None = None,
    ) -> None:
        """A hint, given after the last change to the course: this transaction commits it as ``course`` (the
        facts), with ``caseworkers`` in its interviews that are not cancelled. The caseload's read model is then
        computed from it instead of loading the course again (:func:`scheduling.adapters.caseload.expect`); a
        change flushed after the hint voids it. ``linked``: the caseworkers of the course as the service loaded
        it (before the change), so that only the read model's links that changed are written. Without a read
        model (the unit tests' fake) it is ignored."""
        return None


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """A SQLAlchemy session per ``with`` block; its repository is :class:`Repository` over that session."""

    session: Session
    repo: Repository

    def __init__(
        self, factory: sessionmaker[Session] | Engine, *, read_only: bool = False, continuing: Session | None = None
    ) -> None:
        self._factory = session_factory(factory) if isinstance(factory, Engine) else factory
        self.read_only = read_only
        self._continuing = continuing

    def __enter__(self) -> Self:
        # ``continuing``: a session whose transaction this one carries on, the first time only (a retry begins anew)
        continuing, self._continuing = self._continuing, None
        self.session = continuing if continuing is not None else self._factory()
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
        return SqlAlchemyUnitOfWork(self._factory, read_only=True)

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        if not self.session.in_transaction():
            # nothing read, added or flushed through the session (any of it begins its transaction, and what the
            # caseload's and the milestones' hooks write is noted in one): its commit would only run the commit's
            # machinery (after a statement that commits itself on a connection of its own, the person page's
            # audit line on PostgreSQL: issue 11, round 12)
            return
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def flush(self) -> None:
        self.session.flush()

    def insert(self, row: Base) -> None:
        self.flush()  # what was added before reaches the database first, as in the ORM's flush (usually nothing)
        self.repo.insert(row)
        # what the flush hooks would have collected for the row, had the ORM's flush written it
        caseload.inserted(self.session, row)
        milestones.inserted(self.session, row)

    def expect_course(
        self, course_id: int, citizen: CitizenRow, course: Course, caseworkers: Iterable[int],
        linked: Iterable[int] | None = None,
    ) -> None:
        caseload.expect(self.session, caseload.KnownCourse(
            course_id, citizen.id, citizen.name, citizen.cpr, citizen.akasse_id, citizen.jobcenter_id, course,
            frozenset(caseworkers), frozenset(linked) if linked is not None else None,
        ))
