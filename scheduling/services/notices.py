"""The outbox (issue 15): telling a person outside the portal, never more than once lost or sent for nothing.

**Writing.** Whatever tells a person something in their inbox (:func:`scheduling.services.messages.send`: a
booking, a move, a cancellation, a call-in, a raised format, a decision, a referral) calls :func:`tell` in the
same unit of work, so the notice commits exactly when the change does: a booking that rolls back leaves no
notice, a committed one always has its notice. A notice holds no free text: its ``topic`` (the message's kind)
and, for an interview, its time and format; the e-mail says only that there is news, links to the portal and
gives that time and format — never a CPR number, a decision's reasons or a caseworker's note. Only a person with
an e-mail address gets one; the address used is the one they have when it is sent.

**Sending.** A worker (``flask --app portal notices send``; :mod:`portal.notices.worker`) repeats
:func:`deliver_due`: it :func:`claim`\\ s a batch of due notices in one short transaction (on PostgreSQL with ``FOR
UPDATE SKIP LOCKED``, so several workers share the work without waiting for or repeating each other) and moves
their ``next_attempt_at`` a lease ahead; it sends each outside any transaction; and it records each result
(:func:`record`) in a transaction of its own: delivered (``sent``), or tried again after an exponential back-off,
or ``failed`` after :attr:`Policy.max_attempts` attempts (the organisation's administrator sees those).

**At least once.** A worker that dies between sending and recording leaves the notice claimed; when the lease
runs out another worker sends it again. A notice's ``key`` never changes and is the e-mail's ``Message-ID``, so
the receiver (and any mail system that de-duplicates) can tell the second copy from a new notice. A reminder
later gives its ``key`` from the interview (one per interview), so the unique index refuses a second one.

**Channels and kinds are data.** :class:`~scheduling.vocabulary.NoticeChannel` (e-mail, SMS) and
:class:`~scheduling.vocabulary.NoticeKind` (news, reminder, calendar invitation); the portal's transports
(:mod:`portal.notices.mail`, :mod:`portal.notices.sms`) choose by them. Which channel(s) a person gets is their
setting for the notice's category (:func:`scheduling.notice_choices.channels_for`): e-mail, SMS, both, or none
(never for a binding one: a call-in, a raised format, a decision), of those they have an address for; one notice
per channel.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from scheduling.adapters.orm import NoticeAttemptRow, NoticeRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import Format, InterviewStatus
from scheduling.notice_choices import (
    channels as channels,  # one choice's channels (re-exported: its older home)
)
from scheduling.notice_choices import channels_for
from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind, NoticeStatus

#: How long an error may be in the attempts log (an SMTP server's answer fits easily).
ERROR_LENGTH = 500


@dataclass(frozen=True)
class Policy:
    """How often and how fast the worker tries: the ``n``-th failed attempt waits ``backoff × 2ⁿ⁻¹`` (at most
    ``max_backoff``); after ``max_attempts`` the notice is failed. ``lease``: how long a claimed notice is left to
    the worker that claimed it before another may send it again (longer than any send takes)."""

    max_attempts: int = 8
    backoff: timedelta = timedelta(minutes=1)
    max_backoff: timedelta = timedelta(hours=6)
    lease: timedelta = timedelta(minutes=5)

    def retry_at(self, attempts: int, now: datetime) -> datetime:
        """When a notice that has failed ``attempts`` times is tried again."""
        return now + min(self.backoff * 2 ** max(attempts - 1, 0), self.max_backoff)


@dataclass(frozen=True)
class Job:
    """A claimed notice with what sending it needs: its ``key`` (the Message-ID), the recipient's address now
    (None: they have none any more), their language, what happened (``topic``, ``params``)."""

    id: int
    key: str
    channel: NoticeChannel
    kind: NoticeKind
    topic: str
    params: dict[str, Any]
    locale: str
    address: str | None
    recipient_kind: ActorKind
    recipient_id: int
    interview_uid: str | None
    attempt: int


@dataclass(frozen=True)
class FailedNotice:
    """A notice the worker gave up on, as the administrator sees it."""

    id: int
    recipient_name: str
    topic: str
    channel: NoticeChannel
    created_at: datetime
    attempts: int
    last_error: str | None


@dataclass
class Summary:
    """What a worker's pass did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed


class NoAddress(Exception):
    """The recipient has no address for the channel any more: nothing to try again."""


def new_key() -> str:
    """A notice's key: unguessable and unique, the local part of its Message-ID."""
    return f"notice-{secrets.token_hex(16)}"


def tell(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    topic: str,
    now: datetime,
    *,
    interview_id: int | None = None,
    kind: NoticeKind = NoticeKind.NOTICE,
    key: str | None = None,
    address: str | None = None,
    params: dict[str, Any] | None = None,
) -> NoticeRow | None:
    """Tell the person outside the portal that ``topic`` happened (in the caller's transaction, which commits it
    with the change): a pending notice by each channel the person chose for ``topic``'s category
    (:func:`scheduling.notice_choices.channels_for`), due at once, in the person's language, with the interview's
    time and format if ``interview_id``. Nothing for a person without an address for any channel, or who switched
    the category off. ``address``: by e-mail to this address only (the link that confirms a new address).
    ``key``: the notice's stable key (a reminder's, one per interview); a second channel's gets ``-sms``.
    Returns the first notice written (None: none)."""
    rows = notice_rows(uow, citizen_id, topic, now, interview_id=interview_id, kind=kind, key=key, address=address,
                       params=params)
    uow.repo.append_all(rows)
    return rows[0] if rows else None


def notice_rows(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    topic: str,
    now: datetime,
    *,
    interview_id: int | None = None,
    kind: NoticeKind = NoticeKind.NOTICE,
    key: str | None = None,
    address: str | None = None,
    params: dict[str, Any] | None = None,
) -> list[NoticeRow]:
    """The notices :func:`tell` writes, not yet written (a caller writing other notices too writes them all in
    one go)."""
    citizen = uow.repo.citizen(citizen_id)
    if citizen is None:
        return []
    chosen = (NoticeChannel.EMAIL,) if address else channels_for(topic, citizen.notice_choices, citizen.email, citizen.phone)
    interview = uow.repo.interview(interview_id) if interview_id is not None else None
    params = dict(params or {})
    if interview is not None:
        params.update(start=interview.start_at.isoformat(), format=str(interview.format))
        if interview.format == Format.VIDEO and interview.video_link and interview.status != InterviewStatus.CANCELLED:
            params.update(video_link=interview.video_link)  # how to join; nothing private in it
    base = key or new_key()
    rows = [
        NoticeRow.appended(
            key=base if index == 0 else f"{base}-{channel}", recipient_kind=ActorKind.CITIZEN, recipient_id=citizen.id,
            channel=channel, kind=kind, topic=str(topic), params=params, address=address, locale=citizen.locale or "da",
            interview_id=interview.id if interview is not None else None,
            interview_uid=interview.uid if interview is not None else None,
            status=NoticeStatus.PENDING, attempts=0, next_attempt_at=now, created_at=now,
        )
        for index, channel in enumerate(chosen)
    ]
    return rows


def claim(uow: AbstractUnitOfWork, now: datetime, limit: int, policy: Policy) -> list[Job]:
    """Claim up to ``limit`` due notices for this worker: each counts an attempt and is left alone by other
    workers until ``now + policy.lease``. One short transaction."""
    with uow:
        rows = _without_withdrawn(uow, uow.repo.due_notices(now, limit))
        addresses = uow.repo.notice_addresses(rows)
        for row in rows:
            row.attempts += 1
            row.next_attempt_at = now + policy.lease
        jobs = [_job(row, addresses[row.id]) for row in rows]
        uow.commit()
        return jobs


def _without_withdrawn(uow: AbstractUnitOfWork, rows: list[NoticeRow]) -> list[NoticeRow]:
    """The rows less the reminders of interviews cancelled or moved since the reminder was written: those are
    withdrawn (deleted, so that the interview moved back to that time would be reminded again), never sent."""
    kept = []
    for row in rows:
        interview = uow.repo.interview(row.interview_id) if row.kind == NoticeKind.REMINDER and row.interview_id else None
        if interview is not None and (
            interview.status != InterviewStatus.BOOKED or interview.start_at.isoformat() != (row.params or {}).get("start")
        ):
            uow.repo.delete(row)
        else:
            kept.append(row)
    return kept


def _job(row: NoticeRow, address: str | None) -> Job:
    return Job(
        id=row.id, key=row.key, channel=row.channel, kind=row.kind, topic=row.topic, params=dict(row.params or {}),
        locale=row.locale, address=address, recipient_kind=row.recipient_kind, recipient_id=row.recipient_id,
        interview_uid=row.interview_uid, attempt=row.attempts,
    )


def record(
    uow: AbstractUnitOfWork, job: Job, now: datetime, worker: str, policy: Policy, error: str | None = None,
    *, final: bool = False,
) -> NoticeStatus:
    """Log the attempt and move the notice on: ``sent`` without ``error``; otherwise pending again after the
    back-off, or ``failed`` once it has had ``policy.max_attempts`` attempts (or at once if ``final``).
    Returns the notice's new status."""
    error = error[:ERROR_LENGTH] if error else None
    with uow:
        row = uow.repo.notice(job.id)
        if row is None:
            return NoticeStatus.FAILED
        uow.repo.add(NoticeAttemptRow(notice_id=row.id, at=now, worker=worker[:120], error=error))
        if row.status != NoticeStatus.PENDING:
            pass  # recorded already (another worker after our lease ran out): keep its outcome
        elif error is None:
            row.status, row.sent_at, row.last_error = NoticeStatus.SENT, now, None
        elif final or row.attempts >= policy.max_attempts:
            row.status, row.last_error = NoticeStatus.FAILED, error
        else:
            row.next_attempt_at, row.last_error = policy.retry_at(row.attempts, now), error
        status = row.status
        uow.commit()
        return status


def release(uow: AbstractUnitOfWork, jobs: list[Job], now: datetime) -> None:
    """Give back claimed notices a stopping worker did not try: due again at once, the attempt not counted."""
    with uow:
        for job in jobs:
            row = uow.repo.notice(job.id)
            if row is not None and row.status == NoticeStatus.PENDING and row.attempts == job.attempt:
                row.attempts, row.next_attempt_at = row.attempts - 1, now
        uow.commit()


def deliver_due(
    unit_of_work: Callable[[], AbstractUnitOfWork],
    send: Callable[[Job], None],
    now: Callable[[], datetime],
    *,
    worker: str,
    policy: Policy,
    limit: int = 50,
    stopping: Callable[[], bool] = lambda: False,
) -> Summary:
    """One pass of the worker: claim a batch, send each (``send`` raises :class:`NoAddress` when there is nowhere
    to send, any other exception for a failure worth trying again), record each result. When ``stopping()``
    turns true the notices not yet tried are released (:func:`release`) and the pass ends."""
    summary = Summary()
    jobs = claim(unit_of_work(), now(), limit, policy)
    for index, job in enumerate(jobs):
        if stopping():
            release(unit_of_work(), jobs[index:], now())
            break
        error, final = _sent(send, job)
        status = record(unit_of_work(), job, now(), worker, policy, error, final=final)
        if status == NoticeStatus.SENT:
            summary.sent += 1
        elif status == NoticeStatus.FAILED:
            summary.failed += 1
        else:
            summary.retried += 1
        if error:
            summary.errors.append(f"{job.key}: {error}")
    return summary


def _sent(send: Callable[[Job], None], job: Job) -> tuple[str | None, bool]:
    if job.address is None:
        return "Modtageren har ingen adresse (no address).", True
    try:
        send(job)
    except NoAddress as error:
        return str(error) or "Modtageren har ingen adresse (no address).", True
    except Exception as error:  # noqa: BLE001 - any failure of a transport is an attempt to log and retry
        return f"{type(error).__name__}: {error}", False
    return None, False


def failed_notices(uow: AbstractUnitOfWork, organisation_id: int, limit: int = 100) -> list[FailedNotice]:
    """The newest notices the worker gave up on, to people the organisation serves (read side)."""
    with uow:
        return [
            FailedNotice(row.id, name, row.topic, row.channel, row.created_at, row.attempts, row.last_error)
            for row, name in uow.repo.failed_notices(organisation_id, limit)
        ]
