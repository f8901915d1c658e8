"""R20, R23: a person holds no more booked interviews of an obligation than it still needs (LAB § 34, stk. 1;
bookings beyond what the course needs are what LAB § 35 names) — the refusal is a rule, so a double submit or
the API cannot stack bookings either; R1: where the a-kasse's period ends, booking with it ends (the horizon)."""

from dataclasses import replace

from scheduling.course import BookedBy, Format, InterviewKind, InterviewStatus, Organisation
from scheduling.evaluation import check_self_booking
from scheduling.rules.booking import booking_horizon, open_booking

from .factories import a_course, at, d, handed_over_course, interview

J = InterviewKind.JOBSAMTALE
AK, JC = Organisation.AKASSE, Organisation.JOBCENTER
BOOKED = InterviewStatus.BOOKED


def book(course, on, day, org=AK):
    return check_self_booking(course, d(on), J, org, Format.TELEFONISK, at(day))


def test_R20_R23_a_person_books_as_many_as_the_akasse_obligation_still_needs_and_no_more():
    # R7: 3 interviews with the a-kasse; 1 held, so 2 may be booked, not a third
    first = interview("2026-01-12", booked_by=BookedBy.CALLED_IN)
    one = a_course(interviews=[first, interview("2026-02-10", status=BOOKED)])
    assert book(one, "2026-01-20", "2026-02-24")
    two = a_course(interviews=[first, interview("2026-02-10", status=BOOKED), interview("2026-02-24", status=BOOKED)])
    verdict = book(two, "2026-01-20", "2026-03-10")
    assert not verdict and verdict.reason.rule == "R20"
    assert "LAB § 34" in verdict.reason.basis and "LAB § 35" in verdict.reason.basis  # R20 and R23's basis
    assert verdict.reason.params["count"] == 2
    assert open_booking(two, d("2026-01-20"), AK).id == two.interviews[1].id


def test_R20_R11_once_the_obligations_are_met_one_booking_at_a_time():
    held = [interview(day) for day in ("2026-01-12", "2026-02-10", "2026-03-10")]  # R7 met
    course = a_course(interviews=[*held, interview("2026-04-14", status=BOOKED)])
    verdict = book(course, "2026-03-20", "2026-04-21")
    assert not verdict and verdict.reason.rule == "R20"
    assert verdict.reason.params["when"] == course.interviews[-1].start


def test_R20_a_past_booked_interview_or_a_control_action_interview_does_not_count():
    held = [interview(day) for day in ("2026-01-12", "2026-02-10", "2026-03-10")]
    not_recorded = interview("2026-03-17", status=BOOKED)  # yesterday, not yet recorded
    control = interview("2026-03-25", status=BOOKED, booked_by=BookedBy.CALLED_IN, control_action_id="k1")
    course = a_course(interviews=[*held, not_recorded, control])
    assert book(course, "2026-03-18", "2026-04-21")


def test_R20_the_jobcenter_bookings_do_not_count_against_the_akasse_and_moving_the_one_booked_is_allowed():
    course = handed_over_course(interviews=[
        interview("2026-01-12", booked_by=BookedBy.CALLED_IN), interview("2026-02-10"), interview("2026-03-10"),
        interview("2026-05-12", org=JC, status=BOOKED),
        interview("2026-05-19", org=JC, status=BOOKED),
        interview("2026-05-26", org=JC, status=BOOKED),
    ])
    verdict = book(course, "2026-05-05", "2026-06-02", org=JC)  # R8 needs 3: all 3 are booked
    assert not verdict and verdict.reason.rule == "R20"
    moved = replace(course, interviews=course.interviews[:-1])  # the rebooking's view: the one moved left out
    assert book(moved, "2026-05-05", "2026-06-02", org=JC)


def test_R1_R2_the_akasse_horizon_is_the_handover_projected_until_registered():
    day, why = booking_horizon(handed_over_course(), d("2026-04-10"), AK)
    assert day == d("2026-04-30") and why.rule == "R1" and "forventer" not in why.message
    day, why = booking_horizon(a_course(), d("2026-01-10"), AK)
    assert why.rule == "R1" and "forventer" in why.message
    assert booking_horizon(a_course(), d("2026-01-10"), JC) is None
