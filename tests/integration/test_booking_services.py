"""Booking services on SQLite and PostgreSQL: free slots, self-book, rebook, cancel, call in, raise format, record.

Refusals are asserted by the rule id the rules core gives (or SLOT/FRIST/INPUT/NOT_FOUND for the services' own).
The refusals that need no database are tested on the in-memory unit of work in tests/unit/services; these are the
use cases read back through the SQL read side (``queries``) and the database's own answers.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.adapters.orm import InterviewParticipantRow, InterviewRow
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import evaluate
from scheduling.services import availability, booking, messages, queries
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
JOINT = InterviewKind.FAELLESSAMTALE


def _interviews(uow, citizen_id):
    return [i for i in queries.citizen_interviews(uow(read_only=True), citizen_id) if i.start >= NOW]


# ---- free slots ------------------------------------------------------------------------------------------------


def test_free_slots_follow_working_hours_and_leave_out_booked_times(engine, uow):
    world = a_world(uow, citizens=2)
    slots = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    assert [s.start for s in slots][:2] == [local(SLOT_DAY, "09:00"), local(SLOT_DAY, "09:30")]
    assert len(slots) == 12  # 09:00–15:00 in half hours
    booking.self_book(uow(), world.citizens[1], JOB, SLOT, Format.TELEFONISK, NOW)
    after = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    assert SLOT not in [s.start for s in after] and len(after) == 11


def test_free_slots_leave_out_absences(engine, uow):
    world = a_world(uow)
    availability.add_absence(uow(), world.akasse_caseworkers[0], local(SLOT_DAY, "00:00"),
                             local(SLOT_DAY + timedelta(days=1), "00:00"), NOW, note="Ferie")
    assert booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW) == []


# ---- self-booking ----------------------------------------------------------------------------------------------


def test_self_book_writes_interview_participant_message_and_audit(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    interview_id = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    view = queries.interview(uow(read_only=True), interview_id, citizen_id=person)
    assert (view.start, view.end) == (SLOT, SLOT + timedelta(minutes=30))
    assert view.booked_by == BookedBy.SELF and view.status == InterviewStatus.BOOKED and view.sequence == 0
    assert view.organisation == Organisation.AKASSE and view.caseworker_ids == tuple(world.akasse_caseworkers)
    inbox = queries.citizen_messages(uow(read_only=True), person)
    assert inbox[0].interview_id == interview_id and "tirsdag den 10. februar 2026 kl. 10.00" in inbox[0].subject
    trail = queries.audit_trail(uow(read_only=True), world.akasse_caseworkers[0], person)
    assert [a.action for a in trail] == ["self_book"] and trail[0].actor_kind == "borger"


def test_self_book_a_time_that_was_never_offered_is_invalid_input_not_taken(engine, uow):
    world = a_world(uow)
    for never_offered in (local(SLOT_DAY, "20:00"), local(SLOT_DAY, "09:07")):
        with pytest.raises(InvalidInput) as invalid:
            booking.self_book(uow(), world.citizens[0], JOB, never_offered, Format.TELEFONISK, NOW)
        assert invalid.value.reason.message == "Vælg en af de ledige tider."
    with pytest.raises(InvalidInput):
        booking.self_book(uow(), world.citizens[0], JOB, NOW - timedelta(days=1), Format.TELEFONISK, NOW)
    assert _interviews(uow, world.citizens[0]) == []


def test_a_time_on_the_grid_that_someone_else_has_is_still_slot_taken(engine, uow):
    world = a_world(uow, citizens=2)
    booking.self_book(uow(), world.citizens[1], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(SlotTaken) as taken:
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert taken.value.reason.message.startswith("Tiden er netop blevet booket")


def test_rebook_to_a_time_that_was_never_offered_is_invalid_input(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(InvalidInput) as invalid:
        booking.rebook(uow(), person, mine, local(SLOT_DAY, "09:07"), NOW)
    assert invalid.value.reason.message == "Vælg en af de ledige tider."
    assert queries.interview(uow(read_only=True), mine, citizen_id=person).start == SLOT


# ---- only what the final step accepts is offered ---------------------------------------------------------------


def test_no_self_booking_slots_before_the_called_in_first_interview_r19(engine, uow):
    """Jonas is called in to his first interview; the time step offers nothing before it (R19 would refuse)."""
    world = a_world(uow, first_interview_held=False)
    person = world.citizens[0]
    first = booking.call_in(uow(), world.akasse_caseworkers[0], person, JOB, SLOT, Format.PERSONLIGT, NOW)
    assert first
    slots = booking.find_free_slots(uow(read_only=True), person, JOB, NOW.date(), SLOT_DAY + timedelta(days=3), NOW)
    assert slots and all(s.start > SLOT for s in slots)
    booking.self_book(uow(), person, JOB, slots[0].start, Format.TELEFONISK, NOW)  # and the final step agrees
    with pytest.raises(Refused) as refused:
        booking.self_book(uow(), person, JOB, local(SLOT_DAY - timedelta(days=1), "10:00"), Format.PERSONLIGT, NOW)
    assert refused.value.rule == "R19"


def test_no_a_kasse_slots_after_the_projected_hand_over_r1(engine, uow):
    """Sofie books with her a-kasse; days after the (projected) hand-over are the jobcenter's (R1, R2)."""
    world = a_world(uow)
    person = world.citizens[0]
    on = NOW.date()
    last = evaluate(queries.load_course(uow(read_only=True), person), on).responsibility.akasse_until
    assert last is not None
    slots = booking.find_free_slots(uow(read_only=True), person, JOB, last - timedelta(days=6), last + timedelta(days=8), NOW)
    assert slots and all(s.local_date <= last for s in slots)
    with pytest.raises(Refused) as refused:
        booking.self_book(uow(), person, JOB, local(last + timedelta(days=3), "10:00"), Format.TELEFONISK, NOW)
    assert refused.value.rule == "R1"


def test_self_booking_slots_begin_after_the_change_deadline_so_a_booking_can_be_changed(engine, uow):
    """Emil books at 07.20: nothing today is offered (24 hours' change deadline), and what he books he can change."""
    world = a_world(uow)
    person = world.citizens[0]
    now = local(SLOT_DAY, "07:20")
    slots = booking.find_free_slots(uow(read_only=True), person, JOB, SLOT_DAY, SLOT_DAY + timedelta(days=1), now)
    assert slots and all(s.start >= now + timedelta(hours=24) for s in slots)
    mine = booking.self_book(uow(), person, JOB, slots[0].start, Format.TELEFONISK, now)
    assert booking.change_verdicts(uow(read_only=True), person, now + timedelta(minutes=1))[mine].allowed
    rebook_to = booking.find_rebook_slots(uow(read_only=True), person, mine, SLOT_DAY, SLOT_DAY + timedelta(days=1),
                                          now + timedelta(minutes=1))
    assert rebook_to and all(s.start >= now + timedelta(hours=24) for s in rebook_to)
    with pytest.raises(InvalidInput):  # today 09.00 was never offered
        booking.self_book(uow(), person, JOB, local(SLOT_DAY, "09:00"), Format.TELEFONISK, now)


def test_the_earliest_offered_slot_follows_the_organisations_change_deadline(engine, uow):
    world = a_world(uow, change_deadline_hours=48)
    now = local(SLOT_DAY, "07:20")
    slots = booking.find_free_slots(
        uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY + timedelta(days=3), now
    )
    assert slots and min(s.start for s in slots) >= now + timedelta(hours=48)


def test_self_book_for_an_unknown_person_is_not_found(engine, uow):
    a_world(uow)
    with pytest.raises(NotFound):
        booking.self_book(uow(), 999_999, JOB, SLOT, Format.TELEFONISK, NOW)


def test_joint_interview_inside_an_accepted_timeslot_with_both_caseworkers_r22(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True)
    person = world.citizens[0]
    slots = booking.find_free_slots(uow(read_only=True), person, JOINT, SLOT_DAY, SLOT_DAY, NOW)
    assert [s.start for s in slots] == [local(SLOT_DAY, t) for t in ("10:00", "10:30", "11:00", "11:30")]
    interview_id = booking.self_book(uow(), person, JOINT, SLOT, Format.PERSONLIGT, NOW,
                                     akasse_participation=AkasseParticipation.VIDEO)
    view = queries.interview(uow(read_only=True), interview_id, citizen_id=person)
    assert set(view.caseworker_ids) == {world.jobcenter_caseworkers[0], world.akasse_caseworkers[0]}
    assert view.timeslot_id is not None and view.organisation == Organisation.JOBCENTER


def test_joint_interview_outside_the_agreed_timeslots_is_not_offered_r22(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True)
    with pytest.raises(InvalidInput):
        booking.self_book(uow(), world.citizens[0], JOINT, local(SLOT_DAY, "13:00"), Format.PERSONLIGT, NOW,
                          akasse_participation=AkasseParticipation.VIDEO)


def test_joint_slots_only_in_timeslots_agreed_with_the_chosen_a_kasse_participation_r22(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True, timeslot_participation=AkasseParticipation.IN_PERSON)
    person = world.citizens[0]

    def offered(participation):
        return [s.start for s in booking.find_free_slots(
            uow(read_only=True), person, JOINT, SLOT_DAY, SLOT_DAY, NOW, akasse_participation=participation
        )]

    in_person = [local(SLOT_DAY, t) for t in ("10:00", "10:30", "11:00", "11:30")]
    assert offered(AkasseParticipation.IN_PERSON) == in_person
    assert offered(AkasseParticipation.VIDEO) == []
    assert offered(None) == in_person  # not chosen yet: every agreed timeslot


def test_video_participation_in_a_timeslot_agreed_in_person_is_refused_r22(engine, uow):
    """Mikkel chose the a-kasse by video in a timeslot the kommune and the a-kasse agreed "ved fremmøde"."""
    world = a_world(uow, handed_over=True, timeslot=True, timeslot_participation=AkasseParticipation.IN_PERSON)
    person = world.citizens[0]
    with pytest.raises(Refused) as refused:
        booking.self_book(uow(), person, JOINT, SLOT, Format.PERSONLIGT, NOW,
                          akasse_participation=AkasseParticipation.VIDEO)
    assert refused.value.rule == "R22"
    assert refused.value.reason.basis == "Vejledning nr. 10044 af 14/12/2023, afsnit 4.2"
    assert "møder op" in refused.value.reason.message
    assert _interviews(uow, person) == []
    booking.self_book(uow(), person, JOINT, SLOT, Format.PERSONLIGT, NOW,
                      akasse_participation=AkasseParticipation.IN_PERSON)


def test_rebooking_to_another_a_kasse_participation_than_the_timeslots_is_refused_r22(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=True)  # agreed: the a-kasse by video
    person = world.citizens[0]
    mine = booking.self_book(uow(), person, JOINT, SLOT, Format.PERSONLIGT, NOW,
                             akasse_participation=AkasseParticipation.VIDEO)
    assert booking.find_rebook_slots(uow(read_only=True), person, mine, SLOT_DAY, SLOT_DAY, NOW,
                                     akasse_participation=AkasseParticipation.IN_PERSON) == []
    with pytest.raises(Refused) as refused:
        booking.rebook(uow(), person, mine, SLOT + timedelta(minutes=30), NOW, format=Format.PERSONLIGT,
                       akasse_participation=AkasseParticipation.IN_PERSON)
    assert refused.value.rule == "R22"
    view = queries.interview(uow(read_only=True), mine, citizen_id=person)
    assert (view.start, view.akasse_participation) == (SLOT, AkasseParticipation.VIDEO)


def test_no_joint_slots_without_an_accepted_timeslot_r22(engine, uow):
    world = a_world(uow, handed_over=True, timeslot=False)
    assert booking.find_free_slots(uow(read_only=True), world.citizens[0], JOINT, SLOT_DAY, SLOT_DAY, NOW) == []


def test_a_kasse_booking_after_the_hand_over_is_refused_and_jobcenter_offered_r1(engine, uow):
    world = a_world(uow, handed_over=True)
    slots = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    assert slots and all(s.caseworker_ids == tuple(world.jobcenter_caseworkers) for s in slots)


# ---- rebook and cancel -----------------------------------------------------------------------------------------


def test_rebook_keeps_the_uid_raises_the_sequence_and_frees_the_old_time(engine, uow):
    world = a_world(uow, citizens=2)
    person = world.citizens[0]
    interview_id = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    before = queries.interview(uow(read_only=True), interview_id, citizen_id=person)
    later = local(SLOT_DAY, "13:00")
    booking.rebook(uow(), person, interview_id, later, NOW + timedelta(hours=1), format=Format.VIDEO)
    after = queries.interview(uow(read_only=True), interview_id, citizen_id=person)
    assert after.uid == before.uid and after.sequence == before.sequence + 1
    assert (after.start, after.format, after.rebooked_count) == (later, Format.VIDEO, 1)
    # the old time is free for someone else
    booking.self_book(uow(), world.citizens[1], JOB, SLOT, Format.TELEFONISK, NOW)
    assert "flyttet" in queries.citizen_messages(uow(read_only=True), person)[0].subject


def test_R23_rebook_to_its_own_time_and_format_is_refused_and_counts_no_move(engine, uow):
    # a second click on "Flyt" after the first went through: no second move, message or rebooking count (R23's
    # signal counts rebookings); the same time with another format is a real change
    world = a_world(uow, citizens=1)
    person = world.citizens[0]
    interview_id = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    later = local(SLOT_DAY, "13:00")
    booking.rebook(uow(), person, interview_id, later, NOW + timedelta(hours=1))
    messages_before = len(queries.citizen_messages(uow(read_only=True), person))
    with pytest.raises(InvalidInput) as refused:
        booking.rebook(uow(), person, interview_id, later, NOW + timedelta(hours=1))
    assert "ligger allerede på det tidspunkt" in refused.value.reason.render()
    view = queries.interview(uow(read_only=True), interview_id, citizen_id=person)
    assert (view.start, view.rebooked_count, view.sequence) == (later, 1, 1)
    assert len(queries.citizen_messages(uow(read_only=True), person)) == messages_before
    booking.rebook(uow(), person, interview_id, later, NOW + timedelta(hours=1), format=Format.VIDEO)
    assert queries.interview(uow(read_only=True), interview_id, citizen_id=person).format is Format.VIDEO


def test_rebook_to_a_taken_time_is_slot_taken_and_changes_nothing(engine, uow):
    world = a_world(uow, citizens=2)
    a, b = world.citizens
    mine = booking.self_book(uow(), a, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.self_book(uow(), b, JOB, local(SLOT_DAY, "13:00"), Format.TELEFONISK, NOW)
    with pytest.raises(SlotTaken):
        booking.rebook(uow(), a, mine, local(SLOT_DAY, "13:00"), NOW)
    view = queries.interview(uow(read_only=True), mine, citizen_id=a)
    assert view.start == SLOT and view.sequence == 0 and view.caseworker_ids == tuple(world.akasse_caseworkers)


def test_rebook_to_the_same_caseworker_at_an_adjacent_time_succeeds(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.rebook(uow(), person, mine, SLOT + timedelta(minutes=30), NOW)
    assert queries.interview(uow(read_only=True), mine, citizen_id=person).start == SLOT + timedelta(minutes=30)


def test_cancel_frees_the_time_and_raises_the_sequence(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.cancel(uow(), person, mine, NOW)
    view = queries.interview(uow(read_only=True), mine, citizen_id=person)
    assert view.status == InterviewStatus.CANCELLED and view.cancelled_at == NOW and view.sequence == 1
    assert SLOT in [s.start for s in booking.find_free_slots(uow(read_only=True), person, JOB, SLOT_DAY, SLOT_DAY, NOW)]


def test_another_persons_interview_is_not_found(engine, uow):
    world = a_world(uow, citizens=2)
    mine = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(NotFound):
        booking.cancel(uow(), world.citizens[1], mine, NOW)
    with pytest.raises(NotFound):
        booking.rebook(uow(), world.citizens[1], mine, local(SLOT_DAY, "13:00"), NOW)
    with pytest.raises(NotFound):
        queries.interview(uow(read_only=True), mine, citizen_id=world.citizens[1])


# ---- caseworker: call in, raise format, record -----------------------------------------------------------------


def test_call_in_books_the_caseworker_and_tells_the_person(engine, uow):
    world = a_world(uow, first_interview_held=False)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    interview_id = booking.call_in(uow(), worker, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    view = queries.interview(uow(read_only=True), interview_id, caseworker_id=worker)
    assert view.booked_by == BookedBy.CALLED_IN and view.caseworker_ids == (worker,)
    assert queries.citizen_messages(uow(read_only=True), person)[0].kind == "indkaldelse"
    assert [i.id for i in queries.caseworker_interviews(uow(read_only=True), worker, since=NOW)] == [interview_id]


def test_a_caseworker_of_another_organisation_finds_nothing(engine, uow):
    world = a_world(uow)
    with pytest.raises(NotFound):
        booking.call_in(uow(), world.other_akasse_caseworker, world.citizens[0], JOB, SLOT, Format.PERSONLIGT, NOW)
    mine = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(NotFound):
        booking.raise_format_to_in_person(uow(), world.other_akasse_caseworker, mine, "Fordi", NOW)
    with pytest.raises(NotFound):
        queries.interview(uow(read_only=True), mine, caseworker_id=world.other_akasse_caseworker)


def test_raise_format_to_in_person_records_the_reason_and_tells_the_person_r17(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    decision_id = booking.raise_format_to_in_person(uow(), worker, mine, "Vi skal gennemgå dit CV sammen.", NOW)
    view = queries.interview(uow(read_only=True), mine, citizen_id=person)
    assert view.format == Format.PERSONLIGT and view.format_raised and view.sequence == 1
    assert view.format_raised_reason == "Vi skal gennemgå dit CV sammen."
    message = queries.citizen_messages(uow(read_only=True), person)[0]
    assert message.decision_id == decision_id and "Vi skal gennemgå dit CV sammen." in message.body
    decision = queries.citizen_decisions(uow(read_only=True), person)[-1]
    assert not decision.is_afgoerelse
    # the person may no longer move it themselves (R17)
    with pytest.raises(Refused) as refused:
        booking.cancel(uow(), person, mine, NOW)
    assert refused.value.rule == "R17"


def test_record_held_with_the_checklist(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    mine = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(InvalidInput):
        booking.record_interview(uow(), worker, mine, True, NOW)
    later = SLOT + timedelta(minutes=30)
    booking.record_interview(uow(), worker, mine, True, later, checklist={"repatriation_guidance": True}, note="ok")
    view = queries.interview(uow(read_only=True), mine, caseworker_id=worker)
    assert view.status == InterviewStatus.HELD and view.checklist == {"repatriation_guidance": True}
    course = queries.load_course(uow(read_only=True), person)
    assert [i.status for i in course.interviews][-1] == InterviewStatus.HELD


def test_record_missed(engine, uow):
    world = a_world(uow)
    mine = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    booking.record_interview(uow(), world.akasse_caseworkers[0], mine, False, SLOT + timedelta(hours=1))
    assert queries.interview(uow(read_only=True), mine, citizen_id=world.citizens[0]).status == InterviewStatus.MISSED


def test_caseworker_cancel_tells_the_person(engine, uow):
    world = a_world(uow)
    worker, person = world.akasse_caseworkers[0], world.citizens[0]
    called = booking.call_in(uow(), worker, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    booking.cancel_by_caseworker(uow(), worker, called, "Sygdom", NOW)
    assert queries.interview(uow(read_only=True), called, citizen_id=person).status == InterviewStatus.CANCELLED
    message = queries.citizen_messages(uow(read_only=True), person)[0]
    assert message.kind == "aflysning"
    assert "Begrundelse: Sygdom" in message.body  # the person is told why


def test_mark_message_read_only_for_its_owner(engine, uow):
    world = a_world(uow, citizens=2)
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    message = queries.citizen_messages(uow(read_only=True), world.citizens[0])[0]
    with pytest.raises(NotFound):
        messages.mark_read(uow(), world.citizens[1], message.id, NOW)
    messages.mark_read(uow(), world.citizens[0], message.id, NOW)
    assert queries.citizen_messages(uow(read_only=True), world.citizens[0])[0].read_at == NOW


def _busy_row(world, course_id, citizen_id, caseworker, start, minutes):
    """An active interview of the caseworker from ``start`` (a row written directly: any length, any start)."""
    end = start + timedelta(minutes=minutes)
    return InterviewRow(
        uid=f"row-{start.isoformat()}-{caseworker}@test", sequence=0, course_id=course_id, citizen_id=citizen_id,
        kind=InterviewKind.JOBSAMTALE, organisation=Organisation.AKASSE, organisation_id=world.akasse_id,
        start_at=start, end_at=end, format=Format.TELEFONISK, status=InterviewStatus.BOOKED,
        booked_by=BookedBy.CALLED_IN, booked_at=NOW,
        participants=[InterviewParticipantRow(caseworker_id=caseworker, role=Organisation.AKASSE, start_at=start,
                                              end_at=end, status=InterviewStatus.BOOKED)],
    )


def test_the_final_check_of_a_slot_sees_an_interview_begun_before_it_that_reaches_into_it(engine, uow):
    world = a_world(uow, citizens=4, akasse_caseworkers=3)
    first, second, third = world.akasse_caseworkers
    with uow() as u:
        courses = {c: u.repo.active_course(c).id for c in world.citizens}
        rows = [
            (world.citizens[0], first, local(SLOT_DAY, "09:45"), 30),  # reaches 15 minutes into 10:00-10:30
            (world.citizens[1], first, local(SLOT_DAY, "09:00"), 30),  # earlier the same day: ends before
            (world.citizens[2], second, local(SLOT_DAY, "09:30"), 30),  # ends exactly at 10:00: not in the way
            (world.citizens[3], third, local(SLOT_DAY, "10:15"), 30),  # begins inside the slot
        ]
        for citizen_id, caseworker, start, minutes in rows:
            u.repo.add(_busy_row(world, courses[citizen_id], citizen_id, caseworker, start, minutes))
        u.commit()
    with uow() as u:
        found = u.repo.offering_availability(world.akasse_id, InterviewKind.JOBSAMTALE, (SLOT, SLOT + timedelta(minutes=30)))
    blocked = {a.caseworker_id: [(i.start, i.end) for i in a.interviews] for a in found}
    assert blocked == {
        first: [(local(SLOT_DAY, "09:45"), local(SLOT_DAY, "10:15"))],
        second: [],
        third: [(local(SLOT_DAY, "10:15"), local(SLOT_DAY, "10:45"))],
    }


def test_the_final_check_of_a_slot_reads_only_the_working_hours_of_its_danish_weekday(engine, uow):
    """A booking's final check asks about one start: each caseworker's hours on other weekdays cannot make it free,
    so they are not read (five times fewer rows for an organisation's caseworkers); the answer is the same."""
    world = a_world(uow, citizens=1, akasse_caseworkers=3)
    with uow() as u:
        found = u.repo.offering_availability(world.akasse_id, InterviewKind.JOBSAMTALE, (SLOT, SLOT + timedelta(minutes=30)))
    assert sorted(a.caseworker_id for a in found) == sorted(world.akasse_caseworkers)
    assert {h.weekday for a in found for h in a.working_hours} == {SLOT_DAY.weekday()}
    starts = [s.start for s in booking.find_free_slots(uow(), world.citizens[0], InterviewKind.JOBSAMTALE, SLOT_DAY,
                                                         SLOT_DAY, NOW)]
    assert SLOT in starts
    booking.self_book(uow(), world.citizens[0], InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)


def test_a_self_booking_asks_for_the_persons_own_interviews_only_with_their_course(engine, uow):
    """The person's row is locked before their course is read, so the course's interviews are their busy times for
    the final check: no second query of their interviews (the statement that read them again is gone)."""
    from sqlalchemy import event

    world = a_world(uow, citizens=2)
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)  # the person's other interview
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        later = SLOT + timedelta(hours=1)
        second = booking.self_book(uow(), world.citizens[0], JOB, later, Format.TELEFONISK, NOW + timedelta(seconds=1))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    reads_of_interviews = [s for s in statements if s.startswith("SELECT") and "FROM interviews" in s]
    assert len(reads_of_interviews) == 1  # the course's interviews, with their caseworkers
    booking.cancel(uow(), world.citizens[0], second, NOW + timedelta(seconds=2))  # two booked is all R7 needs (R20)
    with pytest.raises(SlotTaken):  # and the person's own interview still keeps the time from them
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW + timedelta(seconds=3))


def test_a_self_booking_is_refused_over_the_persons_interview_in_an_ended_course(engine, uow):
    """The person's own interviews are all of theirs, not only the open course's: a booked interview left in an
    earlier course still keeps its time from them (PERSON_BUSY)."""
    from datetime import date

    from scheduling.adapters.orm import CourseRow
    from scheduling.course import Insurance

    world = a_world(uow, citizens=1, akasse_caseworkers=2)
    person, first = world.citizens[0], world.akasse_caseworkers[0]
    with uow() as u:
        old = CourseRow(citizen_id=person, registered_on=date(2024, 1, 2), placed_on=date(2024, 1, 2),
                        insurance=Insurance.FULLTIME, ended_on=date(2024, 12, 31))
        u.repo.add(old)
        u.flush()
        u.repo.add(_busy_row(world, old.id, person, first, SLOT - timedelta(minutes=15), 30))
        u.commit()
    with pytest.raises(SlotTaken) as refused:
        booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert refused.value.reason == booking.PERSON_BUSY


def test_the_final_check_refuses_a_slot_an_absence_or_a_busy_time_reaches_into(engine, uow):
    """An absence begun the day before and a busy time begun before the slot still block it at the final check
    (on PostgreSQL found on their range indexes, migration 0014); a busy time ending at the slot's start does not."""
    from scheduling.adapters.orm import AbsenceRow, BusyTimeRow
    from scheduling.vocabulary import BusySource

    world = a_world(uow, citizens=3, akasse_caseworkers=2)
    away, busy = world.akasse_caseworkers
    with uow() as u:
        u.repo.add(AbsenceRow(caseworker_id=away, start_at=SLOT - timedelta(days=1), end_at=SLOT + timedelta(minutes=1)))
        u.repo.add(BusyTimeRow(caseworker_id=busy, start_at=SLOT - timedelta(minutes=45),
                               end_at=SLOT + timedelta(minutes=15), source=BusySource.ICS_UPLOAD, imported_at=NOW))
        u.repo.add(BusyTimeRow(caseworker_id=busy, start_at=SLOT + timedelta(hours=1) - timedelta(minutes=30),
                               end_at=SLOT + timedelta(hours=1), source=BusySource.ICS_UPLOAD, imported_at=NOW))
        u.commit()
    with pytest.raises(SlotTaken):
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    later = SLOT + timedelta(hours=1)  # the absence is over, the second busy time ends at the start
    booking.self_book(uow(), world.citizens[1], JOB, later, Format.TELEFONISK, NOW)
    booking.self_book(uow(), world.citizens[2], JOB, later, Format.TELEFONISK, NOW)
    with pytest.raises(SlotTaken):  # both caseworkers now hold an interview then
        booking.self_book(uow(), world.citizens[0], JOB, later, Format.TELEFONISK, NOW)


@pytest.mark.postgres
def test_the_final_check_finds_absences_and_busy_times_on_their_range_indexes(engine, uow):
    """The organisation's blocked times are asked as range overlaps that the gist indexes of migration 0014 answer:
    with each caseworker's history of absences and busy times long (an hour a day for years), the few rows near
    the slot are found on the range, not by reading the caseworkers' rows (the planner is kept off sequential
    scans: the test tables are still small)."""
    from sqlalchemy import text

    from scheduling.adapters.repository import _PG_ORGANISATION_BLOCKED

    if engine.dialect.name != "postgresql":
        pytest.skip("the range indexes are PostgreSQL's")
    world = a_world(uow, citizens=1, akasse_caseworkers=2)
    with engine.begin() as conn:
        for table, extra in (("absences", ""), ("busy_times", ", 'ics-upload', now()")):
            columns = "caseworker_id, start_at, end_at" + (", source, imported_at" if extra else "")
            conn.execute(text(
                f"INSERT INTO {table} ({columns}) SELECT w, d, d + interval '1 hour'{extra} "  # noqa: S608 - constants
                "FROM unnest(CAST(:workers AS integer[])) w, "
                "generate_series(CAST(:since AS timestamptz), CAST(:until AS timestamptz), interval '1 day') d"
            ), {"workers": world.akasse_caseworkers, "since": SLOT - timedelta(days=2000),
                "until": SLOT - timedelta(days=2)})
            conn.execute(text(f"ANALYZE {table}"))
    with engine.connect() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(conn.execute(
            text(f"EXPLAIN {_PG_ORGANISATION_BLOCKED[False].element.text}"),
            {"organisation_id": world.akasse_id, "lo": SLOT, "hi": SLOT + timedelta(minutes=30)},
        ).scalars())
    assert "ix_absences_during" in plan
    assert "ix_busy_times_during" in plan


def test_a_booking_writes_only_the_caseload_links_that_changed(engine, uow):
    """The read model's links of the course are not deleted and written again on every booking: the booking's
    caseworker is linked (the one already linked stays), and no DELETE of links is sent."""
    from sqlalchemy import event, select

    from scheduling.adapters.orm import CaseloadCaseworkerRow

    world = a_world(uow, citizens=1, akasse_caseworkers=1)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        booking.self_book(uow(), person, JOB, SLOT + timedelta(hours=1), Format.TELEFONISK, NOW)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert not [s for s in statements if s.startswith("DELETE FROM caseload_caseworkers")]
    with uow() as u:
        links = u.session.execute(select(CaseloadCaseworkerRow.caseworker_id)).scalars().all()
    assert links == [worker]


def test_rows_appended_together_are_written_as_rows_appended_one_by_one(engine, uow):
    """A booking's message, notices and audit line are appended in one block (``Repository.appending``: on
    PostgreSQL one statement for the three tables): read back, each column is what writing them one by one wrote,
    and the notices keep the order they were appended in."""
    from contextlib import nullcontext

    from sqlalchemy import event, select

    from scheduling.adapters.orm import AuditRow, MessageRow, NoticeRow
    from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind, NoticeStatus

    person = a_world(uow, citizens=1).citizens[0]

    def rows(tag):
        notices = [
            NoticeRow(key=f"{tag}-{n}", recipient_kind=ActorKind.CITIZEN, recipient_id=person, channel=channel,
                      kind=NoticeKind.NOTICE, topic="booking", params={"start": SLOT.isoformat(), "n": [n, None]},
                      address=None, locale="da", interview_id=None, interview_uid=f"uid-{n}", status=NoticeStatus.PENDING,
                      attempts=0, next_attempt_at=NOW, created_at=NOW)
            for n, channel in enumerate((NoticeChannel.EMAIL, NoticeChannel.SMS, NoticeChannel.EMAIL))
        ]
        message = MessageRow(citizen_id=person, kind="booking", subject="Emne", body="Tekst æøå", message_id="m",
                             params={"start": SLOT.isoformat()}, created_at=NOW, interview_id=None, decision_id=None)
        audit = AuditRow(at=NOW, actor_kind=ActorKind.CITIZEN, actor_id=person, action="self_book",
                         object_type="interview", object_id=7, citizen_id=person, why=None,
                         details={"start": SLOT.isoformat(), "caseworkers": [1, 2]})
        return message, notices, audit

    statements: list[str] = []
    for tag, together in (("one-by-one", False), ("together", True)):
        message, notices, audit = rows(tag)
        with uow() as u:
            del statements[:]
            event.listen(u.session.connection(), "before_cursor_execute", lambda *args: statements.append(args[2]))
            with u.repo.appending() if together else nullcontext():
                u.repo.append(message)
                u.repo.append_all(notices)
                u.repo.append(audit)
            u.commit()
    assert len(statements) == (1 if engine.dialect.name == "postgresql" else 3)

    def read(table, order):
        with uow(read_only=True) as u:
            found = u.session.execute(select(table.__table__).order_by(*order)).mappings().all()
        return [{k: v for k, v in row.items() if k not in ("id", "key")} for row in found]

    for table in (MessageRow, AuditRow):
        first, second = read(table, [table.id])
        assert first == second
    notices = read(NoticeRow, [NoticeRow.id])
    assert notices[:3] == notices[3:] and [n["interview_uid"] for n in notices[3:]] == ["uid-0", "uid-1", "uid-2"]
