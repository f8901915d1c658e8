"""The person's inbox ("Beskeder"): sending, and marking a message read."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from scheduling.adapters.orm import MessageRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.services import invitations, notices
from scheduling.services.errors import NotFound
from scheduling.services.letters import Text
from scheduling.vocabulary import CALENDAR_MESSAGE_KINDS, MessageKind


def send(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    kind: MessageKind,
    text: Text,
    now: datetime,
    *,
    interview_id: int | None = None,
    decision_id: int | None = None,
    claimed: Collection[int] | None = None,
) -> MessageRow:
    """Put a message in the person's inbox (in the caller's transaction; written at once, so its ``id`` is not
    read back), and tell them outside the portal that it is there (:func:`scheduling.services.notices.tell`).

    The notices — the person's, and the calendar invitations of an interview's change — are written in one
    statement. ``claimed``: the interview is new, with these caseworkers just claimed for it
    (:func:`scheduling.services.invitations.invitation_rows`)."""
    row = MessageRow.appended(
        citizen_id=citizen_id,
        kind=kind,
        subject=text.subject,
        body=text.body,
        message_id=text.message_id,
        params=dict(text.params) if text.message_id else None,
        created_at=now,
        interview_id=interview_id,
        decision_id=decision_id,
    )
    uow.repo.append(row)
    # e-mail that there is news (the outbox), and the caseworkers' calendars (iMIP)
    written = notices.notice_rows(uow, citizen_id, kind, now, interview_id=interview_id)
    if interview_id is not None and kind in CALENDAR_MESSAGE_KINDS:
        written += invitations.invitation_rows(uow, interview_id, now, claimed=claimed)
    uow.repo.append_all(written)
    return row


def mark_read(uow: AbstractUnitOfWork, citizen_id: int, message_id: int, now: datetime) -> None:
    """The person opened their message; another person's message id is NotFound."""
    with uow:
        row = uow.repo.message(message_id)
        if row is None or row.citizen_id != citizen_id:
            raise NotFound()
        if row.read_at is None:
            row.read_at = now
            uow.commit()
