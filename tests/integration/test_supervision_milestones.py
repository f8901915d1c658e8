"""R27 (issue 17): the supervision's stored milestones (``course_milestones``: the registered hand-over, R2, and
6-month day, R3, the whole-month exemptions, R26, before them, and the held interviews counted against them, R7,
R8, R9) equal a fresh computation by the rules core after a sequence of service calls, on SQLite and PostgreSQL:
written in the same transaction as each hour registration, exemption or recorded interview, unchanged by a
refused call, and rebuilt by ``rebuild_milestones``.
"""

from __future__ import annotations

import itertools
from contextlib import suppress
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, event, select

from scheduling.adapters.db import session_factory
from scheduling.adapters.orm import CourseMilestonesRow, CourseRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import ExemptionGround, Format, HourKind, InterviewKind
from scheduling.services import booking, registrations
from scheduling.services.errors import DomainError, InvalidInput
from scheduling.services.supervision import rebuild_milestones
from tests.integration.supervision_helpers import stored_and_fresh
from tests.integration.world import NOW, SLOT_DAY, a_world, local

_BIRTHS = itertools.count()

step = st.one_of(
    st.tuples(st.just("hours"), st.integers(0, 1), st.integers(0, 120), st.integers(1, 60),
              st.sampled_from(["37", "160,33", "300", "410", "600", "1000"]), st.sampled_from(list(HourKind))),
    st.tuples(st.just("exemption"), st.integers(0, 1), st.sampled_from(list(ExemptionGround)), st.integers(-30, 90)),
)


def _run(new, world, day: date, op: tuple) -> None:
    worker, who = world.akasse_caseworkers[0], world.citizens[op[1]]
    now = NOW + timedelta(days=400)
    if op[0] == "hours":
        _, _, start, length, hours, kind = op
        first = day + timedelta(days=start)
        registrations.register_hours(new(), worker, who, first + timedelta(days=length), first,
                                     first + timedelta(days=length - 1), hours, now, kind=kind)
    else:
        _, _, ground, offset = op
        starts = day + timedelta(days=offset)
        registrations.register_exemption(new(), worker, who, ground, starts, now, ends_on=starts + timedelta(days=70),
                                         event_on=starts + timedelta(days=20), documentation="Attest")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=10))
def test_R27_the_stored_milestones_equal_a_fresh_computation_after_hour_registrations_and_exemptions(engine, steps):
    factory = session_factory(engine)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=2, birth_date=date(1970, 1, 1) + timedelta(days=next(_BIRTHS)))
    with new() as uow:
        placed = uow.session.scalar(select(CourseRow.placed_on).where(CourseRow.citizen_id == world.citizens[0]))
    seen = set()
    for op in steps:
        with suppress(DomainError):  # refused: nothing written, the milestones as they were
            _run(new, world, placed, op)
        stored, fresh = stored_and_fresh(new)
        assert stored == fresh
        seen.add(tuple(stored.values()))
    # and a rebuild from nothing writes the same
    with new() as uow:
        uow.session.execute(delete(CourseMilestonesRow))
        uow.commit()
    assert rebuild_milestones(new, batch=1) >= 2
    stored, fresh = stored_and_fresh(new)
    assert stored == fresh


def test_R27_R2_an_hour_registration_moves_the_stored_hand_over_in_its_own_transaction(engine):
    factory = session_factory(engine)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=1, birth_date=date(1960, 1, 1) + timedelta(days=next(_BIRTHS)))
    with new() as uow:
        course_id, placed = uow.session.execute(
            select(CourseRow.id, CourseRow.placed_on).where(CourseRow.citizen_id == world.citizens[0])).one()
    stored, _ = stored_and_fresh(new)
    assert stored[course_id].handover_on is None  # only projected: not stored
    worker, who, now = world.akasse_caseworkers[0], world.citizens[0], NOW + timedelta(days=400)
    end = placed + timedelta(days=80)
    registrations.register_hours(new(), worker, who, end + timedelta(days=3), placed, end, "300", now)
    assert stored_and_fresh(new)[0][course_id].handover_on is None  # 300 of 410 hours
    later = end + timedelta(days=40)
    registrations.register_hours(new(), worker, who, later, end + timedelta(days=1), later, "120", now)
    stored, fresh = stored_and_fresh(new)
    month_end = (later.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    assert stored[course_id].handover_on == fresh[course_id].handover_on == month_end


def test_R27_R7_recording_an_interview_held_missed_or_held_late_and_moving_it_update_the_stored_counts_with_it(engine):
    """The a-kasse's job interviews held by the hand-over (R7) and held late are stored with the recording itself,
    in its one transaction: held counts, missed does not, held after the registered hand-over is held late, and an
    interview moved from after the hand-over to before it counts in time. A refused recording writes nothing."""
    factory = session_factory(engine)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=1, birth_date=date(1961, 1, 1) + timedelta(days=next(_BIRTHS)))
    worker, who = world.akasse_caseworkers[0], world.citizens[0]
    with new() as uow:
        course_id = uow.session.scalar(select(CourseRow.id).where(CourseRow.citizen_id == who))

    def call_in(day: date) -> int:
        return booking.call_in(new(), worker, who, InterviewKind.JOBSAMTALE, local(day, "10:00"), Format.PERSONLIGT,
                               NOW)

    # called in while the hand-over is only projected (end of March): two before the registered one, two after
    first, missed, after, moved = (call_in(d) for d in (SLOT_DAY, SLOT_DAY + timedelta(days=1),
                                                         date(2026, 3, 3), date(2026, 3, 4)))

    def counts() -> tuple[date | None, int, int]:
        stored, fresh = stored_and_fresh(new)
        assert stored == fresh
        return stored[course_id].handover_on, stored[course_id].akasse_held_in_time, stored[course_id].akasse_held_late

    assert counts() == (None, 0, 0)  # the first interview (12 January) is held, but no hand-over is registered
    # 420 benefit hours registered in February: the a-kasse's period ends 28 February (R2)
    registrations.register_hours(new(), worker, who, date(2026, 2, 2), date(2026, 1, 5), date(2026, 2, 1), "420",
                                 NOW)
    assert counts() == (date(2026, 2, 28), 1, 0)

    commits: list[object] = []

    def committed(connection) -> None:  # type: ignore[no-untyped-def]
        commits.append(connection)

    event.listen(engine, "commit", committed)
    try:
        booking.record_interview(new(), worker, first, True, local(SLOT_DAY, "11:00"))
    finally:
        event.remove(engine, "commit", committed)
    assert len(commits) == 1  # the recording and its counts: one transaction
    assert counts() == (date(2026, 2, 28), 2, 0)
    booking.record_interview(new(), worker, missed, False, local(SLOT_DAY + timedelta(days=1), "11:00"))
    assert counts() == (date(2026, 2, 28), 2, 0)  # missed does not count
    with suppress(InvalidInput):  # refused: it has not begun yet
        booking.record_interview(new(), worker, after, True, local(date(2026, 3, 2), "11:00"))
    assert counts() == (date(2026, 2, 28), 2, 0)
    booking.record_interview(new(), worker, after, True, local(date(2026, 3, 3), "11:00"))
    assert counts() == (date(2026, 2, 28), 2, 1)  # held after the hand-over: held late
    booking.move_by_caseworker(new(), worker, moved, local(SLOT_DAY + timedelta(days=2), "10:00"), NOW)
    assert counts() == (date(2026, 2, 28), 2, 1)  # booked, wherever it lies, counts for nothing
    booking.record_interview(new(), worker, moved, True, local(SLOT_DAY + timedelta(days=2), "11:00"))
    assert counts() == (date(2026, 2, 28), 3, 1)  # moved before the hand-over and held: in time
