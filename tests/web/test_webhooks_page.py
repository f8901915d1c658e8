"""The administrator's webhook page (issue 16, /sagsbehandler/webhooks): administrators only; a URL that is not
https is refused in Danish with 422 and nothing written; a new subscription shows its secret once; it can be
deactivated and sent a test event, which the worker delivers to a real receiver on loopback, signed."""

from __future__ import annotations

import json
import re
import time

import pytest
from sqlalchemy import select

from scheduling.services import webhooks
from tests.integration.webhook_helpers import Receiver
from tests.web.caseworker_helpers import as_caseworker, html, post
from tests.web.notices_helpers import send_once

PAGE = "/sagsbehandler/webhooks"
ADMIN = "Torben Vestergaard"  # administrator, A-kassen Fremad
CASEWORKER = "Birgitte Holm"  # caseworker (not administrator), A-kassen Fremad
EVENTS = ["interview.booked", "interview.cancelled"]


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


def _subscriptions(app) -> list:
    from scheduling.adapters.orm import WebhookSubscriptionRow

    with app.extensions["selvbooking_sessions"]() as session:
        rows = list(session.scalars(select(WebhookSubscriptionRow).order_by(WebhookSubscriptionRow.id)))
        session.expunge_all()
        return rows


def _add(client, url: str, events=EVENTS):
    return post(client, PAGE, {"url": url, "events": events})


def test_a_caseworker_who_is_not_an_administrator_gets_403_and_cannot_subscribe(app, client):
    as_caseworker(client, app, CASEWORKER)
    assert client.get(PAGE).status_code == 403
    response = post(client, PAGE, {"url": "https://sag.example.dk/hook", "events": EVENTS}, form_page="/sagsbehandler/")
    assert response.status_code == 403
    assert _subscriptions(app) == []


def test_someone_not_logged_in_is_sent_to_log_in(app, client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/log-ind" in response.headers["Location"]


@pytest.mark.parametrize(("url", "message"), [
    ("http://sag.example.dk/hook", "Adressen skal begynde med https://."),
    ("sag.example.dk/hook", "Skriv en fuld adresse, der begynder med https://"),
    ("https://bruger:kode@sag.example.dk/hook", "Adressen må ikke indeholde brugernavn eller adgangskode."),
    ("https://169.254.169.254/latest/meta-data", "Adressen peger på et internt netværk"),
])
def test_a_url_that_cannot_be_used_is_refused_in_danish_with_422_and_nothing_is_written(app, client, url, message):
    as_caseworker(client, app, ADMIN)
    response = _add(client, url)
    assert response.status_code == 422
    assert message in html(response)
    assert _subscriptions(app) == []


def test_no_event_chosen_is_refused_with_422(app, client):
    as_caseworker(client, app, ADMIN)
    response = _add(client, "https://sag.example.dk/hook", events=[])
    assert response.status_code == 422 and "Vælg mindst én hændelse" in html(response)
    assert _subscriptions(app) == []


def test_the_page_offers_the_events_as_checkboxes_and_works_without_javascript(app, client):
    as_caseworker(client, app, ADMIN)
    page = html(client.get(PAGE))
    assert page.count('type="checkbox" id="events-') == 6
    assert 'value="interview.held"' in page and 'value="ping"' not in page
    assert f'action="{PAGE}"' in page and 'method="post"' in page


def test_a_subscription_shows_its_secret_once_then_is_listed_deactivated_and_pinged(app, client):
    as_caseworker(client, app, ADMIN)
    response = _add(client, "https://sag.example.dk/hook")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    [secret] = re.findall(r'<code id="secret">(whsec_[A-Za-z0-9_-]+)</code>', html(response))
    [row] = _subscriptions(app)
    assert (row.url, row.events, row.active, row.secret) == ("https://sag.example.dk/hook", EVENTS, True, secret)
    again = html(client.get(PAGE))
    assert secret not in again and "https://sag.example.dk/hook" in again and "Aktiv" in again

    pinged = post(client, f"{PAGE}/{row.id}/test", form_page=PAGE)
    assert pinged.status_code == 302
    assert "Testhændelsen (ping) er lagt i udbakken" in html(client.get(pinged.headers["Location"]))

    done = post(client, f"{PAGE}/{row.id}/deaktiver", form_page=PAGE)
    assert done.status_code == 302
    assert "Deaktiveret" in html(client.get(PAGE))
    assert _subscriptions(app)[0].active is False
    assert post(client, f"{PAGE}/{row.id}/test", form_page=PAGE).status_code == 404  # no test to an inactive one


def test_another_organisations_subscription_is_404(app, client):
    as_caseworker(client, app, ADMIN)
    _add(client, "https://sag.example.dk/hook")
    [row] = _subscriptions(app)
    as_caseworker(client, app, "Susanne Brink")  # another organisation's administrator
    assert post(client, f"{PAGE}/{row.id}/deaktiver", form_page=PAGE).status_code == 404
    assert post(client, f"{PAGE}/{row.id}/test", form_page=PAGE).status_code == 404
    assert _subscriptions(app)[0].active is True


def test_the_worker_command_delivers_the_test_event_to_the_receiver_signed(app, client, receiver):
    as_caseworker(client, app, ADMIN)
    response = _add(client, receiver.url)  # http to loopback: allowed by the testing configuration only
    [secret] = re.findall(r'<code id="secret">([^<]+)</code>', html(response))
    [row] = _subscriptions(app)
    post(client, f"{PAGE}/{row.id}/test", form_page=PAGE)
    done = send_once(app)
    assert done.failed == 0
    [got] = receiver.received
    assert got.headers["Selvbooking-Event"] == "ping"
    assert webhooks.verify(secret, got.headers["Selvbooking-Signature"], got.body, int(time.time()))
    assert json.loads(got.body)["data"]["subscription_id"] == row.id
    assert "Endnu ikke" not in html(client.get(PAGE))  # its last delivery is shown
