"""Ending an accepted agreed timeslot from a day (R22, issue 14), on both databases: from that day no new joint
interviews are offered or booked in it; the joint interviews booked in it stay and are listed on it; either side
may end it, and the other side sees who did and from when."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from scheduling.adapters.orm import AgreedTimeslotRow, AuditRow
from scheduling.course import AkasseParticipation, Format, InterviewKind, InterviewStatus, Organisation
from scheduling.services import availability, booking, read_model
from scheduling.services.errors import InvalidInput, NotFound
from tests.integration.world import NOW, SLOT_DAY, a_world, local

JOINT = InterviewKind.FAELLESSAMTALE
NEXT_WEEK = SLOT_DAY + timedelta(days=7)


def _timeslot_id(uow) -> int:
    with uow(read_only=True) as u:
        return u.session.scalar(select(AgreedTimeslotRow.id))


def _starts(uow, person, day):
    return [s.start for s in booking.find_free_slots(uow(read_only=True), person, JOINT, day, day, NOW)]


def _book(uow, person, day, at="10:00"):
    return booking.self_book(uow(), person, JOINT, local(day, at), Format.PERSONLIGT, NOW,
                             akasse_participation=AkasseParticipation.VIDEO)


def test_R22_an_ended_timeslot_offers_no_joint_times_from_its_end_day_and_keeps_those_booked(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True, citizens=2)
    first, second = world.citizens
    _book(uow, first, NEXT_WEEK)
    timeslot = _timeslot_id(uow)
    availability.end_timeslot(uow(), world.jobcenter_caseworkers[0], timeslot, NEXT_WEEK, NOW)
    assert _starts(uow, second, SLOT_DAY)  # before the end day: as agreed
    assert _starts(uow, second, NEXT_WEEK) == [] and _starts(uow, second, NEXT_WEEK + timedelta(days=7)) == []
    with pytest.raises(InvalidInput):  # the final check of a booking says the same
        _book(uow, second, NEXT_WEEK, "11:00")
    [agreement] = read_model.timeslot_agreements(uow(read_only=True), world.akasse_id)
    assert agreement.ended_from == NEXT_WEEK and agreement.ended_by == (Organisation.JOBCENTER, "Jobkonsulent 1")
    assert [(i.citizen_id, i.start_at, i.status) for i in agreement.interviews] == [
        (first, local(NEXT_WEEK, "10:00"), InterviewStatus.BOOKED)
    ]
    with uow(read_only=True) as u:
        line = u.session.scalars(select(AuditRow).where(AuditRow.action == "timeslot_afsluttet")).one()
        assert line.object_id == timeslot and line.details["ended_from"] == NEXT_WEEK.isoformat()


def test_R22_the_akasse_may_end_the_timeslot_too_but_nobody_else(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True)
    timeslot = _timeslot_id(uow)
    with pytest.raises(NotFound):
        availability.end_timeslot(uow(), world.other_akasse_caseworker, timeslot, NEXT_WEEK, NOW)
    availability.end_timeslot(uow(), world.akasse_caseworkers[0], timeslot, NEXT_WEEK, NOW)
    [agreement] = read_model.timeslot_agreements(uow(read_only=True), world.jobcenter_id)
    assert agreement.ended_by == (Organisation.AKASSE, "A-kasse-rådgiver 1") and agreement.ended_from == NEXT_WEEK


@pytest.mark.parametrize(
    "day", [NOW.date() - timedelta(days=1), date(1800, 1, 1)], ids=["before today", "out of range"]
)
def test_a_timeslot_cannot_be_ended_before_today(engine, uow, day):
    world = a_world(uow, handed_over=True, timeslot=True)
    with pytest.raises(InvalidInput):
        availability.end_timeslot(uow(), world.jobcenter_caseworkers[0], _timeslot_id(uow), day, NOW)


def test_an_ended_or_unanswered_timeslot_cannot_be_ended_again(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True)
    timeslot = _timeslot_id(uow)
    availability.end_timeslot(uow(), world.jobcenter_caseworkers[0], timeslot, NOW.date(), NOW)
    with pytest.raises(InvalidInput):
        availability.end_timeslot(uow(), world.akasse_caseworkers[0], timeslot, NEXT_WEEK, NOW)
    proposed = availability.propose_timeslot(uow(), world.jobcenter_caseworkers[0], world.akasse_id, 2, time(13),
                                             time(14), SLOT_DAY, AkasseParticipation.VIDEO, NOW)
    with pytest.raises(InvalidInput):
        availability.end_timeslot(uow(), world.akasse_caseworkers[0], proposed, NEXT_WEEK, NOW)


@pytest.fixture
def pg_uow(postgres_engine):
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
    from scheduling.services import slot_cache

    slot_cache.forget()
    factory = session_factory(postgres_engine)
    yield lambda read_only=False: SqlAlchemyUnitOfWork(factory, read_only=read_only)
    slot_cache.forget()


@pytest.mark.postgres
def test_R22_free_times_kept_between_requests_follow_an_ended_timeslot(postgres_engine, pg_uow):
    world = a_world(pg_uow, handed_over=True, timeslot=True)
    person = world.citizens[0]
    assert _starts(pg_uow, person, NEXT_WEEK) == _starts(pg_uow, person, NEXT_WEEK) != []  # the second one kept
    availability.end_timeslot(pg_uow(), world.akasse_caseworkers[0], _timeslot_id(pg_uow), NEXT_WEEK, NOW)
    assert _starts(pg_uow, person, NEXT_WEEK) == []
