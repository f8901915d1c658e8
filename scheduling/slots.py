"""Free slots: working hours minus absences, holidays, busy times and interviews (pure).

Plain values in, plain values out: no database, no web layer, no clock. The caller passes "now" as the
earliest bookable instant (``SlotSearch.earliest``, i.e. now plus the organisation's booking notice).

How time is handled (RULES.md, "Time"):

* Working hours and agreed timeslots (R22) are wall-clock times in ``Europe/Copenhagen``; each day's window
  is turned into two instants with the zone's rules for *that* day, so 08:30 is 07:30 UTC in winter and
  06:30 UTC in summer.
* Slots are stepped in exact (absolute) time from the window's start, so every slot lasts exactly
  ``length``, never starts in the non-existent hour of the last Sunday of March, and no instant is offered
  twice in the repeated hour of the last Sunday of October.
* A window boundary that falls in the March gap moves to the first instant after the gap; a boundary in the
  repeated October hour takes the first occurrence for a start and the second for an end (the window covers
  the whole wall-clock span).
* Danish public holidays (``holidays.Denmark``, official holidays only) are never offered.

Internally instants are whole seconds since the epoch (ints): comparisons are cheap and exact, which keeps a
month for twenty caseworkers in the low milliseconds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays as _holidays

from scheduling.course import AkasseParticipation

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

CaseworkerId = int | str
"""A caseworker's id as the caller knows it (a database key or a string); returned as given."""


# --------------------------------------------------------------------------------------------------------------
# Inputs


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


@dataclass(frozen=True)
class Interval:
    """A half-open span of time ``[start, end)`` between two timezone-aware instants."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _require_aware(self.start, "Interval.start")
        _require_aware(self.end, "Interval.end")
        if self.end <= self.start:
            raise ValueError(f"Interval ends before it starts: {self.start} – {self.end}")

    @classmethod
    def stored(cls, start: datetime, end: datetime) -> Interval:
        """An interval read back from the database, whose columns keep it aware and in order (UTC columns,
        ``start_at < end_at``): made without checking it again, since a week of an organisation's blocked times
        is thousands of them. Anything else uses the checking constructor."""
        interval = object.__new__(cls)
        interval.__dict__.update(start=start, end=end)
        return interval


@dataclass(frozen=True)
class WorkingHours:
    """Weekly working hours: on ``weekday`` (0 = Monday … 6 = Sunday) from ``start`` to ``end``, local time."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError(
                "working hours are local wall-clock times in Europe/Copenhagen: pass naive times"
            )
        if self.end <= self.start:
            raise ValueError(f"working hours end before they start: {self.start} – {self.end}")


@dataclass(frozen=True)
class CaseworkerAvailability:
    """One caseworker's week and what takes their time away.

    ``absences`` (holiday, illness, course), ``busy`` (from their own calendar, issue 6) and ``interviews``
    (already booked) all block time alike; they are kept apart so the caller can say where they came from.
    """

    caseworker_id: CaseworkerId
    working_hours: tuple[WorkingHours, ...]
    absences: tuple[Interval, ...] = ()
    busy: tuple[Interval, ...] = ()
    interviews: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class AgreedTimeslot:
    """A weekly interval a kommune and an a-kasse agreed for joint interviews (R22), and only *accepted* ones.

    On ``weekday`` from ``start`` to ``end`` (local wall-clock time), valid from ``valid_from`` up to and
    including ``valid_until`` (``None``: until further notice), with the a-kasse's agreed form of participation.
    ``ended_from``: either side ended the agreement from that day on; it offers nothing from then (the joint
    interviews already booked in it stay).
    """

    id: CaseworkerId
    weekday: int
    start: time
    end: time
    valid_from: date
    valid_until: date | None = None
    akasse_participation: AkasseParticipation = AkasseParticipation.VIDEO
    ended_from: date | None = None

    def __post_init__(self) -> None:
        WorkingHours(self.weekday, self.start, self.end)  # the same checks
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("an agreed timeslot cannot end before it starts")

    def applies_on(self, day: date) -> bool:
        """True if the timeslot is open on this local date (weekday and validity)."""
        return (
            day.weekday() == self.weekday
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.ended_from is None or day < self.ended_from)
        )


@dataclass(frozen=True)
class SlotSearch:
    """What to look for: interviews of ``length``, a slot every ``step``, on local dates ``first_day`` to
    ``last_day`` (inclusive), starting no earlier than ``earliest`` (now plus the booking notice).

    ``holidays`` maps the dates never offered to their names; ``None`` means the official Danish public
    holidays of the years searched (:func:`danish_holidays`). ``closed``: times the organisation is closed beyond
    the public holidays (24 December, the afternoon of Grundlovsdag …): never offered, for any caseworker.
    """

    length: timedelta
    step: timedelta
    first_day: date
    last_day: date
    earliest: datetime
    holidays: Mapping[date, str] | None = field(default=None, compare=False)
    closed: tuple[Interval, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        _require_aware(self.earliest, "SlotSearch.earliest")
        if self.length <= timedelta(0) or self.step <= timedelta(0):
            raise ValueError("length and step must be positive")
        if self.length % timedelta(seconds=1) or self.step % timedelta(seconds=1):
            raise ValueError("length and step must be whole seconds")
        if self.last_day < self.first_day:
            raise ValueError("last_day is before first_day")


# --------------------------------------------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True, order=True)
class Slot:
    """A free slot: ``start``/``end`` are aware UTC instants, exactly the interview's length apart.

    ``caseworker_ids`` are the caseworkers of the organisation holding the interview who are free for the
    whole slot (the jobcenter's for a joint interview), in the order they were given; the booking service
    picks one. For a joint interview (R22) ``akasse_caseworker_ids`` are the a-kasse's free caseworkers, and
    ``timeslot_id``/``akasse_participation`` name the agreed timeslot it lies in.
    """

    start: datetime
    end: datetime
    caseworker_ids: tuple[CaseworkerId, ...] = field(compare=False)
    akasse_caseworker_ids: tuple[CaseworkerId, ...] = field(default=(), compare=False)
    timeslot_id: CaseworkerId | None = field(default=None, compare=False)
    akasse_participation: AkasseParticipation | None = field(default=None, compare=False)

    @property
    def local_start(self) -> datetime:
        """The start in Danish time, for showing."""
        return self.start.astimezone(COPENHAGEN)

    @property
    def local_end(self) -> datetime:
        """The end in Danish time, for showing."""
        return self.end.astimezone(COPENHAGEN)

    @property
    def local_date(self) -> date:
        """The Danish date the slot starts on."""
        return self.local_start.date()


# --------------------------------------------------------------------------------------------------------------
# Public functions


def danish_holidays(years: Iterable[int]) -> dict[date, str]:
    """The official Danish public holidays of ``years`` with their Danish names, e.g. ``{date(2026, 12, 25):
    "Juledag"}``, from ``holidays.Denmark`` (category "public").

    Days that are commonly off but not official holidays in the package (Grundlovsdag 5 June, juleaftensdag,
    nytårsaftensdag, 1 May) are not included; Store bededag is included up to 2023 (abolished from 2024).
    """
    return dict(_holidays_for(tuple(sorted(set(years)))))


def free_slots(caseworkers: Sequence[CaseworkerAvailability], search: SlotSearch) -> list[Slot]:
    """Free slots for an individual interview with one of ``caseworkers`` (one organisation), ordered by start.

    A slot is offered when at least one caseworker is inside their working hours for the whole slot, not
    absent, not busy and not in another interview, on a local date that is not a public holiday, and it starts
    at or after ``search.earliest``. Slots are stepped by ``search.step`` from the start of each working-hours
    window; each start instant appears once, listing every caseworker free for it.
    """
    prepared, earliest = _prepare_all(caseworkers, search)
    starts = sorted({start for cw in prepared for window in cw.windows for start in _grid(*window, search, earliest)})
    return _individual_slots(prepared, starts, search)


def free_caseworkers_at(
    caseworkers: Sequence[CaseworkerAvailability], search: SlotSearch, start: datetime
) -> tuple[CaseworkerId, ...]:
    """The caseworkers :func:`free_slots` would offer for a slot starting at ``start`` (empty if it offers none).

    The same answer as ``free_slots(caseworkers, search)`` for that one start, without computing the others:
    the start must lie on the grid of some caseworker's working hours (and not before ``search.earliest``, on a
    searched day that is no holiday), and each caseworker listed is free for ``[start, start + length)``.
    """
    slot = free_slot_at(caseworkers, search, start)
    return slot.caseworker_ids if slot is not None else ()


def free_slot_at(caseworkers: Sequence[CaseworkerAvailability], search: SlotSearch, start: datetime) -> Slot | None:
    """The slot :func:`free_slots` offers at ``start``, or None: the final check of a booking (one start only)."""
    _require_aware(start, "start")
    at = _epoch(start)
    if at != start.timestamp():  # not a whole second: never on a grid
        return None
    # What free_slots computes for every start, for this one only: a caseworker is free when one of their
    # (merged) working-hours windows holds [at, end) and nothing blocked overlaps it — the same as it lying
    # inside one of their free intervals (windows minus blocked times), without computing those intervals.
    days, earliest = _days(search, _holiday_dates(search)), _epoch(search.earliest)
    end = at + _seconds(search.length)
    # a closure overlapping the slot (one of length 0 inside it splits it too) leaves nobody free
    closed = any(_epoch(i.start) < end and _epoch(i.end) > at for i in search.closed)
    on_grid, free = False, []
    # (on the grid, holds [at, end)) by working hours: an organisation's caseworkers mostly share theirs
    answers: dict[tuple[WorkingHours, ...], tuple[bool, bool]] = {}
    for cw in caseworkers:
        answer = answers.get(cw.working_hours)
        if answer is None:
            windows = _working_windows(cw, days)
            answer = answers[cw.working_hours] = (
                any(at in _grid(*window, search, earliest) for window in windows),
                any(w_start <= at and end <= w_end for w_start, w_end in windows),
            )
        on_grid = on_grid or answer[0]
        if answer[1] and not closed and not _blocked_during(cw, at, end):
            free.append(cw.caseworker_id)
    return Slot(_instant(at), _instant(end), tuple(free)) if on_grid and free else None


def _blocked_during(cw: CaseworkerAvailability, start: int, end: int) -> bool:
    """Does any of the caseworker's blocked times overlap ``[start, end)`` (one of length 0 inside it splits it
    too)?"""
    if not (cw.absences or cw.busy or cw.interviews):
        return False
    return any(
        _epoch(i.start) < end and _epoch(i.end) > start for group in (cw.absences, cw.busy, cw.interviews) for i in group
    )


def _prepare_all(caseworkers: Sequence[CaseworkerAvailability], search: SlotSearch) -> tuple[list[_Prepared], int]:
    days = _days(search, _holiday_dates(search))
    return [_prepare(cw, days, search.closed) for cw in caseworkers], _epoch(search.earliest)


def _individual_slots(prepared: Sequence[_Prepared], starts: Sequence[int], search: SlotSearch) -> list[Slot]:
    """The slots at ``starts`` (sorted grid points) where at least one caseworker is free, listing them all."""
    length = _seconds(search.length)
    free_by_cw = [(cw.caseworker_id, _fits(cw, starts, length)) for cw in prepared]
    slots = []
    for i, start in enumerate(starts):
        ids = tuple(cw_id for cw_id, fits in free_by_cw if fits[i])
        if ids:
            slots.append(Slot(_instant(start), _instant(start + length), ids))
    return slots


def free_joint_slots(
    jobcenter: Sequence[CaseworkerAvailability],
    akasse: Sequence[CaseworkerAvailability],
    timeslots: Sequence[AgreedTimeslot],
    search: SlotSearch,
) -> list[Slot]:
    """Free slots for a joint interview (fællessamtale), ordered by start (R22, guidance section 4.2).

    Only inside ``timeslots`` — pass only timeslots the a-kasse has *accepted* with this kommune — and only
    where at least one jobcenter caseworker (``caseworker_ids``) and at least one a-kasse caseworker
    (``akasse_caseworker_ids``) are both free for the whole slot (working hours, absences, busy times,
    interviews, holidays, ``search.earliest`` as in :func:`free_slots`). Slots are stepped from the start of
    each timeslot; where timeslots overlap, an instant is offered once, with the first timeslot given.
    """
    return _joint_slots(jobcenter, akasse, timeslots, search, None)


def free_joint_slot_at(
    jobcenter: Sequence[CaseworkerAvailability],
    akasse: Sequence[CaseworkerAvailability],
    timeslots: Sequence[AgreedTimeslot],
    search: SlotSearch,
    start: datetime,
) -> Slot | None:
    """The slot :func:`free_joint_slots` offers at ``start``, or None (one start only, the same answer)."""
    _require_aware(start, "start")
    at = _epoch(start)
    if at != start.timestamp():
        return None
    slots = _joint_slots(jobcenter, akasse, timeslots, search, at)
    return slots[0] if slots else None


def _joint_slots(
    jobcenter: Sequence[CaseworkerAvailability],
    akasse: Sequence[CaseworkerAvailability],
    timeslots: Sequence[AgreedTimeslot],
    search: SlotSearch,
    only: int | None,
) -> list[Slot]:
    """:func:`free_joint_slots`, or with ``only`` just the slot at that start (epoch seconds)."""
    holiday_dates = _holiday_dates(search)
    days = _days(search, holiday_dates)
    length = _seconds(search.length)
    earliest = _epoch(search.earliest)

    candidates: dict[int, AgreedTimeslot] = {}
    for day in days:
        for timeslot in timeslots:
            if timeslot.applies_on(day):
                win_start, win_end = _window(day, timeslot.start, timeslot.end)
                grid = _grid(win_start, win_end, search, earliest)
                for start in grid if only is None else ([only] if only in grid else []):
                    if start + length <= win_end:
                        candidates.setdefault(start, timeslot)
    starts = sorted(candidates)
    jc = [(p.caseworker_id, _fits(p, starts, length)) for p in (_prepare(cw, days, search.closed) for cw in jobcenter)]
    ak = [(p.caseworker_id, _fits(p, starts, length)) for p in (_prepare(cw, days, search.closed) for cw in akasse)]

    slots = []
    for i, start in enumerate(starts):
        jc_ids = tuple(cw_id for cw_id, fits in jc if fits[i])
        ak_ids = tuple(cw_id for cw_id, fits in ak if fits[i])
        if jc_ids and ak_ids:
            timeslot = candidates[start]
            slots.append(
                Slot(
                    _instant(start),
                    _instant(start + length),
                    jc_ids,
                    ak_ids,
                    timeslot.id,
                    timeslot.akasse_participation,
                )
            )
    return slots


def participation_fits(agreed: AkasseParticipation, chosen: AkasseParticipation | None) -> bool:
    """Does a joint interview with the a-kasse participation ``chosen`` belong in a timeslot agreed ``agreed``?

    The form agreed for a timeslot (R22, guidance section 4.2) is how the a-kasse takes part in the joint
    interviews booked in it: a person who asks for the a-kasse in person (R18) needs an in-person timeslot, one
    who has it take part by video a video timeslot. A person who opted out of the a-kasse's participation
    (``NONE``, R12) fits any timeslot; ``None`` (not chosen yet) fits any, so that every slot can be shown.
    """
    return chosen is None or chosen == AkasseParticipation.NONE or chosen == agreed


def slots_by_day(slots: Iterable[Slot]) -> dict[date, list[Slot]]:
    """Group slots by the Danish (Europe/Copenhagen) date they start on: days ascending, slots by start."""
    grouped: dict[date, list[Slot]] = {}
    for slot in sorted(slots):
        grouped.setdefault(slot.local_date, []).append(slot)
    return grouped


def local_instant(day: date, wall: time, *, end: bool = False) -> datetime:
    """The UTC instant of a Danish wall-clock time on a day, resolved across DST the way slots are.

    A time in the March gap becomes the first instant after it; a time in the repeated October hour is its
    first occurrence, or its second when ``end`` is true (so that a window covers the whole span).
    """
    return _instant(_local_epoch(day, wall, end=end))


# --------------------------------------------------------------------------------------------------------------
# Internals


@lru_cache(maxsize=64)
def _holidays_for(years: tuple[int, ...]) -> MappingProxyType[date, str]:
    found = _holidays.Denmark(years=years, language="da", categories=("public",))
    return MappingProxyType(dict(sorted(found.items())))


def _holiday_dates(search: SlotSearch) -> frozenset[date]:
    if search.holidays is not None:
        return frozenset(search.holidays)
    return frozenset(_holidays_for(tuple(range(search.first_day.year, search.last_day.year + 1))))


def _days(search: SlotSearch, holiday_dates: frozenset[date]) -> list[date]:
    count = (search.last_day - search.first_day).days + 1
    every = (search.first_day + timedelta(days=n) for n in range(count))
    return [day for day in every if day not in holiday_dates]


def _seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _instant(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@lru_cache(maxsize=8192)  # pure: an organisation's hundreds of caseworkers mostly share their hours
def _local_epoch(day: date, wall: time, *, end: bool) -> int:
    first = datetime.combine(day, wall, tzinfo=COPENHAGEN)
    second = first.replace(fold=1)
    earlier, later = _epoch(first), _epoch(second)
    if earlier == later:
        return earlier
    if earlier < later:  # the repeated hour in October: fold=0 is the first occurrence
        return later if end else earlier
    # The gap in March: fold=1 reads the wall time with the new offset (too early), fold=0 with the old one
    # (too late); the first existing instant after the gap lies between them.
    low, high = later, earlier
    after = second.utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if _instant(middle).astimezone(COPENHAGEN).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high


def _window(day: date, start: time, end: time) -> tuple[int, int]:
    return _local_epoch(day, start, end=False), _local_epoch(day, end, end=True)


def _grid(win_start: int, win_end: int, search: SlotSearch, earliest: int) -> range:
    """Starts stepped from the window's start that end inside it and are not before ``earliest``."""
    step = _seconds(search.step)
    first = win_start
    if earliest > first:
        first += -(-(earliest - first) // step) * step  # the first grid point at or after earliest
    return range(first, win_end - _seconds(search.length) + 1, step)


@dataclass(frozen=True)
class _Prepared:
    caseworker_id: CaseworkerId
    windows: list[tuple[int, int]]  # working-hours windows, sorted
    free_starts: list[int]  # free intervals (windows minus blocked), sorted and disjoint
    free_ends: list[int]


def _working_windows(cw: CaseworkerAvailability, days: Sequence[date]) -> list[tuple[int, int]]:
    """The caseworker's working-hours windows on ``days``, merged and sorted."""
    by_weekday: dict[int, list[WorkingHours]] = {}
    for hours in cw.working_hours:
        by_weekday.setdefault(hours.weekday, []).append(hours)
    return _merge(
        [_window(day, hours.start, hours.end) for day in days for hours in by_weekday.get(day.weekday(), ())]
    )


def _prepare(cw: CaseworkerAvailability, days: Sequence[date], closed: Sequence[Interval] = ()) -> _Prepared:
    windows = _working_windows(cw, days)
    blocked = _merge(
        [(_epoch(i.start), _epoch(i.end)) for group in (cw.absences, cw.busy, cw.interviews, closed) for i in group]
    )
    free = _subtract(windows, blocked)
    return _Prepared(cw.caseworker_id, windows, [s for s, _ in free], [e for _, e in free])


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract(windows: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Both sorted and disjoint; a sweep keeps it linear."""
    free: list[tuple[int, int]] = []
    i = 0
    for start, end in windows:
        cursor = start
        while i < len(blocked) and blocked[i][1] <= cursor:
            i += 1
        j = i
        while j < len(blocked) and blocked[j][0] < end:
            if blocked[j][0] > cursor:
                free.append((cursor, blocked[j][0]))
            cursor = max(cursor, blocked[j][1])
            j += 1
        if cursor < end:
            free.append((cursor, end))
    return free


def _fits(cw: _Prepared, starts: Sequence[int], length: int) -> list[bool]:
    """For each start, whether ``[start, start + length)`` lies inside one of the caseworker's free intervals."""
    result = []
    free_starts, free_ends = cw.free_starts, cw.free_ends
    for start in starts:
        k = bisect_right(free_starts, start) - 1
        result.append(k >= 0 and start + length <= free_ends[k])
    return result
