"""Issue 12, correction 4: under the old rules (R28) the CV interview is its own obligation beside the four
individual jobcenter interviews, not the first of them.

Guidance 15.3: "Det betyder, at der inden for de første 6 måneder skal afholdes en cv-samtale, 4 individuelle
jobsamtaler med jobcenteret og 2 fælles jobsamtaler med a-kassen."
"""

from dataclasses import replace

from scheduling.course import Format, InterviewKind, InterviewStatus, Organisation
from scheduling.evaluation import (
    CaseworkerAction,
    ObligationState,
    check_caseworker_action,
    check_self_booking,
    evaluate,
)

from .factories import a_course, at, d, hours, interview

AK, JC = Organisation.AKASSE, Organisation.JOBCENTER
CV, JOB, JOINT = InterviewKind.CVSAMTALE, InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE
# registered 11 Dec 2023; 961.98 hours (6 months, R3) registered by July 2024
LEDGER = [hours(day, 160) for day in ("2024-01-03", "2024-02-02", "2024-03-04", "2024-04-03", "2024-05-02",
                                      "2024-06-04", "2024-07-02")]


def old(*interviews, **facts):
    return a_course(registered="2023-12-11", old_rules=True, hours=LEDGER, interviews=interviews, **facts)


def r28(course, on, kind):
    return next(o for o in evaluate(course, d(on)).obligations if o.rule == "R28" and o.kind is kind)


def test_R28_the_cv_interview_is_its_own_obligation_beside_four_individual_and_two_joint():
    """Guidance 15.3: "en cv-samtale, 4 individuelle jobsamtaler med jobcenteret og 2 fælles jobsamtaler med
    a-kassen." """
    rules = [(o.kind, o.required) for o in evaluate(old(), d("2024-01-10")).obligations if o.rule == "R28"]
    assert rules == [(CV, 1), (JOB, 4), (JOINT, 2)]


def test_R28_a_cv_interview_does_not_count_as_one_of_the_four():
    """Guidance 15.3: a cv-samtale *and* 4 individual jobcenter interviews: a CV interview and three job
    interviews leave the four unmet."""
    course = old(interview("2023-12-18", org=AK, kind=CV),
                 *(interview(day, org=JC) for day in ("2024-01-15", "2024-02-15", "2024-03-15")))
    assert (r28(course, "2024-04-01", CV).held, r28(course, "2024-04-01", CV).state) == (1, ObligationState.MET)
    assert r28(course, "2024-04-01", JOB).held == 3
    four = old(*course.interviews, interview("2024-04-15", org=JC))
    assert r28(four, "2024-05-01", JOB).state is ObligationState.MET


def test_R28_the_cv_interview_is_due_within_the_first_6_months_and_late_after():
    """Guidance 15.3: "inden for de første 6 måneder skal afholdes en cv-samtale" — the sources give no other
    deadline for it, so it is due by the 6-month day (R3), like the others; held after that, it is held late."""
    six = r28(old(), "2024-08-01", JOB).due
    cv = r28(old(), "2024-08-01", CV)
    assert cv.due == six and not cv.due_projected and cv.state is ObligationState.OVERDUE
    late = r28(old(interview("2024-09-02", org=AK, kind=CV)), "2024-09-10", CV)
    assert (late.held, late.held_late, late.state) == (0, 1, ObligationState.HELD_LATE)


def test_R28_the_cv_interview_is_held_by_the_akasse():
    """Guidance 13.1: STAR's supervision "med samtaleafholdelse i a-kassen" changes "da cv-samtalen afskaffes
    som særskilt samtaletype": the CV interview was the a-kasse's under the earlier rules."""
    assert r28(old(), "2024-01-10", CV).organisation is AK
    assert "CV-samtale" in r28(old(), "2024-01-10", CV).reason.message
    assert "CV" not in r28(old(), "2024-01-10", JOB).reason.message  # no longer "the first of the four"


def test_R28_the_akasse_calls_in_and_records_the_cv_interview_of_an_old_rules_course_only():
    """Guidance 15.3: the old rules' "cv-samtale" exists only for the people who keep the earlier rules; under
    the new rules "cv-samtalen afskaffes som særskilt samtaletype" (guidance 13.1)."""
    booked = replace(interview("2024-01-08", org=AK, kind=CV), status=InterviewStatus.BOOKED)
    call_in = CaseworkerAction.CALL_IN
    assert check_caseworker_action(old(), d("2024-01-02"), AK, call_in, booked, Format.PERSONLIGT)
    assert call_in in next(p for p in evaluate(old(), d("2024-01-02")).caseworkers if p.organisation is AK).allowed
    by_jobcenter = replace(booked, organisation=JC)
    refused = check_caseworker_action(old(), d("2024-01-02"), JC, call_in, by_jobcenter, Format.PERSONLIGT)
    assert not refused and refused.reason.rule == "R28"
    in_2026 = replace(booked, start=at("2026-01-12"), end=at("2026-01-12", "10:45"))
    refused = check_caseworker_action(a_course(), d("2026-01-06"), AK, call_in, in_2026, Format.PERSONLIGT)
    assert not refused and refused.reason.rule == "R28"
    record = CaseworkerAction.RECORD_INTERVIEW
    assert check_caseworker_action(old(booked), d("2024-01-08"), AK, record, booked)
    assert record in next(p for p in evaluate(old(booked), d("2024-01-08")).caseworkers if p.organisation is AK).allowed


def test_R28_once_the_cv_interview_is_held_the_akasse_has_nothing_to_call_in():
    """Guidance 15.3: one cv-samtale; after it the course is the jobcenter's (R1)."""
    held = old(interview("2023-12-18", org=AK, kind=CV))
    mine = next(p for p in evaluate(held, d("2024-01-02")).caseworkers if p.organisation is AK)
    assert CaseworkerAction.CALL_IN not in mine.allowed


def test_R28_the_person_does_not_self_book_the_cv_interview():
    """Guidance 15.3: the CV interview is one of the old rules' interviews; the person is called in to it."""
    verdict = check_self_booking(old(), d("2024-01-02"), CV, AK, Format.PERSONLIGT, at("2024-01-08"))
    assert not verdict and verdict.reason.rule == "R28"
    verdict = check_self_booking(old(), d("2024-01-02"), CV, JC, Format.PERSONLIGT, at("2024-01-08"))
    assert not verdict and verdict.reason.rule == "R28"
