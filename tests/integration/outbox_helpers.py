"""Helpers for the outbox's tests: a person with an e-mail address, the notices as rows, pending notices made
directly (no booking), and a transport that remembers what it was asked to send."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from scheduling.adapters.orm import CitizenRow, NoticeAttemptRow, NoticeRow
from scheduling.services import notices
from scheduling.services.notices import Job
from scheduling.vocabulary import ActorKind


def give_email(uow_factory, citizen_id: int, email: str, locale: str = "da") -> None:
    """The person gives the portal their e-mail address (and language)."""
    with uow_factory() as uow:
        row = uow.session.get(CitizenRow, citizen_id)
        row.email, row.locale = email, locale
        uow.commit()


def _detached(uow_factory, model):
    with uow_factory(read_only=True) as uow:
        rows = list(uow.session.scalars(select(model).order_by(model.id)))
        uow.session.expunge_all()  # readable after the session ends
        return rows


def notice_rows(uow_factory) -> list[NoticeRow]:
    return _detached(uow_factory, NoticeRow)


def person_notices(uow_factory) -> list[NoticeRow]:
    """The notices to people (not the caseworkers' calendar invitations)."""
    return [row for row in notice_rows(uow_factory) if row.recipient_kind == ActorKind.CITIZEN]


def attempt_rows(uow_factory) -> list[NoticeAttemptRow]:
    return _detached(uow_factory, NoticeAttemptRow)


def pending_notices(uow_factory, citizen_id: int, count: int, now: datetime) -> None:
    """``count`` pending notices to the person, due at ``now`` (as inbox messages would write them)."""
    with uow_factory() as uow:
        for _ in range(count):
            notices.tell(uow, citizen_id, "booking", now)
        uow.commit()


class Recorder:
    """A transport that keeps each job sent, or raises ``fail`` (an exception) for the first ``failures``."""

    def __init__(self, failures: int = 0, fail: Exception | None = None) -> None:
        self.sent: list[Job] = []
        self.failures, self.fail = failures, fail or ConnectionRefusedError("smtp down")

    def __call__(self, job: Job) -> None:
        if self.failures:
            self.failures -= 1
            raise self.fail
        self.sent.append(job)
