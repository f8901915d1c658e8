"""Busy times from a caseworker's own calendar, so the free-slot search does not offer them.

A caseworker uploads an .ics export, or the organisation configures an ICS URL the portal refreshes. Either
way the bytes become a sorted list of merged :class:`BusyInterval` in UTC within a window, or a
:class:`CalendarImportError` with a Danish sentence and nothing imported: the caller replaces the stored busy
times only when this returns.

What counts as busy: every event that is not ``TRANSP:TRANSPARENT`` (or marked free by Outlook) and not
cancelled, with recurrences expanded (RRULE, RDATE, EXDATE, moved occurrences); all-day events block their
whole local days in Europe/Copenhagen; floating times are read as Copenhagen time; ``X-WR-TIMEZONE`` (Google,
Apple) is honoured.

Bounded by the window, not by the file
======================================
A repeating event may have begun in 1970 (``DTSTART:19700101T000000Z`` with ``RRULE:FREQ=MINUTELY``): expanded
from its start, 191 bytes cost gigabytes and hours. So before anything is expanded, every rule is rewritten to
mean the same inside the window and nothing outside it (:func:`_bound_rules`):

* a DTSTART far before the window is moved forward by whole periods of the rule (k × INTERVAL × FREQ, in the
  event's wall-clock time, as dateutil counts), to the last period start before the window; what DTSTART
  implied (the day of the month, the month of a yearly rule) is written into the rule so it stays the same.
  A COUNT is reduced by the occurrences skipped when each period holds exactly one (no BY* parts, FREQ up to
  WEEKLY); other rules with COUNT keep their start and are only bounded by the budget below;
* UNTIL becomes the end of the window (plus a margin) when the rule went on longer, so that a rule that never
  matches (30 February) is not searched for until the year 9999;
* EXDATE, RDATE and moved occurrences (RECURRENCE-ID) are absolute times and stay as they are.

Then every occurrence produced, from the rule's (new) start to the window's end, is counted against
:data:`MAX_OCCURRENCES`, and a deadline (:data:`TIME_LIMIT_SECONDS`) is checked at each and at every event:
either limit ends the import with a Danish :class:`CalendarImportError`.

dateutil checks UNTIL only against an occurrence it has found, so a rule that never finds one (30 February,
``FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30``) was searched day by day to the year 9999: seconds of CPU for each
event of 150 bytes, with no occurrence to check the deadline at. While an import expands, dateutil's search
ends with the year after the window (:func:`_searched_until`; other users of dateutil are not affected). ``INTERVAL`` outside 1..:data:`MAX_INTERVAL` and ``COUNT``
below 1 are refused as they stand.
"""

from __future__ import annotations

import datetime as _datetime_module
import ipaddress
import math
import socket
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import recurring_ical_events
import x_wr_timezone
from dateutil import rrule as _dateutil_rrule
from dateutil.rrule import rrulestr
from icalendar import Calendar, Component
from icalendar.prop import vRecur

from scheduling.reasons import N_, ParamValue

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

MAX_BYTES = 5 * 1024 * 1024
# Far above a full diary (20 appointments a day for a quarter is 1,800) yet bounded: expanding costs about half
# a millisecond an occurrence, and a FREQ=MINUTELY rule must not hold a worker.
MAX_OCCURRENCES = 5_000
FETCH_TIMEOUT_SECONDS = 10.0
# Reading a file within the occurrence budget takes a few seconds at most; past this the worker is given back.
TIME_LIMIT_SECONDS = 10.0
# Fetching and reading an organisation's calendar address together: the download's own limit, the reading's, and
# a margin for a host name that resolves slowly (the system resolver has no time-out of its own). Below a web
# server's usual worker time-out (gunicorn: 30 s), as the caseworker's "Hent igen" runs it within a request.
REFRESH_TIME_LIMIT_SECONDS = FETCH_TIMEOUT_SECONDS + TIME_LIMIT_SECONDS + 5.0
# Far above any real rule ("every 52 weeks", "every 1,440 minutes"), low enough that k × INTERVAL × FREQ stays
# within what a date can hold.
MAX_INTERVAL = 10_000
# Occurrences are expanded from a day before the window to a day after it (all-day and floating events are
# placed in Copenhagen time here, while the library compares them its own way); a rule is rebased to before
# that, and bounded after it, with one more day to spare.
MARGIN = timedelta(days=1)

UNREADABLE = N_("Filen kunne ikke læses som en kalender (iCalendar/.ics).")
NO_EVENTS = N_("Kalenderen indeholder ingen aftaler.")
END_BEFORE_START = N_("En aftale i kalenderen slutter, før den begynder (aftalen, der begynder %(start)s).")
TOO_LARGE = N_("Kalenderen er for stor til at blive læst (højst %(megabytes)s MB).")
TOO_MANY = N_("Kalenderen har for mange aftaler i perioden til at blive læst.")
TOO_SLOW = N_("Kalenderen tog for lang tid at læse (mere end %(seconds)s sekunder).")
REFRESH_TOO_SLOW = N_("Kalenderen kunne ikke hentes og læses inden for %(seconds)s sekunder.")
BAD_INTERVAL = N_(
    "En gentagen aftale i kalenderen har et ugyldigt interval (INTERVAL skal være et helt tal fra 1 til %(max)s)."
)
BAD_COUNT = N_(
    "En gentagen aftale i kalenderen har et ugyldigt antal gentagelser (COUNT skal være mindst 1)."
)
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
    time_limit: float = TIME_LIMIT_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> list[BusyInterval]:
    """The busy intervals of an iCalendar file within [window_start, window_end), merged and in UTC.

    Raises :class:`CalendarImportError` for anything that is not a readable calendar with events, for an
    event ending before it starts, for nonsense rules (INTERVAL=0, COUNT=0), and for files too large, rules too
    dense to expand (more than ``max_occurrences`` produced) or reading past ``time_limit`` seconds of
    ``clock``; then nothing is imported. The work is bounded by the window, not by when a rule began (see the
    module's docstring).
    """
    if window_start.utcoffset() is None or window_end.utcoffset() is None:
        raise ValueError("the window needs timezone-aware instants")
    if window_end <= window_start:
        raise ValueError("the window must end after it starts")
    if len(data) > max_bytes:
        raise CalendarImportError(TOO_LARGE, {"megabytes": max_bytes // (1024 * 1024)})
    deadline = _Deadline(clock, time_limit)
    calendar = _parse(data)
    events = calendar.walk("VEVENT")
    if not events:
        raise CalendarImportError(NO_EVENTS)
    for event in events:
        _check_event(event)
    start_utc, end_utc = window_start.astimezone(UTC), window_end.astimezone(UTC)
    with _searched_until(end_utc.year + 1):
        return _expand(calendar, events, start_utc, end_utc, deadline, max_occurrences)


def _expand(
    calendar: Component,
    events: list[Component],
    start_utc: datetime,
    end_utc: datetime,
    deadline: _Deadline,
    max_occurrences: int,
) -> list[BusyInterval]:
    """The busy intervals of the checked ``events`` within [start_utc, end_utc) (see :func:`busy_times`)."""
    intervals = []
    try:
        _bound_rules(events, start_utc - 2 * MARGIN, end_utc + 2 * MARGIN, _Budget(max_occurrences, deadline))
        occurrences = recurring_ical_events.of(calendar).between(start_utc - MARGIN, end_utc + MARGIN)
        deadline.check()
        budget = _Budget(max_occurrences, deadline)
        for occurrence in occurrences:
            budget.step()
            if not _is_busy(occurrence):
                continue
            start, end = _instants(occurrence)
            start, end = max(start, start_utc), min(end, end_utc)
            if start < end:
                intervals.append(BusyInterval(start, end))
    except CalendarImportError:
        raise
    except Exception as error:  # the library's own errors for bad rules, periods and values
        raise CalendarImportError(UNREADABLE) from error
    return merge(intervals)


class _DatetimeForDateutil(types.ModuleType):
    """The ``datetime`` module as ``dateutil.rrule`` sees it: the same, except that ``MAXYEAR``, where dateutil
    gives up searching for a rule's next occurrence, is this thread's import horizon while one runs."""

    _horizon = threading.local()

    @property
    def MAXYEAR(self) -> int:  # noqa: N802  # the name dateutil reads
        return getattr(self._horizon, "year", None) or _datetime_module.MAXYEAR


def _install_horizon() -> _DatetimeForDateutil:
    current = getattr(_dateutil_rrule, "datetime", None)
    if isinstance(current, _DatetimeForDateutil):
        return current
    view = _DatetimeForDateutil("datetime")
    view.__dict__.update({k: v for k, v in vars(_datetime_module).items() if k not in ("MAXYEAR", "__name__")})
    _dateutil_rrule.datetime = view  # type: ignore[attr-defined]
    return view


_DATEUTIL_DATETIME = _install_horizon()


@contextmanager
def _searched_until(year: int) -> Iterator[None]:
    """dateutil, in this thread, searches for occurrences up to the end of ``year`` and no further."""
    local = _DatetimeForDateutil._horizon
    previous = getattr(local, "year", None)
    local.year = min(year, _datetime_module.MAXYEAR)
    try:
        yield
    finally:
        local.year = previous


class _Deadline:
    """The wall-clock limit of one import, checked in every loop that expands occurrences."""

    def __init__(self, clock: Callable[[], float], seconds: float) -> None:
        self.clock, self.seconds = clock, seconds
        self.at = clock() + seconds

    def check(self) -> None:
        if self.clock() > self.at:
            raise CalendarImportError(TOO_SLOW, {"seconds": _whole_seconds(self.seconds)})


class _Budget:
    """At most ``steps`` occurrences, each one checked against the deadline."""

    def __init__(self, steps: int, deadline: _Deadline) -> None:
        self.left, self.deadline = steps, deadline

    def step(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise CalendarImportError(TOO_MANY)
        self.deadline.check()


def _whole_seconds(seconds: float) -> int:
    return max(1, math.ceil(seconds))


# ---- rules rewritten to the window (see the module docstring) -------------------------------------------------

_FIXED_STEPS = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}
_FREQS = frozenset({*_FIXED_STEPS, "MONTHLY", "YEARLY"})
_DAY_PARTS = ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")


def _bound_rules(events: list[Component], lo: datetime, hi: datetime, budget: _Budget) -> None:
    """Rewrite every RRULE of ``events`` in place to mean the same within [lo, hi] and to start shortly before
    ``lo`` and end by ``hi``; count the occurrences each produces there against ``budget``."""
    for event in events:
        budget.deadline.check()  # a rule that produces nothing in the window still costs a search
        if "RRULE" not in event:
            continue
        raw = event["RRULE"]
        rules = [vRecur(rule) for rule in (raw if isinstance(raw, list) else [raw])]
        for rule in rules:
            _check_rule(rule)
        start = event.decoded("DTSTART")
        if len(rules) == 1 and "RECURRENCE-ID" not in event:
            new_start, rules[0] = _rebase(start, _duration(event, start), rules[0], lo)
            if new_start != start:
                _move_start(event, start, new_start)
                start = new_start
        rules = [_until_window(start, rule, hi, budget) for rule in rules]
        event["RRULE"] = rules if len(rules) > 1 else rules[0]


def _check_rule(rule: vRecur) -> None:
    freq = rule.get("FREQ")
    if not freq or len(freq) != 1 or str(freq[0]).upper() not in _FREQS:
        raise CalendarImportError(UNREADABLE)
    interval = rule.get("INTERVAL", [1])
    if len(interval) != 1 or not isinstance(interval[0], int) or not 1 <= interval[0] <= MAX_INTERVAL:
        raise CalendarImportError(BAD_INTERVAL, {"max": MAX_INTERVAL})
    count = rule.get("COUNT")
    if count is not None and (len(count) != 1 or not isinstance(count[0], int) or count[0] < 1):
        raise CalendarImportError(BAD_COUNT)


def _duration(event: Component, start: date | datetime) -> timedelta:
    if "DTEND" in event:
        return max(timedelta(0), _as_utc(event.decoded("DTEND")) - _as_utc(start))
    if "DURATION" in event:
        return max(timedelta(0), event.decoded("DURATION"))
    return timedelta(days=1) if not isinstance(start, datetime) else timedelta(0)


def _wall(value: date | datetime) -> datetime:
    """The wall-clock time dateutil counts periods in: naive, midnight for a date."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)


def _rebase(
    start: date | datetime, duration: timedelta, rule: vRecur, lo: datetime
) -> tuple[date | datetime, vRecur]:
    """``start`` moved forward by whole periods of ``rule`` to the last period start whose occurrence ends before
    ``lo``, with the rule made explicit where it leant on DTSTART; unchanged when that is not exact."""
    freq, interval = str(rule["FREQ"][0]).upper(), int(rule.get("INTERVAL", [1])[0])
    count = rule.get("COUNT")
    explicit = any(key.startswith("BY") for key in rule)
    is_date = not isinstance(start, datetime)
    zone = start.tzinfo if isinstance(start, datetime) and start.tzinfo is not None else COPENHAGEN
    wall, target = _wall(start), (lo - duration).astimezone(zone).replace(tzinfo=None)
    if wall >= target:
        return start, rule
    rule = vRecur(rule)
    if freq in _FIXED_STEPS:
        step = _FIXED_STEPS[freq] * interval
        if is_date and step % timedelta(days=1):
            return start, rule  # an all-day event repeating by the hour: left to the budget
        periods = (target - wall) // step
        if periods <= 0 or (count and explicit):
            return start, rule
        new_wall = wall + step * periods
        if count:
            # one occurrence per period: those skipped are exactly ``periods``; a rule already over keeps one,
            # its (new) start, which lies before the window.
            rule["COUNT"] = [max(1, int(count[0]) - periods)]
    else:
        if count:
            return start, rule  # the months without a 31st do not count: left to the budget
        months = 12 if freq == "YEARLY" else 1
        elapsed = ((target.year - wall.year) * 12 + target.month - wall.month) // (months * interval)
        new_wall = _months_later(wall, elapsed * months * interval)
        if new_wall > target:
            elapsed -= 1
            new_wall = _months_later(wall, elapsed * months * interval)
        if elapsed <= 0:
            return start, rule
        if not any(part in rule for part in _DAY_PARTS):
            if freq == "YEARLY" and "BYMONTH" not in rule:
                rule["BYMONTH"] = [wall.month]
            rule["BYMONTHDAY"] = [wall.day]
    if is_date:
        return new_wall.date(), rule
    return (new_wall if start.tzinfo is None else new_wall.replace(tzinfo=start.tzinfo)), rule  # type: ignore[union-attr]


def _months_later(wall: datetime, months: int) -> datetime:
    """The first of the month ``months`` after ``wall``'s, at ``wall``'s time of day."""
    index = wall.month - 1 + months
    return wall.replace(year=wall.year + index // 12, month=index % 12 + 1, day=1)


def _move_start(event: Component, old: date | datetime, new: date | datetime) -> None:
    """DTSTART (and DTEND with it) moved to ``new``; the event's length stays the same."""
    shift = _wall(new) - _wall(old)
    for name in ("DTSTART", "DTEND"):
        if name in event:
            value = event.decoded(name)
            moved = value + shift if isinstance(value, datetime) else value + timedelta(days=shift.days)
            del event[name]
            event.add(name, moved)


def _until_window(start: date | datetime, rule: vRecur, hi: datetime, budget: _Budget) -> vRecur:
    """``rule`` ending at ``hi`` at the latest (unless its COUNT ends it sooner), its occurrences from ``start``
    up to there counted against ``budget``."""
    limit = _like_start(start, hi)
    if "UNTIL" in rule:
        limit = min(limit, _like_start(start, rule["UNTIL"][0]))
    bounded = vRecur({key: value for key, value in rule.items() if key not in ("COUNT", "UNTIL")})
    bounded["UNTIL"] = [limit]
    count = int(rule["COUNT"][0]) if "COUNT" in rule else None
    dtstart = start if isinstance(start, datetime) else _wall(start)
    for produced, _occurrence in enumerate(rrulestr(bounded.to_ical().decode(), dtstart=dtstart), start=1):
        budget.step()
        if count is not None and produced >= count:
            return rule  # the COUNT ends it before ``hi``: as it stands, it stays within the bound
    return bounded


def _like_start(start: date | datetime, value: date | datetime) -> date | datetime:
    """``value`` (an instant or an UNTIL) in the form an UNTIL takes next to ``start``, read as the library reads
    it: UTC for an aware start, UTC's digits for a floating one, the date for an all-day one."""
    if not isinstance(start, datetime):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if start.tzinfo is not None:
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


T = TypeVar("T")


def call_with_time_limit(work: Callable[[], T], seconds: float) -> T:
    """``work()``'s result, or :class:`CalendarImportError` when it has not finished within ``seconds``.

    For fetching and reading an organisation's calendar address, where a slow host name, server or file must
    not hold the caller (a web worker, or the periodic refresh of all addresses). The work runs in a daemon
    thread that is left behind when time is up: it holds no database connection and writes nothing, and the
    caller writes only what comes back in time.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=run, name="calendar-fetch", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise CalendarImportError(REFRESH_TOO_SLOW, {"seconds": _whole_seconds(seconds)})
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


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
