"""Helpers (no tests) for the outbox's web tests: an SMTP server on loopback (aiosmtpd) that keeps what it
receives, the demo people's CPR numbers, and running the worker once."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage

from sqlalchemy import select, update


class Inbox:
    """aiosmtpd's handler: every message received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        parsed = message_from_bytes(envelope.content, policy=email_policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def all_cprs(app) -> list[str]:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow

    with app.app_context(), unit_of_work() as uow:
        return list(uow.session.scalars(select(CitizenRow.cpr)))


def set_citizen(app, citizen_id: int, **values) -> None:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow

    with app.app_context(), unit_of_work() as uow:
        uow.session.execute(update(CitizenRow).where(CitizenRow.id == citizen_id).values(**values))
        uow.commit()


def send_once(app, transport=None):
    """Run the worker once, as ``flask --app portal notices send --once`` does."""
    from portal.notices.worker import run

    with app.app_context():
        return run(app, once=True, transport=transport)
