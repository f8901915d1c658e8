"""One interview as an iCalendar invitation (RFC 5545/5546), for the citizen or a caseworker taking part.

Plain values in, bytes out: the caller turns its interview into an :class:`InterviewInvite` and gets the
``.ics`` to download or attach. The UID stays the same for the interview's whole life and the caller raises
``sequence`` on every change (time, format, a caseworker's raise to in person), so calendars replace the old
event instead of adding a second one; a cancelled interview becomes ``METHOD:CANCEL`` with
``STATUS:CANCELLED``.

Only what the recipient needs goes into the file: no CPR number, no caseworker notes, no personal data about
the caseworker; the organiser is the organisation's own address.

RFC 5546 (iTIP) requires an ATTENDEE in a REQUEST (and in a CANCEL). The file names its recipient by the address
the caller gives (``attendee_email``: the citizen's own e-mail when the portal knows it); otherwise by
:func:`placeholder_attendee`, a per-interview address under the portal's domain made from a hash of the UID,
which says nothing about the person (no name, no CPR number, no e-mail) and is the same in every version of the
file. The subscription feed (``METHOD:PUBLISH``) carries no ATTENDEE.

Whether the citizen may move or cancel the interview is the rules core's answer, not this module's: the caller
passes ``may_change`` (and, when not, ``change_note``, the reason in the reader's language); unknown (``None``,
as in the feed, whose validators do not move when a deadline passes) the file only points to Selvbooking.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress

from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.reasons import N_

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PRODID = "-//Selvbooking//Selvbooking jobsamtaler//DA"

# The domain of the placeholder ATTENDEE address (see the module docstring); mail to it is never read.
ATTENDEE_DOMAIN = "selvbooking.dk"

# A reminder the day before: time to arrange transport, childcare or a quiet room for the call.
REMINDER_BEFORE = timedelta(days=1)


class Recipient(StrEnum):
    """Who the file is for: the wording differs, the event (UID, time) is the same."""

    CITIZEN = "borger"
    CASEWORKER = "sagsbehandler"


@dataclass(frozen=True)
class Organiser:
    """The organisation holding the interview, as it appears in ORGANIZER (CN = name, mailto = email)."""

    name: str
    kind: Organisation
    email: str


@dataclass(frozen=True)
class InterviewInvite:
    """Everything one calendar file says about one interview, for one recipient.

    ``uid`` is stable for the interview's life (e.g. ``"<interview id>@selvbooking.dk"``); ``sequence`` starts
    at 0 and rises with every change the recipient should see. ``start``/``end`` are aware instants.
    ``updated_at`` (aware) becomes DTSTAMP and LAST-MODIFIED, so the same invite always gives the same bytes.
    The format needs its one detail: ``address`` (in person), ``phone`` (the number the organisation calls) or
    ``video_link``. ``reference`` is an optional booking number shown to both sides instead of any personal
    data; ``attendee_email`` adds the recipient as ATTENDEE (needed when the file is sent by e-mail);
    ``manage_url`` links to the page where the interview can be moved or cancelled. ``may_change`` is the rules
    core's answer whether the citizen may move or cancel it themselves (``None``: not asked, e.g. in the feed);
    ``change_note`` the reason why not, already in the reader's language.
    """

    uid: str
    sequence: int
    status: InterviewStatus
    start: datetime
    end: datetime
    kind: InterviewKind
    organiser: Organiser
    format: Format
    updated_at: datetime
    address: str | None = None
    phone: str | None = None
    video_link: str | None = None
    akasse_participation: AkasseParticipation | None = None
    booked_by: BookedBy = BookedBy.SELF
    recipient: Recipient = Recipient.CITIZEN
    locale: str = "da"
    reference: str | None = None
    attendee_email: str | None = None
    manage_url: str | None = None
    may_change: bool | None = None
    change_note: str | None = None
    # Issue 13, for the citizen, already in the reader's language: how to attend beyond the format's detail
    # (where to report, what to bring; the number that calls) and whom to contact.
    attend_note: str | None = None
    contact_note: str | None = None

    def __post_init__(self) -> None:
        for name in ("start", "end", "updated_at"):
            value = getattr(self, name)
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"InterviewInvite.{name} must be timezone-aware, got {value!r}")
        if self.end <= self.start:
            raise ValueError("InterviewInvite.end must be after start")
        if self.sequence < 0:
            raise ValueError("InterviewInvite.sequence must be 0 or more")
        if self.locale not in ("da", "en"):
            raise ValueError(f"InterviewInvite.locale must be 'da' or 'en', got {self.locale!r}")
        detail = {
            Format.PERSONLIGT: self.address,
            Format.TELEFONISK: self.phone,
            Format.VIDEO: self.video_link,
        }
        if not detail[self.format]:
            raise ValueError(
                f"InterviewInvite with format {self.format} needs its address, phone or video link"
            )

    @property
    def cancelled(self) -> bool:
        return self.status is InterviewStatus.CANCELLED

    @property
    def meeting_link(self) -> str | None:
        """The video meeting's address, when it is one (not a sentence saying when it comes) and the interview
        stands: it goes into LOCATION and URL as well (issue 15); a cancelled interview's meeting is over."""
        link = self.video_link
        if self.format is not Format.VIDEO or self.cancelled or not link or not link.startswith("https://"):
            return None
        return link

    @property
    def event_url(self) -> str | None:
        """URL: the video meeting when there is one, else the page where the interview can be changed."""
        return self.meeting_link or self.manage_url

    @property
    def location(self) -> str | None:
        """LOCATION: the address in person, the meeting's address by video."""
        if self.format is Format.PERSONLIGT:
            return self.address or None
        return self.meeting_link


Gettext = Callable[[str], str]


def invitation_ics(invite: InterviewInvite, *, gettext: Gettext | None = None) -> bytes:
    """The .ics for one interview: METHOD:REQUEST while it stands, METHOD:CANCEL once it is cancelled.

    Texts are the Danish message ids unless a ``gettext`` for the recipient's language (``invite.locale``) is
    given: the web layer passes Flask-Babel's, the catalogue in translations/ holds the English.
    """
    calendar = new_calendar(method="CANCEL" if invite.cancelled else "REQUEST")
    # RFC 5546 § 3.2.2 and § 3.2.5: REQUEST and CANCEL name at least one ATTENDEE.
    attendee = invite.attendee_email or placeholder_attendee(invite.uid)
    calendar.add_component(interview_event(replace(invite, attendee_email=attendee), gettext=gettext))
    add_timezones(calendar, [invite])
    return calendar.to_ical()


def placeholder_attendee(uid: str) -> str:
    """A per-interview ATTENDEE address that identifies no one: a hash of the interview's UID at the portal's
    domain (stable, so every version of the file names the same attendee)."""
    digest = hashlib.sha256(uid.encode("utf-8")).hexdigest()[:20]
    return f"deltager-{digest}@{ATTENDEE_DOMAIN}"


def new_calendar(method: str) -> Calendar:
    """An empty VCALENDAR with PRODID, VERSION and METHOD, and no random UID (the bytes must be repeatable)."""
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.method = method
    return calendar


def interview_event(invite: InterviewInvite, *, gettext: Gettext | None = None) -> Event:
    """The VEVENT for one interview; shared by the single invitation and the subscription feed."""
    text = _translator(gettext)
    event = Event()
    event.uid = invite.uid
    event.sequence = invite.sequence
    event.stamp = invite.updated_at.astimezone(UTC)
    event.last_modified = invite.updated_at.astimezone(UTC)
    event.start = invite.start.astimezone(COPENHAGEN)
    event.end = invite.end.astimezone(COPENHAGEN)
    event.summary = summary(invite, gettext=gettext)
    event.description = description(invite, gettext=gettext)
    if invite.location:
        event.location = invite.location
    event.organizer = vCalAddress.new(invite.organiser.email, cn=invite.organiser.name)
    if invite.attendee_email:
        event.add(
            "ATTENDEE",
            vCalAddress.new(
                invite.attendee_email,
                role="REQ-PARTICIPANT",
                partstat="ACCEPTED" if invite.booked_by is BookedBy.SELF else "NEEDS-ACTION",
                rsvp=False,
            ),
        )
    if invite.event_url:
        event.url = invite.event_url
    event.status = "CANCELLED" if invite.cancelled else "CONFIRMED"
    event.transparency = "OPAQUE"
    # Shared and delegated calendars then show "busy", not what the appointment is about.
    event.classification = "PRIVATE"
    if not invite.cancelled:
        event.add_component(
            Alarm.new_display(
                description=text(N_("I morgen: %(summary)s")) % {"summary": event.summary},
                trigger=-REMINDER_BEFORE,
            )
        )
    return event


def interview_event_text(invite: InterviewInvite, *, gettext: Gettext | None = None) -> str:
    """:func:`interview_event` written out directly: the same VEVENT, byte for byte, as icalendar writes it
    (properties in its canonical order, text escaped and lines folded as it does), at a fraction of the cost
    (the subscription feed writes hundreds of events per request). An invite naming an ATTENDEE (the e-mailed
    invitation, never the feed) is left to icalendar."""
    if invite.attendee_email:
        return interview_event(invite, gettext=gettext).to_ical().decode("utf-8")
    stamp = invite.updated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    title = summary(invite, gettext=gettext)
    lines = [
        "BEGIN:VEVENT",
        _text_line("SUMMARY", title),
        "DTSTART;TZID=Europe/Copenhagen:" + invite.start.astimezone(COPENHAGEN).strftime("%Y%m%dT%H%M%S"),
        "DTEND;TZID=Europe/Copenhagen:" + invite.end.astimezone(COPENHAGEN).strftime("%Y%m%dT%H%M%S"),
        "DTSTAMP:" + stamp,
        _text_line("UID", invite.uid),
        f"SEQUENCE:{invite.sequence}",
        "CLASS:PRIVATE",
        _text_line("DESCRIPTION", description(invite, gettext=gettext)),
        "LAST-MODIFIED:" + stamp,
    ]
    if invite.location:
        lines.append(_text_line("LOCATION", invite.location))
    lines.append(_organizer_line(invite.organiser.name, invite.organiser.email))
    lines.append("STATUS:CANCELLED" if invite.cancelled else "STATUS:CONFIRMED")
    lines.append("TRANSP:OPAQUE")
    if invite.event_url:
        lines.append(_fold("URL:" + invite.event_url))
    if not invite.cancelled:
        reminder = _translator(gettext)(N_("I morgen: %(summary)s")) % {"summary": title}
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", _text_line("DESCRIPTION", reminder), "TRIGGER:-P1D", "END:VALARM"]
    lines.append("END:VEVENT\r\n")
    return "\r\n".join(lines)


@lru_cache(maxsize=4096)
def _text_line(name: str, value: str) -> str:
    """A TEXT property (RFC 5545 § 3.3.11), escaped and folded as icalendar does; the same few texts recur in
    every event of a feed, so they are remembered."""
    escaped = (
        value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
        .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n")
    )
    return _fold(f"{name}:{escaped}")


_QUOTE_IN_PARAMETER = re.compile("[,;:\u2019]")


@lru_cache(maxsize=1024)
def _organizer_line(name: str, email: str) -> str:
    """ORGANIZER;CN=…:mailto:… with the name escaped (RFC 6868) and quoted as icalendar does."""
    cn = re.sub(r'\^|\r\n|\r|\n|"', lambda m: {"^": "^^", '"': "^'"}.get(m.group(0), "^n"), name)
    if " " in name or "'" in name or _QUOTE_IN_PARAMETER.search(cn):
        cn = f'"{cn}"'
    address = email if email[:7].lower() == "mailto:" else "mailto:" + email
    return _fold(f"ORGANIZER;CN={cn}:{address}")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets as icalendar does (RFC 5545 § 3.1): each piece is kept under 75 octets,
    a multi-byte character is never split, and an escape (a backslash or ``^``) starts the next piece together
    with the character it escapes."""
    if len(line) < 75 and (line.isascii() or len(line.encode("utf-8")) < 75):
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and size + width >= 75:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, size = [carried], 1
            else:
                pieces.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def add_timezones(calendar: Calendar, invites: Iterable[InterviewInvite]) -> None:
    """Add the Europe/Copenhagen VTIMEZONE covering the invites' years, with onsets as RFC 5545 reads them.

    icalendar generates the component; the years are taken from the invites (not from today) so the same
    invites always give the same bytes.
    """
    span = invite_years(invites)
    if span is None:
        return
    calendar.add_missing_timezones(first_date=date(span[0] - 1, 1, 1), last_date=date(span[1] + 2, 1, 1))
    for timezone in calendar.timezones:
        _fix_onsets(timezone, ZoneInfo(timezone.tz_name))


def invite_years(invites: Iterable[InterviewInvite]) -> tuple[int, int] | None:
    """The first and last Danish calendar year the invites touch (None for no invites)."""
    years = [
        moment.astimezone(COPENHAGEN).year for invite in invites for moment in (invite.start, invite.end)
    ]
    return (min(years), max(years)) if years else None


def copenhagen_timezone(first: int, last: int) -> Timezone:
    """The Europe/Copenhagen VTIMEZONE that :func:`add_timezones` adds for events from the year ``first`` to the
    year ``last``."""
    timezone = Timezone.from_tzid(
        COPENHAGEN.key, first_date=date(first - 1, 1, 1), last_date=date(last + 2, 1, 1)
    )
    _fix_onsets(timezone, COPENHAGEN)
    return timezone


def _fix_onsets(timezone: Timezone, zone: ZoneInfo) -> None:
    """Write each observance's onset as local time in its TZOFFSETFROM, as RFC 5545 § 3.6.5 requires.

    icalendar 7 writes the spring onset in the new offset (03:00 instead of 02:00 for Europe/Copenhagen),
    which a strict reader places an hour late. The true instant is the one where the zone's offset changes.
    """
    for observance in timezone.standard + timezone.daylight:
        offset_from = observance.decoded("TZOFFSETFROM")
        offset_to = observance.decoded("TZOFFSETTO")
        if offset_from == offset_to:
            continue  # the opening observance: no change happens at its onset

        def fixed(
            local: datetime, offset_from: timedelta = offset_from, offset_to: timedelta = offset_to
        ) -> datetime:
            for candidate in (local - offset_from, local - offset_to):
                instant = candidate.replace(tzinfo=UTC)
                before = (instant - timedelta(seconds=1)).astimezone(zone).utcoffset()
                if before == offset_from and instant.astimezone(zone).utcoffset() == offset_to:
                    return (instant + offset_from).replace(tzinfo=None)
            return local

        onset = fixed(observance.decoded("DTSTART"))
        rdates = [fixed(value.dt) for rdates in _as_list(observance.get("RDATE")) for value in rdates.dts]
        observance.pop("DTSTART")
        observance.add("DTSTART", onset)
        if rdates:
            observance.pop("RDATE")
            observance.add("RDATE", rdates)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def summary(invite: InterviewInvite, *, gettext: Gettext | None = None) -> str:
    """The event title, e.g. "Jobsamtale med din a-kasse"; "Aflyst: …" once cancelled."""
    text = _translator(gettext)
    if invite.recipient is Recipient.CITIZEN:
        title = text(_CITIZEN_TITLES[(invite.kind, invite.organiser.kind)])
    else:
        title = text(_CASEWORKER_TITLES[invite.kind])
    if invite.cancelled:
        return text(N_("Aflyst: %(title)s")) % {"title": title}
    return title


def description(invite: InterviewInvite, *, gettext: Gettext | None = None) -> str:
    """What the interview is, how it takes place and what it means, in a few short paragraphs."""
    text = _translator(gettext)
    parts: list[str] = []
    citizen = invite.recipient is Recipient.CITIZEN
    if invite.cancelled:
        parts.append(
            text(N_("Samtalen er aflyst, så du skal ikke deltage i den.") if citizen else N_("Samtalen er aflyst."))
        )
    parts.append(_format_text(invite, text))
    if citizen and not invite.cancelled and invite.attend_note:
        parts.append(invite.attend_note)
    if invite.kind is InterviewKind.FAELLESSAMTALE and invite.akasse_participation is not None:
        parts.append(text(_AKASSE_PARTICIPATION[invite.akasse_participation]))
    if citizen and not invite.cancelled:
        parts.append(
            text(
                N_(
                    "Du har selv booket samtalen, og den er lige så bindende som en indkaldelse. Deltager du ikke, "
                    "og har du ikke en gyldig grund, kan det få betydning for din ret til dagpenge."
                )
                if invite.booked_by is BookedBy.SELF
                else N_(
                    "Du er indkaldt til samtalen. Deltager du ikke, og har du ikke en gyldig grund, kan det få "
                    "betydning for din ret til dagpenge."
                )
            )
        )
        parts.append(_change_text(invite, text))
        if invite.contact_note:
            parts.append(invite.contact_note)
    if invite.reference:
        parts.append(text(N_("Bookingnummer: %(reference)s")) % {"reference": invite.reference})
    return "\n\n".join(parts)


def _format_text(invite: InterviewInvite, text: Gettext) -> str:
    """How the interview takes place, with its one detail; by video the link, or who sends it (issue 15), and
    never the link of a cancelled interview."""
    citizen = invite.recipient is Recipient.CITIZEN
    if invite.format is Format.VIDEO and not invite.meeting_link:
        if invite.cancelled:
            return text(N_("Samtalen skulle have været en videosamtale.") if citizen else N_("Video (personligt digitalt fremmøde)."))
        if citizen:
            return text(
                N_("Samtalen foregår som videosamtale (personligt digitalt fremmøde). Du får linket fra %(organisation)s, "
                   "inden samtalen begynder.")
            ) % {"organisation": invite.organiser.name}
        return text(N_("Video (personligt digitalt fremmøde): samtalen har endnu ikke et link."))
    detail = {"address": invite.address, "phone": invite.phone, "link": invite.video_link}
    return text((_CITIZEN_FORMATS if citizen else _CASEWORKER_FORMATS)[invite.format]) % detail


def _change_text(invite: InterviewInvite, text: Gettext) -> str:
    """May the citizen move or cancel it: as the caller was told by the rules core, or where to look."""
    url = {"url": invite.manage_url}
    if invite.may_change is True:
        if invite.manage_url:
            return text(N_("Du kan flytte eller aflyse samtalen i Selvbooking: %(url)s")) % url
        return text(N_("Du kan flytte eller aflyse samtalen i Selvbooking."))
    if invite.may_change is False:
        return invite.change_note or text(
            N_("Du kan ikke selv flytte eller aflyse samtalen. Kontakt %(organisation)s, hvis du ikke kan deltage.")
        ) % {"organisation": invite.organiser.name}
    if invite.manage_url:
        return text(N_("Se under Mine samtaler i Selvbooking, om du kan flytte eller aflyse samtalen: %(url)s")) % url
    return text(N_("Se under Mine samtaler i Selvbooking, om du kan flytte eller aflyse samtalen."))


_CITIZEN_TITLES = {
    (InterviewKind.JOBSAMTALE, Organisation.AKASSE): N_("Jobsamtale med din a-kasse"),
    (InterviewKind.JOBSAMTALE, Organisation.JOBCENTER): N_("Jobsamtale med dit jobcenter"),
    (InterviewKind.FAELLESSAMTALE, Organisation.JOBCENTER): N_("Fælles jobsamtale med jobcenter og a-kasse"),
    (InterviewKind.FAELLESSAMTALE, Organisation.AKASSE): N_("Fælles jobsamtale med jobcenter og a-kasse"),
    (InterviewKind.RAADIGHEDSSAMTALE, Organisation.AKASSE): N_("Rådighedssamtale med din a-kasse"),
    (InterviewKind.RAADIGHEDSSAMTALE, Organisation.JOBCENTER): N_("Rådighedssamtale med din a-kasse"),
    (InterviewKind.CVSAMTALE, Organisation.AKASSE): N_("CV-samtale med din a-kasse"),  # the old rules (R28)
    (InterviewKind.CVSAMTALE, Organisation.JOBCENTER): N_("CV-samtale med dit jobcenter"),
}

_CASEWORKER_TITLES = {
    InterviewKind.JOBSAMTALE: N_("Jobsamtale med borger"),
    InterviewKind.FAELLESSAMTALE: N_("Fælles jobsamtale med borger"),
    InterviewKind.RAADIGHEDSSAMTALE: N_("Rådighedssamtale med borger"),
    InterviewKind.CVSAMTALE: N_("CV-samtale med borger"),
}

_CITIZEN_FORMATS = {
    Format.PERSONLIGT: N_("Samtalen foregår ved personligt fremmøde. Mød op på adressen: %(address)s"),
    Format.TELEFONISK: N_("Samtalen foregår telefonisk. Vi ringer til dig på %(phone)s."),
    Format.VIDEO: N_(
        "Samtalen foregår som videosamtale (personligt digitalt fremmøde). Deltag via linket: %(link)s"
    ),
}

_CASEWORKER_FORMATS = {
    Format.PERSONLIGT: N_("Personligt fremmøde: %(address)s"),
    Format.TELEFONISK: N_("Telefonisk: ring til borgeren på %(phone)s."),
    Format.VIDEO: N_("Video (personligt digitalt fremmøde): %(link)s"),
}

_AKASSE_PARTICIPATION = {
    AkasseParticipation.NONE: N_("A-kassen deltager ikke i samtalen."),
    AkasseParticipation.VIDEO: N_("A-kassen deltager via video."),
    AkasseParticipation.IN_PERSON: N_("A-kassen deltager ved fremmøde."),
}


def _translator(gettext: Gettext | None) -> Gettext:
    """The recipient's catalogue (translations/<locale>) when given; the Danish message ids otherwise."""
    return gettext if gettext is not None else (lambda message: message)
