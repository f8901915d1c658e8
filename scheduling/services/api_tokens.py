"""API tokens (issue 16): an organisation's administrator makes, lists and revokes the keys its case systems use
on ``/api/v1``; every request is authenticated here.

A token's secret is ``sb_`` + 32 random bytes (URL-safe base64), shown once when it is made; only its SHA-256 is
stored, so a stolen database holds no usable token (the secret has 256 bits of entropy: a plain hash is enough,
unlike a password, which needs a slow one). Its first 8 characters (``prefix``) name it in lists. A token acts
as one active caseworker of its organisation, chosen by the administrator: the services get that caseworker as
the actor, so the audit log says who. The last use is written at most once a minute
(:data:`LAST_USE_RESOLUTION`), so a busy client does not make every read a write.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from scheduling.adapters.orm import ApiTokenRow, CaseworkerRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.reasons import N_
from scheduling.services import audit
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import AuditAction, AuditObject

SCOPES = ("read", "write")
SECRET_PREFIX = "sb_"  # nosec B105  # the secret's fixed beginning, not a secret
PREFIX_LENGTH = 8
MAX_NAME_LENGTH = 100
LAST_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class ApiClient:
    """The caller of an API request: the token, its organisation, the caseworker it acts as, its name and scope."""

    token_id: int
    organisation_id: int
    caseworker_id: int
    name: str
    scope: str

    def may(self, scope: str) -> bool:
        """A write token may read too."""
        return self.scope == "write" or scope == "read"


@dataclass(frozen=True)
class TokenView:
    """A token as the administration page lists it (never the secret)."""

    id: int
    name: str
    scope: str
    prefix: str
    caseworker_id: int
    caseworker_name: str
    created_at: datetime
    created_by_name: str
    revoked_at: datetime | None
    last_used_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _admin(uow: AbstractUnitOfWork, admin_id: int) -> CaseworkerRow:
    admin = uow.repo.caseworker(admin_id)
    if admin is None or admin.disabled or not admin.is_admin:
        raise NotFound()
    return admin


def create_token(
    uow: AbstractUnitOfWork, now: datetime, admin_id: int, name: str, scope: str, caseworker_id: int
) -> tuple[int, str]:
    """An administrator makes a token for their own organisation, acting as ``caseworker_id`` (an active
    caseworker of it); returns its id and the secret, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput.because(N_("Giv nøglen et navn, så I kan kende den igen.")).on("name")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput.because(N_("Navnet må højst være %(n)s tegn."), n=MAX_NAME_LENGTH).on("name")
    if scope not in SCOPES:
        raise InvalidInput.because(N_("Vælg, om nøglen kun må læse, eller også må ændre.")).on("scope")
    with uow:
        admin = _admin(uow, admin_id)
        actor = uow.repo.caseworker(caseworker_id)
        if actor is None or actor.disabled or actor.organisation_id != admin.organisation_id:
            raise InvalidInput.because(N_("Vælg en aktiv sagsbehandler i jeres egen organisation.")).on("caseworker_id")
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        row = ApiTokenRow(
            organisation_id=admin.organisation_id, caseworker_id=actor.id, name=name, scope=scope,
            token_hash=hash_secret(secret), prefix=secret[:PREFIX_LENGTH], created_at=now, created_by=admin.id,
        )
        uow.repo.add(row)
        uow.flush()
        audit.record(uow, now, audit.Actor.caseworker(admin.id), AuditAction.API_TOKEN_CREATED, AuditObject.API_TOKEN,
                     row.id, name=name, scope=scope, acting_caseworker=actor.id)
        uow.commit()
        return row.id, secret


def revoke_token(uow: AbstractUnitOfWork, now: datetime, admin_id: int, token_id: int) -> None:
    """An administrator revokes a token of their own organisation; it stops working at once. Revoking a revoked
    token changes nothing."""
    with uow:
        admin = _admin(uow, admin_id)
        row = uow.repo.api_token(token_id)
        if row is None or row.organisation_id != admin.organisation_id:
            raise NotFound()
        if row.revoked_at is not None:
            return
        row.revoked_at = now
        audit.record(uow, now, audit.Actor.caseworker(admin.id), AuditAction.API_TOKEN_REVOKED, AuditObject.API_TOKEN,
                     row.id, name=row.name)
        uow.commit()


def list_tokens(uow: AbstractUnitOfWork, admin_id: int) -> list[TokenView]:
    """The administrator's organisation's tokens, newest first."""
    with uow.reader() as reads:
        admin = _admin(reads, admin_id)
        names = {c.id: c.name for c in admin.organisation.caseworkers}
        return [
            TokenView(r.id, r.name, r.scope, r.prefix, r.caseworker_id, names.get(r.caseworker_id, "?"),
                      r.created_at, names.get(r.created_by, "?"), r.revoked_at, r.last_used_at)
            for r in reads.repo.api_tokens(admin.organisation_id)
        ]


def authenticate(uow: AbstractUnitOfWork, secret: str, now: datetime) -> ApiClient | None:
    """The client a secret belongs to, or None: unknown, revoked, or acting as a caseworker who is no longer an
    active one of the organisation. Records the last use (at most once a minute)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    with uow.reader() as reads:
        row = reads.repo.api_token_by_hash(hash_secret(secret))
        if row is None or row.revoked_at is not None:
            return None
        actor = reads.repo.caseworker(row.caseworker_id)
        if actor is None or actor.disabled or actor.organisation_id != row.organisation_id:
            return None
        client = ApiClient(row.id, row.organisation_id, row.caseworker_id, row.name, row.scope)
        stale = row.last_used_at is None or row.last_used_at < now - LAST_USE_RESOLUTION
    if stale:
        with uow:
            uow.repo.touch_api_token(client.token_id, now, now - LAST_USE_RESOLUTION)
            uow.commit()
    return client


def acting_caseworker(uow: AbstractUnitOfWork, client: ApiClient, caseworker_id: int | None) -> int:
    """The caseworker a write request acts as: the token's own, or ``caseworker_id`` when the request names an
    active caseworker of the token's organisation (another organisation's, or none such, is invalid input)."""
    if caseworker_id is None or caseworker_id == client.caseworker_id:
        return client.caseworker_id
    with uow.reader() as reads:
        worker = reads.repo.caseworker(caseworker_id)
        if worker is None or worker.disabled or worker.organisation_id != client.organisation_id:
            raise InvalidInput.because(
                N_("Vælg en aktiv sagsbehandler i jeres egen organisation.")
            ).on("caseworker_id")
        return worker.id
