"""Numbers from the law as named, dated parameters with their legal basis (OpenFisca style).

A change in the law is a new dated value in ``values``, never an edited constant: ``P.on(day)`` answers with the
value in force on that day. Thresholds that are Selvbooking's own choice (not the law's) are kept here too, with
a basis that says so, so that nobody mistakes them for law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T", int, Decimal, date)

LAW_START = date(2024, 1, 1)  # lov nr. 727/2023 (the simplified contact course) in force
SELVBOOKING_CHOICE = "Selvbookings eget valg (ikke et lovkrav)"


@dataclass(frozen=True)
class Parameter(Generic[T]):
    """A named number with its legal basis and the dates from which each value applies (ascending)."""

    name: str
    basis: str
    values: tuple[tuple[date, T], ...]
    unit: str = ""

    def on(self, day: date) -> T:
        """The value in force on ``day``; before the first start date, the first value (the rules have no past)."""
        values = self.values
        current = values[0][1]
        if len(values) == 1:  # most parameters have had one value since the law began
            return current
        for start, value in values:
            if start <= day:
                current = value
        return current

    @property
    def legal(self) -> bool:
        """False for Selvbooking's own choices."""
        return self.basis != SELVBOOKING_CHOICE


def _p(name: str, basis: str, value: T, unit: str = "", start: date = LAW_START) -> Parameter[T]:
    return Parameter(name=name, basis=basis, values=((start, value),), unit=unit)


# R2 — the a-kasse's period ends with the month in which 410 / 333 hours are registered.
HANDOVER_HOURS_FULLTIME = _p("handover_hours_fulltime", "BAB § 7, stk. 2", Decimal("410"), "timer")
HANDOVER_HOURS_PARTTIME = _p("handover_hours_parttime", "BAB § 7, stk. 2", Decimal("333"), "timer")

# R3 — months and weeks as hours of sammenlagt ledighed.
HOURS_PER_MONTH_FULLTIME = _p("hours_per_month_fulltime", "BAB § 7, stk. 3", Decimal("160.33"), "timer")
HOURS_PER_MONTH_PARTTIME = _p("hours_per_month_parttime", "BAB § 7, stk. 3", Decimal("130"), "timer")
HOURS_PER_WEEK_FULLTIME = _p("hours_per_week_fulltime", "BAB § 7, stk. 3", Decimal("37"), "timer")
HOURS_PER_WEEK_PARTTIME = _p("hours_per_week_parttime", "BAB § 7, stk. 3", Decimal("30"), "timer")

# R4 — the education-injunction group.
R4_AGE_LIMIT = _p("r4_age_limit", "LAB § 27, stk. 3", 25, "år")
R4_REFERRAL_DAYS = _p("r4_referral_days", "LAB § 27, stk. 3", 14, "dage")

# R6–R9, R12 — interview obligations.
FIRST_INTERVIEW_DAYS = _p("first_interview_days", "LAB § 31, stk. 4", 14, "dage")
AKASSE_INTERVIEWS = _p("akasse_interviews", "LAB § 31, stk. 1, 1. pkt.", 3, "samtaler")
JOBCENTER_INTERVIEWS = _p("jobcenter_interviews", "LAB § 31, stk. 1, 2. pkt.", 3, "samtaler")
R4_JOBCENTER_INTERVIEWS = _p("r4_jobcenter_interviews", "LAB § 31, stk. 1, 3. pkt.", 6, "samtaler")
FIRST_PERIOD_MONTHS = _p("first_period_months", "LAB § 31, stk. 1, 2. pkt.", 6, "måneder")
INTENSIFIED_INTERVIEW_MONTHS = _p("intensified_interview_months", "LAB § 32, stk. 2", 16, "måneder")

# R13 — repatriation guidance for residence permits up to 5 years.
REPATRIATION_YEARS = _p("repatriation_years", "BAB § 43", 5, "år")

# R23 — appeal within 4 weeks.
APPEAL_WEEKS = _p("appeal_weeks", "Retssikkerhedsloven § 59 b; LAB § 207, stk. 2 og 3", 4, "uger")

# R25 — control actions.
CONTROL_ACTION_DAYS = _p("control_action_days", "LAB § 38, stk. 1", 7, "dage")
STAY_ABROAD_INTERVAL_DAYS = _p("stay_abroad_interval_days", "LAB § 38, stk. 2", 14, "dage")
STAY_ABROAD_SERIES_MONTHS = _p("stay_abroad_series_months", "LAB § 38, stk. 2", 3, "måneder")
STAY_ABROAD_OFFER_DAYS = _p("stay_abroad_offer_days", "LAB § 38, stk. 2", 14, "dage")

# R26 — reduced effort.
EXEMPTION_WEEKS = _p("exemption_weeks", "LAB § 106, stk. 1", 6, "uger")
WORK_SHARING_WEEKS = _p("work_sharing_weeks", "LAB § 106, stk. 2", 6, "uger")

# R27 — STAR's supervision of a-kasser.
SUPERVISION_MONTHS = _p("supervision_months", "Lov om arbejdsløshedsforsikring § 88", 3, "måneder")
SUPERVISION_INTERVIEWS = _p("supervision_interviews", "Lov om arbejdsløshedsforsikring § 88", 3, "samtaler")
SUPERVISION_SHARE_LIMIT = _p("supervision_share_limit", "Lov om arbejdsløshedsforsikring § 88", Decimal("0.20"))
SUPERVISION_MONTHS_IN_A_ROW = _p("supervision_months_in_a_row", "Lov om arbejdsløshedsforsikring § 88", 6, "måneder")

# R28 — courses begun under the old rules.
NEW_RULES_FROM = _p("new_rules_from", "Lov nr. 727/2023 § 5", LAW_START)
OLD_RULES_REGISTERED_BY = _p("old_rules_registered_by", "Lov nr. 727/2023 § 5", date(2023, 12, 31))
OLD_RULES_JOBCENTER_INTERVIEWS = _p("old_rules_jobcenter_interviews", "Lov nr. 727/2023 § 5", 4, "samtaler")
OLD_RULES_JOINT_INTERVIEWS = _p("old_rules_joint_interviews", "Lov nr. 727/2023 § 5", 2, "samtaler")
# the CV interview beside the four (guidance 15.3), the a-kasse's under the earlier rules (guidance 13.1)
OLD_RULES_CV_INTERVIEWS = _p("old_rules_cv_interviews", "Lov nr. 727/2023 § 5", 1, "samtaler")

# Selvbooking's own choices.
DUE_SOON_DAYS = _p("due_soon_days", SELVBOOKING_CHOICE, 7, "dage")
PROJECTION_REGISTRATION_LAG_MONTHS = _p("projection_registration_lag_months", SELVBOOKING_CHOICE, 1, "måneder")
SIGNAL_OPEN_BOOKINGS = _p("signal_open_bookings", SELVBOOKING_CHOICE, 3, "samtaler")
SIGNAL_CLOSE_TOGETHER_DAYS = _p("signal_close_together_days", SELVBOOKING_CHOICE, 3, "dage")
SIGNAL_CLOSE_TOGETHER_PAIRS = _p("signal_close_together_pairs", SELVBOOKING_CHOICE, 2, "par")
SIGNAL_REBOOKING_WINDOW_DAYS = _p("signal_rebooking_window_days", SELVBOOKING_CHOICE, 30, "dage")
SIGNAL_REBOOKINGS = _p("signal_rebookings", SELVBOOKING_CHOICE, 3, "ombookinger")

ALL: tuple[Parameter, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Parameter))  # type: ignore[type-arg]
