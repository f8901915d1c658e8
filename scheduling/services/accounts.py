"""Accounts: caseworker log-in (Argon2, limited attempts), administrators' account management, a citizen's
language. Every change is audited in the same transaction.

Log-in attempts are limited per account: after ``MAX_FAILED_LOGINS`` wrong passwords in a row the account
waits ``LOCKOUT`` before the next try, so a password cannot be guessed by trying many; a right password
resets the count. The answer never says whether the e-mail exists.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from scheduling.adapters.orm import CaseworkerRow, CitizenRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Format, InterviewKind
from scheduling.reasons import N_, Reason
from scheduling.services import audit
from scheduling.services.errors import InvalidInput, NotFound

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
LOCALES = ("da", "en")

_hasher = PasswordHasher()
# Verifying against a dummy hash when the e-mail is unknown takes as long as a real check.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AuthenticationFailed(Exception):
    """Wrong e-mail or password, or the account is waiting after too many attempts."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.message)
        self.reason = reason

    def message(self, gettext=None) -> str:  # type: ignore[no-untyped-def]
        return self.reason.render(gettext)


WRONG_LOGIN = Reason("LOGIN", "", N_("Skriv den rigtige e-mailadresse og adgangskode. Kontakt din administrator, hvis du har glemt din adgangskode."))
LOCKED = Reason("LOGIN", "", N_("Der har været for mange forkerte forsøg. Vent 15 minutter, og prøv igen."))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate_caseworker(uow: SqlAlchemyUnitOfWork, email: str, password: str, now: datetime) -> int:
    """The caseworker's id if the e-mail and password are right and the account is open; else AuthenticationFailed."""
    with uow:
        worker = uow.session.scalar(
            select(CaseworkerRow).where(func.lower(CaseworkerRow.email) == email.strip().lower()).with_for_update()
        )
        if worker is None or worker.disabled or not worker.password_hash:
            _verify(_DUMMY_HASH, password)
            raise AuthenticationFailed(WRONG_LOGIN)
        if worker.locked_until is not None and worker.locked_until > now:
            raise AuthenticationFailed(LOCKED)
        if not _verify(worker.password_hash, password):
            worker.failed_logins += 1
            locked = worker.failed_logins >= MAX_FAILED_LOGINS
            if locked:
                worker.locked_until = now + LOCKOUT
                worker.failed_logins = 0
            audit.record(uow, now, audit.Actor.caseworker(worker.id), "login_failed", "caseworker", worker.id, locked=locked)
            uow.commit()
            raise AuthenticationFailed(LOCKED if locked else WRONG_LOGIN)
        worker.failed_logins = 0
        worker.locked_until = None
        if _hasher.check_needs_rehash(worker.password_hash):
            worker.password_hash = _hasher.hash(password)
        audit.record(uow, now, audit.Actor.caseworker(worker.id), "login", "caseworker", worker.id)
        uow.commit()
        return worker.id


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def set_citizen_locale(uow: SqlAlchemyUnitOfWork, citizen_id: int, locale: str) -> None:
    """Remember the person's language on their record."""
    if locale not in LOCALES:
        raise InvalidInput.because(N_("Vælg dansk eller engelsk."))
    with uow:
        citizen = uow.session.get(CitizenRow, citizen_id)
        if citizen is None:
            raise NotFound()
        if citizen.locale != locale:
            citizen.locale = locale
            uow.commit()


def _admin_of(uow: SqlAlchemyUnitOfWork, admin_id: int) -> CaseworkerRow:
    admin = uow.session.get(CaseworkerRow, admin_id)
    if admin is None or admin.disabled or not admin.is_admin:
        raise NotFound()
    return admin


def create_caseworker(
    uow: SqlAlchemyUnitOfWork,
    now: datetime,
    admin_id: int,
    name: str,
    email: str,
    password: str,
    is_admin: bool = False,
) -> int:
    """An administrator creates a caseworker account in their own organisation."""
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise InvalidInput.because(N_("Skriv sagsbehandlerens navn."))
    if "@" not in email:
        raise InvalidInput.because(N_("Skriv en e-mailadresse som navn@eksempel.dk."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput.because(N_("Vælg en adgangskode på mindst %(n)s tegn."), n=MIN_PASSWORD_LENGTH)
    with uow:
        admin = _admin_of(uow, admin_id)
        if uow.session.scalar(select(CaseworkerRow.id).where(func.lower(CaseworkerRow.email) == email)) is not None:
            raise InvalidInput.because(N_("Der findes allerede en bruger med den e-mailadresse."))
        worker = CaseworkerRow(
            organisation_id=admin.organisation_id,
            name=name,
            email=email,
            password_hash=hash_password(password),
            is_admin=is_admin,
            disabled=False,
            failed_logins=0,
            calendar_feed_token=secrets.token_urlsafe(32),
            offered_kinds=[k.value for k in InterviewKind if k is not InterviewKind.RAADIGHEDSSAMTALE],
            offered_formats=[f.value for f in Format],
        )
        uow.session.add(worker)
        uow.flush()
        audit.record(uow, now, audit.Actor.caseworker(admin.id), "caseworker_created", "caseworker", worker.id, email=email)
        uow.commit()
        return worker.id


def set_caseworker_disabled(uow: SqlAlchemyUnitOfWork, now: datetime, admin_id: int, caseworker_id: int, disabled: bool) -> None:
    """An administrator disables (or enables again) an account of their own organisation, never their own."""
    with uow:
        admin = _admin_of(uow, admin_id)
        worker = uow.session.get(CaseworkerRow, caseworker_id)
        if worker is None or worker.organisation_id != admin.organisation_id:
            raise NotFound()
        if worker.id == admin.id:
            raise InvalidInput.because(N_("Du kan ikke spærre din egen bruger."))
        worker.disabled = disabled
        audit.record(
            uow, now, audit.Actor.caseworker(admin.id), "caseworker_disabled" if disabled else "caseworker_enabled", "caseworker", worker.id
        )
        uow.commit()
