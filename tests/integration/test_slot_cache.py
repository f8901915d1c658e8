"""Free times kept between requests (issue 11, :mod:`scheduling.services.slot_cache`) on PostgreSQL: a search
reads only the version of the organisation's week when nothing changed, and every change — through a service,
or written by another process straight into the tables — shows in the very next search, as if nothing were kept.
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import event, text

from scheduling.course import Format, InterviewKind
from scheduling.services import availability, booking, slot_cache
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

pytestmark = pytest.mark.postgres

JOB = InterviewKind.JOBSAMTALE
JOINT = InterviewKind.FAELLESSAMTALE
WEEK_END = SLOT_DAY + timedelta(days=6 - SLOT_DAY.weekday())


@pytest.fixture
def pg_uow(postgres_engine):
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    slot_cache.forget()
    factory = session_factory(postgres_engine)
    yield lambda read_only=False: SqlAlchemyUnitOfWork(factory, read_only=read_only)
    slot_cache.forget()


def _starts(uow, citizen_id, kind=JOB):
    return [s.start for s in booking.find_free_slots(uow(read_only=True), citizen_id, kind, SLOT_DAY, WEEK_END, NOW)]


def _statements(engine, search):
    seen = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        search()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return seen


def test_a_second_search_of_an_unchanged_week_reads_no_caseworkers(postgres_engine, pg_uow):
    world = a_world(pg_uow, akasse_caseworkers=3)
    first = _statements(postgres_engine, lambda: _starts(pg_uow, world.citizens[0]))
    second = _statements(postgres_engine, lambda: _starts(pg_uow, world.citizens[0]))
    # no caseworkers' hours and blocked times (one statement since issue 11, round 12)
    assert len(second) == len(first) - 1, (first, second)
    assert any("absences" in s and "working_hours" in s for s in first)
    assert not any("absences" in s or "working_hours" in s for s in second)


def test_a_booking_takes_its_slot_away_for_the_next_person(pg_uow):
    world = a_world(pg_uow, citizens=2)
    assert SLOT in _starts(pg_uow, world.citizens[0])
    interview_id = booking.self_book(pg_uow(), world.citizens[1], JOB, SLOT, Format.TELEFONISK, NOW)
    assert SLOT not in _starts(pg_uow, world.citizens[0])
    booking.cancel(pg_uow(), world.citizens[1], interview_id, NOW)
    assert SLOT in _starts(pg_uow, world.citizens[0])


def test_changes_written_by_another_process_show_at_once(postgres_engine, pg_uow):
    """Rows written straight into the tables (another app server, the operator's SQL) move the version too: the
    triggers log them in the writing transaction."""
    world = a_world(pg_uow)
    worker = world.akasse_caseworkers[0]
    before = _starts(pg_uow, world.citizens[0])
    assert SLOT in before
    with postgres_engine.begin() as connection:
        connection.execute(
            text("INSERT INTO absences (caseworker_id, start_at, end_at) VALUES (:w, :lo, :hi)"),
            {"w": worker, "lo": SLOT, "hi": SLOT + timedelta(hours=1)},
        )
    assert SLOT not in _starts(pg_uow, world.citizens[0])
    with postgres_engine.begin() as connection:
        connection.execute(text("DELETE FROM absences WHERE caseworker_id = :w"), {"w": worker})
        connection.execute(
            text("INSERT INTO busy_times (caseworker_id, start_at, end_at, source, imported_at) "
                 "VALUES (:w, :lo, :hi, 'ics-upload', :now)"),
            {"w": worker, "lo": SLOT, "hi": SLOT + timedelta(minutes=30), "now": NOW},
        )
    assert SLOT not in _starts(pg_uow, world.citizens[0])
    with postgres_engine.begin() as connection:
        connection.execute(text("DELETE FROM busy_times WHERE caseworker_id = :w"), {"w": worker})
    assert _starts(pg_uow, world.citizens[0]) == before
    with postgres_engine.begin() as connection:
        connection.execute(text("UPDATE caseworkers SET disabled = true WHERE id = :w"), {"w": worker})
    assert _starts(pg_uow, world.citizens[0]) == []


def test_new_working_hours_change_every_week_kept(pg_uow):
    world = a_world(pg_uow)
    before = _starts(pg_uow, world.citizens[0])
    availability.set_working_hours(
        pg_uow(), world.akasse_caseworkers[0], [(SLOT_DAY.weekday(), time(13), time(14))], NOW
    )
    after = _starts(pg_uow, world.citizens[0])
    assert after != before and after == [local(SLOT_DAY, "13:00"), local(SLOT_DAY, "13:30")]


def test_a_change_in_another_week_keeps_this_weeks_slots(postgres_engine, pg_uow):
    world = a_world(pg_uow, citizens=2)
    _starts(pg_uow, world.citizens[0])
    later = SLOT + timedelta(weeks=2)
    booking.self_book(pg_uow(), world.citizens[1], JOB, later, Format.TELEFONISK, NOW)
    again = _statements(postgres_engine, lambda: _starts(pg_uow, world.citizens[0]))
    assert not any("absences" in s for s in again)


def test_the_earliest_start_moves_with_the_clock_over_kept_slots(pg_uow):
    world = a_world(pg_uow)
    search = booking.find_free_slots
    first = search(pg_uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    later_now = first[3].start - timedelta(hours=24)  # the change deadline is 24 hours
    later = search(pg_uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, later_now)
    assert [s.start for s in later] == [s.start for s in first if s.start >= first[3].start + booking.CHANGE_MARGIN]


def test_joint_slots_follow_a_declined_timeslot(postgres_engine, pg_uow):
    world = a_world(pg_uow, timeslot=True, handed_over=True)
    assert _starts(pg_uow, world.citizens[0], JOINT)
    with postgres_engine.begin() as connection:
        connection.execute(text("UPDATE agreed_timeslots SET status = 'afvist'"))
    assert _starts(pg_uow, world.citizens[0], JOINT) == []
