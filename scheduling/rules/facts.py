"""Small derived facts several rules share: local dates, the first interview, ages, exemptions, self-booking state.

Each is defined once here so that every rule asks the same question the same way.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduling import parameters as P
from scheduling.course import (
    Course,
    Decision,
    DecisionKind,
    Exemption,
    ExemptionGround,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from scheduling.rules.memo import per_answer

DANISH_TIME = ZoneInfo("Europe/Copenhagen")

# the interviews of the contact course; the CV interview only in a course under the old rules (R28)
JOB_INTERVIEW_KINDS = frozenset({InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE, InterviewKind.CVSAMTALE})
LIVE_STATUSES = frozenset({InterviewStatus.BOOKED, InterviewStatus.HELD})


def local_date(instant: datetime) -> date:
    """The Danish calendar day of an aware instant (a naive one is taken as Danish time).

    At the very ends of the calendar (1 January of year 1, 31 December 9999) the instant's own day, where the
    Danish one does not exist."""
    if instant.tzinfo is None:
        return instant.date()
    try:
        return instant.astimezone(DANISH_TIME).date()
    except OverflowError:
        return instant.date()


# Facts are stored as they were entered, and the edge only refuses far-off dates since issue 9: a fact already
# stored with 1 January of year 1 or 31 December 9999 must still evaluate (evaluation never raises). So the
# rules move days with these, which stop at the first or last day Python knows instead of overflowing.


_MAX_ORDINAL = date.max.toordinal()


def shift(day: date, days: int = 0, *, weeks: int = 0) -> date:
    """``day`` moved by ``days`` and ``weeks`` (negative: back), held at ``date.min``/``date.max``."""
    if type(day) is date:  # by day numbers: building a timedelta costs more than the rest of the shift
        ordinal = day.toordinal() + days + 7 * weeks
        if ordinal < 1:
            return date.min
        return date.max if ordinal > _MAX_ORDINAL else date.fromordinal(ordinal)
    try:
        return day + timedelta(days=days, weeks=weeks)
    except OverflowError:
        return date.max if days + 7 * weeks > 0 else date.min


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` without its weekday (two calls fewer; equal by test)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month]


def end_of_month(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=days_in_month(day.year, day.month))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb), and held at
    ``date.min``/``date.max`` like :func:`shift`."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    return day.replace(year=year, month=month, day=min(day.day, days_in_month(year, month)))


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def is_job_interview(interview: Interview) -> bool:
    """A job interview of the contact course; availability interviews are not (R24)."""
    return interview.kind in JOB_INTERVIEW_KINDS


@per_answer
def job_interviews(course: Course) -> tuple[Interview, ...]:
    """The course's job interviews that are held or still booked, earliest first."""
    return tuple(
        sorted(
            (i for i in course.interviews if is_job_interview(i) and i.status in LIVE_STATUSES),
            key=lambda i: i.start,
        )
    )


def first_interview(course: Course) -> Interview | None:
    """The first job interview of the course (R15): the earliest held or booked jobsamtale/fællessamtale.

    Cancelled and missed interviews do not count — the first interview actually to take place must be in person.
    ``None`` means that the next one booked will be the first.
    """
    live = job_interviews(course)
    return live[0] if live else None


def is_first_interview(course: Course, interview: Interview) -> bool:
    """True when ``interview`` is (or, booked now, would become) the first interview of the course."""
    first = first_interview(course)
    return first is None or first.id == interview.id or interview.start < first.start


def would_be_first(course: Course, start: datetime) -> bool:
    """True when an interview booked to begin at ``start`` would be the first interview of the course."""
    first = first_interview(course)
    return first is None or start < first.start


def held(course: Course) -> list[Interview]:
    """Held job interviews, earliest first: only these count towards obligations (LAB § 31, stk. 1)."""
    return [i for i in job_interviews(course) if i.status is InterviewStatus.HELD]


@per_answer
def in_r4_group(course: Course) -> bool:
    """R4: under 25 on registration, no vocational qualification, no custody of children at home — all three."""
    return (
        age_on(course.birth_date, course.registered_on) < P.R4_AGE_LIMIT.on(course.registered_on)
        and not course.vocational_qualification
        and not course.custody_of_children_at_home
    )


def referred_r4(course: Course, on: date) -> bool:
    """The a-kasse has referred the person to the jobcenter under R4 by ``on``."""
    return course.referred_r4_on is not None and course.referred_r4_on <= on


def old_rules(course: Course) -> bool:
    """R28: a course begun under the old rules (registered by the IT cut-off), else the new rules apply."""
    return course.old_rules and course.registered_on <= P.OLD_RULES_REGISTERED_BY.on(course.registered_on)


def exemption_window(exemption: Exemption) -> tuple[date, date | None]:
    """The days an exemption is in force (R26), from its registration and its ground's time limits."""
    start, end = exemption.starts_on, exemption.ends_on
    if exemption.ground is ExemptionGround.NR3_WORK_SHARING:
        # exempt only in the first 6 weeks of the work-sharing scheme, counted from the day the person is covered
        # by it (LAB § 106, stk. 2; guidance 7.1), so it always ends (work_sharing_joined_on)
        joined = work_sharing_joined_on(exemption)
        limit = shift(joined, -1, weeks=P.WORK_SHARING_WEEKS.on(joined))
        end = limit if end is None else min(end, limit)
    elif exemption.event_on is not None and exemption.ground in (
        ExemptionGround.NR1_JOB_LEAVE_OR_PENSION,
        ExemptionGround.NR4_EDUCATION,
    ):
        # exempt while the documented start lies within the next 6 weeks, until it begins
        earliest = shift(exemption.event_on, weeks=-P.EXEMPTION_WEEKS.on(exemption.event_on))
        start = max(start, earliest)
        limit = shift(exemption.event_on, -1)
        end = limit if end is None else min(end, limit)
    if exemption.not_covered_on is not None:
        limit = shift(exemption.not_covered_on, -1)
        end = limit if end is None else min(end, limit)
    return start, end


def work_sharing_joined_on(exemption: Exemption) -> date:
    """R26 nr. 3: the day the person joined the work-sharing scheme. Required since issue 12; an exemption stored
    without it is taken to have joined on its registered start (``starts_on``), so it ends 6 weeks after that
    (docs/course-json.md; the caseworker's page says so)."""
    return exemption.event_on if exemption.event_on is not None else exemption.starts_on


@per_answer
def exemption_in_force(course: Course, on: date) -> Exemption | None:
    """The exemption (reduced effort, R26) in force on ``on``, if any."""
    for exemption in course.exemptions:
        start, end = exemption_window(exemption)
        if start <= on and (end is None or on <= end):
            return exemption
    return None


@per_answer
def self_booking_decisions(course: Course, on: date) -> tuple[Decision | None, Decision | None]:
    """The revocation (R23) and the exemption from self-booking in force by their own decisions on ``on``.

    A revocation lasts until a later restore; an exemption from self-booking until it is lifted. Whether the
    revocation still governs is :func:`self_booking_block`'s question (its reach, :func:`lapsed_revocation`).
    """
    revoked: Decision | None = None
    exempt: Decision | None = None
    for decision in sorted(course.decisions, key=lambda d: d.made_on):
        if decision.made_on > on:
            break
        if decision.kind is DecisionKind.REVOKE_SELF_BOOKING:
            revoked = decision
        elif decision.kind is DecisionKind.RESTORE_SELF_BOOKING:
            revoked = None
        elif decision.kind is DecisionKind.EXEMPT_FROM_SELF_BOOKING:
            exempt = decision
        elif decision.kind is DecisionKind.LIFT_SELF_BOOKING_EXEMPTION:
            exempt = None
    return revoked, exempt


@per_answer
def lapsed_revocation(course: Course, on: date) -> Decision | None:
    """R23: a revocation not given back, made by an organisation that is no longer responsible on ``on``.

    Each organisation revokes for the interviews it is responsible for (LAB § 35; guidance 4.2: the a-kasse "i de
    første 3 måneder", the jobcenter after that), so from the hand-over (or the R4 referral) the a-kasse's
    revocation no longer governs the jobcenter's interviews. It stays a fact for the jobcenter's own assessment
    until the jobcenter decides itself (revokes, or gives the right back).
    """
    # imported here: the responsibility rules are built on these facts
    from scheduling.rules.responsibility import responsible_on

    revoked = self_booking_decisions(course, on)[0]
    if revoked is None or revoked.organisation is responsible_on(course, on):
        return None
    return revoked


@per_answer
def self_booking_block(course: Course, on: date) -> DecisionKind | None:
    """REVOKE or EXEMPT_FROM_SELF_BOOKING when that decision is in force on ``on`` (R23), else ``None``.

    A revocation lasts until a later restore, and governs only while its organisation is responsible
    (:func:`lapsed_revocation`); an exemption from self-booking lasts until it is lifted.
    """
    revoked, exempt = self_booking_decisions(course, on)
    if revoked is not None and lapsed_revocation(course, on) is None:
        return DecisionKind.REVOKE_SELF_BOOKING
    return DecisionKind.EXEMPT_FROM_SELF_BOOKING if exempt is not None else None
