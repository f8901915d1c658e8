"""A person's subscription feed: all their interviews in one VCALENDAR that calendar apps poll.

The feed is ``METHOD:PUBLISH`` and uses the same VEVENT as the single invitation (same UID and SEQUENCE), so an
interview first added from an e-mailed .ics and later seen in the feed is one event, not two. Cancelled
interviews stay in the feed with ``STATUS:CANCELLED`` so that subscribed calendars remove or strike them.

The validators let the web layer answer ``304 Not Modified`` cheaply: :func:`feed_validators` needs only the
newest ``updated_at`` and the number of interviews (one aggregate query), :func:`content_etag` hashes bytes
already rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache

from icalendar import vDuration

from scheduling.calendar.invitations import (
    Gettext,
    InterviewInvite,
    copenhagen_timezone,
    interview_event_text,
    invite_years,
    new_calendar,
)
from scheduling.reasons import N_

# Raise when the feed's rendering changes, so that validators computed from the data alone change too.
FEED_FORMAT_VERSION = "1"

# How often calendar apps are asked to poll (RFC 7986 REFRESH-INTERVAL; X-PUBLISHED-TTL for Outlook).
REFRESH_INTERVAL = timedelta(hours=1)

DEFAULT_FEED_NAME = N_("Mine samtaler")


def feed_ics(
    invites: Iterable[InterviewInvite], *, name: str = DEFAULT_FEED_NAME, gettext: Gettext | None = None
) -> bytes:
    """The subscription feed for the given interviews (the caller picks those in the feed's window).

    Events are ordered by start and UID so that the same interviews always give the same bytes. ``name``
    becomes NAME and X-WR-CALNAME; pass it already translated for the owner. The calendar's head (its
    properties and the VTIMEZONE, from icalendar) is made once per name and span of years; each event is written
    directly (:func:`interview_event_text`, the same bytes as icalendar's VEVENT).
    """
    ordered = sorted(invites, key=lambda invite: (invite.start, invite.uid))
    parts = [_head(name, invite_years(ordered))]
    parts += [interview_event_text(invite, gettext=gettext) for invite in ordered]
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode("utf-8")


@lru_cache(maxsize=64)
def _head(name: str, years: tuple[int, int] | None) -> str:
    """The feed's VCALENDAR up to its first event: PRODID, VERSION, METHOD, the name, the refresh interval, and
    the VTIMEZONE covering ``years``."""
    calendar = new_calendar(method="PUBLISH")
    calendar.calendar_name = name
    calendar.refresh_interval = REFRESH_INTERVAL
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986 § 5.7
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    if years is not None:
        calendar.add_component(copenhagen_timezone(*years))
    text = calendar.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    assert text.endswith(end)  # nosec B101: icalendar always closes the calendar
    return text[: -len(end)]


@dataclass(frozen=True)
class FeedValidators:
    """HTTP validators for a feed: a strong ``ETag`` (quoted) and ``Last-Modified`` (None for an empty feed)."""

    etag: str
    last_modified: datetime | None

    @property
    def last_modified_http(self) -> str | None:
        """Last-Modified as an HTTP date (RFC 9110), e.g. ``Sun, 01 Mar 2026 08:00:00 GMT``."""
        if self.last_modified is None:
            return None
        return format_datetime(self.last_modified, usegmt=True)


def feed_validators(last_updated: datetime | None, count: int, *, variant: str = "") -> FeedValidators:
    """Validators from the newest ``updated_at`` among the feed's interviews and how many there are.

    Every change to an interview raises its ``updated_at``; an interview leaving or joining the feed changes
    the count or the newest stamp. ``variant`` takes whatever else shapes the bytes for this owner (locale,
    feed name), so that changing it also changes the ETag.
    """
    if last_updated is not None and last_updated.utcoffset() is None:
        raise ValueError("last_updated must be timezone-aware")
    stamp = last_updated.astimezone(UTC).isoformat() if last_updated else ""
    key = "\x1f".join((FEED_FORMAT_VERSION, stamp, str(count), variant))
    last_modified = last_updated.astimezone(UTC).replace(microsecond=0) if last_updated else None
    return FeedValidators(etag=_strong_etag(key.encode()), last_modified=last_modified)


def validators_for(invites: Sequence[InterviewInvite], *, variant: str = "") -> FeedValidators:
    """:func:`feed_validators` computed from the invites themselves."""
    last = max((invite.updated_at for invite in invites), default=None)
    return feed_validators(last, len(invites), variant=variant)


def content_etag(data: bytes) -> str:
    """A strong ETag for exactly these bytes."""
    return _strong_etag(data)


def _strong_etag(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
