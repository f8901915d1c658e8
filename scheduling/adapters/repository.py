"""Queries and row locks behind the services: the only SQL the services run.

:class:`AbstractRepository` names every query a service needs (Cosmic Python's repository pattern); the
services call these methods on ``uow.repo`` and never touch the session. :class:`Repository` answers them in
SQL; the unit tests answer them in memory (``tests/unit/services/fakes.py``), so the service tests that are not
about SQL run without a database.

Locks and claims: :meth:`Repository.lock_citizen` takes a ``SELECT … FOR UPDATE`` row lock on the person on
PostgreSQL; a booking then claims only the caseworker it gets (:meth:`Repository.claim_caseworker`: an insert
``ON CONFLICT DO NOTHING`` that the exclusion constraint turns into nothing when the caseworker's time is taken). On SQLite ``FOR
UPDATE`` does not exist and is not needed: every write transaction began with ``BEGIN IMMEDIATE`` (see
:mod:`scheduling.adapters.db`), which already holds the database's write lock.
"""

from __future__ import annotations

import abc
import json
import re
import weakref
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Engine,
    Insert,
    Integer,
    Select,
    String,
    Text,
    TextClause,
    Time,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    inspect,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, joinedload, load_only, make_transient_to_detached, selectinload

from scheduling.adapters.api_store import AbstractApiStore, SqlApiStore
from scheduling.adapters.facts import course_fact, course_from_rows
from scheduling.adapters.orm import (
    AbsenceRow,
    AgreedTimeslotRow,
    AuditRow,
    Base,
    BusyTimeRow,
    CaseworkerRow,
    CitizenRow,
    ControlActionRow,
    CourseRow,
    DecisionRow,
    ExemptionRow,
    HourEntryRow,
    InterviewParticipantRow,
    InterviewRow,
    MessageRow,
    OrganisationClosureRow,
    OrganisationRow,
    SlotChangeRow,
    SupervisorRow,
    WebhookSubscriptionRow,
    WorkingHoursRow,
)
from scheduling.adapters.outbox import AbstractOutbox, SqlOutbox
from scheduling.adapters.types import UTCDateTime
from scheduling.calendar.invitations import Recipient
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Course,
    ExemptionGround,
    Format,
    HourKind,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.slots import COPENHAGEN, AgreedTimeslot, CaseworkerAvailability, Interval, WorkingHours
from scheduling.vocabulary import ActorKind, AuditObject, BusySource, RecordKind, TimeslotStatus

_ACTIVE = InterviewStatus.CANCELLED


@dataclass(frozen=True)
class OfferingCaseworker:
    """A caseworker as the slot finder needs them: the id and the weekly working hours (read as plain columns;
    an organisation can have hundreds, and caseworker rows cost far more to load than these)."""

    id: int
    working_hours: tuple[WorkingHours, ...]


def _weekly_hours(caseworker: CaseworkerRow | OfferingCaseworker) -> tuple[WorkingHours, ...]:
    if isinstance(caseworker, OfferingCaseworker):
        return caseworker.working_hours
    return tuple(WorkingHours(w.weekday, w.start_time, w.end_time) for w in caseworker.working_hours)


def _course_query() -> Select[CourseRow]:
    return select(CourseRow).options(
        selectinload(CourseRow.hours),
        selectinload(CourseRow.exemptions),
        selectinload(CourseRow.control_actions),
        selectinload(CourseRow.interviews).selectinload(InterviewRow.participants),
        selectinload(CourseRow.decisions),
    )


@dataclass(frozen=True)
class CourseFacts:
    """The person's open course as a booking checks it: its id, its facts, and the caseworkers of its interviews
    that are not cancelled (what the caseload's read model links it to)."""

    course_id: int
    course: Course
    caseworkers: frozenset[int]
    #: the person has no other course (open or ended): the course's interviews are all of the person's interviews
    only_course: bool = False


_CITIZEN: BindParameter[int] = bindparam("citizen_id")
_COURSE: BindParameter[int] = bindparam("course_id")
_OTHER_COURSE = aliased(CourseRow)
_WITH_ORGANISATIONS = (joinedload(CitizenRow.akasse), joinedload(CitizenRow.jobcenter))
_COURSE_ROW = (
    select(
        CourseRow.id, CourseRow.registered_on, CourseRow.placed_on, CourseRow.insurance,
        CourseRow.vocational_qualification, CourseRow.custody_of_children_at_home, CourseRow.referred_r4_on,
        CourseRow.repatriation, CourseRow.old_rules, CitizenRow.birth_date,
        OrganisationRow.faellessamtale_r10_selvbooking, OrganisationRow.faellessamtale_r12_selvbooking,
        ~select(_OTHER_COURSE.id).where(
            _OTHER_COURSE.citizen_id == CourseRow.citizen_id, _OTHER_COURSE.id != CourseRow.id
        ).exists().label("only_course"),
    )
    .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
    .join(OrganisationRow, OrganisationRow.id == CitizenRow.jobcenter_id)
    .where(CourseRow.citizen_id == _CITIZEN, CourseRow.ended_on.is_(None))
)


def _none(type_: Any) -> Any:
    """A typed NULL (PostgreSQL resolves a UNION's column types pair by pair: a NULL of unknown type becomes text)."""
    return cast(null(), type_)


# the hours, exemptions, control actions and decisions of a course in one statement (a booking's check reads them
# all): one row shape, tagged, each kind's columns in its own places; the first SELECT gives the result types
_COURSE_FACT_ROWS: Any = union_all(
    select(
        literal(0).label("tag"), HourEntryRow.id, HourEntryRow.registered_on.label("d1"),
        HourEntryRow.period_start.label("d2"), HourEntryRow.period_end.label("d3"), _none(Date).label("d4"),
        HourEntryRow.hours, type_coerce(HourEntryRow.kind, String).label("s1"), _none(String).label("s2"),
        _none(Text).label("s3"), _none(UTCDateTime()).label("at"), _none(Boolean).label("flag"),
    ).where(HourEntryRow.course_id == _COURSE),
    select(
        literal(1), ExemptionRow.id, ExemptionRow.starts_on, ExemptionRow.ends_on, ExemptionRow.event_on,
        ExemptionRow.not_covered_on, null(), type_coerce(ExemptionRow.ground, String), null(), null(), null(), null(),
    ).where(ExemptionRow.course_id == _COURSE),
    select(
        literal(2), ControlActionRow.id, ControlActionRow.received_on, null(), null(), null(), null(), null(), null(),
        null(), null(), ControlActionRow.stay_abroad,
    ).where(ControlActionRow.course_id == _COURSE),
    select(
        literal(3), DecisionRow.id, null(), null(), null(), null(), null(), type_coerce(DecisionRow.kind, String),
        type_coerce(DecisionRow.organisation, String), DecisionRow.assessment, DecisionRow.made_at, null(),
    ).where(DecisionRow.course_id == _COURSE),
).order_by(  # each kind in its own order: hours by registration, exemptions by start, control actions by
    # receipt, decisions by when they were made; ties by id
    literal_column("tag"), literal_column("d1"), literal_column("at"), literal_column("id"),
)
_HourFact = namedtuple("_HourFact", "registered_on period_start period_end hours kind")
_ExemptionFact = namedtuple("_ExemptionFact", "id ground starts_on ends_on event_on not_covered_on")
_ControlActionFact = namedtuple("_ControlActionFact", "id received_on stay_abroad")
_DecisionFact = namedtuple("_DecisionFact", "kind made_at organisation assessment")
_HOUR_KINDS = {kind.value: kind for kind in HourKind}
_GROUNDS = {ground.value: ground for ground in ExemptionGround}
_RECORD_KINDS = {kind.value: kind for kind in RecordKind}
_ORGANISATIONS = {organisation.value: organisation for organisation in Organisation}


def _course_fact_rows(rows: Iterable[Any]) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """:data:`_COURSE_FACT_ROWS` split by kind, as rows with the columns' own names and types."""
    found: tuple[list[Any], list[Any], list[Any], list[Any]] = ([], [], [], [])
    for tag, row_id, d1, d2, d3, d4, hours, s1, s2, s3, at, flag in rows:
        if tag == 0:
            found[0].append(_HourFact(d1, d2, d3, hours, _HOUR_KINDS.get(s1) or HourKind(s1)))
        elif tag == 1:
            found[1].append(_ExemptionFact(row_id, _GROUNDS.get(s1) or ExemptionGround(s1), d1, d2, d3, d4))
        elif tag == 2:
            found[2].append(_ControlActionFact(row_id, d1, bool(flag)))
        else:
            kind = _RECORD_KINDS.get(s1) or RecordKind(s1)
            found[3].append(_DecisionFact(kind, at, _ORGANISATIONS.get(s2) or Organisation(s2), s3))
    return found


_COURSE_INTERVIEWS = (
    select(
        InterviewRow.id, InterviewRow.kind, InterviewRow.organisation, InterviewRow.start_at, InterviewRow.end_at,
        InterviewRow.format, InterviewRow.status, InterviewRow.booked_by, InterviewRow.akasse_participation,
        InterviewRow.format_raised, InterviewRow.control_action_id, InterviewRow.booked_at,
        InterviewRow.rebooked_count, InterviewParticipantRow.caseworker_id,
    )
    .outerjoin(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
    .where(InterviewRow.course_id == _COURSE)
    .order_by(InterviewRow.start_at, InterviewRow.id)
)


_ORGANISATION: BindParameter[int] = bindparam("organisation_id")
# the offer as its JSON text: a few distinct offers in an organisation are parsed once each (_offers), not every row
_OFFERED_TEXT = cast(CaseworkerRow.offered_kinds, Text).label("offered_kinds")
_OFFERING = (
    select(
        CaseworkerRow.id, _OFFERED_TEXT,
        WorkingHoursRow.weekday, WorkingHoursRow.start_time, WorkingHoursRow.end_time,
    )
    .outerjoin(WorkingHoursRow, WorkingHoursRow.caseworker_id == CaseworkerRow.id)
    .where(CaseworkerRow.organisation_id == _ORGANISATION, CaseworkerRow.disabled.is_(False))
    .order_by(CaseworkerRow.id, WorkingHoursRow.weekday)
)

# a booking's final check: only the hours of the slot's Danish weekday (the others cannot make one start free), and
# only the caseworkers who work that day; with their addresses, for the calendar invitation of the one who gets it
_OFFERING_ON = (
    select(
        CaseworkerRow.id, _OFFERED_TEXT,
        WorkingHoursRow.weekday, WorkingHoursRow.start_time, WorkingHoursRow.end_time, CaseworkerRow.email,
    )
    .join(WorkingHoursRow, WorkingHoursRow.caseworker_id == CaseworkerRow.id)
    .where(
        CaseworkerRow.organisation_id == _ORGANISATION, CaseworkerRow.disabled.is_(False),
        WorkingHoursRow.weekday == bindparam("weekday"),
    )
    .order_by(CaseworkerRow.id)
)


def _offering_hours_of(rows: Iterable[Any], kind: InterviewKind) -> dict[int, list[WorkingHours]]:
    """The working hours by caseworker id, in the rows' order, of the caseworkers whose offer (the rows' second
    column, JSON text) holds ``kind``."""
    hours: dict[int, list[WorkingHours]] = {}
    offers: dict[str | None, bool] = {}  # an offer's JSON text: does it hold ``kind``
    for cw_id, offered, weekday, start, end, *_ in rows:
        if offered not in offers:
            offers[offered] = _offers(offered, kind)
        if not offers[offered]:
            continue
        found = hours.setdefault(cw_id, [])
        if weekday is not None:
            found.append(WorkingHours(weekday, start, end))
    return hours


def _search_span(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """The instants whose blocked times a search of the Danish days may meet: a day more on each side."""
    lo = datetime.combine(first_day, time(0), COPENHAGEN).astimezone(UTC) - timedelta(days=1)
    hi = datetime.combine(last_day + timedelta(days=1), time(0), COPENHAGEN).astimezone(UTC) + timedelta(days=1)
    return lo, hi


def _offers(offered: str | None, kind: InterviewKind) -> bool:
    """Does a caseworker whose offer is this JSON text hold interviews of ``kind`` (an empty offer means all)?"""
    kinds = json.loads(offered) if offered else []
    return not kinds or kind.value in kinds


def _blocked_times(
    workers: Any, lo: Any, hi: Any, active: list[ColumnElement[bool]], dialect: str = "sqlite"
) -> tuple[Any, Any, Any]:
    """The three parts of a blocked-times union, each row tagged with its kind (0, 1, 2): the absences and busy
    times of ``workers`` (caseworker ids, or a subquery of them) overlapping ``[lo, hi)``, and their interview
    participations that meet ``active`` (active and overlapping, as the caller's database can search it best).
    On PostgreSQL the absences and busy times are also asked as a range overlap (:func:`_during`)."""
    absences = select(
        literal_column("0", Integer).label("kind"), AbsenceRow.caseworker_id, AbsenceRow.start_at, AbsenceRow.end_at
    ).where(AbsenceRow.caseworker_id.in_(workers), *_during(AbsenceRow, lo, hi, dialect))
    busy = select(
        literal_column("1", Integer).label("kind"), BusyTimeRow.caseworker_id, BusyTimeRow.start_at, BusyTimeRow.end_at
    ).where(BusyTimeRow.caseworker_id.in_(workers), *_during(BusyTimeRow, lo, hi, dialect))
    interviews = select(
        literal_column("2", Integer).label("kind"), InterviewParticipantRow.caseworker_id,
        InterviewParticipantRow.start_at, InterviewParticipantRow.end_at,
    ).where(InterviewParticipantRow.caseworker_id.in_(workers), *active)
    return absences, busy, interviews


def _during(table: type[AbsenceRow] | type[BusyTimeRow], lo: Any, hi: Any, dialect: str) -> list[ColumnElement[bool]]:
    """Rows of ``table`` overlapping ``[lo, hi)``. On PostgreSQL also as a range overlap, which
    ``ix_absences_during`` / ``ix_busy_times_during`` (gist over the time range,
    migration 0014) answer: the two comparisons alone leave the btree on the caseworker to read their whole
    history. The range test equals the comparisons for ``[start, end)`` with start < end (an empty busy time,
    start = end, overlaps nothing either way); both are kept."""
    overlap = [table.start_at < hi, table.end_at > lo]
    if dialect != "postgresql":
        return overlap
    as_range = func.tstzrange(table.start_at, table.end_at)
    return [as_range.op("&&")(func.tstzrange(type_coerce(lo, UTCDateTime()), type_coerce(hi, UTCDateTime()))), *overlap]


def _organisation_blocked(exclude: bool) -> Any:
    """Absences, busy times and active interviews overlapping ``[lo, hi)`` of an organisation's active
    caseworkers, each row tagged with its kind (0, 1, 2); with ``exclude``, not those of interview ``exclude``."""
    workers = select(CaseworkerRow.id).where(
        CaseworkerRow.organisation_id == _ORGANISATION, CaseworkerRow.disabled.is_(False)
    ).scalar_subquery()
    lo, hi = bindparam("lo", type_=UTCDateTime()), bindparam("hi", type_=UTCDateTime())
    absences, busy, interviews = _blocked_times(workers, lo, hi, [
        InterviewParticipantRow.status != _ACTIVE, InterviewParticipantRow.start_at < hi, InterviewParticipantRow.end_at > lo,
    ])
    if exclude:
        interviews = interviews.where(InterviewParticipantRow.interview_id != bindparam("exclude"))
    return union_all(absences, busy, interviews)


def _active_overlapping(dialect: str, lo: Any, hi: Any) -> list[ColumnElement[bool]]:
    """Active interview participations overlapping ``[lo, hi)``. On PostgreSQL also as a range overlap with the
    partial index's own predicate as a literal, so that ``ex_interview_participants_caseworker_overlap`` (gist over
    (caseworker, time range)) finds them: ``start_at < hi`` alone is bounded on one side, and the btree on
    (caseworker, start) then reads each caseworker's whole past (~90,000 entries for a national jobcenter's week,
    ~180 ms). The range test equals the two comparisons for ``[start, end)`` with start < end; both are kept."""
    overlap = [InterviewParticipantRow.start_at < hi, InterviewParticipantRow.end_at > lo]
    if dialect != "postgresql":
        return [InterviewParticipantRow.status != _ACTIVE, *overlap]
    as_range = func.tstzrange(InterviewParticipantRow.start_at, InterviewParticipantRow.end_at)
    return [
        # the index's predicate with a literal, not a bound value (a generic plan could not prove it)
        InterviewParticipantRow.status != literal_column(f"'{_ACTIVE.value}'"),
        as_range.op("&&")(func.tstzrange(type_coerce(lo, UTCDateTime()), type_coerce(hi, UTCDateTime()))),
        *overlap,
    ]


_ORGANISATION_BLOCKED = {exclude: _organisation_blocked(exclude) for exclude in (False, True)}


_WEEK_HOURS_ROW = 3  # the kind of _offering_week's working-hours rows besides the blocked times (0–2)


@cache
def _offering_week(dialect: str, exclude: bool) -> Any:
    """A free-times search's reads in one statement (issue 11, round 12: two before): the blocked times of the
    organisations' active caseworkers overlapping ``[lo, hi)`` (kinds 0–2, as :meth:`availability` reads them,
    the caseworkers chosen by a subquery, not a list of ids) and every active caseworker's offer and working hours
    (kind 3, as ``_OFFERING`` reads them), with their organisation; ordered by kind, caseworker and weekday. The
    first SELECT's NULL columns are typed: PostgreSQL types a UNION's columns pair by pair."""
    organisations: BindParameter[int] = bindparam("organisation_ids", expanding=True)
    workers = select(CaseworkerRow.id).where(
        CaseworkerRow.organisation_id.in_(organisations), CaseworkerRow.disabled.is_(False)
    ).scalar_subquery()
    lo, hi = bindparam("lo", type_=UTCDateTime()), bindparam("hi", type_=UTCDateTime())
    absences, busy, interviews = _blocked_times(workers, lo, hi, _active_overlapping(dialect, lo, hi), dialect)
    if exclude:
        interviews = interviews.where(InterviewParticipantRow.interview_id != bindparam("exclude"))
    nothing = (
        cast(null(), Text).label("offered_kinds"), cast(null(), Integer).label("weekday"),
        cast(null(), Time).label("start_time"), cast(null(), Time).label("end_time"),
        cast(null(), Integer).label("organisation_id"),
    )
    hours = (
        select(
            literal_column(str(_WEEK_HOURS_ROW), Integer), CaseworkerRow.id, null(), null(), _OFFERED_TEXT,
            WorkingHoursRow.weekday, WorkingHoursRow.start_time, WorkingHoursRow.end_time, CaseworkerRow.organisation_id,
        )
        .outerjoin(WorkingHoursRow, WorkingHoursRow.caseworker_id == CaseworkerRow.id)
        .where(CaseworkerRow.organisation_id.in_(organisations), CaseworkerRow.disabled.is_(False))
    )
    return union_all(*(part.add_columns(*nothing) for part in (absences, busy, interviews)), hours).order_by(
        text("1, 2, 6, 7")
    )


def _pg_organisation_blocked(exclude: bool) -> Any:
    """:func:`_organisation_blocked` for PostgreSQL, where ``ex_interview_participants_caseworker_overlap`` makes one
    caseworker's active interviews never overlap: the only one starting before ``lo`` that can reach into the span
    is the caseworker's latest such (one backward step in ``uq_interview_participants_caseworker_start``), so the
    search needs no scan of the caseworker's whole past (``start_at < hi`` alone reads two years of interviews at
    national size: ~0.5 s a booking). The answer is the same; were it ever too optimistic, the claim's insert is
    refused by the constraint all the same (SlotTaken)."""
    return (
        text(_pg_blocked_sql(exclude))
        .bindparams(
            bindparam("lo", type_=UTCDateTime()), bindparam("hi", type_=UTCDateTime()),
        )
        .columns(
            literal_column("kind", Integer), literal_column("caseworker_id", Integer),
            literal_column("start_at", UTCDateTime()), literal_column("end_at", UTCDateTime()),
        )
    )


def _pg_blocked_sql(exclude: bool, first: str = "", more: str = "") -> str:
    """The SQL of :func:`_pg_organisation_blocked`; ``first`` and ``more``: columns after the four of the first
    SELECT and of the others (:func:`_pg_slot_check` adds its own)."""
    skip = "AND interview_id <> :exclude " if exclude else ""
    # the partial index's own predicate, as a literal (a bound value would keep a generic plan off the index)
    active = f"status <> '{InterviewStatus.CANCELLED.value}'"
    workers = "SELECT id FROM caseworkers WHERE organisation_id = :organisation_id AND NOT disabled"
    # absences and busy times on their gist range indexes (migration 0014), the comparisons kept (see _during)
    during = "tstzrange(start_at, end_at) && tstzrange(:lo, :hi) AND start_at < :hi AND end_at > :lo"
    return (
        f"SELECT 0 AS kind, caseworker_id, start_at, end_at{first} FROM absences WHERE caseworker_id IN ({workers}) "  # nosec B608 - constants only
        f"AND {during} "
        f"UNION ALL SELECT 1, caseworker_id, start_at, end_at{more} FROM busy_times WHERE caseworker_id IN ({workers}) "
        f"AND {during} "
        f"UNION ALL SELECT 2, w.id, p.start_at, p.end_at{more} FROM caseworkers w CROSS JOIN LATERAL ("
        f"(SELECT start_at, end_at FROM interview_participants WHERE caseworker_id = w.id AND {active} "
        f"AND start_at < :lo {skip}ORDER BY start_at DESC LIMIT 1) "
        "UNION ALL (SELECT start_at, end_at FROM interview_participants WHERE caseworker_id = w.id "
        f"AND {active} AND start_at >= :lo AND start_at < :hi {skip})"
        ") p WHERE w.organisation_id = :organisation_id AND NOT w.disabled AND p.end_at > :lo"
    )


_PG_HOURS_AND_CLOSURES = (
    " UNION ALL SELECT 3, c.id, NULL, NULL, CAST(c.offered_kinds AS TEXT), h.start_time, h.end_time, c.email, NULL "
    "FROM caseworkers c JOIN working_hours h ON h.caseworker_id = c.id "
    "WHERE c.organisation_id = :organisation_id AND NOT c.disabled AND h.weekday = :weekday "
    "UNION ALL SELECT 4, NULL, NULL, NULL, NULL, from_time, to_time, NULL, day FROM organisation_closures "
    "WHERE organisation_id = :organisation_id AND day >= :first AND day <= :last "
    "ORDER BY 1, 2, 9, 6"
)


def _pg_slot_check(exclude: bool) -> Any:
    """PostgreSQL: everything a booking's final check of one start reads, in one statement — the blocked times of
    :func:`_pg_organisation_blocked` (kinds 0–2), the offering caseworkers' working hours on the start's weekday
    with their offers and addresses as ``_OFFERING_ON`` reads them (kind 3), and the organisation's closures on the
    day (kind 4). The NULL columns of the first SELECT are typed: PostgreSQL types a UNION's columns pair by pair.
    The instants are read as the driver gives them (aware), not through :class:`UTCDateTime`: most rows are
    working hours, whose instants are NULL; the caller makes the few blocked times UTC."""
    typed = ", NULL::text AS offered_kinds, NULL::time AS from_time, NULL::time AS to_time, NULL::varchar AS email, NULL::date AS day"
    sql = _pg_blocked_sql(exclude, typed, ", NULL, NULL, NULL, NULL, NULL") + _PG_HOURS_AND_CLOSURES  # nosec B608 - constants only
    return (
        text(sql)
        .bindparams(bindparam("lo", type_=UTCDateTime()), bindparam("hi", type_=UTCDateTime()))
        .columns(
            literal_column("kind", Integer), literal_column("caseworker_id", Integer),
            literal_column("start_at", DateTime(timezone=True)), literal_column("end_at", DateTime(timezone=True)),
            literal_column("offered_kinds", Text), literal_column("from_time", Time), literal_column("to_time", Time),
            literal_column("email", String), literal_column("day", Date),
        )
    )


_PG_ORGANISATION_BLOCKED = {exclude: _pg_organisation_blocked(exclude) for exclude in (False, True)}
_PG_SLOT_CHECK = {exclude: _pg_slot_check(exclude) for exclude in (False, True)}
_HOURS_ROW, _CLOSURE_ROW = 3, 4  # the kinds of _PG_SLOT_CHECK's rows besides the blocked times (0–2)


def _availability_of(
    hours: dict[int, list[WorkingHours]], blocked_rows: Iterable[Any],
    interval: Callable[[datetime, datetime], Interval] = Interval,
) -> list[CaseworkerAvailability]:
    """The caseworkers of ``hours`` (by id, in its order) with their blocked times of ``blocked_rows`` (kind 0–2,
    caseworker id, start, end; those of others ignored), each made by ``interval`` (:meth:`Interval.stored` for the
    thousands of a week's UTC columns)."""
    kinds = ("absences", "busy", "interviews")
    blocked: dict[str, dict[int, list[Interval]]] = {k: {} for k in kinds}
    for tag, cw_id, start, end in blocked_rows:
        kind_of = kinds[int(tag)]
        if cw_id in hours and (kind_of == "interviews" or end > start):
            blocked[kind_of].setdefault(cw_id, []).append(interval(start, end))
    return [
        CaseworkerAvailability(
            caseworker_id=cw_id,
            working_hours=tuple(found),
            absences=tuple(blocked["absences"].get(cw_id, ())),
            busy=tuple(blocked["busy"].get(cw_id, ())),
            interviews=tuple(blocked["interviews"].get(cw_id, ())),
        )
        for cw_id, found in hours.items()
    ]

_SLOT_VERSIONS = (
    select(SlotChangeRow.organisation_id, func.count())
    .where(
        SlotChangeRow.organisation_id.in_(bindparam("ids", expanding=True)),
        or_(SlotChangeRow.week.is_(None), SlotChangeRow.week.between(bindparam("first"), bindparam("last"))),
    )
    .group_by(SlotChangeRow.organisation_id)
)


def _claim_statement(dialect: Any) -> Any:
    """``INSERT INTO interview_participants … ON CONFLICT DO NOTHING RETURNING caseworker_id`` in ``dialect``: a
    row back is a claim; none is a caseworker the constraints refuse (:meth:`Repository.claim_caseworker`)."""
    table = InterviewParticipantRow.__table__
    return dialect.insert(table).on_conflict_do_nothing().returning(table.c.caseworker_id)


_CLAIM = {True: _claim_statement(postgresql), False: _claim_statement(sqlite)}  # by "is it PostgreSQL"


@dataclass(frozen=True)
class FeedInterview:
    """An interview as the subscription feed needs it: plain columns, its organisation's name, kind and address,
    the citizen's phone, and its last change."""

    uid: str
    sequence: int
    status: InterviewStatus
    start_at: datetime
    end_at: datetime
    kind: InterviewKind
    format: Format
    video_link: str | None
    booked_at: datetime
    booked_by: BookedBy
    akasse_participation: AkasseParticipation | None
    organisation_name: str
    organisation_kind: Organisation
    organisation_address: str | None
    citizen_phone: str | None
    updated_at: datetime
    # how to attend and whom to contact, from the organisation's settings (issue 13), for the citizen's feed
    organisation_phone: str | None = None
    organisation_email: str | None = None
    organisation_contact_url: str | None = None
    organisation_opening_hours: str | None = None
    organisation_reception: str | None = None
    organisation_what_to_bring: str | None = None
    organisation_calls_from: str | None = None


@dataclass(frozen=True)
class FeedSummary:
    """What the feed's validators are made of: of the interviews in the window, the newest change, how many,
    the sum of their sequences and the latest start; and the latest start of the owner's interviews before
    the window (the last one to have left it)."""

    newest: datetime | None
    count: int
    sequences: int
    latest_start: datetime | None
    latest_before: datetime | None


#: An interview a caller asked for: the row (organisation and participants loaded), the citizen's phone, its
#: last change, the citizen's e-mail.
VisibleInterview = tuple[InterviewRow, str | None, datetime, str | None]


class AbstractRepository(AbstractOutbox, AbstractApiStore, abc.ABC):
    """Every read, lock and write a service needs, by name. Rows go in and come out; ids are given on flush."""

    # ---- writing ---------------------------------------------------------------------------------------------

    @abc.abstractmethod
    def add(self, row: Base) -> None:
        """Add a new row (an interview, a decision, a message, an audit line …) to the transaction."""

    def append(self, row: Base) -> None:
        """Add a new row that nothing in the transaction reads or changes again (an audit line, a message): like
        :meth:`add`, but the SQL repository writes it at once with one plain INSERT instead of the ORM's flush."""
        self.add(row)

    def append_all(self, rows: Sequence[Base]) -> None:
        """:meth:`append` each row; the SQL repository writes the rows of one table in one multi-row INSERT (a
        booking's notices: the person's, and the caseworkers' calendar invitations)."""
        for row in rows:
            self.append(row)

    @contextmanager
    def appending(self) -> Iterator[None]:
        """A block whose appended rows the SQL repository may write together when it ends (nothing in the block
        reads them back); here, as if there were no block."""
        yield

    @abc.abstractmethod
    def delete(self, row: Base) -> None:
        """Remove a row (an absence) in the transaction."""

    # ---- plain reads -----------------------------------------------------------------------------------------

    @abc.abstractmethod
    def any_organisation(self) -> bool:
        """Is there any organisation at all (an empty database has none)?"""

    @abc.abstractmethod
    def organisation(self, organisation_id: int) -> OrganisationRow | None: ...

    def closed_days(self, organisation_ids: Sequence[int], first_day: date, last_day: date) -> list[Closure]:
        """The organisations' closures on ``first_day``..``last_day`` as values, in the order of :meth:`closures`
        (what the slot search needs of them)."""
        return [Closure(c.day, c.from_time, c.to_time) for c in self.closures(organisation_ids, first_day, last_day)]

    def caseworker_addresses(self, caseworker_ids: Iterable[int]) -> dict[int, str | None]:
        """The e-mail address of each of these caseworkers who exists (None: they have none)."""
        workers = ((i, self.caseworker(i)) for i in caseworker_ids)
        return {i: worker.email for i, worker in workers if worker is not None}

    @abc.abstractmethod
    def citizen(self, citizen_id: int) -> CitizenRow | None: ...

    @abc.abstractmethod
    def citizen_by_cpr(self, cpr: str) -> CitizenRow | None: ...

    @abc.abstractmethod
    def jobcenter_for_kommune(self, kommune: str) -> OrganisationRow | None:
        """The jobcenter of the kommune named ``kommune`` (case and surrounding spaces do not matter), if any."""

    @abc.abstractmethod
    def add_citizen(self, citizen: CitizenRow) -> bool:
        """Add a new person and flush; False (nothing written, the transaction goes on) when a person with the same
        CPR number got in first (another transaction committed one since the caller looked)."""

    @abc.abstractmethod
    def caseworker(self, caseworker_id: int) -> CaseworkerRow | None: ...

    @abc.abstractmethod
    def interview(self, interview_id: int) -> InterviewRow | None: ...

    @abc.abstractmethod
    def course(self, course_id: int) -> CourseRow | None: ...

    @abc.abstractmethod
    def exemption(self, exemption_id: int) -> ExemptionRow | None: ...

    @abc.abstractmethod
    def timeslot(self, timeslot_id: int) -> AgreedTimeslotRow | None: ...

    @abc.abstractmethod
    def absence(self, absence_id: int) -> AbsenceRow | None: ...

    @abc.abstractmethod
    def message(self, message_id: int) -> MessageRow | None: ...

    @abc.abstractmethod
    def active_course(self, citizen_id: int) -> CourseRow | None:
        """The person's open contact course with everything the rules need."""

    def course_facts(self, citizen: CitizenRow) -> CourseFacts | None:
        """The person's open course as facts (:func:`~scheduling.adapters.facts.course_fact`) with its id and the
        caseworkers of its interviews, for a service that only reads it (no rows to change)."""
        row = self.active_course(citizen.id)
        if row is None:
            return None
        workers = frozenset(
            p.caseworker_id for i in row.interviews if i.status != InterviewStatus.CANCELLED for p in i.participants
        )
        return CourseFacts(row.id, course_fact(row, citizen), workers)

    @abc.abstractmethod
    def caseworkers_offering(
        self, organisation_id: int, kind: InterviewKind
    ) -> Sequence[CaseworkerRow | OfferingCaseworker]:
        """Active caseworkers of an organisation who hold this kind of interview (an empty offer means all), by id:
        each with its ``id`` and ``working_hours``."""

    def offering_availability_in(
        self,
        organisation_ids: Sequence[int],
        kind: InterviewKind,
        first_day: date,
        last_day: date,
        exclude_interview: int | None = None,
    ) -> list[list[CaseworkerAvailability]]:
        """For each of these organisations, in their order (one, or a joint interview's jobcenter and a-kasse):
        ``availability(caseworkers_offering(organisation_id, kind), first_day, last_day, exclude_interview)``."""
        return [
            self.availability(self.caseworkers_offering(organisation_id, kind), first_day, last_day, exclude_interview)
            for organisation_id in organisation_ids
        ]

    def slot_versions(
        self, organisation_ids: Sequence[int], first_day: date, last_day: date
    ) -> tuple[object, tuple[int, ...]] | None:
        """Where free times may be kept between requests: the database they belong to (held weakly by the keeper)
        and, for each organisation, the version of its free times on the Danish dates ``first_day``..``last_day``
        (it changes with every change that can change them, migration 0016); None where they may not be kept."""
        return None

    @abc.abstractmethod
    def accepted_timeslots(self, jobcenter_id: int, akasse_id: int) -> list[AgreedTimeslotRow]: ...

    @abc.abstractmethod
    def closures(
        self, organisation_ids: Sequence[int], first_day: date | None = None, last_day: date | None = None
    ) -> list[OrganisationClosureRow]:
        """The organisations' closed days (or parts of days) from ``first_day`` to ``last_day`` (None: no bound),
        by day and start."""

    def joint_timeslots_and_closures(
        self, jobcenter_id: int, akasse_id: int, first_day: date, last_day: date
    ) -> tuple[list[AgreedTimeslot], list[Closure]]:
        """The accepted timeslots of a jobcenter and an a-kasse (R22) and both organisations' closures over the
        days: what a joint interview's free times need besides the caseworkers (one statement in the database)."""
        timeslots = [timeslot_value(t) for t in self.accepted_timeslots(jobcenter_id, akasse_id)]
        closed = self.closed_days([jobcenter_id, akasse_id], first_day, last_day)
        return timeslots, closed

    # ---- locks -----------------------------------------------------------------------------------------------

    @abc.abstractmethod
    def lock_citizen(self, citizen_id: int) -> CitizenRow | None:
        """Lock the person's row for the rest of the transaction."""

    def lock_self_booking_citizen(self, citizen_id: int) -> CitizenRow | None:
        """:meth:`lock_citizen` for a self-booking, which reads fewer of the person's and the organisations'
        columns (the SQL repository reads only those; any other is read when asked)."""
        return self.lock_citizen(citizen_id)

    @abc.abstractmethod
    def claim_caseworker(self, interview: InterviewRow, caseworker_id: int, role: Organisation) -> bool:
        """Make the caseworker a participant of the (flushed) interview at its time; False, with nothing written,
        when the database refuses it as a double booking of that caseworker."""

    @abc.abstractmethod
    def lock_caseworker(self, caseworker_id: int) -> CaseworkerRow | None:
        """One caseworker's row, locked (an account change checks and writes it in one go)."""

    # ---- overlaps and availability ---------------------------------------------------------------------------

    @abc.abstractmethod
    def busy_caseworkers(
        self, caseworker_ids: Iterable[int], start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> set[int]:
        """Which of these caseworkers have an active interview overlapping ``[start, end)``."""

    @abc.abstractmethod
    def citizen_has_overlap(
        self, citizen_id: int, start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> bool:
        """Does the person already hold an active interview overlapping ``[start, end)``?"""

    @abc.abstractmethod
    def caseworker_interviews(self, caseworker_id: int, since: datetime) -> list[InterviewRow]:
        """The caseworker's active interviews (as a participant) starting at or after ``since``, by start, with
        their participants: what a change of their absences or working hours may hit (issue 14)."""

    @abc.abstractmethod
    def citizen_busy_times(self, citizen_id: int, exclude_interview: int | None = None) -> list[tuple[datetime, datetime]]:
        """The (start, end) of the person's active interviews, by start."""

    @abc.abstractmethod
    def availability(
        self,
        caseworkers: Sequence[CaseworkerRow | OfferingCaseworker],
        first_day: date,
        last_day: date,
        exclude_interview: int | None = None,
        *,
        within: tuple[datetime, datetime] | None = None,
    ) -> list[CaseworkerAvailability]:
        """Working hours, absences, busy times and active interviews of these caseworkers over the days; with
        ``within``, only the blocked times overlapping that span (all a check of one slot needs)."""

    @abc.abstractmethod
    def offering_availability(
        self,
        organisation_id: int,
        kind: InterviewKind,
        within: tuple[datetime, datetime],
        exclude_interview: int | None = None,
    ) -> list[CaseworkerAvailability]:
        """``availability(caseworkers_offering(organisation_id, kind), ..., within=within)`` for the check of one
        slot: the same values, by caseworker id, read as plain columns instead of caseworker rows, of the
        caseworkers who work on ``within``'s Danish weekday and with only that day's hours."""

    def offering_availability_on(
        self,
        organisation_id: int,
        kind: InterviewKind,
        within: tuple[datetime, datetime],
        days: tuple[date, date],
        exclude_interview: int | None = None,
    ) -> tuple[list[CaseworkerAvailability], list[Closure]]:
        """What a booking's final check of one start reads: :meth:`offering_availability` and the organisation's
        :meth:`closed_days` of ``days``."""
        return (
            self.offering_availability(organisation_id, kind, within, exclude_interview),
            self.closed_days([organisation_id], *days),
        )

    # ---- accounts --------------------------------------------------------------------------------------------

    @abc.abstractmethod
    def login_candidate(self, email: str) -> tuple[int, str] | None:
        """The id and password hash of the open account with this e-mail (any case), if it has a password."""

    @abc.abstractmethod
    def supervisor_login_candidate(self, email: str) -> tuple[int, str] | None:
        """The id and password hash of the open supervisor account with this e-mail (any case), if it has one."""

    @abc.abstractmethod
    def lock_supervisor(self, supervisor_id: int) -> SupervisorRow | None:
        """One supervisor's row, locked (log-in checks and writes it in one go)."""

    @abc.abstractmethod
    def lock_supervisor_by_email(self, email: str) -> SupervisorRow | None:
        """The supervisor with this e-mail (any case), open or disabled, locked; None when there is none."""

    @abc.abstractmethod
    def active_password_hash(self, caseworker_id: int) -> str | None:
        """The password hash of an open account."""

    @abc.abstractmethod
    def email_taken(self, email: str) -> bool:
        """Is there a caseworker or supervisor account with this e-mail (any case)? (Both log in by e-mail.)"""

    @abc.abstractmethod
    def session_version(
        self, citizen_id: int | None = None, caseworker_id: int | None = None, supervisor_id: int | None = None
    ) -> int | None:
        """The person's session version; None when they do not exist."""

    @abc.abstractmethod
    def raise_session_version(
        self, citizen_id: int | None = None, caseworker_id: int | None = None, supervisor_id: int | None = None
    ) -> None:
        """Raise the person's session version by one, in the database (no read first)."""

    # ---- calendars -------------------------------------------------------------------------------------------

    @abc.abstractmethod
    def visible_interview(self, interview_id: int) -> VisibleInterview | None:
        """The interview with what its calendar file needs (see :data:`VisibleInterview`)."""

    @abc.abstractmethod
    def citizen_by_feed_token(self, token: str) -> CitizenRow | None: ...

    @abc.abstractmethod
    def caseworker_by_feed_token(self, token: str) -> CaseworkerRow | None:
        """The open caseworker account whose feed this token opens."""

    @abc.abstractmethod
    def feed_token_taken(self, token: str) -> bool: ...

    @abc.abstractmethod
    def feed_summary(self, recipient: Recipient, owner_id: int, since: datetime, until: datetime) -> FeedSummary:
        """Of the owner's feed (their interviews starting in ``[since, until)``, any status): see FeedSummary."""

    @abc.abstractmethod
    def feed_interviews(
        self, recipient: Recipient, owner_id: int, since: datetime, until: datetime
    ) -> list[FeedInterview]:
        """The owner's interviews starting in ``[since, until)``, any status, by start."""

    @abc.abstractmethod
    def replace_busy_times(
        self, caseworker_id: int, source: BusySource, intervals: Iterable[tuple[datetime, datetime]], now: datetime
    ) -> None:
        """Replace the caseworker's busy times from ``source`` with ``intervals``."""

    @abc.abstractmethod
    def busy_times(self, caseworker_id: int, lo: datetime, hi: datetime) -> list[BusyTimeRow]:
        """The caseworker's busy times overlapping ``[lo, hi)``, by start."""

    @abc.abstractmethod
    def caseworker_ids_with_busy_url(self) -> list[int]:
        """The open caseworker accounts with a calendar address, by id."""


_FEED_CONTACT_COLUMNS = ("phone", "email", "contact_url", "opening_hours", "reception", "what_to_bring", "calls_from")


def _last_change() -> ColumnElement[datetime]:
    """The instant of the newest audit line about the interview, else its booking (one correlated subquery)."""
    newest = (
        select(func.max(AuditRow.at))
        .where(AuditRow.object_type == AuditObject.INTERVIEW, AuditRow.object_id == InterviewRow.id)
        .correlate(InterviewRow)
        .scalar_subquery()
    )
    return type_coerce(func.coalesce(newest, InterviewRow.booked_at), UTCDateTime())


def _feed_filter(recipient: Recipient, owner_id: int, since: datetime, until: datetime) -> ColumnElement[bool]:
    """Which interviews are in a feed: the owner's, starting in ``[since, until)`` (any status). A caseworker's
    are found on ``ix_interview_participants_caseworker_start`` (the participants repeat the start)."""
    window = and_(InterviewRow.start_at >= since, InterviewRow.start_at < until)
    if recipient is Recipient.CITIZEN:
        return and_(InterviewRow.citizen_id == owner_id, window)
    taking_part = select(InterviewParticipantRow.interview_id).where(
        InterviewParticipantRow.caseworker_id == owner_id,
        InterviewParticipantRow.start_at >= since,
        InterviewParticipantRow.start_at < until,
    )
    return and_(InterviewRow.id.in_(taking_part), window)


def _latest_before(recipient: Recipient, owner_id: int, since: datetime) -> ColumnElement[datetime]:
    """The latest start of the owner's interviews before ``since`` (one step down an index)."""
    if recipient is Recipient.CITIZEN:
        latest = select(func.max(InterviewRow.start_at)).where(
            InterviewRow.citizen_id == owner_id, InterviewRow.start_at < since
        )
    else:
        latest = select(func.max(InterviewParticipantRow.start_at)).where(
            InterviewParticipantRow.caseworker_id == owner_id, InterviewParticipantRow.start_at < since
        )
    return latest.scalar_subquery()


# The constraints that refuse a double booking (scheduling.adapters.orm): exclusion constraints on PostgreSQL
# (any overlap), partial unique indexes on both databases (the same start).
DOUBLE_BOOKING_GUARDS = frozenset({
    "ex_interview_participants_caseworker_overlap",
    "ex_interviews_citizen_overlap",
    "uq_interview_participants_caseworker_start",
    "uq_interviews_citizen_start",
})


def is_double_booking(error: IntegrityError) -> bool:
    """Did one of :data:`DOUBLE_BOOKING_GUARDS` refuse the write (not some other constraint)?"""
    diagnostics = getattr(error.orig, "diag", None)  # psycopg names the constraint
    name = getattr(diagnostics, "constraint_name", None)
    if name is not None:
        return name in DOUBLE_BOOKING_GUARDS
    text = str(error.orig)  # SQLite names the columns: "UNIQUE constraint failed: interviews.citizen_id, interviews.start_at"
    return "start_at" in text


def aware_utc(value: datetime | str | None) -> datetime | None:
    """An aggregate's instant as aware UTC, however the driver hands it back."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _person(
    citizen_id: int | None, caseworker_id: int | None, supervisor_id: int | None = None
) -> tuple[Any, int | None]:
    """The table and id of a citizen, a caseworker or a supervisor, given one of the three ids."""
    if citizen_id is not None:
        return CitizenRow, citizen_id
    if supervisor_id is not None:
        return SupervisorRow, supervisor_id
    return CaseworkerRow, caseworker_id


# does the person's a-kasse or jobcenter have an active webhook subscription (read with the person's lock)
_SUBSCRIBED = (
    select(WebhookSubscriptionRow.id)
    .where(
        WebhookSubscriptionRow.organisation_id.in_([CitizenRow.akasse_id, CitizenRow.jobcenter_id]),
        WebhookSubscriptionRow.active.is_(True),
    )
    .exists()
    .label("subscribed")
)

_LOCK_CITIZEN = (  # built once: a booking runs it first
    select(CitizenRow, _SUBSCRIBED)
    .where(CitizenRow.id == _CITIZEN)
    .options(joinedload(CitizenRow.akasse), joinedload(CitizenRow.jobcenter))
    .with_for_update(of=CitizenRow)
    .execution_options(populate_existing=True)
)
# a self-booking reads only these of the person (the notices' and invitations' addresses and choices, the read
# model's name and CPR) and of the organisations (the holder's slot length, change deadline, name, address and
# video room template); the others are deferred and read if asked
_SELF_BOOKING_CITIZEN = ("cpr", "name", "akasse_id", "jobcenter_id", "phone", "email", "locale", "notice_choices",
                         "calendar_invitations")
_SELF_BOOKING_ORGANISATION = ("kind", "name", "address", "slot_minutes", "change_deadline_hours", "video_room_template")
_LOCK_SELF_BOOKING_CITIZEN = _LOCK_CITIZEN.options(
    load_only(*(getattr(CitizenRow, name) for name in _SELF_BOOKING_CITIZEN)),
    *(
        joinedload(relation).load_only(*(getattr(OrganisationRow, name) for name in _SELF_BOOKING_ORGANISATION))
        for relation in (CitizenRow.akasse, CitizenRow.jobcenter)
    ),
)
_CLOSED_DAYS = (
    select(OrganisationClosureRow.day, OrganisationClosureRow.from_time, OrganisationClosureRow.to_time)
    .where(
        OrganisationClosureRow.organisation_id.in_(bindparam("ids", expanding=True)),
        OrganisationClosureRow.day >= bindparam("first"), OrganisationClosureRow.day <= bindparam("last"),
    )
    .order_by(OrganisationClosureRow.day, OrganisationClosureRow.from_time, OrganisationClosureRow.id)
)

def _set_columns(row: Base) -> tuple[Any, dict[str, Any]]:
    """The row's mapper and its set columns' values by column key."""
    state = inspect(row)
    mapper, values = state.mapper, state.dict
    return mapper, {column: values[name] for name, column in _column_keys(mapper) if name in values}


@cache
def _column_keys(mapper: Any) -> tuple[tuple[str, str], ...]:
    """The mapper's column attributes as (attribute name, column key), in the mapper's order."""
    return tuple((prop.key, prop.columns[0].key) for prop in mapper.column_attrs)


def _batches(rows: Iterable[Base]) -> dict[tuple[type, tuple[str, ...]], list[dict[str, Any]]]:
    """The rows' set columns by table and set of columns, in the order first met."""
    batches: dict[tuple[type, tuple[str, ...]], list[dict[str, Any]]] = {}
    for row in rows:
        mapper, values = _set_columns(row)
        batches.setdefault((mapper.class_, tuple(values)), []).append(values)
    return batches


@cache
def _appending_all(shape: tuple[tuple[type, tuple[str, ...], int], ...]) -> TextClause:
    """PostgreSQL: one statement inserting ``count`` rows of ``columns`` into each ``table`` of ``shape``, in order —
    the last table's ``INSERT … VALUES (…), (…)`` with the others' as data-modifying ``WITH`` queries; the value of
    a table's ``n``th row's column ``c`` is the parameter ``t<table's place>_<n>_<c>``, of the column's type. Built
    once per shape, as text with typed parameters: SQLAlchemy caches no multi-row ``insert().values([…])``, and
    would compile it for every booking."""
    quote = postgresql.dialect().identifier_preparer.quote
    inserts, parameters = [], []
    for place, (table, columns, count) in enumerate(shape):
        target = table.__table__  # type: ignore[attr-defined]
        rows = []
        for n in range(count):
            names = [f"t{place}_{n}_{column}" for column in columns]
            parameters += [bindparam(name, type_=target.c[column].type) for name, column in zip(names, columns, strict=True)]
            rows.append("(" + ", ".join(f":{name}" for name in names) + ")")
        listed = ", ".join(quote(column) for column in columns)
        inserts.append(f"INSERT INTO {quote(target.name)} ({listed}) VALUES {', '.join(rows)}")  # nosec B608 - the mapped tables' names, quoted; values bound
    *first, last = inserts
    with_ = ", ".join(f"appended_{place} AS ({statement})" for place, statement in enumerate(first))
    return text(f"WITH {with_} {last}" if first else last).bindparams(*parameters)


@cache
def _inserting_many(table: type) -> Insert:
    """``INSERT`` into ``table`` returning its primary key: an executemany of it is one multi-row statement."""
    return insert(table).returning(*inspect(table).primary_key)


_VIEW_AUDIT_SQL = (
    "INSERT INTO audit_log (at, actor_kind, actor_id, action, object_type, object_id, citizen_id, details) "
    "SELECT :at, :actor_kind, w.id, :action, :object_type, c.id, c.id, {details}('organisation_id', w.organisation_id) "
    "FROM caseworkers w, citizens c WHERE w.id = :caseworker AND w.disabled = :no AND c.id = :citizen "
    "AND w.organisation_id IN (c.akasse_id, c.jobcenter_id){session} RETURNING {returning}"
)
#: the person page's audit line only for the session's caseworker: the log-in check in the statement itself
_OF_THE_SESSION = " AND w.session_version = :session_version"
#: the person page's versions and the look-ups counted so far, beside the audit line's citizen
_VERSIONS_COLUMNS = (
    "c.page_version, (SELECT coalesce(max(version), 0) FROM page_versions), "
    "coalesce((SELECT sum(views) FROM cpr_look_ups WHERE citizen_id = c.id), 0) {plus}, "
    "w.name, w.is_admin, w.is_leader, w.organisation_id"
)
_VERSIONS_SQL = "SELECT " + _VERSIONS_COLUMNS + " FROM {source}"  # nosec B608 - constants only


@dataclass(frozen=True)
class ViewAudited:
    """What the person page's audit statement read beside its line (:meth:`Repository.add_view_audit_with_versions`)."""

    page_version: int
    shared_version: int
    views: int
    caseworker_name: str
    is_admin: bool
    is_leader: bool
    organisation_id: int


def _view_audit_params(caseworker_id: int, citizen_id: int, at: datetime, action: str) -> dict[str, Any]:
    return {"at": at, "actor_kind": ActorKind.CASEWORKER.value, "caseworker": caseworker_id, "action": action,
            "object_type": AuditObject.CITIZEN.value, "citizen": citizen_id}


def _typed(sql: str) -> TextClause:
    return text(sql).bindparams(bindparam("at", type_=UTCDateTime()), bindparam("no", False))


@cache
def _view_audit(dialect: str) -> TextClause:
    """:meth:`Repository.add_view_audit`'s statement on ``dialect``: the audit line of a view, written only when
    the caseworker is not disabled and their organisation serves the person."""
    details = "json_build_object" if dialect == "postgresql" else "json_object"
    return _typed(_VIEW_AUDIT_SQL.format(details=details, session="", returning="id"))


@cache
def _view_audit_of_the_session(dialect: str) -> TextClause:
    """:func:`_view_audit`, written only while the caseworker's session version is ``:session_version``."""
    details = "json_build_object" if dialect == "postgresql" else "json_object"
    return _typed(_VIEW_AUDIT_SQL.format(details=details, session=_OF_THE_SESSION, returning="id"))


_VIEW_AUDIT_WITH_VERSIONS = _typed(
    "WITH added AS (" + _VIEW_AUDIT_SQL.format(details="json_build_object", session=_OF_THE_SESSION,
                                               returning="citizen_id, actor_id") + ") "
    + _VERSIONS_SQL.format(plus="+ 1", source="added JOIN citizens c ON c.id = added.citizen_id "
                                              "JOIN caseworkers w ON w.id = added.actor_id")
)
#: the same as the driver's SQL (psycopg's named parameters), for a connection that sends it as it is, its seven
#: values in one JSON array: one column for psycopg and SQLAlchemy to describe, not seven (issue 11, round 12:
#: describing the result was a fifth of the statement's path)
_VIEW_AUDIT_WITH_VERSIONS_DRIVER_SQL = re.sub(r"(?<!:):(\w+)", r"%(\1)s", _VIEW_AUDIT_WITH_VERSIONS.text).replace(
    "%(no)s", "false"
).replace(
    "SELECT " + _VERSIONS_COLUMNS.format(plus="+ 1"), "SELECT json_build_array(" + _VERSIONS_COLUMNS.format(plus="+ 1") + ")"
)
_AUTOCOMMITTING: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()


def _autocommitting(engine: Engine) -> Engine:
    """``engine`` whose connections commit each statement themselves (the pool gives them back as they were)."""
    found = _AUTOCOMMITTING.get(engine)
    if found is None:
        found = _AUTOCOMMITTING[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return found


_VERSIONS_AFTER_VIEW = text(_VERSIONS_SQL.format(
    plus="", source="citizens c JOIN caseworkers w ON w.id = :caseworker WHERE c.id = :citizen"
))


class Repository(SqlOutbox, SqlApiStore, AbstractRepository):
    """The repository in SQL, over one session (the unit of work's)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        #: caseworkers' e-mail addresses read in this transaction with a booking's final check of the slot
        self._addresses: dict[int, str | None] = {}
        #: organisations found without an active webhook subscription in this transaction (with the person's lock)
        self._unsubscribed: set[int] = set()
        #: rows appended inside :meth:`appending`, written when it ends
        self._appended: list[Base] | None = None

    # ---- writing ---------------------------------------------------------------------------------------------

    def add(self, row: Base) -> None:
        self.session.add(row)

    def insert(self, row: Base) -> None:
        """One Core ``INSERT … RETURNING`` of a new row's set columns, now; the row then joins the session as if it
        had been loaded (persistent, its id given, nothing left for a flush), so that it can still be changed and
        its relationships read. The flush's own work for one row (its unit of work, the identity map's
        bookkeeping, the events) is several times the statement's. The flush hooks do not see it:
        :meth:`SqlAlchemyUnitOfWork.insert` tells them."""
        mapper, values = _set_columns(row)
        key = self.session.connection().execute(_inserting_many(mapper.class_), values).one()
        for column, value in zip(mapper.primary_key, key, strict=True):
            setattr(row, mapper.get_property_by_column(column).key, value)
        make_transient_to_detached(row)
        self.session.add(row)

    def append(self, row: Base) -> None:
        """One Core ``INSERT`` of the row's set columns, now (the rows it refers to are in the database already: a
        service flushes a new interview or decision before it records it); the row stays out of the session, so
        the commit's flush has nothing to do for it, and its ``id`` is not read back. Inside :meth:`appending`,
        when the block ends."""
        if self._appended is not None:
            self._appended.append(row)
            return
        mapper, values = _set_columns(row)
        self.session.connection().execute(insert(mapper.class_), values)

    def append_all(self, rows: Sequence[Base]) -> None:
        """One Core ``INSERT … VALUES (…), (…)`` per table and set of columns, now, in the order first met (a
        single row: :meth:`append`). The multi-row statement is SQLAlchemy's "insertmanyvalues" (an executemany
        with RETURNING the keys, which are not used): one statement, compiled once per table and columns. Inside
        :meth:`appending`, when the block ends."""
        if self._appended is not None:
            self._appended.extend(rows)
            return
        for (table, _), batch in _batches(rows).items():
            connection = self.session.connection()
            if len(batch) == 1:
                connection.execute(insert(table), batch[0])
            else:
                connection.execute(_inserting_many(table), batch)

    @contextmanager
    def appending(self) -> Iterator[None]:
        """On PostgreSQL, the rows appended in the block (a booking's message, notices and audit line) written
        together when it ends, in one statement: each table's rows a data-modifying ``WITH`` of one
        ``INSERT … VALUES (…), (…)`` (:func:`_appending_all`). Elsewhere, or nested, as if there were no block."""
        if self._appended is not None or self.session.connection().dialect.name != "postgresql":
            yield
            return
        self._appended = []
        try:
            yield
            rows = self._appended
        finally:
            self._appended = None
        batches = _batches(rows)
        if len(batches) < 2:  # noqa: PLR2004 - one table: its own statement is as good
            self.append_all(rows)
            return
        shape = tuple((table, columns, len(batch)) for (table, columns), batch in batches.items())
        params = {
            f"t{n}_{r}_{column}": value
            for n, batch in enumerate(batches.values()) for r, values in enumerate(batch)
            for column, value in values.items()
        }
        self.session.connection().execute(_appending_all(shape), params)

    def delete(self, row: Base) -> None:
        self.session.delete(row)

    # ---- plain reads -----------------------------------------------------------------------------------------

    def any_organisation(self) -> bool:
        return self.session.scalar(select(OrganisationRow.id).limit(1)) is not None

    def organisation(self, organisation_id: int) -> OrganisationRow | None:
        return self.session.get(OrganisationRow, organisation_id)

    def citizen(self, citizen_id: int) -> CitizenRow | None:
        """The person with their a-kasse and jobcenter, in one statement (most callers go on to one of them: the
        free times, the notices, the reminders; the log-in check no longer leaves them in the session)."""
        return self.session.get(CitizenRow, citizen_id, options=_WITH_ORGANISATIONS)

    def add_view_audit(self, caseworker_id: int, citizen_id: int, at: datetime, action: str) -> bool:
        """One ``INSERT … SELECT`` (the person page shows the full CPR number on every view): the checks are its
        join, no rows are loaded, and nothing is left for the flush at commit. Its text is made once per database
        (:func:`_view_audit`): built anew on every view, the statement cost a quarter of the page read again."""
        return self.session.connection().execute(
            _view_audit(self.session.get_bind().dialect.name), _view_audit_params(caseworker_id, citizen_id, at, action)
        ).first() is not None

    def add_view_audit_with_versions(
        self, caseworker_id: int, citizen_id: int, at: datetime, action: str, session_version: int
    ) -> ViewAudited | None:
        """:meth:`add_view_audit` for the caseworker's session (their ``session_version`` still this one), and what
        the person page is kept under: the person's page version, everyone's, and how many ``action`` lines the
        person has now, this one counted (migration 0032's count, the sum of its shards since 0033); with the
        caseworker's name, roles and organisation as the statement found them. On PostgreSQL one statement (the
        insert a data-modifying ``WITH``, whose line the count read beside it does not yet see: hence the + 1);
        elsewhere the insert, then the read. None, and nothing written, when the caseworker is disabled, their
        session has ended or their organisation does not serve the person."""
        params = {**_view_audit_params(caseworker_id, citizen_id, at, action), "session_version": session_version}
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            bind = self.session.get_bind()
            if not self.session.in_transaction() and isinstance(bind, Engine):
                # one statement in a transaction of its own, which commits itself (no BEGIN and COMMIT round trips,
                # issue 11, round 11), on a connection of the engine's, not the session's (round 12: the session's
                # transaction, connection and commit were a sixth of a kept person page's time), sent as it is
                params["at"] = params["at"].astimezone(UTC)
                with _autocommitting(bind).connect() as connection:
                    row = connection.exec_driver_sql(_VIEW_AUDIT_WITH_VERSIONS_DRIVER_SQL, params).scalar()
            else:  # carrying on the request's reads, it is in theirs
                row = self.session.connection().execute(_VIEW_AUDIT_WITH_VERSIONS, params).first()
        elif (connection := self.session.connection()).execute(
            _view_audit_of_the_session(dialect), params
        ).first() is not None:
            row = connection.execute(_VERSIONS_AFTER_VIEW, {"citizen": citizen_id, "caseworker": caseworker_id}).first()
        else:
            row = None
        if row is None:
            return None
        return ViewAudited(int(row[0]), int(row[1]), int(row[2]), row[3], bool(row[4]), bool(row[5]), int(row[6]))

    def citizen_by_cpr(self, cpr: str) -> CitizenRow | None:
        return self.session.scalar(select(CitizenRow).where(CitizenRow.cpr == cpr))

    def jobcenter_for_kommune(self, kommune: str) -> OrganisationRow | None:
        """Matched in Python (casefold): SQLite's lower() leaves Æ, Ø and Å as they are. A hundred jobcentres."""
        wanted = kommune.strip().casefold()
        rows = self.session.scalars(
            select(OrganisationRow).where(OrganisationRow.kind == Organisation.JOBCENTER, OrganisationRow.kommune.is_not(None))
        )
        return next((row for row in rows if (row.kommune or "").strip().casefold() == wanted), None)

    def add_citizen(self, citizen: CitizenRow) -> bool:
        """In a savepoint, so that the unique CPR index refusing a second person leaves the transaction usable."""
        try:
            with self.session.begin_nested():
                self.session.add(citizen)
                self.session.flush()
        except IntegrityError:
            return False
        return True

    def caseworker(self, caseworker_id: int) -> CaseworkerRow | None:
        return self.session.get(CaseworkerRow, caseworker_id)

    def caseworker_addresses(self, caseworker_ids: Iterable[int]) -> dict[int, str | None]:
        """Those the booking's final check of the slot read in this transaction (:meth:`offering_availability`)
        are not asked for again; the rest in one statement of plain columns."""
        wanted = set(caseworker_ids)
        found = {i: self._addresses[i] for i in wanted if i in self._addresses}
        missing = sorted(wanted - found.keys())
        if missing:
            query = select(CaseworkerRow.id, CaseworkerRow.email).where(CaseworkerRow.id.in_(missing))
            found.update((cw_id, email) for cw_id, email in self.session.execute(query))
        return found

    def interview(self, interview_id: int) -> InterviewRow | None:
        return self.session.get(InterviewRow, interview_id)

    def course(self, course_id: int) -> CourseRow | None:
        return self.session.get(CourseRow, course_id)

    def exemption(self, exemption_id: int) -> ExemptionRow | None:
        return self.session.get(ExemptionRow, exemption_id)

    def absence(self, absence_id: int) -> AbsenceRow | None:
        return self.session.get(AbsenceRow, absence_id)

    def message(self, message_id: int) -> MessageRow | None:
        return self.session.get(MessageRow, message_id)

    def timeslot(self, timeslot_id: int) -> AgreedTimeslotRow | None:
        return self.session.get(AgreedTimeslotRow, timeslot_id)

    def active_course(self, citizen_id: int) -> CourseRow | None:
        """The person's open contact course with everything the rules need, loaded in a few queries."""
        return self.session.scalar(
            _course_query().where(CourseRow.citizen_id == citizen_id, CourseRow.ended_on.is_(None))
        )

    def course_facts(self, citizen: CitizenRow) -> CourseFacts | None:
        """Three plain statements (the course with the jobcenter's settings and whether it is the person's only
        course; its interviews with their caseworkers; its hours, exemptions, control actions and decisions in one),
        no ORM rows: what the rules and the read model need."""
        connection = self.session.connection()
        course = connection.execute(_COURSE_ROW, {"citizen_id": citizen.id}).first()
        if course is None:
            return None
        by_course = {"course_id": course.id}
        interviews: dict[int, Any] = {}
        workers: set[int] = set()
        for row in connection.execute(_COURSE_INTERVIEWS, by_course):
            interviews.setdefault(row.id, row)
            if row.caseworker_id is not None and row.status != InterviewStatus.CANCELLED:
                workers.add(row.caseworker_id)
        hours, exemptions, control_actions, decisions = _course_fact_rows(connection.execute(_COURSE_FACT_ROWS, by_course))
        fact = course_from_rows(
            course, course.birth_date,
            (course.faellessamtale_r10_selvbooking, course.faellessamtale_r12_selvbooking),
            hours=hours, exemptions=exemptions, control_actions=control_actions, interviews=interviews.values(),
            decisions=decisions,
        )
        return CourseFacts(course.id, fact, frozenset(workers), bool(course.only_course))

    def caseworkers_offering(self, organisation_id: int, kind: InterviewKind) -> list[OfferingCaseworker]:
        """Active caseworkers of an organisation who hold this kind of interview (an empty offer means all), with
        their working hours, in one statement of plain columns."""
        hours = self._offering_hours(organisation_id, kind)
        return [OfferingCaseworker(cw_id, tuple(found)) for cw_id, found in hours.items()]

    def offering_availability_in(
        self,
        organisation_ids: Sequence[int],
        kind: InterviewKind,
        first_day: date,
        last_day: date,
        exclude_interview: int | None = None,
    ) -> list[list[CaseworkerAvailability]]:
        """One statement (:func:`_offering_week`) where :meth:`caseworkers_offering` and :meth:`availability` ask
        two for each organisation's, or for a joint interview's both (issue 11, round 12: a free-times page read
        afresh in a worker just started asked 9); the same values."""
        lo, hi = _search_span(first_day, last_day)
        statement = _offering_week(self.session.get_bind().dialect.name, exclude_interview is not None)
        params = {"organisation_ids": list(organisation_ids), "lo": lo, "hi": hi, "exclude": exclude_interview}
        hours_rows: list[tuple[Any, ...]] = []
        blocked_rows: list[tuple[Any, ...]] = []
        for tag, cw_id, start, end, offered, weekday, from_time, to_time, organisation_id in self.session.connection(
        ).execute(statement, params):
            if tag == _WEEK_HOURS_ROW:
                hours_rows.append((cw_id, offered, weekday, from_time, to_time, organisation_id))
            else:
                blocked_rows.append((tag, cw_id, start, end))
        hours = _offering_hours_of(hours_rows, kind)
        organisation_of = {row[0]: row[5] for row in hours_rows}
        return [
            _availability_of(
                {cw_id: worked for cw_id, worked in hours.items() if organisation_of[cw_id] == organisation_id},
                blocked_rows, Interval.stored,
            )
            for organisation_id in organisation_ids
        ]

    def _offering_hours(
        self, organisation_id: int, kind: InterviewKind, weekday: int | None = None
    ) -> dict[int, list[WorkingHours]]:
        """The offering caseworkers' working hours by caseworker id, in id order (one prepared statement); with
        ``weekday``, only those who work that day and only that day's hours."""
        rows: Iterable[Any]
        if weekday is None:
            rows = self.session.connection().execute(_OFFERING, {"organisation_id": organisation_id})
        else:
            rows = self.session.connection().execute(_OFFERING_ON, {"organisation_id": organisation_id,
                                                                    "weekday": weekday})
            rows = list(rows)
            self._addresses.update((row[0], row[5]) for row in rows)  # caseworker_addresses() asks for them no more
        return _offering_hours_of(rows, kind)

    def slot_versions(
        self, organisation_ids: Sequence[int], first_day: date, last_day: date
    ) -> tuple[object, tuple[int, ...]] | None:
        """On PostgreSQL: the number of ``slot_changes`` rows of each organisation for the weeks of the dates and
        for every week (one index probe per organisation and week; the triggers of migration 0016 write them in
        the changing transaction). Read before the free times themselves, so that what is kept under a version is
        never older than it. SQLite has no triggers: None."""
        connection = self.session.connection()
        if connection.dialect.name != "postgresql":
            return None
        first, last = first_day - timedelta(days=first_day.weekday()), last_day - timedelta(days=last_day.weekday())
        # read once per transaction for each organisation and weeks: a kept page of free times reads its versions
        # first (portal.page_cache), and the free times computed for it then need no statement of their own
        transaction = self.session.get_transaction()
        known = self.session.info.get("slot_versions")
        if known is None or known[0] is not transaction:
            known = self.session.info["slot_versions"] = (transaction, {})
        versions: dict[tuple[int, date, date], int] = known[1]
        missing = [org for org in organisation_ids if (org, first, last) not in versions]
        if missing:
            params = {"ids": missing, "first": first, "last": last}
            counts: dict[int, int] = {org: count for org, count in connection.execute(_SLOT_VERSIONS, params)}
            versions.update({(org, first, last): int(counts.get(org, 0)) for org in missing})
        return connection.engine, tuple(versions[(org, first, last)] for org in organisation_ids)

    def accepted_timeslots(self, jobcenter_id: int, akasse_id: int) -> list[AgreedTimeslotRow]:
        return list(
            self.session.scalars(
                select(AgreedTimeslotRow)
                .where(
                    AgreedTimeslotRow.jobcenter_id == jobcenter_id,
                    AgreedTimeslotRow.akasse_id == akasse_id,
                    AgreedTimeslotRow.status == TimeslotStatus.ACCEPTED,
                )
                .order_by(AgreedTimeslotRow.id)
            )
        )

    def closures(
        self, organisation_ids: Sequence[int], first_day: date | None = None, last_day: date | None = None
    ) -> list[OrganisationClosureRow]:
        query = select(OrganisationClosureRow).where(OrganisationClosureRow.organisation_id.in_(list(organisation_ids)))
        if first_day is not None:
            query = query.where(OrganisationClosureRow.day >= first_day)
        if last_day is not None:
            query = query.where(OrganisationClosureRow.day <= last_day)
        order = (OrganisationClosureRow.day, OrganisationClosureRow.from_time, OrganisationClosureRow.id)
        return list(self.session.scalars(query.order_by(*order)))

    def closed_days(self, organisation_ids: Sequence[int], first_day: date, last_day: date) -> list[Closure]:
        """One prepared statement of plain columns (a booking's check reads them for its day)."""
        params = {"ids": list(organisation_ids), "first": first_day, "last": last_day}
        return [Closure(day, start, end) for day, start, end in self.session.connection().execute(_CLOSED_DAYS, params)]

    def joint_timeslots_and_closures(
        self, jobcenter_id: int, akasse_id: int, first_day: date, last_day: date
    ) -> tuple[list[AgreedTimeslot], list[Closure]]:
        slot, closure = AgreedTimeslotRow, OrganisationClosureRow
        none_int, none_date, none_text = (
            type_coerce(literal(None), Integer), type_coerce(literal(None), Date), type_coerce(literal(None), String)
        )
        timeslots = select(
            literal(0).label("tag"), slot.id, slot.weekday, slot.start_time, slot.end_time, slot.valid_from,
            slot.valid_to, type_coerce(slot.akasse_participation, String).label("participation"), slot.ended_from,
        ).where(slot.jobcenter_id == jobcenter_id, slot.akasse_id == akasse_id, slot.status == TimeslotStatus.ACCEPTED)
        closed = select(
            literal(1), closure.id, none_int, closure.from_time, closure.to_time, closure.day, none_date, none_text,
            none_date,
        ).where(closure.organisation_id.in_([jobcenter_id, akasse_id]), closure.day >= first_day, closure.day <= last_day)
        found: tuple[list[AgreedTimeslot], list[Closure]] = ([], [])
        rows: Any = self.session.execute(union_all(timeslots, closed).order_by(literal_column("tag"), literal_column("id")))
        for tag, row_id, weekday, start, end, day, until, participation, ended in rows:
            if tag == 0:
                found[0].append(AgreedTimeslot(
                    id=row_id, weekday=weekday, start=start, end=end, valid_from=day, valid_until=until,
                    akasse_participation=AkasseParticipation(participation), ended_from=ended,
                ))
            else:
                found[1].append(Closure(day, start, end))
        return found

    # ---- locks -----------------------------------------------------------------------------------------------

    def lock_citizen(self, citizen_id: int) -> CitizenRow | None:
        """Lock the person's row for the rest of the transaction (their interviews cannot change meanwhile); their
        a-kasse and jobcenter come in the same statement (every booking asks for one of them), unlocked — and
        whether either has an active webhook subscription: when neither has, the booked (moved, cancelled) event's
        look-up of subscribers (:meth:`webhook_subscribers`) is answered without asking again."""
        return self._lock_citizen(_LOCK_CITIZEN, citizen_id)

    def lock_self_booking_citizen(self, citizen_id: int) -> CitizenRow | None:
        """:meth:`lock_citizen` with only the columns a self-booking reads (:data:`_LOCK_SELF_BOOKING_CITIZEN`): a
        third of the statement's columns, each of which costs the driver and the ORM their work."""
        return self._lock_citizen(_LOCK_SELF_BOOKING_CITIZEN, citizen_id)

    def _lock_citizen(self, statement: Select[CitizenRow, bool], citizen_id: int) -> CitizenRow | None:
        found = self.session.execute(statement, {"citizen_id": citizen_id}).first()
        if found is None:
            return None
        citizen, subscribed = found
        if subscribed:  # what an earlier lock in this repository's life said of these organisations is old now
            self._unsubscribed.difference_update((citizen.akasse_id, citizen.jobcenter_id))
        else:
            self._unsubscribed.update((citizen.akasse_id, citizen.jobcenter_id))
        return citizen  # type: ignore[no-any-return]

    def webhook_subscribers(self, organisation_ids: Sequence[int]) -> list[tuple[int, list[str]]]:
        if self._unsubscribed.issuperset(organisation_ids):
            return []  # read with the person's lock in this transaction: none
        return super().webhook_subscribers(organisation_ids)

    def claim_caseworker(self, interview: InterviewRow, caseworker_id: int, role: Organisation) -> bool:
        """Insert the caseworker's participation, ``ON CONFLICT DO NOTHING``: False when the database refuses it as
        a double booking of that caseworker (nothing written, the transaction goes on).

        On PostgreSQL ``ex_interview_participants_caseworker_overlap`` decides (``DO NOTHING`` without a conflict
        target arbitrates on exclusion constraints too): an insert overlapping another booking's uncommitted claim
        of the same caseworker waits for that transaction and inserts nothing if it commits, so no lock on the
        caseworker's row is needed and bookings of other caseworkers or other times never wait. One statement, no
        savepoint around it (a savepoint and its release were two more round trips per booking). On SQLite the
        write lock is held and the caller has checked; the unique index stays a backstop. Only uniqueness and
        exclusion conflicts are passed over: any other error (a foreign key) still raises.
        """
        values = {
            "interview_id": interview.id, "caseworker_id": caseworker_id, "role": role,
            "start_at": interview.start_at, "end_at": interview.end_at, "status": interview.status,
        }
        connection = self.session.connection()
        statement = _CLAIM[connection.dialect.name == "postgresql"]
        if connection.execute(statement, values).first() is None:
            return False
        if "participants" in inspect(interview).dict:
            self.session.expire(interview, ["participants"])  # loaded again with the claimed caseworkers
        return True

    def lock_caseworker(self, caseworker_id: int) -> CaseworkerRow | None:
        """One caseworker's row, locked (``SELECT … FOR UPDATE``; on SQLite the write transaction holds the lock)."""
        return self.session.get(CaseworkerRow, caseworker_id, with_for_update=True)

    # ---- overlaps (run after the locks: they then see every committed booking) ------------------------------

    def busy_caseworkers(
        self, caseworker_ids: Iterable[int], start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> set[int]:
        """Which of these caseworkers have an active interview overlapping ``[start, end)``."""
        query = select(InterviewParticipantRow.caseworker_id).where(
            InterviewParticipantRow.caseworker_id.in_(list(caseworker_ids)),
            InterviewParticipantRow.status != _ACTIVE,
            InterviewParticipantRow.start_at < end,
            InterviewParticipantRow.end_at > start,
        )
        if exclude_interview is not None:
            query = query.where(InterviewParticipantRow.interview_id != exclude_interview)
        return set(self.session.scalars(query))

    def citizen_has_overlap(
        self, citizen_id: int, start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> bool:
        """Does the person already hold an active interview overlapping ``[start, end)``?"""
        query = select(InterviewRow.id).where(
            InterviewRow.citizen_id == citizen_id,
            InterviewRow.status != _ACTIVE,
            InterviewRow.start_at < end,
            InterviewRow.end_at > start,
        )
        if exclude_interview is not None:
            query = query.where(InterviewRow.id != exclude_interview)
        return self.session.scalar(query.limit(1)) is not None

    def caseworker_interviews(self, caseworker_id: int, since: datetime) -> list[InterviewRow]:
        query = (
            select(InterviewRow)
            .join(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
            .where(
                InterviewParticipantRow.caseworker_id == caseworker_id,
                InterviewParticipantRow.status != _ACTIVE,
                InterviewParticipantRow.start_at >= since,
            )
            .options(selectinload(InterviewRow.participants))
            .order_by(InterviewRow.start_at, InterviewRow.id)
        )
        return list(self.session.scalars(query))

    def citizen_busy_times(self, citizen_id: int, exclude_interview: int | None = None) -> list[tuple[datetime, datetime]]:
        query = select(InterviewRow.start_at, InterviewRow.end_at).where(
            InterviewRow.citizen_id == citizen_id, InterviewRow.status != _ACTIVE
        )
        if exclude_interview is not None:
            query = query.where(InterviewRow.id != exclude_interview)
        return [(start, end) for start, end in self.session.execute(query.order_by(InterviewRow.start_at))]

    # ---- what the slot finder needs --------------------------------------------------------------------------

    def availability(
        self,
        caseworkers: Sequence[CaseworkerRow | OfferingCaseworker],
        first_day: date,
        last_day: date,
        exclude_interview: int | None = None,
        *,
        within: tuple[datetime, datetime] | None = None,
    ) -> list[CaseworkerAvailability]:
        """Working hours, absences, busy times and active interviews of these caseworkers over the days (one
        statement: the three kinds of blocked time in one ``UNION ALL``, each row tagged with its kind); with
        ``within``, only the blocked times overlapping that span."""
        if not caseworkers:
            return []
        ids = [cw.id for cw in caseworkers]
        lo, hi = _search_span(first_day, last_day)
        if within is not None:
            lo, hi = within
        blocked = self._blocked(ids, lo, hi, exclude_interview)
        return [
            CaseworkerAvailability(
                caseworker_id=cw.id,
                working_hours=_weekly_hours(cw),
                absences=tuple(blocked["absences"].get(cw.id, ())),
                busy=tuple(blocked["busy"].get(cw.id, ())),
                interviews=tuple(blocked["interviews"].get(cw.id, ())),
            )
            for cw in caseworkers
        ]

    def offering_availability(
        self,
        organisation_id: int,
        kind: InterviewKind,
        within: tuple[datetime, datetime],
        exclude_interview: int | None = None,
    ) -> list[CaseworkerAvailability]:
        """Two prepared statements, no ORM rows (a booking's final check reads all of the organisation's
        caseworkers): the offering caseworkers with their working hours as plain columns, then the blocked times
        overlapping ``within`` of the organisation's active caseworkers (chosen by a subquery, not a list of ids).
        Only the working hours of ``within``'s Danish weekday are read, of the caseworkers who work that day: the
        other days' hours cannot make a start on this day free (at national size a fifth of the rows)."""
        connection = self.session.connection()
        hours = self._offering_hours(organisation_id, kind, within[0].astimezone(COPENHAGEN).weekday())
        if not hours:
            return []
        statements = _PG_ORGANISATION_BLOCKED if connection.dialect.name == "postgresql" else _ORGANISATION_BLOCKED
        statement, params = statements[exclude_interview is not None], {
            "organisation_id": organisation_id, "lo": within[0], "hi": within[1], "exclude": exclude_interview,
        }
        return _availability_of(hours, connection.execute(statement, params))

    def offering_availability_on(
        self,
        organisation_id: int,
        kind: InterviewKind,
        within: tuple[datetime, datetime],
        days: tuple[date, date],
        exclude_interview: int | None = None,
    ) -> tuple[list[CaseworkerAvailability], list[Closure]]:
        """On PostgreSQL one statement (:func:`_pg_slot_check`) instead of three; the same values."""
        connection = self.session.connection()
        if connection.dialect.name != "postgresql":
            return super().offering_availability_on(organisation_id, kind, within, days, exclude_interview)
        weekday = within[0].astimezone(COPENHAGEN).weekday()
        params = {
            "organisation_id": organisation_id, "lo": within[0], "hi": within[1], "exclude": exclude_interview,
            "weekday": weekday, "first": days[0], "last": days[1],
        }
        hours: dict[int, list[WorkingHours]] = {}
        offers: dict[str | None, bool] = {}  # an offer's JSON text: does it hold ``kind``
        blocked: list[tuple[int, int, datetime, datetime]] = []
        closures: list[Closure] = []
        for tag, cw_id, start, end, offered, from_time, to_time, email, day in connection.execute(
            _PG_SLOT_CHECK[exclude_interview is not None], params
        ):
            if tag == _HOURS_ROW:
                self._addresses[cw_id] = email  # caseworker_addresses() asks for them no more
                if offered not in offers:
                    offers[offered] = _offers(offered, kind)
                if offers[offered]:
                    hours.setdefault(cw_id, []).append(WorkingHours(weekday, from_time, to_time))
            elif tag == _CLOSURE_ROW:
                closures.append(Closure(day, from_time, to_time))
            else:
                blocked.append((tag, cw_id, start.astimezone(UTC), end.astimezone(UTC)))
        return _availability_of(hours, blocked), closures

    def _blocked(
        self, ids: list[int], lo: datetime, hi: datetime, exclude_interview: int | None
    ) -> dict[str, dict[int, list[Interval]]]:
        """Absences, busy times and active interviews of the caseworkers overlapping ``[lo, hi)``, by kind and id."""
        kinds = ("absences", "busy", "interviews")
        blocked: dict[str, dict[int, list[Interval]]] = {kind: {} for kind in kinds}
        dialect = self.session.get_bind().dialect.name
        absences, busy, interviews = _blocked_times(ids, lo, hi, _active_overlapping(dialect, lo, hi), dialect)
        if exclude_interview is not None:
            interviews = interviews.where(InterviewParticipantRow.interview_id != exclude_interview)
        for tag, cw_id, start, end in self.session.execute(union_all(absences, busy, interviews)):
            kind = kinds[int(tag)]
            if kind == "interviews" or end > start:
                blocked[kind].setdefault(cw_id, []).append(Interval.stored(start, end))
        return blocked

    # ---- accounts --------------------------------------------------------------------------------------------

    def login_candidate(self, email: str) -> tuple[int, str] | None:
        return self._login_candidate(CaseworkerRow, email)

    def supervisor_login_candidate(self, email: str) -> tuple[int, str] | None:
        return self._login_candidate(SupervisorRow, email)

    def _login_candidate(self, account: type[CaseworkerRow] | type[SupervisorRow], email: str) -> tuple[int, str] | None:
        """The id and password hash of the active account with ``email`` (any case) that has a password."""
        row = self.session.execute(
            select(account.id, account.password_hash).where(
                func.lower(account.email) == email.strip().lower(),
                account.disabled.is_(False),
                account.password_hash.is_not(None),
            )
        ).first()
        return (row.id, row.password_hash) if row is not None else None

    def lock_supervisor(self, supervisor_id: int) -> SupervisorRow | None:
        return self.session.get(SupervisorRow, supervisor_id, with_for_update=True)

    def lock_supervisor_by_email(self, email: str) -> SupervisorRow | None:
        return self.session.scalar(
            select(SupervisorRow).where(func.lower(SupervisorRow.email) == email.strip().lower()).with_for_update()
        )

    def active_password_hash(self, caseworker_id: int) -> str | None:
        return self.session.scalar(
            select(CaseworkerRow.password_hash).where(CaseworkerRow.id == caseworker_id, CaseworkerRow.disabled.is_(False))
        )

    def email_taken(self, email: str) -> bool:
        wanted = email.strip().lower()
        found = self.session.scalar(
            select(CaseworkerRow.id).where(func.lower(CaseworkerRow.email) == wanted)
            .union_all(select(SupervisorRow.id).where(func.lower(SupervisorRow.email) == wanted))
            .limit(1)
        )
        return found is not None

    def session_version(
        self, citizen_id: int | None = None, caseworker_id: int | None = None, supervisor_id: int | None = None
    ) -> int | None:
        row_type, row_id = _person(citizen_id, caseworker_id, supervisor_id)
        return self.session.scalar(select(row_type.session_version).where(row_type.id == row_id))

    def raise_session_version(
        self, citizen_id: int | None = None, caseworker_id: int | None = None, supervisor_id: int | None = None
    ) -> None:
        row_type, row_id = _person(citizen_id, caseworker_id, supervisor_id)
        self.session.execute(
            update(row_type).where(row_type.id == row_id).values(session_version=row_type.session_version + 1)
        )

    # ---- calendars -------------------------------------------------------------------------------------------

    def visible_interview(self, interview_id: int) -> VisibleInterview | None:
        found = (
            self.session.execute(
                select(InterviewRow, CitizenRow.phone, _last_change(), CitizenRow.email)
                .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
                .where(InterviewRow.id == interview_id)
                .options(
                    joinedload(InterviewRow.org),
                    joinedload(InterviewRow.participants).joinedload(InterviewParticipantRow.caseworker),
                )
            )
            .unique()
            .first()
        )
        if found is None:
            return None
        row, phone, updated_at, email = found
        return row, phone, updated_at, email

    def citizen_by_feed_token(self, token: str) -> CitizenRow | None:
        return self.session.scalar(select(CitizenRow).where(CitizenRow.calendar_feed_token == token))

    def caseworker_by_feed_token(self, token: str) -> CaseworkerRow | None:
        return self.session.scalar(
            select(CaseworkerRow).where(CaseworkerRow.calendar_feed_token == token, CaseworkerRow.disabled.is_(False))
        )

    def feed_token_taken(self, token: str) -> bool:
        return any(
            self.session.scalar(select(table.id).where(table.calendar_feed_token == token)) is not None
            for table in (CitizenRow, CaseworkerRow)
        )

    def feed_summary(self, recipient: Recipient, owner_id: int, since: datetime, until: datetime) -> FeedSummary:
        newest, count, sequences, latest, before = self.session.execute(
            select(
                func.max(_last_change()),
                func.count(InterviewRow.id),
                func.coalesce(func.sum(InterviewRow.sequence), 0),
                func.max(InterviewRow.start_at),
                _latest_before(recipient, owner_id, since),
            ).where(_feed_filter(recipient, owner_id, since, until))
        ).one()
        return FeedSummary(aware_utc(newest), int(count), int(sequences), aware_utc(latest), aware_utc(before))

    def feed_interviews(
        self, recipient: Recipient, owner_id: int, since: datetime, until: datetime
    ) -> list[FeedInterview]:
        rows = self.session.execute(
            select(
                InterviewRow.uid, InterviewRow.sequence, InterviewRow.status, InterviewRow.start_at,
                InterviewRow.end_at, InterviewRow.kind, InterviewRow.format, InterviewRow.video_link,
                InterviewRow.booked_at, InterviewRow.booked_by, InterviewRow.akasse_participation,
                OrganisationRow.name.label("organisation_name"), OrganisationRow.kind.label("organisation_kind"),
                OrganisationRow.address.label("organisation_address"), CitizenRow.phone.label("citizen_phone"),
                _last_change().label("updated_at"),
                *(getattr(OrganisationRow, name).label(f"organisation_{name}") for name in _FEED_CONTACT_COLUMNS),
            )
            .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
            .join(OrganisationRow, OrganisationRow.id == InterviewRow.organisation_id)
            .where(_feed_filter(recipient, owner_id, since, until))
            .order_by(InterviewRow.start_at, InterviewRow.id)
        ).all()
        return [
            FeedInterview(**{**row._mapping, "updated_at": aware_utc(row.updated_at) or row.booked_at}) for row in rows
        ]

    def replace_busy_times(
        self, caseworker_id: int, source: BusySource, intervals: Iterable[tuple[datetime, datetime]], now: datetime
    ) -> None:
        self.session.execute(
            delete(BusyTimeRow).where(BusyTimeRow.caseworker_id == caseworker_id, BusyTimeRow.source == source)
        )
        self.session.add_all(
            BusyTimeRow(caseworker_id=caseworker_id, start_at=start, end_at=end, source=source, imported_at=now)
            for start, end in intervals
        )

    def busy_times(self, caseworker_id: int, lo: datetime, hi: datetime) -> list[BusyTimeRow]:
        return list(
            self.session.scalars(
                select(BusyTimeRow)
                .where(BusyTimeRow.caseworker_id == caseworker_id, BusyTimeRow.start_at < hi, BusyTimeRow.end_at > lo)
                .order_by(BusyTimeRow.start_at, BusyTimeRow.id)
            )
        )

    def caseworker_ids_with_busy_url(self) -> list[int]:
        return list(
            self.session.scalars(
                select(CaseworkerRow.id)
                .where(CaseworkerRow.busy_ics_url.is_not(None), CaseworkerRow.disabled.is_(False))
                .order_by(CaseworkerRow.id)
            )
        )


@dataclass(frozen=True)
class Closure:
    """A day (or part of one, Danish wall-clock times) an organisation is closed beyond the public holidays."""

    day: date
    from_time: time | None
    to_time: time | None


def timeslot_value(row: AgreedTimeslotRow) -> AgreedTimeslot:
    """An accepted timeslot row as the slot finder's value."""
    return AgreedTimeslot(
        id=row.id,
        weekday=row.weekday,
        start=row.start_time,
        end=row.end_time,
        valid_from=row.valid_from,
        valid_until=row.valid_to,
        akasse_participation=row.akasse_participation,
        ended_from=row.ended_from,
    )
