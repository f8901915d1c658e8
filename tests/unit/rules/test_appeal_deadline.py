"""The last day to complain about an afgørelse (R23; R26's afgørelse under LAB § 106, stk. 3): the complaint period
from the law (retssikkerhedsloven § 59 b; LAB § 207, stk. 2 og 3) counted in calendar days from the day the letter
is available to the person."""

from __future__ import annotations

from datetime import date, timedelta

from scheduling import parameters as P
from scheduling.rules.caseworker import appeal_deadline


def test_R23_the_complaint_period_is_a_parameter_of_the_law_with_its_rule():
    assert P.APPEAL_WEEKS.rule == "R23" and P.APPEAL_WEEKS.legal
    assert "retssikkerhedsloven § 59 b" in P.APPEAL_WEEKS.basis and "LAB § 207" in P.APPEAL_WEEKS.basis


def test_R23_the_last_day_to_complain_is_the_period_after_the_day_the_letter_is_available():
    available = date(2026, 11, 25)
    assert appeal_deadline(available) == date(2026, 12, 23)
    assert appeal_deadline(available) == available + timedelta(weeks=P.APPEAL_WEEKS.on(available))


def test_R23_the_deadline_is_counted_in_calendar_days_across_months_years_and_a_leap_day():
    assert appeal_deadline(date(2026, 12, 20)) == date(2027, 1, 17)
    assert appeal_deadline(date(2028, 2, 10)) == date(2028, 3, 9)  # 29 February 2028 counts


def test_R23_a_later_letter_has_a_later_deadline_day_for_day():
    first = date(2026, 1, 1)
    for offset in range(0, 400, 13):
        assert appeal_deadline(first + timedelta(days=offset)) - appeal_deadline(first) == timedelta(days=offset)
