"""R27 (issue 17): the supervision's stored milestones (``course_milestones``: the registered hand-over, R2, and
6-month day, R3, and the whole-month exemptions, R26, before them) equal a fresh computation by the rules core
after a sequence of service calls, on SQLite and PostgreSQL: written in the same transaction as each hour
registration or exemption, unchanged by a refused call, and rebuilt by ``rebuild_milestones``.
"""

from __future__ import annotations

import itertools
from contextlib import suppress
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from scheduling.adapters.db import session_factory
from scheduling.adapters.facts import course_fact
from scheduling.adapters.orm import CitizenRow, CourseMilestonesRow, CourseRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import ExemptionGround, HourKind
from scheduling.rules.supervision import Milestones, milestones
from scheduling.services import registrations
from scheduling.services.errors import DomainError
from scheduling.services.supervision import rebuild_milestones
from tests.integration.world import NOW, a_world

_BIRTHS = itertools.count()

step = st.one_of(
    st.tuples(st.just("hours"), st.integers(0, 1), st.integers(0, 120), st.integers(1, 60),
              st.sampled_from(["37", "160,33", "300", "410", "600", "1000"]), st.sampled_from(list(HourKind))),
    st.tuples(st.just("exemption"), st.integers(0, 1), st.sampled_from(list(ExemptionGround)), st.integers(-30, 90)),
)


def stored_and_fresh(new) -> tuple[dict[int, Milestones], dict[int, Milestones]]:
    with new() as uow:
        courses = uow.session.scalars(select(CourseRow).options(
            selectinload(CourseRow.citizen).selectinload(CitizenRow.jobcenter),
            selectinload(CourseRow.hours), selectinload(CourseRow.exemptions),
        )).all()
        # the facts as the rules core reads them: the ledger by registration, ties by id
        fresh = {}
        for c in courses:
            fact = course_fact(c, c.citizen)
            hours = sorted(zip(c.hours, fact.hours, strict=True), key=lambda pair: (pair[0].registered_on, pair[0].id))
            fresh[c.id] = milestones(replace(fact, hours=tuple(h for _, h in hours)))
        stored = {
            r.course_id: Milestones(r.handover_on, r.six_months_on, r.exempt_by_handover, r.exempt_by_six_months)
            for r in uow.session.scalars(select(CourseMilestonesRow))
        }
    return stored, fresh


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
