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
    """A named number with the rule it belongs to and the dates from which each value applies (ascending).

    ``rule`` (and ``part``) name the rule in :mod:`scheduling.rules.catalogue`, where its legal basis is written;
    an empty ``rule`` is Selvbooking's own choice.
    """

    name: str
    rule: str
    values: tuple[tuple[date, T], ...]
    unit: str = ""
    part: str | None = None

    def on(self, day: date) -> T:
        """The value in force on ``day``; before the first start date, the first value (the rules have no past)."""
        values = self.values
        if len(values) == 1:  # most parameters have had one value since the law began
            return values[0][1]
        current = values[0][1]
        for start, value in values:
            if start <= day:
                current = value
        return current

    @property
    def legal(self) -> bool:
        """False for Selvbooking's own choices."""
        return bool(self.rule)

    @property
    def basis(self) -> str:
        """The legal basis, from the catalogue of rules; for Selvbooking's own choices, a text that says so."""
        if not self.rule:
            return SELVBOOKING_CHOICE
        from scheduling.rules.catalogue import basis  # late: the rules package imports this module

        return basis(self.rule, self.part)


def _p(name: str, rule: str, value: T, unit: str = "", start: date = LAW_START, part: str | None = None) -> Parameter[T]:
    return Parameter(name=name, rule=rule, values=((start, value),), unit=unit, part=part)


# R2 — the a-kasse's period ends with the month in which 410 / 333 hours are registered.
HANDOVER_HOURS_FULLTIME = _p("handover_hours_fulltime", "R2", Decimal("410"), "timer")
HANDOVER_HOURS_PARTTIME = _p("handover_hours_parttime", "R2", Decimal("333"), "timer")

# R3 — months and weeks as hours of sammenlagt ledighed.
HOURS_PER_MONTH_FULLTIME = _p("hours_per_month_fulltime", "R3", Decimal("160.33"), "timer", part="timer")
HOURS_PER_MONTH_PARTTIME = _p("hours_per_month_parttime", "R3", Decimal("130"), "timer", part="timer")
HOURS_PER_WEEK_FULLTIME = _p("hours_per_week_fulltime", "R3", Decimal("37"), "timer", part="timer")
HOURS_PER_WEEK_PARTTIME = _p("hours_per_week_parttime", "R3", Decimal("30"), "timer", part="timer")

# R5 — the course follows the placement in a benefit period (guidance 3.2: the registration that starts the
# 2-week deadline is "personens første tilmelding som jobsøgende i dagpengeperioden"). So the registration lies
# in the benefit period that begins with the placement. That period (2 years of benefit) is used within 36 months
# (lov om arbejdsløshedsforsikring m.v. § 55), so a registration more than 36 months after the placement belongs
# to a new period; a re-registration within them (guidance 8.1: "gentilmelding … uden personen har genoptjent ret
# til en ny dagpengeperiode") is fine. A placement after the registration is a typing error unless it follows
# within the 2 weeks of the first interview's deadline (LAB § 31, stk. 4). Course JSON outside these is refused.
PLACEMENT_BEFORE_REGISTRATION_MONTHS = _p("placement_before_registration_months", "R5", 36, "måneder", part="periode")
PLACEMENT_AFTER_REGISTRATION_DAYS = _p("placement_after_registration_days", "R5", 14, "dage", part="tilmelding")

# R4 — the education-injunction group.
R4_AGE_LIMIT = _p("r4_age_limit", "R4", 25, "år")
R4_REFERRAL_DAYS = _p("r4_referral_days", "R4", 14, "dage")

# R6–R9, R12 — interview obligations.
FIRST_INTERVIEW_DAYS = _p("first_interview_days", "R6", 14, "dage")
AKASSE_INTERVIEWS = _p("akasse_interviews", "R7", 3, "samtaler")
JOBCENTER_INTERVIEWS = _p("jobcenter_interviews", "R8", 3, "samtaler")
R4_JOBCENTER_INTERVIEWS = _p("r4_jobcenter_interviews", "R9", 6, "samtaler")
FIRST_PERIOD_MONTHS = _p("first_period_months", "R8", 6, "måneder")
INTENSIFIED_INTERVIEW_MONTHS = _p("intensified_interview_months", "R12", 16, "måneder")

# R13 — repatriation guidance for residence permits up to 5 years.
REPATRIATION_YEARS = _p("repatriation_years", "R13", 5, "år")

# R23 — appeal within 4 weeks.
APPEAL_WEEKS = _p("appeal_weeks", "R23", 4, "uger", part="klage")

# R25 — control actions.
CONTROL_ACTION_DAYS = _p("control_action_days", "R25", 7, "dage", part="stk1")
STAY_ABROAD_INTERVAL_DAYS = _p("stay_abroad_interval_days", "R25", 14, "dage", part="stk2")
STAY_ABROAD_SERIES_MONTHS = _p("stay_abroad_series_months", "R25", 3, "måneder", part="stk2")
CONTROL_ACTION_OFFER_DAYS = _p("control_action_offer_days", "R25", 14, "dage", part="stk2")

# R26 — reduced effort.
EXEMPTION_WEEKS = _p("exemption_weeks", "R26", 6, "uger")
WORK_SHARING_WEEKS = _p("work_sharing_weeks", "R26", 6, "uger", part="stk2")

# R27 — STAR's supervision of a-kasser.
SUPERVISION_MONTHS = _p("supervision_months", "R27", 3, "måneder")
SUPERVISION_INTERVIEWS = _p("supervision_interviews", "R27", 3, "samtaler")
SUPERVISION_SHARE_LIMIT = _p("supervision_share_limit", "R27", Decimal("0.20"))
SUPERVISION_MONTHS_IN_A_ROW = _p("supervision_months_in_a_row", "R27", 6, "måneder")

# R28 — courses begun under the old rules.
NEW_RULES_FROM = _p("new_rules_from", "R28", LAW_START)
OLD_RULES_REGISTERED_BY = _p("old_rules_registered_by", "R28", date(2023, 12, 31))
OLD_RULES_JOBCENTER_INTERVIEWS = _p("old_rules_jobcenter_interviews", "R28", 4, "samtaler")
OLD_RULES_JOINT_INTERVIEWS = _p("old_rules_joint_interviews", "R28", 2, "samtaler")
# the CV interview beside the four (guidance 15.3), the a-kasse's under the earlier rules (guidance 13.1)
OLD_RULES_CV_INTERVIEWS = _p("old_rules_cv_interviews", "R28", 1, "samtaler")

# Selvbooking's own choices.
BOOK_BY_MIN_DAYS = _p("book_by_min_days", "", 8, "dage")  # issue 3: an organisation's "book by" is at least 8 days
DUE_SOON_DAYS = _p("due_soon_days", "", 7, "dage")
PROJECTION_REGISTRATION_LAG_MONTHS = _p("projection_registration_lag_months", "", 1, "måneder")
SIGNAL_OPEN_BOOKINGS = _p("signal_open_bookings", "", 3, "samtaler")
SIGNAL_CLOSE_TOGETHER_DAYS = _p("signal_close_together_days", "", 3, "dage")
SIGNAL_CLOSE_TOGETHER_PAIRS = _p("signal_close_together_pairs", "", 2, "par")
SIGNAL_REBOOKING_WINDOW_DAYS = _p("signal_rebooking_window_days", "", 30, "dage")
SIGNAL_REBOOKINGS = _p("signal_rebookings", "", 3, "ombookinger")

ALL: tuple[Parameter, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Parameter))  # type: ignore[type-arg]
