"""Issue 12, correction 2: an interview held after its deadline is "holdt for sent", its own state.

One rule for every obligation (R6–R12, R25, and the old rules' R28): an interview held by the deadline meets
it; one held after the deadline makes up for it but is *held late* — not met, not overdue. The supervision
figures (R27) count it as not met.
"""

from scheduling.course import InterviewKind, Organisation
from scheduling.evaluation import ObligationState, evaluate
from scheduling.rules.control import series_end
from scheduling.rules.supervision import member_facts, supervise

from .factories import a_course, control, d, handed_over_course, hours, interview

JC = Organisation.JOBCENTER
LATE = ObligationState.HELD_LATE


def ob(course, on, rule, kind=None, nth=0):
    found = [o for o in evaluate(course, d(on)).obligations if o.rule == rule and (kind is None or o.kind is kind)]
    return found[nth]


def test_R6_first_interview_held_after_the_2_weeks_is_held_late_not_met():
    """Guidance 3.2: "A-kassen er forpligtet til at afholde den første jobsamtale senest 2 uger efter personens
    tilmelding som jobsøgende. Dette følger af LAB § 31, stk. 4." Held on day 17, it was not held on time."""
    course = a_course(interviews=[interview("2026-01-22")])  # registered 5 Jan: due 19 Jan
    result = ob(course, "2026-01-25", "R6")
    assert result.state is LATE and result.state is not ObligationState.MET
    assert (result.held, result.held_late, result.due) == (0, 1, d("2026-01-19"))


def test_R6_held_on_the_last_day_is_met_and_a_missed_one_stays_overdue():
    """Guidance 3.2: "senest 2 uger efter personens tilmelding som jobsøgende" — the 14th day is on time."""
    assert ob(a_course(interviews=[interview("2026-01-19")]), "2026-01-25", "R6").state is ObligationState.MET
    assert ob(a_course(), "2026-01-25", "R6").state is ObligationState.OVERDUE


def test_R6_R7_after_a_late_first_interview_the_next_deadline_is_still_the_handover():
    """Guidance 3.2: "Der er ingen krav til, hvornår a-kassen skal afholde de to øvrige jobsamtaler i løbet af de
    første 3 måneder." The 2nd and 3rd interviews are due by the hand-over, counted from the hour ledger (R2),
    not from the day the late first interview was held; and the late first interview counts for R7, since it
    was held in the first 3 months."""
    late = handed_over_course(interviews=[interview("2026-01-22")])
    on_time = handed_over_course(interviews=[interview("2026-01-12")])
    assert ob(late, "2026-02-01", "R7").due == ob(on_time, "2026-02-01", "R7").due == d("2026-04-30")
    assert ob(late, "2026-02-01", "R7").held == 1


def test_R7_third_interview_held_after_the_handover_is_held_late():
    """Guidance 3.2: "skal a-kassen afholde mindst 3 individuelle jobsamtaler med dagpengemodtagere inden for de
    første 3 måneder af ledighedsperioden. Dette skal ske, før personen overgår til et kontaktforløb i
    jobcentret." """
    held = [interview("2026-01-12"), interview("2026-02-10"), interview("2026-05-04")]
    result = ob(handed_over_course(interviews=held), "2026-05-05", "R7")
    assert (result.held, result.held_late, result.state) == (2, 1, LATE)


def test_R8_jobcenter_interview_held_after_6_months_is_held_late():
    """Guidance 3.2: "Efter de første 3 måneder, og senest inden personen har været ledig i 6 måneder, skal
    jobcentret afholde mindst 3 individuelle jobsamtaler med personen." """
    course = handed_over_course(interviews=[interview("2026-05-05", org=JC), interview("2026-05-20", org=JC)])
    six = ob(course, "2026-05-21", "R8").due
    late = handed_over_course(interviews=[*course.interviews, interview(six.replace(day=1).isoformat(), org=JC)])
    assert ob(late, six.isoformat(), "R8").state is ObligationState.MET  # held by 6 months
    after = interview(f"{six.year + (six.month == 12)}-{six.month % 12 + 1:02d}-10", org=JC)
    result = ob(handed_over_course(interviews=[*course.interviews, after]), "2027-03-01", "R8")
    assert (result.held, result.held_late, result.state) == (2, 1, LATE)


def test_R9_R4_group_sixth_jobcenter_interview_after_6_months_is_held_late():
    """Guidance 3.2: "Jobcentret er således forpligtet til at afholde 6 individuelle jobsamtaler i de første 6
    måneder. Jobsamtalerne skal være afholdt inden for de første 6 måneder." """
    ledger = [hours(day, 160) for day in ("2026-02-03", "2026-03-04", "2026-04-02", "2026-05-04", "2026-06-02",
                                          "2026-07-02", "2026-08-04")]  # 6 months reached in July 2026
    base = dict(born="2004-01-01", vocational_qualification=False, referred_r4_on=d("2026-01-10"), hours=ledger)
    five = [interview(day, org=JC) for day in ("2026-01-20", "2026-02-10", "2026-03-10", "2026-04-10", "2026-05-10")]
    result = ob(a_course(**base, interviews=[*five, interview("2027-01-15", org=JC)]), "2027-02-01", "R9")
    assert not result.due_projected and result.due < d("2027-01-15")
    assert (result.held, result.held_late, result.state) == (5, 1, LATE)


def test_R12_16_month_interview_held_after_16_months_is_held_late():
    """Guidance 3.3: "Desuden skal jobcenteret holde en jobsamtale med dagpengemodtagere senest efter 16
    måneder, hvor a-kassen som udgangspunkt også deltager, jf. LAB § 32, stk. 2." """
    due = ob(handed_over_course(), "2027-06-01", "R12").due
    joint = interview(f"{due.year + 1}-01-15", org=JC, kind=InterviewKind.FAELLESSAMTALE)
    result = ob(handed_over_course(interviews=[joint]), f"{due.year + 1}-02-01", "R12")
    assert (result.held, result.held_late, result.state) == (0, 1, LATE)


def test_R25_control_action_interview_held_after_the_week_is_held_late():
    """Guidance 6: "Jobsamtalen skal holdes inden for en uge fra det tidspunkt, hvor meddelelsen fra en anden
    offentlig myndighed er modtaget." """
    course = a_course(control_actions=[control("2026-02-10")], interviews=[interview("2026-02-20", control_action_id="k1")])
    result = ob(course, "2026-02-21", "R25")
    assert (result.held, result.held_late, result.state) == (0, 1, LATE)
    on_time = a_course(control_actions=[control("2026-02-10")], interviews=[interview("2026-02-17", control_action_id="k1")])
    assert ob(on_time, "2026-02-21", "R25").state is ObligationState.MET


def test_R25_stay_abroad_next_interview_is_due_14_days_after_the_late_one_was_held():
    """Guidance 6: "skal a-kassen herefter holde en jobsamtale hver 14. dag med personen indtil 3 måneder efter
    første jobsamtale i forløbet." Every 14 days counts from the interview held, so after a late one the next
    is due 14 days after the day it was actually held; the series ends 3 months after the first interview
    held, even when that one was late."""
    action = control("2026-02-10", abroad=True)
    first, late = interview("2026-02-20", control_action_id="k1"), interview("2026-03-10", control_action_id="k1")
    course = a_course(control_actions=[action], interviews=[first, late])  # 20 Feb + 14 = 6 Mar: 10 Mar is late
    call_in, series = ob(course, "2026-03-11", "R25"), ob(course, "2026-03-11", "R25", nth=1)
    assert call_in.state is LATE
    assert series.due == d("2026-03-24") and series.held_late == 1
    assert series.state in (ObligationState.OPEN, ObligationState.DUE_SOON)  # the next one is still to come
    assert series_end(action, d("2026-02-20")) == d("2026-05-20")
    assert series.reason.params["end"] == d("2026-05-20")


def test_R27_supervision_counts_an_akasse_interview_held_late_as_not_met():
    """Guidance 13.2: a deficient effort is "en andel på mere end 20 pct. af dagpengemodtagere med tre måneders
    ledighed, som ikke har modtaget minimum tre jobsamtaler med a-kassen" — by the 3 months, so a third
    interview held after the hand-over does not count."""
    late = handed_over_course(interviews=[interview("2026-01-12"), interview("2026-02-10"), interview("2026-05-04")])
    on_time = handed_over_course(interviews=[interview("2026-01-12"), interview("2026-02-10"), interview("2026-04-20")])
    late_facts = member_facts(evaluate(late, d("2026-05-10")))
    on_time_facts = member_facts(evaluate(on_time, d("2026-05-10")))
    assert late_facts is not None and on_time_facts is not None
    assert (late_facts.akasse_interviews_held, late_facts.held_late) == (2, 1)
    assert supervise([late_facts], d("2026-06-30")).without_three == 1
    assert supervise([on_time_facts], d("2026-06-30")).without_three == 0


def test_R27_no_supervision_facts_for_courses_the_akasse_does_not_run():
    """Guidance 13.1: STAR follows "a-kassernes samtaleafholdelse i de første tre måneder"; the R4 group and
    old-rules courses are the jobcenter's from the start."""
    r4 = a_course(born="2004-01-01", vocational_qualification=False)
    old = a_course(registered="2023-12-20", old_rules=True)
    assert member_facts(evaluate(r4, d("2026-05-01"))) is None
    assert member_facts(evaluate(old, d("2024-05-01"))) is None
