"""R23 signals, R27 supervision, Danish time across DST changes."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from scheduling.course import BookedBy, InterviewStatus, Organisation
from scheduling.evaluation import evaluate
from scheduling.rules.facts import local_date
from scheduling.rules.signals import signals
from scheduling.rules.supervision import MemberFacts, star_contacts, supervise

from .factories import a_course, at, d, interview

FIRST = interview("2026-01-12", booked_by=BookedBy.CALLED_IN)


def booked(day, **extra):
    return interview(day, status=InterviewStatus.BOOKED, **extra)


def test_R23_beyond_agreed_signal_is_never_a_decision():
    course = a_course(interviews=[FIRST, *(booked(f"2026-02-{n:02d}") for n in (2, 9, 16, 23))])
    evaluation = evaluate(course, d("2026-01-20"))
    kinds = {s.kind for s in evaluation.signals}
    assert "beyond_agreed" in kinds and evaluation.citizen.may_self_book


def test_R23_three_open_bookings_is_not_a_signal():
    course = a_course(interviews=[FIRST, *(booked(f"2026-02-{n:02d}") for n in (2, 9, 16))])
    assert not [s for s in signals(course, d("2026-01-20")) if s.kind == "beyond_agreed"]


@pytest.mark.parametrize("days, expected", [(["02", "03", "04"], True), (["02", "03", "09"], False)])
def test_R23_close_together_signal(days, expected):
    course = a_course(interviews=[FIRST, *(booked(f"2026-02-{n}") for n in days)])
    assert any(s.kind == "close_together" for s in signals(course, d("2026-01-20"))) is expected


def test_R23_frequent_rebooking_in_recent_window():
    recent = booked("2026-02-10", booked_on=at("2026-01-25"), rebooked_count=3)
    old = booked("2026-02-12", booked_on=at("2025-12-01"), rebooked_count=5)
    assert any(s.kind == "frequent_rebooking" for s in signals(a_course(interviews=[FIRST, recent]), d("2026-02-01")))
    assert not any(s.kind == "frequent_rebooking" for s in signals(a_course(interviews=[FIRST, old]), d("2026-02-01")))


@pytest.mark.parametrize("held, deficient", [([3, 3, 3, 3, 2], False), ([3, 3, 3, 2, 2], True)])
def test_R27_more_than_20_percent_without_three_is_deficient(held, deficient):
    result = supervise([MemberFacts(n) for n in held], d("2026-06-30"))
    assert result.deficient is deficient and result.share == Decimal(sum(n < 3 for n in held)) / len(held)


def test_R27_star_contacts_after_6_deficient_months_in_a_row():
    bad, good = supervise([MemberFacts(0)], d("2026-06-30")), supervise([MemberFacts(3)], d("2026-06-30"))
    assert star_contacts([bad] * 6, d("2026-06-30"))
    assert not star_contacts([bad] * 5, d("2026-06-30"))
    assert not star_contacts([bad, bad, bad, good, bad, bad, bad], d("2026-06-30"))


@pytest.mark.parametrize(
    "utc, local",
    [
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "2026-03-29"),  # 00:30 CET on the spring-forward day
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "2026-03-29"),   # 01:30 CET, half an hour before the jump
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), "2026-10-25"), # 00:30 CEST on the fall-back day
        (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), "2026-10-25"), # 23:59 CET
        (datetime(2026, 10, 25, 23, 0, tzinfo=UTC), "2026-10-26"),
    ],
)
def test_R6_dates_from_instants_are_danish_days_across_dst(utc, local):
    assert local_date(utc) == d(local)


def test_R6_interview_at_0230_on_dst_days_falls_on_that_day():
    for day in ("2026-03-29", "2026-10-25"):
        instant = at(day, "02:30").astimezone(UTC)
        assert local_date(instant) == d(day)


def test_R6_late_evening_utc_interview_on_deadline_day_counts():
    # registered 16 March -> due 30 March; 23:30 Danish summer time on 30 March is 21:30 UTC that day
    held = interview("2026-03-30", time="23:30", org=Organisation.AKASSE)
    held = held.__class__(**{**held.__dict__, "start": held.start.astimezone(UTC), "end": held.end.astimezone(UTC)})
    r6 = next(o for o in evaluate(a_course(registered="2026-03-16", interviews=[held]), d("2026-03-31")).obligations if o.rule == "R6")
    assert r6.held == 1 and r6.due == d("2026-03-30")
    assert (held.start + timedelta(hours=1)).date() == d("2026-03-30")
