"""Who calls the API: a bearer token of an organisation (:mod:`scheduling.services.api_tokens`).

``@token_required("read" | "write")`` goes below the route decorator and above ``@spec.validate``: no token, a
wrong or revoked one is 401 (with ``WWW-Authenticate: Bearer``), a read token on a write endpoint is 403, before
the request's body is even looked at. :func:`client` is the authenticated caller; :func:`actor` the caseworker a
write acts as (the token's own, or the ``caseworker_id`` of the request's body); :func:`administrator` that
caseworker when an administrator's page action (the organisation's settings) needs one, else a 403 problem.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from flask_babel import gettext as _

from portal import now
from portal.api.problems import NotAllowed, problem, title_of
from portal.database import unit_of_work
from scheduling.services import api_tokens, read_model
from scheduling.services.api_tokens import ApiClient

View = TypeVar("View", bound=Callable[..., Any])

__all__ = ["ApiClient", "actor", "administrator", "client", "token_required"]


def _secret() -> str | None:
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    return secret if scheme.lower() == "bearer" and secret else None


def _unauthorised(detail: str) -> Any:
    return problem(401, title_of(401), detail, headers={"WWW-Authenticate": "Bearer"})


def authenticate() -> ApiClient | None:
    """The request's client (kept for the request), or None without a valid token."""
    if "api_client" not in g:
        secret = _secret()
        g.api_client = api_tokens.authenticate(unit_of_work(), secret, now()) if secret else None
    return g.api_client  # type: ignore[no-any-return]


def token_required(scope: str) -> Callable[[View], View]:
    """Decorate an API view: it needs a valid token with ``scope`` ("read" or "write"; a write token reads too)."""
    if scope not in api_tokens.SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if _secret() is None:
                return _unauthorised(_("Send API-nøglen som 'Authorization: Bearer <nøgle>'."))
            found = authenticate()
            if found is None:
                return _unauthorised(_("API-nøglen er ukendt eller tilbagekaldt."))
            if not found.may(scope):
                return problem(403, title_of(403), _("API-nøglen må kun læse. Brug en nøgle, der også må ændre."))
            return view(*args, **kwargs)

        checked.api_scope = scope  # type: ignore[attr-defined]  # the OpenAPI document's security and 403
        return checked  # type: ignore[return-value]

    return decorate


def client() -> ApiClient:
    """The authenticated caller of this request (inside a view decorated with :func:`token_required`)."""
    found = g.get("api_client")
    if found is None:
        raise RuntimeError("client() outside a view decorated with @token_required")
    return found  # type: ignore[no-any-return]


def actor(caseworker_id: int | None = None) -> int:
    """The caseworker a write acts as: the token's own, or ``caseworker_id`` (from the request's body) when it is
    an active caseworker of the token's organisation; another organisation's is a 422 problem on the field."""
    return api_tokens.acting_caseworker(unit_of_work(), client(), caseworker_id)


def administrator(caseworker_id: int | None = None) -> int:
    """The acting caseworker (as :func:`actor`) when they administer the token's organisation, as the
    administrators' pages require; otherwise :class:`NotAllowed` (a 403 problem saying what to do)."""
    worker = actor(caseworker_id)
    if not read_model.caseworker(unit_of_work(), worker).is_admin:
        raise NotAllowed(_("Kun organisationens administratorer kan ændre dette. Send caseworker_id for en "
                           "administrator, eller brug en nøgle, der handler som en administrator."))
    return worker
