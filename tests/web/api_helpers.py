"""Helpers (no tests, no fixtures) for the API's web tests: a token for a demo organisation, and a request with
it. Test modules import them from here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

# the demo organisations by kind and kommune; api_token's ``organisation`` is an id or one of these names
DEMO_ORGANISATIONS = ("akasse", "jobcenter")


def _organisation_admin(app, organisation: int | str) -> tuple[int, int]:
    """(organisation id, an active administrator of it): ``organisation`` an id, or "akasse"/"jobcenter" for the
    first demo organisation of that kind."""
    from portal.database import session
    from scheduling.adapters.orm import CaseworkerRow, OrganisationRow

    with app.app_context():
        query = select(CaseworkerRow.organisation_id, CaseworkerRow.id).join(OrganisationRow).where(
            CaseworkerRow.is_admin.is_(True), CaseworkerRow.disabled.is_(False))
        if isinstance(organisation, int):
            query = query.where(OrganisationRow.id == organisation)
        else:
            query = query.where(OrganisationRow.kind == organisation)
        row = session().execute(query.order_by(OrganisationRow.id, CaseworkerRow.id).limit(1)).one()
        return row[0], row[1]


def api_token(app, organisation: int | str = "akasse", scope: str = "write", caseworker_id: int | None = None,
              name: str = "Sagssystem") -> str:
    """A new token (made through the service, by the organisation's administrator, acting as ``caseworker_id`` or
    the administrator) for a demo organisation; returns the secret."""
    from portal import now
    from portal.database import unit_of_work
    from scheduling.services import api_tokens

    _organisation_id, admin_id = _organisation_admin(app, organisation)
    with app.app_context():
        _token_id, secret = api_tokens.create_token(
            unit_of_work(app), now(app), admin_id, name, scope, caseworker_id or admin_id)
    return secret


def organisation_id(app, organisation: int | str = "akasse") -> int:
    return _organisation_admin(app, organisation)[0]


def api(client, method: str, url: str, token: str | None, json: Any = None, headers: dict[str, str] | None = None):
    """A request to the API with the token as bearer (``None``: without one)."""
    sent = dict(headers or {})
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    return client.open(url, method=method.upper(), json=json, headers=sent)
