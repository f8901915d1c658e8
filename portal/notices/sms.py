"""SMS for the outbox: a notice becomes a short text in the person's language, sent through a gateway over HTTP
(production) or written to a folder (development, the demo, the tests).

A text says as little as an e-mail, less if anything (issue 15, privacy): that there is news about the person's
job interview, or a reminder, with the interview's time (or the book-by date) and where to read more; no name,
no CPR number, no format, no reasons. It stays under 160 characters, one SMS (tests/web/test_sms.py tries every
text in both languages with the longest date).

The gateway is an interface (:class:`SmsGateway`: ``send(to, text, key)``); :class:`HttpGateway` POSTs JSON
``{"to", "text", "reference"}`` with a bearer token to the configured URL: anything but a 2xx answer, or no
answer within the timeout, raises, and the worker tries again after its back-off. ``reference`` is the notice's
key, the same on every attempt, so a gateway that de-duplicates can drop the second copy of the at-least-once
delivery.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import requests
from flask import Flask
from flask_babel import force_locale

from portal.i18n import date_long, datetime_long, gettext
from scheduling.services.notices import Job, NoAddress
from scheduling.services.reminders import BOOK_BY_TOPIC
from scheduling.vocabulary import NoticeChannel, NoticeKind

#: One SMS (GSM 03.38; the Danish letters are in it).
SMS_LENGTH = 160


class SmsGateway(Protocol):
    def send(self, to: str, text: str, key: str) -> None: ...


class SmsRefused(Exception):
    """The gateway answered, but not with 2xx: an attempt that failed (tried again)."""


class HttpGateway:
    """An SMS gateway over HTTP(S): POST ``{"to", "text", "reference"}`` as JSON with ``Authorization: Bearer``."""

    def __init__(self, url: str, token: str | None, *, timeout: float = 10) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("SMS_URL skal være en http(s)-adresse (SMS_URL must be an http(s) address).")
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, to: str, text: str, key: str) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        answer = requests.post(
            self.url, json={"to": to, "text": text, "reference": key}, headers=headers, timeout=self.timeout,
        )
        if not 200 <= answer.status_code < 300:
            raise SmsRefused(f"HTTP {answer.status_code}: {answer.text[:200]}")


class FileGateway:
    """Each SMS as a ``.json`` file in ``folder`` (development: ``instance/sms/``), named by the notice's key so
    that a second delivery of one notice overwrites the first."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, to: str, text: str, key: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.tmp"
        written = {"to": to, "text": text, "reference": key, "at": datetime.now().astimezone().isoformat()}
        partial.write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
        partial.replace(self.folder / f"{key}.json")


def gateway(app: Flask) -> SmsGateway:
    """The configured gateway: ``SMS_GATEWAY`` "http" (SMS_URL, SMS_TOKEN, SMS_TIMEOUT) or "file" (SMS_DIR)."""
    cfg = app.config
    if cfg["SMS_GATEWAY"] == "file":
        return FileGateway(Path(cfg["SMS_DIR"]))
    return HttpGateway(cfg["SMS_URL"] or "", cfg.get("SMS_TOKEN"), timeout=float(cfg["SMS_TIMEOUT"]))


def _site(app: Flask) -> str:
    """Where to read more, as short as it can be: the portal's host name (``selvbooking.dk``)."""
    url = app.config["PORTAL_URL"]
    return urlsplit(url).netloc or url


def text(app: Flask, job: Job) -> str:
    """The SMS for a notice, in the person's language (Danish unless they chose English)."""
    cfg = app.config
    locale = job.locale if job.locale in cfg["LANGUAGES"] else cfg["BABEL_DEFAULT_LOCALE"]
    start, by = job.params.get("start"), job.params.get("book_by")
    with force_locale(locale):
        site = _site(app)
        if job.topic == BOOK_BY_TOPIC and by:
            return gettext("Husk at booke din jobsamtale senest %(date)s. Se %(site)s", date=date_long(date.fromisoformat(by)), site=site)
        when = datetime_long(datetime.fromisoformat(start)) if start else None
        if job.kind == NoticeKind.REMINDER and when:
            return gettext("Husk din jobsamtale %(when)s. Se %(site)s", when=when, site=site)
        if when:
            return gettext("Ny besked om din jobsamtale %(when)s. Se %(site)s", when=when, site=site)
        return gettext("Du har fået en ny besked om din jobsamtale. Se %(site)s", site=site)


def international(number: str) -> str:
    """A stored Danish number (eight digits; older rows may have spaces) as the gateway wants it: ``+4520123456``."""
    compact = "".join(number.split())
    return compact if compact.startswith("+") else f"+45{compact}"


def sender(app: Flask, chosen: SmsGateway | None = None) -> Callable[[Job], None]:
    """``send(job)`` for the worker: the text to the person's mobile number through the gateway."""
    use = chosen or gateway(app)

    def send(job: Job) -> None:
        if job.channel != NoticeChannel.SMS or not job.address:
            raise NoAddress("Intet mobilnummer (no mobile number).")
        use.send(international(job.address), text(app, job), job.key)

    return send


__all__ = ["BOOK_BY_TOPIC", "FileGateway", "HttpGateway", "SmsGateway", "gateway", "sender", "text"]
