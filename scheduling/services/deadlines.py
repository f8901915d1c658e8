"""Booking deadlines as on Jobnet (issue 3): by when the person must have booked an interview they are to book.

The organisation sets ``book_by_days`` (at least 8); the day itself is :func:`scheduling.caseload.book_by`
of the obligation's due date. A deadline applies only to an obligation that is still open, that the person may
self-book now (the rules core offers its kind with its organisation) and for which nothing is booked yet: a
person who is called in, or who has booked, has nothing to book by.
"""

from __future__ import annotations

from datetime import date

from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.caseload import BookByDeadline, book_by_deadlines
from scheduling.course import Organisation
from scheduling.evaluation import evaluate
from scheduling.services.access import citizen_for, course_of

__all__ = ["BookByDeadline", "book_by_deadlines", "citizen_book_by"]


def citizen_book_by(uow: AbstractUnitOfWork, citizen_id: int, on: date) -> tuple[BookByDeadline, ...]:
    """The person's book-by days on ``on`` with their own a-kasse's and jobcenter's settings ("Book senest …")."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        course = course_of(uow, citizen)[1]
        days = {Organisation.AKASSE: citizen.akasse.book_by_days, Organisation.JOBCENTER: citizen.jobcenter.book_by_days}
    return book_by_deadlines(course, evaluate(course, on), days)
