"""Video meeting links (issue 15): the organisation's room template, a caseworker's own meeting link, and the
link each video interview gets when it is booked, called in or moved (:func:`give_link`; which link, and why:
:mod:`scheduling.calendar.video`).

The booking services call :func:`give_link` after the interview has its caseworkers, in their own transaction;
a cancelled interview's link is dropped where it is cancelled (``booking._cancel_row``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from scheduling.adapters.orm import InterviewRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.calendar.video import choose_link, link_problem, template_problem
from scheduling.course import Format, Organisation
from scheduling.services.access import caseworker
from scheduling.services.audit import Actor, record
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import AuditAction, AuditObject

__all__ = ["give_link", "set_own_video_link", "set_video_room_template"]


def give_link(uow: AbstractUnitOfWork, row: InterviewRow, chosen: Sequence[tuple[Organisation, int]]) -> None:
    """Give a (flushed) interview the video link it should have now that ``chosen`` caseworkers hold it: the
    holding caseworker's own link, else the room it has, else a new room from the organisation's template, else
    none; no link unless it is a video interview."""
    if row.format is not Format.VIDEO:
        if row.video_link is not None:  # written only when it changes: no UPDATE for every other booking
            row.video_link = None
        return
    holder = next((cw for role, cw in chosen if role == row.organisation), None)
    worker = uow.repo.caseworker(holder) if holder is not None else None
    link = choose_link(
        row.format, row.video_link, caseworker_link=worker.video_link if worker is not None else None,
        template=row.org.video_room_template,
    )
    if link != row.video_link:
        row.video_link = link
        # written now, before the service tells the caseload how the course commits (a later change voids that)
        uow.flush()


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def set_video_room_template(uow: AbstractUnitOfWork, caseworker_id: int, template: str | None, now: datetime) -> None:
    """An administrator sets (or, with an empty value, removes) the organisation's video room template: an https
    address with ``{room}`` where each interview's room name goes. Interviews already booked keep their links."""
    template = _clean(template)
    problem = template_problem(template) if template is not None else None
    if problem is not None:
        raise InvalidInput.because(problem, count=300).on("video_room_template")
    with uow:
        worker = caseworker(uow, caseworker_id)
        if not worker.is_admin:
            raise NotFound()
        worker.organisation.video_room_template = template
        record(uow, now, Actor.caseworker(worker.id), AuditAction.UPDATE_SETTINGS, AuditObject.ORGANISATION,
               worker.organisation_id, video_room_template=template)
        uow.commit()


def set_own_video_link(uow: AbstractUnitOfWork, caseworker_id: int, link: str | None, now: datetime) -> None:
    """A caseworker sets (or removes) their own fixed meeting link, used for the video interviews they hold from
    now on instead of a new room from the organisation's template."""
    link = _clean(link)
    problem = link_problem(link) if link is not None else None
    if problem is not None:
        raise InvalidInput.because(problem, count=500).on("video_link")
    with uow:
        worker = caseworker(uow, caseworker_id)
        worker.video_link = link
        record(uow, now, Actor.caseworker(worker.id), AuditAction.UPDATE_SETTINGS, AuditObject.CASEWORKER, worker.id,
               video_link=link)
        uow.commit()
