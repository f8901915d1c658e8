"""Memoisation per answer (issue 11, "The rules core fast") changes no answer.

``evaluate`` remembers the derived facts it asks for many times (the hand-over, the known hour registrations …)
while it answers (:mod:`scheduling.rules.memo`), and caseworker_permissions reuses its 24 answers for courses
that agree on the few facts they read. These tests compare with the same rules asked without any memory, on
generated courses with hours, interviews, decisions (R23), exemptions (R26), control actions (R25) and R4.
"""

from __future__ import annotations

import calendar
import importlib
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.course import (
    BookedBy,
    Course,
    DecisionKind,
    ExemptionGround,
    Format,
    HourEntry,
    HourKind,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import Evaluation, evaluate
from scheduling.rules import memo
from scheduling.rules.responsibility import handover

from .factories import control, decision, exemption, interview

# scheduling.rules re-exports evaluate; the modules are reached by name
caseworker = importlib.import_module("scheduling.rules.caseworker")
rules_booking = importlib.import_module("scheduling.rules.booking")
notices = importlib.import_module("scheduling.rules.notices")
obligations = importlib.import_module("scheduling.rules.obligations")
responsibility = importlib.import_module("scheduling.rules.responsibility")
signals = importlib.import_module("scheduling.rules.signals")
facts = importlib.import_module("scheduling.rules.facts")

days = st.dates(min_value=date(2023, 7, 1), max_value=date(2028, 12, 31))


@st.composite
def courses(draw: st.DrawFn) -> Course:
    registered = draw(days)
    entries = []
    for n in range(draw(st.integers(0, 5))):
        start = registered + timedelta(days=30 * n)
        end = start + timedelta(days=29)
        entries.append(HourEntry(
            end + timedelta(days=draw(st.integers(1, 10))), start, end, Decimal(draw(st.integers(0, 200))),
            draw(st.sampled_from(HourKind)),
        ))
    interviews = [
        interview(
            (registered + timedelta(days=draw(st.integers(0, 400)))).isoformat(),
            org=draw(st.sampled_from(Organisation)), kind=draw(st.sampled_from(InterviewKind)),
            status=draw(st.sampled_from(InterviewStatus)), fmt=draw(st.sampled_from(Format)),
            booked_by=draw(st.sampled_from(BookedBy)), id=f"p{n}",
        )
        for n in range(draw(st.integers(0, 5)))
    ]
    later = st.integers(0, 500).map(lambda n: (registered + timedelta(days=n)).isoformat())
    return Course(
        registered_on=registered,
        placed_on=registered,
        insurance=draw(st.sampled_from(Insurance)),
        birth_date=registered - timedelta(days=draw(st.integers(18 * 365, 60 * 365))),
        vocational_qualification=draw(st.booleans()),
        custody_of_children_at_home=draw(st.booleans()),
        hours=tuple(entries),
        interviews=tuple(interviews),
        referred_r4_on=draw(st.none() | days),
        decisions=tuple(decision(draw(st.sampled_from(DecisionKind)), draw(later)) for _ in range(draw(st.integers(0, 3)))),
        exemptions=tuple(
            exemption(draw(later), draw(st.none() | later), ground=draw(st.sampled_from(ExemptionGround)))
            for _ in range(draw(st.integers(0, 2)))
        ),
        control_actions=tuple(control(draw(later), abroad=draw(st.booleans()), id=f"k{n}") for n in range(draw(st.integers(0, 2)))),
        old_rules=draw(st.booleans()),
    )


def _without_memory(course: Course, on: date) -> Evaluation:
    """The evaluation as the rules give it with no memory at all: each part asked on its own."""
    assert memo._memory.get() is None
    return Evaluation(
        on=on,
        responsibility=responsibility.responsibility(course, on),
        obligations=obligations.obligations(course, on),
        citizen=rules_booking.citizen_permissions(course, on),
        caseworkers=caseworker._permissions(course, on),
        signals=signals.signals(course, on),
        notices=notices.notices(course, on),
    )


@settings(max_examples=150, deadline=None)
@given(courses(), st.integers(-30, 700))
def test_evaluate_with_memory_equals_the_rules_asked_without(course, offset):
    on = course.registered_on + timedelta(days=offset)
    assert evaluate(course, on) == _without_memory(course, on)


@settings(max_examples=60, deadline=None)
@given(courses(), courses(), st.integers(0, 700))
def test_two_courses_evaluated_one_after_the_other_keep_their_own_answers(first, second, offset):
    """The memory is per answer: nothing of one course's evaluation leaks into the next one's."""
    on = first.registered_on + timedelta(days=offset)
    evaluate(first, on)
    assert evaluate(second, on) == _without_memory(second, on)
    assert memo._memory.get() is None


def test_the_memory_lives_only_while_one_answer_is_given():
    course = Course(registered_on=date(2026, 1, 5), placed_on=date(2026, 1, 5), insurance=Insurance.FULLTIME,
                    birth_date=date(1980, 1, 1))
    with memo.answering():
        first = handover(course, date(2026, 3, 1))
        results, courses_seen = memo._memory.get()  # type: ignore[misc]
        assert list(courses_seen.values()) == [course] and len(results) >= 1
        # a changed copy of the course (another object) is its own entry, never the first one's result
        more = replace(course, hours=(HourEntry(date(2026, 2, 2), date(2026, 1, 5), date(2026, 1, 31), Decimal(410)),))
        assert handover(more, date(2026, 3, 1)) != first
    assert memo._memory.get() is None


def test_a_remembered_fact_keeps_its_parameters_and_its_default():
    """per_answer's wrappers have the function's own positional parameters (issue 11: no *args/**kwargs per call)."""
    course = Course(registered_on=date(2026, 1, 5), placed_on=date(2026, 1, 5), insurance=Insurance.FULLTIME,
                    birth_date=date(1980, 1, 1))
    on = date(2026, 3, 1)
    with memo.answering():
        assert responsibility.responsible_on(course, on) is responsibility.responsible_on(course, on, None)
        assert responsibility.responsible_on(course, on, date(2027, 1, 1)) is Organisation.JOBCENTER
        assert responsibility.responsible_on(course, on, day=date(2026, 1, 6)) is Organisation.AKASSE
        with pytest.raises(TypeError):
            handover(course)  # type: ignore[call-arg]
    for shape in ("def f(course, *rest): pass", "def f(course, on, *, day=None): pass", "def f(): pass",
                  "def f(course, on=None): pass", "def f(a, b, c, d): pass"):
        namespace: dict[str, object] = {}
        exec(shape, namespace)  # noqa: S102 - the shapes of functions the memory must refuse
        with pytest.raises(TypeError):
            memo.per_answer(namespace["f"])  # type: ignore[arg-type]


@pytest.mark.parametrize("year", [1, 4, 100, 1900, 2000, 2023, 2024, 2100, 9999])
def test_days_in_month_equals_the_calendars(year):
    assert [facts.days_in_month(year, m) for m in range(1, 13)] == [calendar.monthrange(year, m)[1] for m in range(1, 13)]
