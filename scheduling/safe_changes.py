"""Safe changes to a caseworker's availability (issue 14): which booked interviews an absence or new working
hours would leave without a caseworker, which colleagues are free to take one over, and whether every such
interview has been given a choice (pure: plain values in, plain values out; "now" is an argument).

An interview is *hit* when it is active (booked or called in: not held, missed or cancelled), has not begun by
``now`` and either overlaps the absence or does not lie inside the new working hours of its Danish weekday. For
each hit interview the caseworker chooses: :class:`Move` it to a free colleague of the same organisation
(keeping the time), :class:`Cancel` it with a reason the person is told, or — for new working hours only — :class:`Keep`
it (an interview already agreed may still be held outside the new hours).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from scheduling.course import InterviewStatus
from scheduling.slots import (
    COPENHAGEN,
    CaseworkerAvailability,
    CaseworkerId,
    Interval,
    WorkingHours,
    local_instant,
)


@dataclass(frozen=True)
class Booked:
    """One of the caseworker's interviews as these rules need it: its id, time and status."""

    id: int
    start: datetime
    end: datetime
    status: InterviewStatus = InterviewStatus.BOOKED


@dataclass(frozen=True)
class Move:
    """Move the interview to this colleague, at the same time."""

    colleague_id: int


@dataclass(frozen=True)
class Cancel:
    """Cancel the interview; the person is told ``reason``."""

    reason: str


@dataclass(frozen=True)
class Keep:
    """Keep the interview although it lies outside the new working hours."""


Choice = Move | Cancel | Keep


def _pending(interview: Booked, now: datetime) -> bool:
    return interview.status == InterviewStatus.BOOKED and interview.start >= now


def hit_by_absence(interviews: Iterable[Booked], absence: Interval, now: datetime) -> list[Booked]:
    """The active interviews not yet begun at ``now`` that overlap ``absence``, by start."""
    return sorted(
        (i for i in interviews if _pending(i, now) and i.start < absence.end and absence.start < i.end),
        key=lambda i: (i.start, i.id),
    )


def within_hours(start: datetime, end: datetime, hours: Iterable[WorkingHours]) -> bool:
    """Does ``[start, end)`` lie inside one window of the weekly working hours on its Danish date?"""
    day = start.astimezone(COPENHAGEN).date()
    return any(
        h.weekday == day.weekday()
        and local_instant(day, h.start) <= start
        and end <= local_instant(day, h.end, end=True)
        for h in hours
    )


def outside_hours(interviews: Iterable[Booked], hours: Iterable[WorkingHours], now: datetime) -> list[Booked]:
    """The active interviews not yet begun at ``now`` that the weekly working ``hours`` would not hold, by start."""
    weekly = tuple(hours)
    return sorted(
        (i for i in interviews if _pending(i, now) and not within_hours(i.start, i.end, weekly)),
        key=lambda i: (i.start, i.id),
    )


def is_free(colleague: CaseworkerAvailability, start: datetime, end: datetime) -> bool:
    """Is the colleague at work for the whole of ``[start, end)`` and neither absent, busy nor in an interview?"""
    blocked = (*colleague.absences, *colleague.busy, *colleague.interviews)
    return within_hours(start, end, colleague.working_hours) and not any(b.start < end and start < b.end for b in blocked)


def free_colleagues(
    colleagues: Sequence[CaseworkerAvailability], start: datetime, end: datetime, taken: Iterable[CaseworkerId] = ()
) -> tuple[CaseworkerId, ...]:
    """The colleagues free for ``[start, end)`` (:func:`is_free`), in the order given, without those in ``taken``
    (the absent caseworker, and the other participant of a joint interview)."""
    busy = set(taken)
    return tuple(c.caseworker_id for c in colleagues if c.caseworker_id not in busy and is_free(c, start, end))


@dataclass(frozen=True)
class ChoiceProblem:
    """Why an interview's choice cannot be used: ``missing`` (no choice), ``reason`` (a cancellation without a
    reason), ``colleague`` (a colleague who is not free for it) or ``keep`` (keeping is not possible here)."""

    interview_id: int
    what: str


def choice_problems(
    hit: Sequence[Booked],
    choices: Mapping[int, Choice],
    free: Mapping[int, Iterable[CaseworkerId]],
    *,
    may_keep: bool,
) -> list[ChoiceProblem]:
    """What stops the change from being saved: each hit interview needs a usable choice (a free colleague from
    ``free`` for a move, a reason for a cancellation, keeping only where ``may_keep``). Choices for interviews
    that are not hit are the caller's to refuse (:func:`unknown_choices`)."""
    problems = []
    for interview in hit:
        choice = choices.get(interview.id)
        if choice is None:
            problems.append(ChoiceProblem(interview.id, "missing"))
        elif isinstance(choice, Cancel) and not choice.reason.strip():
            problems.append(ChoiceProblem(interview.id, "reason"))
        elif isinstance(choice, Move) and choice.colleague_id not in set(free.get(interview.id, ())):
            problems.append(ChoiceProblem(interview.id, "colleague"))
        elif isinstance(choice, Keep) and not may_keep:
            problems.append(ChoiceProblem(interview.id, "keep"))
    return problems


def unknown_choices(hit: Iterable[Booked], choices: Mapping[int, Choice]) -> set[int]:
    """The interview ids given a choice that the change does not hit (forged, or another caseworker's)."""
    return set(choices) - {i.id for i in hit}
