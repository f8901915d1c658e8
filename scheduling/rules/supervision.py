"""STAR's supervision of a-kasser (R27): the share of members without 3 a-kasse interviews at 3 months.

Pure arithmetic over facts the a-kasse's statistics supply; the portal only shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from scheduling import parameters as P
from scheduling.course import Course, InterviewKind, Organisation
from scheduling.evaluation import Evaluation
from scheduling.rules.facts import (
    end_of_month,
    exemption_window,
    held,
    in_r4_group,
    local_date,
    old_rules,
    shift,
)
from scheduling.rules.responsibility import registered_handover, registered_months_on


@dataclass(frozen=True)
class MemberFacts:
    """One member on benefit who has reached 3 months of unemployment, and their a-kasse job interviews held by
    then; ``held_late`` are those held after the 3 months, which never count (issue 12: *holdt for sent*)."""

    akasse_interviews_held: int
    held_late: int = 0


def member_facts(evaluation: Evaluation) -> MemberFacts | None:
    """A course's facts for the supervision, from its R7 obligation (the a-kasse's 3 interviews in the first 3
    months): only the interviews held by the hand-over count. None for a course the a-kasse does not run (the
    R4 group, the old rules)."""
    r7 = next((o for o in evaluation.obligations if o.rule == "R7"), None)
    if r7 is None:
        return None
    return MemberFacts(r7.held, r7.held_late)


@dataclass(frozen=True)
class SupervisionResult:
    members: int
    without_three: int
    share: Decimal
    deficient: bool  # over 20 %


def supervise(members: Sequence[MemberFacts], on: date) -> SupervisionResult:
    """The share of members without at least 3 a-kasse job interviews held by the 3 months (one held late does
    not count), and whether it exceeds 20 %."""
    required = P.SUPERVISION_INTERVIEWS.on(on)
    without = sum(1 for m in members if m.akasse_interviews_held < required)
    share = Decimal(without) / Decimal(len(members)) if members else Decimal(0)
    return SupervisionResult(len(members), without, share, share > P.SUPERVISION_SHARE_LIMIT.on(on))


def star_contacts(monthly: Sequence[SupervisionResult], on: date) -> bool:
    """STAR contacts the a-kasse when the latest 6 months in a row were all deficient (over 20 %)."""
    months = P.SUPERVISION_MONTHS_IN_A_ROW.on(on)
    return len(monthly) >= months and all(r.deficient for r in monthly[-months:])


# ---- who is counted, and when (issue 17): the reference for the SQL in scheduling.adapters.supervision ----------


@dataclass(frozen=True)
class Counted:
    """A course counted in the supervision: the day it reached the point (R7's deadline, the hand-over, for the
    a-kasse; R8's or R9's, 6 months of unemployment, for the jobcenter), the interviews that count held by then,
    those held late (at most what was missing), and whether the requirement was met."""

    reached_on: date
    held_in_time: int
    held_late: int
    required: int

    @property
    def met(self) -> bool:
        return self.held_in_time >= self.required


def exempt_whole_month(course: Course, last: date) -> bool:
    """An exemption (R26) was in force on every day of a calendar month from the registration to ``last``."""
    for exemption in course.exemptions:
        start, end = exemption_window(exemption)
        begin = max(start, course.registered_on)
        month = shift(end_of_month(shift(begin, -1)), 1)  # the first day of a month on or after ``begin``
        if end_of_month(month) <= last and (end is None or end_of_month(month) <= end):
            return True
    return False


def counted(course: Course, evaluation: Evaluation, kind: Organisation) -> Counted | None:
    """The course as the supervision of ``kind`` counts it, from the rules core's evaluation, or None.

    The a-kasse: R7 (3 individual job interviews held by the hand-over, the jobcenter's too; R27, AFL § 88). The
    jobcenter: R8 (3 after the hand-over) or, for the R4 group, R9 (6), by 6 months. Counted in the month of
    that deadline once the hour ledger has reached it (a projected deadline is not counted). Left out: a course
    under the old rules (R28), the R4 group for the a-kasse (it has no R7), and a person exempt (R26) for a
    whole calendar month between the registration and the deadline.
    """
    if old_rules(course):
        return None
    rule = "R7" if kind is Organisation.AKASSE else "R9" if in_r4_group(course) else "R8"
    obligation = next((o for o in evaluation.obligations if o.rule == rule), None)
    if obligation is None or obligation.due is None or obligation.due_projected:
        return None
    if exempt_whole_month(course, obligation.due):
        return None
    return Counted(obligation.due, obligation.held, obligation.held_late, obligation.required)


@dataclass(frozen=True)
class Milestones:
    """The days of a course the supervision counts from, as the hour ledger has registered them (a projected day
    is None), whether an exemption (R26) was in force for a whole calendar month before each, and the held
    interviews the supervision counts against each: what the supervision's SQL reads per course instead of
    summing the ledger and counting the interviews (``course_milestones``, kept by
    :mod:`scheduling.adapters.milestones` in the same transaction as every change to the course's facts or to a
    held interview).

    The counts are those of :func:`scheduling.rules.obligations.obligations` for R7, R8 and R9 (by the Danish day
    of each held interview; 0 while the days they count from are not registered). Held late are all held after
    the day, not capped at what was missing (the report caps them, as the obligation does)."""

    handover_on: date | None  # R2: the a-kasse's last day, once the 410th/333rd benefit hour is registered
    six_months_on: date | None  # R3: 6 months of sammenlagt ledighed (R8's and R9's deadline), once registered
    exempt_by_handover: bool  # exempt_whole_month(course, handover_on); False without the day
    exempt_by_six_months: bool  # exempt_whole_month(course, six_months_on); False without the day
    akasse_held_in_time: int  # R7: individual job interviews held by the hand-over, the jobcenter's too
    akasse_held_late: int  # R7: the a-kasse's own individual job interviews held after the hand-over
    r8_held_in_time: int  # R8: the jobcenter's job interviews held after the hand-over and by the 6-month day
    r8_held_late: int  # R8: the jobcenter's held after the later of the two
    r9_held_in_time: int  # R9 (the R4 group): the jobcenter's job interviews held by the 6-month day
    r9_held_late: int  # R9: the jobcenter's held after it


def _between(days: list[date], after: date | None, until: date | None) -> int:
    """How many of ``days`` lie after ``after`` (None: from the start) and up to ``until`` (None: ever after)."""
    return sum(1 for d in days if (after is None or d > after) and (until is None or d <= until))


def milestones(course: Course) -> Milestones:
    """The course's :class:`Milestones` from every registration its ledger holds (the hand-over of
    :func:`scheduling.rules.responsibility.handover` and the 6-month day of
    :func:`~scheduling.rules.responsibility.unemployed_months_on` when registered, not projected) and its held
    interviews. Reads only the registration, placement, insurance, hour ledger, exemptions and the held
    interviews (the others may be left out)."""
    handover_on = registered_handover(course, date.max)
    six_on = registered_months_on(course, date.max, P.FIRST_PERIOD_MONTHS.on(course.registered_on))
    interviews = [(local_date(i.start), i) for i in held(course)]
    individual = [(d, i) for d, i in interviews if i.kind is InterviewKind.JOBSAMTALE]
    akasse_own = [d for d, i in individual if i.organisation is Organisation.AKASSE]
    jobcenter = [d for d, i in interviews if i.organisation is Organisation.JOBCENTER]
    akasse_in_time = akasse_late = r8_in_time = r8_late = r9_in_time = r9_late = 0
    if handover_on is not None:
        akasse_in_time = _between([d for d, _ in individual], None, handover_on)
        akasse_late = _between(akasse_own, handover_on, None)
    if six_on is not None:
        r9_in_time, r9_late = _between(jobcenter, None, six_on), _between(jobcenter, six_on, None)
        if handover_on is not None:
            r8_in_time = _between(jobcenter, handover_on, six_on)
            r8_late = _between(jobcenter, max(handover_on, six_on), None)
    return Milestones(
        handover_on,
        six_on,
        handover_on is not None and exempt_whole_month(course, handover_on),
        six_on is not None and exempt_whole_month(course, six_on),
        akasse_in_time, akasse_late, r8_in_time, r8_late, r9_in_time, r9_late,
    )


def months_in_a_row(monthly: Sequence[SupervisionResult]) -> list[int]:
    """For each month in order, how many months in a row up to and including it were deficient (over 20 %)."""
    rows: list[int] = []
    for result in monthly:
        rows.append(rows[-1] + 1 if rows and result.deficient else (1 if result.deficient else 0))
    return rows


def month_result(counted_people: int, without: int, on: date) -> SupervisionResult:
    """The month's share without the interviews required, and whether it exceeds 20 % (as :func:`supervise`)."""
    share = Decimal(without) / Decimal(counted_people) if counted_people else Decimal(0)
    return SupervisionResult(counted_people, without, share, share > P.SUPERVISION_SHARE_LIMIT.on(on))
