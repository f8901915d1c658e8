"""A booking that meets a serialization failure or a deadlock is run once more before it is refused (issue 9).

The fault is injected where PostgreSQL would raise it: at the booking's flush (rows already sent to the
database, then the transaction is broken off) or at its commit. On PostgreSQL the server itself raises it
(``RAISE … USING ERRCODE '40P01'``/``'40001'``), so SQLAlchemy wraps psycopg's real ``DeadlockDetected`` /
``SerializationFailure`` as it would in production; on SQLite, which has neither, the same wrapped error is
raised by hand. Once: the booking succeeds with exactly one set of rows. Twice: TryAgain, and no rows at all.
"""

from __future__ import annotations

from datetime import timedelta

import psycopg.errors
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from scheduling.adapters.orm import AuditRow, InterviewParticipantRow, InterviewRow, MessageRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Format, InterviewKind, InterviewStatus
from scheduling.services import booking
from scheduling.services.errors import SlotTaken, TryAgain
from scheduling.services.retry import retryable
from tests.integration.world import NOW, SLOT, a_world

FAULTS = {"40P01": psycopg.errors.DeadlockDetected, "40001": psycopg.errors.SerializationFailure}


class Faults:
    """Breaks off the next ``times`` flushes (or commits) of any unit of work with SQLSTATE ``sqlstate``."""

    def __init__(self, monkeypatch, at: str, sqlstate: str, times: int) -> None:
        self.left = times
        self.sqlstate = sqlstate
        real = getattr(SqlAlchemyUnitOfWork, at)
        faults = self

        def failing(uow: SqlAlchemyUnitOfWork) -> None:
            if faults.left > 0:
                faults.left -= 1
                faults.raise_in(uow)
            real(uow)

        monkeypatch.setattr(SqlAlchemyUnitOfWork, at, failing)

    def raise_in(self, uow: SqlAlchemyUnitOfWork) -> None:
        uow.session.flush()  # the rows reach the database first: a fault mid-transaction, not before it
        if uow.session.get_bind().dialect.name == "postgresql":
            uow.session.execute(
                text(f"DO $$ BEGIN RAISE EXCEPTION 'injected by the test' USING ERRCODE = '{self.sqlstate}'; END $$")
            )
            raise AssertionError("PostgreSQL did not raise")  # pragma: no cover
        raise OperationalError("COMMIT", {}, FAULTS[self.sqlstate]("injected by the test"))


def _count(engine, model, *where) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model).where(*where))


def _rows(engine) -> dict[str, int]:
    return {
        "interviews": _count(engine, InterviewRow, InterviewRow.status != InterviewStatus.CANCELLED),
        "participants": _count(engine, InterviewParticipantRow, InterviewParticipantRow.status != InterviewStatus.CANCELLED),
        "messages": _count(engine, MessageRow),
        "audit": _count(engine, AuditRow),
    }


def _book(uow, citizen):
    return booking.self_book(uow(), citizen, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)


@pytest.mark.parametrize("at", ["flush", "commit"])
@pytest.mark.parametrize("sqlstate", sorted(FAULTS))
def test_a_booking_broken_off_once_is_run_again_and_booked_once(engine, uow, monkeypatch, at, sqlstate):
    world = a_world(uow, citizens=1)
    before = _rows(engine)
    faults = Faults(monkeypatch, at, sqlstate, times=1)
    interview = _book(uow, world.citizens[0])
    assert faults.left == 0
    assert _rows(engine) == {k: v + 1 for k, v in before.items()}  # one of each, no duplicate
    with engine.connect() as connection:
        assert connection.scalar(select(InterviewRow.start_at).where(InterviewRow.id == interview)) == SLOT


@pytest.mark.parametrize("at", ["flush", "commit"])
@pytest.mark.parametrize("sqlstate", sorted(FAULTS))
def test_a_booking_broken_off_twice_is_refused_with_nothing_written(engine, uow, monkeypatch, at, sqlstate):
    world = a_world(uow, citizens=1)
    before = _rows(engine)
    faults = Faults(monkeypatch, at, sqlstate, times=2)
    with pytest.raises(TryAgain) as refused:
        _book(uow, world.citizens[0])
    assert faults.left == 0
    assert retryable(refused.value.__cause__)
    assert _rows(engine) == before
    faults.left = 0
    _book(uow, world.citizens[0])  # and the next try, without the fault, books
    assert _rows(engine)["interviews"] == before["interviews"] + 1


def test_call_in_and_cancel_are_retried_too(engine, uow, monkeypatch):
    world = a_world(uow, citizens=1)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    Faults(monkeypatch, "commit", "40P01", times=1)
    interview = booking.call_in(uow(), worker, person, InterviewKind.JOBSAMTALE, SLOT, Format.PERSONLIGT, NOW)
    Faults(monkeypatch, "commit", "40001", times=1)
    booking.cancel_by_caseworker(uow(), worker, interview, "Sygdom", NOW)
    assert _count(engine, InterviewRow, InterviewRow.status == InterviewStatus.CANCELLED) == 1
    assert _count(engine, MessageRow, MessageRow.kind == "aflysning") == 1


def test_other_database_errors_and_refusals_are_not_retried(engine, uow, monkeypatch):
    world = a_world(uow, citizens=2)
    _book(uow, world.citizens[0])
    calls = []
    real = SqlAlchemyUnitOfWork.__enter__

    def counting(self):
        calls.append(1)
        return real(self)

    monkeypatch.setattr(SqlAlchemyUnitOfWork, "__enter__", counting)
    with pytest.raises(SlotTaken):
        _book(uow, world.citizens[1])
    assert len(calls) == 1
    calls.clear()
    broken = OperationalError("SELECT 1", {}, psycopg.errors.AdminShutdown("terminating connection"))

    def shut_down(uow):
        raise broken

    monkeypatch.setattr(SqlAlchemyUnitOfWork, "flush", shut_down)
    with pytest.raises(OperationalError):
        booking.self_book(uow(), world.citizens[1], InterviewKind.JOBSAMTALE, SLOT + timedelta(hours=1), Format.TELEFONISK, NOW)
    assert len(calls) == 1


def test_a_booking_carrying_on_a_read_transaction_is_run_again_in_a_fresh_one(engine, uow, monkeypatch):
    """A unit of work that carried on a session's read transaction (the portal on PostgreSQL: the log-in check and
    the booking) uses that session once; the retry after a fault begins a fresh one and books once."""
    from scheduling.adapters import db

    world = a_world(uow, citizens=1)
    before = _rows(engine)
    factory = db.session_factory(engine)
    reading = factory()
    reading.execute(select(func.count()).select_from(InterviewRow))  # the request's reads began its transaction
    sessions = []
    real = SqlAlchemyUnitOfWork.__enter__

    def entering(self):  # type: ignore[no-untyped-def]
        entered = real(self)
        sessions.append(entered.session)
        return entered

    monkeypatch.setattr(SqlAlchemyUnitOfWork, "__enter__", entering)
    faults = Faults(monkeypatch, "commit", "40001", times=1)
    booking.self_book(SqlAlchemyUnitOfWork(factory, continuing=reading), world.citizens[0], InterviewKind.JOBSAMTALE,
                      SLOT, Format.TELEFONISK, NOW)
    assert faults.left == 0
    assert sessions[0] is reading and sessions[1] is not reading
    assert _rows(engine) == {k: v + 1 for k, v in before.items()}
