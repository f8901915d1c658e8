"""Who runs the course (R1–R5): the a-kasse until the hand-over, the jobcenter after; hours of unemployment (R3).

Only hour registrations made on or before the day of evaluation are known on that day. Until the threshold is
registered, the hand-over date is a projection and is said to be one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from scheduling import parameters as P
from scheduling.course import Course, HourEntry, HourKind, Insurance, Organisation
from scheduling.evaluation import Responsibility
from scheduling.reasons import N_, Reason
from scheduling.rules.facts import add_months, end_of_month, in_r4_group, old_rules, referred_r4


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


def known_entries(course: Course, on: date, kinds: frozenset[HourKind]) -> list[HourEntry]:
    """Hour registrations of these kinds made by ``on``, in registration order."""
    return sorted(
        (e for e in course.hours if e.kind in kinds and e.registered_on <= on),
        key=lambda e: (e.registered_on, e.period_end),
    )


DAGPENGE = frozenset({HourKind.DAGPENGE})
SAMMENLAGT = frozenset({HourKind.DAGPENGE, HourKind.LOENTILSKUD})


def handover(course: Course, on: date) -> Moment:
    """The a-kasse's last day (R2): the end of the month in which the 410th/333rd benefit hour was registered.

    While the threshold is not registered, projected (R3): the threshold hour falls where 37/30 hours a week
    from the end of the last registered period reach it, and benefit is registered the month after.
    """
    threshold = handover_hours(course)
    total = Decimal(0)
    floor = end_of_month(course.registered_on)
    for entry in known_entries(course, on, DAGPENGE):
        total += entry.hours
        if total >= threshold:
            return Moment(max(floor, end_of_month(entry.registered_on)), projected=False)
    reached = _project(course, on, DAGPENGE, threshold, course.registered_on)
    lag = P.PROJECTION_REGISTRATION_LAG_MONTHS.on(on)
    return Moment(max(floor, end_of_month(on), end_of_month(add_months(reached, lag))), projected=True)


def unemployed_months_on(course: Course, on: date, months: int) -> Moment:
    """The day sammenlagt ledighed (benefit + wage-subsidy hours from placement) reaches ``months`` months (R3)."""
    threshold = hours_per_month(course) * months
    total = Decimal(0)
    for entry in sorted(known_entries(course, on, SAMMENLAGT), key=lambda e: e.period_start):
        if entry.period_end < course.placed_on:
            continue  # hours before this benefit period do not count (BAB § 7, stk. 4)
        if total + entry.hours >= threshold:
            days = (entry.period_end - entry.period_start).days + 1
            share = (threshold - total) / entry.hours if entry.hours else Decimal(1)
            offset = max(0, math.ceil(share * days) - 1)
            return Moment(entry.period_start + timedelta(days=offset), projected=False)
        total += entry.hours
    return Moment(_project(course, on, SAMMENLAGT, threshold, course.placed_on), projected=True)


def _project(course: Course, on: date, kinds: frozenset[HourKind], threshold: Decimal, start: date) -> date:
    """The day ``threshold`` hours are reached, assuming 37/30 hours a week after the last registered period."""
    entries = known_entries(course, on, kinds)
    total = sum((e.hours for e in entries), Decimal(0))
    last_end = max((e.period_end for e in entries), default=start - timedelta(days=1))
    remaining = max(Decimal(0), threshold - total)
    per_day = hours_per_week(course) / 7
    return last_end + timedelta(days=max(1, math.ceil(remaining / per_day)))


def responsible_on(course: Course, on: date, day: date | None = None) -> Organisation:
    """The organisation responsible on ``day`` (default ``on``), as known on ``on`` (R1, R2, R4, R28)."""
    day = on if day is None else day
    if old_rules(course) or referred_r4(course, day):
        return Organisation.JOBCENTER
    return Organisation.AKASSE if day <= handover(course, on).day else Organisation.JOBCENTER


def responsibility(course: Course, on: date) -> Responsibility:
    """Who runs the course on ``on`` and until when the a-kasse does, with the reason (R1–R4, R28)."""
    if old_rules(course):
        return Responsibility(
            Organisation.JOBCENTER,
            None,
            False,
            Reason(
                "R28",
                "Lov nr. 727/2023 § 5",
                N_("Dit forløb begyndte før 1. januar 2024. Derfor følger det de gamle regler, og jobcentret har ansvaret."),
            ),
        )
    if referred_r4(course, on):
        return Responsibility(
            Organisation.JOBCENTER,
            None,
            False,
            Reason(
                "R4",
                "LAB § 27, stk. 3",
                N_("Du er under 25 år og har ingen erhvervsuddannelse. Derfor har jobcentret ansvaret for hele dit forløb fra %(day)s."),
                {"day": course.referred_r4_on or on},
            ),
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
            Reason("R2", "LOB § 18 b; LAB § 27, stk. 1; BAB § 7, stk. 2", message, {"day": moment.day}),
        )
    return Responsibility(
        Organisation.JOBCENTER,
        moment.day,
        False,
        Reason(
            "R1",
            "LAB § 27, stk. 1 og 2; BAB § 7, stk. 2",
            N_("Jobcentret har ansvaret for dine jobsamtaler. Din a-kasse havde ansvaret til og med %(day)s."),
            {"day": moment.day},
        ),
    )


def r4_referral_due(course: Course) -> date:
    """The day by which the a-kasse must refer an R4 person to the jobcenter: registration + 14 days."""
    return course.registered_on + timedelta(days=P.R4_REFERRAL_DAYS.on(course.registered_on))


def r4_pending(course: Course, on: date) -> bool:
    """The person is in the R4 group, under the new rules, and not yet referred."""
    return in_r4_group(course) and not old_rules(course) and not referred_r4(course, on)
