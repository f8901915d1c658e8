"""Invariants of the rules core, checked on generated courses (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import find, given, settings
from hypothesis import strategies as st

from scheduling.course import (
    BookedBy,
    Course,
    Format,
    HourEntry,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import CaseworkerAction, check_caseworker_action, check_self_booking, evaluate
from scheduling.rules.caseworker import cv_pending
from scheduling.rules.facts import end_of_month, first_interview, old_rules
from scheduling.rules.responsibility import handover, responsible_on, unemployed_months_on

from .factories import at, interview

FAST = settings(max_examples=60, deadline=None)
# from mid-2023 so that courses begun under the old rules (R28: registered by 31 December 2023) are generated too
days = st.dates(min_value=date(2023, 7, 1), max_value=date(2028, 12, 31))


@st.composite
def courses(draw):
    registered = draw(days)
    entries = []
    for n in range(draw(st.integers(0, 5))):
        start = registered + timedelta(days=30 * n)
        end = start + timedelta(days=29)
        reg = end + timedelta(days=draw(st.integers(1, 10)))
        entries.append(HourEntry(reg, start, end, Decimal(draw(st.integers(0, 200)))))
    interviews = []
    for n in range(draw(st.integers(0, 5))):
        day = registered + timedelta(days=draw(st.integers(0, 400)))
        interviews.append(
            interview(
                day.isoformat(),
                org=draw(st.sampled_from(Organisation)),
                kind=draw(st.sampled_from(InterviewKind)),
                status=draw(st.sampled_from(InterviewStatus)),
                fmt=draw(st.sampled_from(Format)),
                booked_by=draw(st.sampled_from(BookedBy)),
                time=f"{draw(st.integers(0, 23)):02d}:30",
                id=f"p{n}",
            )
        )
    return Course(
        registered_on=registered,
        placed_on=registered,
        insurance=draw(st.sampled_from(Insurance)),
        birth_date=registered - timedelta(days=draw(st.integers(18 * 365, 60 * 365))),
        vocational_qualification=draw(st.booleans()),
        custody_of_children_at_home=draw(st.booleans()),
        hours=tuple(entries),
        interviews=tuple(interviews),
        old_rules=draw(st.booleans()),  # only effective when registered by the IT cut-off (R28)
        faellessamtale_r10_selvbooking=draw(st.booleans()),  # R21, per kind of joint interview
        faellessamtale_r12_selvbooking=draw(st.booleans()),
    )


@FAST
@given(courses(), st.integers(0, 700))
def test_R2_handover_is_last_day_of_month_never_before_registration(course, offset):
    on = course.registered_on + timedelta(days=offset)
    day = handover(course, on).day
    assert day == end_of_month(day) and day >= course.registered_on


@FAST
@given(courses(), st.integers(0, 700))
def test_R15_first_interview_allowed_formats_only_in_person(course, offset):
    on = course.registered_on + timedelta(days=offset)
    for option in evaluate(course, on).citizen.options:
        if option.first_interview:
            assert option.formats == (Format.PERSONLIGT,)
    if first_interview(course) is None:
        for fmt in (Format.TELEFONISK, Format.VIDEO):
            for org in Organisation:
                assert not check_self_booking(course, on, InterviewKind.JOBSAMTALE, org, fmt, at((on + timedelta(days=3)).isoformat()))


@FAST
@given(courses(), st.integers(0, 700), st.sampled_from(Format), st.sampled_from(Organisation))
def test_R17_caseworker_only_ever_raises_to_in_person(course, offset, new_format, actor):
    on = course.registered_on + timedelta(days=offset)
    for i in course.interviews:
        if check_caseworker_action(course, on, actor, CaseworkerAction.RAISE_FORMAT, i, new_format):
            assert new_format is Format.PERSONLIGT and i.format is not Format.PERSONLIGT


@FAST
@given(courses(), st.integers(0, 700), st.sampled_from(list(CaseworkerAction)))
def test_R1_only_responsible_organisation_may_act(course, offset, action):
    on = course.registered_on + timedelta(days=offset)
    exempt = {CaseworkerAction.RECORD_INTERVIEW, CaseworkerAction.REGISTER_HOURS, CaseworkerAction.REFER_R4}
    if action in exempt:
        if action is not CaseworkerAction.RECORD_INTERVIEW:  # the a-kasse's own tasks throughout (R2, R4)
            assert not check_caseworker_action(course, on, Organisation.JOBCENTER, action)
        return
    for actor in Organisation:
        verdict = check_caseworker_action(course, on, actor, action)
        if verdict and verdict.reason.rule != "R28":
            assert actor is responsible_on(course, on)
        elif verdict:  # the old rules' CV interview is the a-kasse's to call in to (issue 12, correction 4)
            assert (action, actor) == (CaseworkerAction.CALL_IN, Organisation.AKASSE) and cv_pending(course)


@FAST
@given(courses(), st.integers(-30, 900))
def test_evaluate_never_raises_on_a_valid_course(course, offset):
    evaluation = evaluate(course, course.registered_on + timedelta(days=offset))
    for reason in [evaluation.responsibility.reason, *(o.reason for o in evaluation.obligations), *evaluation.notices]:
        assert reason.render()


def test_R28_generated_courses_include_old_rules_courses():
    course = find(courses(), old_rules, settings=settings(max_examples=500, database=None))
    assert course.registered_on <= date(2023, 12, 31)


@FAST
@given(courses(), st.integers(-30, 900))
def test_R28_old_rules_course_is_the_jobcenters_throughout(course, offset):
    if not old_rules(course):
        return
    on = course.registered_on + timedelta(days=offset)
    evaluation = evaluate(course, on)
    assert evaluation.responsibility.organisation is Organisation.JOBCENTER
    assert {o.rule for o in evaluation.obligations} <= {"R28", "R25"}
    # the a-kasse calls in only to the CV interview, while it is neither held nor booked (issue 12, correction 4)
    verdict = check_caseworker_action(course, on, Organisation.AKASSE, CaseworkerAction.CALL_IN)
    assert not verdict or (verdict.reason.rule == "R28" and cv_pending(course))


@FAST
@given(courses(), st.integers(0, 900))
def test_R3_projected_six_months_never_before_projected_handover(course, offset):
    on = course.registered_on + timedelta(days=offset)
    end, six = handover(course, on), unemployed_months_on(course, on, 6)
    if end.projected and six.projected:
        assert six.day > end.day
    if not old_rules(course) and any(n.rule == "R11" for n in evaluate(course, on).notices):
        assert on > six.day and responsible_on(course, on) is Organisation.JOBCENTER
