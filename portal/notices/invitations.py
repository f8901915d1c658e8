"""The e-mail of a calendar invitation notice (iMIP, RFC 6047; :mod:`scheduling.services.invitations`): built at
sending time with :func:`scheduling.calendar.imip.imip_email` from the interview as it is then (time, format,
video link), but with the METHOD and SEQUENCE the notice was written for, so a CANCEL stays a CANCEL."""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage

from flask import Flask
from flask_babel import force_locale, gettext

from portal.database import unit_of_work
from scheduling.calendar.imip import Attendee, imip_email
from scheduling.course import InterviewStatus
from scheduling.services import calendars
from scheduling.services.invitations import CANCEL
from scheduling.services.notices import Job, NoAddress
from scheduling.vocabulary import ActorKind


def compose(app: Flask, job: Job) -> EmailMessage:
    """The invitation (or cancellation) for the caseworker, or the person, the notice is to."""
    if not job.address:
        raise NoAddress("Ingen e-mailadresse (no e-mail address).")
    cfg = app.config
    method, sequence = job.params.get("method"), int(job.params.get("sequence", 0))
    locale = job.locale if job.locale in ("da", "en") else "da"
    citizen = job.recipient_kind == ActorKind.CITIZEN
    with force_locale(locale):
        invite = calendars.invite_for(
            unit_of_work(app), int(job.params["interview_id"]), locale=locale, gettext=gettext,
            citizen_id=job.recipient_id if citizen else None, caseworker_id=None if citizen else job.recipient_id,
            manage_url=f"{cfg['PORTAL_URL'].rstrip('/')}/borger/" if citizen else None,
        )
        if method == CANCEL:
            invite = replace(invite, sequence=sequence, status=InterviewStatus.CANCELLED)
        elif invite.cancelled:
            invite = replace(invite, sequence=sequence, status=InterviewStatus.BOOKED)
        else:
            invite = replace(invite, sequence=sequence)
        message = imip_email(
            invite, Attendee(job.address), sender=cfg["MAIL_FROM"], sender_name=cfg["MAIL_FROM_NAME"], gettext=gettext,
        )
    message["X-Selvbooking-Notice"] = job.key
    return message
