"""R12, R13, R14: what the caseworker confirms when recording an interview."""

from scheduling.course import InterviewKind, InterviewStatus, Organisation
from scheduling.rules.checklist import interview_checklist

from .factories import a_course, d, handed_over_course, hours, interview

JC = Organisation.JOBCENTER


def keys(course, item, on="2026-06-01"):
    return [i.key for i in interview_checklist(course, item, d(on))]


def test_R14_first_akasse_interview_reviews_min_plan_joblog_and_cv():
    first = interview("2026-01-12", status=InterviewStatus.BOOKED)
    assert keys(a_course(interviews=[first]), first, "2026-01-12") == ["min_plan", "joblog", "cv"]


def test_R14_not_at_a_later_akasse_interview():
    first, second = interview("2026-01-12"), interview("2026-02-12", status=InterviewStatus.BOOKED)
    assert keys(a_course(interviews=[first, second]), second, "2026-02-12") == []


def test_R13_repatriation_guidance_at_every_job_interview_not_at_availability_interviews():
    first, second = interview("2026-01-12"), interview("2026-02-12", status=InterviewStatus.BOOKED)
    course = a_course(interviews=[first, second], repatriation=True)
    assert keys(course, second, "2026-02-12") == ["repatriation_guidance"]
    availability = interview("2026-02-20", kind=InterviewKind.RAADIGHEDSSAMTALE, status=InterviewStatus.BOOKED)
    assert keys(a_course(interviews=[first, availability], repatriation=True), availability, "2026-02-20") == []


def test_R12_intensified_effort_only_at_the_joint_interview_after_six_months_not_the_R10_one():
    first = interview("2026-01-12")
    r10 = interview("2026-05-12", org=JC, kind=InterviewKind.FAELLESSAMTALE, status=InterviewStatus.BOOKED)
    course = handed_over_course(interviews=[first, r10])
    assert "intensified_effort_offered" not in keys(course, r10, "2026-05-12")
    late = interview("2027-03-01", org=JC, kind=InterviewKind.FAELLESSAMTALE, status=InterviewStatus.BOOKED)
    monthly = [hours(f"{2026 + (m // 12)}-{m % 12 + 1:02d}-03", "160.33") for m in range(1, 14)]  # Feb 2026 – Feb 2027
    course = a_course(interviews=[first, late], hours=monthly)
    assert "intensified_effort_offered" in keys(course, late, "2027-03-01")
