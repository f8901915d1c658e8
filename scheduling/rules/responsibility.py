"""Who runs the course (R1–R5): the a-kasse until the hand-over, the jobcenter after; hours of unemployment (R3).

Only hour registrations made on or before the day of evaluation are known on that day. Until the threshold is
registered, the hand-over date is a projection and is said to be one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from scheduling import parameters as P
from scheduling.course import Course, HourEntry, HourKind, Insurance, Organisation
from scheduling.evaluation import Responsibility
from scheduling.reasons import N_
from scheduling.rules.catalogue import reason
from scheduling.rules.facts import add_months, end_of_month, in_r4_group, old_rules, referred_r4, shift
from scheduling.rules.memo import per_answer


@dataclass(frozen=True)
class Moment:
    """A day derived from the hour ledger: actual when registered, else projected (R3)."""

    day: date
    projected: bool


def _fulltime(course: Course) -> bool:
    return course.insurance is Insurance.FULLTIME


def handover_hours(course: Course) -> Decimal:
    """410 hours full-time, 333 part-time (BAB § 7, stk. 2)."""
    param = P.HANDOVER_HOURS_FULLTIME if _fulltime(course) else P.HANDOVER_HOURS_PARTTIME
    return param.on(course.registered_on)


def hours_per_month(course: Course) -> Decimal:
    """160.33 hours full-time, 130 part-time (BAB § 7, stk. 3)."""
    param = P.HOURS_PER_MONTH_FULLTIME if _fulltime(course) else P.HOURS_PER_MONTH_PARTTIME
    return param.on(course.registered_on)


def hours_per_week(course: Course) -> Decimal:
    """37 hours full-time, 30 part-time (BAB § 7, stk. 3)."""
    param = P.HOURS_PER_WEEK_FULLTIME if _fulltime(course) else P.HOURS_PER_WEEK_PARTTIME
    return param.on(course.registered_on)


@per_answer
def known_entries(course: Course, on: date, kinds: frozenset[HourKind]) -> tuple[HourEntry, ...]:
    """Hour registrations of these kinds in this benefit period made by ``on``, in registration order.

    R5: a course is one benefit period, and the count starts again with a new placement (BAB § 7, stk. 4), so a
    registration for a period that ended before ``placed_on`` counts neither for the hand-over (R2) nor for
    sammenlagt ledighed (R3), even when the ledger still holds it.
    """
    return tuple(
        sorted(
            (
                e
                for e in course.hours
                if e.kind in kinds and e.registered_on <= on and e.period_end >= course.placed_on
            ),
            key=lambda e: (e.registered_on, e.period_end),
        )
    )


DAGPENGE = frozenset({HourKind.DAGPENGE})
SAMMENLAGT = frozenset({HourKind.DAGPENGE, HourKind.LOENTILSKUD})


def _registration_lag(on: date) -> int:
    return P.PROJECTION_REGISTRATION_LAG_MONTHS.on(on)


def registered_handover(course: Course, on: date) -> date | None:
    """The hand-over day (R2) once the ledger has registered it by ``on``: the end of the month in which the
    410th/333rd benefit hour was registered (not before the end of the month of registration); None while it is
    not registered."""
    threshold = handover_hours(course)
    total = Decimal(0)
    for entry in known_entries(course, on, DAGPENGE):
        total += entry.hours
        if total >= threshold:
            return max(end_of_month(course.registered_on), end_of_month(entry.registered_on))
    return None


@per_answer
def handover(course: Course, on: date) -> Moment:
    """The a-kasse's last day (R2): the end of the month in which the 410th/333rd benefit hour was registered.

    While the threshold is not registered, projected (R3, :func:`projected_day`): the day the projection reaches
    the threshold, registered the month after.
    """
    registered = registered_handover(course, on)
    if registered is not None:
        return Moment(registered, projected=False)
    floor = end_of_month(course.registered_on)
    threshold = handover_hours(course)
    reached = projected_day(course, on, DAGPENGE, threshold)
    return Moment(max(floor, end_of_month(on), end_of_month(add_months(reached, _registration_lag(on)))), projected=True)


@per_answer
def unemployed_months_on(course: Course, on: date, months: int) -> Moment:
    """The day sammenlagt ledighed (benefit + wage-subsidy hours from placement) reaches ``months`` months (R3).

    Actual when the registered periods reach it, else projected exactly like the hand-over
    (:func:`projected_day`), so that a projected 6- or 16-month day never comes before a projected hand-over.
    """
    registered = registered_months_on(course, on, months)
    if registered is not None:
        return Moment(registered, projected=False)
    return Moment(projected_day(course, on, SAMMENLAGT, hours_per_month(course) * months), projected=True)


def registered_months_on(course: Course, on: date, months: int) -> date | None:
    """The day the periods registered by ``on`` reach ``months`` months of sammenlagt ledighed (R3): within the
    period that crosses the threshold, its share of the period's days; None while they do not reach it."""
    threshold = hours_per_month(course) * months
    total = Decimal(0)
    for entry in sorted(known_entries(course, on, SAMMENLAGT), key=lambda e: e.period_start):
        if total + entry.hours >= threshold:
            days = (entry.period_end - entry.period_start).days + 1
            share = (threshold - total) / entry.hours if entry.hours else Decimal(1)
            offset = max(0, math.ceil(share * days) - 1)
            return shift(entry.period_start, offset)
        total += entry.hours
    return None


def _days_for(course: Course, remaining: Decimal) -> int:
    """Calendar days of unemployment at 37/30 hours a week (BAB § 7, stk. 3) that make ``remaining`` hours."""
    return math.ceil(max(Decimal(0), remaining) / (hours_per_week(course) / 7))


@per_answer
def projection_start(course: Course, on: date) -> date:
    """The first day of the unemployment the projection assumes (R3): one start for every projected date.

    From the day after the last period registered in this benefit period (of any kind: wage-subsidy hours are
    sammenlagt ledighed too), or from the placement. While the 410th/333rd benefit hour is not registered, the
    a-kasse is responsible at least to the end of this month and the projected threshold hour cannot lie in a
    month whose hours would already have been registered (``projection_registration_lag_months``): if the
    ledger is that far behind, the assumed unemployment starts that much later, for the hand-over and for the
    6- and 16-month days alike. So a projected 6-month day never comes before a projected hand-over.
    """
    entries = known_entries(course, on, SAMMENLAGT)
    start = shift(max((e.period_end for e in entries), default=shift(course.placed_on, -1)), 1)
    benefit = sum((e.hours for e in entries if e.kind is HourKind.DAGPENGE), Decimal(0))
    remaining = handover_hours(course) - benefit
    if remaining > 0:
        earliest = add_months(on, -_registration_lag(on)).replace(day=1)  # the threshold hour lies here or later
        start = max(start, shift(earliest, -(_days_for(course, remaining) - 1)))
    return max(start, course.placed_on)


def projected_day(course: Course, on: date, kinds: frozenset[HourKind], threshold: Decimal) -> date:
    """The day ``threshold`` hours of ``kinds`` are reached: registered hours, then 37/30 hours a week (R3)."""
    total = sum((e.hours for e in known_entries(course, on, kinds)), Decimal(0))
    return shift(projection_start(course, on), max(0, _days_for(course, threshold - total) - 1))


@per_answer
def responsible_on(course: Course, on: date, day: date | None = None) -> Organisation:
    """The organisation responsible on ``day`` (default ``on``), as known on ``on`` (R1, R2, R4, R28)."""
    day = on if day is None else day
    if old_rules(course) or referred_r4(course, day):
        return Organisation.JOBCENTER
    if r4_pending(course, on):
        # R4: the jobcenter takes over from the referral, projected on its deadline, not from the 410-hour month end
        return Organisation.AKASSE if day <= r4_akasse_until(course, on) else Organisation.JOBCENTER
    return Organisation.AKASSE if day <= handover(course, on).day else Organisation.JOBCENTER


def responsibility(course: Course, on: date) -> Responsibility:
    """Who runs the course on ``on`` and until when the a-kasse does, with the reason (R1–R4, R28)."""
    if old_rules(course):
        return Responsibility(
            Organisation.JOBCENTER,
            None,
            False,
            reason(
                "R28",
                N_("Dit forløb begyndte før 1. januar 2024. Derfor følger det de gamle regler, og jobcentret har ansvaret."),
            ),
        )
    if referred_r4(course, on):
        return Responsibility(
            Organisation.JOBCENTER,
            None,
            False,
            reason(
                "R4",
                N_("Da du meldte dig ledig, var du under %(age)s år og havde ingen erhvervsuddannelse. Derfor har jobcentret ansvaret for hele dit forløb fra %(day)s."),
                {"day": course.referred_r4_on or on, "age": P.R4_AGE_LIMIT.on(course.registered_on)},
            ),
        )
    if r4_pending(course, on):
        due = r4_referral_due(course)
        message = (
            N_("Din a-kasse sender dig videre til jobcentret senest %(day)s. Fra da har jobcentret ansvaret for dine jobsamtaler, og du booker dem hos jobcentret.")
            if on <= due
            else N_("Din a-kasse skulle have sendt dig videre til jobcentret senest %(day)s og gør det snarest. Fra da har jobcentret ansvaret for dine jobsamtaler, og du booker dem hos jobcentret.")
        )
        return Responsibility(
            Organisation.AKASSE,
            r4_akasse_until(course, on),
            True,
            reason("R4", message, {"day": due}),
        )
    moment = handover(course, on)
    if on <= moment.day:
        if moment.projected:
            message = N_("Din a-kasse har ansvaret for dine jobsamtaler. Vi forventer, at jobcentret overtager efter %(day)s. Datoen er et skøn og kan ændre sig.")
        else:
            message = N_("Din a-kasse har ansvaret for dine jobsamtaler til og med %(day)s. Derefter overtager jobcentret.")
        return Responsibility(
            Organisation.AKASSE,
            moment.day,
            moment.projected,
            reason("R2", message, {"day": moment.day}, also=("R1",)),
        )
    return Responsibility(
        Organisation.JOBCENTER,
        moment.day,
        False,
        reason(
            "R1",
            N_("Jobcentret har ansvaret for dine jobsamtaler. Din a-kasse havde ansvaret til og med %(day)s."),
            {"day": moment.day},
            also=("R2",),
        ),
    )


def r4_referral_due(course: Course) -> date:
    """The day by which the a-kasse must refer an R4 person to the jobcenter: registration + 14 days."""
    return shift(course.registered_on, P.R4_REFERRAL_DAYS.on(course.registered_on))


def r4_pending(course: Course, on: date) -> bool:
    """The person is in the R4 group, under the new rules, and not yet referred."""
    return in_r4_group(course) and not old_rules(course) and not referred_r4(course, on)


def r4_akasse_until(course: Course, on: date) -> date:
    """R4 before the referral: the a-kasse's projected last day, the day before the referral deadline (the
    jobcenter is responsible from the referral, LAB § 27, stk. 3), or today while the referral is late."""
    return max(on, shift(r4_referral_due(course), -1))
