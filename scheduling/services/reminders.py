"""Reminders (issue 15): written to the outbox when due by ``flask --app portal notices remind`` (cron every 15
minutes, or the worker loop), delivered by the workers like any notice, by the person's channel(s).

- **The day before a booked interview**, at the holding organisation's ``reminder_hour``
  (:func:`scheduling.reminders.interview_reminder_due`). Only booked interviews are looked at, so a cancelled
  one gets none; a moved one is reminded of its new time (the key holds the start). A reminder written before
  its interview was cancelled or moved is withdrawn by the worker, never sent (:func:`notices.claim`).
- **Before the book-by date**, ``book_by_reminder_days`` before it, for a person who must self-book and has
  booked nothing: the rules core's own book-by deadlines (:func:`scheduling.services.deadlines.citizen_book_by`)
  decide, so a person who has booked, or is called in, gets none. They are written in the organisation's
  reminder hour (the runs at 9:00, 9:15 … 9:45), for the people the caseload's read model says may self-book,
  each evaluated once per run in that hour only (an evaluation per person: the other 23 hours cost nothing). A
  run missed for a whole hour is made up the next day: the reminder stays due until the book-by day ends.

**Exactly once.** Each reminder's notice ``key`` is made from what it reminds of (the interview and its start;
the person, the obligation and the book-by day), and the outbox's key is unique: running the command twice, or
two at once on PostgreSQL, writes one. Each reminder is written in a transaction of its own; the second writer's
insert fails on the unique key and is passed over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.exc import IntegrityError

from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.caseload import BookByDeadline
from scheduling.course import Organisation
from scheduling.reasons import N_
from scheduling.reminders import book_by_reminder_due, interview_reminder_due
from scheduling.services import notices
from scheduling.services.access import caseworker
from scheduling.services.audit import Actor, record
from scheduling.services.deadlines import citizen_book_by
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.slots import COPENHAGEN
from scheduling.vocabulary import AuditAction, AuditObject, NoticeKind

#: The topics of the two reminders (the notice's ``topic``; the SMS and mail say which).
INTERVIEW_TOPIC = "reminder"
BOOK_BY_TOPIC = "book_by"
#: How far ahead interviews are looked at: the day before's reminder, with room for the clock's changes.
LOOK_AHEAD = timedelta(hours=50)


@dataclass
class Written:
    """What a run of the reminders wrote."""

    interviews: int = 0
    book_by: int = 0


def interview_key(interview_id: int, start: datetime) -> str:
    """One reminder per interview and start: a moved interview has a new one."""
    return f"reminder-{interview_id}-{start.strftime('%Y%m%dT%H%M')}"


def book_by_key(citizen_id: int, deadline: BookByDeadline) -> str:
    """One book-by reminder per person, obligation and book-by day."""
    return f"bookby-{citizen_id}-{deadline.rule}-{deadline.organisation}-{deadline.book_by.isoformat()}"


def _write_once(unit_of_work: Callable[[], AbstractUnitOfWork], write: Callable[[AbstractUnitOfWork], object]) -> bool:
    """Write one reminder in its own transaction; False if another writer has its key (the unique index)."""
    uow = unit_of_work()
    try:
        with uow:
            written = write(uow)
            uow.commit()
    except IntegrityError:
        return False
    return written is not None


def remind(unit_of_work: Callable[[], AbstractUnitOfWork], now: datetime) -> Written:
    """Write the reminders due at ``now`` that are not written yet (idempotent). Returns how many were written."""
    return Written(_interview_reminders(unit_of_work, now), _book_by_reminders(unit_of_work, now))


def _interview_reminders(unit_of_work: Callable[[], AbstractUnitOfWork], now: datetime) -> int:
    with unit_of_work() as uow:
        due = [
            (interview_id, citizen_id, start, interview_key(interview_id, start))
            for interview_id, citizen_id, start, hour in uow.repo.reminder_interviews(now, now + LOOK_AHEAD)
            if interview_reminder_due(start, hour, now)
        ]
        known = uow.repo.notice_keys([key for *_, key in due])
    written = 0
    for interview_id, citizen_id, _start, key in due:
        if key not in known and _write_once(unit_of_work, partial(
            notices.tell, citizen_id=citizen_id, topic=INTERVIEW_TOPIC, now=now, interview_id=interview_id,
            kind=NoticeKind.REMINDER, key=key,
        )):
            written += 1
    return written


def _book_by_reminders(unit_of_work: Callable[[], AbstractUnitOfWork], now: datetime) -> int:
    with unit_of_work() as uow:
        people = uow.repo.book_by_candidates(now.astimezone(COPENHAGEN).hour)
    written = 0
    for citizen_id in people:
        for deadline, key in _due_deadlines(unit_of_work, citizen_id, now):
            if _write_once(unit_of_work, partial(
                notices.tell, citizen_id=citizen_id, topic=BOOK_BY_TOPIC, now=now, kind=NoticeKind.REMINDER, key=key,
                params={"book_by": deadline.book_by.isoformat()},
            )):
                written += 1
    return written


def _due_deadlines(
    unit_of_work: Callable[[], AbstractUnitOfWork], citizen_id: int, now: datetime
) -> list[tuple[BookByDeadline, str]]:
    """The person's book-by deadlines whose reminder is due now and not written yet."""
    today = now.astimezone(COPENHAGEN).date()
    try:
        deadlines = citizen_book_by(unit_of_work(), citizen_id, today)
    except NotFound:
        return []
    with unit_of_work() as uow:
        citizen = uow.repo.citizen(citizen_id)
        if citizen is None:
            return []
        settings = {Organisation.AKASSE: citizen.akasse, Organisation.JOBCENTER: citizen.jobcenter}
        due = [
            (d, book_by_key(citizen_id, d)) for d in deadlines
            if not d.passed and book_by_reminder_due(
                d.book_by, settings[d.organisation].book_by_reminder_days, settings[d.organisation].reminder_hour, now,
            )
        ]
        known = uow.repo.notice_keys([key for _, key in due])
    return [(d, key) for d, key in due if key not in known]


#: The hours a reminder may be sent at (Danish time): daytime, so a text never wakes anyone.
REMINDER_HOURS = range(7, 21)
#: How many days before the book-by date the reminder may come.
BOOK_BY_REMINDER_DAYS = range(1, 15)


def set_reminder_settings(uow: AbstractUnitOfWork, caseworker_id: int, hour: int, days: int, now: datetime) -> None:
    """An administrator sets the hour of the reminders (the day before an interview; before a book-by date) and how
    many days before the book-by date a person who has booked nothing is reminded. Audited."""
    if hour not in REMINDER_HOURS:
        raise InvalidInput.because(N_("Vælg et klokkeslæt mellem 7 og 20.")).on("reminder_hour")
    if days not in BOOK_BY_REMINDER_DAYS:
        raise InvalidInput.because(N_("Skriv et antal dage mellem 1 og 14.")).on("book_by_reminder_days")
    with uow:
        worker = caseworker(uow, caseworker_id)
        if not worker.is_admin:
            raise NotFound()
        worker.organisation.reminder_hour, worker.organisation.book_by_reminder_days = hour, days
        record(uow, now, Actor.caseworker(worker.id), AuditAction.UPDATE_SETTINGS, AuditObject.ORGANISATION,
               worker.organisation_id, reminder_hour=hour, book_by_reminder_days=days)
        uow.commit()
