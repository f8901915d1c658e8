"""The caseworker's forms use DKFDS's form layout (issue 14): every text, date and time field in a form group with
a width that fits what is written in it (``input-width-*``), hints as ``form-hint`` tied to their field, and the
buttons of a form side by side in a button group."""

from __future__ import annotations

import re

import pytest

from tests.web.caseworker_helpers import as_caseworker, html, person

FIELD = re.compile(r'<(?:input|textarea)\b[^>]*class="form-input([^"]*)"[^>]*>')


def person_pages(app) -> list[str]:
    sofie = person(app, "Sofie Lund Andersen")
    return [f"{sofie}/{action}" for action in ("fritagelse", "timer", "kontrolaktion", "fritag-selvbooking",
                                              "fratag-selvbooking", "indkald")]


@pytest.mark.parametrize("path", ["/sagsbehandler/tilgaengelighed", "/sagsbehandler/tidsrum", "/sagsbehandler/adgangskode"])
def test_every_field_of_a_caseworker_page_has_a_dkfds_width(app, client, path):
    as_caseworker(client, app, "Louise Kjær")
    classes = FIELD.findall(html(client.get(path)))
    assert classes and all("input-width-" in c for c in classes), classes


def test_every_field_of_the_admins_pages_and_the_person_actions_has_a_dkfds_width(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    for path in ["/sagsbehandler/indstillinger", "/sagsbehandler/brugere", *person_pages(app)]:
        classes = FIELD.findall(html(client.get(path)))
        assert all("input-width-" in c for c in classes), (path, classes)


def test_short_numbers_get_short_fields_and_hints_are_tied_to_them(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    page = html(client.get("/sagsbehandler/indstillinger"))
    field = re.search(r'<input[^>]*id="book_by_days"[^>]*>', page).group(0)
    assert "input-width-xxs" in field and 'aria-describedby="book_by_days-help' in field
    assert '<span class="form-hint" id="book_by_days-help">' in page


def test_an_actions_buttons_are_a_button_group(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Sofie Lund Andersen") + "/fritag-selvbooking"))
    assert re.search(r'<div class="button-group[^"]*">\s*<button type="submit" class="button button-primary">', page)
