"""The caseworker's page about a person (issue 14): upcoming interviews soonest first and past ones below, most
recent first, as two headed sections; the person's own phone number and e-mail for the organisation responsible."""

from __future__ import annotations

import re

from tests.web.caseworker_helpers import as_caseworker, citizen_id, html, person
from tests.web.today_helpers import NADIA, SOFIE, call_in


def _times(section: str) -> list[str]:
    return re.findall(r"<td data-title=\"Tid\">([^<]+)</td>", section)


def test_upcoming_interviews_come_soonest_first_and_past_ones_below_most_recent_first(app, client):
    # Sofie: held 36 days ago, self-booked in 6 days (the demo); called in today at 9.00 (begun at 12.00) and tomorrow
    call_in(app, NADIA, SOFIE, 0, "09:00")
    call_in(app, NADIA, SOFIE, 1, "10:00")
    as_caseworker(client, app, NADIA)
    page = html(client.get(person(app, SOFIE)))
    upcoming = page.split('id="kommende-samtaler"')[1].split('id="tidligere-samtaler"')[0]
    past = page.split('id="tidligere-samtaler"')[1].split('id="forloeb"')[0]
    assert ">Kommende samtaler</h3>" in page and ">Tidligere samtaler</h3>" in page
    assert [t.split(" kl.")[0] for t in _times(upcoming)] == [
        "torsdag den 26. november 2026", "tirsdag den 1. december 2026",  # tomorrow, then her own in 6 days
    ]
    assert [t.split(" kl.")[0] for t in _times(past)] == [
        "onsdag den 25. november 2026", "tirsdag den 20. oktober 2026",  # today at 9.00, then 36 days ago
    ]


def test_a_person_without_interviews_to_come_is_told_so(app, client):
    as_caseworker(client, app, NADIA)
    page = html(client.get(person(app, "Mette Nørgaard Jensen")))
    assert "Ingen kommende samtaler." in page and "Ingen tidligere samtaler." in page


def test_the_persons_own_phone_and_email_are_on_their_page(app, client):
    as_caseworker(client, app, NADIA)
    page = html(client.get(person(app, SOFIE)))
    phone = page.split('id="personens-telefon">')[1].split("</dd>")[0]
    email = page.split('id="personens-email">')[1].split("</dd>")[0]
    assert re.search(r'<a href="tel:20\d+">20 \d\d \d\d 00</a>', phone), phone
    assert '<a href="mailto:sofie@borger.demo.example.dk">sofie@borger.demo.example.dk</a>' in email


def test_missing_contact_details_say_ikke_oplyst(app, client):
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow

    with app.app_context(), unit_of_work() as uow:
        row = uow.session.get(CitizenRow, citizen_id(app, SOFIE))
        row.phone = row.email = None
        uow.commit()
    as_caseworker(client, app, NADIA)
    page = html(client.get(person(app, SOFIE)))
    assert page.split('id="personens-telefon">')[1].startswith("Ikke oplyst</dd>")
    assert page.split('id="personens-email">')[1].startswith("Ikke oplyst</dd>")


def test_an_organisation_that_does_not_serve_the_person_sees_neither_page_nor_contact_details(app, client):
    as_caseworker(client, app, "Rikke Dahl")  # Lønmodtagernes A-kasse Nord
    response = client.get(person(app, SOFIE))
    assert response.status_code == 404 and "sofie@borger.demo.example.dk" not in html(response)
