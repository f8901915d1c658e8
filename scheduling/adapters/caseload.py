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
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, event, inspect, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from scheduling.adapters.facts import course_fact
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
from scheduling.caseload import course_status, reason_data
from scheduling.course import InterviewStatus, Organisation
from scheduling.slots import COPENHAGEN

_CHUNK = 500  # courses loaded at a time
TODAY = "caseload_today"  # session.info key: the day the read model is computed for (a date or a callable)
_TOUCHED = "caseload_touched"  # session.info key: course ids changed in this transaction
_CITIZENS = "caseload_citizens"  # session.info key: citizen ids changed in this transaction (name, CPR, orgs)
_ORGANISATIONS = "caseload_organisations"  # session.info key: organisations whose course facts changed
_ORGANISATION_FACTS = ("faellessamtale_r10_selvbooking", "faellessamtale_r12_selvbooking")
_CITIZEN_FACTS = ("name", "cpr", "birth_date", "akasse_id", "jobcenter_id")
_COURSE_ROWS = (HourEntryRow, ExemptionRow, ControlActionRow, InterviewRow, DecisionRow)


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
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    citizens: set[int] = session.info.setdefault(_CITIZENS, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, CourseRow):
            touched.add(row.id)
        elif isinstance(row, _COURSE_ROWS):
            touched.add(row.course_id)
        elif isinstance(row, InterviewParticipantRow):
            with session.no_autoflush:
                interview = session.get(InterviewRow, row.interview_id)
            if interview is not None:
                touched.add(interview.course_id)
        elif isinstance(row, CitizenRow) and (row in session.deleted or _changed(row, _CITIZEN_FACTS)):
            citizens.add(row.id)  # not for a log-in's session version or a new feed token
        elif isinstance(row, OrganisationRow) and _changed(row, _ORGANISATION_FACTS):
            # a jobcenter's joint-interview settings are facts of its people's courses (R10, R12): all of them
            session.info.setdefault(_ORGANISATIONS, set()).add(row.id)


def _changed(row: object, names: tuple[str, ...]) -> bool:
    state = inspect(row)
    return state.pending or any(state.attrs[name].history.has_changes() for name in names)


def _write(session: Session) -> None:
    session.flush()  # before_commit comes before the commit's own flush: collect what is still pending
    touched: set[int] = session.info.pop(_TOUCHED, set())
    citizens: set[int] = session.info.pop(_CITIZENS, set())
    organisations: set[int] = session.info.pop(_ORGANISATIONS, set())
    if citizens or organisations:
        people = select(CitizenRow.id).where(
            or_(CitizenRow.id.in_(citizens), CitizenRow.akasse_id.in_(organisations),
                CitizenRow.jobcenter_id.in_(organisations))
        )
        touched |= set(session.scalars(
            select(CourseRow.id).where(CourseRow.citizen_id.in_(people), CourseRow.ended_on.is_(None))
        ))
    if touched:
        recompute(session, touched, day_of(session))
        session.flush()
        _forget(session, None)


def _forget(session: Session, _previous: Any) -> None:
    for key in (_TOUCHED, _CITIZENS, _ORGANISATIONS):
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
    citizen = course.citizen
    status = course_status(course_fact(course, citizen), on)
    row = CaseloadStatusRow(
        course_id=course.id, citizen_id=citizen.id, name=citizen.name, name_key=citizen.name.lower(),
        cpr=citizen.cpr, akasse_id=citizen.akasse_id, jobcenter_id=citizen.jobcenter_id,
        responsible=status.responsible,
        responsible_id=citizen.akasse_id if status.responsible == Organisation.AKASSE else citizen.jobcenter_id,
        next_due=status.next_due, next_rule=status.next_rule, next_kind=status.next_kind,
        next_projected=status.next_projected,
        next_reason=reason_data(status.next_reason) if status.next_reason else None,
        sort_due=status.sort_due, urgency=status.urgency, overdue=status.overdue, state=status.state.value,
        may_self_book=status.may_self_book, revoked=status.revoked, exempt_self_booking=status.exempt_self_booking,
        exempt=status.exempt, book_by_due=status.book_by_due,
        signals=[reason_data(r) for r in status.signals], evaluated_on=on,
    )
    workers = {
        p.caseworker_id for i in course.interviews if i.status != InterviewStatus.CANCELLED for p in i.participants
    }
    return row, workers


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
    _replace(session, ids, [status_row(course, on) for course in courses])
    return len(courses)


def _replace(session: Session, ids: Collection[int], rows: list[tuple[CaseloadStatusRow, set[int]]]) -> None:
    """Delete the rows of ``ids`` (and their caseworkers), then write ``rows``."""
    session.execute(delete(CaseloadCaseworkerRow).where(CaseloadCaseworkerRow.course_id.in_(ids)))
    session.execute(delete(CaseloadStatusRow).where(CaseloadStatusRow.course_id.in_(ids)))
    for existing in [r for r in session.identity_map.values() if isinstance(r, (CaseloadStatusRow, CaseloadCaseworkerRow))]:
        session.expunge(existing)
    session.add_all(row for row, _ in rows)
    session.flush()
    session.add_all(
        CaseloadCaseworkerRow(course_id=row.course_id, caseworker_id=w) for row, workers in rows for w in sorted(workers)
    )


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
        courses = [c for c in _load(session, chunk) if c.ended_on is None]
        fresh = [status_row(course, on) for course in courses]
        changed = [(row, workers) for row, workers in fresh
                   if not _same(held.get(row.course_id), row) or links.get(row.course_id, set()) != workers]
        gone = set(held) - {course.id for course in courses}
        if changed or gone:
            _replace(session, gone | {row.course_id for row, _ in changed}, changed)
        written += len(changed) + len(gone)
    return written


def _same(held: Any, row: CaseloadStatusRow) -> bool:
    return held is not None and all(getattr(held, c.name) == getattr(row, c.name) for c in _STATUS_COLUMNS)
