"""The final check of a booking looks only at the chosen start, and says exactly what the slot finder offers.

:func:`scheduling.slots.free_caseworkers_at` / :func:`free_slot_at` / :func:`free_joint_slot_at` (R22) answer
for one start; a property test proves them equal to :func:`free_slots` / :func:`free_joint_slots` at every
start, on the grid or not, for random working hours, absences, busy times, interviews, closures and timeslots.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.course import AkasseParticipation
from scheduling.slots import (
    AgreedTimeslot,
    CaseworkerAvailability,
    Interval,
    SlotSearch,
    WorkingHours,
    free_caseworkers_at,
    free_joint_slot_at,
    free_joint_slots,
    free_slot_at,
    free_slots,
)

FIRST_DAY = date(2026, 3, 27)  # a Friday: the search may cross the March change and a weekend
BASE = datetime(2026, 3, 26, 22, 0, tzinfo=UTC)  # local midnight of FIRST_DAY
HORIZON_MINUTES = 4 * 24 * 60


@st.composite
def wall_span(draw: st.DrawFn) -> tuple[time, time]:
    start = draw(st.integers(0, 22 * 4)) * 15
    end = draw(st.integers(start // 15 + 1, 24 * 4 - 1)) * 15
    return time(start // 60, start % 60), time(end // 60, end % 60)


@st.composite
def intervals(draw: st.DrawFn) -> tuple[Interval, ...]:
    found = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, HORIZON_MINUTES // 5)) * 5
        length = draw(st.integers(1, 60)) * 5
        found.append(Interval(BASE + timedelta(minutes=start), BASE + timedelta(minutes=start + length)))
    return tuple(found)


@st.composite
def availability(draw: st.DrawFn, cw_id: int) -> CaseworkerAvailability:
    hours = []
    for _ in range(draw(st.integers(0, 3))):
        start, end = draw(wall_span())
        hours.append(WorkingHours(draw(st.integers(0, 6)), start, end))
    return CaseworkerAvailability(cw_id, tuple(hours), draw(intervals()), draw(intervals()), draw(intervals()))


@st.composite
def searches(draw: st.DrawFn) -> SlotSearch:
    length = timedelta(minutes=draw(st.sampled_from([15, 30, 45, 60])))
    step = timedelta(minutes=draw(st.sampled_from([15, 30, 45, 60])))
    days = draw(st.integers(0, 3))
    earliest = BASE + timedelta(minutes=draw(st.integers(0, HORIZON_MINUTES // 7)) * 7)
    holidays = draw(st.sampled_from([None, {FIRST_DAY + timedelta(days=1): "fri"}]))
    closed = draw(intervals())  # the organisation's closures
    return SlotSearch(length, step, FIRST_DAY, FIRST_DAY + timedelta(days=days), earliest, holidays, closed=closed)


def starts_to_ask(draw: st.DrawFn, offered: list[datetime]) -> list[datetime]:
    """Every offered start, and random instants (mostly off the grid or not free)."""
    others = draw(st.lists(st.integers(0, HORIZON_MINUTES), max_size=8))
    return [*offered, *(BASE + timedelta(minutes=m) for m in others), BASE + timedelta(seconds=30)]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_check_at_one_start_says_free_for_exactly_the_caseworkers_free_slots_offers_there(data):
    search = data.draw(searches())
    caseworkers = [data.draw(availability(cw_id)) for cw_id in range(data.draw(st.integers(1, 4)))]
    offered = {s.start: s for s in free_slots(caseworkers, search)}
    for start in starts_to_ask(data.draw, list(offered)):
        expected = offered.get(start)
        assert free_caseworkers_at(caseworkers, search, start) == (expected.caseworker_ids if expected else ())
        assert free_slot_at(caseworkers, search, start) == expected
        if expected is not None:
            assert free_slot_at(caseworkers, search, start).caseworker_ids == expected.caseworker_ids


@st.composite
def timeslots(draw: st.DrawFn) -> list[AgreedTimeslot]:
    found = []
    for n in range(draw(st.integers(0, 3))):
        start, end = draw(wall_span())
        found.append(
            AgreedTimeslot(
                n, draw(st.integers(0, 6)), start, end, FIRST_DAY - timedelta(days=draw(st.integers(-2, 2))),
                None, draw(st.sampled_from(list(AkasseParticipation))),
            )
        )
    return found


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_R22_the_check_at_one_start_equals_the_joint_slot_free_joint_slots_offers_there(data):
    search = data.draw(searches())
    jobcenter = [data.draw(availability(cw_id)) for cw_id in range(data.draw(st.integers(1, 3)))]
    akasse = [data.draw(availability(100 + cw_id)) for cw_id in range(data.draw(st.integers(1, 3)))]
    agreed = data.draw(timeslots())
    offered = {s.start: s for s in free_joint_slots(jobcenter, akasse, agreed, search)}
    for start in starts_to_ask(data.draw, list(offered)):
        expected = offered.get(start)
        found = free_joint_slot_at(jobcenter, akasse, agreed, search, start)
        assert found == expected
        if expected is not None:
            assert (found.caseworker_ids, found.akasse_caseworker_ids, found.timeslot_id, found.akasse_participation) == (
                expected.caseworker_ids, expected.akasse_caseworker_ids, expected.timeslot_id,
                expected.akasse_participation,
            )


def test_a_start_between_grid_points_is_not_offered_even_when_everyone_is_free():
    search = SlotSearch(timedelta(minutes=30), timedelta(minutes=30), date(2026, 6, 1), date(2026, 6, 1),
                        datetime(2026, 5, 1, tzinfo=UTC))
    cw = CaseworkerAvailability(7, (WorkingHours(0, time(9), time(15)),))
    on_grid = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 09:00 summer time
    assert free_caseworkers_at([cw], search, on_grid) == (7,)
    assert free_caseworkers_at([cw], search, on_grid + timedelta(minutes=7)) == ()
    assert free_caseworkers_at([cw], search, on_grid + timedelta(seconds=0.5)) == ()
