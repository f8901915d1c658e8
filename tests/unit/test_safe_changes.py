"""Safe changes (issue 14), the pure rules: which booked interviews an absence or new working hours hit, which
colleagues are free to take one over at the same time, and whether every hit interview has a usable choice."""

from __future__ import annotations

from scheduling.course import InterviewStatus
from scheduling.safe_changes import (
    Booked,
    Cancel,
    Keep,
    Move,
    choice_problems,
    free_colleagues,
    hit_by_absence,
    outside_hours,
    unknown_choices,
    within_hours,
)
from scheduling.slots import CaseworkerAvailability
from tests.unit.slot_factories import TUESDAY, WEDNESDAY, between, cph, week, whole_days

NOW = cph("2026-11-25", "12:00")  # a Wednesday


def booked(n: int, day: str, start: str, end: str, status: InterviewStatus = InterviewStatus.BOOKED) -> Booked:
    span = between(day, start, end)
    return Booked(n, span.start, span.end, status)


def test_an_absence_hits_the_booked_interviews_it_overlaps_and_no_others():
    interviews = [
        booked(1, "2026-12-01", "09:00", "09:30"),
        booked(2, "2026-12-01", "13:00", "13:30"),
        booked(3, "2026-12-02", "09:00", "09:30"),  # the day after
    ]
    assert [i.id for i in hit_by_absence(interviews, between("2026-12-01", "08:00", "12:00"), NOW)] == [1]
    assert [i.id for i in hit_by_absence(interviews, whole_days("2026-12-01", "2026-12-01"), NOW)] == [1, 2]


def test_an_absence_that_ends_as_an_interview_begins_does_not_hit_it():
    interviews = [booked(1, "2026-12-01", "12:00", "12:30")]
    assert hit_by_absence(interviews, between("2026-12-01", "08:00", "12:00"), NOW) == []


def test_held_missed_cancelled_and_begun_interviews_are_not_hit():
    interviews = [
        booked(1, "2026-11-25", "09:00", "09:30"),  # begun before now
        booked(2, "2026-11-25", "13:00", "13:30", InterviewStatus.CANCELLED),
        booked(3, "2026-11-25", "14:00", "14:30", InterviewStatus.HELD),
        booked(4, "2026-11-25", "15:00", "15:30", InterviewStatus.MISSED),
        booked(5, "2026-11-25", "15:30", "16:00"),
    ]
    assert [i.id for i in hit_by_absence(interviews, whole_days("2026-11-25", "2026-11-25"), NOW)] == [5]


def test_new_working_hours_hit_the_interviews_outside_them_on_their_danish_weekday():
    interviews = [
        booked(1, "2026-12-01", "09:00", "09:30"),  # Tuesday morning: inside
        booked(2, "2026-12-01", "14:30", "15:00"),  # Tuesday afternoon: after the new end
        booked(3, "2026-12-02", "09:00", "09:30"),  # Wednesday: no hours at all
    ]
    hours = week("08:30", "12:00", days=(TUESDAY,))
    assert [i.id for i in outside_hours(interviews, hours, NOW)] == [2, 3]


def test_an_interview_must_lie_wholly_inside_one_window():
    span = between("2026-12-01", "11:45", "12:15")
    assert not within_hours(span.start, span.end, week("08:00", "12:00"))
    assert within_hours(span.start, span.end, week("08:00", "13:00"))


def colleague(cw: int, **blocked) -> CaseworkerAvailability:
    return CaseworkerAvailability(cw, week(), **blocked)


def test_a_free_colleague_works_then_and_is_neither_absent_busy_nor_in_an_interview():
    slot = between("2026-12-01", "10:00", "10:30")
    colleagues = [
        colleague(10),
        colleague(11, absences=(whole_days("2026-12-01", "2026-12-01"),)),
        colleague(12, busy=(between("2026-12-01", "10:15", "11:00"),)),
        colleague(13, interviews=(between("2026-12-01", "10:00", "10:30"),)),
        CaseworkerAvailability(14, week(days=(WEDNESDAY,))),
        colleague(15, interviews=(between("2026-12-01", "10:30", "11:00"),)),  # just after: free
    ]
    assert free_colleagues(colleagues, slot.start, slot.end) == (10, 15)


def test_the_absent_caseworker_and_the_joint_interviews_other_participant_are_not_offered():
    slot = between("2026-12-01", "10:00", "10:30")
    assert free_colleagues([colleague(1), colleague(2), colleague(3)], slot.start, slot.end, taken=(1, 3)) == (2,)


def test_every_hit_interview_needs_a_usable_choice():
    hit = [booked(1, "2026-12-01", "09:00", "09:30"), booked(2, "2026-12-01", "10:00", "10:30"),
           booked(3, "2026-12-01", "11:00", "11:30")]
    free = {1: [10], 2: [10, 11], 3: []}
    good = {1: Move(10), 2: Cancel("Sygdom"), 3: Keep()}
    assert choice_problems(hit, good, free, may_keep=True) == []
    problems = choice_problems(hit, {1: Move(11), 2: Cancel("  ")}, free, may_keep=True)
    assert [(p.interview_id, p.what) for p in problems] == [(1, "colleague"), (2, "reason"), (3, "missing")]
    assert [(p.interview_id, p.what) for p in choice_problems(hit, good, free, may_keep=False)] == [(3, "keep")]


def test_a_choice_for_an_interview_the_change_does_not_hit_is_unknown():
    hit = [booked(1, "2026-12-01", "09:00", "09:30")]
    assert unknown_choices(hit, {1: Keep(), 99: Cancel("x")}) == {99}
