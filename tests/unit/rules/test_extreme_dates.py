"""The rules core never raises on stored facts, whatever their dates (issue 9).

One exemption typed with ``event_on=0001-01-01`` raised OverflowError in R26 and took a person's pages, the
booking pages and two caseloads down until the database was edited by hand. The edge now refuses such dates
(``scheduling.datebounds``), but facts already stored, or written by another system, must still evaluate: every
date field of a course, from ``date.min`` to ``date.max``, on any day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    ControlAction,
    Course,
    Decision,
    DecisionKind,
    Exemption,
    ExemptionGround,
    Format,
    HourEntry,
    HourKind,
    Insurance,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import (
    CaseworkerAction,
    check_caseworker_action,
    check_citizen_change,
    check_self_booking,
    evaluate,
)
from scheduling.rules.facts import shift

from .factories import a_course, d

# Every date Python has, with the edges and the days around them drawn often.
any_day = st.one_of(
    st.dates(),
    st.sampled_from([date.min, date.min + timedelta(days=40), date.max, date.max - timedelta(days=40)]),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
maybe_day = st.one_of(st.none(), any_day)


@st.composite
def any_instant(draw) -> datetime:
    """An aware instant on any day (UTC, so that it can be made at both ends of the range)."""
    return datetime.combine(draw(any_day), draw(st.times()), tzinfo=UTC)


@st.composite
def extreme_courses(draw) -> Course:
    hours = tuple(
        HourEntry(
            draw(any_day),
            draw(any_day),
            draw(any_day),
            Decimal(draw(st.integers(0, 2000))),
            draw(st.sampled_from(HourKind)),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    interviews = tuple(
        Interview(
            id=f"i{n}",
            kind=draw(st.sampled_from(InterviewKind)),
            organisation=draw(st.sampled_from(Organisation)),
            start=(start := draw(any_instant())),
            end=draw(st.one_of(st.just(start), any_instant())),
            format=draw(st.sampled_from(Format)),
            status=draw(st.sampled_from(InterviewStatus)),
            booked_by=draw(st.sampled_from(BookedBy)),
            akasse_participation=draw(st.one_of(st.none(), st.sampled_from(AkasseParticipation))),
            control_action_id=draw(st.sampled_from([None, "c0", "c1"])),
            booked_on=draw(st.one_of(st.none(), any_instant())),
            rebooked_count=draw(st.integers(0, 5)),
        )
        for n in range(draw(st.integers(0, 4)))
    )
    exemptions = tuple(
        Exemption(
            f"e{n}",
            draw(st.sampled_from(ExemptionGround)),
            draw(any_day),
            draw(maybe_day),
            draw(maybe_day),
            draw(maybe_day),
        )
        for n in range(draw(st.integers(0, 2)))
    )
    controls = tuple(
        ControlAction(f"c{n}", draw(any_day), draw(st.booleans())) for n in range(draw(st.integers(0, 2)))
    )
    decisions = tuple(
        Decision(draw(st.sampled_from(DecisionKind)), draw(any_day), draw(st.sampled_from(Organisation)))
        for _ in range(draw(st.integers(0, 2)))
    )
    return Course(
        registered_on=draw(any_day),
        placed_on=draw(any_day),
        insurance=draw(st.sampled_from(Insurance)),
        birth_date=draw(any_day),
        vocational_qualification=draw(st.booleans()),
        custody_of_children_at_home=draw(st.booleans()),
        hours=hours,
        referred_r4_on=draw(maybe_day),
        exemptions=exemptions,
        control_actions=controls,
        repatriation=draw(st.booleans()),
        old_rules=draw(st.booleans()),
        interviews=interviews,
        decisions=decisions,
        faellessamtale_r10_selvbooking=draw(st.booleans()),
        faellessamtale_r12_selvbooking=draw(st.booleans()),
    )


@settings(max_examples=250, deadline=None)
@given(extreme_courses(), any_day)
def test_evaluate_never_raises_on_stored_facts_with_any_dates(course, on):
    evaluation = evaluate(course, on)
    reasons = [
        evaluation.responsibility.reason,
        *(o.reason for o in evaluation.obligations),
        *evaluation.notices,
        *(r.reason for r in evaluation.citizen.refusals),
        *(o.reason for o in evaluation.citizen.options),
        *(s.reason for s in evaluation.signals),
    ]
    for reason in reasons:
        assert reason.render()


@settings(max_examples=120, deadline=None)
@given(
    extreme_courses(),
    any_day,
    any_instant(),
    st.sampled_from(InterviewKind),
    st.sampled_from(Organisation),
    st.sampled_from(Format),
)
def test_the_booking_and_caseworker_checks_never_raise_on_stored_facts_with_any_dates(
    course, on, start, kind, org, fmt
):
    check_self_booking(course, on, kind, org, fmt, start).reason.render()
    for action in CaseworkerAction:
        for interview in (None, *course.interviews[:1]):
            check_caseworker_action(course, on, org, action, interview, Format.PERSONLIGT).reason.render()
    for interview in course.interviews[:2]:
        check_citizen_change(course, on, interview, start).reason.render()


def test_R26_an_exemption_with_the_event_on_1_january_year_1_evaluates():
    """The case from production: a caseworker typed 0001-01-01 as the documented event day."""
    exemption = Exemption("e1", ExemptionGround.NR1_JOB_LEAVE_OR_PENSION, d("2026-02-01"), None, date.min)
    course = a_course(registered="2026-01-05", exemptions=[exemption])
    evaluation = evaluate(course, d("2026-02-10"))
    assert evaluation.responsibility.reason.render()


def test_R26_an_exemption_running_to_the_last_day_python_knows_evaluates():
    exemption = Exemption("e1", ExemptionGround.NR3_WORK_SHARING, d("2026-02-01"), date.max, date.max)
    course = a_course(registered="2026-01-05", exemptions=[exemption])
    assert evaluate(course, date.max).on == date.max
    assert evaluate(course, date.min).on == date.min


@settings(max_examples=300, deadline=None)
@given(
    any_day,
    st.integers(-4_000_000, 4_000_000) | st.sampled_from([-1, 0, 1]),
    st.integers(-600_000, 600_000) | st.just(0),
)
def test_shift_moves_by_days_and_weeks_and_stops_at_the_ends_of_the_calendar(day: date, days: int, weeks: int) -> None:
    """``shift`` (which every deadline rule uses) is ``day + timedelta``, held at ``date.min``/``date.max``."""
    try:
        expected = day + timedelta(days=days, weeks=weeks)
    except OverflowError:
        expected = date.max if days + 7 * weeks > 0 else date.min
    assert shift(day, days, weeks=weeks) == expected
    assert type(shift(day, days, weeks=weeks)) is date
