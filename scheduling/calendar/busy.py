"""Busy times from a caseworker's own calendar, so the free-slot search does not offer them.

A caseworker uploads an .ics export, or the organisation configures an ICS URL the portal refreshes. Either
way the bytes become a sorted list of merged :class:`BusyInterval` in UTC within a window, or a
:class:`CalendarImportError` with a Danish sentence and nothing imported: the caller replaces the stored busy
times only when this returns.

What counts as busy: every event that is not ``TRANSP:TRANSPARENT`` (or marked free by Outlook) and not
cancelled, with recurrences expanded (RRULE, RDATE, EXDATE, moved occurrences); all-day events block their
whole local days in Europe/Copenhagen; floating times are read as Copenhagen time; ``X-WR-TIMEZONE`` (Google,
Apple) is honoured.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar, Component

from scheduling.reasons import N_, ParamValue

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

MAX_BYTES = 5 * 1024 * 1024
# Far above a full diary (20 appointments a day for a quarter is 1,800) yet bounded: expanding costs about half
# a millisecond an occurrence, and a FREQ=MINUTELY rule must not hold a worker.
MAX_OCCURRENCES = 5_000
FETCH_TIMEOUT_SECONDS = 10.0

UNREADABLE = N_("Filen kunne ikke læses som en kalender (iCalendar/.ics).")
NO_EVENTS = N_("Kalenderen indeholder ingen aftaler.")
END_BEFORE_START = N_("En aftale i kalenderen slutter, før den begynder (aftalen, der begynder %(start)s).")
TOO_LARGE = N_("Kalenderen er for stor til at blive læst (højst %(megabytes)s MB).")
TOO_MANY = N_("Kalenderen har for mange aftaler i perioden til at blive læst.")
FETCH_FAILED = N_("Kalenderen kunne ikke hentes fra adressen.")
BAD_URL = N_("Adressen til kalenderen skal begynde med https:// eller webcal://.")
NOT_PUBLIC = N_("Adressen til kalenderen skal pege på en offentlig server på internettet.")
MAX_REDIRECTS = 5


class CalendarImportError(ValueError):
    """A calendar could not be imported; ``message`` is a Danish message id, ``params`` fill it in."""

    def __init__(self, message: str, params: Mapping[str, ParamValue] | None = None) -> None:
        self.message = message
        self.params: Mapping[str, ParamValue] = MappingProxyType(dict(params or {}))
        super().__init__(self.render())

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        """The sentence in the reader's language (Danish without ``gettext``)."""
        template = gettext(self.message) if gettext else self.message
        return template % dict(self.params) if self.params else template


@dataclass(frozen=True, order=True)
class BusyInterval:
    """A busy time [start, end) as aware UTC instants."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.utcoffset() is None or self.end.utcoffset() is None:
            raise ValueError("BusyInterval needs timezone-aware instants")
        if self.end <= self.start:
            raise ValueError("BusyInterval.end must be after start")


def busy_times(
    data: bytes,
    window_start: datetime,
    window_end: datetime,
    *,
    max_bytes: int = MAX_BYTES,
    max_occurrences: int = MAX_OCCURRENCES,
) -> list[BusyInterval]:
    """The busy intervals of an iCalendar file within [window_start, window_end), merged and in UTC.

    Raises :class:`CalendarImportError` for anything that is not a readable calendar with events, for an
    event ending before it starts, and for files too large or rules too dense to expand; then nothing is
    imported.
    """
    if window_start.utcoffset() is None or window_end.utcoffset() is None:
        raise ValueError("the window needs timezone-aware instants")
    if window_end <= window_start:
        raise ValueError("the window must end after it starts")
    if len(data) > max_bytes:
        raise CalendarImportError(TOO_LARGE, {"megabytes": max_bytes // (1024 * 1024)})
    calendar = _parse(data)
    events = calendar.walk("VEVENT")
    if not events:
        raise CalendarImportError(NO_EVENTS)
    for event in events:
        _check_event(event)
    start_utc, end_utc = window_start.astimezone(UTC), window_end.astimezone(UTC)
    intervals = []
    try:
        # A day of margin on each side: all-day and floating events are placed in Copenhagen time here, while
        # the library compares them its own way; clipping to the window happens below. Occurrences come in
        # order of start, lazily, so a dense rule is cut off instead of being expanded in full.
        occurrences = recurring_ical_events.of(calendar).after(start_utc - timedelta(days=1))
        for count, occurrence in enumerate(occurrences):
            if count >= max_occurrences:
                raise CalendarImportError(TOO_MANY)
            start, end = _instants(occurrence)
            if start > end_utc + timedelta(days=1):
                break
            if not _is_busy(occurrence):
                continue
            start, end = max(start, start_utc), min(end, end_utc)
            if start < end:
                intervals.append(BusyInterval(start, end))
    except CalendarImportError:
        raise
    except Exception as error:  # the library's own errors for bad rules, periods and values
        raise CalendarImportError(UNREADABLE) from error
    return merge(intervals)


def merge(intervals: Iterable[BusyInterval]) -> list[BusyInterval]:
    """Sorted, with overlapping and touching intervals joined into one."""
    merged: list[BusyInterval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            last = merged.pop()
            merged.append(BusyInterval(last.start, max(last.end, interval.end)))
        else:
            merged.append(interval)
    return merged


Fetch = Callable[[str, float, int], bytes]
"""Fetches ``url`` within ``timeout`` seconds, raising if the body would exceed ``max_bytes``."""


def fetch_busy_times(
    url: str,
    window_start: datetime,
    window_end: datetime,
    *,
    fetch: Fetch,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
) -> list[BusyInterval]:
    """Busy times from an organisation-configured ICS URL, fetched with the injected ``fetch``.

    ``webcal://`` is read as ``https://``; plain http is refused (calendars hold personal appointments).
    Any failure to fetch becomes :class:`CalendarImportError`, so a refresh either replaces all busy times or
    none.
    """
    url = https_url(url)
    try:
        data = fetch(url, timeout, max_bytes)
    except CalendarImportError:
        raise
    except Exception as error:
        raise CalendarImportError(FETCH_FAILED) from error
    return busy_times(data, window_start, window_end, max_bytes=max_bytes)


def https_url(url: str) -> str:
    """``url`` with ``webcal://`` read as ``https://``; anything but https is :class:`CalendarImportError`."""
    url = url.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    if not url.lower().startswith("https://"):
        raise CalendarImportError(BAD_URL)
    return url


Resolve = Callable[[str], Iterable[str]]
"""The IP addresses (as text) a host name resolves to."""


def system_resolve(host: str) -> list[str]:
    """:data:`Resolve` through the operating system's resolver."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)]


def check_public_https(url: str, resolve: Resolve = system_resolve) -> str:
    """The https URL to fetch, if every address its host resolves to is a public one; else CalendarImportError.

    The guard against server-side request forgery: an organisation's calendar URL must not make the portal
    fetch from its own network (loopback, private ranges, link-local such as cloud metadata at
    169.254.169.254, shared or reserved space). Credentials in the URL are refused too.
    """
    url = https_url(url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # a malformed port raises here
    except ValueError as error:
        raise CalendarImportError(BAD_URL) from error
    if not host or parts.username is not None or parts.password is not None:
        raise CalendarImportError(BAD_URL)
    try:
        addresses = list(resolve(host))
    except Exception as error:
        raise CalendarImportError(FETCH_FAILED) from error
    if not addresses:
        raise CalendarImportError(FETCH_FAILED)
    for address in addresses:
        if not _is_public(address):
            raise CalendarImportError(NOT_PUBLIC)
    return url


def _is_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def requests_fetch(
    url: str,
    timeout: float,
    max_bytes: int,
    *,
    session: Any = None,
    guard: Callable[[str], object] | None = None,
) -> bytes:
    """A :data:`Fetch` using ``requests``: streams the body, stops past ``max_bytes`` or ``timeout`` seconds.

    ``timeout`` bounds the whole download, not only each read, so a slow server cannot hold a worker. With a
    ``guard`` (e.g. :func:`check_public_https`), redirects are followed here, at most :data:`MAX_REDIRECTS`,
    and every address is passed to the guard before it is requested.
    """
    import requests

    http = session or requests
    deadline = time.monotonic() + timeout
    for _hop in range(MAX_REDIRECTS + 1):
        if guard is not None:
            guard(url)
        with http.get(url, timeout=timeout, stream=True, allow_redirects=guard is None) as response:
            if guard is not None and response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                continue
            response.raise_for_status()
            return _read_limited(response, url, max_bytes, deadline, timeout)
    raise CalendarImportError(FETCH_FAILED)


def _read_limited(response: Any, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise CalendarImportError(TOO_LARGE, {"megabytes": max_bytes // (1024 * 1024)})
        if time.monotonic() > deadline:
            raise TimeoutError(f"fetching {url} took longer than {timeout} seconds")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(data: bytes) -> Calendar:
    """The calendar in ``data`` in standard form (X-WR-TIMEZONE applied), or CalendarImportError."""
    try:
        parsed = Calendar.from_ical(data)
    except Exception as error:
        raise CalendarImportError(UNREADABLE) from error
    if not isinstance(parsed, Calendar) or parsed.name != "VCALENDAR":
        raise CalendarImportError(UNREADABLE)
    # icalendar keeps going past bad values and records them; a half-understood event must not be imported.
    if any(getattr(component, "errors", None) for component in parsed.walk()):
        raise CalendarImportError(UNREADABLE)
    try:
        return x_wr_timezone.to_standard(parsed)
    except Exception as error:
        raise CalendarImportError(UNREADABLE) from error


def _check_event(event: Component) -> None:
    if "DTSTART" not in event:
        raise CalendarImportError(UNREADABLE)
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND") if "DTEND" in event else None
    if end is not None and _as_utc(end) < _as_utc(start):
        raise CalendarImportError(END_BEFORE_START, {"start": _as_local(start)})


def _is_busy(event: Component) -> bool:
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return False
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return False
    # Outlook exports "show as: free" this way, sometimes without TRANSP.
    return str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() != "FREE"


def _instants(event: Component) -> tuple[datetime, datetime]:
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND") if "DTEND" in event else None
    if end is None:
        # RFC 5545 § 3.6.1: a date without end lasts the day, a date-time without end is an instant.
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    return _as_utc(start), _as_utc(end)


def _as_local(value: date | datetime) -> datetime:
    """Dates are midnight and floating times are wall-clock time in Copenhagen."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=COPENHAGEN)
    if value.tzinfo is None:
        return value.replace(tzinfo=COPENHAGEN)
    return value


def _as_utc(value: date | datetime) -> datetime:
    return _as_local(value).astimezone(UTC)
