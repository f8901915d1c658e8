"""The supervision's figures (R27) in SQL: who reached the point, in which month, and what was held by then.

One statement per question, on SQLite and PostgreSQL alike, over the courses, their people and their stored
milestones; nothing is loaded per person. The days each course is counted from — its hand-over (R2) and 6-month
day (R3) as the ledger has registered them, whether an exemption (R26) covered a whole calendar month before
each, and the held interviews counted against each (R7, R8, R9: in time and late) — are read from
``course_milestones``, which the rules core computes and :mod:`scheduling.adapters.milestones` keeps in the same
transaction as every change to the course's facts or to a held interview, so a report neither sums the hour
ledger nor counts the interviews (issue 17: counting them was 2.7 s of the report's 3.5 s). The rules are
those of :mod:`scheduling.rules.supervision` (:func:`~scheduling.rules.supervision.counted`, the reference,
which a test holds this module to on generated worlds); the choices they make are documented there and in ``docs/supervision.md``.

The calendar arithmetic each database writes differently (the first day of a month, a day as a number) is
written once here as small SQL functions compiled per dialect.
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
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from scheduling.adapters.orm import CitizenRow, CourseMilestonesRow, CourseRow
from scheduling.course import Organisation

__all__ = ["Thresholds", "counted_people", "monthly_counts"]


# ---- calendar arithmetic per dialect ----------------------------------------------------------------------------


class _DateFunction(FunctionElement[date]):
    type = Date()
    inherit_cache = True


class month_start(_DateFunction):  # noqa: N801 - SQL function names
    name = "month_start"
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


# ---- the figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """The numbers of the law the statement needs, read from :mod:`scheduling.parameters` by the service."""

    r4_age: int  # R4: under 25 on registration
    old_rules_registered_by: date  # R28
    akasse_required: int  # R7: 3
    jobcenter_required: int  # R8: 3
    r4_required: int  # R9: 6


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
    those held in time and held late (stored with the milestones: R7's, or R8's or, for the R4 group, R9's)."""
    m = CourseMilestonesRow
    r4 = _r4_group(t)
    statement = select().join_from(CourseRow, m, m.course_id == CourseRow.id)
    if kind is Organisation.AKASSE:
        organisation = CitizenRow.akasse_id
        reached: SQLColumnExpression[Any] = m.handover_on
        exempt: SQLColumnExpression[bool] = m.exempt_by_handover
        required: ColumnElement[int] = literal(t.akasse_required)
        in_time: SQLColumnExpression[int] = m.akasse_held_in_time
        late: SQLColumnExpression[int] = m.akasse_held_late
        group: ColumnElement[bool] = ~r4
    else:
        organisation = CitizenRow.jobcenter_id
        reached = m.six_months_on
        exempt = m.exempt_by_six_months
        required = case((r4, t.r4_required), else_=t.jobcenter_required)
        in_time = case((r4, m.r9_held_in_time), else_=m.r8_held_in_time)
        late = case((r4, m.r9_held_late), else_=m.r8_held_late)
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
            required.label("required"),
            in_time.label("in_time"),
            late.label("late"),
        )
        .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
        .where(*conditions)
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
    statement = _counted(t, kind, first=first, last=last, organisation_id=organisation_id)
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
    people = _counted(t, kind, first=first, last=last, organisation_id=organisation_id).cte("people")
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

