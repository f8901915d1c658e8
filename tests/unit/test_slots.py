"""The free-slot finder (scheduling/slots.py): working hours in Danish time minus everything that takes them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta

import pytest

from scheduling.course import AkasseParticipation
from scheduling.slots import (
    COPENHAGEN,
    Interval,
    SlotSearch,
    WorkingHours,
    danish_holidays,
    free_joint_slots,
    free_slots,
    local_instant,
    slots_by_day,
)
from tests.unit.slot_factories import (
    SUNDAY,
    TUESDAY,
    between,
    caseworker,
    cph,
    search,
    timeslot,
    utc,
    week,
    whole_days,
)


def local_times(slots) -> list[str]:
    return [slot.local_start.strftime("%H:%M") for slot in slots]


def assert_exact_and_distinct(slots, minutes: int) -> None:
    starts = [slot.start for slot in slots]
    assert len(set(starts)) == len(starts), "an instant is offered twice"
    assert starts == sorted(starts)
    for slot in slots:
        assert slot.start.tzinfo is UTC and slot.end.tzinfo is UTC
        assert slot.end - slot.start == timedelta(minutes=minutes)


# --- working hours and the grid -----------------------------------------------------------------------------


def test_a_working_day_is_stepped_from_the_start_and_every_slot_ends_inside_it():
    slots = free_slots([caseworker()], search("2026-03-10", length=45, step=30))
    assert local_times(slots) == [f"{h:02d}:{m:02d}" for h in range(8, 15) for m in (0, 30)][1:-1]
    assert slots[-1].local_end.strftime("%H:%M") == "14:45"
    assert_exact_and_distinct(slots, 45)


def test_a_45_minute_step_gives_back_to_back_interviews():
    slots = free_slots([caseworker()], search("2026-03-10", length=45, step=45))
    assert local_times(slots) == ["08:30", "09:15", "10:00", "10:45", "11:30", "12:15", "13:00", "13:45"]


def test_no_slots_on_days_without_working_hours():
    slots = free_slots([caseworker()], search("2026-03-14", "2026-03-15"))  # Saturday and Sunday
    assert slots == []


def test_each_slot_lists_every_caseworker_free_for_it_in_the_order_given():
    early = caseworker("early", week("08:00", "12:00"))
    late = caseworker("late", week("10:00", "15:00"))
    by_time = {
        s.local_start.strftime("%H:%M"): s
        for s in free_slots([late, early], search("2026-03-10", length=60, step=60))
    }
    assert by_time["08:00"].caseworker_ids == ("early",)
    assert by_time["10:00"].caseworker_ids == ("late", "early")
    assert by_time["11:00"].caseworker_ids == ("late", "early")
    assert by_time["14:00"].caseworker_ids == ("late",)
    assert "12:00" in by_time and "12:00" not in {
        t for t, s in by_time.items() if "early" in s.caseworker_ids
    }


# --- daylight saving time -----------------------------------------------------------------------------------


def test_working_hours_follow_danish_time_across_the_march_change():
    slots = slots_by_day(free_slots([caseworker()], search("2026-03-27", "2026-03-30")))
    assert list(slots) == [date(2026, 3, 27), date(2026, 3, 30)]
    assert slots[date(2026, 3, 27)][0].start == utc("2026-03-27", "07:30")  # CET, UTC+1
    assert slots[date(2026, 3, 30)][0].start == utc("2026-03-30", "06:30")  # CEST, UTC+2
    assert slots[date(2026, 3, 30)][-1].local_end.strftime("%H:%M") == "14:45"


def test_working_hours_follow_danish_time_across_the_october_change():
    slots = slots_by_day(free_slots([caseworker()], search("2026-10-23", "2026-10-26")))
    assert slots[date(2026, 10, 23)][0].start == utc("2026-10-23", "06:30")  # CEST
    assert slots[date(2026, 10, 26)][0].start == utc("2026-10-26", "07:30")  # CET
    assert len(slots[date(2026, 10, 23)]) == len(slots[date(2026, 10, 26)])


def test_the_missing_hour_in_march_is_never_offered_and_durations_stay_exact():
    night = caseworker(hours=week("00:00", "06:00", days=(SUNDAY,)))
    slots = free_slots([night], search("2026-03-29", length=30, step=30))
    assert "02:00" not in local_times(slots) and "02:30" not in local_times(slots)
    assert len(slots) == 10  # 00:00–06:00 on that day is five real hours
    assert_exact_and_distinct(slots, 30)
    assert all(a.end == b.start for a, b in zip(slots, slots[1:], strict=False))


def test_the_repeated_hour_in_october_gives_each_instant_once():
    night = caseworker(hours=week("00:00", "06:00", days=(SUNDAY,)))
    slots = free_slots([night], search("2026-10-25", length=30, step=30))
    assert len(slots) == 14  # 00:00–06:00 on that day is seven real hours
    assert_exact_and_distinct(slots, 30)
    assert all(a.end == b.start for a, b in zip(slots, slots[1:], strict=False))
    assert local_times(slots).count("02:30") == 2  # the two 02:30s are different instants, one hour apart
    twice = [s.start for s in slots if s.local_start.strftime("%H:%M") == "02:30"]
    assert twice[1] - twice[0] == timedelta(hours=1)


def test_a_slot_across_the_march_change_lasts_exactly_its_length():
    night = caseworker(hours=week("01:00", "04:00", days=(SUNDAY,)))
    slots = free_slots([night], search("2026-03-29", length=60, step=45))
    assert_exact_and_distinct(slots, 60)
    across = slots[1]
    assert across.local_start.strftime("%H:%M") == "01:45"
    assert across.local_end.strftime("%H:%M") == "03:45"  # 01:45 CET + 60 minutes is 03:45 CEST
    assert slots[-1].end <= local_instant(date(2026, 3, 29), cph("2026-03-29", "04:00").time(), end=True)


def test_working_hours_that_start_in_the_missing_hour_start_when_the_clock_jumps():
    night = caseworker(hours=week("02:30", "04:00", days=(SUNDAY,)))
    slots = free_slots([night], search("2026-03-29", length=30, step=30))
    assert [s.start for s in slots] == [utc("2026-03-29", "01:00"), utc("2026-03-29", "01:30")]
    assert local_times(slots) == ["03:00", "03:30"]


def test_local_instant_resolves_gap_and_repeated_hour():
    assert local_instant(date(2026, 3, 29), cph("2026-03-29", "02:30").time()) == utc("2026-03-29", "01:00")
    first = local_instant(date(2026, 10, 25), cph("2026-10-25", "02:30").time())
    second = local_instant(date(2026, 10, 25), cph("2026-10-25", "02:30").time(), end=True)
    assert (first, second) == (utc("2026-10-25", "00:30"), utc("2026-10-25", "01:30"))


# --- holidays -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("holiday", "name", "next_working_day"),
    [
        ("2026-12-25", "Juledag", "2026-12-28"),
        ("2026-04-06", "Anden påskedag", "2026-04-07"),
        ("2026-05-14", "Kristi himmelfartsdag", "2026-05-15"),
        ("2026-04-03", "Langfredag", "2026-04-07"),
    ],
)
def test_danish_public_holidays_are_never_offered(holiday, name, next_working_day):
    assert danish_holidays([2026])[date.fromisoformat(holiday)] == name
    by_day = slots_by_day(free_slots([caseworker()], search(holiday, next_working_day)))
    assert date.fromisoformat(holiday) not in by_day
    assert date.fromisoformat(next_working_day) in by_day


def test_holidays_are_not_offered_for_joint_interviews_either():
    jc, ak = caseworker("jc", week(days=(0, 1, 2, 3, 4))), caseworker("ak")
    thursday = timeslot(weekday=3)  # Kristi himmelfartsdag 2026 is a Thursday
    assert free_joint_slots([jc], [ak], [thursday], search("2026-05-14")) == []
    assert free_joint_slots([jc], [ak], [thursday], search("2026-05-21")) != []


def test_grundlovsdag_is_not_an_official_holiday_in_the_package_so_it_is_offered():
    # holidays.Denmark lists 5 June (and 24 and 31 December, 1 May) only in its "optional" category.
    assert date(2026, 6, 5) not in danish_holidays([2026])
    assert date(2026, 12, 24) not in danish_holidays([2026])
    assert free_slots([caseworker()], search("2026-06-05")) != []


def test_store_bededag_is_a_holiday_until_it_was_abolished_in_2024():
    assert danish_holidays([2023])[date(2023, 5, 5)] == "Store bededag"
    assert "Store bededag" not in danish_holidays([2024, 2025, 2026]).values()


def test_danish_holidays_covers_every_year_asked_for_in_date_order():
    found = danish_holidays([2027, 2026])
    assert {d.year for d in found} == {2026, 2027}
    assert list(found) == sorted(found)
    assert found[date(2027, 1, 1)] == "Nytårsdag"


def test_a_caller_may_pass_its_own_holiday_calendar():
    closed = {date(2026, 3, 10): "Personaledag"}
    assert free_slots([caseworker()], search("2026-03-10", holidays=closed)) == []
    assert free_slots([caseworker()], search("2026-12-25", holidays={})) != []


# --- what takes time away -----------------------------------------------------------------------------------


def test_an_absent_caseworker_is_not_offered_and_others_still_are():
    away = caseworker("away", absences=(whole_days("2026-03-09", "2026-03-13"),))
    here = caseworker("here")
    slots = free_slots([away, here], search("2026-03-10"))
    assert slots and all(s.caseworker_ids == ("here",) for s in slots)
    assert free_slots([away], search("2026-03-09", "2026-03-13")) == []
    assert free_slots([away], search("2026-03-16")) != []


def test_a_part_day_absence_blocks_only_its_hours():
    dentist = caseworker(absences=(between("2026-03-10", "08:00", "11:00"),))
    assert local_times(free_slots([dentist], search("2026-03-10", length=60, step=60)))[0] == "11:30"


def test_busy_times_block_slots_that_overlap_them_and_touching_is_fine():
    busy = caseworker(busy=(between("2026-03-10", "10:00", "11:00"),))
    times = local_times(free_slots([busy], search("2026-03-10", length=30, step=30)))
    assert "09:30" in times  # ends exactly when the busy time starts
    assert "10:00" not in times and "10:30" not in times
    assert "11:00" in times  # starts exactly when it ends
    assert "09:45" not in local_times(free_slots([busy], search("2026-03-10", length=45, step=15)))


def test_existing_interviews_block_the_caseworker():
    booked = caseworker("booked", interviews=(between("2026-03-10", "09:00", "09:45"),))
    free = caseworker("free")
    by_time = {
        s.local_start.strftime("%H:%M"): s.caseworker_ids
        for s in free_slots([booked, free], search("2026-03-10"))
    }
    assert by_time["09:00"] == ("free",)
    assert by_time["08:30"] == ("free",)  # 08:30–09:15 overlaps the interview
    assert by_time["10:00"] == ("booked", "free")


def test_a_fully_booked_day_offers_nothing():
    full = caseworker(interviews=(between("2026-03-10", "08:30", "15:00"),))
    assert free_slots([full], search("2026-03-10")) == []


def test_the_booking_notice_hides_slots_before_the_earliest_instant_and_keeps_the_grid():
    earliest = cph("2026-03-10", "10:10")
    slots = free_slots([caseworker()], search("2026-03-09", "2026-03-11", earliest=earliest))
    assert slots[0].local_start == cph("2026-03-10", "10:30")
    assert all(s.start >= earliest for s in slots)
    assert date(2026, 3, 9) not in slots_by_day(slots)
    assert local_times(slots_by_day(slots)[date(2026, 3, 11)])[0] == "08:30"


def test_the_earliest_instant_exactly_on_a_slot_start_keeps_that_slot():
    slots = free_slots([caseworker()], search("2026-03-10", earliest=cph("2026-03-10", "10:00")))
    assert local_times(slots)[0] == "10:00"


# --- joint interviews (R22) ---------------------------------------------------------------------------------


def test_R22_joint_slots_lie_only_inside_an_accepted_timeslot():
    slots = free_joint_slots(
        [caseworker("jc")], [caseworker("ak")], [timeslot()], search("2026-03-09", "2026-03-13", length=60)
    )
    assert [s.local_start for s in slots] == [cph("2026-03-10", t) for t in ("10:00", "10:30", "11:00")]
    assert all(s.local_end <= cph("2026-03-10", "12:00") for s in slots)


def test_R22_joint_slots_name_both_caseworkers_and_the_timeslot():
    slots = free_joint_slots(
        [caseworker("jc-1"), caseworker("jc-2")],
        [caseworker("ak-1")],
        [timeslot("ts-7", participation=AkasseParticipation.IN_PERSON)],
        search("2026-03-10"),
    )
    assert slots[0].caseworker_ids == ("jc-1", "jc-2")
    assert slots[0].akasse_caseworker_ids == ("ak-1",)
    assert slots[0].timeslot_id == "ts-7"
    assert slots[0].akasse_participation is AkasseParticipation.IN_PERSON


def test_R22_a_joint_slot_needs_the_akasse_caseworker_free_too():
    ak_busy = caseworker("ak", busy=(between("2026-03-10", "10:00", "11:00"),))
    slots = free_joint_slots([caseworker("jc")], [ak_busy], [timeslot()], search("2026-03-10", length=60))
    assert local_times(slots) == ["11:00"]


def test_R22_a_joint_slot_needs_a_jobcenter_caseworker_free_too():
    jc_booked = caseworker("jc", interviews=(between("2026-03-10", "10:30", "11:30"),))
    slots = free_joint_slots([jc_booked], [caseworker("ak")], [timeslot()], search("2026-03-10", length=30))
    assert local_times(slots) == ["10:00", "11:30"]


def test_R22_no_joint_slot_when_either_side_is_absent_or_off_work():
    absent = caseworker("ak", absences=(whole_days("2026-03-10", "2026-03-10"),))
    assert free_joint_slots([caseworker("jc")], [absent], [timeslot()], search("2026-03-10")) == []
    mornings = caseworker("jc", week("08:00", "10:00"))
    assert free_joint_slots([mornings], [caseworker("ak")], [timeslot()], search("2026-03-10")) == []


def test_R22_a_timeslot_applies_only_within_its_validity_dates():
    spring = timeslot(valid_from="2026-03-10", valid_until="2026-03-17")
    slots = free_joint_slots(
        [caseworker("jc")], [caseworker("ak")], [spring], search("2026-03-01", "2026-03-31")
    )
    assert sorted(slots_by_day(slots)) == [date(2026, 3, 10), date(2026, 3, 17)]


def test_R22_an_ended_timeslot_offers_nothing_from_the_day_it_was_ended():
    ended = replace(timeslot(), ended_from=date(2026, 3, 17))
    slots = free_joint_slots(
        [caseworker("jc")], [caseworker("ak")], [ended], search("2026-03-01", "2026-03-31")
    )
    assert sorted(slots_by_day(slots)) == [date(2026, 3, 3), date(2026, 3, 10)]
    assert replace(timeslot(), ended_from=date(2026, 1, 1)).applies_on(date(2026, 3, 3)) is False


def test_R22_overlapping_timeslots_offer_each_instant_once():
    a = timeslot("a", start="10:00", end="12:00")
    b = timeslot("b", start="11:00", end="13:00")
    slots = free_joint_slots([caseworker("jc")], [caseworker("ak")], [a, b], search("2026-03-10", length=60))
    assert local_times(slots) == ["10:00", "10:30", "11:00", "11:30", "12:00"]
    assert [s.timeslot_id for s in slots] == ["a", "a", "a", "b", "b"]
    assert_exact_and_distinct(slots, 60)


def test_R22_joint_slots_respect_the_booking_notice():
    slots = free_joint_slots(
        [caseworker("jc")],
        [caseworker("ak")],
        [timeslot()],
        search("2026-03-10", "2026-03-17", earliest=cph("2026-03-10", "11:00")),
    )
    assert slots[0].local_start == cph("2026-03-10", "11:00")


def test_R22_joint_slots_follow_danish_time_across_dst():
    slots = free_joint_slots(
        [caseworker("jc")], [caseworker("ak")], [timeslot()], search("2026-03-24", "2026-03-31")
    )
    assert [s.start for s in slots if s.local_start.strftime("%H:%M") == "10:00"] == [
        utc("2026-03-24", "09:00"),
        utc("2026-03-31", "08:00"),
    ]


# --- grouping for the pages ---------------------------------------------------------------------------------


def test_slots_are_grouped_by_their_danish_date_not_their_utc_date():
    midnight = caseworker(hours=week("00:00", "01:00", days=(TUESDAY,)))
    slots = free_slots([midnight], search("2026-03-10", length=30, step=30))
    assert slots[0].start.date() == date(2026, 3, 9)  # 23:00 UTC the day before
    assert list(slots_by_day(reversed(slots))) == [date(2026, 3, 10)]
    assert slots_by_day(reversed(slots))[date(2026, 3, 10)] == slots


# --- inputs and speed ---------------------------------------------------------------------------------------


def test_naive_instants_and_inverted_hours_are_refused():
    with pytest.raises(ValueError):
        Interval(cph("2026-03-10", "10:00").replace(tzinfo=None), cph("2026-03-10", "11:00"))
    with pytest.raises(ValueError):
        WorkingHours(0, cph("2026-03-10", "15:00").time(), cph("2026-03-10", "08:00").time())
    with pytest.raises(ValueError):
        search("2026-03-10", earliest=cph("2026-03-10", "10:00").replace(tzinfo=None))
    with pytest.raises(ValueError):
        SlotSearch(
            timedelta(0),
            timedelta(minutes=30),
            date(2026, 3, 10),
            date(2026, 3, 10),
            cph("2026-03-10", "08:00"),
        )


def test_a_month_for_twenty_caseworkers_offers_every_free_time_with_everyone_free_for_it():
    """Twenty caseworkers, each with one interview a day and all at a lunch meeting, for a month: every weekday
    offers the times outside the meeting, each naming exactly the caseworkers free for all of it. (How long the
    search takes is measured in benchmarks/bench_slots.py, not asserted here.)"""
    caseworkers = [
        caseworker(
            f"cw-{n}",
            busy=tuple(between(f"2026-03-{d:02d}", "12:00", "12:30") for d in range(2, 31)),
            interviews=tuple(
                between(f"2026-03-{d:02d}", f"{9 + n % 5}:00", f"{9 + n % 5}:45") for d in range(2, 31)
            ),
        )
        for n in range(20)
    ]
    month = search("2026-03-01", "2026-03-31", earliest=cph("2026-03-02", "00:00").astimezone(COPENHAGEN))
    slots = free_slots(caseworkers, month)
    assert_exact_and_distinct(slots, 45)
    by_day = slots_by_day(slots)
    weekdays = [day for day in (date(2026, 3, 2) + timedelta(days=n) for n in range(30)) if day.weekday() < 5]
    assert list(by_day) == weekdays
    whole_day = [f"{h:02d}:{m:02d}" for h in range(8, 15) for m in (0, 30)][1:-1]
    outside_the_meeting = [t for t in whole_day if t not in ("11:30", "12:00")]
    for day in weekdays[:-1]:
        assert local_times(by_day[day]) == outside_the_meeting, day
    assert local_times(by_day[date(2026, 3, 31)]) == whole_day  # the meetings and interviews end on 30 March

    def free_for(slot) -> tuple[str, ...]:
        if slot.local_start.date() == date(2026, 3, 31):
            return tuple(f"cw-{n}" for n in range(20))
        # in minutes after midnight, Danish time; cw-n's interview starts at 9 + n % 5 o'clock and lasts 45 min
        start = slot.local_start.hour * 60 + slot.local_start.minute
        interview = {n: (9 + n % 5) * 60 for n in range(20)}
        return tuple(
            f"cw-{n}" for n in range(20) if not (start < interview[n] + 45 and interview[n] < start + 45)
        )

    for slot in slots:
        assert slot.caseworker_ids == free_for(slot), slot.local_start
