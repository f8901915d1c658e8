"""R1, R10, R12, R15–R21, R23, R24, R26: what the person may book and change."""

from datetime import timedelta

import pytest

from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    DecisionKind,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import check_citizen_change, check_self_booking, evaluate

from .factories import a_course, at, d, decision, exemption, handed_over_course, interview

J, F, R = InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE, InterviewKind.RAADIGHEDSSAMTALE
AK, JC = Organisation.AKASSE, Organisation.JOBCENTER
FIRST_HELD = [interview("2026-01-12", booked_by=BookedBy.CALLED_IN)]


def book(course, on, kind, org, fmt, day, participation=None):
    return check_self_booking(course, d(on), kind, org, fmt, at(day), participation)


def test_R19_first_akasse_interview_is_called_in_never_self_booked():
    verdict = book(a_course(), "2026-01-06", J, AK, Format.PERSONLIGT, "2026-01-12")
    assert not verdict and verdict.reason.rule == "R19"


def test_R20_second_akasse_interview_self_booked_in_any_format():
    course = a_course(interviews=FIRST_HELD)
    for fmt in Format:
        assert book(course, "2026-01-13", J, AK, fmt, "2026-02-10")
    option = next(o for o in evaluate(course, d("2026-01-13")).citizen.options if o.organisation is AK)
    assert set(option.formats) == set(Format) and not option.first_interview


def test_R15_booking_before_the_called_in_first_would_be_first():
    course = a_course(interviews=[interview("2026-01-15", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN)])
    assert book(course, "2026-01-06", J, AK, Format.VIDEO, "2026-01-14").reason.rule == "R19"
    assert book(course, "2026-01-06", J, AK, Format.VIDEO, "2026-01-20")


def test_R15_R4_first_jobcenter_interview_in_person_only():
    course = a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-06"))
    option = next(o for o in evaluate(course, d("2026-01-07")).citizen.options if o.kind is J)
    assert option.formats == (Format.PERSONLIGT,) and option.first_interview
    assert book(course, "2026-01-07", J, JC, Format.PERSONLIGT, "2026-01-20")
    verdict = book(course, "2026-01-07", J, JC, Format.TELEFONISK, "2026-01-20")
    assert not verdict and verdict.reason.rule == "R15"


def test_R15_missed_first_interview_leaves_next_one_first():
    course = a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-06"),
                      interviews=[interview("2026-01-10", org=JC, status=InterviewStatus.MISSED)])
    assert not book(course, "2026-01-11", J, JC, Format.VIDEO, "2026-01-20")


def test_R1_no_jobcenter_interview_in_akasse_period():
    course = handed_over_course(interviews=FIRST_HELD)
    verdict = book(course, "2026-02-01", J, JC, Format.PERSONLIGT, "2026-04-30")
    assert not verdict and verdict.reason.rule == "R1"
    assert book(course, "2026-02-01", J, JC, Format.PERSONLIGT, "2026-05-04", AkasseParticipation.NONE)


def test_R1_no_akasse_interview_after_handover():
    verdict = book(handed_over_course(interviews=FIRST_HELD), "2026-05-01", J, AK, Format.VIDEO, "2026-05-10")
    assert not verdict and verdict.reason.rule == "R1"


def test_R10_person_chooses_akasse_participation_at_first_jobcenter_interview():
    course = handed_over_course(interviews=FIRST_HELD)
    options = {o.kind: o for o in evaluate(course, d("2026-05-01")).citizen.options}
    assert options[F].must_choose_akasse_participation and options[J].must_choose_akasse_participation
    assert set(options[F].akasse_participation_choices) == {AkasseParticipation.VIDEO, AkasseParticipation.IN_PERSON}
    assert not book(course, "2026-05-01", F, JC, Format.VIDEO, "2026-05-10")
    assert book(course, "2026-05-01", F, JC, Format.VIDEO, "2026-05-10", AkasseParticipation.VIDEO)


def test_R10_not_for_R4_group_and_not_after_first_jobcenter_interview():
    r4 = a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-06"))
    assert book(r4, "2026-01-07", F, JC, Format.PERSONLIGT, "2026-01-20", AkasseParticipation.VIDEO).reason.rule == "R21"
    later = handed_over_course(interviews=[*FIRST_HELD, interview("2026-05-05", org=JC)])
    assert book(later, "2026-05-06", F, JC, Format.VIDEO, "2026-05-20", AkasseParticipation.VIDEO).reason.rule == "R21"


R10_OPEN = dict(interviews=FIRST_HELD)  # just handed over on 1 May 2026: the first jobcenter interview is open
R12_OPEN = dict(interviews=[*FIRST_HELD, interview("2026-05-05", org=JC)])  # past 6 months on 1 Aug 2026


def refusal(course, on, kind):
    return next((r.reason for r in evaluate(course, d(on)).citizen.refusals if r.kind is kind and r.organisation is JC), None)


def test_R21_R10_jobcenter_calls_in_to_the_first_jobcenter_interview_held_jointly():
    course = handed_over_course(**R10_OPEN, faellessamtale_r10_selvbooking=False)
    verdict = book(course, "2026-05-01", F, JC, Format.VIDEO, "2026-05-10", AkasseParticipation.VIDEO)
    assert not verdict and verdict.reason.rule == "R21" and verdict.reason.basis == "LAB § 34, stk. 1, 2. pkt."
    assert "første samtale i jobcentret" in verdict.reason.message and "indkalder" in verdict.reason.message
    assert refusal(course, "2026-05-01", F) == verdict.reason
    # without the a-kasse the person still books it as a job interview
    assert book(course, "2026-05-01", J, JC, Format.VIDEO, "2026-05-10", AkasseParticipation.NONE)


def test_R21_R10_choice_does_not_touch_the_16_month_interview():
    course = handed_over_course(**R12_OPEN, faellessamtale_r10_selvbooking=False)
    assert book(course, "2026-08-01", F, JC, Format.VIDEO, "2026-08-10", AkasseParticipation.VIDEO)


def test_R21_R12_jobcenter_calls_in_to_the_16_month_joint_interview():
    course = handed_over_course(**R12_OPEN, faellessamtale_r12_selvbooking=False)
    verdict = book(course, "2026-08-01", F, JC, Format.VIDEO, "2026-08-10", AkasseParticipation.VIDEO)
    assert not verdict and verdict.reason.rule == "R21" and verdict.reason.basis == "LAB § 34, stk. 1, 2. pkt."
    assert "16 måneders ledighed" in verdict.reason.render() and "indkalder" in verdict.reason.render()
    assert refusal(course, "2026-08-01", F) == verdict.reason
    assert F not in {o.kind for o in evaluate(course, d("2026-08-01")).citizen.options}
    assert book(course, "2026-08-01", J, JC, Format.VIDEO, "2026-08-10")  # ordinary job interviews stay open


def test_R21_R12_choice_does_not_touch_the_first_jobcenter_interview():
    course = handed_over_course(**R10_OPEN, faellessamtale_r12_selvbooking=False)
    assert book(course, "2026-05-01", F, JC, Format.VIDEO, "2026-05-10", AkasseParticipation.VIDEO)


def test_R21_the_two_kinds_have_distinct_reasons():
    r10 = handed_over_course(**R10_OPEN, faellessamtale_r10_selvbooking=False)
    r12 = handed_over_course(**R12_OPEN, faellessamtale_r12_selvbooking=False)
    assert refusal(r10, "2026-05-01", F).message != refusal(r12, "2026-08-01", F).message


def test_R21_R28_old_rules_joint_interviews_follow_the_R10_choice():
    course = a_course(registered="2023-12-01", old_rules=True, interviews=[interview("2023-12-05", org=JC)])
    assert book(course, "2024-01-10", F, JC, Format.VIDEO, "2024-01-20", AkasseParticipation.VIDEO)
    called_in = a_course(registered="2023-12-01", old_rules=True, interviews=[interview("2023-12-05", org=JC)],
                         faellessamtale_r10_selvbooking=False)
    verdict = book(called_in, "2024-01-10", F, JC, Format.VIDEO, "2024-01-20", AkasseParticipation.VIDEO)
    assert not verdict and verdict.reason.rule == "R21"
    assert book(a_course(registered="2023-12-01", old_rules=True, interviews=[interview("2023-12-05", org=JC)],
                         faellessamtale_r12_selvbooking=False),
                "2024-01-10", F, JC, Format.VIDEO, "2024-01-20", AkasseParticipation.VIDEO)


def test_R12_sixteen_month_interview_is_joint_with_opt_out():
    course = handed_over_course(interviews=[*FIRST_HELD, interview("2026-05-05", org=JC)])
    assert book(course, "2026-08-01", F, JC, Format.VIDEO, "2026-08-10", AkasseParticipation.NONE)
    assert not book(course, "2026-08-01", F, JC, Format.VIDEO, "2026-08-10")


def test_R18_akasse_joins_by_video_or_in_person_on_request():
    course = handed_over_course(interviews=FIRST_HELD)
    assert book(course, "2026-05-01", F, JC, Format.VIDEO, "2026-05-10", AkasseParticipation.VIDEO)
    assert book(course, "2026-05-01", F, JC, Format.PERSONLIGT, "2026-05-10", AkasseParticipation.IN_PERSON)
    assert not book(course, "2026-05-01", F, JC, Format.VIDEO, "2026-05-10", AkasseParticipation.NONE)


@pytest.mark.parametrize("fmt", [Format.TELEFONISK, Format.VIDEO])
def test_R18_akasse_attends_in_person_with_the_person_only_at_an_in_person_interview(fmt):
    course = handed_over_course(interviews=FIRST_HELD)
    verdict = book(course, "2026-05-01", F, JC, fmt, "2026-05-10", AkasseParticipation.IN_PERSON)
    assert not verdict and verdict.reason.rule == "R18" and verdict.reason.basis == "LAB § 33, stk. 4"
    assert "personligt fremmøde" in verdict.reason.message
    option = next(o for o in evaluate(course, d("2026-05-01")).citizen.options if o.kind is F)
    assert AkasseParticipation.IN_PERSON not in option.participation_choices(fmt)
    assert AkasseParticipation.IN_PERSON in option.participation_choices(Format.PERSONLIGT)


@pytest.mark.parametrize(
    "decisions, blocked, word",
    [
        ([decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-01")], True, "afgørelse"),
        ([decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-01"), decision(DecisionKind.RESTORE_SELF_BOOKING, "2026-02-10")], False, ""),
        ([decision(DecisionKind.EXEMPT_FROM_SELF_BOOKING, "2026-02-01")], True, "indkaldt"),
        ([decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-03-01")], False, ""),
    ],
)
def test_R23_revoked_or_exempt_person_may_not_self_book(decisions, blocked, word):
    course = a_course(interviews=FIRST_HELD, decisions=decisions)
    citizen = evaluate(course, d("2026-02-15")).citizen
    assert citizen.may_self_book is not blocked
    if blocked:
        assert citizen.refusals[0].reason.rule == "R23" and word in citizen.refusals[0].reason.message
        assert "afgørelse" not in citizen.refusals[0].reason.message or word == "afgørelse"


def test_R26_exempt_person_has_nothing_to_book():
    citizen = evaluate(a_course(interviews=FIRST_HELD, exemptions=[exemption("2026-02-01")]), d("2026-02-15")).citizen
    assert not citizen.may_self_book and citizen.refusals[0].reason.rule == "R26"


def test_R24_availability_interview_not_self_booked_here():
    assert book(a_course(interviews=FIRST_HELD), "2026-01-13", R, AK, Format.VIDEO, "2026-02-01").reason.rule == "R24"


def _own(**extra):
    return interview("2026-02-10", status=InterviewStatus.BOOKED, fmt=Format.VIDEO, id="x", **extra)


@pytest.mark.parametrize(
    "own, rule, allowed",
    [
        (_own(), "R20", True),
        (_own(format_raised=True), "R17", False),
        (_own(booked_by=BookedBy.CALLED_IN), "R23", False),
        (_own(booked_by=BookedBy.CALLED_IN, control_action_id="k1"), "R25", False),
        (interview("2026-02-10", status=InterviewStatus.HELD, id="x"), "R20", False),
    ],
)
def test_R17_R19_R23_citizen_may_change_only_own_self_booked_future_interview(own, rule, allowed):
    course = a_course(interviews=[*FIRST_HELD, own])
    verdict = check_citizen_change(course, d("2026-02-01"), own, at("2026-02-01"))
    assert verdict.allowed is allowed and verdict.reason.rule == rule


def test_R19_first_akasse_interview_called_in_cannot_be_changed():
    first = interview("2026-01-15", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN, id="first")
    verdict = check_citizen_change(a_course(interviews=[first]), d("2026-01-06"), first, at("2026-01-06"))
    assert not verdict and verdict.reason.rule == "R19"


def test_R20_interview_already_begun_cannot_be_changed():
    own = _own()
    assert not check_citizen_change(a_course(interviews=[*FIRST_HELD, own]), d("2026-02-10"), own, own.start + timedelta(minutes=1))


def test_R23_revoked_person_cannot_change_own_booking():
    own = _own()
    course = a_course(interviews=[*FIRST_HELD, own], decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-01-20")])
    assert check_citizen_change(course, d("2026-02-01"), own, at("2026-02-01")).reason.rule == "R23"


def test_R15_person_may_not_cancel_first_interview_when_the_next_is_not_in_person():
    """An R4 person's own first interview in person, a second by phone: cancelling the first would make the
    phone interview the first, which must be in person (LAB § 33, stk. 1, 1. pkt.)."""
    first = interview("2026-01-20", org=JC, status=InterviewStatus.BOOKED, id="first")
    phone = interview("2026-02-03", org=JC, status=InterviewStatus.BOOKED, fmt=Format.TELEFONISK, id="phone")
    course = a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-06"), interviews=[first, phone])
    verdict = check_citizen_change(course, d("2026-01-10"), first, at("2026-01-10"))
    assert not verdict and verdict.reason.rule == "R15"
    # the phone interview itself may still be changed, and with an in-person second the first may be cancelled
    assert check_citizen_change(course, d("2026-01-10"), phone, at("2026-01-10"))
    in_person = interview("2026-02-03", org=JC, status=InterviewStatus.BOOKED, id="second")
    assert check_citizen_change(a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-06"), interviews=[first, in_person]), d("2026-01-10"), first, at("2026-01-10"))
