"""Public pages, language, errors and the production guards: what anyone meets before logging in."""

from __future__ import annotations

import pytest

from portal import create_app
from tests.web.helpers import choose_language, csrf_token


@pytest.fixture
def bare_app(tmp_path):
    """The portal without the demo world: for pages that need no data."""
    return create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'bare.sqlite3'}"})


def test_front_page_is_danish_with_login_and_accessibility_statement(bare_app):
    html = bare_app.test_client().get("/").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert "Book dine jobsamtaler" in html
    assert 'href="/log-ind/"' in html
    assert "Tilgængelighedserklæring" in html and 'href="/tilgaengelighed"' in html


def test_choosing_english_is_remembered_across_visits(bare_app):
    client = bare_app.test_client()
    response = choose_language(client, "en", "/tilgaengelighed")
    assert response.status_code == 303 and response.headers["Location"].endswith("/tilgaengelighed")
    assert "selvbooking_sprog=en" in response.headers["Set-Cookie"]
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    # The English catalogue is loaded: the words change, not only the lang attribute.
    assert "Book dine jobsamtaler" not in html
    assert "Log in" in html and "Accessibility statement" in html
    # A new session (the browser was closed) still has the cookie: English is remembered.
    client.delete_cookie("session")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_unknown_language_is_404_and_next_never_leaves_the_site(bare_app):
    client = bare_app.test_client()
    assert choose_language(client, "xx").status_code == 404
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = choose_language(client, "da", target)
        assert response.headers["Location"] == "/"


def test_the_language_switch_is_a_post_with_csrf_token_never_a_get(bare_app):
    client = bare_app.test_client()
    footer = client.get("/tilgaengelighed").get_data(as_text=True).split("<footer")[1]
    assert '<form method="post" action="/sprog/en"' in footer and 'name="csrf_token"' in footer
    assert 'name="next" value="/tilgaengelighed?"' in footer
    assert client.get("/sprog/en").status_code == 405
    assert client.post("/sprog/en", data={"next": "/"}).status_code == 400  # no CSRF token
    assert '<html lang="da">' in client.get("/").get_data(as_text=True)


def test_missing_page_is_a_danish_404(bare_app):
    response = bare_app.test_client().get("/findes/ikke")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused_with_a_danish_explanation(bare_app):
    response = bare_app.test_client().post("/log-ind/demo", data={"who": "citizen:1"})
    assert response.status_code == 400
    assert "Siden er udløbet" in response.get_data(as_text=True)


def test_demo_login_of_a_forged_id_is_refused(app, client):
    token = csrf_token(client, "/log-ind/")
    for forged in ("citizen:999999", "caseworker:abc", "admin:1", ""):
        response = client.post("/log-ind/demo", data={"csrf_token": token, "who": forged})
        assert response.status_code == 400, forged


def test_demo_login_is_off_unless_configured(tmp_path):
    app = create_app(
        "testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "DEMO_LOGIN": False}
    )
    client = app.test_client()
    assert "Demo-login" not in client.get("/log-ind/").get_data(as_text=True)
    token = csrf_token(client, "/log-ind/")
    assert client.post("/log-ind/demo", data={"csrf_token": token, "who": "citizen:1"}).status_code == 404


@pytest.mark.parametrize(
    "overrides, complaint",
    [
        ({"SECRET_KEY": "dev-only-not-secret"}, "SECRET_KEY"),
        ({"SECRET_KEY": "a-real-secret-from-the-vault", "DEMO_LOGIN": True}, "Demo-login"),
        ({"SECRET_KEY": "a-real-secret-from-the-vault", "SEED_DEMO": True}, "Demo-login"),
        # Log-in limits in one process's memory would not hold with several app servers: the storage is named.
        ({"SECRET_KEY": "a-real-secret-from-the-vault", "RATELIMIT_STORAGE_URI": None}, "SELVBOOKING_REDIS_URL"),
    ],
)
def test_production_refuses_to_start_with_a_dev_secret_or_the_demo(tmp_path, overrides, complaint):
    with pytest.raises(RuntimeError, match=complaint):
        create_app("production", {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}", **overrides})


def test_production_starts_with_a_real_secret_and_a_named_rate_limit_storage(tmp_path, monkeypatch):
    monkeypatch.setenv("SELVBOOKING_REDIS_URL", "redis://127.0.0.1:6379/0")
    app = create_app(
        "production", {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}", "SECRET_KEY": "a-real-secret-from-the-vault"}
    )
    assert app.config["DEMO_LOGIN"] is False
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_a_logged_in_session_expires_after_thirty_minutes(app, client):
    from email.utils import parsedate_to_datetime

    from sqlalchemy import select

    from portal.database import session
    from scheduling.adapters.orm import CitizenRow

    with app.app_context():
        citizen = session().scalar(select(CitizenRow.id).limit(1))
    token = csrf_token(client, "/log-ind/")
    response = client.post("/log-ind/demo", data={"csrf_token": token, "who": f"citizen:{citizen}"})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    from datetime import UTC, datetime

    minutes = (expires - datetime.now(UTC)).total_seconds() / 60
    assert 25 < minutes <= 30
    assert "HttpOnly" in cookie


def test_the_rules_page_lists_every_rule_R1_to_R28_with_title_basis_and_guidance_section(bare_app):
    """Issue 12: the catalogue of rules is visible to a person, not only to the code."""
    from scheduling.rules.catalogue import RULES

    html = bare_app.test_client().get("/regler").get_data(as_text=True)
    assert "<h1>Reglerne bag Selvbooking</h1>" in html
    for rule in RULES:
        assert f'id="{rule.id}"' in html and rule.title in html and rule.basis in html, rule.id
    assert "Den første jobsamtale holdes ved personligt fremmøde" in html and "LAB § 33, stk. 1, 1. pkt." in html
    assert "afsnit 4.1" in html and 'href="/regler"' in html  # the footer links to it


def test_the_rules_page_links_each_statute_to_its_text_at_retsinformation(bare_app):
    """Issue 13: from a paragraph to the law's own text, at retsinformation.dk (the catalogue's LAW_TEXTS)."""
    html = bare_app.test_client().get("/regler").get_data(as_text=True)
    row = html.split('id="R15"', 1)[1].split("</tr>", 1)[0]  # LAB § 33, stk. 1, 1. pkt.
    assert 'href="https://www.retsinformation.dk/eli/lta/2019/548"' in row and "Læs LAB på retsinformation.dk" in row
