"""R27 (issue 17): the supervision counted in SQL agrees with the rules core on generated worlds, on SQLite and
PostgreSQL.

The reference is the pure one: each course evaluated after every fact (:data:`AS_OF`), counted by
:func:`scheduling.rules.supervision.counted` from its R7 or R8/R9 obligation, the months by
:func:`~scheduling.rules.supervision.month_result` and :func:`~scheduling.rules.supervision.months_in_a_row`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling import parameters as P
from scheduling.course import (
    ExemptionGround,
    HourKind,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import evaluate
from scheduling.rules.responsibility import handover, unemployed_months_on
from scheduling.rules.supervision import counted, month_result, months_in_a_row
from scheduling.services.supervision import monthly_figures, months, people_behind
from tests.integration.supervision_helpers import (
    AS_OF,
    Exempt,
    Held,
    Hours,
    Person,
    course_of,
    write_world,
)

FIRST, LAST = date(2023, 10, 1), date(2027, 12, 1)


@st.composite
def hours(draw, placed_on: date) -> tuple[Hours, ...]:
    entries, day = [], placed_on - timedelta(days=draw(st.integers(0, 40)))
    for _ in range(draw(st.integers(0, 7))):
        length = draw(st.integers(0, 70))
        end = day + timedelta(days=length)
        amount = draw(st.one_of(
            st.decimals(min_value=0, max_value=450, places=2),
            st.sampled_from([Decimal("160.33"), Decimal("410"), Decimal("333"), Decimal("130"), Decimal("0")]),
        ))
        registered = end + timedelta(days=draw(st.integers(0, 45)))
        kind = draw(st.sampled_from([HourKind.DAGPENGE, HourKind.DAGPENGE, HourKind.LOENTILSKUD]))
        entries.append(Hours(registered, day, end, amount, kind))
        day = end + timedelta(days=draw(st.integers(-3, 10)))  # overlaps and gaps, as ledgers have
    return tuple(draw(st.permutations(entries)))


@st.composite
def exemptions(draw, registered_on: date) -> tuple[Exempt, ...]:
    result = []
    for _ in range(draw(st.integers(0, 2))):
        start = registered_on + timedelta(days=draw(st.integers(-40, 200)))

        def near(low: int, high: int, start: date = start) -> date | None:
            return draw(st.one_of(st.none(), st.integers(low, high).map(lambda n: start + timedelta(days=n))))

        result.append(Exempt(draw(st.sampled_from(list(ExemptionGround))), start, near(0, 120), near(-20, 90),
                             near(0, 90)))
    return tuple(result)


@st.composite
def interviews(draw, registered_on: date, edges: tuple[date, ...]) -> tuple[Held, ...]:
    """Up to 10 interviews on different days, some on or next to the days the supervision counts from."""
    near = [d + timedelta(days=k) for d in edges for k in (-1, 0, 1)]
    days = draw(st.lists(
        st.one_of(st.integers(0, 300).map(lambda n: registered_on + timedelta(days=n)), st.sampled_from(near))
        if near else st.integers(0, 300).map(lambda n: registered_on + timedelta(days=n)),
        max_size=10, unique=True,
    ))
    result = []
    for day in days:
        at = datetime.combine(day,
                              time(draw(st.sampled_from([0, 8, 21, 22, 23])), draw(st.sampled_from([0, 30, 59]))),
                              UTC)
        result.append(Held(
            at,
            draw(st.sampled_from(list(Organisation))),
            draw(st.sampled_from([InterviewKind.JOBSAMTALE] * 3 + list(InterviewKind))),
            draw(st.sampled_from([InterviewStatus.HELD] * 3 + list(InterviewStatus))),
        ))
    return tuple(result)


@st.composite
def person(draw, n: int) -> Person:
    registered = date(2023, 10, 1) + timedelta(days=draw(st.integers(0, 900)))
    placed = registered - timedelta(days=draw(st.sampled_from([0, 0, 10, 45])))
    young = draw(st.booleans())
    # from the first of the month, so that a registration on 29 February has a birthday in a year without one
    birth = registered.replace(day=1, year=registered.year - (22 if young else 40)) + timedelta(
        days=registered.day - 1 + draw(st.integers(-400, 400)))
    facts = Person(
        name=f"Person {n:02d}",
        registered_on=registered,
        placed_on=placed,
        birth_date=birth,
        insurance=draw(st.sampled_from(list(Insurance))),
        vocational_qualification=draw(st.booleans()),
        custody_of_children_at_home=draw(st.booleans()),
        old_rules=draw(st.booleans()) and registered <= date(2024, 1, 31),
        hours=draw(hours(placed)),
        exemptions=draw(exemptions(registered)),
    )
    course = course_of(facts)
    edges = (handover(course, AS_OF).day, unemployed_months_on(course, AS_OF, P.FIRST_PERIOD_MONTHS.on(AS_OF)).day)
    return replace(facts, interviews=draw(interviews(registered, edges)))


worlds = st.integers(1, 6).flatmap(lambda n: st.tuples(*(person(i) for i in range(n))))


def _reference(people: list[Person], kind: Organisation) -> dict[date, list[tuple]]:
    by_month: dict[date, list[tuple]] = {}
    for p in people:
        course = course_of(p)
        found = counted(course, evaluate(course, AS_OF), kind)
        if found is not None and found.reached_on <= LAST.replace(day=31):
            by_month.setdefault(found.reached_on.replace(day=1), []).append(
                (p.name, found.reached_on, found.held_in_time, found.held_late, found.met)
            )
    return by_month


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(people=worlds)
def test_R27_R7_R8_R9_the_sql_counts_as_the_rules_core_on_generated_worlds(uow, people):
    people = list(people)
    ids = write_world(uow, people)
    for kind, organisation in ((Organisation.AKASSE, ids.akasse_id), (Organisation.JOBCENTER, ids.jobcenter_id)):
        expected = _reference(people, kind)
        for month, rows in expected.items():
            behind = people_behind(uow(), organisation_id=organisation, month=month)
            got = sorted((p.name, p.reached_on, p.held_in_time, p.held_late, p.met) for p in behind)
            assert got == sorted(rows), (kind, month)
        figures = monthly_figures(uow(), kind=kind, first=FIRST, last=LAST, organisation_id=organisation)
        span = months(min([FIRST, *expected]), LAST)
        results = [
            month_result(len(expected.get(m, [])), sum(1 for r in expected.get(m, []) if not r[4]), m) for m in span
        ]
        in_a_row = months_in_a_row(results)
        want = [
            (m, r.members, r.without_three, r.share, r.deficient, row, row >= P.SUPERVISION_MONTHS_IN_A_ROW.on(m))
            for m, r, row in zip(span, results, in_a_row, strict=True) if m >= FIRST
        ]
        assert [(f.month, f.counted, f.without, f.share, f.above, f.in_a_row, f.star_contacts) for f in figures] == want
