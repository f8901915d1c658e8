"""Decisions (R23, R26) and registrations (R4, R25, R26, hours) on the fake unit of work: the rows, letters,
messages and audit lines each writes, and each refusal by its rule id."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scheduling.adapters.orm import ControlActionRow, DecisionRow, ExemptionRow, HourEntryRow
from scheduling.course import ExemptionGround, Format, InterviewKind
from scheduling.services import booking, decisions, registrations
from scheduling.services.errors import InvalidInput, NotFound, Refused
from scheduling.vocabulary import AuditAction, AuditObject, MessageKind, RecordKind
from tests.integration.world import NOW, SLOT, SLOT_DAY, local

JOB = InterviewKind.JOBSAMTALE
APPEAL = "Ankestyrelsens Beskæftigelsesudvalg"


def _decision(uow, decision_id) -> DecisionRow:
    return next(d for d in uow.repo.all(DecisionRow) if d.id == decision_id)


def test_R23_revocation_is_an_afgoerelse_sent_with_appeal_instructions_and_stops_self_booking(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    decision_id = decisions.revoke_self_booking(uow, worker, person, "forhindrer_forloeb", "Seks aflysninger.", NOW)
    decision = _decision(uow, decision_id)
    assert decision.kind == RecordKind.REVOKE_SELF_BOOKING and decision.is_afgoerelse and APPEAL in decision.letter
    (message,) = uow.messages(person)
    assert message.kind == MessageKind.DECISION and message.decision_id == decision_id
    line = uow.audit()[-1]
    assert (line.action, line.object_type, line.object_id) == (AuditAction.REVOKE_SELF_BOOKING, AuditObject.DECISION, decision_id)
    with pytest.raises(Refused) as refused:
        booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert refused.value.rule == "R23"


def test_R23_restored_the_person_books_again_and_is_told_without_an_afgoerelse(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    decisions.revoke_self_booking(uow, worker, person, "booket_anderledes", "Mange ombookinger.", NOW)
    later = NOW + timedelta(days=1)
    restored = decisions.restore_self_booking(uow, worker, person, "Mønsteret er ophørt.", later)
    assert not _decision(uow, restored).is_afgoerelse
    assert uow.messages(person)[-1].kind == MessageKind.SELF_BOOKING
    booking.self_book(uow, person, JOB, local(SLOT_DAY, "13:00"), Format.TELEFONISK, later)


def test_R23_restoring_a_right_never_revoked_is_refused(uow, world):
    w = world()
    with pytest.raises(Refused) as refused:
        decisions.restore_self_booking(uow, w.akasse_caseworkers[0], w.citizens[0], "Vurdering", NOW)
    assert refused.value.rule == "R23"


def test_R1_the_organisation_not_responsible_does_not_revoke(uow, world):
    w = world()
    with pytest.raises(Refused) as refused:
        decisions.revoke_self_booking(uow, w.jobcenter_caseworkers[0], w.citizens[0], "booket_anderledes", "Vurdering", NOW)
    assert refused.value.rule == "R1"
    assert uow.repo.all(DecisionRow) == [] and uow.messages() == []


def test_a_revocation_needs_a_known_ground_and_an_assessment(uow, world):
    w = world()
    with pytest.raises(InvalidInput):
        decisions.revoke_self_booking(uow, w.akasse_caseworkers[0], w.citizens[0], "andet", "x", NOW)
    with pytest.raises(InvalidInput):
        decisions.revoke_self_booking(uow, w.akasse_caseworkers[0], w.citizens[0], "booket_anderledes", " ", NOW)


def test_an_exemption_from_self_booking_is_no_afgoerelse_and_can_be_lifted(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    exempted = decisions.exempt_from_self_booking(uow, worker, person, "Har brug for tolk.", NOW)
    assert _decision(uow, exempted).kind == RecordKind.EXEMPT_FROM_SELF_BOOKING and not _decision(uow, exempted).is_afgoerelse
    with pytest.raises(Refused):
        booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    decisions.lift_self_booking_exemption(uow, worker, person, "Tolk ikke længere nødvendig.", NOW)
    booking.self_book(uow, person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert [a.action for a in uow.audit()][-3:] == [
        AuditAction.EXEMPT_FROM_SELF_BOOKING, AuditAction.LIFT_SELF_BOOKING_EXEMPTION, AuditAction.SELF_BOOK
    ]


def test_R26_an_exemption_suspends_call_ins_and_not_covered_is_an_afgoerelse_decided_once(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    exemption_id = registrations.register_exemption(
        uow, worker, person, ExemptionGround.NR1_JOB_LEAVE_OR_PENSION, NOW.date(), NOW,
        event_on=NOW.date() + timedelta(days=20), documentation="Kontrakt",
    )
    with pytest.raises(Refused) as refused:
        booking.call_in(uow, worker, person, JOB, SLOT, Format.PERSONLIGT, NOW)
    assert refused.value.rule == "R26"
    decision_id = decisions.decide_not_covered(uow, worker, exemption_id, "Jobbet er ikke på fuld tid.", NOW)
    (exemption,) = uow.repo.all(ExemptionRow)
    assert exemption.not_covered_on == NOW.date() and exemption.not_covered_decision_id == decision_id
    assert _decision(uow, decision_id).kind == RecordKind.NOT_COVERED and _decision(uow, decision_id).is_afgoerelse
    with pytest.raises(NotFound):
        decisions.decide_not_covered(uow, worker, exemption_id, "Igen", NOW)


def test_R4_only_the_akasse_refers_and_the_audit_line_says_refer_r4(uow, world):
    w = world(birth_date=date(2004, 3, 1), registered_on=date(2026, 1, 26), first_interview_held=False)
    person = w.citizens[0]
    with pytest.raises(Refused) as refused:
        registrations.refer_r4(uow, w.jobcenter_caseworkers[0], person, NOW)
    assert refused.value.rule == "R4"
    registrations.refer_r4(uow, w.akasse_caseworkers[0], person, NOW)
    assert uow.repo.active_course(person).referred_r4_on == NOW.date()
    assert uow.messages(person)[-1].kind == MessageKind.REFERRAL
    line = uow.audit()[-1]
    assert line.action == AuditAction.REFER_R4 == "refer_r4" and line.details == {"reason_code": 45}


def test_R25_a_control_action_is_registered_and_answered_by_a_call_in_the_person_cannot_cancel(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    action_id = registrations.register_control_action(uow, worker, person, NOW.date(), NOW, stay_abroad=True)
    (action,) = uow.repo.all(ControlActionRow)
    assert action.id == action_id and action.stay_abroad
    interview_id = booking.call_in(uow, worker, person, JOB, SLOT, Format.PERSONLIGT, NOW, control_action_id=action_id)
    with pytest.raises(Refused):
        booking.cancel(uow, person, interview_id, NOW)
    with pytest.raises(NotFound):  # a control action of another course
        booking.call_in(uow, worker, person, JOB, SLOT + timedelta(hours=1), Format.PERSONLIGT, NOW, control_action_id=999)


def test_a_control_action_received_in_the_future_is_invalid_input(uow, world):
    w = world()
    with pytest.raises(InvalidInput):
        registrations.register_control_action(uow, w.akasse_caseworkers[0], w.citizens[0], NOW.date() + timedelta(days=1), NOW)


def test_hours_are_registered_with_their_audit_line_and_impossible_entries_are_refused(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    entry = registrations.register_hours(uow, worker, person, date(2026, 2, 2), date(2026, 1, 5), date(2026, 1, 31), "148,5", NOW)
    (row,) = uow.repo.all(HourEntryRow)
    assert row.id == entry and str(row.hours) == "148.5"
    assert uow.audit()[-1].action == AuditAction.REGISTER_HOURS
    with pytest.raises(InvalidInput):  # more hours than the period's days hold
        registrations.register_hours(uow, worker, person, date(2026, 2, 2), date(2026, 1, 30), date(2026, 1, 31), "49", NOW)
    with pytest.raises(InvalidInput):  # registered before the period ended
        registrations.register_hours(uow, worker, person, date(2026, 1, 20), date(2026, 1, 5), date(2026, 1, 31), "10", NOW)
