"""E-mail for the outbox: a notice becomes a message with a plain-text and an HTML part in the person's language,
sent over SMTP (production) or written to a folder (development, the demo, the tests).

What a mail says is deliberately little (issue 15, privacy): that there is news about the person's job
interview, a link to the portal, and for an interview its time and format. Never a CPR number, a name, a
decision's reasons or a caseworker's note: the notice row holds none of them (:mod:`scheduling.services.notices`).

A notice of kind ``invitation`` (iMIP, RFC 6047) is composed by :mod:`portal.notices.invitations` instead: a
text part and the ``text/calendar; method=REQUEST|CANCEL`` part.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime as rfc2822_date
from email.utils import formataddr
from pathlib import Path
from typing import Protocol

from flask import Flask, render_template
from flask_babel import force_locale

from portal.i18n import date_long, datetime_long, gettext
from portal.labels import FORMAT_LABELS
from portal.notices import invitations
from scheduling.course import Format
from scheduling.services.contact import CONFIRM_TOPIC, CONFIRMATION_VALID
from scheduling.services.notices import Job, NoAddress
from scheduling.services.reminders import BOOK_BY_TOPIC
from scheduling.vocabulary import NoticeChannel, NoticeKind


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpTransport:
    """SMTP with STARTTLS (unless turned off for a server on loopback) and a log-in when a user name is set."""

    def __init__(
        self, host: str, port: int, *, starttls: bool = True, username: str | None = None,
        password: str | None = None, timeout: float = 30, context: ssl.SSLContext | None = None,
    ) -> None:
        self.host, self.port, self.starttls = host, port, starttls
        self.username, self.password, self.timeout = username, password, timeout
        self.context = context  # None: the system's trusted certificates, the host name checked

    def send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=self.context or ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


class FileTransport:
    """Each message as an ``.eml`` file in ``folder`` (development: ``instance/mail/``), named by its time and
    key so that a second delivery of one notice overwrites the first."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        key = str(message["X-Selvbooking-Notice"])
        partial = self.folder / f".{key}.tmp"
        partial.write_bytes(bytes(message))
        partial.replace(self.folder / f"{key}.eml")


def transport(app: Flask) -> Transport:
    """The configured transport: ``MAIL_TRANSPORT`` "smtp" or "file"."""
    cfg = app.config
    if cfg["MAIL_TRANSPORT"] == "file":
        return FileTransport(Path(cfg["MAIL_DIR"]))
    return SmtpTransport(
        cfg["SMTP_HOST"], int(cfg["SMTP_PORT"]), starttls=bool(cfg["SMTP_STARTTLS"]),
        username=cfg.get("SMTP_USERNAME"), password=cfg.get("SMTP_PASSWORD"),
    )


def message_id(job: Job, domain: str) -> str:
    """The notice's Message-ID, the same on every attempt: the receiver de-duplicates by it."""
    return f"<{job.key}@{domain}>"


def _when(job: Job) -> tuple[str | None, str | None]:
    start = job.params.get("start")
    format_ = job.params.get("format")
    when = datetime_long(datetime.fromisoformat(start)) if start else None
    how = str(FORMAT_LABELS[Format(format_)]) if format_ in set(Format) else None
    return when, how


def _video_link(job: Job) -> str | None:
    """The video interview's link (https only), if the notice carries one."""
    link = job.params.get("video_link")
    return link if isinstance(link, str) and link.startswith("https://") else None


def reminder_text(job: Job) -> str | None:
    """A reminder's first line and subject (in the locale in force): of an interview tomorrow, or of the day to
    book by; None for any other notice."""
    if job.kind != NoticeKind.REMINDER:
        return None
    if job.topic == BOOK_BY_TOPIC and job.params.get("book_by"):
        return gettext("Husk at booke din jobsamtale senest %(date)s", date=date_long(date.fromisoformat(job.params["book_by"])))
    return gettext("Husk din jobsamtale i morgen")


def compose(app: Flask, job: Job) -> EmailMessage:
    """The e-mail for a notice, in the person's language (Danish unless they chose English)."""
    if job.channel != NoticeChannel.EMAIL or not job.address:
        raise NoAddress("Ingen e-mailadresse (no e-mail address).")
    if job.kind == NoticeKind.INVITATION:
        return invitations.compose(app, job)  # iMIP: text/calendar; method=REQUEST or CANCEL
    cfg = app.config
    locale = job.locale if job.locale in cfg["LANGUAGES"] else cfg["BABEL_DEFAULT_LOCALE"]
    portal = cfg["PORTAL_URL"].rstrip("/")
    with force_locale(locale):
        when, how = _when(job)
        confirming = job.topic == CONFIRM_TOPIC
        context = {
            "when": when, "how": how, "portal_url": f"{portal}/borger/beskeder", "kind": job.kind,
            "confirm_url": f"{portal}/borger/kontakt/bekraeft/{job.params.get('token', '')}" if confirming else None,
            "video_link": _video_link(job),
        }
        context["reminder"] = reminder_text(job)  # a reminder says so (issue 15, reminders)
        subject = gettext("Bekræft din e-mailadresse") if confirming else context["reminder"] or gettext(
            "Du har fået en ny besked om din jobsamtale"
        )
        valid_hours = int(CONFIRMATION_VALID.total_seconds() // 3600)
        text = render_template("notices/mail.txt", subject=subject, valid_hours=valid_hours, **context)
        html = render_template("notices/mail.html", subject=subject, lang=locale, valid_hours=valid_hours, **context)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr((cfg["MAIL_FROM_NAME"], cfg["MAIL_FROM"]))
    message["To"] = job.address
    message["Message-ID"] = message_id(job, cfg["MAIL_DOMAIN"])
    message["Date"] = rfc2822_date(datetime.now().astimezone())
    message["Auto-Submitted"] = "auto-generated"
    message["X-Selvbooking-Notice"] = job.key
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    message["Content-Language"] = locale  # after the parts: setting content moves Content-* headers into them
    return message


def sender(app: Flask, chosen: Transport | None = None) -> Callable[[Job], None]:
    """``send(job)`` for the worker: compose the mail and hand it to the transport."""
    use = chosen or transport(app)

    def send(job: Job) -> None:
        use.send(compose(app, job))

    return send


__all__ = ["FileTransport", "SmtpTransport", "compose", "message_id", "sender", "transport"]
