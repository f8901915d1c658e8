"""Booking services on the fake unit of work: what they write, what they refuse (by rule id), what they lock.

The same services run on SQLite and PostgreSQL in tests/integration, where the locks, the unique indexes and the
races are tested.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.adapters.orm import DecisionRow, InterviewRow
from scheduling.course import BookedBy, Format, InterviewKind, InterviewStatus, Organisation
from scheduling.services import booking, messages
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken
from scheduling.vocabulary import ActorKind, AuditAction, AuditObject, MessageKind, RecordKind
from tests.integration.world import NOW, SLOT, SLOT_DAY, local

JOB = InterviewKind.JOBSAMTALE


def _interview(uow, interview_id) -> InterviewRow:
    row = uow.repo.interview(interview_id)
    assert row is not None
    return row


def test_self_book_writes_the_interview_its_caseworker_a_message_and_an_audit_line_in_one_commit(uow, world):
    w = world()
    person = w.citizens[0]
    before = uow.commits
    interview_id = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert uow.commits == before + 1
    row = _interview(uow, interview_id)
    assert (row.start_at, row.end_at, row.status, row.booked_by) == (
        SLOT, SLOT + timedelta(minutes=30), InterviewStatus.BOOKED, BookedBy.SELF
    )
    assert row.organisation == Organisation.AKASSE and row.caseworker_ids == w.akasse_caseworkers
    (message,) = uow.messages(person)
    assert message.kind == MessageKind.BOOKING and message.interview_id == interview_id
    (line,) = [a for a in uow.audit() if a.object_id == interview_id]
    assert (line.action, line.object_type, line.actor_kind) == (AuditAction.SELF_BOOK, AuditObject.INTERVIEW, ActorKind.CITIZEN)


def test_a_booking_locks_the_person_and_claims_only_the_caseworker_it_gets(uow, world):
    """Issue 11: no lock on every candidate caseworker (all bookings at one jobcenter queued behind them)."""
    w = world(akasse_caseworkers=3)
    uow.repo.locks.clear()
    person = w.citizens[0]
    interview_id = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    workers = sorted(w.akasse_caseworkers)
    first = workers[person % 3]  # the turn begins at a place given by the person's id
    assert uow.repo.locks == [("citizen", person)]
    assert uow.repo.claims == [first] and _interview(uow, interview_id).caseworker_ids == [first]


def test_people_booking_one_time_begin_at_different_caseworkers_and_try_them_all_in_turn(uow, world):
    """Racing people do not all queue for the first caseworker: each begins at the place their id gives."""
    w = world(citizens=3, akasse_caseworkers=3)
    workers = sorted(w.akasse_caseworkers)
    tried: dict[int, list[int]] = {}
    uow.repo.claim_caseworker = lambda row, cw, role: tried.setdefault(row.citizen_id, []).append(cw) or False
    for person in w.citizens:
        with pytest.raises(SlotTaken):
            booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    for person in w.citizens:
        turn = person % 3
        assert tried[person] == workers[turn:] + workers[:turn]
    assert len({order[0] for order in tried.values()}) == len({p % 3 for p in w.citizens})


def test_a_caseworker_the_database_refuses_is_passed_over_for_the_next(uow, world):
    """Another booking claimed the first free-looking caseworker meanwhile: the next one gets the interview."""
    w = world(akasse_caseworkers=3)
    person = w.citizens[0]
    workers = sorted(w.akasse_caseworkers)
    first, second = workers[person % 3], workers[(person + 1) % 3]
    claim = uow.repo.claim_caseworker
    uow.repo.claim_caseworker = lambda row, cw, role: cw != first and claim(row, cw, role)
    interview_id = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert _interview(uow, interview_id).caseworker_ids == [second]


def test_when_the_database_refuses_every_caseworker_the_slot_is_taken_and_nothing_is_written(uow, world):
    w = world(akasse_caseworkers=2)
    before = len(uow.repo.all(InterviewRow))
    uow.repo.claim_caseworker = lambda row, cw, role: False
    with pytest.raises(SlotTaken):
        booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert uow.messages() == [] and len(uow.repo.all(InterviewRow)) == before


def test_R19_the_first_akasse_interview_is_not_self_booked(uow, world):
    w = world(first_interview_held=False)
    with pytest.raises(Refused) as refused:
        booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.PERSONLIGT, NOW)
    assert refused.value.rule == "R19"
    assert uow.messages() == [] and len(uow.repo.all(InterviewRow)) == 0


def test_R19_no_free_slots_are_offered_before_the_called_in_first_interview(uow, world):
    w = world(first_interview_held=False)
    with pytest.raises(Refused) as refused:
        booking.find_free_slots(uow, w.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    assert refused.value.rule == "R19"


def test_free_slots_follow_working_hours_and_leave_out_the_persons_own_interview(uow, world):
    w = world()
    found = booking.find_free_slots(uow, w.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    assert found[0].start == local(SLOT_DAY, "09:00") and found[-1].start == local(SLOT_DAY, "14:30")
    booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert SLOT not in [s.start for s in booking.find_free_slots(uow, w.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)]


def test_the_second_person_for_one_slot_gets_slot_taken(uow, world):
    w = world(citizens=2)
    booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(SlotTaken):
        booking.self_book(uow, w.citizens[1], JOB, SLOT, Format.TELEFONISK, NOW)


def test_a_time_that_is_never_offered_is_invalid_input(uow, world):
    w = world()
    with pytest.raises(InvalidInput):
        booking.self_book(uow, w.citizens[0], JOB, local(SLOT_DAY, "09:07"), Format.TELEFONISK, NOW)


def test_rebook_keeps_the_uid_raises_the_sequence_and_tells_the_person(uow, world):
    w = world()
    person = w.citizens[0]
    mine = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    uid = _interview(uow, mine).uid
    booking.rebook(uow, person, mine, local(SLOT_DAY, "13:00"), NOW)
    row = _interview(uow, mine)
    assert (row.uid, row.sequence, row.rebooked_count, row.start_at) == (uid, 1, 1, local(SLOT_DAY, "13:00"))
    assert [m.kind for m in uow.messages(person)] == [MessageKind.BOOKING, MessageKind.REBOOKING]


def test_cancel_frees_the_time_and_raises_the_sequence(uow, world):
    w = world()
    person = w.citizens[0]
    mine = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.cancel(uow, person, mine, NOW)
    row = _interview(uow, mine)
    assert row.status == InterviewStatus.CANCELLED and row.cancelled_at == NOW and row.sequence == 1
    assert all(p.status == InterviewStatus.CANCELLED for p in row.participants)
    assert uow.messages(person)[-1].kind == MessageKind.CANCELLATION
    assert SLOT in [s.start for s in booking.find_free_slots(uow, person, JOB, SLOT_DAY, SLOT_DAY, NOW)]


def test_FRIST_no_cancelling_or_rebooking_after_the_organisations_change_deadline(uow, world):
    w = world()
    person = w.citizens[0]
    mine = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(Refused) as refused:
        booking.cancel(uow, person, mine, SLOT - timedelta(hours=23))
    assert refused.value.rule == "FRIST"
    with pytest.raises(Refused):
        booking.rebook(uow, person, mine, local(SLOT_DAY, "13:00"), SLOT - timedelta(hours=2))
    assert _interview(uow, mine).status == InterviewStatus.BOOKED


def test_another_persons_interview_is_not_found(uow, world):
    w = world(citizens=2)
    mine = booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(NotFound):
        booking.cancel(uow, w.citizens[1], mine, NOW)
    with pytest.raises(NotFound):
        booking.rebook(uow, w.citizens[1], mine, local(SLOT_DAY, "13:00"), NOW)


def test_call_in_books_the_caseworker_and_sends_the_call_in_with_the_caseworkers_note(uow, world):
    w = world(first_interview_held=False)
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    interview_id = booking.call_in(uow, worker, person, JOB, SLOT, Format.PERSONLIGT, NOW, message="Husk dit CV.")
    row = _interview(uow, interview_id)
    assert row.booked_by == BookedBy.CALLED_IN and row.caseworker_ids == [worker]
    (message,) = uow.messages(person)
    assert message.kind == MessageKind.CALL_IN and "Husk dit CV." in message.body
    assert uow.audit()[-1].action == AuditAction.CALL_IN


def test_R15_the_first_interview_is_not_called_in_by_phone(uow, world):
    w = world(first_interview_held=False)
    with pytest.raises(Refused) as refused:
        booking.call_in(uow, w.akasse_caseworkers[0], w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert refused.value.rule == "R15"


def test_R1_the_jobcenter_does_not_call_in_during_the_akasse_period(uow, world):
    w = world()
    with pytest.raises(Refused) as refused:
        booking.call_in(uow, w.jobcenter_caseworkers[0], w.citizens[0], JOB, SLOT, Format.PERSONLIGT, NOW)
    assert refused.value.rule == "R1"


def test_a_called_in_interview_is_not_cancelled_by_the_person(uow, world):
    w = world()
    called = booking.call_in(uow, w.akasse_caseworkers[0], w.citizens[0], JOB, SLOT, Format.PERSONLIGT, NOW)
    with pytest.raises(Refused) as refused:
        booking.cancel(uow, w.citizens[0], called, NOW)
    assert refused.value.rule in {"R19", "R21", "R23", "R25"}


def test_a_caseworker_of_another_organisation_finds_nothing(uow, world):
    w = world()
    with pytest.raises(NotFound):
        booking.call_in(uow, w.other_akasse_caseworker, w.citizens[0], JOB, SLOT, Format.PERSONLIGT, NOW)
    mine = booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(NotFound):
        booking.raise_format_to_in_person(uow, w.other_akasse_caseworker, mine, "Fordi", NOW)


def test_R17_raising_the_format_records_the_reason_tells_the_person_and_stops_their_changes(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    mine = booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    decision_id = booking.raise_format_to_in_person(uow, worker, mine, "Vi skal gennemgå dit CV sammen.", NOW)
    row = _interview(uow, mine)
    assert row.format == Format.PERSONLIGT and row.format_raised and row.sequence == 1
    (decision,) = uow.repo.all(DecisionRow)
    assert decision.id == decision_id and decision.kind == RecordKind.FORMAT_RAISED and not decision.is_afgoerelse
    message = uow.messages(person)[-1]
    assert message.kind == MessageKind.FORMAT_RAISED and message.decision_id == decision_id
    with pytest.raises(Refused) as refused:
        booking.cancel(uow, person, mine, NOW)
    assert refused.value.rule == "R17"


def test_raising_the_format_needs_a_reason(uow, world):
    w = world()
    mine = booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(InvalidInput):
        booking.raise_format_to_in_person(uow, w.akasse_caseworkers[0], mine, "   ", NOW)


def test_R15_the_first_interview_is_already_in_person_and_its_format_is_not_raised(uow, world):
    w = world(first_interview_held=False)
    worker = w.akasse_caseworkers[0]
    first = booking.call_in(uow, worker, w.citizens[0], JOB, SLOT, Format.PERSONLIGT, NOW)
    with pytest.raises(Refused) as refused:
        booking.raise_format_to_in_person(uow, worker, first, "Begrundelse", NOW)
    assert refused.value.rule == "R15"


def test_recording_an_interview_held_or_missed_uses_one_audit_action_each(uow, world):
    w = world(citizens=2)
    worker = w.akasse_caseworkers[0]
    held = booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    missed = booking.self_book(uow, w.citizens[1], JOB, SLOT + timedelta(hours=1), Format.TELEFONISK, NOW)
    with pytest.raises(InvalidInput):  # not before it began
        booking.record_interview(uow, worker, held, True, NOW)
    later = SLOT + timedelta(hours=2)
    booking.record_interview(uow, worker, held, True, later, checklist={"repatriation_guidance": True}, note="ok")
    booking.record_interview(uow, worker, missed, False, later)
    assert _interview(uow, held).status == InterviewStatus.HELD and _interview(uow, held).recorded_at == later
    assert _interview(uow, held).checklist == {"repatriation_guidance": True}
    assert _interview(uow, missed).status == InterviewStatus.MISSED
    actions = {a.object_id: a.action for a in uow.audit() if a.at == later}
    assert actions == {held: AuditAction.RECORD_HELD, missed: AuditAction.RECORD_MISSED}


def test_the_caseworker_cancels_with_a_reason_the_person_is_told(uow, world):
    w = world()
    worker, person = w.akasse_caseworkers[0], w.citizens[0]
    called = booking.call_in(uow, worker, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    with pytest.raises(InvalidInput):
        booking.cancel_by_caseworker(uow, worker, called, " ", NOW)
    booking.cancel_by_caseworker(uow, worker, called, "Sygdom", NOW)
    assert _interview(uow, called).status == InterviewStatus.CANCELLED
    message = uow.messages(person)[-1]
    assert message.kind == MessageKind.CANCELLATION and "Begrundelse: Sygdom" in message.body


def test_a_message_is_marked_read_only_by_its_owner(uow, world):
    w = world(citizens=2)
    booking.self_book(uow, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    (message,) = uow.messages(w.citizens[0])
    with pytest.raises(NotFound):
        messages.mark_read(uow, w.citizens[1], message.id, NOW)
    messages.mark_read(uow, w.citizens[0], message.id, NOW)
    assert message.read_at == NOW


def test_R22_a_joint_interview_called_in_inside_an_agreed_timeslot_belongs_to_it(uow, world):
    """So both organisations see it among the timeslot's joint interviews, as a self-booked one."""
    from scheduling.adapters.orm import AgreedTimeslotRow
    from scheduling.course import AkasseParticipation

    w = world(timeslot=True, handed_over=True, akasse_caseworkers=2)
    (timeslot,) = uow.repo.all(AgreedTimeslotRow)
    inside = booking.call_in(
        uow, w.jobcenter_caseworkers[0], w.citizens[0], InterviewKind.FAELLESSAMTALE, SLOT, Format.PERSONLIGT, NOW,
        akasse_participation=AkasseParticipation.VIDEO,
    )
    outside = booking.call_in(
        uow, w.jobcenter_caseworkers[0], w.citizens[0], InterviewKind.FAELLESSAMTALE, local(SLOT_DAY, "13:00"),
        Format.PERSONLIGT, NOW, akasse_participation=AkasseParticipation.VIDEO,
    )
    assert _interview(uow, inside).timeslot_id == timeslot.id
    assert len(_interview(uow, inside).participants) == 2
    assert _interview(uow, outside).timeslot_id is None
