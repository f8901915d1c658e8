"""R1, R4, R15, R17, R23, R26: what each organisation's caseworker may do."""

import pytest

from scheduling.course import BookedBy, DecisionKind, Format, InterviewStatus, Organisation
from scheduling.evaluation import CaseworkerAction as A
from scheduling.evaluation import check_caseworker_action, evaluate

from .factories import a_course, d, decision, exemption, handed_over_course, interview

AK, JC = Organisation.AKASSE, Organisation.JOBCENTER
FIRST = interview("2026-01-12", booked_by=BookedBy.CALLED_IN, id="first")


@pytest.mark.parametrize(
    "on, actor, allowed",
    [("2026-04-30", AK, True), ("2026-04-30", JC, False), ("2026-05-01", AK, False), ("2026-05-01", JC, True)],
)
@pytest.mark.parametrize("action", [A.CALL_IN, A.REVOKE_SELF_BOOKING, A.EXEMPT_FROM_SELF_BOOKING, A.REGISTER_EXEMPTION])
def test_R1_only_responsible_organisation_acts(on, actor, allowed, action):
    verdict = check_caseworker_action(handed_over_course(), d(on), actor, action)
    assert verdict.allowed is allowed
    if not allowed:
        assert verdict.reason.rule == "R1"


def test_R17_raise_format_responsible_at_time_of_interview():
    later = interview("2026-05-12", status=InterviewStatus.BOOKED, fmt=Format.VIDEO, org=JC)
    course = handed_over_course(interviews=[FIRST, later])
    # on 20 April the a-kasse is responsible, but the interview falls in the jobcenter's period
    assert check_caseworker_action(course, d("2026-04-20"), JC, A.RAISE_FORMAT, later, Format.PERSONLIGT)
    assert not check_caseworker_action(course, d("2026-04-20"), AK, A.RAISE_FORMAT, later, Format.PERSONLIGT)


@pytest.mark.parametrize("new_format, allowed", [(Format.PERSONLIGT, True), (Format.TELEFONISK, False), (Format.VIDEO, False)])
def test_R17_raise_only_towards_in_person(new_format, allowed):
    booked = interview("2026-02-10", status=InterviewStatus.BOOKED, fmt=Format.TELEFONISK)
    course = a_course(interviews=[FIRST, booked])
    assert check_caseworker_action(course, d("2026-02-01"), AK, A.RAISE_FORMAT, booked, new_format).allowed is allowed


def test_R17_in_person_cannot_be_raised_further():
    booked = interview("2026-02-10", status=InterviewStatus.BOOKED, fmt=Format.PERSONLIGT)
    assert not check_caseworker_action(a_course(interviews=[FIRST, booked]), d("2026-02-01"), AK, A.RAISE_FORMAT, booked, Format.PERSONLIGT)


def test_R17_an_in_person_interview_says_it_already_is_in_person_not_that_only_raising_is_allowed():
    booked = interview("2026-02-10", status=InterviewStatus.BOOKED, fmt=Format.PERSONLIGT)
    verdict = check_caseworker_action(a_course(interviews=[FIRST, booked]), d("2026-02-01"), AK, A.RAISE_FORMAT, booked, Format.PERSONLIGT)
    assert verdict.reason.rule == "R17" and "allerede ved personligt fremmøde" in verdict.reason.render()
    assert "kun" not in verdict.reason.render()


def test_R17_a_change_to_phone_or_video_says_only_in_person_is_allowed():
    booked = interview("2026-02-10", status=InterviewStatus.BOOKED, fmt=Format.TELEFONISK)
    verdict = check_caseworker_action(a_course(interviews=[FIRST, booked]), d("2026-02-01"), AK, A.RAISE_FORMAT, booked, Format.VIDEO)
    assert verdict.reason.rule == "R17" and "kun et skift til personligt fremmøde" in verdict.reason.render()


def test_R15_first_interview_format_cannot_be_changed_by_anyone():
    first = interview("2026-01-12", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN)
    verdict = check_caseworker_action(a_course(interviews=[first]), d("2026-01-06"), AK, A.RAISE_FORMAT, first, Format.PERSONLIGT)
    assert not verdict and verdict.reason.rule == "R15"


@pytest.mark.parametrize("fmt", [Format.TELEFONISK, Format.VIDEO])
def test_R15_first_interview_cannot_be_called_in_by_phone_or_video(fmt):
    planned = interview("2026-01-12", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN, fmt=fmt)
    verdict = check_caseworker_action(a_course(), d("2026-01-06"), AK, A.CALL_IN, planned, fmt)
    assert not verdict and verdict.reason.rule == "R15"


def test_R15_first_interview_called_in_in_person_and_later_ones_by_phone():
    first = interview("2026-01-12", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN, fmt=Format.PERSONLIGT)
    assert check_caseworker_action(a_course(), d("2026-01-06"), AK, A.CALL_IN, first, Format.PERSONLIGT)
    second = interview("2026-02-12", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN, fmt=Format.TELEFONISK)
    assert check_caseworker_action(a_course(interviews=[first]), d("2026-01-06"), AK, A.CALL_IN, second, Format.TELEFONISK)


def test_R23_revoke_then_restore():
    course = a_course(decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-01")])
    assert not check_caseworker_action(course, d("2026-02-02"), AK, A.REVOKE_SELF_BOOKING)
    assert check_caseworker_action(course, d("2026-02-02"), AK, A.RESTORE_SELF_BOOKING)
    assert not check_caseworker_action(a_course(), d("2026-02-02"), AK, A.RESTORE_SELF_BOOKING)


def test_R23_revocation_is_an_afgoerelse_with_appeal_instructions():
    reason = check_caseworker_action(a_course(), d("2026-02-02"), AK, A.REVOKE_SELF_BOOKING).reason
    assert "klagevejledning" in reason.render() and "4 uger" in reason.render()


def test_R26_decide_not_covered_only_while_exemption_in_force():
    course = a_course(exemptions=[exemption("2026-02-01", "2026-02-28")])
    assert check_caseworker_action(course, d("2026-02-10"), AK, A.DECIDE_NOT_COVERED)
    assert not check_caseworker_action(course, d("2026-03-10"), AK, A.DECIDE_NOT_COVERED)
    assert not check_caseworker_action(course, d("2026-02-10"), AK, A.CALL_IN)


def test_R4_referral_only_by_akasse_for_the_group():
    group = a_course(born="2004-01-01", vocational_qualification=False)
    assert check_caseworker_action(group, d("2026-01-06"), AK, A.REFER_R4)
    assert not check_caseworker_action(group, d("2026-01-06"), JC, A.REFER_R4)
    assert not check_caseworker_action(a_course(), d("2026-01-06"), AK, A.REFER_R4)


def test_R1_recording_belongs_to_organisation_holding_the_interview():
    held = interview("2026-05-05", org=JC)
    course = handed_over_course(interviews=[FIRST, held])
    assert check_caseworker_action(course, d("2026-05-05"), JC, A.RECORD_INTERVIEW, held)
    assert not check_caseworker_action(course, d("2026-05-05"), AK, A.RECORD_INTERVIEW, held)


def test_R1_the_record_verdict_for_one_interview_is_the_same_without_the_course():
    """I dag asks for a list of interviews without loading each person's course: the answer must not differ."""
    from scheduling.rules.caseworker import record_verdict

    held = interview("2026-05-05", org=JC)
    course = handed_over_course(interviews=[FIRST, held])
    for actor in (JC, AK):
        assert record_verdict(actor, JC) == check_caseworker_action(course, d("2026-05-05"), actor, A.RECORD_INTERVIEW, held)
    assert record_verdict(AK, JC).reason.rule == "R1"


def test_R1_evaluation_lists_both_organisations():
    permissions = {p.organisation: p for p in evaluate(a_course(), d("2026-01-06")).caseworkers}
    assert A.CALL_IN in permissions[AK].allowed and A.CALL_IN not in permissions[JC].allowed


def _r4_course(**facts):
    return a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-06"), **facts)


def test_R15_first_interview_left_by_phone_after_a_cancel_is_raised_to_in_person():
    cancelled = interview("2026-01-20", org=JC, status=InterviewStatus.CANCELLED, id="first")
    phone = interview("2026-02-03", org=JC, status=InterviewStatus.BOOKED, fmt=Format.TELEFONISK, id="phone")
    course = _r4_course(interviews=[cancelled, phone])
    verdict = check_caseworker_action(course, d("2026-01-25"), JC, A.RAISE_FORMAT, phone, Format.PERSONLIGT)
    assert verdict and verdict.reason.rule == "R15"
    assert not check_caseworker_action(course, d("2026-01-25"), JC, A.RAISE_FORMAT, phone, Format.VIDEO)
    notice = [n for n in evaluate(course, d("2026-01-25")).notices if n.rule == "R15"]
    assert notice and notice[0].basis == "LAB § 33, stk. 1, 1. pkt."


def test_R15_called_in_first_interview_missed_leaves_a_video_interview_first_which_may_be_raised():
    missed = interview("2026-01-12", status=InterviewStatus.MISSED, booked_by=BookedBy.CALLED_IN, id="first")
    video = interview("2026-02-10", status=InterviewStatus.BOOKED, fmt=Format.VIDEO, id="video")
    course = a_course(interviews=[missed, video])
    assert check_caseworker_action(course, d("2026-01-20"), AK, A.RAISE_FORMAT, video, Format.PERSONLIGT)
    assert any(n.rule == "R15" for n in evaluate(course, d("2026-01-20")).notices)
    raised = a_course(interviews=[missed, interview("2026-02-10", status=InterviewStatus.BOOKED, format_raised=True, id="video")])
    assert not any(n.rule == "R15" for n in evaluate(raised, d("2026-01-20")).notices)


def test_R2_hour_ledger_is_kept_by_the_akasse_throughout():
    for course, on in [(a_course(), "2026-01-06"), (handed_over_course(), "2026-06-01"), (_r4_course(), "2026-03-01")]:
        assert check_caseworker_action(course, d(on), AK, A.REGISTER_HOURS)
        verdict = check_caseworker_action(course, d(on), JC, A.REGISTER_HOURS)
        assert not verdict and verdict.reason.rule == "R2" and "a-kassen" in verdict.reason.message


def test_R1_jobcenter_records_only_interviews_it_holds_in_the_akasse_period():
    own = interview("2026-03-10", org=JC, status=InterviewStatus.BOOKED, id="own")
    akasse = interview("2026-03-11", status=InterviewStatus.BOOKED, id="akasse")
    course = handed_over_course(interviews=[FIRST, own, akasse])
    assert check_caseworker_action(course, d("2026-03-10"), JC, A.RECORD_INTERVIEW, own)
    assert not check_caseworker_action(course, d("2026-03-11"), JC, A.RECORD_INTERVIEW, akasse)
    # in general, nothing to record for the jobcenter in the a-kasse's period unless it holds an interview
    assert not check_caseworker_action(handed_over_course(interviews=[FIRST]), d("2026-03-10"), JC, A.RECORD_INTERVIEW)
    assert check_caseworker_action(course, d("2026-03-10"), JC, A.RECORD_INTERVIEW)


def test_R1_caseworker_reasons_never_start_with_a_placeholder():
    from scheduling.rules.caseworker import _ALLOWED

    for action, (rule, _part, message) in _ALLOWED.items():
        assert rule
        for sentence in message.split(". "):
            assert not sentence.startswith("%("), (action, message)
    for permissions in evaluate(handed_over_course(), d("2026-06-01")).caseworkers:
        for action in permissions.allowed:
            reason = check_caseworker_action(handed_over_course(), d("2026-06-01"), permissions.organisation, action).reason
            assert reason.render()[0].isupper(), reason.render()
