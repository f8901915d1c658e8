"""R1–R5: who is responsible, the hand-over date, hours of unemployment."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from scheduling.course import BookedBy, HourKind, Insurance, Organisation
from scheduling.evaluation import CaseworkerAction, check_caseworker_action, evaluate
from scheduling.rules.facts import in_r4_group
from scheduling.rules.responsibility import handover, responsibility, unemployed_months_on

from .factories import a_course, d, handed_over_course, hours, interview


def test_R2_handover_is_last_day_of_month_of_410th_hour():
    course = handed_over_course()
    assert handover(course, d("2026-04-02")) .day == d("2026-04-30")
    assert not handover(course, d("2026-04-02")).projected


@pytest.mark.parametrize(
    "registered_on, expected",
    [("2026-03-31", "2026-03-31"), ("2026-04-01", "2026-04-30"), ("2026-02-28", "2026-02-28")],
)
def test_R2_410th_hour_registered_on_last_day_of_month(registered_on, expected):
    course = a_course(hours=[hours("2026-02-02", 300), hours(registered_on, 110, start="2026-02-01", end="2026-02-27")])
    assert handover(course, d("2026-06-01")).day == d(expected)


def test_R2_one_hour_short_is_not_handed_over():
    course = a_course(hours=[hours("2026-02-02", 300), hours("2026-03-02", "109.99")])
    moment = handover(course, d("2026-03-05"))
    assert moment.projected


@pytest.mark.parametrize("insurance, amount, reached", [(Insurance.PARTTIME, 333, True), (Insurance.PARTTIME, 332, False), (Insurance.FULLTIME, 333, False)])
def test_R2_parttime_threshold_is_333_hours(insurance, amount, reached):
    course = a_course(insurance=insurance, hours=[hours("2026-03-03", amount, start="2026-01-05", end="2026-02-28")])
    assert handover(course, d("2026-03-10")).projected is not reached


def test_R2_registration_after_the_day_is_not_yet_known():
    course = handed_over_course()
    assert handover(course, d("2026-04-01")).projected


def test_R2_loentilskud_hours_do_not_bring_the_handover():
    course = a_course(hours=[hours("2026-03-02", 500, kind=HourKind.LOENTILSKUD)])
    assert handover(course, d("2026-03-10")).projected


def test_R1_jobcenter_responsible_from_day_after_handover():
    course = handed_over_course()
    assert responsibility(course, d("2026-04-30")).organisation is Organisation.AKASSE
    after = responsibility(course, d("2026-05-01"))
    assert after.organisation is Organisation.JOBCENTER and after.akasse_until == d("2026-04-30")


def test_R3_projection_is_said_to_be_projected():
    result = responsibility(a_course(), d("2026-01-10"))
    assert result.projected and "skøn" in result.reason.message
    # 410 h at 37 h a week from 5 January reach the threshold in March; registered in April
    assert result.akasse_until == d("2026-04-30")


@pytest.mark.parametrize("insurance, months, hours_needed", [(Insurance.FULLTIME, 6, Decimal("961.98")), (Insurance.PARTTIME, 6, Decimal("780")), (Insurance.FULLTIME, 16, Decimal("2565.28"))])
def test_R3_months_convert_to_hours(insurance, months, hours_needed):
    exact = a_course(insurance=insurance, hours=[hours("2026-01-05", hours_needed, start="2025-01-01", end="2025-12-31")], placed="2025-01-01")
    short = a_course(insurance=insurance, hours=[hours("2026-01-05", hours_needed - 1, start="2025-01-01", end="2025-12-31")], placed="2025-01-01")
    assert not unemployed_months_on(exact, d("2026-01-06"), months).projected
    assert unemployed_months_on(short, d("2026-01-06"), months).projected


def test_R3_loentilskud_hours_count_towards_sammenlagt_ledighed():
    course = a_course(placed="2025-01-01", hours=[hours("2025-10-01", 500, start="2025-01-01", end="2025-06-30"), hours("2025-10-01", 462, kind=HourKind.LOENTILSKUD, start="2025-07-01", end="2025-09-30")])
    assert not unemployed_months_on(course, d("2025-10-02"), 6).projected


def test_R3_projection_assumes_37_hours_a_week_after_last_period():
    course = a_course(hours=[hours("2026-02-02", 185, start="2026-01-05", end="2026-01-31")])
    moment = unemployed_months_on(course, d("2026-02-03"), 6)
    # 961.98 - 185 = 776.98 h at 37/7 h a day = 147 days after 31 January
    assert moment.projected and moment.day == date(2026, 6, 27)


@pytest.mark.parametrize(
    "born, qualification, custody, group",
    [
        ("2002-01-06", False, False, True),   # 23 on registration
        ("2001-01-05", False, False, False),  # 25 on registration day
        ("2001-01-06", False, False, True),   # 24, turns 25 the next day: still the group
        ("2002-01-06", True, False, False),
        ("2002-01-06", False, True, False),
    ],
)
def test_R4_group_is_all_three_criteria_on_registration(born, qualification, custody, group):
    course = a_course(registered="2026-01-05", born=born, vocational_qualification=qualification, custody_of_children_at_home=custody)
    assert in_r4_group(course) is group


def test_R4_24_year_old_turning_25_during_course_stays_with_jobcenter():
    # 24 on registration (5 January 2026), 25 from 10 January: the age on registration decides (LAB § 27, stk. 3)
    course = a_course(born="2001-01-10", vocational_qualification=False)
    assert in_r4_group(course)
    on_birthday = d("2026-01-12")
    assert check_caseworker_action(course, on_birthday, Organisation.AKASSE, CaseworkerAction.REFER_R4)
    assert {o.rule for o in evaluate(course, on_birthday).obligations} >= {"R4", "R9"}
    referred = replace(course, referred_r4_on=on_birthday)
    result = responsibility(referred, d("2026-09-01"))
    assert result.organisation is Organisation.JOBCENTER and result.akasse_until is None
    rules = {o.rule for o in evaluate(referred, d("2026-09-01")).obligations}
    assert "R9" in rules and not rules & {"R6", "R7", "R8"}
    # a day older on registration and the person is not in the group at all
    older = a_course(born="2001-01-05", vocational_qualification=False)
    assert not in_r4_group(older) and not check_caseworker_action(older, on_birthday, Organisation.AKASSE, CaseworkerAction.REFER_R4)


def test_R4_referred_person_jobcenter_throughout():
    course = handed_over_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-12"))
    assert responsibility(course, d("2026-01-12")).organisation is Organisation.JOBCENTER
    assert responsibility(course, d("2026-01-11")).organisation is Organisation.AKASSE


def test_R5_new_benefit_period_is_a_new_course_with_its_own_first_interview():
    from scheduling.rules.booking import citizen_permissions

    old = handed_over_course(interviews=[interview("2026-01-12", booked_by=BookedBy.CALLED_IN)])
    # genindplacering on 1 March 2027: the ledger still holds the previous period's 458.8 hours
    new = replace(old, registered_on=d("2027-03-01"), placed_on=d("2027-03-01"), interviews=())
    on = d("2027-03-02")
    responsible = evaluate(new, on).responsibility
    # the previous period's hours do not bring the hand-over (R2) ...
    assert responsible.organisation is Organisation.AKASSE and responsible.projected
    assert responsible.akasse_until == d("2027-06-30")
    # ... nor count as sammenlagt ledighed (R3): 6 months from the new placement at 37 hours a week
    six = unemployed_months_on(new, on, 6)
    assert six.projected and six.day == d("2027-08-29")
    # a new first interview (R6), called in by the a-kasse (R19)
    r6 = next(o for o in evaluate(new, on).obligations if o.rule == "R6")
    assert r6.due == d("2027-03-15") and r6.held == 0
    assert citizen_permissions(new, on).refusals[0].reason.rule == "R19"
    assert evaluate(old, on).responsibility.organisation is Organisation.JOBCENTER


def test_R2_hours_before_placement_do_not_bring_the_handover():
    course = a_course(placed="2026-01-05", hours=[hours("2026-01-05", 2000, start="2025-01-01", end="2025-12-31")])
    assert handover(course, d("2026-01-06")).projected


def test_R5_hours_before_placement_do_not_count():
    course = a_course(placed="2026-01-05", hours=[hours("2026-01-05", 2000, start="2025-01-01", end="2025-12-31")])
    assert unemployed_months_on(course, d("2026-01-06"), 6).projected


def test_R28_old_rules_jobcenter_responsible_and_new_rules_after_reregistration():
    old = a_course(registered="2023-12-31", old_rules=True)
    assert responsibility(old, d("2024-02-01")).organisation is Organisation.JOBCENTER
    again = a_course(registered="2024-01-02", old_rules=True)
    assert responsibility(again, d("2024-02-01")).organisation is Organisation.AKASSE


def test_R3_six_and_sixteen_months_projected_like_the_handover():
    """Nothing registered ten months after registration: the hand-over is projected to the end of a month to
    come, and the 6- and 16-month days follow the same projection, after it (R3)."""
    course = a_course()
    on = d("2026-11-25")
    end = handover(course, on)
    six, sixteen = unemployed_months_on(course, on, 6), unemployed_months_on(course, on, 16)
    assert end.projected and six.projected and sixteen.projected
    assert on <= end.day < six.day < sixteen.day
    r8 = next(o for o in evaluate(course, on).obligations if o.rule == "R8")
    assert r8.due == six.day and r8.due > end.day


def test_R11_after_six_months_only_once_the_jobcenter_is_responsible():
    course = a_course()
    assert not [n for n in evaluate(course, d("2026-11-25")).notices if n.rule == "R11"]
    handed = handed_over_course(hours=[
        hours("2026-02-03", 148), hours("2026-03-04", 148), hours("2026-04-02", 162.8),
        hours("2026-05-04", 160), hours("2026-06-02", 160), hours("2026-07-02", 160), hours("2026-08-03", 160),
    ])
    six = unemployed_months_on(handed, d("2026-08-10"), 6)
    assert not six.projected
    assert [n for n in evaluate(handed, six.day + timedelta(days=1)).notices if n.rule == "R11"]
    assert not [n for n in evaluate(handed, six.day).notices if n.rule == "R11"]
    # 6 months registered late, in one go: reached, but the a-kasse is responsible to the end of July
    late = a_course(hours=[hours("2026-07-15", 962, start="2026-01-05", end="2026-06-30")])
    assert unemployed_months_on(late, d("2026-07-20"), 6).day < d("2026-07-20")
    assert responsibility(late, d("2026-07-20")).organisation is Organisation.AKASSE
    assert not [n for n in evaluate(late, d("2026-07-20")).notices if n.rule == "R11"]
    assert [n for n in evaluate(late, d("2026-08-01")).notices if n.rule == "R11"]
