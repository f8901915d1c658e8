"""The organisation's settings (issue 3, R21): administrators set the booking deadlines, the address and, in a
jobcenter, whether joint interviews are self-booked; everyone else gets 403. Demo day 2026-11-25."""

from __future__ import annotations

from sqlalchemy import select

from scheduling import demo
from tests.web.test_caseworker_helpers import as_caseworker, html, post
from tests.web.test_citizen_booking import as_citizen, main

SETTINGS = "/sagsbehandler/indstillinger"
VALID = {"book_by_days": "10", "change_deadline_hours": "48", "address": "Nyvej 3, 8000 Aarhus C"}


def organisation(app, name: str):
    from scheduling.adapters.orm import OrganisationRow

    with app.extensions["selvbooking_sessions"]() as session:
        row = session.scalar(select(OrganisationRow).where(OrganisationRow.name == name))
        session.expunge(row)
        return row


def settings_audit(app):
    from scheduling.adapters.orm import AuditRow

    with app.extensions["selvbooking_sessions"]() as session:
        return session.scalars(select(AuditRow).where(AuditRow.action == "update_settings")).all()


def test_an_admin_sees_the_current_settings_with_instructions(app, client):
    as_caseworker(client, app, "Torben Vestergaard")  # administrator, A-kassen Fremad
    page = html(client.get(SETTINGS))
    assert 'name="book_by_days"' in page and 'value="8"' in page and 'value="24"' in page
    assert "Fremadvej 12, 8000 Aarhus C" in page and "Mindst 8 dage" in page
    assert 'name="faellessamtaler"' not in page  # R21 is the jobcenter's choice
    assert f'href="{SETTINGS}"' in page  # in the admin's navigation


def test_only_administrators_open_or_change_the_settings(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get(SETTINGS).status_code == 403
    assert f'href="{SETTINGS}"' not in html(client.get("/sagsbehandler/"))
    response = post(client, SETTINGS, VALID, form_page="/sagsbehandler/tilgaengelighed")
    assert response.status_code == 403
    assert organisation(app, "A-kassen Fremad").book_by_days == 8 and not settings_audit(app)


def test_an_admin_saves_the_deadlines_and_address_and_the_change_is_audited(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, SETTINGS, VALID)
    assert response.status_code == 302 and response.headers["Location"].endswith(SETTINGS)
    assert "Indstillingerne er gemt." in html(client.get(SETTINGS))
    org = organisation(app, "A-kassen Fremad")
    assert (org.book_by_days, org.change_deadline_hours, org.address) == (10, 48, "Nyvej 3, 8000 Aarhus C")
    (entry,) = settings_audit(app)
    assert entry.details == {"book_by_days": 10, "change_deadline_hours": 48, "address": "Nyvej 3, 8000 Aarhus C"}


def test_book_by_must_be_at_least_8_days(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, SETTINGS, {**VALID, "book_by_days": "7"})
    assert response.status_code == 422
    assert "Skriv mindst 8 dage: personen skal have mindst 8 dage til at booke" in html(response)
    assert organisation(app, "A-kassen Fremad").book_by_days == 8 and not settings_audit(app)


def test_the_settings_form_says_what_to_write(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, SETTINGS, {"book_by_days": "otte", "change_deadline_hours": "-1", "address": " "})
    page = html(response)
    assert response.status_code == 422
    assert "Skriv antallet af dage som et helt tal, fx 8" in page
    assert "Skriv antallet af timer som et helt tal, fx 24" in page
    assert "Skriv adressen, hvor personen skal møde op" in page
    assert 'href="#book_by_days"' in page  # the error summary links to the field
    assert not settings_audit(app)


def test_a_longer_change_deadline_stops_the_person_moving_an_interview_in_time(app, client):
    as_citizen(app, client, demo.SOFIE)  # her phone interview is on 1 December, 6 days away
    assert "Flyt samtalen" in main(client.get("/borger/").get_data(as_text=True))
    as_caseworker(client, app, "Torben Vestergaard")
    assert post(client, SETTINGS, {**VALID, "change_deadline_hours": "240"}).status_code == 302
    as_citizen(app, client, demo.SOFIE)
    page = main(client.get("/borger/").get_data(as_text=True))
    assert "Flyt samtalen" not in page


def test_jobcenter_admin_chooses_call_in_for_joint_interviews_r21(app, client):
    as_caseworker(client, app, "Henrik Juhl")  # administrator, Jobcenter Aarhus
    page = html(client.get(SETTINGS))
    assert 'name="faellessamtaler"' in page and "Fælles jobsamtaler (R21)" in page
    response = post(client, SETTINGS, {**VALID, "faellessamtaler": "indkaldelse"})
    assert response.status_code == 302
    assert organisation(app, "Jobcenter Aarhus").faellessamtaler_selvbooking is False
    assert f'{SETTINGS}#faellessamtaler' in html(client.get("/sagsbehandler/tidsrum"))  # one place: a link
    as_caseworker(client, app, "Louise Kjær")
    page = html(client.get("/sagsbehandler/tidsrum"))
    assert "Jobcentret indkalder til fælles jobsamtaler." in page and "En administrator kan ændre det." in page
    assert 'name="faellessamtaler"' not in page


def test_a_jobcenter_must_choose_how_joint_interviews_are_booked(app, client):
    as_caseworker(client, app, "Henrik Juhl")
    response = post(client, SETTINGS, VALID)
    assert response.status_code == 422 and "Vælg, hvordan fælles jobsamtaler bookes" in html(response)
