"""Busy times imported from a caseworker's own calendar export: recurring, all-day, transparent, other time
zones, X-WR-TIMEZONE, and broken files that import nothing and say why in Danish.

The calendars below are written out as text on purpose: they stand for files made by other programs
(Outlook, Google, Apple), which is what the import must cope with.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduling.calendar.busy import (
    BusyInterval,
    CalendarImportError,
    busy_times,
    check_public_https,
    fetch_busy_times,
    merge,
    requests_fetch,
)
from tests.unit.calendar.factories import MARCH_END, MARCH_START, ics, interval, march, utc

UNREADABLE = "Filen kunne ikke læses som en kalender (iCalendar/.ics)."

# --- What counts as busy ---------------------------------------------------------------------------------


def test_single_event_in_copenhagen_time_becomes_a_utc_interval():
    data = ics("DTSTART;TZID=Europe/Copenhagen:20260310T090000\nDTEND;TZID=Europe/Copenhagen:20260310T100000")
    assert march(data) == [interval("2026-03-10 08:00", "2026-03-10 09:00")]


def test_weekly_meeting_with_exdate_skips_the_excluded_week_and_follows_summer_time():
    """Mondays 9–10 Copenhagen time; 16 March excluded; from 30 March on it is 07:00 UTC, not 08:00."""
    data = ics(
        """
        DTSTART;TZID=Europe/Copenhagen:20260302T090000
        DTEND;TZID=Europe/Copenhagen:20260302T100000
        RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260331T000000Z
        EXDATE;TZID=Europe/Copenhagen:20260316T090000
        """
    )
    assert march(data) == [
        interval("2026-03-02 08:00", "2026-03-02 09:00"),
        interval("2026-03-09 08:00", "2026-03-09 09:00"),
        interval("2026-03-23 08:00", "2026-03-23 09:00"),
        interval("2026-03-30 07:00", "2026-03-30 08:00"),
    ]


def test_rdate_adds_an_occurrence_and_a_moved_occurrence_replaces_its_original():
    data = ics(
        """
        DTSTART;TZID=Europe/Copenhagen:20260303T130000
        DTEND;TZID=Europe/Copenhagen:20260303T140000
        RRULE:FREQ=WEEKLY;COUNT=2
        RDATE;TZID=Europe/Copenhagen:20260305T130000
        """,
        """
        RECURRENCE-ID;TZID=Europe/Copenhagen:20260310T130000
        DTSTART;TZID=Europe/Copenhagen:20260311T150000
        DTEND;TZID=Europe/Copenhagen:20260311T160000
        """,
    )
    # The moved occurrence belongs to the same series: give it the series' UID.
    data = data.replace(b"UID:event-1@example.com", b"UID:event-0@example.com")
    assert march(data) == [
        interval("2026-03-03 12:00", "2026-03-03 13:00"),
        interval("2026-03-05 12:00", "2026-03-05 13:00"),
        interval("2026-03-11 14:00", "2026-03-11 15:00"),
    ]


def test_all_day_event_blocks_whole_local_days():
    """DTEND of a date is exclusive: 12–13 March, midnight to midnight in Copenhagen."""
    data = ics("DTSTART;VALUE=DATE:20260312\nDTEND;VALUE=DATE:20260314")
    assert march(data) == [interval("2026-03-11 23:00", "2026-03-13 23:00")]


def test_all_day_event_on_the_day_summer_time_begins_is_23_hours():
    data = ics("DTSTART;VALUE=DATE:20260329")
    (day,) = march(data)
    assert day == interval("2026-03-28 23:00", "2026-03-29 22:00")
    assert day.end - day.start == timedelta(hours=23)


@pytest.mark.parametrize(
    "marker",
    ["TRANSP:TRANSPARENT", "STATUS:CANCELLED", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"],
)
def test_free_and_cancelled_events_are_not_busy(marker):
    busy = "DTSTART:20260310T080000Z\nDTEND:20260310T090000Z"
    free = f"DTSTART:20260311T080000Z\nDTEND:20260311T090000Z\n{marker}"
    assert march(ics(busy, free)) == [interval("2026-03-10 08:00", "2026-03-10 09:00")]


def test_tentative_and_opaque_events_are_busy():
    data = ics("DTSTART:20260310T080000Z\nDTEND:20260310T090000Z\nSTATUS:TENTATIVE\nTRANSP:OPAQUE")
    assert march(data) == [interval("2026-03-10 08:00", "2026-03-10 09:00")]


def test_event_in_another_time_zone_is_converted():
    """10:00 in New York on 10 March 2026 (already summer time there, not yet in Denmark) is 14:00 UTC."""
    data = ics("DTSTART;TZID=America/New_York:20260310T100000\nDTEND;TZID=America/New_York:20260310T110000")
    assert march(data) == [interval("2026-03-10 14:00", "2026-03-10 15:00")]


def test_floating_time_is_read_as_copenhagen_time():
    data = ics("DTSTART:20260310T090000\nDTEND:20260310T100000")
    assert march(data) == [interval("2026-03-10 08:00", "2026-03-10 09:00")]


def test_x_wr_timezone_calendar_places_floating_and_utc_times_right():
    """Google's export: times in UTC plus X-WR-TIMEZONE; floating times then belong to that zone. An all-day
    event still blocks the Danish day: the caseworker's working day is in Copenhagen."""
    data = ics(
        "DTSTART:20260310T140000Z\nDTEND:20260310T150000Z",
        "DTSTART:20260312T100000\nDTEND:20260312T110000",
        "DTSTART;VALUE=DATE:20260320\nDTEND;VALUE=DATE:20260321",
        header="X-WR-TIMEZONE:America/New_York",
    )
    assert march(data) == [
        interval("2026-03-10 14:00", "2026-03-10 15:00"),
        interval("2026-03-12 14:00", "2026-03-12 15:00"),
        interval("2026-03-19 23:00", "2026-03-20 23:00"),
    ]


def test_event_with_duration_instead_of_dtend():
    data = ics("DTSTART:20260310T080000Z\nDURATION:PT90M")
    assert march(data) == [interval("2026-03-10 08:00", "2026-03-10 09:30")]


def test_overlapping_and_touching_events_merge_and_result_is_sorted():
    data = ics(
        "DTSTART:20260310T120000Z\nDTEND:20260310T130000Z",
        "DTSTART:20260310T080000Z\nDTEND:20260310T093000Z",
        "DTSTART:20260310T090000Z\nDTEND:20260310T100000Z",
        "DTSTART:20260310T100000Z\nDTEND:20260310T103000Z",
    )
    assert march(data) == [
        interval("2026-03-10 08:00", "2026-03-10 10:30"),
        interval("2026-03-10 12:00", "2026-03-10 13:00"),
    ]


def test_only_the_window_is_returned_and_edges_are_clipped():
    data = ics(
        "DTSTART:20260227T080000Z\nDTEND:20260227T090000Z",
        "DTSTART:20260228T220000Z\nDTEND:20260301T010000Z",
        "DTSTART;VALUE=DATE:20260331\nDTEND;VALUE=DATE:20260402",
        "DTSTART:20260415T080000Z\nDTEND:20260415T090000Z",
    )
    assert march(data) == [
        interval("2026-02-28 23:00", "2026-03-01 01:00"),
        interval("2026-03-30 22:00", "2026-03-31 22:00"),
    ]


def test_events_outside_the_window_give_an_empty_list_not_an_error():
    data = ics("DTSTART:20250310T080000Z\nDTEND:20250310T090000Z")
    assert march(data) == []


# --- Broken input: a clear Danish error and nothing imported ---------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00garbage\xff\xfe", id="garbage bytes"),
        pytest.param(b"", id="empty file"),
        pytest.param(b"Hej Jens, her er min kalender.\r\n", id="plain text"),
        pytest.param(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jens\r\nEND:VCARD\r\n", id="a contact card"),
        pytest.param(ics("DTSTART:2026-03-10 kl. 9\nDTEND:20260310T100000Z"), id="unreadable date"),
        pytest.param(ics("DTEND:20260310T100000Z"), id="event without start"),
        pytest.param(
            ics("DTSTART:20260310T080000Z\nDTEND:20260310T090000Z\nRRULE:FREQ=SOMETIMES"), id="bad rule"
        ),
    ],
)
def test_broken_input_gives_the_danish_error(data):
    with pytest.raises(CalendarImportError) as raised:
        march(data)
    assert raised.value.message == UNREADABLE
    assert str(raised.value) == UNREADABLE


def test_calendar_without_events_is_refused():
    with pytest.raises(CalendarImportError) as raised:
        march(ics())
    assert str(raised.value) == "Kalenderen indeholder ingen aftaler."


def test_event_ending_before_it_starts_is_refused_and_named_by_its_start():
    data = ics("DTSTART:20260310T090000Z\nDTEND:20260310T080000Z")
    with pytest.raises(CalendarImportError) as raised:
        march(data)
    assert raised.value.message.startswith("En aftale i kalenderen slutter, før den begynder")
    assert raised.value.params["start"] == utc("2026-03-10 09:00")


def test_one_broken_event_among_good_ones_imports_nothing():
    good = "DTSTART:20260310T080000Z\nDTEND:20260310T090000Z"
    broken = "DTSTART:20260311T090000Z\nDTEND:20260311T080000Z"
    with pytest.raises(CalendarImportError):
        march(ics(good, broken, good))


def test_error_can_be_shown_in_english_through_the_web_layers_gettext():
    catalogue = {UNREADABLE: "The file could not be read as a calendar (iCalendar/.ics)."}
    with pytest.raises(CalendarImportError) as raised:
        march(b"garbage")
    assert (
        raised.value.render(catalogue.__getitem__)
        == "The file could not be read as a calendar (iCalendar/.ics)."
    )


def test_too_large_file_is_refused_before_parsing():
    with pytest.raises(CalendarImportError) as raised:
        busy_times(b"x" * 2_000_000, MARCH_START, MARCH_END, max_bytes=1024 * 1024)
    assert str(raised.value) == "Kalenderen er for stor til at blive læst (højst 1 MB)."


def test_a_rule_too_dense_to_expand_is_refused_not_expanded_forever():
    data = ics("DTSTART:20260301T000000Z\nDTEND:20260301T000030Z\nRRULE:FREQ=MINUTELY")
    with pytest.raises(CalendarImportError) as raised:
        busy_times(data, MARCH_START, MARCH_END, max_occurrences=500)
    assert str(raised.value) == "Kalenderen har for mange aftaler i perioden til at blive læst."


# --- Merging, as a property ------------------------------------------------------------------------------

minutes = st.integers(min_value=0, max_value=10_000)


@given(st.lists(st.tuples(minutes, st.integers(min_value=1, max_value=600)), max_size=30))
def test_merge_gives_sorted_disjoint_intervals_covering_exactly_the_same_minutes(pairs):
    origin = utc("2026-03-01 00:00")
    intervals = [
        BusyInterval(origin + timedelta(minutes=s), origin + timedelta(minutes=s + d)) for s, d in pairs
    ]
    merged = merge(intervals)
    assert all(a.end < b.start for a, b in zip(merged, merged[1:], strict=False))

    def covered(items):
        return {
            minute
            for item in items
            for minute in range(
                int((item.start - origin).total_seconds() // 60),
                int((item.end - origin).total_seconds() // 60),
            )
        }

    assert covered(merged) == covered(intervals)


# --- Fetching from an organisation's ICS URL -------------------------------------------------------------

ONE_EVENT = ics("DTSTART:20260310T080000Z\nDTEND:20260310T090000Z")


class FakeFetch:
    """Stands in for the network: records what was asked and answers with given bytes or an error."""

    def __init__(self, answer: bytes | Exception = ONE_EVENT) -> None:
        self.answer = answer
        self.calls: list[tuple[str, float, int]] = []

    def __call__(self, url: str, timeout: float, max_bytes: int) -> bytes:
        self.calls.append((url, timeout, max_bytes))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_fetch_reads_the_url_with_limits_and_returns_busy_times():
    fetch = FakeFetch()
    result = fetch_busy_times(
        "https://cal.example.dk/jens.ics",
        MARCH_START,
        MARCH_END,
        fetch=fetch,
        timeout=5.0,
        max_bytes=1_000_000,
    )
    assert result == [interval("2026-03-10 08:00", "2026-03-10 09:00")]
    assert fetch.calls == [("https://cal.example.dk/jens.ics", 5.0, 1_000_000)]


def test_webcal_url_is_fetched_over_https():
    fetch = FakeFetch()
    fetch_busy_times("webcal://cal.example.dk/jens.ics", MARCH_START, MARCH_END, fetch=fetch)
    assert fetch.calls[0][0] == "https://cal.example.dk/jens.ics"


@pytest.mark.parametrize("url", ["http://cal.example.dk/jens.ics", "file:///etc/passwd", "ftp://x/y.ics"])
def test_unencrypted_or_local_urls_are_refused_without_fetching(url):
    fetch = FakeFetch()
    with pytest.raises(CalendarImportError) as raised:
        fetch_busy_times(url, MARCH_START, MARCH_END, fetch=fetch)
    assert str(raised.value) == "Adressen til kalenderen skal begynde med https:// eller webcal://."
    assert fetch.calls == []


@pytest.mark.parametrize("error", [TimeoutError("slow"), ConnectionError("refused"), OSError("dns")])
def test_failed_fetch_gives_the_danish_error(error):
    with pytest.raises(CalendarImportError) as raised:
        fetch_busy_times("https://cal.example.dk/jens.ics", MARCH_START, MARCH_END, fetch=FakeFetch(error))
    assert str(raised.value) == "Kalenderen kunne ikke hentes fra adressen."


def test_fetched_garbage_gives_the_unreadable_error():
    with pytest.raises(CalendarImportError) as raised:
        fetch_busy_times(
            "https://cal.example.dk/x", MARCH_START, MARCH_END, fetch=FakeFetch(b"<html>404</html>")
        )
    assert str(raised.value) == UNREADABLE


class FakeResponse:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def raise_for_status(self) -> None:
        return None

    def iter_content(self, chunk_size: int):
        yield from self.chunks


class FakeSession:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.kwargs: dict = {}

    def get(self, url: str, **kwargs):
        self.kwargs = kwargs
        return FakeResponse(self.chunks)


def test_requests_fetch_streams_with_a_timeout_and_stops_past_the_size_limit():
    session = FakeSession([b"x" * 600, b"x" * 600])
    with pytest.raises(CalendarImportError):
        requests_fetch("https://cal.example.dk/x", 3.0, 1000, session=session)
    assert session.kwargs["timeout"] == 3.0 and session.kwargs["stream"] is True


def test_requests_fetch_returns_the_whole_body_within_limits():
    session = FakeSession([ONE_EVENT[:50], ONE_EVENT[50:]])
    assert requests_fetch("https://cal.example.dk/x", 3.0, 1_000_000, session=session) == ONE_EVENT


# --- The guard against fetching from the portal's own network -------------------------------------------


class RedirectingSession:
    """Answers each URL from a table: a redirect (status 302 with Location) or a body."""

    def __init__(self, answers: dict[str, str | bytes]) -> None:
        self.answers = answers
        self.requested: list[tuple[str, bool]] = []

    def get(self, url: str, **kwargs):
        self.requested.append((url, kwargs["allow_redirects"]))
        answer = self.answers[url]
        response = FakeResponse([answer] if isinstance(answer, bytes) else [])
        response.is_redirect = isinstance(answer, str)  # type: ignore[attr-defined]
        response.headers = {"Location": answer} if isinstance(answer, str) else {}  # type: ignore[attr-defined]
        return response


ADDRESSES = {"cal.example.dk": ["93.184.216.34"], "cdn.example.dk": ["93.184.216.35"], "intern": ["10.0.0.5"]}


def guard(url: str) -> str:
    return check_public_https(url, resolve=lambda host: ADDRESSES[host])


def test_guarded_fetch_follows_redirects_itself_and_checks_every_address():
    session = RedirectingSession(
        {
            "https://cal.example.dk/a.ics": "https://cdn.example.dk/a.ics",
            "https://cdn.example.dk/a.ics": ONE_EVENT,
        }
    )
    assert (
        requests_fetch("https://cal.example.dk/a.ics", 3.0, 1_000_000, session=session, guard=guard)
        == ONE_EVENT
    )
    assert session.requested == [
        ("https://cal.example.dk/a.ics", False),
        ("https://cdn.example.dk/a.ics", False),
    ]


def test_guarded_fetch_refuses_a_redirect_into_the_portals_own_network():
    session = RedirectingSession({"https://cal.example.dk/a.ics": "https://intern/admin"})
    with pytest.raises(CalendarImportError) as raised:
        requests_fetch("https://cal.example.dk/a.ics", 3.0, 1_000_000, session=session, guard=guard)
    assert str(raised.value) == "Adressen til kalenderen skal pege på en offentlig server på internettet."
    assert [url for url, _ in session.requested] == ["https://cal.example.dk/a.ics"]


def test_guarded_fetch_gives_up_after_too_many_redirects():
    session = RedirectingSession({"https://cal.example.dk/a.ics": "https://cal.example.dk/a.ics"})
    with pytest.raises(CalendarImportError):
        requests_fetch("https://cal.example.dk/a.ics", 3.0, 1_000_000, session=session, guard=guard)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
        "not-an-ip",
    ],
)
def test_check_public_https_refuses_private_loopback_link_local_and_reserved_addresses(address):
    with pytest.raises(CalendarImportError):
        check_public_https("https://cal.example.dk/x.ics", resolve=lambda host: [address])


def test_check_public_https_reads_webcal_as_https_and_accepts_a_public_host():
    assert (
        check_public_https(
            "webcal://cal.example.dk/x.ics", resolve=lambda host: ["93.184.216.34", "2606:2800::1"]
        )
        == "https://cal.example.dk/x.ics"
    )
