"""After every caseworker action the confirmation is in view without scrolling (issue 14): the action redirects to
its page at ``#kvittering``, the success alert at the top of main, focusable and focused (autofocus; selvbooking.js
too), so the browser scrolls to it with or without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.web.caseworker_helpers import as_caseworker, html, post

ALERT = re.compile(r'<main id="main-content"[^>]*>\s*<div class="alert alert-success[^"]*" role="status" id="kvittering" tabindex="-1" autofocus>')

ACTIONS = [
    ("Birgitte Holm", "/sagsbehandler/tilgaengelighed/tilbud", {"kinds": ["jobsamtale"], "formats": ["telefonisk"]},
     "/sagsbehandler/tilgaengelighed"),
    ("Birgitte Holm", "/sagsbehandler/tilgaengelighed/fravaer", {"start_day": "2026-12-20", "end_day": "2026-12-21"},
     "/sagsbehandler/tilgaengelighed"),
    ("Louise Kjær", "/sagsbehandler/tidsrum/foreslaa", {
        "akasse": "2", "weekday": "3", "start": "13:00", "end": "15:00", "valid_from": "2026-12-01",
        "akasse_participation": "fremmoede"}, "/sagsbehandler/tidsrum"),
    ("Torben Vestergaard", "/sagsbehandler/brugere", {"name": "Ny Rådgiver", "email": "ny@fremad.dk",
                                                 "password": "en-lang-adgangskode"}, "/sagsbehandler/brugere"),
]


@pytest.mark.parametrize(("who", "path", "data", "page"), ACTIONS, ids=["offer", "absence", "timeslot", "account"])
def test_an_action_redirects_to_its_confirmation_at_the_top_of_main(app, client, who, path, data, page):
    as_caseworker(client, app, who)
    response = post(client, path, data, form_page=page)
    assert response.status_code == 302, html(response)[:2000]
    assert response.headers["Location"].endswith(f"{page}#kvittering")
    assert ALERT.search(html(client.get(page)))


def test_an_action_on_a_person_returns_to_the_confirmation_not_to_the_section(app, client):
    from tests.web.caseworker_helpers import person

    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Sofie Lund Andersen") + "/fritag-selvbooking"
    response = post(client, path, {"ground": "sprog", "assessment": "Taler ikke dansk endnu."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{person(app, 'Sofie Lund Andersen')}#kvittering")
    assert ALERT.search(html(client.get(person(app, "Sofie Lund Andersen"))))


def test_only_the_first_confirmation_has_the_id(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    for _ in range(2):
        post(client, "/sagsbehandler/tilgaengelighed/tilbud", {"kinds": ["jobsamtale"], "formats": ["telefonisk"]},
             form_page="/sagsbehandler/tilgaengelighed")
    assert html(client.get("/sagsbehandler/tilgaengelighed")).count('id="kvittering"') == 1
