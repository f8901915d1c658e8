"""When a reminder is due (issue 15), as plain rules over instants: no clock, no database.

- **The day before an interview**: at the organisation's hour (Danish time, 9 unless set) on the day before the
  interview's day in Denmark; due from then until the interview's own day begins. An interview booked after
  that hour on the day before gets its reminder at once; one booked for the same day gets none.
- **Before the book-by date**: at the organisation's hour, the organisation's number of days (3 unless set)
  before the day by which the person must have booked (:func:`scheduling.caseload.book_by`); due from then
  until the book-by day ends.

Both are wall-clock times in Copenhagen, so across a change to or from summer time the reminder still comes at
9:00 on the clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from scheduling.slots import COPENHAGEN

DEFAULT_HOUR = 9
DEFAULT_BOOK_BY_DAYS = 3


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=COPENHAGEN).astimezone(UTC)


def _day(instant: datetime) -> date:
    return instant.astimezone(COPENHAGEN).date()


def interview_reminder_at(start: datetime, hour: int) -> datetime:
    """The instant of the reminder of an interview starting at ``start``: ``hour`` o'clock in Denmark the day
    before."""
    return _at(_day(start) - timedelta(days=1), hour)


def interview_reminder_due(start: datetime, hour: int, now: datetime) -> bool:
    """Whether the reminder of an interview at ``start`` is due at ``now``: its hour has come, and the
    interview's day has not."""
    return interview_reminder_at(start, hour) <= now and _day(now) < _day(start)


def book_by_reminder_at(book_by: date, days: int, hour: int) -> datetime:
    """The instant of the reminder to book by ``book_by``: ``hour`` o'clock ``days`` days before."""
    return _at(book_by - timedelta(days=days), hour)


def book_by_reminder_due(book_by: date, days: int, hour: int, now: datetime) -> bool:
    """Whether the reminder to book by ``book_by`` is due at ``now``: its hour has come, the day not passed."""
    return book_by_reminder_at(book_by, days, hour) <= now and _day(now) <= book_by
