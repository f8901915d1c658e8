"""Log-in through the organisation's OpenID Connect broker (MitID for citizens), with the broker faked."""

from __future__ import annotations

import pytest
from flask import redirect
from sqlalchemy import select

from portal.auth import oidc
from scheduling.adapters.orm import CaseworkerRow, CitizenRow


class FakeBroker:
    def __init__(self, userinfo: dict) -> None:
        self.userinfo = userinfo

    def authorize_redirect(self, redirect_uri: str):
        return redirect(f"https://broker.example/authorize?redirect_uri={redirect_uri}")

    def authorize_access_token(self) -> dict:
        return {"userinfo": self.userinfo}


@pytest.fixture
def oidc_app(app, monkeypatch):
    app.config.update(OIDC_METADATA_URL="https://broker.example/.well-known/openid-configuration", OIDC_CLIENT_ID="selvbooking")
    return app


def _login_with(app, client, monkeypatch, userinfo: dict):
    monkeypatch.setattr(oidc, "_client", lambda: FakeBroker(userinfo))
    start = client.get("/log-ind/oidc")
    assert start.status_code == 302 and start.headers["Location"].startswith("https://broker.example/authorize")
    return client.get("/log-ind/oidc/callback")


def _one(app, query):
    with app.app_context():
        from portal.database import session

        return session().scalars(query).first()


def test_login_page_offers_mitid_only_when_configured(app, oidc_app):
    assert "Log ind med MitID" in app.test_client().get("/log-ind/").get_data(as_text=True)


def test_without_configuration_the_oidc_routes_do_not_exist(tmp_path):
    from portal import create_app

    bare = create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'o.sqlite3'}"})
    client = bare.test_client()
    assert client.get("/log-ind/oidc").status_code == 404
    assert "Log ind med MitID" not in client.get("/log-ind/").get_data(as_text=True)


def test_a_citizen_is_found_by_the_cpr_claim(oidc_app, monkeypatch):
    citizen = _one(oidc_app, select(CitizenRow).order_by(CitizenRow.id))
    client = oidc_app.test_client()
    done = _login_with(oidc_app, client, monkeypatch, {"sub": "x", "dk:gov:cpr": citizen.cpr})
    assert done.status_code == 302
    assert citizen.name in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_a_caseworker_is_found_by_a_verified_email(oidc_app, monkeypatch):
    worker = _one(oidc_app, select(CaseworkerRow).order_by(CaseworkerRow.id))
    client = oidc_app.test_client()
    _login_with(oidc_app, client, monkeypatch, {"sub": "unknown-subject", "email": worker.email.upper(), "email_verified": True})
    assert worker.name in client.get("/", follow_redirects=True).get_data(as_text=True)


@pytest.mark.parametrize("verified", [None, False, "false"])
def test_an_unverified_email_does_not_log_a_caseworker_in(oidc_app, monkeypatch, verified):
    """Anyone can put a colleague's address on an account at some IdPs: only a verified e-mail identifies."""
    worker = _one(oidc_app, select(CaseworkerRow).order_by(CaseworkerRow.id))
    client = oidc_app.test_client()
    claims = {"sub": "unknown-subject", "email": worker.email}
    if verified is not None:
        claims["email_verified"] = verified
    done = _login_with(oidc_app, client, monkeypatch, claims)
    assert done.headers["Location"].endswith("/log-ind/")
    assert client.get("/sagsbehandler/").status_code == 302  # not logged in
    assert worker.name not in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_the_oidc_settings_come_from_the_environment_the_readme_names(tmp_path, monkeypatch):
    from portal import create_app

    settings = {
        "OIDC_METADATA_URL": "https://broker.example/.well-known/openid-configuration",
        "OIDC_CLIENT_ID": "selvbooking-prod",
        "OIDC_CLIENT_SECRET": "s3cret",
        "OIDC_CPR_CLAIM": "cpr",
        "OIDC_SCOPE": "openid mitid",
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    configured = create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'env.sqlite3'}"})
    assert {name: configured.config[name] for name in settings} == settings
    with configured.test_request_context():
        assert oidc.enabled()
    assert configured.test_client().get("/log-ind/oidc").status_code != 404
    assert "Log ind med MitID" in configured.test_client().get("/log-ind/").get_data(as_text=True)


def test_the_readme_names_every_oidc_setting_the_config_reads():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in ("OIDC_METADATA_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_CPR_CLAIM", "OIDC_SCOPE"):
        assert name in readme, name


def test_an_unknown_person_is_told_and_not_logged_in(oidc_app, monkeypatch):
    client = oidc_app.test_client()
    done = _login_with(oidc_app, client, monkeypatch, {"sub": "nobody", "dk:gov:cpr": "0101010000"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/log-ind/")
    page = client.get("/log-ind/").get_data(as_text=True)
    assert "Vi kunne ikke finde dig i Selvbooking" in page
    assert client.get("/borger/").status_code == 302  # still not logged in
