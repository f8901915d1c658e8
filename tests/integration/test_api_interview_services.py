"""The services the integration API's interview endpoints need beyond the pages' (issue 16), on SQLite and
PostgreSQL: a caseworker moves an interview their organisation holds (to another time or another caseworker),
and an organisation's interviews are listed in the order of their last change, paged, from a given instant."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.course import Format, InterviewKind, InterviewStatus
from scheduling.services import booking, queries
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
LATER = local(SLOT_DAY, "13:00")


def _view(uow, interview_id, worker):
    return queries.interview(uow(read_only=True), interview_id, caseworker_id=worker)


def test_move_by_caseworker_moves_the_interview_and_tells_the_person(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    moved_at = NOW + timedelta(hours=1)
    booking.move_by_caseworker(uow(), worker, mine, LATER, moved_at)
    view = _view(uow, mine, worker)
    assert (view.start, view.end, view.status) == (LATER, LATER + timedelta(minutes=30), InterviewStatus.BOOKED)
    assert view.caseworker_ids == (worker,) and view.sequence == 1
    assert view.rebooked_count == 0  # not the person's own rebooking (R23's signal counts those)
    message = queries.citizen_messages(uow(read_only=True), person)[0]
    assert message.kind == "ombooking" and message.interview_id == mine
    trail = queries.audit_trail(uow(read_only=True), worker, person)
    assert trail[-1].action == "rebook" and trail[-1].actor_id == worker


def test_move_by_caseworker_to_a_colleague_at_the_same_time(engine, uow):
    world = a_world(uow, akasse_caseworkers=2)
    person, first, second = world.citizens[0], *world.akasse_caseworkers
    called = booking.call_in(uow(), first, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    booking.move_by_caseworker(uow(), second, called, SLOT, NOW)
    assert _view(uow, called, first).caseworker_ids == (second,)
    with pytest.raises(InvalidInput):  # the same time with the same caseworker: nothing to move
        booking.move_by_caseworker(uow(), second, called, SLOT, NOW)


def test_move_by_caseworker_refuses_a_busy_caseworker_and_a_busy_person(engine, uow):
    world = a_world(uow, citizens=2)
    first, second = world.citizens
    worker = world.akasse_caseworkers[0]
    mine = booking.self_book(uow(), first, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.self_book(uow(), second, JOB, LATER, Format.TELEFONISK, NOW)
    with pytest.raises(SlotTaken):
        booking.move_by_caseworker(uow(), worker, mine, LATER, NOW)
    assert _view(uow, mine, worker).start == SLOT  # nothing half-written


def test_move_by_caseworker_of_another_organisation_or_a_past_time_is_refused(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(NotFound):
        booking.move_by_caseworker(uow(), world.other_akasse_caseworker, mine, LATER, NOW)
    with pytest.raises(InvalidInput):
        booking.move_by_caseworker(uow(), world.akasse_caseworkers[0], mine, NOW - timedelta(hours=1), NOW)


def test_R1_the_jobcenter_does_not_move_the_akasse_s_interview(engine, uow):
    world = a_world(uow)
    mine = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(NotFound):  # it holds none of it: as for any interview it does not hold
        booking.move_by_caseworker(uow(), world.jobcenter_caseworkers[0], mine, LATER, NOW)


def test_R1_the_move_is_checked_as_a_call_in_to_the_new_time(engine, uow):
    """Moved past the hand-over to the jobcenter, the a-kasse is no longer responsible at the new time."""
    world = a_world(uow)
    mine = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    far = local(SLOT_DAY + timedelta(days=400), "10:00")
    with pytest.raises(Refused) as refused:
        booking.move_by_caseworker(uow(), world.akasse_caseworkers[0], mine, far, NOW)
    assert refused.value.rule == "R1"


def test_organisation_interviews_are_listed_by_their_last_change_and_paged(engine, uow):
    world = a_world(uow, citizens=3)
    worker = world.akasse_caseworkers[0]
    first = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    second = booking.self_book(uow(), world.citizens[1], JOB, LATER, Format.TELEFONISK, NOW + timedelta(minutes=1))
    third = booking.self_book(uow(), world.citizens[2], JOB, SLOT + timedelta(hours=1), Format.TELEFONISK,
                              NOW + timedelta(minutes=2))
    booking.cancel_by_caseworker(uow(), worker, first, "Sygdom", NOW + timedelta(minutes=3))

    def page(**kwargs):
        return queries.organisation_interviews(uow(read_only=True), worker, **kwargs)

    mine = [i.id for i in page() if i.id in (first, second, third)]
    assert mine == [second, third, first]  # the cancelled one changed last
    one = page(changed_since=NOW + timedelta(minutes=1), limit=1)
    assert [i.id for i in one] == [second]
    last = one[-1]
    rest = page(changed_since=NOW + timedelta(minutes=1), after=(NOW + timedelta(minutes=1), last.id))
    assert [i.id for i in rest] == [third, first]
    assert rest[-1].status == InterviewStatus.CANCELLED


def test_organisation_interviews_leave_out_people_the_organisation_does_not_serve(engine, uow):
    world = a_world(uow)
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert queries.organisation_interviews(uow(read_only=True), world.other_akasse_caseworker) == []
