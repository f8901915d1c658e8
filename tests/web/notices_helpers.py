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


def self_signed(folder) -> tuple[str, str]:
    """A certificate and key for 127.0.0.1 (the STARTTLS test's server), made with the cryptography package."""
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp.crt", folder / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    return str(cert_path), str(key_path)


def tell_about_first_interview(app, citizen_id: int) -> None:
    """A notice about the person's first interview, written now (as a service would, in its transaction)."""
    from portal import now
    from portal.database import unit_of_work
    from scheduling.adapters.orm import InterviewRow
    from scheduling.services import notices

    with app.app_context(), unit_of_work() as uow:
        interview = uow.session.scalar(
            select(InterviewRow.id).where(InterviewRow.citizen_id == citizen_id).order_by(InterviewRow.start_at)
        )
        notices.tell(uow, citizen_id, "booking", now(app), interview_id=interview)
        uow.commit()
