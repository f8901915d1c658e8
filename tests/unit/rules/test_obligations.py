"""R6–R9, R12, R25, R26, R28: obligations, counts, due dates and states."""

import pytest

from scheduling.course import Format, InterviewKind, InterviewStatus, Organisation
from scheduling.evaluation import ObligationState, evaluate

from .factories import a_course, control, d, exemption, handed_over_course, interview


def ob(course, on, rule, kind=None):
    return next(o for o in evaluate(course, d(on)).obligations if o.rule == rule and (kind is None or o.kind is kind))


@pytest.mark.parametrize(
    "on, interviews, state",
    [
        ("2026-01-06", [], ObligationState.OPEN),
        ("2026-01-13", [], ObligationState.DUE_SOON),
        ("2026-01-19", [], ObligationState.DUE_SOON),  # registration + 14 is the last day
        ("2026-01-20", [], ObligationState.OVERDUE),
        ("2026-01-20", [interview("2026-01-19")], ObligationState.MET),
        ("2026-01-20", [interview("2026-01-19", status=InterviewStatus.BOOKED)], ObligationState.OVERDUE),
        ("2026-01-20", [interview("2026-01-19", status=InterviewStatus.MISSED)], ObligationState.OVERDUE),
        ("2026-01-20", [interview("2026-01-12", kind=InterviewKind.RAADIGHEDSSAMTALE)], ObligationState.OVERDUE),
    ],
)
def test_R6_first_akasse_interview_within_14_days_held_only(on, interviews, state):
    result = ob(a_course(interviews=interviews), on, "R6")
    assert result.due == d("2026-01-19") and result.state is state


def test_R6_R4_group_has_no_2_week_first_interview_but_a_referral_and_R9_six():
    course = a_course(born="2004-01-01", vocational_qualification=False)
    rules = {o.rule for o in evaluate(course, d("2026-01-06")).obligations}
    assert "R6" not in rules and "R7" not in rules and {"R4", "R9"} <= rules
    assert ob(course, "2026-01-20", "R4").state is ObligationState.OVERDUE
    referred = a_course(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-19"))
    assert ob(referred, "2026-01-20", "R4").state is ObligationState.MET
    assert ob(referred, "2026-01-20", "R9").required == 6


def test_R7_held_jobcenter_interview_counts_towards_akasse_three():
    held = [interview("2026-01-12"), interview("2026-02-10"), interview("2026-03-10", org=Organisation.JOBCENTER)]
    result = ob(handed_over_course(interviews=held), "2026-05-01", "R7")
    assert result.held == 3 and result.state is ObligationState.MET


def test_R7_interview_after_handover_does_not_count():
    held = [interview("2026-01-12"), interview("2026-02-10"), interview("2026-05-04")]
    result = ob(handed_over_course(interviews=held), "2026-05-05", "R7")
    assert result.held == 2 and result.state is ObligationState.HELD_LATE  # made up, but late (issue 12)


def test_R7_due_is_projected_until_threshold_registered():
    assert ob(a_course(), "2026-01-06", "R7").due_projected
    assert not ob(handed_over_course(), "2026-04-10", "R7").due_projected


def test_R8_jobcenter_three_after_handover():
    held = [interview(day, org=Organisation.JOBCENTER) for day in ("2026-03-10", "2026-05-05", "2026-05-20", "2026-06-10")]
    result = ob(handed_over_course(interviews=held), "2026-06-11", "R8")
    assert result.held == 3 and result.state is ObligationState.MET


def test_R12_joint_interview_after_6_months_meets_16_month_obligation():
    joint = interview("2026-12-01", org=Organisation.JOBCENTER, kind=InterviewKind.FAELLESSAMTALE)
    early_joint = interview("2026-05-05", org=Organisation.JOBCENTER, kind=InterviewKind.FAELLESSAMTALE)
    assert ob(handed_over_course(interviews=[early_joint]), "2026-12-02", "R12").held == 0
    assert ob(handed_over_course(interviews=[joint]), "2026-12-02", "R12").state is ObligationState.MET


def test_R26_exemption_suspends_overdue_deadline():
    course = a_course(exemptions=[exemption("2026-01-10", "2026-02-28")])
    assert ob(course, "2026-01-25", "R6").state is ObligationState.SUSPENDED
    assert ob(course, "2026-03-01", "R6").state is ObligationState.OVERDUE


def test_R26_work_sharing_exempts_only_first_6_weeks():
    from scheduling.course import ExemptionGround

    course = a_course(exemptions=[exemption("2026-01-05", ground=ExemptionGround.NR3_WORK_SHARING, event="2026-01-05")])
    assert ob(course, "2026-02-15", "R6").state is ObligationState.SUSPENDED  # day 42
    assert ob(course, "2026-02-16", "R6").state is ObligationState.OVERDUE


def test_R26_job_start_more_than_6_weeks_ahead_does_not_exempt_yet():
    from scheduling.course import ExemptionGround

    course = a_course(exemptions=[exemption("2026-01-06", ground=ExemptionGround.NR1_JOB_LEAVE_OR_PENSION, event="2026-04-01")])
    assert ob(course, "2026-01-25", "R6").state is ObligationState.OVERDUE
    assert ob(course, "2026-02-20", "R6").state is ObligationState.SUSPENDED


def test_R26_not_covered_decision_ends_suspension():
    from scheduling.course import Exemption, ExemptionGround

    course = a_course(exemptions=[Exemption("e", ExemptionGround.NR2_WEATHER_OR_MATERIALS, d("2026-01-10"), not_covered_on=d("2026-01-22"))])
    assert ob(course, "2026-01-21", "R6").state is ObligationState.SUSPENDED
    assert ob(course, "2026-01-22", "R6").state is ObligationState.OVERDUE


@pytest.mark.parametrize("on, state", [("2026-02-17", ObligationState.DUE_SOON), ("2026-02-18", ObligationState.OVERDUE)])
def test_R25_control_action_interview_within_7_days(on, state):
    course = a_course(control_actions=[control("2026-02-10")])
    result = ob(course, on, "R25")
    assert result.due == d("2026-02-17") and result.state is state and result.organisation is Organisation.AKASSE


def test_R25_stay_abroad_series_crosses_handover_to_jobcenter():
    first = interview("2026-04-20", control_action_id="k1")
    course = handed_over_course(control_actions=[control("2026-04-15", abroad=True)], interviews=[first])
    series = [o for o in evaluate(course, d("2026-04-25")).obligations if o.rule == "R25"][1]
    # next within 14 days: 4 May, after the hand-over on 30 April -> the jobcenter carries it on
    assert series.due == d("2026-05-04") and series.organisation is Organisation.JOBCENTER
    assert series.required == 7  # 20 Apr + every 14 days until 20 Jul
    offer = [n for n in evaluate(course, d("2026-04-25")).notices if n.rule == "R25"]
    assert offer and offer[0].params["day"] == d("2026-05-04")


def test_R25_offer_due_after_any_control_action_not_only_a_stay_abroad():
    """Vejledningen afsnit 6, "Tilbud i forbindelse med kontrolaktioner": "A-kassen skal inden for de første 3
    måneder, hvor a-kassen varetager kontaktforløbet, bede jobcentret sørge for, at personen inden 2 uger efter
    den første jobsamtale med a-kassen som led i forløbet får et tilbud" - for every control action that raises
    doubt about the general availability, not only a stay abroad."""
    held = interview("2026-02-13", control_action_id="k1")
    course = a_course(control_actions=[control("2026-02-10")], interviews=[held])
    offer = [n for n in evaluate(course, d("2026-02-16")).notices if n.rule == "R25"]
    assert offer and offer[0].params["day"] == d("2026-02-27")


def test_R28_old_rules_obligations():
    course = a_course(registered="2023-12-20", old_rules=True)
    rules = [(o.rule, o.kind, o.required) for o in evaluate(course, d("2024-01-10")).obligations]
    assert rules == [("R28", InterviewKind.CVSAMTALE, 1), ("R28", InterviewKind.JOBSAMTALE, 4),
                     ("R28", InterviewKind.FAELLESSAMTALE, 2)]  # the CV interview beside the four (issue 12)


def test_R28_format_raised_irrelevant_to_counting():
    held = [interview("2026-01-12", fmt=Format.TELEFONISK)]
    assert ob(a_course(interviews=held), "2026-01-13", "R6").held == 1
