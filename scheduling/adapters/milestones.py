"""Keeping the supervision's milestones (``course_milestones``, R27, issue 17) in step with the courses.

Each course has one row: its hand-over day (R2) and 6-month day (R3) as the hour ledger has registered them,
whether an exemption (R26) covered a whole calendar month before each, and the held interviews counted against
each (R7, R8, R9: in time and late; migration 0030), as the rules core computes them
(:func:`scheduling.rules.supervision.milestones`). The supervision's SQL (:mod:`scheduling.adapters.supervision`)
reads them instead of summing the whole ledger and counting the interviews on every report.

Like the caseload's read model (:mod:`scheduling.adapters.caseload`), every session made by
:func:`scheduling.adapters.db.session_factory` is watched (:func:`watch`): after each flush the ids of the courses
whose facts the milestones depend on changed (the course's registration, placement or insurance, its hour
entries, its exemptions, an interview that is or was held; a new or deleted course) are collected, and just
before COMMIT their rows are computed again and written, in the same transaction. A booking, a move or a
cancellation of an interview never held touches nothing (the bookings' statements stay as they were). A
rolled-back change leaves them as they were. Unlike the caseload, the milestones do not change with the date,
and a closed course keeps its row (the supervision counts it).

Rows written around the ORM (the benchmark world's COPY) are filled by :func:`rebuild`, which migrations 0027 and
0030 run for the data already there and ``flask --app portal tilsyn opdater`` runs on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Insert,
    Table,
    bindparam,
    delete,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from scheduling.adapters.orm import (
    CitizenRow,
    CourseMilestonesRow,
    CourseRow,
    ExemptionRow,
    HourEntryRow,
    InterviewRow,
)
from scheduling.course import Course, Exemption, HourEntry, Interview, InterviewStatus
from scheduling.rules.supervision import milestones

__all__ = ["COLUMNS", "count_courses", "course_facts", "courses_after", "inserted", "rebuild", "recompute", "watch"]

_CHUNK = 1000  # courses computed at a time
_TOUCHED = "milestones_touched"  # session.info key: ids of courses whose milestones must be computed again
_COURSE_FACTS = ("registered_on", "placed_on", "insurance")  # the course's columns the milestones read
_FACT_ROWS = (HourEntryRow, ExemptionRow)
# an interview's columns the held counts read; only a held interview counts (or one that was held until now)
_INTERVIEW_FACTS = ("status", "start_at", "kind", "organisation", "course_id")
_TABLE: Table = CourseMilestonesRow.__table__  # type: ignore[assignment]


def watch(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Keep the milestones in every session ``factory`` makes."""
    event.listen(factory, "after_flush", _collect)
    event.listen(factory, "before_commit", _write)
    event.listen(factory, "after_soft_rollback", _forget)
    return factory


def _collect(session: Session, _context: Any) -> None:
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, CourseRow):
            if row in session.new or row in session.deleted or _changed(row, _COURSE_FACTS):
                touched.add(row.id)
        elif isinstance(row, _FACT_ROWS) or (isinstance(row, InterviewRow) and _held_changed(session, row)):
            _touch(touched, row)


def inserted(session: Session, row: object) -> None:
    """A new row written around the flush (:meth:`~scheduling.adapters.repository.Repository.insert`): collected
    as the flush would have collected it (a new interview counts only when it is held)."""
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    if isinstance(row, CourseRow):
        touched.add(row.id)
    elif isinstance(row, _FACT_ROWS) or (isinstance(row, InterviewRow) and row.status is InterviewStatus.HELD):
        _touch(touched, row)


def _touch(touched: set[int], row: HourEntryRow | ExemptionRow | InterviewRow) -> None:
    touched.add(row.course_id)
    state: Any = inspect(row)
    touched.update(i for i in state.attrs["course_id"].history.deleted if i is not None)


def _held_changed(session: Session, row: InterviewRow) -> bool:
    """The interview is or was held, and it is new, deleted, or changed in what the held counts read (a booked,
    moved or cancelled interview that was never held changes nothing the supervision counts)."""
    state: Any = inspect(row)
    was_held = InterviewStatus.HELD in state.attrs["status"].history.deleted
    if row.status is not InterviewStatus.HELD and not was_held:
        return False
    return row in session.new or row in session.deleted or _changed(row, _INTERVIEW_FACTS)


def _changed(row: object, names: tuple[str, ...]) -> bool:
    state = inspect(row)
    return any(state.attrs[name].history.has_changes() for name in names)


def _write(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint's release: the transaction's own commit writes the rows
    session.flush()  # before_commit comes before the commit's own flush: collect what is still pending
    touched: set[int] = session.info.pop(_TOUCHED, set())
    if touched:
        recompute(session.connection(), touched)


def _forget(session: Session, previous: SessionTransaction | None) -> None:
    if previous is not None and previous.nested:
        return  # a savepoint rolled back: what changed before it still stands (one course too many is harmless)
    session.info.pop(_TOUCHED, None)


# ---- computing and writing the rows -----------------------------------------------------------------------------

_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_COURSES = (
    select(CourseRow.id, CourseRow.registered_on, CourseRow.placed_on, CourseRow.insurance, CitizenRow.birth_date)
    .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
    .where(CourseRow.id.in_(_IDS))
)
# in the ledger's order: by registration, ties by id (as the supervision's reference reads a course's facts)
_HOURS = (
    select(HourEntryRow.course_id, HourEntryRow.registered_on, HourEntryRow.period_start, HourEntryRow.period_end,
           HourEntryRow.hours, HourEntryRow.kind)
    .where(HourEntryRow.course_id.in_(_IDS))
    .order_by(HourEntryRow.course_id, HourEntryRow.registered_on, HourEntryRow.id)
)
_EXEMPTIONS = (
    select(ExemptionRow.course_id, ExemptionRow.id, ExemptionRow.ground, ExemptionRow.starts_on, ExemptionRow.ends_on,
           ExemptionRow.event_on, ExemptionRow.not_covered_on)
    .where(ExemptionRow.course_id.in_(_IDS))
    .order_by(ExemptionRow.course_id, ExemptionRow.starts_on, ExemptionRow.id)
)
# only the held interviews: the others count for nothing the milestones hold
_HELD = (
    select(InterviewRow.course_id, InterviewRow.id, InterviewRow.kind, InterviewRow.organisation,
           InterviewRow.start_at, InterviewRow.end_at, InterviewRow.format, InterviewRow.status)
    .where(InterviewRow.course_id.in_(_IDS), InterviewRow.status == InterviewStatus.HELD)
    .order_by(InterviewRow.course_id, InterviewRow.start_at, InterviewRow.id)
)


def course_facts(connection: Connection, course_ids: Collection[int]) -> dict[int, Course]:
    """The courses of ``course_ids`` that exist, as the facts the milestones read (registration, placement,
    insurance, hour ledger, exemptions, held interviews; the rest left empty): four statements of plain rows."""
    ids = {"ids": list(course_ids)}
    hours: dict[int, list[HourEntry]] = {}
    for h in connection.execute(_HOURS, ids):
        hours.setdefault(h.course_id, []).append(HourEntry(h.registered_on, h.period_start, h.period_end, h.hours,
                                                           h.kind))
    exemptions: dict[int, list[Exemption]] = {}
    for e in connection.execute(_EXEMPTIONS, ids):
        exemptions.setdefault(e.course_id, []).append(
            Exemption(str(e.id), e.ground, e.starts_on, e.ends_on, e.event_on, e.not_covered_on)
        )
    interviews: dict[int, list[Interview]] = {}
    for i in connection.execute(_HELD, ids):
        interviews.setdefault(i.course_id, []).append(
            Interview(str(i.id), i.kind, i.organisation, i.start_at, i.end_at, i.format, i.status)
        )
    return {
        c.id: Course(registered_on=c.registered_on, placed_on=c.placed_on, insurance=c.insurance,
                     birth_date=c.birth_date, hours=tuple(hours.get(c.id, ())),
                     exemptions=tuple(exemptions.get(c.id, ())), interviews=tuple(interviews.get(c.id, ())))
        for c in connection.execute(_COURSES, ids)
    }


def _values(course_id: int, course: Course, columns: Collection[str]) -> dict[str, Any]:
    found = milestones(course)
    return {"course_id": course_id, **{name: getattr(found, name) for name in columns}}


def _upsert(dialect: Any, columns: tuple[str, ...]) -> Insert:
    statement = dialect.insert(_TABLE)
    return statement.on_conflict_do_update(
        index_elements=[_TABLE.c.course_id], set_={name: statement.excluded[name] for name in columns},
    )


COLUMNS = tuple(c.key for c in _TABLE.columns if c.key != "course_id")  # every one, as Milestones names them
_UPSERT = {True: _upsert(postgresql, COLUMNS), False: _upsert(sqlite, COLUMNS)}  # by "is it PostgreSQL"


def recompute(connection: Connection, course_ids: Iterable[int], *, columns: tuple[str, ...] = COLUMNS) -> int:
    """Compute the milestones of ``course_ids`` from their facts and write them (a course that no longer exists
    loses its row); returns how many rows were written. Does not commit. ``columns``: only these (a migration
    before the others existed)."""
    postgres = connection.dialect.name == "postgresql"
    upsert = _UPSERT[postgres] if columns == COLUMNS else _upsert(postgresql if postgres else sqlite, columns)
    ids = sorted(set(course_ids))
    written = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        courses = course_facts(connection, chunk)
        gone = [i for i in chunk if i not in courses]
        if gone:
            connection.execute(delete(_TABLE).where(_TABLE.c.course_id.in_(gone)))
        if courses:
            connection.execute(upsert, [_values(i, c, columns) for i, c in sorted(courses.items())])
        written += len(courses)
    return written


def courses_after(connection: Connection, after: int, batch: int) -> list[int]:
    """The ids of up to ``batch`` courses after the id ``after``, in order (a rebuild's next batch)."""
    return list(connection.scalars(
        select(CourseRow.id).where(CourseRow.id > after).order_by(CourseRow.id).limit(batch)
    ))


def count_courses(connection: Connection) -> int:
    return connection.scalar(select(func.count()).select_from(CourseRow)) or 0


def rebuild(connection: Connection, *, batch: int = 5000, progress: Callable[[int, int], None] | None = None,
            columns: tuple[str, ...] = COLUMNS) -> int:
    """Compute every course's milestones again in one transaction, ``batch`` courses at a time, calling
    ``progress(done, total)`` after each; returns how many rows were written. Does not commit (migrations 0027
    and 0030, which name their ``columns``, and the benchmark world; ``flask tilsyn opdater`` commits each batch:
    :func:`scheduling.services.supervision.rebuild_milestones`)."""
    total, done, last = count_courses(connection), 0, 0
    while ids := courses_after(connection, last, batch):
        done += recompute(connection, ids, columns=columns)
        last = ids[-1]
        if progress is not None:
            progress(done, total)
    return done
