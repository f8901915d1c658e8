"""The person's contact settings page (issue 15): a new e-mail address gets a link; opening it while logged in
and pressing the button makes it the address notices go to; bad input is a clear Danish message and a 422."""

from __future__ import annotations

import re
from email import message_from_bytes
from email import policy as email_policy

from portal.notices.mail import FileTransport
from tests.web.caseworker_helpers import citizen_id, html, post
from tests.web.helpers import csrf_token, log_in_as
from tests.web.notices_helpers import send_once

PAGE = "/borger/kontakt"


def _confirmation_link(folder) -> str:
    """The path of the link in the confirmation mail the worker wrote."""
    for path in folder.glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=email_policy.default)
        match = re.search(r"/borger/kontakt/bekraeft/[A-Za-z0-9_-]+", message.get_body(("plain",)).get_content())
        if match:
            return match.group(0)
    raise AssertionError("no confirmation mail")


def test_a_person_sets_an_address_confirms_it_by_the_link_and_it_is_used(app, client, tmp_path):
    sofie = citizen_id(app, "Sofie Lund Andersen")
    log_in_as(client, "citizen", sofie)
    page = html(client.get(PAGE))
    assert "Kontaktoplysninger" in page and "Vi sender e-mail til" in page
    response = post(client, PAGE, {"email": "sofie.ny@example.dk", "mobile": "20 12 34 56"})
    assert response.status_code == 302
    shown = html(client.get(PAGE))
    assert "Vi har sendt et link til sofie.ny@example.dk" in shown and "Vi venter på, at du bekræfter" in shown
    send_once(app, FileTransport(tmp_path / "mail"))
    link = _confirmation_link(tmp_path / "mail")
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200 and "Bekræft adressen" in html(confirm_page)
    response = client.post(link, data={"csrf_token": csrf_token(client, link)}, follow_redirects=True)
    assert response.status_code == 200
    assert "Din e-mailadresse sofie.ny@example.dk er bekræftet" in html(response)
    assert "Vi sender e-mail til sofie.ny@example.dk" in html(response)
    again = client.post(link, data={"csrf_token": csrf_token(client, link)})
    assert again.status_code == 422 and "Linket virker ikke længere" in html(again)


def test_bad_input_is_a_danish_message_and_nothing_is_saved(app, client):
    log_in_as(client, "citizen", citizen_id(app, "Sofie Lund Andersen"))
    response = post(client, PAGE, {"email": "ikke en adresse", "mobile": "12"})
    assert response.status_code == 422
    page = html(response)
    assert "Skriv en e-mailadresse som navn@eksempel.dk." in page
    assert "Skriv et dansk mobilnummer med 8 cifre" in page
    assert "Vi venter på" not in html(client.get(PAGE))


def test_a_forged_link_confirms_nothing(app, client):
    log_in_as(client, "citizen", citizen_id(app, "Sofie Lund Andersen"))
    link = "/borger/kontakt/bekraeft/forfalsket"
    response = client.post(link, data={"csrf_token": csrf_token(client, link)})
    assert response.status_code == 422 and "Linket virker ikke længere" in html(response)


def test_the_settings_are_for_a_logged_in_citizen_only(app, client):
    assert client.get(PAGE).status_code == 302  # to log in
    log_in_as(client, "caseworker", 1)
    assert client.get(PAGE).status_code == 403
