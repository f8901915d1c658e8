"""What a course means on a given day: the rules core's answers, each with its reason.

``evaluate(course, on)`` is the one entry point the command line, the services and the pages use to show a
course; the ``check_*`` functions answer the yes/no questions the booking services ask before they write.
All of them are pure: facts and a day in, a result out, and none of them raises on facts as stored: any date
from ``date.min`` to ``date.max`` in any field, on any day (the rules move days with
:func:`scheduling.rules.facts.shift`, which stops at the ends of the calendar; proved by
``tests/unit/rules/test_extreme_dates.py``). Far-off dates are refused where people and systems enter them
(:mod:`scheduling.datebounds`), not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from scheduling.course import (
    AkasseParticipation,
    Course,
    Format,
    Interview,
    InterviewKind,
    Organisation,
)
from scheduling.reasons import Reason


class ObligationState(StrEnum):
    MET = "opfyldt"
    OPEN = "aaben"
    DUE_SOON = "snart"
    OVERDUE = "overskredet"
    SUSPENDED = "suspenderet"  # an exemption (R26) suspends it
    HELD_LATE = "holdt_for_sent"  # made up by interviews held after the deadline: not met, not overdue (issue 12)


class CaseworkerAction(StrEnum):
    CALL_IN = "indkald"
    RAISE_FORMAT = "haev_samtaleform"
    REVOKE_SELF_BOOKING = "fratag_selvbooking"
    RESTORE_SELF_BOOKING = "genopret_selvbooking"
    EXEMPT_FROM_SELF_BOOKING = "fritag_selvbooking"
    LIFT_SELF_BOOKING_EXEMPTION = "ophaev_fritagelse"
    DECIDE_NOT_COVERED = "ikke_omfattet"
    RECORD_INTERVIEW = "registrer_samtale"
    REFER_R4 = "visiter_r4"
    REGISTER_CONTROL_ACTION = "registrer_kontrolaktion"
    REGISTER_EXEMPTION = "registrer_fritagelse"
    REGISTER_HOURS = "registrer_timer"


@dataclass(frozen=True)
class Verdict:
    """Yes, or no with the reason (rule id, legal basis, a sentence)."""

    allowed: bool
    reason: Reason

    def __bool__(self) -> bool:
        return self.allowed


@dataclass(frozen=True)
class Responsibility:
    """Who runs the course on the day (R1–R4) and the hand-over: the a-kasse's last day, actual or projected."""

    organisation: Organisation
    akasse_until: date | None  # last day of the a-kasse's period; None for the R4 group (jobcenter throughout)
    projected: bool  # True while the 410/333-hour threshold is not yet registered (R3 projection)
    reason: Reason


@dataclass(frozen=True)
class Obligation:
    """An interview obligation: how many held of how many required, by when, and its state on the day.

    ``held`` counts only the interviews held by the deadline ``due``; ``held_late`` those held after it that
    make up for the rest (at most ``required - held``). One rule for every obligation (R6–R12, R25, R28).
    """

    rule: str  # "R6", "R7", ...
    organisation: Organisation
    kind: InterviewKind | None  # None: a step that is not an interview (the a-kasse's R4 referral)
    required: int
    held: int
    due: date | None
    due_projected: bool
    state: ObligationState
    reason: Reason
    held_late: int = 0  # held after the deadline, making up for what ``held`` lacks: never counted as met

@dataclass(frozen=True)
class BookingOption:
    """A kind of interview the person may self-book now, with the formats open to them."""

    kind: InterviewKind
    organisation: Organisation
    formats: tuple[Format, ...]
    must_choose_akasse_participation: bool  # R10 (first jobcenter interview) and R12 (16-month interview)
    akasse_participation_choices: tuple[AkasseParticipation, ...]  # R18: video, or in person on request
    first_interview: bool  # R15: the first interview of the course, in person only
    reason: Reason

    def participation_choices(self, format: Format) -> tuple[AkasseParticipation, ...]:
        """The a-kasse participation open with ``format`` (R18, LAB § 33, stk. 4): the a-kasse attends in
        person *with the person* only when the person attends in person."""
        if format is Format.PERSONLIGT:
            return self.akasse_participation_choices
        return tuple(c for c in self.akasse_participation_choices if c is not AkasseParticipation.IN_PERSON)


@dataclass(frozen=True)
class Refusal:
    """Something the person may not do, and why (the kind is None for a refusal of self-booking as a whole)."""

    kind: InterviewKind | None
    organisation: Organisation | None
    reason: Reason


@dataclass(frozen=True)
class CitizenPermissions:
    may_self_book: bool
    options: tuple[BookingOption, ...]
    refusals: tuple[Refusal, ...]


@dataclass(frozen=True)
class CaseworkerPermissions:
    organisation: Organisation
    allowed: frozenset[CaseworkerAction]
    refusals: tuple[tuple[CaseworkerAction, Reason], ...]


@dataclass(frozen=True)
class Signal:
    """A booking pattern for the caseworker's concrete assessment under R23; never a decision by itself."""

    kind: str  # "beyond_agreed", "close_together", "frequent_rebooking"
    count: int
    threshold: int
    reason: Reason


@dataclass(frozen=True)
class CallIn:
    """What happens next for a person who may not book their next interview themselves (R19, R23): who calls
    them in, and by when that interview must be held (the deadline of the obligation it meets; ``due`` None:
    no deadline), or the day of the interview they are already called in to (``booked``)."""

    organisation: Organisation
    due: date | None
    projected: bool  # the deadline is a projection (R3)
    booked: date | None
    reason: Reason


@dataclass(frozen=True)
class Evaluation:
    on: date
    responsibility: Responsibility
    obligations: tuple[Obligation, ...]
    citizen: CitizenPermissions
    caseworkers: tuple[CaseworkerPermissions, ...]  # one for the a-kasse, one for the jobcenter
    signals: tuple[Signal, ...]
    notices: tuple[Reason, ...]  # e.g. R13 repatriation guidance, R28 old rules, R26 exemption in force


def evaluate(course: Course, on: date) -> Evaluation:
    """Evaluate a course on a day: responsibility, obligations, what the person and each caseworker may do."""
    from scheduling.rules import evaluate as _evaluate

    return _evaluate(course, on)


def check_self_booking(
    course: Course,
    on: date,
    kind: InterviewKind,
    organisation: Organisation,
    format: Format,
    start: datetime,
    akasse_participation: AkasseParticipation | None = None,
) -> Verdict:
    """May the person self-book this interview, in this format, with this a-kasse participation (R10–R24)?"""
    from scheduling.rules import check_self_booking as _check

    return _check(course, on, kind, organisation, format, start, akasse_participation)


def check_caseworker_action(
    course: Course,
    on: date,
    actor: Organisation,
    action: CaseworkerAction,
    interview: Interview | None = None,
    new_format: Format | None = None,
) -> Verdict:
    """May a caseworker of ``actor`` take ``action`` now (R1, R17, R19, R23, R25, R26)?"""
    from scheduling.rules import check_caseworker_action as _check

    return _check(course, on, actor, action, interview, new_format)


def call_in(course: Course, evaluation: Evaluation) -> CallIn | None:
    """Who calls the person in to their next interview, and by when, when they may not book it themselves
    (called in first, R19; self-booking revoked or exempt from it, R23); None otherwise."""
    from scheduling.rules import call_in as _call_in

    return _call_in(course, evaluation)


def check_citizen_change(course: Course, on: date, interview: Interview, now: datetime) -> Verdict:
    """May the person rebook or cancel this interview themselves (self-booked, not raised, not called in)?"""
    from scheduling.rules import check_citizen_change as _check

    return _check(course, on, interview, now)
