"""OpenID Connect log-in (MitID through the organisation's broker, or the organisation's own IdP), via Authlib.

Configured with OIDC_METADATA_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. A citizen is found by the CPR claim
(OIDC_CPR_CLAIM, default ``dk:gov:cpr``); a caseworker by the subject bound to their account or their e-mail,
the latter only when the ``email_verified`` claim is true. The settings come from the environment (portal.config).
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from werkzeug.wrappers import Response

_CLIENT = "selvbooking_oidc"


def enabled() -> bool:
    cfg = current_app.config
    return bool(cfg.get("OIDC_METADATA_URL") and cfg.get("OIDC_CLIENT_ID"))


def _client() -> Any:
    from authlib.integrations.flask_client import OAuth

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    oauth = app.extensions.get(_CLIENT)
    if oauth is None:
        oauth = OAuth(app)
        oauth.register(
            "broker",
            server_metadata_url=app.config["OIDC_METADATA_URL"],
            client_id=app.config["OIDC_CLIENT_ID"],
            client_secret=app.config.get("OIDC_CLIENT_SECRET"),
            client_kwargs={"scope": app.config.get("OIDC_SCOPE", "openid profile email")},
        )
        app.extensions[_CLIENT] = oauth
    return oauth.broker


def authorize_redirect(redirect_uri: str) -> Response:
    return _client().authorize_redirect(redirect_uri)


def identify() -> tuple[str, int] | None:
    """After the broker's callback: (kind, id) of the person, or None when nobody matches."""
    from portal.auth.identity import CASEWORKER, CITIZEN, SUPERVISOR
    from portal.database import reads
    from scheduling.services import read_model

    token = _client().authorize_access_token()
    claims = token.get("userinfo") or {}
    cpr = claims.get(current_app.config.get("OIDC_CPR_CLAIM", "dk:gov:cpr"))
    if cpr:
        citizen_id = read_model.citizen_id_by_cpr(reads(), str(cpr).replace("-", ""))
        return (CITIZEN, citizen_id) if citizen_id is not None else None
    # An e-mail says who the person is only when the IdP has verified it (anyone can put any address on an account).
    verified = claims.get("email_verified") in (True, "true")
    worker_id = read_model.active_caseworker_id(
        reads(), oidc_subject=claims.get("sub"), email=claims.get("email") if verified else None
    )
    if worker_id is not None:
        return CASEWORKER, worker_id
    supervisor_id = read_model.active_supervisor_id(
        reads(), oidc_subject=claims.get("sub"), email=claims.get("email") if verified else None
    )
    return (SUPERVISOR, supervisor_id) if supervisor_id is not None else None
