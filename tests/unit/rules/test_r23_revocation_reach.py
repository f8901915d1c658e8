"""R23: the reach of an a-kasse's revocation of self-booking after the hand-over (issue 12, correction 5).

Guidance (VEJ nr 10044 af 14/12/2023), section 4.2: "A-kassen og jobcentret beslutter dette i forbindelse med de
jobsamtaler, de hver især er ansvarlig for under kontaktforløbet. Det betyder, at a-kassen kan fratage personen
retten til selvbooking i de første 3 måneder for de personer, som a-kassen varetager kontaktforløbet for, mens
jobcentret kan fratage personen retten til selvbooking efter de første 3 måneder for de personer, jobcentret
varetager kontaktforløbet for."
"""

from scheduling.caseload import course_status
from scheduling.course import DecisionKind, Format, InterviewKind, Organisation
from scheduling.evaluation import CaseworkerAction, check_caseworker_action, check_self_booking, evaluate

from .factories import a_course, at, d, decision, handed_over_course

AK, JC = Organisation.AKASSE, Organisation.JOBCENTER
REVOKED = handed_over_course(decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-10", AK)])  # jobcenter from 1 May


def test_R23_akasse_revocation_governs_the_akasse_period():
    assert not evaluate(REVOKED, d("2026-04-20")).citizen.may_self_book


def test_R23_akasse_revocation_no_longer_governs_jobcenter_interviews_after_handover():
    on = d("2026-05-05")
    evaluation = evaluate(REVOKED, on)
    assert evaluation.citizen.may_self_book
    assert any(o.organisation is JC for o in evaluation.citizen.options)
    verdict = check_self_booking(REVOKED, on, InterviewKind.JOBSAMTALE, JC, Format.PERSONLIGT, at("2026-05-20"))
    assert verdict.allowed


def test_R23_jobcenter_sees_a_signal_with_the_earlier_decision_and_its_date():
    on = d("2026-05-05")
    signal = next(s for s in evaluate(REVOKED, on).signals if s.kind == "earlier_revocation")
    assert signal.reason.rule == "R23"
    assert signal.reason.params["day"] == d("2026-02-10")
    assert "10. februar 2026" in signal.reason.render()
    status = course_status(REVOKED, on)
    assert status.responsible is JC and not status.revoked and status.may_self_book
    assert signal.reason in status.signals


def test_R23_person_is_told_the_akasse_revocation_no_longer_applies():
    notices = evaluate(REVOKED, d("2026-05-05")).notices
    told = [n for n in notices if n.rule == "R23"]
    assert told and "10. februar 2026" in told[0].render()
    assert "jobcentret" in told[0].render()


def test_R23_jobcenter_makes_its_own_assessment():
    on = d("2026-05-05")
    assert check_caseworker_action(REVOKED, on, JC, CaseworkerAction.REVOKE_SELF_BOOKING)
    # giving the right back is the jobcenter's assessment that the person may book: it closes the signal
    assert check_caseworker_action(REVOKED, on, JC, CaseworkerAction.RESTORE_SELF_BOOKING)
    assert not check_caseworker_action(REVOKED, on, AK, CaseworkerAction.RESTORE_SELF_BOOKING)
    kept = handed_over_course(decisions=[*REVOKED.decisions, decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-05-04", JC)])
    evaluation = evaluate(kept, on)
    assert not evaluation.citizen.may_self_book and not any(s.kind == "earlier_revocation" for s in evaluation.signals)
    given = handed_over_course(decisions=[*REVOKED.decisions, decision(DecisionKind.RESTORE_SELF_BOOKING, "2026-05-04", JC)])
    evaluation = evaluate(given, on)
    assert evaluation.citizen.may_self_book and not any(s.kind == "earlier_revocation" for s in evaluation.signals)
    assert not any(n.rule == "R23" for n in evaluation.notices)


def test_R23_revocation_given_back_by_the_akasse_leaves_no_signal():
    course = handed_over_course(decisions=[*REVOKED.decisions, decision(DecisionKind.RESTORE_SELF_BOOKING, "2026-03-01", AK)])
    evaluation = evaluate(course, d("2026-05-05"))
    assert not any(s.kind == "earlier_revocation" for s in evaluation.signals)


def test_R23_R4_akasse_revocation_ends_with_the_referral():
    course = a_course(
        born="2004-09-01", vocational_qualification=False, referred_r4_on=d("2026-01-12"),
        decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-01-08", AK)],
    )
    evaluation = evaluate(course, d("2026-01-13"))
    assert evaluation.citizen.may_self_book
    assert any(s.kind == "earlier_revocation" for s in evaluation.signals)
