"""Factories (no tests, no fixtures) for calendar tests: an interview invite with sensible defaults, overridden
where a test cares, and calendar exports written out as text for the busy-time import."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from scheduling.calendar.busy import BusyInterval, busy_times
from scheduling.calendar.invitations import InterviewInvite, Organiser, Recipient
from scheduling.course import Format, InterviewKind, InterviewStatus, Organisation

CPH = ZoneInfo("Europe/Copenhagen")

A_KASSE = Organiser("Faglig A-kasse", Organisation.AKASSE, "noreply@faglig-akasse.dk")
JOBCENTER = Organiser("Jobcenter København", Organisation.JOBCENTER, "noreply@jobcenter.kk.dk")


def local(text: str) -> datetime:
    """'2026-03-10 10:00' as Copenhagen wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=CPH)


def an_invite(
    start: str = "2026-03-10 10:00",
    end: str | None = None,
    updated: str = "2026-03-01 09:00",
    **overrides: Any,
) -> InterviewInvite:
    """A booked phone interview with the a-kasse, for the citizen, in Danish."""
    begins = local(start)
    values: dict[str, Any] = {
        "uid": "interview-1@selvbooking.dk",
        "sequence": 0,
        "status": InterviewStatus.BOOKED,
        "start": begins,
        "end": local(end) if end else begins + timedelta(minutes=45),
        "kind": InterviewKind.JOBSAMTALE,
        "organiser": A_KASSE,
        "format": Format.TELEFONISK,
        "phone": "+45 12 34 56 78",
        "updated_at": local(updated),
        "recipient": Recipient.CITIZEN,
    }
    values.update(overrides)
    return InterviewInvite(**values)


# --- calendar exports for the busy-time import ---------------------------------------------------------

MARCH_START = local("2026-03-01 00:00")
MARCH_END = local("2026-04-01 00:00")


def ics(*events: str, header: str = "") -> bytes:
    """A calendar export with the given VEVENT bodies (CRLF line ends, as the files come)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Export//EN"]
    lines += [line for line in header.strip().splitlines() if line]
    for number, body in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:event-{number}@example.com", "DTSTAMP:20260101T000000Z"]
        lines += [line.strip() for line in body.strip().splitlines()]
        lines += ["END:VEVENT"]
    lines += ["END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def interval(start: str, end: str) -> BusyInterval:
    """Both ends in UTC, 'YYYY-MM-DD HH:MM'."""
    return BusyInterval(utc(start), utc(end))


def march(data: bytes) -> list[BusyInterval]:
    return busy_times(data, MARCH_START, MARCH_END)


# --- the feed as icalendar writes it: the reference for the feed's own writer ---------------------------------


def icalendar_feed(invites: list[InterviewInvite], *, name: str = "Mine samtaler", gettext=None) -> bytes:
    """The subscription feed built entirely with icalendar's components (as it was before the feed wrote its
    events directly): what :func:`scheduling.calendar.feeds.feed_ics` must equal byte for byte."""
    from icalendar import vDuration

    from scheduling.calendar.feeds import REFRESH_INTERVAL
    from scheduling.calendar.invitations import add_timezones, interview_event, new_calendar

    ordered = sorted(invites, key=lambda invite: (invite.start, invite.uid))
    calendar = new_calendar(method="PUBLISH")
    calendar.calendar_name = name
    calendar.refresh_interval = REFRESH_INTERVAL
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    for invite in ordered:
        calendar.add_component(interview_event(invite, gettext=gettext))
    add_timezones(calendar, ordered)
    return calendar.to_ical()
