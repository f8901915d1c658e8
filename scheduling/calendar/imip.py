"""Calendar invitations by e-mail (iMIP, RFC 6047) for one interview: the ``text/calendar`` part and the whole
e-mail to one recipient (issue 15). Pure: an :class:`~scheduling.calendar.invitations.InterviewInvite` and the
recipient in, bytes or an :class:`email.message.EmailMessage` out; the outbox sends them.

What Outlook and Google Calendar need to file the event (and later replace or remove it):

* ``METHOD`` on the VCALENDAR and the same ``method=`` parameter on the part's Content-Type: REQUEST while the
  interview stands, CANCEL once it is cancelled (never a REQUEST then, which would leave the event standing).
* One VEVENT with the interview's UID, the same UID as the downloaded ``.ics`` and the subscription feed, so each
  new message updates the one event; SEQUENCE the interview's own, which every change raises, and DTSTAMP.
* ORGANIZER (the organisation, never the recipient, or clients treat the mail as their own meeting) and an
  ATTENDEE naming the recipient's address with PARTSTAT and RSVP. A CANCEL carries STATUS:CANCELLED.
* The part inside ``multipart/alternative`` beside a plain-text part, UTF-8, and the same file once more as an
  ``.ics`` attachment for clients that only look at attachments (Outlook on the web, Apple Mail).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from icalendar import vCalAddress

from scheduling.calendar.invitations import (
    ATTENDEE_DOMAIN,
    COPENHAGEN,
    Gettext,
    InterviewInvite,
    _translator,
    add_timezones,
    description,
    interview_event,
    new_calendar,
    summary,
)
from scheduling.reasons import N_, format_param

__all__ = ["Attendee", "imip_method", "imip_calendar", "imip_email", "message_id"]


@dataclass(frozen=True)
class Attendee:
    """The recipient as ATTENDEE: their address, name (CN), and their answer so far. A caseworker the portal has
    put on the interview has ``ACCEPTED`` it (their calendar files it as busy at once) and replies to nobody
    (``rsvp=False``: the organiser's address is not read); the citizen, called in, ``NEEDS-ACTION``."""

    email: str
    name: str | None = None
    partstat: str = "ACCEPTED"
    rsvp: bool = False
    role: str = "REQ-PARTICIPANT"

    def __post_init__(self) -> None:
        if "@" not in self.email or any(c.isspace() or c in "<>\"," for c in self.email):
            raise ValueError(f"Attendee.email must be one e-mail address, got {self.email!r}")
        if self.partstat not in ("NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE"):
            raise ValueError(f"Attendee.partstat {self.partstat!r} is not an iTIP VEVENT participation status")


def imip_method(invite: InterviewInvite) -> str:
    """REQUEST while the interview stands, CANCEL once it is cancelled."""
    return "CANCEL" if invite.cancelled else "REQUEST"


def imip_calendar(
    invite: InterviewInvite, attendee: Attendee, *, others: Sequence[Attendee] = (), gettext: Gettext | None = None
) -> bytes:
    """The ``text/calendar`` body for ``attendee``: METHOD REQUEST or CANCEL, one VEVENT (the interview's UID and
    SEQUENCE, ORGANIZER, the ATTENDEE and ``others`` taking part, e.g. a joint interview's a-kasse caseworker,
    STATUS), and the time zone it is written in."""
    calendar = new_calendar(method=imip_method(invite))
    event = interview_event(replace(invite, attendee_email=None), gettext=gettext)
    for someone in (attendee, *(o for o in others if o.email.lower() != attendee.email.lower())):
        event.add("ATTENDEE", _address(someone))
    calendar.add_component(event)
    add_timezones(calendar, [invite])
    return calendar.to_ical()


def _address(attendee: Attendee) -> vCalAddress:
    address = vCalAddress(f"mailto:{attendee.email}")
    parameters = {"ROLE": attendee.role, "PARTSTAT": attendee.partstat, "RSVP": "TRUE" if attendee.rsvp else "FALSE"}
    if attendee.name:
        parameters["CN"] = attendee.name
    address.params.update(parameters)
    return address


def message_id(invite: InterviewInvite, attendee: Attendee, domain: str = ATTENDEE_DOMAIN) -> str:
    """The e-mail's Message-ID: the same for the same version (UID, SEQUENCE, METHOD) to the same recipient, so a
    message the outbox sends twice (at least once) is one message to the receiving server and client."""
    key = f"{invite.uid}\n{invite.sequence}\n{imip_method(invite)}\n{attendee.email.lower()}"
    return f"<{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{domain}>"


def imip_email(
    invite: InterviewInvite,
    attendee: Attendee,
    *,
    sender: str,
    sender_name: str | None = None,
    others: Sequence[Attendee] = (),
    gettext: Gettext | None = None,
    text: str | None = None,
) -> EmailMessage:
    """The whole e-mail to one recipient: a plain-text part (``text``, or what :func:`plain_text` writes) and the
    ``text/calendar; method=…; charset=utf-8`` part as alternatives, then the same calendar as an ``.ics``
    attachment. Subject after the event's title and Danish time; Date is the change's time (DTSTAMP)."""
    translate = _translator(gettext)
    method = imip_method(invite)
    body = imip_calendar(invite, attendee, others=others, gettext=gettext)
    message = EmailMessage()
    message["From"] = formataddr((sender_name or invite.organiser.name, sender))
    message["To"] = formataddr((attendee.name or "", attendee.email))
    message["Subject"] = f"{summary(invite, gettext=gettext)}: {_when(invite)}"
    message["Date"] = format_datetime(invite.updated_at)
    message["Message-ID"] = message_id(invite, attendee)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text if text is not None else plain_text(invite, gettext=gettext))
    # quoted-printable: 7-bit safe on any SMTP server, and still readable
    message.add_alternative(body.decode("utf-8"), subtype="calendar", params={"method": method}, cte="quoted-printable")
    message.add_attachment(
        body, maintype="application", subtype="ics",
        filename=translate(N_("aflysning.ics")) if invite.cancelled else translate(N_("invitation.ics")),
    )
    return message


def plain_text(invite: InterviewInvite, *, gettext: Gettext | None = None) -> str:
    """The plain-text part: the title, the Danish time, and the event's description (how the interview takes
    place, the video link)."""
    return "\n\n".join((summary(invite, gettext=gettext), _when(invite), description(invite, gettext=gettext))) + "\n"


def _when(invite: InterviewInvite) -> str:
    return format_param(invite.start.astimezone(COPENHAGEN), invite.locale)
