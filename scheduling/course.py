"""A person's contact course (kontaktforløb) as immutable facts.

These are the facts the rules core evaluates *on a given day*. They are plain values: the database adapter
builds them from its rows, the command line from JSON, the tests from factory functions. Nothing here knows
what day it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Organisation(StrEnum):
    """The two organisations that run a contact course."""

    AKASSE = "akasse"
    JOBCENTER = "jobcenter"


class Insurance(StrEnum):
    """Full-time or part-time insured (fuldtids-/deltidsforsikret): sets the hour thresholds (R2, R3)."""

    FULLTIME = "fuldtid"
    PARTTIME = "deltid"


class HourKind(StrEnum):
    """What an hour registration counts: benefit hours, or hours in a wage-subsidy job (R3)."""

    DAGPENGE = "dagpenge"
    LOENTILSKUD = "loentilskud"


class InterviewKind(StrEnum):
    """Individual job interview, joint interview (jobcenter holds it, a-kasse takes part), availability interview,
    and the CV interview of a course under the old rules (R28, guidance 15.3; abolished as a kind of its own by
    the new rules, guidance 13.1)."""

    JOBSAMTALE = "jobsamtale"
    FAELLESSAMTALE = "faellessamtale"
    RAADIGHEDSSAMTALE = "raadighedssamtale"
    CVSAMTALE = "cvsamtale"


class Format(StrEnum):
    """Samtaleform (R15–R18): in person, by phone, or by video (personligt digitalt fremmøde)."""

    PERSONLIGT = "personligt_fremmoede"
    TELEFONISK = "telefonisk"
    VIDEO = "personligt_digitalt_fremmoede"


class InterviewStatus(StrEnum):
    """Only HELD counts towards an obligation (LAB § 31, stk. 1)."""

    BOOKED = "booket"
    HELD = "afholdt"
    MISSED = "udeblevet"
    CANCELLED = "aflyst"


class BookedBy(StrEnum):
    """Self-booked by the person, or called in by the organisation (R19–R21)."""

    SELF = "selvbooking"
    CALLED_IN = "indkaldelse"


class AkasseParticipation(StrEnum):
    """How the a-kasse takes part in a joint interview (R10, R12, R18)."""

    NONE = "deltager_ikke"
    VIDEO = "video"
    IN_PERSON = "fremmoede"


class ExemptionGround(StrEnum):
    """The grounds for reduced effort, LAB § 106, stk. 1, nr. 1–4 (R26)."""

    NR1_JOB_LEAVE_OR_PENSION = "nr1"
    NR2_WEATHER_OR_MATERIALS = "nr2"
    NR3_WORK_SHARING = "nr3"
    NR4_EDUCATION = "nr4"


class DecisionKind(StrEnum):
    """Decisions and registrations that change what a person may do."""

    REVOKE_SELF_BOOKING = "fratagelse_selvbooking"  # R23: an afgørelse
    RESTORE_SELF_BOOKING = "genoptagelse_selvbooking"  # R23: the right given back
    EXEMPT_FROM_SELF_BOOKING = "fritagelse_selvbooking"  # not the person's fault; no afgørelse against them
    LIFT_SELF_BOOKING_EXEMPTION = "ophaev_fritagelse_selvbooking"


@dataclass(frozen=True)
class HourEntry:
    """One registration in the hour ledger (R2, R3): registered on a day, for a period, so many hours."""

    registered_on: date
    period_start: date
    period_end: date
    hours: Decimal
    kind: HourKind = HourKind.DAGPENGE


@dataclass(frozen=True)
class Interview:
    """An interview of the course; ``start``/``end`` are timezone-aware instants."""

    id: str
    kind: InterviewKind
    organisation: Organisation
    start: datetime
    end: datetime
    format: Format
    status: InterviewStatus = InterviewStatus.BOOKED
    booked_by: BookedBy = BookedBy.SELF
    akasse_participation: AkasseParticipation | None = None  # joint interviews only
    format_raised: bool = False  # a caseworker raised it to in person (R17)
    control_action_id: str | None = None  # the control action this interview answers (R25)
    booked_on: datetime | None = None  # when it was booked or last rebooked (R23 signals)
    rebooked_count: int = 0


@dataclass(frozen=True)
class Exemption:
    """Reduced effort (R26): exempt from ``starts_on`` up to and including ``ends_on``.

    ``event_on`` is the documented day the job, leave, pension or education starts (nr. 1, nr. 4) or the
    work-sharing scheme began (nr. 3); ``not_covered_on`` is set when the organisation decided the person is
    not covered after all (LAB § 106, stk. 3).
    """

    id: str
    ground: ExemptionGround
    starts_on: date
    ends_on: date | None = None
    event_on: date | None = None
    not_covered_on: date | None = None


@dataclass(frozen=True)
class ControlAction:
    """Another authority's control action (R25), received on a day; ``stay_abroad`` starts the 14-day series."""

    id: str
    received_on: date
    stay_abroad: bool = False


@dataclass(frozen=True)
class Decision:
    """A decision or registration about self-booking, made on a day by an organisation, with its reason."""

    kind: DecisionKind
    made_on: date
    organisation: Organisation
    reason: str = ""


@dataclass(frozen=True)
class Course:
    """One contact course: one person in one benefit period (R5).

    ``registered_on`` is the registration as jobseeker (day 0 of the 2-week deadlines), ``placed_on`` the
    placement in the benefit period (the start of *sammenlagt ledighed*, R3). ``referred_r4_on`` is the day the
    a-kasse referred the person to the jobcenter under R4. ``repatriation`` is true when the person is covered
    by the repatriation act and has had a residence permit for up to 5 years (R13). ``old_rules`` is true for a
    course that began under the rules before 1 January 2024 (R28). ``faellessamtale_r10_selvbooking`` and
    ``faellessamtale_r12_selvbooking`` are the jobcenter's choices per kind of joint interview (R21): the first
    jobcenter interview held jointly (R10) and the 16-month interview (R12), self-booked (True) or called in
    (False).
    """

    registered_on: date
    placed_on: date
    insurance: Insurance
    birth_date: date
    vocational_qualification: bool = False
    custody_of_children_at_home: bool = False
    hours: tuple[HourEntry, ...] = ()
    referred_r4_on: date | None = None
    exemptions: tuple[Exemption, ...] = ()
    control_actions: tuple[ControlAction, ...] = ()
    repatriation: bool = False
    old_rules: bool = False
    interviews: tuple[Interview, ...] = ()
    decisions: tuple[Decision, ...] = field(default=())
    faellessamtale_r10_selvbooking: bool = True
    faellessamtale_r12_selvbooking: bool = True
