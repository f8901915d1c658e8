"""What every page does, done for less (issue 11, round 7), gives what Flask and Jinja give: the session cookie's
bytes and checks (portal.sessions), the menu's and the icons' HTML (portal.templating)."""

from __future__ import annotations

import uuid
from unittest import mock

import pytest
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, SignatureExpired
from markupsafe import Markup

from portal import create_app
from portal.auth.identity import CASEWORKER, CITIZEN, CurrentUser

SESSIONS = [
    {"user": {"kind": "citizen", "id": 3, "v": 1}, "seen": 1764490000, "_permanent": True, "lang": "da",
     "csrf_token": "abc", "booking": {"kind": "jobsamtale", "start": "2026-12-01T09:00:00+00:00"}},
    {"_flashes": [("info", "Du er blevet logget af")]},  # a tuple: tagged
    {"a": {" t": [1, 2]}},  # a dict Flask must tag, as it would read it as a tag
    {"a": [1, 2.5, {"x": None, "y": True}]},
    {"m": Markup("<b>")},
    {"u": uuid.UUID(int=7)},
    {"b": b"bytes"},
    {},
]


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("SELVBOOKING_SECRET_KEY", "the current key")
    app = create_app("testing")
    app.config["SECRET_KEY_FALLBACKS"] = ["an old key"]
    return app


@pytest.mark.parametrize("data", SESSIONS)
def test_the_session_cookie_is_flasks_own(app, data):
    ours = app.session_interface.get_signing_serializer(app)
    flasks = SecureCookieSessionInterface().get_signing_serializer(app)
    with mock.patch("time.time", return_value=1764490000.5):
        cookie = ours.dumps(data)
        assert cookie == flasks.dumps(data)
        assert ours.loads(cookie) == flasks.loads(cookie) == data


def test_the_session_cookie_is_checked_as_flask_checks_it(app):
    ours = app.session_interface.get_signing_serializer(app)
    with mock.patch("time.time", return_value=1764490000.5):
        cookie = ours.dumps({"user": {"kind": "citizen", "id": 3, "v": 1}})
    with pytest.raises(BadSignature):
        ours.loads(cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
    with pytest.raises(SignatureExpired):
        ours.loads(cookie, max_age=60)
    app.secret_key = "an old key"  # a cookie signed before the key changed is still read (a fallback) ...
    old = SecureCookieSessionInterface().get_signing_serializer(app).dumps({"a": 1})
    app.secret_key = "the current key"
    assert app.session_interface.get_signing_serializer(app).loads(old) == {"a": 1}
    app.config["SECRET_KEY_FALLBACKS"] = []  # ... until the old key is dropped
    with pytest.raises(BadSignature):
        app.session_interface.get_signing_serializer(app).loads(old)


@pytest.mark.parametrize("user", [
    CurrentUser(CITIZEN, 1, "Sofie", "", "A · B", unread_messages=2),
    CurrentUser(CASEWORKER, 2, "Birgitte", "Fremad", "Fremad", 1, is_admin=True, is_leader=True),
])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_remembered_menu_and_icons_are_the_macros_output(app, user, lang):
    from flask import session

    with app.test_request_context("/borger/"):
        session["lang"] = lang
        links = user.nav_links()
        assert links == user._nav_links()
        assert user.nav_links() == links  # remembered
        menu = app.jinja_env.get_template("macros/menu.html").module
        for _ in range(2):  # made, then remembered
            assert app.jinja_env.globals["menu"]("menu_items", links) == menu.menu_items(links)
            assert app.jinja_env.globals["menu"]("mobile_navigation", links, "Menu") == \
                menu.mobile_navigation(links, "Menu")
        icons = app.jinja_env.get_template("macros/components.html").module
        for name, label in [("menu", None), ("check", "Trin 1 <gennemført>"), ("check", Markup("<b>1</b>"))]:
            for _ in range(2):
                assert icons.icon(name, label) == icons.icon_uncached(name, label)
