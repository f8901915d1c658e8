"""The administration page for API tokens (issue 16): administrators only, the secret shown once, revocation."""

from __future__ import annotations

import re

from tests.web.api_helpers import api
from tests.web.helpers import csrf_token, log_in_as

TORBEN, BIRGITTE, KASPER, SUSANNE = 4, 1, 2, 7  # Fremad's administrator, two of its caseworkers; Nord's admin
PAGE = "/sagsbehandler/api-noegler"


def _create(client, **fields):
    data = {"csrf_token": csrf_token(client, PAGE), "name": "Sagssystem", "scope": "write", "caseworker_id": BIRGITTE}
    data.update(fields)
    return client.post(PAGE, data=data)


def test_only_administrators_reach_the_page(client):
    assert client.get(PAGE).status_code == 302  # to log in
    log_in_as(client, "caseworker", KASPER)
    assert client.get(PAGE).status_code == 403
    log_in_as(client, "caseworker", TORBEN)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "API-nøgler for A-kassen Fremad" in page.get_data(as_text=True)


def test_a_new_token_is_shown_once_and_works(client):
    log_in_as(client, "caseworker", TORBEN)
    created = _create(client)
    assert created.status_code == 200
    assert created.headers["Cache-Control"] == "no-store"
    html = created.get_data(as_text=True)
    assert "den vises kun denne ene gang" in html
    secret = re.search(r'value="(sb_[^"]+)"', html).group(1)
    assert api(client, "GET", "/api/v1/persons/1", secret).status_code == 200
    listing = client.get(PAGE).get_data(as_text=True)
    assert secret not in listing and secret[:8] in listing
    assert "Birgitte Holm" in listing and "Læse og ændre" in listing


def test_a_token_without_a_name_is_refused_with_the_field(client):
    log_in_as(client, "caseworker", TORBEN)
    refused = _create(client, name="  ")
    assert refused.status_code == 422
    assert "Giv nøglen et navn" in refused.get_data(as_text=True)


def test_a_token_cannot_act_as_another_organisations_caseworker(client):
    log_in_as(client, "caseworker", TORBEN)
    assert _create(client, caseworker_id=SUSANNE).status_code == 422


def test_revoking_asks_first_then_the_token_stops_working(client):
    log_in_as(client, "caseworker", TORBEN)
    secret = re.search(r'value="(sb_[^"]+)"', _create(client).get_data(as_text=True)).group(1)
    listing = client.get(PAGE).get_data(as_text=True)
    confirm_url = re.search(r'href="(/sagsbehandler/api-noegler/\d+/tilbagekald)"', listing).group(1)
    confirm = client.get(confirm_url)
    assert confirm.status_code == 200 and "holder op med at virke med det samme" in confirm.get_data(as_text=True)
    done = client.post(confirm_url, data={"csrf_token": csrf_token(client, confirm_url)})
    assert done.status_code == 302
    assert api(client, "GET", "/api/v1/persons/1", secret).status_code == 401
    assert "Tilbagekaldt" in client.get(PAGE).get_data(as_text=True)


def test_another_organisations_token_cannot_be_revoked(app, client):
    from tests.web.api_helpers import api_token

    api_token(app, "akasse")  # Fremad's token, id 1
    log_in_as(client, "caseworker", SUSANNE)
    assert client.get(f"{PAGE}/1/tilbagekald").status_code == 404
