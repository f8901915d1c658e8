"""Repeating events that began long ago: the import expands only the window, bounds its work, and refuses
nonsense rules in Danish (issue 9).

The work is measured, not timed: ``rule_steps`` counts every occurrence dateutil produces for any rule during
the import (and stops a runaway expansion with an error), so "a daily meeting since 1970 costs some tens of
steps for a month's window, not 20,000" is an assertion about work, independent of the machine. Each rule is
walked twice over the window (once counted against the budget, once expanded), which the bounds allow for.
"""

from __future__ import annotations

import itertools
import threading
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import pytest
import recurring_ical_events
from dateutil import rrule as dateutil_rrule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from scheduling.calendar import busy
from scheduling.calendar.busy import BusyInterval, CalendarImportError, busy_times, merge
from tests.unit.calendar.factories import MARCH_END, MARCH_START, ics, interval, local, march, utc

RUNAWAY = 50_000


class Runaway(Exception):
    """dateutil produced far more occurrences than any window needs: the import walked from the start."""


@pytest.fixture
def rule_steps(monkeypatch):
    """The number of occurrences dateutil has produced so far, for every rule of the import."""
    steps = itertools.count(1)
    seen = [0]
    original = dateutil_rrule.rrule._iter

    def counting(self):
        for value in original(self):
            seen[0] = next(steps)
            if seen[0] > RUNAWAY:
                raise Runaway(seen[0])
            yield value

    monkeypatch.setattr(dateutil_rrule.rrule, "_iter", counting)
    return lambda: seen[0]


def days_of(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def at(day: date, hh_mm: str, minutes: int) -> BusyInterval:
    """``minutes`` from ``hh_mm`` Copenhagen time on ``day``, as a UTC interval."""
    start = local(f"{day.isoformat()} {hh_mm}").astimezone(UTC)
    return BusyInterval(start, start + timedelta(minutes=minutes))


# --- Realistic calendars that began long ago still give the right busy times ----------------------------------


def test_a_daily_meeting_since_1970_gives_every_day_of_the_window_without_walking_from_1970(rule_steps):
    data = ics(
        "DTSTART;TZID=Europe/Copenhagen:19700101T090000\nDTEND;TZID=Europe/Copenhagen:19700101T093000\n"
        "RRULE:FREQ=DAILY"
    )
    assert march(data) == [at(day, "09:00", 30) for day in days_of(date(2026, 3, 1), date(2026, 3, 31))]
    assert rule_steps() < 200  # a month and a few days of margin; from 1970 it would be 20,544


def test_a_weekly_meeting_since_2005_with_exdates_skips_the_excluded_days(rule_steps):
    data = ics(
        """
        DTSTART;TZID=Europe/Copenhagen:20050103T140000
        DTEND;TZID=Europe/Copenhagen:20050103T150000
        RRULE:FREQ=WEEKLY;BYDAY=MO,WE
        EXDATE;TZID=Europe/Copenhagen:20100104T140000
        EXDATE;TZID=Europe/Copenhagen:20260311T140000,20260323T140000
        """
    )
    days = [date(2026, 3, d) for d in (2, 4, 9, 16, 18, 25, 30)]  # 11 and 23 March excluded
    assert march(data) == [at(day, "14:00", 60) for day in days]
    assert rule_steps() < 50


def test_an_every_other_hour_rule_since_last_year_gives_the_window_only(rule_steps):
    data = ics("DTSTART:20250101T001500Z\nDTEND:20250101T003000Z\nRRULE:FREQ=HOURLY;INTERVAL=2")
    # every even UTC hour at a quarter past, from 00:15 on 1 March (March begins at 23:00 UTC the day before)
    first = datetime(2026, 3, 1, 0, 15, tzinfo=UTC)
    expected = [
        BusyInterval(first + timedelta(hours=2 * n), first + timedelta(hours=2 * n, minutes=15))
        for n in range(371)
    ]
    assert expected[-1].start == datetime(2026, 3, 31, 20, 15, tzinfo=UTC)
    assert march(data) == expected
    assert rule_steps() <= 2 * (31 + 4) * 12  # counted once, expanded once: the window and two days each side


def test_a_monthly_rule_on_the_31st_since_1970_skips_short_months_and_hits_31_march(rule_steps):
    data = ics(
        "DTSTART;TZID=Europe/Copenhagen:19700131T100000\nDTEND;TZID=Europe/Copenhagen:19700131T110000\n"
        "RRULE:FREQ=MONTHLY"
    )
    assert march(data) == [at(date(2026, 3, 31), "10:00", 60)]
    assert rule_steps() < 20


def test_a_yearly_birthday_on_29_february_since_1972_is_busy_all_day_in_a_leap_year(rule_steps):
    data = ics("DTSTART;VALUE=DATE:19720229\nDTEND;VALUE=DATE:19720301\nRRULE:FREQ=YEARLY")
    window = local("2028-02-01 00:00"), local("2028-03-15 00:00")
    assert busy_times(data, *window) == [
        BusyInterval(local("2028-02-29 00:00").astimezone(UTC), local("2028-03-01 00:00").astimezone(UTC))
    ]
    assert rule_steps() < 20


def test_a_count_that_ended_before_the_window_gives_nothing_and_one_that_did_not_gives_the_rest(rule_steps):
    daily = "DTSTART:19700101T080000Z\nDTEND:19700101T083000Z\nRRULE:FREQ=DAILY;COUNT={count}"
    # occurrence number days_to_march + 1 is on 1 March
    days_to_march = (date(2026, 3, 1) - date(1970, 1, 1)).days
    assert march(ics(daily.format(count=days_to_march))) == []
    assert march(ics(daily.format(count=days_to_march + 10))) == [
        interval(f"2026-03-{d:02} 08:00", f"2026-03-{d:02} 08:30") for d in range(1, 11)
    ]
    assert rule_steps() < 200


def test_until_inside_the_window_ends_a_rule_since_1970(rule_steps):
    data = ics("DTSTART:19700101T080000Z\nDTEND:19700101T083000Z\nRRULE:FREQ=DAILY;UNTIL=20260305T080000Z")
    assert march(data) == [interval(f"2026-03-0{d} 08:00", f"2026-03-0{d} 08:30") for d in range(1, 6)]
    assert rule_steps() < 200


def test_a_moved_occurrence_of_a_series_since_1970_replaces_its_original(rule_steps):
    data = ics(
        "DTSTART;TZID=Europe/Copenhagen:19700105T090000\nDTEND;TZID=Europe/Copenhagen:19700105T100000\n"
        "RRULE:FREQ=WEEKLY",
        "RECURRENCE-ID;TZID=Europe/Copenhagen:20260309T090000\n"
        "DTSTART;TZID=Europe/Copenhagen:20260310T130000\nDTEND;TZID=Europe/Copenhagen:20260310T140000",
    )
    data = data.replace(b"UID:event-1@example.com", b"UID:event-0@example.com")
    mondays = [date(2026, 3, d) for d in (2, 16, 23, 30)]
    expected = [at(day, "09:00", 60) for day in mondays] + [at(date(2026, 3, 10), "13:00", 60)]
    assert march(data) == sorted(expected)
    assert rule_steps() < 50


# --- What an attacker sends: bounded work, a Danish refusal -------------------------------------------------

MINUTELY_SINCE_1970 = ics("DTSTART:19700101T000000Z\nDTEND:19700101T000030Z\nRRULE:FREQ=MINUTELY")


def test_a_minutely_rule_since_1970_is_refused_after_a_bounded_number_of_steps(rule_steps):
    with pytest.raises(CalendarImportError) as raised:
        busy_times(MINUTELY_SINCE_1970, MARCH_START, MARCH_END)
    assert str(raised.value) == "Kalenderen har for mange aftaler i perioden til at blive læst."
    assert rule_steps() <= busy.MAX_OCCURRENCES + 1


def test_a_minutely_rule_since_1970_does_not_make_memory_explode():
    tracemalloc.start()
    try:
        with pytest.raises(CalendarImportError):
            busy_times(MINUTELY_SINCE_1970, MARCH_START, local("2026-09-01 00:00"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_the_minutely_file_under_a_tiny_time_limit_gives_the_danish_time_error():
    ticks = itertools.count()
    with pytest.raises(CalendarImportError) as raised:
        busy_times(MINUTELY_SINCE_1970, MARCH_START, MARCH_END, time_limit=10, clock=lambda: next(ticks))
    assert str(raised.value) == "Kalenderen tog for lang tid at læse (mere end 10 sekunder)."


def test_a_realistic_calendar_under_a_tiny_time_limit_is_stopped_by_the_deadline_in_the_loop():
    data = ics("DTSTART:20260301T080000Z\nDTEND:20260301T083000Z\nRRULE:FREQ=DAILY")
    ticks = itertools.count()
    with pytest.raises(CalendarImportError, match="for lang tid"):
        busy_times(data, MARCH_START, MARCH_END, time_limit=5, clock=lambda: next(ticks))
    assert len(march(data)) == 31  # with the real clock it is read


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-1", "FREQ=HOURLY;INTERVAL=100001"]
)
def test_a_rule_with_a_nonsense_interval_is_refused_in_danish(rule, rule_steps):
    data = ics(f"DTSTART:19700101T000000Z\nDTEND:19700101T010000Z\nRRULE:{rule}")
    with pytest.raises(CalendarImportError) as raised:
        march(data)
    assert str(raised.value) == (
        "En gentagen aftale i kalenderen har et ugyldigt interval (INTERVAL skal være et helt tal fra 1 til 10000)."
    )


@pytest.mark.parametrize("rule", ["FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=-5"])
def test_a_rule_with_a_nonsense_count_is_refused_in_danish(rule, rule_steps):
    data = ics(f"DTSTART:19700101T000000Z\nDTEND:19700101T010000Z\nRRULE:{rule}")
    with pytest.raises(CalendarImportError) as raised:
        march(data)
    assert (
        str(raised.value)
        == "En gentagen aftale i kalenderen har et ugyldigt antal gentagelser (COUNT skal være mindst 1)."
    )


def test_a_rule_that_never_matches_is_not_walked_to_the_year_9999(rule_steps):
    """30 February never comes: dateutil would look for it year after year; the window bounds the search."""
    data = ics("DTSTART:19700101T000000Z\nDTEND:19700101T010000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    calls = []
    original = dateutil_rrule.rrule.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        calls.append(self._until)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dateutil_rrule.rrule, "__init__", recording)
        assert march(data) == []
    assert calls and all(until is not None and until.year == 2026 for until in calls)


# --- The rebased expansion equals the full one (where the full one is cheap) ---------------------------------

FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY"]
BYDAYS = [None, "MO", "MO,WE,FR", "1MO", "-1FR"]


def _reference(data: bytes, start: datetime, end: datetime) -> list[BusyInterval]:
    """The busy times by expanding everything from the start with recurring_ical_events itself."""
    calendar = Calendar.from_ical(data)
    result = []
    for occurrence in recurring_ical_events.of(calendar).between(
        start - timedelta(days=1), end + timedelta(days=1)
    ):
        s, e = busy._instants(occurrence)
        s, e = max(s, start.astimezone(UTC)), min(e, end.astimezone(UTC))
        if s < e:
            result.append(BusyInterval(s, e))
    return merge(result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    freq=st.sampled_from(FREQS),
    interval_=st.integers(min_value=1, max_value=5),
    byday=st.sampled_from(BYDAYS),
    count=st.one_of(st.none(), st.integers(min_value=1, max_value=800)),
    first=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 2, 20)),
    zone=st.sampled_from(["TZID=Europe/Copenhagen:", ":", "UTC"]),
    minutes=st.integers(min_value=15, max_value=600),
)
def test_the_rebased_expansion_gives_the_same_busy_times_as_expanding_from_the_start(
    freq, interval_, byday, count, first, zone, minutes
):
    if byday and freq in ("DAILY", "HOURLY") and byday[0] in "1-":
        byday = "MO"  # numbered weekdays only mean something in monthly and yearly rules
    if freq == "HOURLY" and count is None:
        count = 500  # keep the reference expansion cheap
    first = first.replace(second=0, microsecond=0)
    stamp = first.strftime("%Y%m%dT%H%M%S")
    end = (first + timedelta(minutes=minutes)).strftime("%Y%m%dT%H%M%S")
    if zone == "UTC":
        dtstart, dtend = f"DTSTART:{stamp}Z", f"DTEND:{end}Z"
    else:
        dtstart, dtend = f"DTSTART;{zone}{stamp}".replace(";:", ":"), f"DTEND;{zone}{end}".replace(";:", ":")
    rule = f"RRULE:FREQ={freq};INTERVAL={interval_}" + (f";BYDAY={byday}" if byday else "")
    rule += f";COUNT={count}" if count else ""
    data = ics(f"{dtstart}\n{dtend}\n{rule}\nEXDATE:{(first + timedelta(days=7)).strftime('%Y%m%dT%H%M%S')}Z")
    window = local("2026-03-01 00:00"), local("2026-04-15 00:00")
    assert busy_times(data, *window, max_occurrences=20_000) == _reference(data, *window)


# --- Running a refresh with an overall time limit -------------------------------------------------------------


def test_call_with_time_limit_gives_the_result_or_the_danish_time_error_without_waiting_for_the_work():
    assert busy.call_with_time_limit(lambda: 42, 5) == 42
    release = threading.Event()
    try:
        with pytest.raises(CalendarImportError) as raised:
            busy.call_with_time_limit(release.wait, 0.05)
        assert str(raised.value) == "Kalenderen kunne ikke hentes og læses inden for 1 sekunder."
    finally:
        release.set()


def test_call_with_time_limit_passes_on_the_works_own_error():
    def broken():
        raise CalendarImportError(busy.UNREADABLE)

    with pytest.raises(CalendarImportError, match="kunne ikke læses som en kalender"):
        busy.call_with_time_limit(broken, 5)


# --- Rules that produce nothing still cost work: bounded by the window's years and the deadline (issue 9 review) --


@pytest.fixture
def years_walked(monkeypatch):
    """The latest year dateutil's iteration reached for any rule (it rebuilds its tables at each new year);
    stops a walk that goes years past the window."""
    latest = [0]
    original = dateutil_rrule._iterinfo.rebuild

    def recording(self, year, month):
        latest[0] = max(latest[0], year)
        if year > 2100:
            raise Runaway(year)
        return original(self, year, month)

    monkeypatch.setattr(dateutil_rrule._iterinfo, "rebuild", recording)
    return lambda: latest[0]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MINUTELY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    ],
)
def test_a_rule_that_never_matches_is_searched_only_to_the_year_after_the_window(rule, years_walked):
    """dateutil checks UNTIL only against an occurrence it found: a rule that never finds one (30 February) was
    searched day by day to the year 9999, 8 s of one CPU for each such event of 150 bytes, twice."""
    data = ics(f"DTSTART:20260301T000000Z\nDTEND:20260301T000001Z\nRRULE:{rule}")
    assert march(data) == [BusyInterval(utc("2026-03-01 00:00"), utc("2026-03-01 00:00:01"))]  # DTSTART itself
    assert years_walked() <= 2027


def test_the_search_horizon_is_the_imports_only():
    """Outside an import dateutil searches as far as it always did (other users of the library are unchanged)."""
    found = dateutil_rrule.rrulestr("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", dtstart=datetime(2097, 3, 1))
    assert next(iter(found)) == datetime(2104, 2, 29)


def test_many_events_that_produce_nothing_in_the_window_are_stopped_by_the_deadline():
    """The deadline is checked for every event, not only for every occurrence produced: a file of events whose
    rules produce nothing in the window (each one a search of its own) cannot run past the time limit."""
    never_in_march = "DTSTART:20250301T000000Z\nDTEND:20250301T000100Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
    data = ics(*[never_in_march] * 30)
    ticks = itertools.count()
    with pytest.raises(CalendarImportError, match="for lang tid"):
        busy_times(data, MARCH_START, MARCH_END, time_limit=10, clock=lambda: next(ticks))
    assert march(data) == []  # with the real clock it is read
