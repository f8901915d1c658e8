"""R27 (issue 17): who the supervision counts, when, and the months in a row — the pure reference."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from scheduling.course import InterviewStatus, Organisation
from scheduling.evaluation import evaluate
from scheduling.rules.responsibility import unemployed_months_on
from scheduling.rules.supervision import (
    Counted,
    SupervisionResult,
    counted,
    exempt_whole_month,
    month_result,
    months_in_a_row,
)
from tests.unit.rules.factories import a_course, d, exemption, hours, interview

AS_OF = date(2099, 12, 31)
A, J = Organisation.AKASSE, Organisation.JOBCENTER


def _counted(course, kind=A):
    return counted(course, evaluate(course, AS_OF), kind)


def test_R27_R7_counted_at_the_registered_hand_over_with_what_was_held_by_then():
    course = a_course(hours=[hours("2026-03-10", 420, start="2026-01-05", end="2026-03-09")],
                      interviews=[interview("2026-01-12"), interview("2026-02-09"),
                                  interview("2026-03-09", status=InterviewStatus.BOOKED), interview("2026-04-07")])
    assert _counted(course) == Counted(d("2026-03-31"), 2, 1, 3)
    assert not _counted(course).met


def test_R27_a_projected_hand_over_is_not_counted_yet():
    assert _counted(a_course(hours=[hours("2026-02-03", 150)])) is None


def test_R27_R4_and_the_old_rules_are_not_counted_for_the_akasse():
    r4 = a_course(born="2004-06-01", vocational_qualification=False,
                  hours=[hours("2026-03-10", 420, start="2026-01-05", end="2026-03-09")])
    assert _counted(r4) is None
    old = a_course(registered="2023-11-06", old_rules=True,
                   hours=[hours("2024-01-10", 420, start="2023-11-06", end="2024-01-09")])
    assert _counted(old) is None and _counted(old, J) is None


def test_R27_R26_exempt_for_a_whole_calendar_month_between_registration_and_the_day_reached():
    course = a_course(exemptions=[exemption("2026-02-01", "2026-02-28")])
    assert exempt_whole_month(course, d("2026-03-31"))
    assert not exempt_whole_month(course, d("2026-02-27"))  # February has not ended by the day reached
    assert not exempt_whole_month(a_course(exemptions=[exemption("2026-02-02", "2026-02-28")]), d("2026-03-31"))
    assert not exempt_whole_month(a_course(exemptions=[exemption("2025-12-01", "2026-01-31")]), d("2026-03-31"))


def test_R27_a_share_of_exactly_20_percent_is_not_above_the_line():
    assert month_result(5, 1, d("2026-03-01")) == SupervisionResult(5, 1, Decimal("0.2"), False)
    assert month_result(0, 0, d("2026-03-01")) == SupervisionResult(0, 0, Decimal(0), False)
    assert month_result(4, 1, d("2026-03-01")).deficient


def test_R27_months_in_a_row_start_break_and_start_again():
    above, below = month_result(1, 1, d("2026-01-01")), month_result(1, 0, d("2026-01-01"))
    assert months_in_a_row([above, above, below, above, below, below, above]) == [1, 2, 0, 1, 0, 0, 1]
    assert months_in_a_row([]) == []


def test_R3_a_six_month_day_on_an_exact_whole_day_of_the_crossing_period():
    # 561.98 hours to the end of April, then 600 hours over the 30 days 1–30 May: the missing 400 hours are exactly
    # 20 days (2/3 of the period), so 6 × 160.33 hours are reached on 20 May, not 21 May
    course = a_course(registered="2026-01-01", hours=[
        hours("2026-05-02", "561.98", start="2026-01-01", end="2026-04-30"),
        hours("2026-06-02", 600, start="2026-05-01", end="2026-05-30"),
    ])
    moment = unemployed_months_on(course, AS_OF, 6)
    assert (moment.day, moment.projected) == (d("2026-05-20"), False)
