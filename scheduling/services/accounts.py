"""Accounts: caseworker log-in (Argon2), passwords, sessions that end, administrators' account management, a
citizen's language. Every change is audited in the same transaction.

Password hashing is slow on purpose (~0.4 s), so it never runs inside a database transaction: the hash is read in
a short read-only transaction, verified outside any, and the outcome (audit line, rehash) written in a short
write transaction. Guessing is slowed by rate limits per IP and per account in the web layer (Flask-Limiter),
not by locking the account, which would let anyone lock a caseworker out. The answer never says whether the
e-mail exists: an unknown e-mail costs one Argon2 verify against a dummy hash, like a wrong password.

Each person has a ``session_version`` that the web layer stores in the session at log-in and compares on every
request; :func:`end_sessions` (log-out), :func:`change_own_password`, :func:`reset_caseworker_password` and
:func:`set_caseworker_disabled` and :func:`disable_supervisor` raise it, so every copy of an older session cookie
stops working. The leader role (:func:`set_caseworker_leader`) is read on every request instead: withdrawing it
takes the supervision pages away at the next request without ending the caseworker's sessions.

The agency's supervisor accounts (issue 17) belong to no organisation, so no administrator manages them: the
operator creates and disables them on the command line (:func:`create_supervisor`, :func:`disable_supervisor`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from scheduling.adapters.orm import CaseworkerRow, SupervisorRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import Format, InterviewKind
from scheduling.reasons import N_, Reason
from scheduling.services import audit
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import AuditAction, AuditObject

MIN_PASSWORD_LENGTH = 12
MAX_NAME_LENGTH = 200  # the columns' lengths (orm.CaseworkerRow, orm.SupervisorRow)
MAX_EMAIL_LENGTH = 254
CASEWORKER_ACCOUNT = "caseworker"
SUPERVISOR_ACCOUNT = "supervisor"  # the agency's (issue 17): no organisation, aggregates only
LOCALES = ("da", "en")

_hasher = PasswordHasher()
# Verifying against a dummy hash when the e-mail is unknown takes as long as a real check.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AuthenticationFailed(Exception):
    """Wrong e-mail or password (the same for an unknown e-mail and a disabled account)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.message)
        self.reason = reason

    def message(self, gettext=None) -> str:  # type: ignore[no-untyped-def]
        return self.reason.render(gettext)


WRONG_LOGIN = Reason("LOGIN", "", N_("Skriv den rigtige e-mailadresse og adgangskode. Kontakt din administrator, hvis du har glemt din adgangskode."))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@dataclass(frozen=True)
class _Candidate:
    id: int
    password_hash: str


def authenticate_caseworker(uow: AbstractUnitOfWork, email: str, password: str, now: datetime) -> int:
    """The caseworker's id if the e-mail and password are right and the account is open; else AuthenticationFailed."""
    return authenticate(uow, email, password, now, supervisors=False)[1]


def authenticate(
    uow: AbstractUnitOfWork, email: str, password: str, now: datetime, *, supervisors: bool = True
) -> tuple[str, int]:
    """Who logs in with this e-mail and password: ``("caseworker", id)`` or, for the agency's supervisor (issue
    17), ``("supervisor", id)``; AuthenticationFailed if either is wrong or the account is closed.

    Three steps, so no write lock is held while Argon2 works: read the hash (read-only), verify (no
    transaction), write the outcome (a short write transaction that checks the account did not change meanwhile).
    One Argon2 verify whoever it is, an unknown e-mail included.
    """
    kind = CASEWORKER_ACCOUNT
    with uow.reader() as reads:
        found = reads.repo.login_candidate(email)
        if found is None and supervisors:
            kind, found = SUPERVISOR_ACCOUNT, reads.repo.supervisor_login_candidate(email)
    candidate = _Candidate(*found) if found is not None else None
    if candidate is None:
        _verify(_DUMMY_HASH, password)
        raise AuthenticationFailed(WRONG_LOGIN)
    right = _verify(candidate.password_hash, password)
    new_hash = hash_password(password) if right and _hasher.check_needs_rehash(candidate.password_hash) else None
    supervisor = kind == SUPERVISOR_ACCOUNT
    with uow:
        account = uow.repo.lock_supervisor(candidate.id) if supervisor else uow.repo.lock_caseworker(candidate.id)
        # Disabled, or the password changed while we verified: the check was against a hash no longer in force.
        still = account is not None and not account.disabled and account.password_hash == candidate.password_hash
        actor = audit.Actor.supervisor(candidate.id) if supervisor else audit.Actor.caseworker(candidate.id)
        what = AuditObject.SUPERVISOR if supervisor else AuditObject.CASEWORKER
        if not (right and still):
            if account is not None:
                audit.record(uow, now, actor, AuditAction.LOGIN_FAILED, what, account.id)
                uow.commit()
            raise AuthenticationFailed(WRONG_LOGIN)
        assert account is not None
        if new_hash is not None:
            account.password_hash = new_hash
        audit.record(uow, now, actor, AuditAction.LOGIN, what, account.id)
        uow.commit()
        return kind, account.id


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _check_new_password(new: str, repeated: str) -> None:
    if len(new) < MIN_PASSWORD_LENGTH:
        raise InvalidInput.because(N_("Vælg en adgangskode på mindst %(n)s tegn."), n=MIN_PASSWORD_LENGTH)
    if new != repeated:
        raise InvalidInput.because(N_("Skriv den samme nye adgangskode to gange."))


def session_version(
    uow: AbstractUnitOfWork,
    citizen_id: int | None = None,
    caseworker_id: int | None = None,
    supervisor_id: int | None = None,
) -> int | None:
    """The person's current session version (None when the person does not exist), read in its own transaction."""
    with uow.reader() as reads:
        return reads.repo.session_version(
            citizen_id=citizen_id, caseworker_id=caseworker_id, supervisor_id=supervisor_id
        )


def end_sessions(
    uow: AbstractUnitOfWork,
    citizen_id: int | None = None,
    caseworker_id: int | None = None,
    supervisor_id: int | None = None,
) -> None:
    """Log-out: every session of the person ends, on this device and any copy of its cookie."""
    with uow:
        uow.repo.raise_session_version(citizen_id=citizen_id, caseworker_id=caseworker_id, supervisor_id=supervisor_id)
        uow.commit()


def change_own_password(
    uow: AbstractUnitOfWork, now: datetime, caseworker_id: int, current: str, new: str, repeated: str
) -> int:
    """The caseworker changes their own password (the current one first); every other session ends.

    Returns the new session version, for the session that made the change to continue under. The hashing runs
    outside any transaction, as in :func:`authenticate_caseworker`.
    """
    with uow.reader() as reads:
        old_hash = reads.repo.active_password_hash(caseworker_id)
    if not old_hash or not _verify(old_hash, current):
        raise InvalidInput.because(N_("Din nuværende adgangskode er forkert."))
    _check_new_password(new, repeated)
    new_hash = hash_password(new)
    with uow:
        worker = uow.repo.lock_caseworker(caseworker_id)
        if worker is None or worker.disabled or worker.password_hash != old_hash:
            raise InvalidInput.because(N_("Din nuværende adgangskode er forkert."))
        worker.password_hash = new_hash
        worker.session_version += 1
        audit.record(uow, now, audit.Actor.caseworker(worker.id), AuditAction.PASSWORD_CHANGED, AuditObject.CASEWORKER, worker.id)
        uow.commit()
        return worker.session_version


def reset_caseworker_password(
    uow: AbstractUnitOfWork, now: datetime, admin_id: int, caseworker_id: int, new: str, repeated: str
) -> None:
    """An administrator gives a caseworker of their own organisation a new password; the caseworker's sessions end."""
    _check_new_password(new, repeated)
    new_hash = hash_password(new)
    with uow:
        admin = _admin_of(uow, admin_id)
        worker = uow.repo.lock_caseworker(caseworker_id)
        if worker is None or worker.organisation_id != admin.organisation_id:
            raise NotFound()
        worker.password_hash = new_hash
        worker.session_version += 1
        audit.record(uow, now, audit.Actor.caseworker(admin.id), AuditAction.PASSWORD_RESET, AuditObject.CASEWORKER, worker.id)
        uow.commit()


def set_citizen_locale(uow: AbstractUnitOfWork, citizen_id: int, locale: str) -> None:
    """Remember the person's language on their record."""
    if locale not in LOCALES:
        raise InvalidInput.because(N_("Vælg dansk eller engelsk."))
    with uow:
        citizen = uow.repo.citizen(citizen_id)
        if citizen is None:
            raise NotFound()
        if citizen.locale != locale:
            citizen.locale = locale
            uow.commit()


def _admin_of(uow: AbstractUnitOfWork, admin_id: int) -> CaseworkerRow:
    admin = uow.repo.caseworker(admin_id)
    if admin is None or admin.disabled or not admin.is_admin:
        raise NotFound()
    return admin


def _check_account(name: str, email: str, name_missing: str) -> tuple[str, str]:
    """The name and e-mail of a new account, trimmed (the e-mail in lower case), or InvalidInput saying what is
    wrong; ``name_missing`` is the sentence asking for the name."""
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise InvalidInput.because(name_missing)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput.because(N_("Skriv et navn på højst %(n)s tegn."), n=MAX_NAME_LENGTH)
    if "@" not in email or any(c.isspace() for c in email):
        raise InvalidInput.because(N_("Skriv en e-mailadresse som navn@eksempel.dk."))
    if len(email) > MAX_EMAIL_LENGTH:
        raise InvalidInput.because(N_("Skriv en e-mailadresse på højst %(n)s tegn."), n=MAX_EMAIL_LENGTH)
    return name, email


def _refuse_taken(uow: AbstractUnitOfWork, email: str) -> None:
    """Caseworkers and supervisors both log in by e-mail, so an e-mail belongs to one account of either kind."""
    if uow.repo.email_taken(email):
        raise InvalidInput.because(N_("Der findes allerede en bruger med den e-mailadresse."))


def create_caseworker(
    uow: AbstractUnitOfWork,
    now: datetime,
    admin_id: int,
    name: str,
    email: str,
    password: str,
    is_admin: bool = False,
    is_leader: bool = False,
) -> int:
    """An administrator creates a caseworker account in their own organisation; ``is_leader`` makes it one of the
    organisation's leaders (issue 17: sees its supervision figures and the people behind them, R27)."""
    name, email = _check_account(name, email, N_("Skriv sagsbehandlerens navn."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput.because(N_("Vælg en adgangskode på mindst %(n)s tegn."), n=MIN_PASSWORD_LENGTH)
    with uow:
        admin = _admin_of(uow, admin_id)
        _refuse_taken(uow, email)
        worker = CaseworkerRow(
            organisation_id=admin.organisation_id,
            name=name,
            email=email,
            password_hash=hash_password(password),
            is_admin=is_admin,
            is_leader=is_leader,
            disabled=False,
            calendar_feed_token=secrets.token_urlsafe(32),
            # what people self-book: not availability interviews, nor the old rules' CV interview (R28)
            offered_kinds=[k.value for k in InterviewKind
                           if k not in (InterviewKind.RAADIGHEDSSAMTALE, InterviewKind.CVSAMTALE)],
            offered_formats=[f.value for f in Format],
        )
        uow.repo.add(worker)
        uow.flush()
        audit.record(
            uow, now, audit.Actor.caseworker(admin.id), AuditAction.CASEWORKER_CREATED, AuditObject.CASEWORKER,
            worker.id, email=email, is_admin=is_admin, is_leader=is_leader,
        )
        uow.commit()
        return worker.id


def set_caseworker_leader(uow: AbstractUnitOfWork, now: datetime, admin_id: int, caseworker_id: int, leader: bool) -> str:
    """An administrator grants (or withdraws) the leader role of a caseworker of their own organisation (issue 17).

    The role is read on every request (the log-in check), so a caseworker who loses it loses the supervision pages
    at their next request; their sessions go on otherwise. Another organisation's caseworker is NotFound. Granting
    a role the caseworker already has changes nothing and writes no audit line. Returns the caseworker's name.
    """
    with uow:
        admin = _admin_of(uow, admin_id)
        worker = uow.repo.lock_caseworker(caseworker_id)
        if worker is None or worker.organisation_id != admin.organisation_id:
            raise NotFound()
        name = worker.name
        if worker.is_leader != leader:
            worker.is_leader = leader
            audit.record(
                uow, now, audit.Actor.caseworker(admin.id),
                AuditAction.LEADER_GRANTED if leader else AuditAction.LEADER_WITHDRAWN, AuditObject.CASEWORKER,
                worker.id,
            )
            uow.commit()
        return name


def set_caseworker_disabled(uow: AbstractUnitOfWork, now: datetime, admin_id: int, caseworker_id: int, disabled: bool) -> None:
    """An administrator disables (or enables again) an account of their own organisation, never their own."""
    with uow:
        admin = _admin_of(uow, admin_id)
        worker = uow.repo.caseworker(caseworker_id)
        if worker is None or worker.organisation_id != admin.organisation_id:
            raise NotFound()
        if worker.id == admin.id:
            raise InvalidInput.because(N_("Du kan ikke spærre din egen bruger."))
        worker.disabled = disabled
        worker.session_version += 1  # a disabled account's sessions end, and stay ended if it is opened again
        audit.record(
            uow, now, audit.Actor.caseworker(admin.id),
            AuditAction.CASEWORKER_DISABLED if disabled else AuditAction.CASEWORKER_ENABLED, AuditObject.CASEWORKER, worker.id,
        )
        uow.commit()


# ---- the agency's supervisors (issue 17): the operator's command, no organisation ------------------------------


_NO_SUPERVISOR = N_("Der er ingen tilsynsførende med e-mailadressen %(email)s.")


def create_supervisor(
    uow: AbstractUnitOfWork, now: datetime, name: str, email: str, password: str, repeated: str, *, operator: str
) -> int:
    """The operator creates a supervisor account of the agency (``flask tilsyn opret-tilsynsfoerende``): it sees
    every organisation's supervision figures (R27), never a person. The password is checked as a caseworker's new
    one (at least :data:`MIN_PASSWORD_LENGTH` characters, the same twice); the e-mail may belong to no other
    account. Audited as the system, with ``operator`` (who ran the command) in the line."""
    name, email = _check_account(name, email, N_("Skriv den tilsynsførendes navn."))
    _check_new_password(password, repeated)
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    with uow:
        _refuse_taken(uow, email)
        supervisor = SupervisorRow(name=name, email=email, password_hash=password_hash, disabled=False)
        uow.repo.add(supervisor)
        uow.flush()
        audit.record(
            uow, now, audit.SYSTEM, AuditAction.SUPERVISOR_CREATED, AuditObject.SUPERVISOR, supervisor.id,
            email=email, operator=operator,
        )
        uow.commit()
        return supervisor.id


def disable_supervisor(uow: AbstractUnitOfWork, now: datetime, email: str, *, operator: str) -> bool:
    """The operator disables the supervisor account with this e-mail (``flask tilsyn spaer-tilsynsfoerende``):
    it cannot log in, and every session of it ends at its next request. False when it was disabled already
    (nothing written); NotFound when there is no supervisor with that e-mail."""
    with uow:
        supervisor = uow.repo.lock_supervisor_by_email(email)
        if supervisor is None:
            raise NotFound(Reason("INPUT", "", _NO_SUPERVISOR, {"email": email.strip()}))
        if supervisor.disabled:
            return False
        supervisor.disabled = True
        supervisor.session_version += 1
        audit.record(
            uow, now, audit.SYSTEM, AuditAction.SUPERVISOR_DISABLED, AuditObject.SUPERVISOR, supervisor.id,
            email=supervisor.email, operator=operator,
        )
        uow.commit()
        return True
