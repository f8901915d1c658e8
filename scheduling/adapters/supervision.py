"""The supervision's figures (R27) in SQL: who reached the point, in which month, and what was held by then.

One statement per question, on SQLite and PostgreSQL alike, over the courses, their hour ledger, exemptions and
held interviews; nothing is loaded per person. The rules are those of :mod:`scheduling.rules.supervision`
(:func:`~scheduling.rules.supervision.counted`, the reference, which a test holds this module to on generated
worlds); the choices they make are documented there and in ``docs/supervision.md``.

The calendar arithmetic each database writes differently (the end of a month, a day plus n days, the Danish day
of an instant) is written once here as small SQL functions compiled per dialect. Hours are summed as whole
hundredths, so that 410 hours is reached exactly as :class:`decimal.Decimal` reaches it, also on SQLite whose
numbers are floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Date,
    Integer,
    Select,
    SQLColumnExpression,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from scheduling.adapters.orm import CitizenRow, CourseRow, ExemptionRow, HourEntryRow, InterviewRow
from scheduling.course import (
    ExemptionGround,
    HourKind,
    Insurance,
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


class month_end(_DateFunction):  # noqa: N801
    name = "month_end"
    inherit_cache = True


class add_days(_DateFunction):  # noqa: N801
    name = "add_days"
    inherit_cache = True


class danish_date(_DateFunction):  # noqa: N801
    """The Danish calendar day of an instant (Europe/Copenhagen)."""

    name = "danish_date"
    inherit_cache = True


class days_between(FunctionElement[int]):  # noqa: N801
    """``b - a`` in days."""

    type = Integer()
    name = "days_between"
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


@compiles(month_end, "sqlite")
def _month_end_sqlite(element: month_end, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"date({day}, 'start of month', '+1 month', '-1 day')"


@compiles(month_end, "postgresql")
def _month_end_pg(element: month_end, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"CAST(date_trunc('month', {day}) + interval '1 month - 1 day' AS DATE)"


@compiles(add_days, "sqlite")
def _add_days_sqlite(element: add_days, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _args(element, compiler, **kw)
    return f"date({day}, CAST({days} AS TEXT) || ' days')"


@compiles(add_days, "postgresql")
def _add_days_pg(element: add_days, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = _args(element, compiler, **kw)
    return f"CAST(CAST({day} AS DATE) + CAST({days} AS INTEGER) AS DATE)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    a, b = _args(element, compiler, **kw)
    return f"CAST(round(julianday({b}) - julianday({a})) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_pg(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    a, b = _args(element, compiler, **kw)
    return f"(CAST({b} AS DATE) - CAST({a} AS DATE))"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"CAST(strftime('%Y%m%d', {day}) AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_pg(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"CAST(to_char({day}, 'YYYYMMDD') AS INTEGER)"


@compiles(danish_date, "postgresql")
def _danish_date_pg(element: danish_date, compiler: SQLCompiler, **kw: Any) -> str:
    (instant,) = _args(element, compiler, **kw)
    return f"CAST(({instant} AT TIME ZONE 'Europe/Copenhagen') AS DATE)"


@compiles(danish_date, "sqlite")
def _danish_date_sqlite(element: danish_date, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps naive UTC (scheduling.adapters.types.UTCDateTime) and knows no time zones: Danish summer time
    # is the EU's, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the
    # first Sunday on or after the 25th); +2 hours then, +1 otherwise.
    (instant,) = _args(element, compiler, **kw)
    year = f"strftime('%Y', {instant})"
    begins = f"date({year} || '-03-25', 'weekday 0') || ' 01:00:00'"
    ends = f"date({year} || '-10-25', 'weekday 0') || ' 01:00:00'"
    return (
        f"date({instant}, CASE WHEN {instant} >= {begins} AND {instant} < {ends} "
        f"THEN '+2 hours' ELSE '+1 hours' END)"
    )


def _later(a: SQLColumnExpression[Any], b: SQLColumnExpression[Any]) -> ColumnElement[date]:
    """The later of two days (neither NULL)."""
    return case((a >= b, a), else_=b)


def _earlier_or(a: SQLColumnExpression[Any], b: SQLColumnExpression[Any]) -> ColumnElement[date]:
    """The earlier of ``a`` (NULL: no bound) and ``b``."""
    return case((a.is_(None), b), (a <= b, a), else_=b)


def _hundredths(hours: SQLColumnExpression[Any]) -> ColumnElement[int]:
    return cast(func.round(hours * 100), Integer)


# ---- the figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """The numbers of the law the statement needs, read from :mod:`scheduling.parameters` by the service."""

    handover_fulltime: int  # hundredths of an hour (R2: 410)
    handover_parttime: int  # (333)
    six_months_fulltime: int  # hundredths: 6 × 160.33 (R3)
    six_months_parttime: int  # 6 × 130
    r4_age: int  # R4: under 25 on registration
    old_rules_registered_by: date  # R28
    exemption_weeks: int  # R26: nr. 1 and nr. 4, the 6 weeks before the documented start
    work_sharing_weeks: int  # R26: nr. 3, the first 6 weeks of work sharing
    akasse_required: int  # R7: 3
    jobcenter_required: int  # R8: 3
    r4_required: int  # R9: 6


_JOB_KINDS = (InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE, InterviewKind.CVSAMTALE)


def _handover(t: Thresholds) -> CTE:
    """Each course's hand-over day (R2), when the ledger has registered the 410th/333rd benefit hour: the end of
    the month in which it was registered, not before the end of the month of registration."""
    running = (
        select(
            HourEntryRow.course_id,
            HourEntryRow.registered_on,
            func.sum(_hundredths(HourEntryRow.hours)).over(
                partition_by=HourEntryRow.course_id,
                order_by=(HourEntryRow.registered_on, HourEntryRow.period_end, HourEntryRow.id),
                rows=(None, 0),
            ).label("running"),
            case((CourseRow.insurance == Insurance.FULLTIME, t.handover_fulltime), else_=t.handover_parttime)
            .label("threshold"),
        )
        .join(CourseRow, CourseRow.id == HourEntryRow.course_id)
        .where(HourEntryRow.kind == HourKind.DAGPENGE, HourEntryRow.period_end >= CourseRow.placed_on)
        .cte("benefit_running")
    )
    crossed = (
        select(running.c.course_id, func.min(running.c.registered_on).label("crossed_on"))
        .where(running.c.running >= running.c.threshold)
        .group_by(running.c.course_id)
        .cte("benefit_crossed")
    )
    return (
        select(
            CourseRow.id.label("course_id"),
            month_end(_later(crossed.c.crossed_on, CourseRow.registered_on)).label("handover_on"),
        )
        .join(crossed, crossed.c.course_id == CourseRow.id)
        .cte("handover")
    )


def _six_months(t: Thresholds) -> CTE:
    """Each course's day of 6 months of *sammenlagt ledighed* (R3), when the registered periods reach it: within the
    period that crosses the threshold, its share of the period's days (as
    :func:`scheduling.rules.responsibility.unemployed_months_on`, in whole hundredths)."""
    order = (HourEntryRow.period_start, HourEntryRow.registered_on, HourEntryRow.period_end, HourEntryRow.id)
    hundredths = _hundredths(HourEntryRow.hours)
    running = (
        select(
            HourEntryRow.course_id,
            HourEntryRow.period_start,
            days_between(HourEntryRow.period_start, HourEntryRow.period_end).label("span"),
            hundredths.label("h"),
            func.sum(hundredths).over(partition_by=HourEntryRow.course_id, order_by=order, rows=(None, 0))
            .label("running"),
            func.row_number().over(partition_by=HourEntryRow.course_id, order_by=order).label("n"),
            case((CourseRow.insurance == Insurance.FULLTIME, t.six_months_fulltime), else_=t.six_months_parttime)
            .label("threshold"),
        )
        .join(CourseRow, CourseRow.id == HourEntryRow.course_id)
        .where(
            HourEntryRow.kind.in_((HourKind.DAGPENGE, HourKind.LOENTILSKUD)),
            HourEntryRow.period_end >= CourseRow.placed_on,
        )
        .cte("sammenlagt_running")
    )
    first = (
        select(running.c.course_id, func.min(running.c.n).label("n"))
        .where(running.c.running >= running.c.threshold)
        .group_by(running.c.course_id)
        .cte("sammenlagt_crossed")
    )
    days = running.c.span + 1
    missing = running.c.threshold - (running.c.running - running.c.h)  # hundredths still missing before the period
    # ceil(missing / h × days), in integers: (missing × days + h − 1) div h; a period of no hours counts whole
    whole = case((running.c.h <= 0, days), else_=(missing * days + running.c.h - 1) // running.c.h)
    offset = case((whole - 1 > 0, whole - 1), else_=0)
    return (
        select(running.c.course_id, add_days(running.c.period_start, offset).label("six_on"))
        .join(first, and_(first.c.course_id == running.c.course_id, first.c.n == running.c.n))
        .cte("six_months")
    )


def _r4_group(t: Thresholds) -> ColumnElement[bool]:
    """R4: under 25 on registration, no vocational qualification, no custody of children at home."""
    return and_(
        day_number(CourseRow.registered_on) - day_number(CitizenRow.birth_date) < t.r4_age * 10000,
        CourseRow.vocational_qualification.is_(False),
        CourseRow.custody_of_children_at_home.is_(False),
    )


def _old_rules(t: Thresholds) -> ColumnElement[bool]:
    return and_(CourseRow.old_rules.is_(True), CourseRow.registered_on <= t.old_rules_registered_by)


def _exemption_windows(t: Thresholds) -> CTE:
    """Each exemption's window (R26), as :func:`scheduling.rules.facts.exemption_window`: from ``starts``, or from
    6 weeks before a documented start (nr. 1, nr. 4), to ``ends`` (NULL: open), the day before the documented
    start, the end of the first 6 weeks of work sharing (nr. 3), or the day before it was decided not covered."""
    e = ExemptionRow
    joined = func.coalesce(e.event_on, e.starts_on)
    event_bound = and_(
        e.event_on.is_not(None), e.ground.in_((ExemptionGround.NR1_JOB_LEAVE_OR_PENSION, ExemptionGround.NR4_EDUCATION))
    )
    start = case(
        (event_bound, _later(e.starts_on, add_days(e.event_on, -7 * t.exemption_weeks))), else_=e.starts_on
    )
    end = case(
        (e.ground == ExemptionGround.NR3_WORK_SHARING,
         _earlier_or(e.ends_on, add_days(joined, 7 * t.work_sharing_weeks - 1))),
        (event_bound, _earlier_or(e.ends_on, add_days(e.event_on, -1))),
        else_=e.ends_on,
    )
    windows = select(e.course_id, start.label("starts"), end.label("ends"), e.not_covered_on).cte("exemption_raw")
    ends = case(
        (windows.c.not_covered_on.is_(None), windows.c.ends),
        else_=_earlier_or(windows.c.ends, add_days(windows.c.not_covered_on, -1)),
    )
    return select(windows.c.course_id, windows.c.starts, ends.label("ends")).cte("exemption_windows")


def _exempt_whole_month(t: Thresholds, reached: ColumnElement[date]) -> ColumnElement[bool]:
    """An exemption (R26) in force on every day of a calendar month from the registration to ``reached``: the
    first whole month in its window, from the registration on, ends by both."""
    w = _exemption_windows(t)
    from_day = _later(w.c.starts, CourseRow.registered_on)
    month = add_days(month_end(add_days(from_day, -1)), 1)  # the first day of a month on or after ``from_day``
    last = month_end(month)
    return exists(
        select(literal(1)).where(w.c.course_id == CourseRow.id, last <= reached, or_(w.c.ends.is_(None), last <= w.c.ends))
    )


def _counted(
    t: Thresholds, kind: Organisation, *, first: date | None, last: date, organisation_id: int | None
) -> Select[Any]:
    """One row per counted course: organisation, course, person, the day reached, the lower bound of the
    interviews in time (exclusive; NULL: none), the day after which they are late, and the interviews required."""
    handover = _handover(t)
    r4 = _r4_group(t)
    if kind is Organisation.AKASSE:
        organisation = CitizenRow.akasse_id
        reached: ColumnElement[Any] = handover.c.handover_on
        statement = select().join_from(CourseRow, handover, handover.c.course_id == CourseRow.id)
        lower: ColumnElement[Any] = cast(null(), Date)
        late_after: ColumnElement[Any] = reached
        required: ColumnElement[int] = literal(t.akasse_required)
        group: ColumnElement[bool] = ~r4
    else:
        six = _six_months(t)
        organisation = CitizenRow.jobcenter_id
        reached = six.c.six_on
        statement = (
            select()
            .join_from(CourseRow, six, six.c.course_id == CourseRow.id)
            .outerjoin(handover, handover.c.course_id == CourseRow.id)
        )
        lower = case((r4, cast(null(), Date)), else_=handover.c.handover_on)
        late_after = case((r4, reached), else_=_later(handover.c.handover_on, reached))
        required = case((r4, t.r4_required), else_=t.jobcenter_required)
        group = or_(r4, handover.c.handover_on.is_not(None))  # R8 counts from the hand-over: it must be known
    conditions = [
        ~_old_rules(t), group, reached <= last, ~_exempt_whole_month(t, reached),
    ]
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
            late_after.label("late_after"),
            required.label("required"),
        )
        .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
        .where(*conditions)
    )


def _with_interviews(t: Thresholds, kind: Organisation, counted: Select[Any]) -> Select[Any]:
    """The counted courses with their held interviews in time and held late (the R7 or R8/R9 count)."""
    c = counted.cte("counted")
    day = danish_date(InterviewRow.start_at)
    if kind is Organisation.AKASSE:
        # R7 counts every individual job interview held by the hand-over, the jobcenter's too (lov nr. 727/2023
        # § 5); held late are the a-kasse's own after it
        relevant = InterviewRow.kind == InterviewKind.JOBSAMTALE
        late_kind: ColumnElement[bool] = InterviewRow.organisation == Organisation.AKASSE
    else:
        relevant = and_(InterviewRow.organisation == Organisation.JOBCENTER, InterviewRow.kind.in_(_JOB_KINDS))
        late_kind = literal(True)
    in_time = and_(or_(c.c.lower.is_(None), day > c.c.lower), day <= c.c.reached_on)
    late = and_(late_kind, day > c.c.late_after)
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


def counted_people(
    session: Session, t: Thresholds, kind: Organisation, *, organisation_id: int, first: date, last: date
) -> list[CountedRow]:
    """The people counted for one organisation whose day falls from ``first`` to ``last``."""
    statement = _with_interviews(t, kind, _counted(t, kind, first=first, last=last, organisation_id=organisation_id))
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
    return [(r.organisation_id, r.month, int(r.counted), int(r.without)) for r in session.execute(statement)]

