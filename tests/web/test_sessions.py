"""Sessions end: log-out, a password change, disabling the account and 30 idle minutes end every copy of the
session cookie, not only the browser's own (issue 9, "Log-out ends the session")."""

from __future__ import annotations

import pytest

from portal.auth import identity
from scheduling.demo import DEMO_PASSWORD, SOFIE
from tests.web.booking_helpers import as_citizen
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, html, post

CASELOAD = "/sagsbehandler/"
BIRGITTE = "birgitte@fremad.demo.example.dk"


def copy_of_session(app, client):
    """Another browser holding a copy of ``client``'s session cookie (stolen, or left on a shared machine)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def refused(client, path: str) -> bool:
    """The page sends the holder of the cookie to log in: the session no longer counts."""
    response = client.get(path)
    return response.status_code == 302 and "/log-ind/" in response.headers["Location"]


def log_out(client) -> None:
    assert post(client, "/log-ind/log-af", form_page="/tilgaengelighed").status_code == 302


@pytest.mark.parametrize("who, home", [("citizen", "/borger/"), ("caseworker", CASELOAD)])
def test_log_out_ends_every_copy_of_the_session(app, client, who, home):
    if who == "citizen":
        as_citizen(app, client, SOFIE)
    else:
        as_caseworker(client, app, "Birgitte Holm")
    copy = copy_of_session(app, client)
    assert client.get(home).status_code == 200 and copy.get(home).status_code == 200
    log_out(client)
    assert refused(client, home)
    assert refused(copy, home)


def test_logging_in_again_after_log_out_works(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    log_out(client)
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get(CASELOAD).status_code == 200


def test_changing_my_password_ends_my_other_sessions_and_keeps_this_one(app, client):
    response = post(client, "/log-ind/sagsbehandler", {"email": BIRGITTE, "password": DEMO_PASSWORD}, form_page="/log-ind/")
    assert response.status_code == 302
    other_device = copy_of_session(app, client)
    new = "en-helt-ny-og-lang-adgangskode"
    response = post(client, "/sagsbehandler/adgangskode", {"current": DEMO_PASSWORD, "new": new, "repeated": new})
    assert response.status_code == 302
    assert "Din adgangskode er skiftet" in html(client.get(response.headers["Location"]))
    assert client.get(CASELOAD).status_code == 200
    assert refused(other_device, CASELOAD)
    # The new password is the one that works now.
    fresh = app.test_client()
    wrong = post(fresh, "/log-ind/sagsbehandler", {"email": BIRGITTE, "password": DEMO_PASSWORD}, form_page="/log-ind/")
    assert wrong.status_code == 422
    right = post(fresh, "/log-ind/sagsbehandler", {"email": BIRGITTE, "password": new}, form_page="/log-ind/")
    assert right.status_code == 302


@pytest.mark.parametrize(
    "current, new, repeated, message",
    [
        ("forkert-adgangskode", "en-helt-ny-og-lang-adgangskode", "en-helt-ny-og-lang-adgangskode", "Din nuværende adgangskode er forkert."),
        (DEMO_PASSWORD, "kort", "kort", "mindst 12 tegn"),
        (DEMO_PASSWORD, "en-helt-ny-og-lang-adgangskode", "en-anden-ny-og-lang-adgangskode", "Skriv den samme nye adgangskode to gange."),
    ],
)
def test_a_password_change_is_refused_in_danish_and_changes_nothing(app, client, current, new, repeated, message):
    as_caseworker(client, app, "Birgitte Holm")
    other_device = copy_of_session(app, client)
    response = post(client, "/sagsbehandler/adgangskode", {"current": current, "new": new, "repeated": repeated})
    assert response.status_code == 422 and message in html(response)
    assert other_device.get(CASELOAD).status_code == 200
    fresh = app.test_client()
    right = post(fresh, "/log-ind/sagsbehandler", {"email": BIRGITTE, "password": DEMO_PASSWORD}, form_page="/log-ind/")
    assert right.status_code == 302


def test_the_password_page_is_for_caseworkers_only(app, client):
    assert refused(client, "/sagsbehandler/adgangskode")
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get("/sagsbehandler/adgangskode"))
    assert "Nuværende adgangskode" in page and 'href="/sagsbehandler/adgangskode"' in page


def test_disabling_an_account_ends_its_sessions_even_when_it_is_opened_again(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    birgitte = copy_of_session(app, client)
    admin = app.test_client()
    as_caseworker(admin, app, "Torben Vestergaard")
    target = caseworker_id(app, "Birgitte Holm")
    assert post(admin, f"/sagsbehandler/brugere/{target}/spaer", form_page="/sagsbehandler/brugere").status_code == 302
    assert refused(birgitte, CASELOAD)
    assert post(admin, f"/sagsbehandler/brugere/{target}/aaben", form_page="/sagsbehandler/brugere").status_code == 302
    assert refused(client, CASELOAD)  # the old session stays ended; Birgitte logs in again
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get(CASELOAD).status_code == 200


class Clock:
    """The idle limit's clock, moved by the test."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    import time

    fake = Clock(time.time())
    monkeypatch.setattr(identity, "_seconds", fake, raising=False)
    return fake


def test_thirty_idle_minutes_end_every_copy_with_a_danish_explanation(app, client, clock):
    as_caseworker(client, app, "Birgitte Holm")
    copy = copy_of_session(app, client)
    clock.now += 31 * 60
    response = copy.get(CASELOAD)
    assert response.status_code == 302 and "/log-ind/" in response.headers["Location"]
    assert "Du er blevet logget af, fordi du ikke har været aktiv i 30 minutter." in html(copy.get(response.headers["Location"]))
    assert refused(client, CASELOAD)


def test_activity_keeps_the_session_alive(app, client, clock):
    as_caseworker(client, app, "Birgitte Holm")
    for _ in range(3):
        clock.now += 29 * 60
        assert client.get(CASELOAD).status_code == 200
    clock.now += 30 * 60 + 1
    assert refused(client, CASELOAD)


def test_an_idle_visitor_who_is_not_logged_in_is_not_told_anything(app, client, clock):
    client.get("/")
    clock.now += 60 * 60
    assert "ikke har været aktiv" not in html(client.get("/log-ind/"))


def _sets_cookie(response) -> bool:
    return any(header.startswith("session=") for header in response.headers.getlist("Set-Cookie"))


def test_a_static_file_never_rewrites_the_session_cookie(app, client):
    """A stylesheet or font still on its way when a form's answer arrives would otherwise set the cookie back to
    what it was before the form was sent, and the answer's message would be lost (seen in Chromium)."""
    as_citizen(app, client, SOFIE)
    for path in ("/static/selvbooking.css", "/static/selvbooking.js"):
        response = client.get(path)
        assert response.status_code == 200 and not _sets_cookie(response), path


def test_a_page_read_within_a_minute_of_the_last_activity_leaves_the_cookie_alone(app, client, clock):
    as_citizen(app, client, SOFIE)
    assert _sets_cookie(client.get("/borger/")), "the first page after log-in keeps its new CSRF token"
    clock.now += identity.SEEN_STEP - 1
    response = client.get("/borger/")
    assert response.status_code == 200 and not _sets_cookie(response)
    clock.now += 1
    response = client.get("/borger/")
    assert response.status_code == 200 and _sets_cookie(response), "a minute on, the activity is noted"



def test_a_cookie_verified_before_is_still_refused_once_older_than_the_sessions_lifetime(app, client, monkeypatch):
    """Issue 11 (portal.sessions): a cookie text the app has verified is only checked for its age the next times;
    past the session's lifetime (or signed in the future) it is no session, as itsdangerous would have said."""
    import time

    from portal import sessions

    as_caseworker(client, app, "Birgitte Holm")
    copy = copy_of_session(app, client)
    assert copy.get(CASELOAD).status_code == 200  # its answer may set a new cookie (a CSRF token in the session)
    assert copy.get(CASELOAD).status_code == 200
    assert copy.get_cookie("session").value in app.extensions["selvbooking_verified_cookies"]
    lifetime = app.permanent_session_lifetime.total_seconds()
    real = time.time()
    for moved in (lifetime + 2, -60):
        assert copy.get(CASELOAD).status_code == 200  # verified again in full: kept again
        monkeypatch.setattr(sessions, "time", _Moved(real + moved))
        assert refused(copy, CASELOAD), moved
        monkeypatch.undo()


class _Moved:
    """``time`` as portal.sessions sees it, at another moment."""

    def __init__(self, moment: float) -> None:
        self.moment = moment

    def time(self) -> float:
        return self.moment


def test_a_changed_cookie_is_verified_in_full_even_after_the_genuine_one_was_accepted(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get(CASELOAD).status_code == 200
    genuine = client.get_cookie("session").value
    payload, stamp, signature = genuine.rsplit(".", 2)
    forged = app.test_client()
    forged.set_cookie("session", f"{payload}.{stamp}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}")
    assert refused(forged, CASELOAD)
    assert client.get(CASELOAD).status_code == 200
