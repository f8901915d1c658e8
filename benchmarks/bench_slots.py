"""How long the pure free-slot finder takes for a month of 20 caseworkers, and for joint slots.

A line with a budget says so; a median over it prints "OVER BUDGET" and the script exits 1. The budget was a
timing assertion in the tests before timings moved here (tests/unit/test_slots.py still checks that the same
search gives the right slots).
"""

from __future__ import annotations

import statistics
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta

from scheduling.course import AkasseParticipation
from scheduling.slots import (
    COPENHAGEN,
    AgreedTimeslot,
    CaseworkerAvailability,
    Interval,
    SlotSearch,
    WorkingHours,
    free_joint_slots,
    free_slots,
)


def caseworkers(n: int, first: date) -> list[CaseworkerAvailability]:
    hours = tuple(WorkingHours(d, time(8, 30), time(15, 0)) for d in range(5))
    result = []
    for i in range(n):
        booked = tuple(
            Interval(datetime.combine(first + timedelta(days=k), time(9 + i % 5, 0), UTC),
                     datetime.combine(first + timedelta(days=k), time(9 + i % 5, 45), UTC))
            for k in range(0, 28, 2)
        )
        result.append(CaseworkerAvailability(i, hours, interviews=booked))
    return result


def month_with_meetings(n: int, first: date) -> list[CaseworkerAvailability]:
    """Each caseworker has one 45-minute interview a day (at 9 + i % 5 o'clock) and all meet 12:00-12:30, on the
    weekdays of the month but its last day: the scenario of tests/unit/test_slots.py's month test."""
    hours = tuple(WorkingHours(d, time(8, 30), time(15, 0)) for d in range(5))
    days = [first + timedelta(days=k) for k in range(1, 30)]

    def at(day: date, start: time, end: time) -> Interval:
        return Interval(datetime.combine(day, start, COPENHAGEN), datetime.combine(day, end, COPENHAGEN))

    return [
        CaseworkerAvailability(
            f"cw-{i}",
            hours,
            busy=tuple(at(day, time(12, 0), time(12, 30)) for day in days),
            interviews=tuple(at(day, time(9 + i % 5, 0), time(9 + i % 5, 45)) for day in days),
        )
        for i in range(n)
    ]


def measure(label: str, fn, repeat: int = 20, budget_ms: float | None = None) -> bool:
    """Print the median and worst time of ``fn``; False when the median is over ``budget_ms``."""
    fn()  # warm the holiday cache
    times = []
    for _ in range(repeat):
        start = clock.perf_counter()
        count = len(fn())
        times.append(clock.perf_counter() - start)
    median_ms = statistics.median(times) * 1000
    within = budget_ms is None or median_ms <= budget_ms
    verdict = "" if budget_ms is None else f" (budget {budget_ms:.0f} ms{'' if within else ': OVER BUDGET'})"
    print(f"{label}: {count} slots, median {median_ms:.1f} ms, max {max(times) * 1000:.1f} ms{verdict}")
    return within


def main() -> int:
    march = date(2026, 3, 1)
    month = SlotSearch(timedelta(minutes=45), timedelta(minutes=30), march, date(2026, 3, 31),
                       datetime(2026, 3, 2, tzinfo=COPENHAGEN))
    busy_month = month_with_meetings(20, march)
    within = measure("free_slots, 20 caseworkers with interviews and a daily meeting, March",
                     lambda: free_slots(busy_month, month), budget_ms=100)
    first = date(2026, 12, 1)
    search = SlotSearch(timedelta(minutes=45), timedelta(minutes=45), first, first + timedelta(days=30),
                        datetime(2026, 11, 25, tzinfo=UTC))
    workers = caseworkers(20, first)
    measure("free_slots, 20 caseworkers, 31 days", lambda: free_slots(workers, search))
    timeslots = [AgreedTimeslot(1, d, time(9, 0), time(12, 0), date(2026, 1, 1), None, AkasseParticipation.VIDEO) for d in range(5)]
    measure("free_joint_slots, 10+10 caseworkers, 31 days",
            lambda: free_joint_slots(workers[:10], workers[10:], timeslots, search))
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
