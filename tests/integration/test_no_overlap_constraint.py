"""Issue 11: the database itself refuses overlapping active interviews of one caseworker or one person, whatever
their starts (PostgreSQL's exclusion constraints, migration 0006), so that a booking can claim only the
caseworker it gets instead of locking every candidate.

The partial unique indexes (tests/integration/test_no_double_booking.py) see only equal starts; these writes have
different starts and overlap by 15 minutes. SQLite has no exclusion constraints: there every write transaction
holds the single write lock while the service checks and writes (the races in test_no_double_booking.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from scheduling.adapters.orm import CourseRow, InterviewParticipantRow, InterviewRow
from scheduling.adapters.repository import is_double_booking
from scheduling.course import BookedBy, Format, InterviewKind, InterviewStatus, Organisation
from tests.integration.world import NOW, SLOT, a_world

pytestmark = pytest.mark.postgres

HALF_HOUR = timedelta(minutes=30)
LATER = SLOT + timedelta(minutes=15)  # overlaps [SLOT, SLOT + 30 min)


def _write(uow, citizen_id, org_id, worker_id, start, uid, status=InterviewStatus.BOOKED):
    """An interview written behind the services' back: no locks, no checks."""
    with uow() as u:
        course_id = u.session.scalar(select(CourseRow.id).where(CourseRow.citizen_id == citizen_id))
        u.session.add(InterviewRow(
            uid=uid, sequence=0, course_id=course_id, citizen_id=citizen_id, kind=InterviewKind.JOBSAMTALE,
            organisation=Organisation.AKASSE, organisation_id=org_id, start_at=start, end_at=start + HALF_HOUR,
            format=Format.TELEFONISK, status=status, booked_by=BookedBy.SELF, booked_at=NOW,
            participants=[InterviewParticipantRow(
                caseworker_id=worker_id, role=Organisation.AKASSE, start_at=start, end_at=start + HALF_HOUR,
                status=status,
            )],
        ))
        u.commit()


def _active(postgres_engine):
    with postgres_engine.connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(InterviewRow).where(InterviewRow.status != InterviewStatus.CANCELLED)
        )


@pytest.fixture
def pg_uow(postgres_engine):
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    factory = session_factory(postgres_engine)
    return lambda read_only=False: SqlAlchemyUnitOfWork(factory, read_only=read_only)


def test_a_caseworker_in_two_overlapping_interviews_with_different_starts_is_refused(postgres_engine, pg_uow):
    world = a_world(pg_uow, citizens=2)
    worker = world.akasse_caseworkers[0]
    a, b = world.citizens
    _write(pg_uow, a, world.akasse_id, worker, SLOT, "one@test")
    before = _active(postgres_engine)
    with pytest.raises(IntegrityError) as refused:
        _write(pg_uow, b, world.akasse_id, worker, LATER, "two@test")
    assert "ex_interview_participants_caseworker_overlap" in str(refused.value)
    assert is_double_booking(refused.value)
    assert _active(postgres_engine) == before


def test_a_person_in_two_overlapping_interviews_with_different_starts_is_refused(postgres_engine, pg_uow):
    world = a_world(pg_uow, citizens=1, akasse_caseworkers=2)
    person = world.citizens[0]
    _write(pg_uow, person, world.akasse_id, world.akasse_caseworkers[0], SLOT, "one@test")
    with pytest.raises(IntegrityError) as refused:
        _write(pg_uow, person, world.akasse_id, world.akasse_caseworkers[1], LATER, "two@test")
    assert "ex_interviews_citizen_overlap" in str(refused.value)


def test_back_to_back_and_cancelled_interviews_do_not_conflict(postgres_engine, pg_uow):
    """[start, end) ranges: one ending at 10:30 and one starting at 10:30 do not overlap; a cancelled one frees
    its time."""
    world = a_world(pg_uow, citizens=3)
    worker = world.akasse_caseworkers[0]
    a, b, c = world.citizens
    _write(pg_uow, a, world.akasse_id, worker, SLOT, "one@test")
    _write(pg_uow, b, world.akasse_id, worker, SLOT + HALF_HOUR, "two@test")
    _write(pg_uow, c, world.akasse_id, worker, LATER, "three@test", status=InterviewStatus.CANCELLED)
    with postgres_engine.connect() as connection:
        starts = connection.scalars(select(InterviewRow.start_at).where(InterviewRow.start_at >= SLOT)).all()
    assert sorted(starts) == [SLOT, LATER, SLOT + HALF_HOUR]
