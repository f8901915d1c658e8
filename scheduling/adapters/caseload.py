"""Keeping the caseload's read model (``caseload_status``, ``caseload_caseworkers``) in step with the courses.

Every session made by :func:`scheduling.adapters.db.session_factory` is watched (:func:`watch`): after each flush
the ids of the courses whose rows changed (the course, its hours, exemptions, control actions, interviews and
their participants, decisions, the person) are collected, and just before COMMIT each of them is evaluated
once (:func:`scheduling.caseload.course_status`) and its status row written, in the same transaction. So the
services need not know about the read model, the demo (which commits its one session) is covered too, and a
rolled-back change leaves the read model as it was.

The day a row is computed for comes from ``session.info[TODAY]`` (a date, or a callable returning one: the
portal passes its configured "today"); without it, today's date in Denmark. What changes with the date alone is
refreshed by :func:`refresh` (``flask --app portal caseload opdater``).

A service that already holds the course as it will commit it (a booking: the course it checked, with the new
interview) may say so (:func:`expect`, through the unit of work): the row is then computed from those facts instead
of loading the course again. The hint is void when a flush after it changes the course or the person, and a
savepoint's release writes nothing (the transaction's own commit does). The rows are written with one upsert; the
caseworker links are replaced, or — when the service also said which caseworkers the course had before (a
booking) — only the links that changed are written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    Insert,
    Integer,
    Table,
    bindparam,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, SessionTransaction, selectinload, sessionmaker

from scheduling.adapters.facts import course_fact, course_from_rows
from scheduling.adapters.orm import (
    CaseloadCaseworkerRow,
    CaseloadStatusRow,
    CitizenRow,
    ControlActionRow,
    CourseRow,
    DecisionRow,
    ExemptionRow,
    HourEntryRow,
    InterviewParticipantRow,
    InterviewRow,
    OrganisationRow,
)
from scheduling.caseload import course_status, name_key, reason_data
from scheduling.course import Course, InterviewStatus, Organisation
from scheduling.slots import COPENHAGEN

_CHUNK = 500  # courses loaded at a time
TODAY = "caseload_today"  # session.info key: the day the read model is computed for (a date or a callable)
_TOUCHED = "caseload_touched"  # session.info key: course ids changed in this transaction
_CITIZENS = "caseload_citizens"  # session.info key: citizen ids changed in this transaction (name, CPR, orgs)
_ORGANISATIONS = "caseload_organisations"  # session.info key: organisations whose course facts changed
_KNOWN = "caseload_known"  # session.info key: course id -> KnownCourse, the facts a service said it commits
_ORGANISATION_FACTS = ("faellessamtale_r10_selvbooking", "faellessamtale_r12_selvbooking")
_CITIZEN_FACTS = ("name", "cpr", "birth_date", "akasse_id", "jobcenter_id")
_COURSE_ROWS = (HourEntryRow, ExemptionRow, ControlActionRow, InterviewRow, DecisionRow)


@dataclass(frozen=True)
class KnownCourse:
    """A course as the service that changed it will commit it: the person's columns the row repeats, the facts
    (:func:`~scheduling.adapters.facts.course_fact` of the rows) and the caseworkers of its interviews that are
    not cancelled."""

    course_id: int
    citizen_id: int
    name: str
    cpr: str
    akasse_id: int
    jobcenter_id: int
    course: Course
    caseworkers: frozenset[int]
    #: the caseworkers the read model links the course to before this transaction (those of the course as the
    #: service loaded it), when known: then only the links that changed are written (:func:`_store_known`)
    linked: frozenset[int] | None = None


def expect(session: Session, known: KnownCourse) -> None:
    """The course will be committed as ``known`` says: compute its row from that, not from the rows again.
    Give it after the last change to the course; a flush that changes the course afterwards voids it."""
    session.info.setdefault(_KNOWN, {})[known.course_id] = known


def day_of(session: Session) -> date:
    """The day the read model is computed for in this session (``session.info[TODAY]``, else Denmark's today)."""
    value = session.info.get(TODAY)
    if callable(value):
        value = value()
    if isinstance(value, date):
        return value
    return datetime.now(COPENHAGEN).date()


def watch(factory: sessionmaker[Session], today: Callable[[], date] | date | None = None) -> sessionmaker[Session]:
    """Keep the read model in every session ``factory`` makes; ``today`` is the day it is computed for."""
    if today is not None:
        factory.kw.setdefault("info", {})[TODAY] = today
    event.listen(factory, "after_flush", _collect)
    event.listen(factory, "before_commit", _write)
    event.listen(factory, "after_soft_rollback", _forget)
    return factory


def _collect(session: Session, _context: Any) -> None:
    _collect_rows(session, (*session.new, *session.dirty, *session.deleted))


def inserted(session: Session, row: object) -> None:
    """A new row written around the flush (:meth:`~scheduling.adapters.repository.Repository.insert`): collected
    as the flush would have collected it."""
    _collect_rows(session, (row,), new=True)


def _collect_rows(session: Session, rows: Iterable[object], *, new: bool = False) -> None:
    touched: set[int] = set()
    citizens: set[int] = session.info.setdefault(_CITIZENS, set())
    for row in rows:
        _collect_row(session, row, touched, citizens, new)
    session.info.setdefault(_TOUCHED, set()).update(touched)
    known: dict[int, KnownCourse] | None = session.info.get(_KNOWN)
    if known:
        for course_id in touched:  # changed after the hint: it no longer says how the course is committed
            known.pop(course_id, None)


def _collect_row(session: Session, row: object, touched: set[int], citizens: set[int], new: bool) -> None:
    if isinstance(row, CourseRow):
        touched.add(row.id)
    elif isinstance(row, _COURSE_ROWS):
        touched.add(row.course_id)
    elif isinstance(row, InterviewParticipantRow):
        with session.no_autoflush:
            interview = session.get(InterviewRow, row.interview_id)
        if interview is not None:
            touched.add(interview.course_id)
    elif isinstance(row, CitizenRow) and (new or row in session.deleted or _changed(row, _CITIZEN_FACTS)):
        citizens.add(row.id)  # not for a log-in's session version or a new feed token
    elif isinstance(row, OrganisationRow) and (new or _changed(row, _ORGANISATION_FACTS)):
        # a jobcenter's joint-interview settings are facts of its people's courses (R10, R12): all of them
        session.info.setdefault(_ORGANISATIONS, set()).add(row.id)


def _changed(row: object, names: tuple[str, ...]) -> bool:
    state = inspect(row)
    return state.pending or any(state.attrs[name].history.has_changes() for name in names)


def _write(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint's release: the transaction's own commit writes the rows
    session.flush()  # before_commit comes before the commit's own flush: collect what is still pending
    touched: set[int] = session.info.pop(_TOUCHED, set())
    citizens: set[int] = session.info.pop(_CITIZENS, set())
    organisations: set[int] = session.info.pop(_ORGANISATIONS, set())
    known: dict[int, KnownCourse] = session.info.pop(_KNOWN, None) or {}
    if citizens or organisations:
        known = {}  # the person's columns or their jobcenter's settings changed: read everything again
        people = select(CitizenRow.id).where(
            or_(CitizenRow.id.in_(citizens), CitizenRow.akasse_id.in_(organisations),
                CitizenRow.jobcenter_id.in_(organisations))
        )
        touched |= set(session.scalars(
            select(CourseRow.id).where(CourseRow.citizen_id.in_(people), CourseRow.ended_on.is_(None))
        ))
    if touched:
        on = day_of(session)
        hinted = [known[i] for i in sorted(touched) if i in known]
        linked = [k for k in hinted if k.linked is not None]
        if linked:
            _store_known(session, linked, on)
        unlinked = [k for k in hinted if k.linked is None]
        if unlinked:
            _store(session, [i.course_id for i in unlinked], [_known_values(k, on) for k in unlinked])
        rest = touched.difference(k.course_id for k in hinted)
        if rest:
            recompute(session, rest, on)
        _forget(session, None)


def _forget(session: Session, previous: SessionTransaction | None) -> None:
    if previous is not None and previous.nested:
        # a savepoint rolled back: what was changed before it still stands (recomputing a course too many is
        # harmless), but a hint may describe what was undone
        session.info.pop(_KNOWN, None)
        return
    for key in (_TOUCHED, _CITIZENS, _ORGANISATIONS, _KNOWN):
        session.info.pop(key, None)


def _load(session: Session, course_ids: Collection[int]) -> list[CourseRow]:
    return list(
        session.scalars(
            select(CourseRow)
            .where(CourseRow.id.in_(course_ids))
            .options(
                selectinload(CourseRow.citizen).selectinload(CitizenRow.akasse),
                selectinload(CourseRow.citizen).selectinload(CitizenRow.jobcenter),
                selectinload(CourseRow.hours), selectinload(CourseRow.exemptions),
                selectinload(CourseRow.control_actions),
                selectinload(CourseRow.interviews).selectinload(InterviewRow.participants),
                selectinload(CourseRow.decisions),
            )
            .execution_options(populate_existing=True)
        )
    )


def status_row(course: CourseRow, on: date) -> tuple[CaseloadStatusRow, set[int]]:
    """The course's read-model row on ``on`` and the caseworkers of its interviews that are not cancelled."""
    values, workers = _row_values(course, on)
    return CaseloadStatusRow(**values), workers


def _row_values(course: CourseRow, on: date) -> tuple[dict[str, Any], set[int]]:
    citizen = course.citizen
    workers = {
        p.caseworker_id for i in course.interviews if i.status != InterviewStatus.CANCELLED for p in i.participants
    }
    known = KnownCourse(
        course.id, citizen.id, citizen.name, citizen.cpr, citizen.akasse_id, citizen.jobcenter_id,
        course_fact(course, citizen), frozenset(workers),
    )
    return _known_values(known, on)[0], workers


def _known_values(known: KnownCourse, on: date) -> tuple[dict[str, Any], set[int]]:
    """The status row's columns of a course on ``on``, and its caseworkers."""
    status = course_status(known.course, on)
    values = {
        "course_id": known.course_id, "citizen_id": known.citizen_id, "name": known.name,
        "name_key": name_key(known.name), "cpr": known.cpr, "akasse_id": known.akasse_id,
        "jobcenter_id": known.jobcenter_id, "responsible": status.responsible,
        "responsible_id": known.akasse_id if status.responsible == Organisation.AKASSE else known.jobcenter_id,
        "next_due": status.next_due, "next_rule": status.next_rule, "next_kind": status.next_kind,
        "next_projected": status.next_projected,
        "next_reason": reason_data(status.next_reason) if status.next_reason else None,
        "sort_due": status.sort_due, "urgency": status.urgency, "overdue": status.overdue,
        "state": status.state.value, "may_self_book": status.may_self_book, "revoked": status.revoked,
        "exempt_self_booking": status.exempt_self_booking, "exempt": status.exempt,
        "book_by_due": status.book_by_due, "signals": [reason_data(r) for r in status.signals], "evaluated_on": on,
        "held_late": status.held_late,
    }
    return values, set(known.caseworkers)


def recompute(session: Session, course_ids: Iterable[int], on: date) -> int:
    """Write the status rows of ``course_ids`` for ``on`` (an ended or deleted course loses its row); returns how
    many open courses were written. Does not commit."""
    ids = sorted(set(course_ids))
    written = 0
    for start in range(0, len(ids), _CHUNK):
        written += _recompute(session, ids[start:start + _CHUNK], on)
    return written


def _recompute(session: Session, ids: list[int], on: date) -> int:
    courses = [c for c in _load(session, ids) if c.ended_on is None]
    _store(session, ids, [_row_values(course, on) for course in courses])
    return len(courses)


def _store(session: Session, ids: list[int], rows: list[tuple[dict[str, Any], set[int]]]) -> None:
    """Make the read model of the courses ``ids`` say ``rows`` (a course of ``ids`` without a row loses its
    own): the status rows upserted, the caseworker links replaced. Core statements, no ORM flush."""
    for existing in [r for r in session.identity_map.values() if isinstance(r, (CaseloadStatusRow, CaseloadCaseworkerRow))]:
        session.expunge(existing)
    written = {values["course_id"] for values, _ in rows}
    connection = session.connection()
    connection.execute(delete(_LINKS).where(_LINKS.c.course_id.in_(ids)))
    gone = [i for i in ids if i not in written]
    if gone:
        connection.execute(delete(_STATUS).where(_STATUS.c.course_id.in_(gone)))
    if not rows:
        return
    connection.execute(_UPSERT[connection.dialect.name == "postgresql"], [values for values, _ in rows])
    links = [  # each repeats its status row's organisation and default order (the caseworker's own list)
        {"course_id": values["course_id"], "caseworker_id": w, "responsible_id": values["responsible_id"],
         "urgency": values["urgency"], "sort_due": values["sort_due"], "name": values["name"]}
        for values, workers in rows for w in sorted(workers)
    ]
    if links:
        connection.execute(insert(_LINKS), links)


def _store_known(session: Session, known: list[KnownCourse], on: date) -> None:
    """:func:`_store` for courses whose links before the change are known (:attr:`KnownCourse.linked`): the status
    rows upserted, then only what changed in the links: the caseworkers no longer in the course unlinked, and the
    current ones upserted, a link written only when it is new or its repeated ``responsible_id`` changed (a
    booking: one new link at most, instead of deleting and inserting them all; two statements, not three — on
    PostgreSQL one, when a single course's links only grow: :data:`_UPSERT_WITH_LINKS`)."""
    for existing in [r for r in session.identity_map.values() if isinstance(r, (CaseloadStatusRow, CaseloadCaseworkerRow))]:
        session.expunge(existing)
    rows = [_known_values(k, on) for k in known]
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    if postgres and len(rows) == 1 and rows[0][1] and not (known[0].linked or frozenset()) - rows[0][1]:
        # one course (a booking) whose links only grow: its row and its links in one statement
        values, workers = rows[0]
        connection.execute(_UPSERT_WITH_LINKS, {**values, "caseworkers": sorted(workers)})
        return
    connection.execute(_UPSERT[postgres], [values for values, _ in rows])
    for course, (_, workers) in zip(known, rows, strict=True):
        gone = (course.linked or frozenset()) - workers
        if gone:
            connection.execute(delete(_LINKS).where(_LINKS.c.course_id == course.course_id,
                                                    _LINKS.c.caseworker_id.in_(sorted(gone))))
    links = [  # each repeats its status row's organisation and default order (the caseworker's own list)
        {"course_id": values["course_id"], "caseworker_id": w, "responsible_id": values["responsible_id"],
         "urgency": values["urgency"], "sort_due": values["sort_due"], "name": values["name"]}
        for values, workers in rows for w in sorted(workers)
    ]
    if links:
        connection.execute(_LINK_UPSERT[postgres], links)


_STATUS: Table = CaseloadStatusRow.__table__  # type: ignore[assignment]
_LINKS: Table = CaseloadCaseworkerRow.__table__  # type: ignore[assignment]


def _upsert(dialect: Any) -> Insert:
    """``INSERT … ON CONFLICT (course_id) DO UPDATE`` of the status rows in ``dialect`` (both databases have it)."""
    statement = dialect.insert(_STATUS)
    return statement.on_conflict_do_update(
        index_elements=[_STATUS.c.course_id],
        set_={c.key: statement.excluded[c.key] for c in _STATUS.columns if c.key != "course_id"},
    )


_UPSERT = {True: _upsert(postgresql), False: _upsert(sqlite)}  # built once: by "is it PostgreSQL"


def _link_upsert(dialect: Any) -> Insert:
    """``INSERT … ON CONFLICT (caseworker_id, course_id) DO UPDATE SET … WHERE it differs`` of links in
    ``dialect``: a link already there with the same responsible organisation and the same repeated order
    (urgency, sort_due, name: migration 0015) is left as it is."""
    statement = dialect.insert(_LINKS)
    repeated = ("responsible_id", "urgency", "sort_due", "name")
    return statement.on_conflict_do_update(
        index_elements=[_LINKS.c.caseworker_id, _LINKS.c.course_id],
        set_={column: statement.excluded[column] for column in repeated},
        where=or_(*(_LINKS.c[column] != statement.excluded[column] for column in repeated)),
    )


def _upsert_with_links() -> Insert:
    """PostgreSQL: one course's status row upserted (a data-modifying ``WITH``) and its caseworkers' links
    upserted from the array ``caseworkers`` in the same statement, each link repeating the row's organisation and
    order as :data:`_LINK_UPSERT` writes them (the links' foreign key to the row is checked at the statement's
    end, when the row is there)."""
    status = postgresql.insert(_STATUS).values({c.key: bindparam(c.key, type_=c.type) for c in _STATUS.columns})
    status = status.on_conflict_do_update(
        index_elements=[_STATUS.c.course_id],
        set_={c.key: status.excluded[c.key] for c in _STATUS.columns if c.key != "course_id"},
    )
    repeated = ("responsible_id", "urgency", "sort_due", "name")
    caseworkers = func.unnest(bindparam("caseworkers", type_=postgresql.ARRAY(Integer)))
    links = postgresql.insert(_LINKS).from_select(
        ["caseworker_id", "course_id", *repeated],
        select(caseworkers, *(bindparam(k, type_=_STATUS.c[k].type) for k in ("course_id", *repeated))),
    )
    links = links.on_conflict_do_update(
        index_elements=[_LINKS.c.caseworker_id, _LINKS.c.course_id],
        set_={column: links.excluded[column] for column in repeated},
        where=or_(*(_LINKS.c[column] != links.excluded[column] for column in repeated)),
    )
    return links.add_cte(status.cte("status"))


_UPSERT_WITH_LINKS = _upsert_with_links()

_LINK_UPSERT = {True: _link_upsert(postgresql), False: _link_upsert(sqlite)}


# What a row says of its course: every column but the day it was computed for.
_STATUS_COLUMNS = tuple(c for c in CaseloadStatusRow.__table__.columns if c.name != "evaluated_on")


def refresh_rows(session: Session, course_ids: Iterable[int], on: date) -> int:
    """Evaluate ``course_ids`` on ``on`` and write only the rows whose status differs from what the read model
    holds (a new course, a changed status or caseworkers; an ended course loses its row); an unchanged row is not
    touched and keeps its ``evaluated_on`` (the refresh records the day it checked, :class:`CaseloadRefreshRow`).
    Returns how many rows were written or deleted. Does not commit."""
    ids = sorted(set(course_ids))
    written = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        held = {row.course_id: row for row in session.execute(select(*_STATUS_COLUMNS).where(
            CaseloadStatusRow.course_id.in_(chunk)))}
        links: dict[int, set[int]] = {}
        for course_id, worker in session.execute(select(CaseloadCaseworkerRow.course_id, CaseloadCaseworkerRow.caseworker_id)
                                                 .where(CaseloadCaseworkerRow.course_id.in_(chunk))):
            links.setdefault(course_id, set()).add(worker)
        known = plain_courses(session, chunk)
        fresh = [_known_values(course, on) for course in known]
        changed = [(values, workers) for values, workers in fresh
                   if not _same(held.get(values["course_id"]), values) or links.get(values["course_id"], set()) != workers]
        gone = set(held) - {course.course_id for course in known}
        if changed or gone:
            _store(session, sorted(gone | {values["course_id"] for values, _ in changed}), changed)
        written += len(changed) + len(gone)
    return written


def _same(held: Any, values: dict[str, Any]) -> bool:
    return held is not None and all(getattr(held, c.name) == values[c.key] for c in _STATUS_COLUMNS)


# The refresh's batch reads: plain rows of many courses at once, no ORM objects (issue 11: 20,000 ORM objects and
# 15 participant queries per batch of 500 made a national refresh take half an hour).
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_PLAIN_COURSES = (
    select(
        CourseRow.id, CourseRow.registered_on, CourseRow.placed_on, CourseRow.insurance,
        CourseRow.vocational_qualification, CourseRow.custody_of_children_at_home, CourseRow.referred_r4_on,
        CourseRow.repatriation, CourseRow.old_rules, CitizenRow.birth_date, CitizenRow.id.label("citizen_id"),
        CitizenRow.name, CitizenRow.cpr, CitizenRow.akasse_id, CitizenRow.jobcenter_id,
        OrganisationRow.faellessamtale_r10_selvbooking, OrganisationRow.faellessamtale_r12_selvbooking,
    )
    .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
    .join(OrganisationRow, OrganisationRow.id == CitizenRow.jobcenter_id)
    .where(CourseRow.id.in_(_IDS), CourseRow.ended_on.is_(None))
    .order_by(CourseRow.id)
)
_PLAIN_HOURS = select(
    HourEntryRow.course_id, HourEntryRow.registered_on, HourEntryRow.period_start, HourEntryRow.period_end,
    HourEntryRow.hours, HourEntryRow.kind,
).where(HourEntryRow.course_id.in_(_IDS)).order_by(HourEntryRow.registered_on, HourEntryRow.id)
_PLAIN_EXEMPTIONS = select(
    ExemptionRow.course_id, ExemptionRow.id, ExemptionRow.ground, ExemptionRow.starts_on, ExemptionRow.ends_on,
    ExemptionRow.event_on, ExemptionRow.not_covered_on,
).where(ExemptionRow.course_id.in_(_IDS)).order_by(ExemptionRow.starts_on, ExemptionRow.id)
_PLAIN_CONTROL_ACTIONS = select(
    ControlActionRow.course_id, ControlActionRow.id, ControlActionRow.received_on, ControlActionRow.stay_abroad
).where(ControlActionRow.course_id.in_(_IDS)).order_by(ControlActionRow.received_on, ControlActionRow.id)
_PLAIN_DECISIONS = select(
    DecisionRow.course_id, DecisionRow.kind, DecisionRow.made_at, DecisionRow.organisation, DecisionRow.assessment
).where(DecisionRow.course_id.in_(_IDS)).order_by(DecisionRow.made_at, DecisionRow.id)
_PLAIN_INTERVIEWS = (
    select(
        InterviewRow.course_id, InterviewRow.id, InterviewRow.kind, InterviewRow.organisation, InterviewRow.start_at,
        InterviewRow.end_at, InterviewRow.format, InterviewRow.status, InterviewRow.booked_by,
        InterviewRow.akasse_participation, InterviewRow.format_raised, InterviewRow.control_action_id,
        InterviewRow.booked_at, InterviewRow.rebooked_count, InterviewParticipantRow.caseworker_id,
    )
    .outerjoin(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
    .where(InterviewRow.course_id.in_(_IDS))
    .order_by(InterviewRow.start_at, InterviewRow.id)
)


def plain_courses(session: Session, course_ids: Collection[int]) -> list[KnownCourse]:
    """The open courses of ``course_ids`` as facts (:func:`~scheduling.adapters.facts.course_from_rows`) with
    their people's columns and the caseworkers of their interviews that are not cancelled: six statements of
    plain rows, whatever the number of courses (an ended or missing course is left out)."""
    connection = session.connection()
    ids = {"ids": list(course_ids)}
    courses = list(connection.execute(_PLAIN_COURSES, ids))
    if not courses:
        return []
    parts: dict[str, dict[int, list[Any]]] = {}
    for name, statement in (("hours", _PLAIN_HOURS), ("exemptions", _PLAIN_EXEMPTIONS),
                            ("control_actions", _PLAIN_CONTROL_ACTIONS), ("decisions", _PLAIN_DECISIONS)):
        grouped = parts[name] = {}
        for row in connection.execute(statement, ids):
            grouped.setdefault(row.course_id, []).append(row)
    interviews: dict[int, dict[int, Any]] = {}
    workers: dict[int, set[int]] = {}
    for row in connection.execute(_PLAIN_INTERVIEWS, ids):
        interviews.setdefault(row.course_id, {}).setdefault(row.id, row)
        if row.caseworker_id is not None and row.status != InterviewStatus.CANCELLED:
            workers.setdefault(row.course_id, set()).add(row.caseworker_id)
    return [
        KnownCourse(
            c.id, c.citizen_id, c.name, c.cpr, c.akasse_id, c.jobcenter_id,
            course_from_rows(
                c, c.birth_date, (c.faellessamtale_r10_selvbooking, c.faellessamtale_r12_selvbooking),
                hours=parts["hours"].get(c.id, ()), exemptions=parts["exemptions"].get(c.id, ()),
                control_actions=parts["control_actions"].get(c.id, ()),
                interviews=interviews.get(c.id, {}).values(), decisions=parts["decisions"].get(c.id, ()),
            ),
            frozenset(workers.get(c.id, ())),
        )
        for c in courses
    ]
