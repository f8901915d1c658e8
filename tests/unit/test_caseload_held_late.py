"""The caseload line (:func:`scheduling.caseload.course_status`) shows obligations held late (issue 12,
correction 2): the caseworker sees them apart from those met and those overdue."""

from scheduling.caseload import CaseloadState, course_status
from tests.unit.rules.factories import a_course, d, interview


def test_R6_caseload_line_counts_an_obligation_held_late_neither_met_nor_overdue():
    """Guidance 3.2: "A-kassen er forpligtet til at afholde den første jobsamtale senest 2 uger efter personens
    tilmelding som jobsøgende." Held on day 17: held late, and nothing is overdue."""
    late = course_status(a_course(interviews=[interview("2026-01-22")]), d("2026-01-25"))
    assert late.held_late == 1 and late.overdue == 0 and late.state is not CaseloadState.OVERDUE
    on_time = course_status(a_course(interviews=[interview("2026-01-19")]), d("2026-01-25"))
    missed = course_status(a_course(), d("2026-01-25"))
    assert on_time.held_late == 0 and (missed.held_late, missed.overdue) == (0, 1)
