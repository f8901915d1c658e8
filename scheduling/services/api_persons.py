"""The integration API's read side about people (issue 16): which people an organisation's token may see, and
what it reads about them (the person, their evaluation, their messages, their history of changes).

An organisation sees the people it is or was responsible for: those it serves now (an a-kasse its members, a
jobcenter its kommune's residents) and those it held an interview with or made a decision about. Anyone else is
:class:`NotFound`, exactly as an id that does not exist. Lists are in id order, after the last id a page ended on
(the API's cursor), optionally only the people changed since an instant: the newest line of their audit log,
which every change to a person's course writes in the same transaction.

CPR numbers are handled as on the caseworkers' pages (issue 9): a list shows only the birth-date part
(``150690-xxxx``, as the caseload); the full number is read one person at a time, by :func:`person_shown`, which
writes who saw it (the token's caseworker), when and whose to the audit log in the same transaction. Those lines
record access, not changes: they move neither the person's ``changed_at`` nor their history of changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select

from scheduling.adapters.orm import AuditRow, CitizenRow, CourseRow, DecisionRow, InterviewRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.coursejson import evaluation_to_json
from scheduling.evaluation import evaluate
from scheduling.services import queries
from scheduling.services.audit import CPR_VIEWED
from scheduling.services.caseload import mask_cpr
from scheduling.services.errors import NotFound
from scheduling.vocabulary import ActorKind, AuditObject


@dataclass(frozen=True)
class PersonSummary:
    """A person as the API shows them."""

    id: int
    cpr: str
    name: str
    birth_date: date
    akasse_id: int
    jobcenter_id: int
    has_open_course: bool
    changed_at: datetime | None


def _visible_to(organisation_id: int) -> ColumnElement[bool]:
    """The people ``organisation_id`` is or was responsible for."""
    return or_(
        CitizenRow.akasse_id == organisation_id,
        CitizenRow.jobcenter_id == organisation_id,
        exists().where(InterviewRow.citizen_id == CitizenRow.id, InterviewRow.organisation_id == organisation_id),
        exists().where(
            CourseRow.citizen_id == CitizenRow.id, DecisionRow.course_id == CourseRow.id,
            DecisionRow.organisation_id == organisation_id,
        ),
    )


def _changed_at() -> Any:
    return (
        select(func.max(AuditRow.at))
        .where(AuditRow.citizen_id == CitizenRow.id, AuditRow.action != CPR_VIEWED)
        .correlate(CitizenRow)
        .scalar_subquery()
    )


def _open_course() -> Any:
    return exists().where(CourseRow.citizen_id == CitizenRow.id, CourseRow.ended_on.is_(None))


def _summaries(uow: SqlAlchemyUnitOfWork, *conditions: ColumnElement[bool], limit: int | None = None
               ) -> list[PersonSummary]:
    changed = _changed_at().label("changed_at")
    query = (
        select(CitizenRow.id, CitizenRow.cpr, CitizenRow.name, CitizenRow.birth_date, CitizenRow.akasse_id,
               CitizenRow.jobcenter_id, _open_course().label("open"), changed)
        .where(*conditions)
        .order_by(CitizenRow.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [PersonSummary(r.id, r.cpr, r.name, r.birth_date, r.akasse_id, r.jobcenter_id, bool(r.open), r.changed_at)
            for r in uow.session.execute(query)]


def persons(
    uow: SqlAlchemyUnitOfWork, organisation_id: int, *, after_id: int = 0, limit: int = 50,
    changed_since: datetime | None = None,
) -> list[PersonSummary]:
    """Up to ``limit`` people the organisation may see, with ids above ``after_id``, in id order; with
    ``changed_since`` only those whose history has a change at or after it."""
    conditions = [_visible_to(organisation_id), CitizenRow.id > after_id]
    if changed_since is not None:
        conditions.append(_changed_at() >= changed_since)
    with uow:
        found = _summaries(uow, *conditions, limit=limit)
    return [replace(summary, cpr=mask_cpr(summary.cpr)) for summary in found]  # the full number: person_shown


def person(uow: SqlAlchemyUnitOfWork, organisation_id: int, citizen_id: int) -> PersonSummary:
    """One person the organisation may see; NotFound otherwise."""
    with uow:
        found = _summaries(uow, CitizenRow.id == citizen_id, _visible_to(organisation_id))
    if not found:
        raise NotFound()
    return found[0]


def person_shown(
    uow: SqlAlchemyUnitOfWork, organisation_id: int, caseworker_id: int, citizen_id: int, now: datetime
) -> PersonSummary:
    """One person the organisation may see, with the full CPR number, and the audit line saying that
    ``caseworker_id`` (the token's caseworker) was shown it, in one transaction; NotFound (nothing written)
    otherwise."""
    with uow:
        found = _summaries(uow, CitizenRow.id == citizen_id, _visible_to(organisation_id))
        if not found:
            raise NotFound()
        uow.repo.add(AuditRow(
            at=now, actor_kind=ActorKind.CASEWORKER, actor_id=caseworker_id, action=CPR_VIEWED,
            object_type=AuditObject.CITIZEN, object_id=citizen_id, citizen_id=citizen_id,
            details={"organisation_id": organisation_id, "via": "api"},
        ))
        uow.commit()
    return found[0]


def _require_visible(uow: SqlAlchemyUnitOfWork, organisation_id: int, citizen_id: int) -> None:
    with uow:
        seen = uow.session.scalar(select(CitizenRow.id).where(CitizenRow.id == citizen_id, _visible_to(organisation_id)))
    if seen is None:
        raise NotFound()


def evaluation(uow: SqlAlchemyUnitOfWork, organisation_id: int, citizen_id: int, on: date) -> dict[str, Any]:
    """The person's open course evaluated on ``on``: the same document as ``python -m scheduling explain``
    prints for the course's facts. NotFound when the organisation may not see them or they have no open course."""
    _require_visible(uow, organisation_id, citizen_id)
    return evaluation_to_json(evaluate(queries.load_course(uow, citizen_id), on))


def messages(uow: SqlAlchemyUnitOfWork, organisation_id: int, citizen_id: int) -> list[queries.MessageView]:
    """The messages sent to the person, newest first."""
    _require_visible(uow, organisation_id, citizen_id)
    return queries.citizen_messages(uow, citizen_id)


def history(uow: SqlAlchemyUnitOfWork, organisation_id: int, citizen_id: int) -> list[queries.AuditView]:
    """The person's history of changes (the audit log about them, without the CPR look-ups), oldest first."""
    _require_visible(uow, organisation_id, citizen_id)
    with uow:
        return queries._audit_views(uow, citizen_id)


__all__ = ["PersonSummary", "evaluation", "history", "messages", "person", "person_shown", "persons"]
