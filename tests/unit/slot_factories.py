"""Readable factories for free-slot tests: working weeks, caseworkers, searches, Danish wall-clock instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from scheduling.course import AkasseParticipation
from scheduling.slots import (
    COPENHAGEN,
    AgreedTimeslot,
    CaseworkerAvailability,
    Interval,
    SlotSearch,
    WorkingHours,
)

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def cph(day: str, hhmm: str, fold: int = 0) -> datetime:
    """A Danish wall-clock instant: ``cph("2026-03-30", "08:30")``."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=COPENHAGEN).replace(fold=fold)


def utc(day: str, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=UTC)


def between(day: str, start: str, end: str) -> Interval:
    """A span on one Danish day: ``between("2026-03-30", "10:00", "11:00")``."""
    return Interval(cph(day, start), cph(day, end))


def whole_days(first: str, last: str) -> Interval:
    """An absence from the start of ``first`` to the end of ``last`` (Danish dates)."""
    end = date.fromisoformat(last) + timedelta(days=1)
    return Interval(cph(first, "00:00"), cph(end.isoformat(), "00:00"))


def week(
    start: str = "08:30", end: str = "15:00", days: tuple[int, ...] = (0, 1, 2, 3, 4)
) -> tuple[WorkingHours, ...]:
    """Working hours on ``days`` (Monday to Friday unless told), the same hours every day."""
    begin = time.fromisoformat(start)
    finish = time.fromisoformat(end)
    return tuple(WorkingHours(day, begin, finish) for day in days)


def caseworker(
    cw_id: str = "cw-1",
    hours: tuple[WorkingHours, ...] | None = None,
    absences: tuple[Interval, ...] = (),
    busy: tuple[Interval, ...] = (),
    interviews: tuple[Interval, ...] = (),
) -> CaseworkerAvailability:
    return CaseworkerAvailability(cw_id, week() if hours is None else hours, absences, busy, interviews)


def search(
    first: str,
    last: str | None = None,
    *,
    earliest: datetime | None = None,
    length: int = 45,
    step: int = 30,
    holidays: dict[date, str] | None = None,
) -> SlotSearch:
    """A search over Danish dates ``first``..``last`` (one day unless told); by default everything is bookable."""
    return SlotSearch(
        length=timedelta(minutes=length),
        step=timedelta(minutes=step),
        first_day=date.fromisoformat(first),
        last_day=date.fromisoformat(last or first),
        earliest=earliest or datetime(2000, 1, 1, tzinfo=UTC),
        holidays=holidays,
    )


def timeslot(
    ts_id: str = "ts-1",
    weekday: int = TUESDAY,
    start: str = "10:00",
    end: str = "12:00",
    valid_from: str = "2026-01-01",
    valid_until: str | None = None,
    participation: AkasseParticipation = AkasseParticipation.VIDEO,
) -> AgreedTimeslot:
    return AgreedTimeslot(
        ts_id,
        weekday,
        time.fromisoformat(start),
        time.fromisoformat(end),
        date.fromisoformat(valid_from),
        date.fromisoformat(valid_until) if valid_until else None,
        participation,
    )
