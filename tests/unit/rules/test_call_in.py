"""R19, R23: a person who may not book their next interview themselves reads who calls them in and by when
(issue 13, "Someone to contact"); the day comes from the rules' own deadlines (R6, R7, R8), never the page."""

from scheduling.course import BookedBy, DecisionKind, InterviewStatus, Organisation
from scheduling.evaluation import call_in, evaluate

from .factories import a_course, d, decision, exemption, handed_over_course, interview

AK, JC = Organisation.AKASSE, Organisation.JOBCENTER
FIRST_HELD = [interview("2026-01-12", booked_by=BookedBy.CALLED_IN)]


def next_step(course, on):
    return call_in(course, evaluate(course, d(on)))


def test_R19_R6_the_akasse_calls_in_to_the_first_interview_held_by_the_R6_deadline():
    step = next_step(a_course(registered="2026-01-05"), "2026-01-06")
    assert (step.organisation, step.due, step.projected, step.booked) == (AK, d("2026-01-19"), False, None)
    assert step.reason.rule == "R19" and step.reason.params["day"] == d("2026-01-19")
    assert step.reason.message.startswith("Din a-kasse indkalder dig til din første jobsamtale")
    assert "LAB § 31, stk. 4" in step.reason.basis  # R6's deadline, beside R19's basis


def test_R19_R6_past_the_deadline_the_akasse_must_call_in_at_once():
    step = next_step(a_course(registered="2026-01-05"), "2026-01-25")
    assert step.due == d("2026-01-19") and "hurtigst muligt" in step.reason.message


def test_R19_once_called_in_there_is_no_call_in_to_wait_for():
    called_in = interview("2026-01-14", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN)
    assert next_step(a_course(registered="2026-01-05", interviews=[called_in]), "2026-01-06") is None


def test_R23_R7_revoked_the_akasse_calls_in_by_the_next_deadline_a_projection_without_hours():
    course = a_course(interviews=FIRST_HELD, decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-01")])
    step = next_step(course, "2026-02-15")
    R7 = next(o for o in evaluate(course, d("2026-02-15")).obligations if o.rule == "R7")
    assert (step.organisation, step.due, step.projected) == (AK, R7.due, True)
    assert step.reason.rule == "R23" and "efter planen" in step.reason.message


def test_R23_R7_revoked_with_the_handover_registered_the_deadline_is_the_handover():
    course = handed_over_course(interviews=FIRST_HELD, decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-01")])
    step = next_step(course, "2026-04-10")
    assert (step.organisation, step.due, step.projected) == (AK, d("2026-04-30"), False)
    assert step.reason.message == "Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal holdes senest %(day)s."


def test_R23_R8_exempt_from_self_booking_after_the_handover_the_jobcenter_calls_in():
    course = handed_over_course(
        interviews=FIRST_HELD, decisions=[decision(DecisionKind.EXEMPT_FROM_SELF_BOOKING, "2026-05-04", JC)]
    )
    evaluation = evaluate(course, d("2026-05-10"))
    step = call_in(course, evaluation)
    R8 = next(o for o in evaluation.obligations if o.rule == "R8")
    assert (step.organisation, step.due) == (JC, R8.due) and step.reason.message.startswith("Jobcentret indkalder dig")


def test_R23_a_booked_interview_with_the_organisation_is_the_next_step():
    booked = interview("2026-02-20", status=InterviewStatus.BOOKED, booked_by=BookedBy.CALLED_IN)
    course = a_course(interviews=[*FIRST_HELD, booked], decisions=[decision(DecisionKind.REVOKE_SELF_BOOKING, "2026-02-01")])
    step = next_step(course, "2026-02-15")
    assert step.booked == d("2026-02-20") and step.reason.params["day"] == d("2026-02-20")
    assert step.reason.message.startswith("Du er indkaldt til din næste jobsamtale")


def test_R20_R26_nobody_calls_in_a_person_who_may_book_or_is_exempt_from_interviews():
    assert next_step(a_course(interviews=FIRST_HELD), "2026-02-15") is None
    assert next_step(a_course(interviews=FIRST_HELD, exemptions=[exemption("2026-02-01")]), "2026-02-15") is None
