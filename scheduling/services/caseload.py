"""The caseload read from its read model (``caseload_status``): paged, sorted, filtered and searched in SQL.

What each row says is :func:`scheduling.caseload.course_status` of the course, written in the same transaction
as every change to the course (:mod:`scheduling.adapters.caseload`); what changes with the date alone is
refreshed by :func:`refresh` (``flask --app portal caseload opdater``, daily after midnight). A caseworker's own
people are one statement (the page of rows with their count); the whole organisation two, whatever its size: a
count that stops at :data:`COUNT_CAP` (or a page beyond the one asked for) and the page of rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Text, and_, cast, delete, false, func, or_, select

from scheduling import parameters as P
from scheduling.adapters.caseload import refresh_rows
from scheduling.adapters.orm import (
    CaseloadCaseworkerRow,
    CaseloadRefreshRow,
    CaseloadStatusRow,
    CourseRow,
    OrganisationRow,
)
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.caseload import caseload_search, missed_book_by, reason_from_data
from scheduling.reasons import Reason

PAGE_SIZE = 50
BATCH = 500  # courses refreshed per transaction by refresh()
COUNT_CAP = 1000  # the whole organisation's people are counted up to here (or a page beyond the one shown)


class CaseloadFilter(StrEnum):
    OVERDUE = "overskredet"
    THIS_WEEK = "denne-uge"
    REVOKED = "frataget"
    EXEMPT = "fritaget"
    HELD_LATE = "holdt-for-sent"  # an obligation made up only after its deadline (issue 12)


class CaseloadSort(StrEnum):
    URGENCY = "presserende"
    NAME = "navn"
    DEADLINE = "frist"


@dataclass(frozen=True)
class CaseloadLine:
    """One person in the caseload, as the read model has them (the CPR number only masked)."""

    citizen_id: int
    name: str
    cpr_masked: str
    next_due: date | None
    next_reason: Reason | None
    next_projected: bool
    overdue: int
    may_self_book: bool
    revoked: bool
    exempt_self_booking: bool
    exempt: bool
    missed_book_by: date | None
    signals: tuple[Reason, ...]
    evaluated_on: date  # the line holds on this day (its row's day, or the latest refresh that found it unchanged)
    held_late: int = 0  # obligations of the responsible organisation held late (holdt for sent)
    #: what the line was made of (its row's columns, the organisation's book-by days, the day, the latest refresh):
    #: lines with equal keys are equal, so a page may keep what it made of a line under its key; () for a line
    #: made otherwise (nothing is kept for it)
    key: tuple[Any, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class CaseloadPage:
    lines: tuple[CaseloadLine, ...]
    total: int  # people matching scope, filter and search (when ``more``: counted up to here, there are more)
    page: int
    pages: int  # pages of ``total``
    more: bool = False  # the count stopped at ``total``: there are more people (and pages) than that


@dataclass(frozen=True)
class CaseloadQuery:
    organisation_id: int
    on: date
    caseworker_id: int | None = None  # only this caseworker's people ("mine"); None: the whole organisation
    filter: CaseloadFilter | None = None
    sort: CaseloadSort = CaseloadSort.URGENCY
    search: str = ""
    page: int = 1


def mask_cpr(cpr: str) -> str:
    """010190-xxxx: the birth date part only (CPR numbers are shown in full only on the person's own page)."""
    return f"{cpr[:6]}-xxxx"


def _search(text: str) -> ColumnElement[bool] | None:
    """The search's condition (:func:`scheduling.caseload.caseload_search`), or None for no search.

    A name: each word typed begins a word of the name (``name_key LIKE '% han%'``, on its trigram index on
    PostgreSQL, migration 0017); the words hold only letters and digits, so none is a wildcard. A whole CPR
    number: that number (on the ``cpr`` index); six digits: the numbers that begin with them (the same index,
    as a range). A search with a problem matches nobody."""
    search = caseload_search(text)
    if search.words:
        return and_(*(CaseloadStatusRow.name_key.like(f"% {word}%") for word in search.words))
    if search.cpr is not None:
        return CaseloadStatusRow.cpr == search.cpr
    if search.born is not None:
        return CaseloadStatusRow.cpr.like(f"{search.born}%")
    return false() if search.problem is not None else None


_FILTERS: dict[CaseloadFilter, Callable[[date], ColumnElement[bool]]] = {
    CaseloadFilter.OVERDUE: lambda on: CaseloadStatusRow.urgency == 0,  # overdue > 0, on the urgency index
    CaseloadFilter.THIS_WEEK: lambda on: CaseloadStatusRow.next_due <= on + timedelta(days=P.DUE_SOON_DAYS.on(on)),
    CaseloadFilter.REVOKED: lambda on: CaseloadStatusRow.revoked.is_(True),
    CaseloadFilter.EXEMPT: lambda on: or_(
        CaseloadStatusRow.exempt.is_(True), CaseloadStatusRow.exempt_self_booking.is_(True)
    ),
    CaseloadFilter.HELD_LATE: lambda on: CaseloadStatusRow.held_late > 0,
}
_ORDER: dict[CaseloadSort, tuple[Any, ...]] = {
    CaseloadSort.URGENCY: (
        CaseloadStatusRow.urgency, CaseloadStatusRow.sort_due, CaseloadStatusRow.name, CaseloadStatusRow.course_id
    ),
    CaseloadSort.NAME: (CaseloadStatusRow.name, CaseloadStatusRow.course_id),
    CaseloadSort.DEADLINE: (CaseloadStatusRow.sort_due, CaseloadStatusRow.name, CaseloadStatusRow.course_id),
}


def _where(query: CaseloadQuery) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [CaseloadStatusRow.responsible_id == query.organisation_id]
    if query.caseworker_id is not None:
        conditions.append(
            CaseloadStatusRow.course_id.in_(
                select(CaseloadCaseworkerRow.course_id).where(
                    CaseloadCaseworkerRow.caseworker_id == query.caseworker_id,
                    CaseloadCaseworkerRow.responsible_id == query.organisation_id,  # the organisation's links only
                )
            )
        )
    if query.filter is not None:
        conditions.append(_FILTERS[query.filter](query.on))
    searched = _search(query.search)
    if searched is not None:
        conditions.append(searched)
    return and_(*conditions)


# What a caseload line reads of its status row: plain columns, not the row as an ORM object (a page of 50 ORM
# objects with all 26 columns was a third of the page's time in the service). The reasons come as their JSON
# text: a row is then a tuple of plain values, the key under which its line is kept (:func:`_line`), and the text
# is decoded only for a line not kept.
_S = CaseloadStatusRow
_LINE_COLUMNS = (
    _S.citizen_id, _S.name, _S.cpr, _S.next_due, cast(_S.next_reason, Text).label("next_reason"), _S.next_projected,
    _S.overdue, _S.may_self_book, _S.revoked, _S.exempt_self_booking, _S.exempt, _S.book_by_due,
    cast(_S.signals, Text).label("signals"), _S.evaluated_on, _S.held_late,
)
_WIDTH = len(_LINE_COLUMNS)
#: lines made from their rows, kept by :func:`_line` under their key (at most this many; then it starts again)
KEPT_LINES = 5_000
_kept_lines: dict[tuple[Any, ...], CaseloadLine] = {}


def _line(row: Any, book_by_days: int, on: date, refreshed: date | None) -> CaseloadLine:
    """The line of a status row (its first :data:`_WIDTH` columns), on ``on``: kept under what it is made of, so a
    page read again — the same rows, the same day — makes none of its lines again (issue 11, round 11)."""
    key = (tuple(row[:_WIDTH]), book_by_days, on, refreshed)
    line = _kept_lines.get(key)
    if line is None:
        line = _make_line(row, book_by_days, on, refreshed, key)
        if len(_kept_lines) >= KEPT_LINES:
            _kept_lines.clear()
        _kept_lines[key] = line
    return line


def _reason(text: str | None) -> Reason | None:
    data = json.loads(text) if text else None  # SQL NULL, or JSON's null
    return reason_from_data(data) if data else None


def _make_line(row: Any, book_by_days: int, on: date, refreshed: date | None, key: tuple[Any, ...]) -> CaseloadLine:
    return CaseloadLine(
        citizen_id=row.citizen_id, name=row.name, cpr_masked=mask_cpr(row.cpr), next_due=row.next_due,
        next_reason=_reason(row.next_reason),
        next_projected=row.next_projected, overdue=row.overdue, may_self_book=row.may_self_book,
        revoked=row.revoked, exempt_self_booking=row.exempt_self_booking, exempt=row.exempt,
        missed_book_by=missed_book_by(row.book_by_due, book_by_days, on),
        signals=tuple(reason_from_data(s) for s in json.loads(row.signals or "[]")),
        evaluated_on=max(row.evaluated_on, refreshed) if refreshed else row.evaluated_on, held_late=row.held_late,
        key=key,
    )


def caseload_page(uow: SqlAlchemyUnitOfWork, query: CaseloadQuery) -> CaseloadPage:
    """A page of the people ``query.organisation_id`` is responsible for: up to :data:`PAGE_SIZE` rows in the
    chosen order, with the organisation's ``book_by_days`` and the day of the latest finished refresh. A page past
    the end is the last page. A line holds on the later of the day its row was computed for and the latest
    refresh (which left the rows it found unchanged as they were).

    A caseworker's own people (at most a few thousand) are read and counted in one statement, the rows found
    through the caseworker's index (:func:`_mine_page`). The whole organisation (up to 100,000 people) is counted
    only up to :data:`COUNT_CAP` or one page beyond the page asked for, whichever is more (:func:`_counted`): the
    total above that is "over N", and the pager leads on one page at a time."""
    with uow:
        if query.caseworker_id is not None:
            found = _mine_page(uow, query)
            if found is not None:
                return found
        where = _where(query)
        upto = max(COUNT_CAP, (max(query.page, 1) + 1) * PAGE_SIZE)
        total, book_by_days, refreshed = _counted(uow, query, where, upto)
        more = total > upto
        total = min(total, upto)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(query.page, 1), pages)
        rows = uow.session.execute(
            select(*_LINE_COLUMNS).where(where).order_by(*_ORDER[query.sort])
            .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
        ).all()
        lines = tuple(_line(r, book_by_days, query.on, refreshed) for r in rows)
        return CaseloadPage(lines, total, page, pages, more)


def _settings(query: CaseloadQuery) -> tuple[Any, Any]:
    """The organisation's ``book_by_days`` and the latest refresh's day, as scalar subqueries."""
    book_by_days = select(OrganisationRow.book_by_days).where(OrganisationRow.id == query.organisation_id)
    return book_by_days.scalar_subquery(), select(func.max(CaseloadRefreshRow.day)).scalar_subquery()


def _counted(
    uow: SqlAlchemyUnitOfWork, query: CaseloadQuery, where: ColumnElement[bool], upto: int
) -> tuple[int, int, date | None]:
    """How many people match, counted up to ``upto + 1`` (on the organisation's index, without reading every
    row); the organisation's ``book_by_days``; the latest refresh's day."""
    matching = select(CaseloadStatusRow.course_id).where(where).limit(upto + 1).subquery()
    counted = uow.session.execute(select(func.count(), *_settings(query)).select_from(matching)).one()
    return counted[0] or 0, counted[1] or 8, counted[2]


_L = CaseloadCaseworkerRow


def _mine_page(uow: SqlAlchemyUnitOfWork, query: CaseloadQuery) -> CaseloadPage | None:
    """The caseworker's own people in one statement: the page with the count of all of them. None when the page
    asked for is past the end (the caller then reads the last page).

    Most urgent first with no filter or search (the page as it opens), the caseworker's links are walked in the
    page's order on their index (they repeat the status row's order, migration 0015) and only the page's status
    rows are read; the count comes from the same index alone. Any other view reads the caseworker's few hundred
    rows found from the links and counts them with a window."""
    book_by_days, refreshed_on = _settings(query)
    page = max(query.page, 1)
    if query.sort is CaseloadSort.URGENCY and query.filter is None and _search(query.search) is None:
        mine = (_L.caseworker_id == query.caseworker_id, _L.responsible_id == query.organisation_id)
        total = select(func.count()).select_from(_L).where(*mine).scalar_subquery()
        statement = (
            select(*_LINE_COLUMNS, total, book_by_days, refreshed_on)
            .select_from(_L).join(_S, _S.course_id == _L.course_id).where(*mine)
            .order_by(_L.urgency, _L.sort_due, _L.name, _L.course_id)
        )
    else:
        statement = (
            select(*_LINE_COLUMNS, func.count().over(), book_by_days, refreshed_on).where(_where(query))
            .order_by(*_ORDER[query.sort])
        )
    found = uow.session.execute(statement.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    if not found:
        return None if page > 1 else CaseloadPage((), 0, 1, 1)
    first: Any = found[0]  # the page's rows, then the count, the book-by days and the latest refresh
    total_found, days, refreshed = first[_WIDTH], first[_WIDTH + 1] or 8, first[_WIDTH + 2]
    lines = tuple(_line(r, days, query.on, refreshed) for r in found)
    return CaseloadPage(lines, total_found, page, max(1, -(-total_found // PAGE_SIZE)))


@dataclass(frozen=True)
class RefreshProgress:
    """How far a refresh has come: courses checked of all to check, and rows written so far."""

    checked: int
    total: int
    rewritten: int


def refresh(
    uow_factory: Callable[[], SqlAlchemyUnitOfWork], on: date, *, every: bool = False,
    progress: Callable[[RefreshProgress], None] | None = None,
) -> RefreshProgress:
    """Bring the read model to ``on``: every open course without a status row or with one computed before
    ``on`` (``every``: all open courses), in batches of :data:`BATCH`, one transaction each. A course is
    evaluated again, but its row is written only if its status changed
    (:func:`scheduling.adapters.caseload.refresh_rows`): on most days most rows are left as they are. When all
    batches are done, the day is recorded (``caseload_refreshes``): every row is then known to hold on ``on``
    (the day only moves forward). ``progress`` is called after each batch. Returns the last progress."""
    with uow_factory() as uow:
        stale = select(CourseRow.id).outerjoin(CaseloadStatusRow, CaseloadStatusRow.course_id == CourseRow.id)
        stale = stale.where(CourseRow.ended_on.is_(None))
        if not every:
            stale = stale.where(or_(CaseloadStatusRow.course_id.is_(None), CaseloadStatusRow.evaluated_on < on))
        ids = list(uow.session.scalars(stale.order_by(CourseRow.id)))
        # rows of courses that have ended since (an ended course is not in the caseload)
        ended = list(uow.session.scalars(
            select(CaseloadStatusRow.course_id).join(CourseRow, CourseRow.id == CaseloadStatusRow.course_id)
            .where(CourseRow.ended_on.is_not(None))
        ))
    todo = ids + ended
    state = RefreshProgress(0, len(todo), 0)
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        with uow_factory() as uow:
            rewritten = refresh_rows(uow.session, batch, on)
            uow.commit()
        state = RefreshProgress(state.checked + len(batch), len(todo), state.rewritten + rewritten)
        if progress is not None:
            progress(state)
    with uow_factory() as uow:
        uow.session.execute(delete(CaseloadRefreshRow).where(CaseloadRefreshRow.day == on))
        uow.session.add(CaseloadRefreshRow(day=on, finished_at=datetime.now(UTC), checked=state.checked,
                                           rewritten=state.rewritten))
        uow.commit()
    return state
