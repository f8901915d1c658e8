"""Decisions (R23, R26), registrations (R4, R25, hours) and availability (working hours, timeslots R22) on both
databases."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from scheduling.adapters.orm import RecordKind, TimeslotStatus
from scheduling.course import AkasseParticipation, ExemptionGround, Format, InterviewKind
from scheduling.services import availability, booking, decisions, queries, registrations
from scheduling.services.errors import InvalidInput, NotFound, Refused
from scheduling.services.letters import appeal_instructions
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
APPEAL_WORDS = ("Ankestyrelsens Beskæftigelsesudvalg", "4 uger", "retssikkerhedslovens § 59 b", "§ 207")


def test_revocation_is_an_afgoerelse_with_appeal_instructions_and_stops_self_booking_r23(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    decision_id = decisions.revoke_self_booking(
        uow(), worker, person, "forhindrer_forloeb", "Du har booket og aflyst 6 samtaler på to uger.", NOW
    )
    decision = queries.citizen_decisions(uow(read_only=True), person)[-1]
    assert decision.id == decision_id and decision.kind == RecordKind.REVOKE_SELF_BOOKING and decision.is_afgoerelse
    for words in (*APPEAL_WORDS, "LAB § 35", "Du har booket og aflyst 6 samtaler på to uger."):
        assert words in decision.letter
    message = queries.citizen_messages(uow(read_only=True), person)[0]
    assert message.decision_id == decision_id and "Ankestyrelsens Beskæftigelsesudvalg" in message.body
    with pytest.raises(Refused) as refused:
        booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert refused.value.rule == "R23"
    # called in instead, then restored
    booking.call_in(uow(), worker, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    decisions.restore_self_booking(uow(), worker, person, "Mønsteret er ophørt.", NOW + timedelta(days=1))
    booking.self_book(uow(), person, JOB, local(SLOT_DAY, "13:00"), Format.TELEFONISK, NOW + timedelta(days=1))


def test_exemption_from_self_booking_is_no_afgoerelse_and_can_be_lifted(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    decisions.exempt_from_self_booking(uow(), worker, person, "Har brug for tolk.", NOW)
    decision = queries.citizen_decisions(uow(read_only=True), person)[-1]
    assert decision.kind == RecordKind.EXEMPT_FROM_SELF_BOOKING and not decision.is_afgoerelse
    with pytest.raises(Refused):
        booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    decisions.lift_self_booking_exemption(uow(), worker, person, "Tolk ikke længere nødvendig.", NOW)
    booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)


def test_not_covered_is_an_afgoerelse_on_the_exemption_r26(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    exemption_id = registrations.register_exemption(
        uow(), worker, person, ExemptionGround.NR1_JOB_LEAVE_OR_PENSION, NOW.date(), NOW,
        event_on=NOW.date() + timedelta(days=20), documentation="Kontrakt",
    )
    with pytest.raises(Refused) as refused:  # exempt: no call-in (R26)
        booking.call_in(uow(), worker, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    assert refused.value.rule == "R26"
    decision_id = decisions.decide_not_covered(uow(), worker, exemption_id, "Jobbet er ikke på fuld tid.", NOW)
    decision = queries.citizen_decisions(uow(read_only=True), person)[-1]
    assert decision.id == decision_id and decision.kind == RecordKind.NOT_COVERED and decision.is_afgoerelse
    for words in (*APPEAL_WORDS, "§ 106, stk. 3"):
        assert words in decision.letter
    course = queries.load_course(uow(read_only=True), person)
    assert course.exemptions[0].not_covered_on == NOW.date()
    with pytest.raises(NotFound):  # decided once
        decisions.decide_not_covered(uow(), worker, exemption_id, "Igen", NOW)


def test_appeal_instructions_live_in_one_place():
    for words in APPEAL_WORDS:
        assert words in appeal_instructions("Jobcentret", NOW.date())


def test_refer_r4_moves_the_course_to_the_jobcenter_r4(engine, uow):
    world = a_world(uow, birth_date=date(2004, 3, 1), registered_on=date(2026, 1, 26), first_interview_held=False)
    person = world.citizens[0]
    with pytest.raises(Refused) as refused:
        registrations.refer_r4(uow(), world.jobcenter_caseworkers[0], person, NOW)
    assert refused.value.rule == "R4"
    registrations.refer_r4(uow(), world.akasse_caseworkers[0], person, NOW)
    assert queries.load_course(uow(read_only=True), person).referred_r4_on == NOW.date()
    assert queries.citizen_messages(uow(read_only=True), person)[0].kind == "visitering"
    trail = queries.audit_trail(uow(read_only=True), world.jobcenter_caseworkers[0], person)
    assert trail[-1].action == "refer_r4" and trail[-1].details["reason_code"] == 45


def test_register_control_action_and_call_in_for_it_r25(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    action_id = registrations.register_control_action(uow(), worker, person, NOW.date(), NOW, stay_abroad=True,
                                                      authority="Udbetaling Danmark")
    course = queries.load_course(uow(read_only=True), person)
    assert course.control_actions[0].stay_abroad and course.control_actions[0].id == str(action_id)
    interview_id = booking.call_in(uow(), worker, person, JOB, SLOT, Format.PERSONLIGT, NOW, control_action_id=action_id)
    assert queries.load_course(uow(read_only=True), person).interviews[-1].control_action_id == str(action_id)
    with pytest.raises(Refused):  # called in because of a control action: the person cannot cancel it
        booking.cancel(uow(), person, interview_id, NOW)


def test_register_hours_moves_the_hand_over(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    registrations.register_hours(uow(), worker, person, date(2026, 2, 2), date(2026, 1, 5), date(2026, 1, 31),
                                 "420.5", NOW)
    course = queries.load_course(uow(read_only=True), person)
    assert course.hours[0].hours == Decimal("420.50")
    with pytest.raises(InvalidInput):
        registrations.register_hours(uow(), worker, person, NOW.date(), NOW.date(), NOW.date(), "mange", NOW)


@pytest.mark.parametrize(
    ("registered_on", "period_start", "period_end", "hours", "says"),
    [
        (date(2030, 2, 2), date(2026, 1, 5), date(2026, 1, 31), "148", "fremtiden"),  # registered after today
        (date(2026, 2, 2), date(2020, 1, 1), date(2020, 1, 31), "148", "indplacering"),  # before the placement
        (date(2026, 1, 20), date(2026, 1, 5), date(2026, 1, 31), "148", "efter perioden"),  # before the period ends
        (date(2026, 2, 2), date(2026, 1, 31), date(2026, 1, 5), "148", "sidste dag"),  # ends before it starts
        (date(2026, 2, 2), date(2026, 1, 5), date(2026, 1, 31), "0", "over 0"),
        (date(2026, 2, 2), date(2026, 1, 5), date(2026, 1, 31), "-5", "over 0"),
        (date(2026, 2, 2), date(2026, 1, 5), date(2026, 1, 11), "169", "højst"),  # 7 days hold at most 168 hours
    ],
)
def test_register_hours_refuses_entries_that_cannot_be_true(engine, uow, registered_on, period_start, period_end,
                                                             hours, says):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    with pytest.raises(InvalidInput) as invalid:
        registrations.register_hours(uow(), worker, person, registered_on, period_start, period_end, hours, NOW)
    assert says in invalid.value.reason.render()
    assert queries.load_course(uow(read_only=True), person).hours == ()


def test_register_hours_accepts_a_full_period_on_its_last_day(engine, uow):
    world = a_world(uow)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    registrations.register_hours(uow(), worker, person, date(2026, 1, 11), date(2026, 1, 5), date(2026, 1, 11),
                                 "168", NOW)
    assert queries.load_course(uow(read_only=True), person).hours[0].hours == Decimal("168")


def test_set_working_hours_replaces_the_week(engine, uow):
    world = a_world(uow)
    worker = world.akasse_caseworkers[0]
    availability.set_working_hours(uow(), worker, [(SLOT_DAY.weekday(), time(12), time(13))], NOW)
    slots = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    assert [s.start for s in slots] == [local(SLOT_DAY, "12:00"), local(SLOT_DAY, "12:30")]
    with pytest.raises(InvalidInput):
        availability.set_working_hours(uow(), worker, [(1, time(9), time(12)), (1, time(11), time(14))], NOW)


def test_absence_can_be_removed_only_by_its_owner(engine, uow):
    world = a_world(uow, akasse_caseworkers=2)
    a, b = world.akasse_caseworkers
    absence = availability.add_absence(uow(), a, SLOT, SLOT + timedelta(hours=1), NOW)
    with pytest.raises(NotFound):
        availability.remove_absence(uow(), b, absence, NOW)
    availability.remove_absence(uow(), a, absence, NOW)


def test_timeslot_proposed_by_the_jobcenter_accepted_by_the_a_kasse_r22(engine, uow):
    world = a_world(uow, handed_over=True)
    jc, ak = world.jobcenter_caseworkers[0], world.akasse_caseworkers[0]
    assert booking.find_free_slots(uow(read_only=True), world.citizens[0], InterviewKind.FAELLESSAMTALE,
                                   SLOT_DAY, SLOT_DAY, NOW) == []
    slot_id = availability.propose_timeslot(uow(), jc, world.akasse_id, SLOT_DAY.weekday(), time(13), time(14),
                                            date(2026, 1, 1), AkasseParticipation.VIDEO, NOW)
    with pytest.raises(NotFound):  # only the a-kasse it was proposed to answers
        availability.accept_timeslot(uow(), world.other_akasse_caseworker, slot_id, NOW)
    with pytest.raises(NotFound):  # an a-kasse does not propose
        availability.propose_timeslot(uow(), ak, world.akasse_id, 1, time(9), time(10), date(2026, 1, 1),
                                      AkasseParticipation.VIDEO, NOW)
    availability.accept_timeslot(uow(), ak, slot_id, NOW)
    slots = booking.find_free_slots(uow(read_only=True), world.citizens[0], InterviewKind.FAELLESSAMTALE,
                                    SLOT_DAY, SLOT_DAY, NOW)
    assert [s.start for s in slots] == [local(SLOT_DAY, "13:00"), local(SLOT_DAY, "13:30")]
    with pytest.raises(InvalidInput):
        availability.decline_timeslot(uow(), ak, slot_id, NOW)


def test_declined_timeslot_offers_nothing(engine, uow):
    world = a_world(uow, handed_over=True)
    slot_id = availability.propose_timeslot(uow(), world.jobcenter_caseworkers[0], world.akasse_id, SLOT_DAY.weekday(),
                                            time(13), time(14), date(2026, 1, 1), AkasseParticipation.IN_PERSON, NOW)
    availability.decline_timeslot(uow(), world.akasse_caseworkers[0], slot_id, NOW)
    with uow(read_only=True) as u:
        assert u.repo.timeslot(slot_id).status == TimeslotStatus.DECLINED
    assert booking.find_free_slots(uow(read_only=True), world.citizens[0], InterviewKind.FAELLESSAMTALE,
                                   SLOT_DAY, SLOT_DAY, NOW) == []


def test_organisation_settings_only_by_an_admin_and_book_by_at_least_8_days(engine, uow):
    world = a_world(uow)
    worker = world.akasse_caseworkers[0]
    with pytest.raises(NotFound):
        availability.update_organisation_settings(uow(), worker, NOW, change_deadline_hours=48)
    with uow() as u:
        u.repo.caseworker(worker).is_admin = True
        u.commit()
    with pytest.raises(InvalidInput):
        availability.update_organisation_settings(uow(), worker, NOW, book_by_days=7)
    availability.update_organisation_settings(uow(), worker, NOW, change_deadline_hours=48, book_by_days=10)
    mine = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    with pytest.raises(Refused) as refused:
        booking.cancel(uow(), world.citizens[0], mine, SLOT - timedelta(hours=47))
    assert refused.value.rule == "FRIST"


def test_organisation_contact_details_are_checked_by_the_service_and_nothing_is_half_written(engine, uow):
    """Issue 13: behind the settings form, the service refuses a contact form that is not https (it becomes a
    link) before it writes anything, the deadlines of the same call included."""
    world = a_world(uow)
    worker = world.akasse_caseworkers[0]
    with uow() as u:
        u.repo.caseworker(worker).is_admin = True
        u.commit()
    bad = availability.ContactSettings(phone="70 10 20 30", contact_url="javascript:alert(1)")
    with pytest.raises(InvalidInput):
        availability.update_organisation_settings(uow(), worker, NOW, change_deadline_hours=48, contact=bad)
    good = availability.ContactSettings(phone="70 10 20 30", contact_url="https://eksempel.dk/kontakt", calls_from="70 10 20 39")
    availability.update_organisation_settings(uow(), worker, NOW, contact=good)
    with uow(read_only=True) as u:
        org = u.repo.caseworker(worker).organisation
        assert (org.change_deadline_hours, org.contact_url, org.calls_from) == (24, "https://eksempel.dk/kontakt", "70 10 20 39")
