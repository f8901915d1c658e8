"""Booking deadlines as on Jobnet (issue 3): by when the person must have booked an interview they are to book.

The organisation sets ``book_by_days`` (at least 8); the day itself is :func:`scheduling.services.queries.book_by`
of the obligation's due date. A deadline applies only to an obligation that is still open, that the person may
self-book now (the rules core offers its kind with its organisation) and for which nothing is booked yet: a
person who is called in, or who has booked, has nothing to book by.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import Course, InterviewKind, InterviewStatus, Organisation
from scheduling.evaluation import Evaluation, ObligationState, evaluate
from scheduling.services.access import citizen_for, course_of
from scheduling.services.queries import book_by

_OPEN = (ObligationState.OPEN, ObligationState.DUE_SOON, ObligationState.OVERDUE)


@dataclass(frozen=True)
class BookByDeadline:
    """Book an interview of ``kind`` with ``organisation`` by ``book_by`` (it must be held by ``due``)."""

    rule: str  # the obligation's rule, e.g. "R7"
    kind: InterviewKind
    organisation: Organisation
    due: date
    book_by: date
    passed: bool  # the book-by day is behind us and nothing is booked


def book_by_deadlines(
    course: Course, evaluation: Evaluation, book_by_days: Mapping[Organisation, int]
) -> tuple[BookByDeadline, ...]:
    """The book-by day of each open obligation the person may self-book now and has nothing booked for.

    ``book_by_days`` gives each organisation's setting; an organisation left out is passed over (the caseload
    asks only about the caseworker's own). A booked interview counts when it has the obligation's organisation
    and kind."""
    offered = {(o.kind, o.organisation) for o in evaluation.citizen.options}
    booked = {(i.kind, i.organisation) for i in course.interviews if i.status == InterviewStatus.BOOKED}
    deadlines = []
    for obligation in evaluation.obligations:
        key = (obligation.kind, obligation.organisation)
        if (
            obligation.due is None
            or obligation.state not in _OPEN
            or obligation.organisation not in book_by_days
            or key not in offered
            or key in booked
        ):
            continue
        day = book_by(obligation.due, book_by_days[obligation.organisation])
        deadlines.append(
            BookByDeadline(obligation.rule, obligation.kind, obligation.organisation, obligation.due, day,
                           evaluation.on > day)
        )
    return tuple(deadlines)


def citizen_book_by(uow: AbstractUnitOfWork, citizen_id: int, on: date) -> tuple[BookByDeadline, ...]:
    """The person's book-by days on ``on`` with their own a-kasse's and jobcenter's settings ("Book senest …")."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        course = course_of(uow, citizen)[1]
        days = {Organisation.AKASSE: citizen.akasse.book_by_days, Organisation.JOBCENTER: citizen.jobcenter.book_by_days}
    return book_by_deadlines(course, evaluate(course, on), days)
