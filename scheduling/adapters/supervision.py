"""The supervision's figures (R27) in SQL: who reached the point, in which month, and what was held by then.

One statement per question, on SQLite and PostgreSQL alike, over the courses, their stored milestones and held
interviews; nothing is loaded per person. The days each course is counted from — its hand-over (R2) and 6-month
day (R3) as the ledger has registered them, and whether an exemption (R26) covered a whole calendar month before
each — are read from ``course_milestones``, which the rules core computes and
:mod:`scheduling.adapters.milestones` keeps in the same transaction as every change to the course's facts, so a
report never sums the hour ledger. The rules are those of :mod:`scheduling.rules.supervision`
(:func:`~scheduling.rules.supervision.counted`, the reference, which a test holds this module to on generated
worlds); the choices they make are documented there and in ``docs/supervision.md``.

The calendar arithmetic each database writes differently (the first day of a month, a day as a number, the
Danish day of an instant) is written once here as small SQL functions compiled per dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    SQLColumnExpression,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from scheduling.adapters.orm import CitizenRow, CourseMilestonesRow, CourseRow, InterviewRow
from scheduling.adapters.types import UTCDateTime
from scheduling.course import (
    InterviewKind,
    InterviewStatus,
    Organisation,
)

__all__ = ["Thresholds", "counted_people", "monthly_counts"]


# ---- calendar arithmetic per dialect ----------------------------------------------------------------------------


class _DateFunction(FunctionElement[date]):
    type = Date()
    inherit_cache = True


class month_start(_DateFunction):  # noqa: N801 - SQL function names
    name = "month_start"
    inherit_cache = True


class danish_midnight_after(FunctionElement[Any]):  # noqa: N801
    """The instant the Danish day after a day begins (Europe/Copenhagen): an interview began on that day or before
    it exactly when it began before this instant. Computed once per person, compared with each interview's
    stored instant as it is (no conversion per interview)."""

    type = UTCDateTime()
    name = "danish_midnight_after"
    inherit_cache = True


class day_number(FunctionElement[int]):  # noqa: N801
    """A day as the number YYYYMMDD (ages in whole years by subtraction)."""

    type = Integer()
    name = "day_number"
    inherit_cache = True


def _args(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(c, **kw) for c in element.clauses]


@compiles(month_start, "sqlite")
def _month_start_sqlite(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"date({day}, 'start of month')"


@compiles(month_start, "postgresql")
def _month_start_pg(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"CAST(date_trunc('month', {day}) AS DATE)"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"CAST(strftime('%Y%m%d', {day}) AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_pg(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"CAST(to_char({day}, 'YYYYMMDD') AS INTEGER)"


@compiles(danish_midnight_after, "postgresql")
def _danish_midnight_pg(element: danish_midnight_after, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"(CAST(CAST({day} AS DATE) + 1 AS TIMESTAMP) AT TIME ZONE 'Europe/Copenhagen')"


@compiles(danish_midnight_after, "sqlite")
def _danish_midnight_sqlite(element: danish_midnight_after, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps naive UTC (scheduling.adapters.types.UTCDateTime) and knows no time zones. Danish summer time
    # is the EU's: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the
    # first Sunday on or after the 25th). So a Danish midnight is in summer time (UTC+2) from the Monday after
    # the March Sunday to the October Sunday itself, else UTC+1. The result 'YYYY-MM-DD HH:MM:SS' compares with
    # the stored 'YYYY-MM-DD HH:MM:SS.ffffff' as the instants do (equal instants: the stored one is greater).
    (day,) = _args(element, compiler, **kw)
    after = f"date({day}, '+1 day')"
    year = f"strftime('%Y', {after})"
    summer = (
        f"{after} > date({year} || '-03-25', 'weekday 0') AND {after} <= date({year} || '-10-25', 'weekday 0')"
    )
    return f"datetime({after}, CASE WHEN {summer} THEN '-2 hours' ELSE '-1 hours' END)"


def _later(a: SQLColumnExpression[Any], b: SQLColumnExpression[Any]) -> ColumnElement[date]:
    """The later of two days (neither NULL)."""
    return case((a >= b, a), else_=b)


# ---- the figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """The numbers of the law the statement needs, read from :mod:`scheduling.parameters` by the service."""

    r4_age: int  # R4: under 25 on registration
    old_rules_registered_by: date  # R28
    akasse_required: int  # R7: 3
    jobcenter_required: int  # R8: 3
    r4_required: int  # R9: 6


_JOB_KINDS = (InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE, InterviewKind.CVSAMTALE)


def _r4_group(t: Thresholds) -> ColumnElement[bool]:
    """R4: under 25 on registration, no vocational qualification, no custody of children at home."""
    return and_(
        day_number(CourseRow.registered_on) - day_number(CitizenRow.birth_date) < t.r4_age * 10000,
        CourseRow.vocational_qualification.is_(False),
        CourseRow.custody_of_children_at_home.is_(False),
    )


def _old_rules(t: Thresholds) -> ColumnElement[bool]:
    return and_(CourseRow.old_rules.is_(True), CourseRow.registered_on <= t.old_rules_registered_by)


def _counted(
    t: Thresholds, kind: Organisation, *, first: date | None, last: date, organisation_id: int | None
) -> Select[Any]:
    """One row per counted course: organisation, course, person, the day reached, the interviews required, and
    as instants (the Danish midnights after those days): from when an interview counts (after the hand-over, for
    R8; NULL: from the start), until when it is in time, and from when it is late."""
    m = CourseMilestonesRow
    r4 = _r4_group(t)
    statement = select().join_from(CourseRow, m, m.course_id == CourseRow.id)
    if kind is Organisation.AKASSE:
        organisation = CitizenRow.akasse_id
        reached: SQLColumnExpression[Any] = m.handover_on
        exempt: SQLColumnExpression[bool] = m.exempt_by_handover
        lower: ColumnElement[Any] = cast(null(), Date)
        late_after: SQLColumnExpression[Any] = reached
        required: ColumnElement[int] = literal(t.akasse_required)
        group: ColumnElement[bool] = ~r4
    else:
        organisation = CitizenRow.jobcenter_id
        reached = m.six_months_on
        exempt = m.exempt_by_six_months
        lower = case((r4, cast(null(), Date)), else_=m.handover_on)
        late_after = case((r4, reached), else_=_later(m.handover_on, reached))
        required = case((r4, t.r4_required), else_=t.jobcenter_required)
        group = or_(r4, m.handover_on.is_not(None))  # R8 counts from the hand-over: it must be registered
    conditions = [~_old_rules(t), group, reached <= last, exempt.is_(False)]
    if first is not None:
        conditions.append(reached >= first)
    if organisation_id is not None:
        conditions.append(organisation == organisation_id)
    return (
        statement.add_columns(
            organisation.label("organisation_id"),
            CourseRow.id.label("course_id"),
            CitizenRow.id.label("citizen_id"),
            CitizenRow.name.label("name"),
            reached.label("reached_on"),
            lower.label("lower"),
            danish_midnight_after(lower).label("lower_until"),
            danish_midnight_after(reached).label("reached_until"),
            danish_midnight_after(late_after).label("late_from"),
            required.label("required"),
        )
        .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
        .where(*conditions)
    )


def _with_interviews(t: Thresholds, kind: Organisation, counted: Select[Any]) -> Select[Any]:
    """The counted courses with their held interviews in time and held late (the R7 or R8/R9 count)."""
    c = counted.cte("counted")
    start = InterviewRow.start_at
    if kind is Organisation.AKASSE:
        # R7 counts every individual job interview held by the hand-over, the jobcenter's too (lov nr. 727/2023
        # § 5); held late are the a-kasse's own after it
        relevant = InterviewRow.kind == InterviewKind.JOBSAMTALE
        late_kind: ColumnElement[bool] = InterviewRow.organisation == Organisation.AKASSE
    else:
        relevant = and_(InterviewRow.organisation == Organisation.JOBCENTER, InterviewRow.kind.in_(_JOB_KINDS))
        late_kind = literal(True)
    in_time = and_(
        or_(c.c.lower.is_(None), start >= c.c.lower_until), start < c.c.reached_until
    )
    late = and_(late_kind, start >= c.c.late_from)
    counts = (
        select(
            InterviewRow.course_id,
            func.sum(case((in_time, 1), else_=0)).label("in_time"),
            func.sum(case((late, 1), else_=0)).label("late"),
        )
        .join(c, c.c.course_id == InterviewRow.course_id)
        .where(InterviewRow.status == InterviewStatus.HELD, relevant)
        .group_by(InterviewRow.course_id)
        .cte("held")
    )
    return (
        select(
            c.c.organisation_id, c.c.course_id, c.c.citizen_id, c.c.name, c.c.reached_on, c.c.required,
            func.coalesce(counts.c.in_time, 0).label("in_time"),
            func.coalesce(counts.c.late, 0).label("late"),
        )
        .outerjoin(counts, counts.c.course_id == c.c.course_id)
    )


@dataclass(frozen=True)
class CountedRow:
    organisation_id: int
    course_id: int
    citizen_id: int
    name: str
    reached_on: date
    required: int
    in_time: int
    late: int


def _plain(session: Session) -> None:
    """PostgreSQL: no JIT for this one statement's transaction (compiling it costs more than it saves here)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


def counted_people(
    session: Session, t: Thresholds, kind: Organisation, *, organisation_id: int, first: date, last: date
) -> list[CountedRow]:
    """The people counted for one organisation whose day falls from ``first`` to ``last``."""
    statement = _with_interviews(t, kind, _counted(t, kind, first=first, last=last, organisation_id=organisation_id))
    _plain(session)
    return [
        CountedRow(r.organisation_id, r.course_id, r.citizen_id, r.name, r.reached_on, int(r.required),
                   int(r.in_time), int(r.late))
        for r in session.execute(statement)
    ]


def monthly_counts(
    session: Session, t: Thresholds, kind: Organisation, *, first: date | None, last: date,
    organisation_id: int | None,
) -> list[tuple[int, date, int, int]]:
    """(organisation, first day of the month, counted, without the interviews required in time) for every month
    with anyone counted, from ``first`` (None: the beginning) to ``last``, in one statement."""
    people = _with_interviews(
        t, kind, _counted(t, kind, first=first, last=last, organisation_id=organisation_id)
    ).cte("people")
    month = month_start(people.c.reached_on)
    statement = (
        select(
            people.c.organisation_id,
            month.label("month"),
            func.count().label("counted"),
            func.sum(case((people.c.in_time < people.c.required, 1), else_=0)).label("without"),
        )
        .group_by(people.c.organisation_id, month)
    )
    _plain(session)
    return [(r.organisation_id, r.month, int(r.counted), int(r.without)) for r in session.execute(statement)]

