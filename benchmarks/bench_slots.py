"""How long the pure free-slot finder takes for a month of 20 caseworkers, and for joint slots."""

from __future__ import annotations

import statistics
import time as clock
from datetime import UTC, date, datetime, time, timedelta

from scheduling.course import AkasseParticipation
from scheduling.slots import (
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


def measure(label: str, fn, repeat: int = 20) -> None:
    fn()  # warm the holiday cache
    times = []
    for _ in range(repeat):
        start = clock.perf_counter()
        count = len(fn())
        times.append(clock.perf_counter() - start)
    print(f"{label}: {count} slots, median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")


def main() -> None:
    first = date(2026, 12, 1)
    search = SlotSearch(timedelta(minutes=45), timedelta(minutes=45), first, first + timedelta(days=30),
                        datetime(2026, 11, 25, tzinfo=UTC))
    workers = caseworkers(20, first)
    measure("free_slots, 20 caseworkers, 31 days", lambda: free_slots(workers, search))
    timeslots = [AgreedTimeslot(1, d, time(9, 0), time(12, 0), date(2026, 1, 1), None, AkasseParticipation.VIDEO) for d in range(5)]
    measure("free_joint_slots, 10+10 caseworkers, 31 days",
            lambda: free_joint_slots(workers[:10], workers[10:], timeslots, search))


if __name__ == "__main__":
    main()
