"""The organisation's settings (issue 3, R21): administrators set the booking deadlines, the address and, in a
jobcenter, whether each kind of joint interview (R10, R12) is self-booked; everyone else gets 403. Demo day 2026-11-25."""

from __future__ import annotations

import re

from sqlalchemy import select

from scheduling import demo
from tests.web.booking_helpers import as_citizen, choose_kind, main
from tests.web.caseworker_helpers import as_caseworker, html, post

SETTINGS = "/sagsbehandler/indstillinger"
CONTACT = {"phone": "70 10 20 30", "email": "kontakt@fremad.example.dk"}
VALID = {"book_by_days": "10", "change_deadline_hours": "48", "address": "Nyvej 3, 8000 Aarhus C", **CONTACT}


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
    assert 'name="faellessamtale_r10"' not in page and 'name="faellessamtale_r12"' not in page  # R21: jobcenters'
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
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{SETTINGS}#kvittering")
    assert "Indstillingerne er gemt." in html(client.get(SETTINGS))
    org = organisation(app, "A-kassen Fremad")
    assert (org.book_by_days, org.change_deadline_hours, org.address) == (10, 48, "Nyvej 3, 8000 Aarhus C")
    (entry,) = settings_audit(app)
    assert entry.details == {
        "book_by_days": 10, "change_deadline_hours": 48, "address": "Nyvej 3, 8000 Aarhus C",
        "phone": "70 10 20 30", "email": "kontakt@fremad.example.dk", "contact_url": None, "opening_hours": None,
        "show_caseworker_names": False, "reception": None, "what_to_bring": None, "calls_from": None,
    }


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


JOINT = {"faellessamtale_r10": "selvbooking", "faellessamtale_r12": "selvbooking"}


def test_R21_jobcenter_admin_chooses_per_kind_of_joint_interview(app, client):
    as_caseworker(client, app, "Henrik Juhl")  # administrator, Jobcenter Aarhus
    page = html(client.get(SETTINGS))
    assert 'name="faellessamtale_r10"' in page and 'name="faellessamtale_r12"' in page
    assert "Hvordan bookes den første samtale i jobcentret, når a-kassen deltager? (R10, R21)" in page
    assert "Hvordan bookes fællessamtalen efter 16 måneders ledighed? (R12, R21)" in page
    response = post(client, SETTINGS, {**VALID, "faellessamtale_r10": "selvbooking", "faellessamtale_r12": "indkaldelse"})
    assert response.status_code == 302
    org = organisation(app, "Jobcenter Aarhus")
    assert (org.faellessamtale_r10_selvbooking, org.faellessamtale_r12_selvbooking) == (True, False)
    (entry,) = settings_audit(app)
    assert entry.details["faellessamtale_r10_selvbooking"] is True
    assert entry.details["faellessamtale_r12_selvbooking"] is False
    assert f"{SETTINGS}#faellessamtale_r10" in html(client.get("/sagsbehandler/tidsrum"))  # one place: a link
    response = post(client, SETTINGS, {**VALID, "faellessamtale_r10": "indkaldelse", "faellessamtale_r12": "selvbooking"})
    org = organisation(app, "Jobcenter Aarhus")
    assert (org.faellessamtale_r10_selvbooking, org.faellessamtale_r12_selvbooking) == (False, True)
    as_caseworker(client, app, "Louise Kjær")
    page = html(client.get("/sagsbehandler/tidsrum"))
    assert "Den første samtale i jobcentret med a-kassen (R10): jobcentret indkalder." in page
    assert "Fællessamtalen efter 16 måneders ledighed (R12): personen booker selv i de aftalte tidsrum." in page
    assert "En administrator kan ændre det." in page and 'name="faellessamtale_r10"' not in page


def test_R21_the_settings_page_shows_each_current_choice(app, client):
    as_caseworker(client, app, "Lene Friis")  # administrator, Jobcenter Roskilde: calls in for R12 in the demo
    page = html(client.get(SETTINGS))
    assert re.search(r'id="faellessamtale_r10-0"[^>]*value="selvbooking" checked', page)
    assert re.search(r'id="faellessamtale_r12-1"[^>]*value="indkaldelse" checked', page)


def test_a_jobcenter_must_choose_how_each_joint_interview_is_booked(app, client):
    as_caseworker(client, app, "Henrik Juhl")
    response = post(client, SETTINGS, {**VALID, "faellessamtale_r10": "selvbooking"})
    assert response.status_code == 422 and "Vælg, hvordan fællessamtalen efter 16 måneder bookes" in html(response)
    response = post(client, SETTINGS, {**VALID, "faellessamtale_r12": "selvbooking"})
    page = html(response)
    assert response.status_code == 422
    assert "Vælg, hvordan den første samtale i jobcentret bookes som fællessamtale" in page
    assert not settings_audit(app)


def reopen_the_16_month_interview(app, person) -> None:
    """Hanne's 16-month joint interview is held in the demo; cancelled, the R12 interview is open to book again."""
    from scheduling.adapters.orm import CitizenRow, CourseRow, InterviewRow
    from scheduling.course import InterviewKind, InterviewStatus

    with app.extensions["selvbooking_sessions"]() as session:
        joint = session.scalars(
            select(InterviewRow).join(CourseRow).join(CitizenRow)
            .where(CitizenRow.cpr == person.cpr, InterviewRow.kind == InterviewKind.FAELLESSAMTALE)
        ).one()
        joint.status = InterviewStatus.CANCELLED
        session.commit()


def offers_the_joint_interview(app, client, person) -> bool:
    as_citizen(app, client, person)
    response = client.get("/borger/book")
    if response.status_code == 302:  # one kind to book is not asked (issue 13): the time step for it
        assert response.headers["Location"].endswith("/borger/book/tid")
        assert '<p class="font-lead">Jobsamtale' in main(client.get("/borger/book/tid").get_data(as_text=True))
        return False
    page = main(response.get_data(as_text=True))
    assert 'value="jobsamtale"' in page  # ordinary job interviews stay self-booked either way
    return 'value="faellessamtale"' in page


def test_R21_R12_a_citizen_is_not_offered_the_16_month_interview_when_the_jobcenter_calls_in(app, client):
    reopen_the_16_month_interview(app, demo.HANNE)  # Jobcenter Roskilde, which calls in to it in the demo
    assert not offers_the_joint_interview(app, client, demo.HANNE)
    overview = main(client.get("/borger/").get_data(as_text=True))
    assert "Jobcentret indkalder dig til den fælles jobsamtale efter 16 måneders ledighed." in overview
    as_caseworker(client, app, "Lene Friis")
    assert post(client, SETTINGS, {**VALID, "faellessamtale_r10": "indkaldelse", "faellessamtale_r12": "selvbooking"}).status_code == 302
    assert offers_the_joint_interview(app, client, demo.HANNE)
    as_caseworker(client, app, "Lene Friis")
    assert post(client, SETTINGS, {**VALID, **JOINT, "faellessamtale_r12": "indkaldelse"}).status_code == 302
    assert not offers_the_joint_interview(app, client, demo.HANNE)
    assert choose_kind(client, "faellessamtale").status_code == 422  # nor can she post it


# ---- contact details (issue 13, "Someone to contact") -------------------------------------------------------

FULL_CONTACT = {
    **VALID, "phone": "+45 70 11 22 33", "opening_hours": "Mandag-fredag 8-15", "email": "",
    "contact_url": "https://fremad.example.dk/skriv", "reception": "Meld dig ved skranken på 1. sal.",
    "what_to_bring": "Tag dit pas med.", "calls_from": "70 11 22 99", "show_caseworker_names": "y",
}


def test_an_admin_sees_the_contact_details_and_what_people_need_to_attend(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    page = html(client.get(SETTINGS))
    for value in ("70 10 20 30", "kontakt@fremad.demo.example.dk", "Mandag-torsdag 9-15, fredag 9-12",
                  "Meld dig i receptionen i stueetagen.", "70 10 20 39"):
        assert value in page
    assert re.search(r'name="show_caseworker_names"[^>]*checked', page) or re.search(r'checked[^>]*name="show_caseworker_names"', page)


def test_an_admin_saves_the_contact_details_and_the_person_sees_them(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    assert post(client, SETTINGS, FULL_CONTACT).status_code == 302
    org = organisation(app, "A-kassen Fremad")
    assert (org.phone, org.email, org.contact_url, org.opening_hours, org.reception, org.what_to_bring, org.calls_from,
            org.show_caseworker_names) == ("+45 70 11 22 33", None, "https://fremad.example.dk/skriv", "Mandag-fredag 8-15",
                                           "Meld dig ved skranken på 1. sal.", "Tag dit pas med.", "70 11 22 99", True)
    (entry,) = settings_audit(app)
    assert entry.details["contact_url"] == "https://fremad.example.dk/skriv" and entry.details["email"] is None
    as_citizen(app, client, demo.METTE)
    page = main(client.get("/borger/").get_data(as_text=True))
    assert "+45 70 11 22 33" in page and "Mandag-fredag 8-15" in page and 'href="https://fremad.example.dk/skriv"' in page


def test_the_contact_details_are_checked_and_the_form_says_what_to_write(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, SETTINGS, {
        **VALID, "phone": "ring til os", "email": "ikke en adresse", "contact_url": "javascript:alert(1)",
        "calls_from": "12", "reception": "x" * 501,
    })
    page = html(response)
    assert response.status_code == 422
    assert page.count("Skriv telefonnummeret med cifre, fx 70 20 30 40") >= 2  # the phone and the calling number
    assert "Skriv en e-mailadresse som kontakt@eksempel.dk" in page
    assert "Skriv kontaktformularens fulde adresse, der begynder med https://" in page
    assert "Skriv højst 500 tegn" in page and 'href="#phone"' in page
    assert organisation(app, "A-kassen Fremad").phone == "70 10 20 30" and not settings_audit(app)


def test_a_phone_number_and_an_email_or_a_contact_form_are_required(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, SETTINGS, {**VALID, "phone": "", "email": "", "contact_url": ""})
    page = html(response)
    assert response.status_code == 422
    assert "Skriv telefonnummeret, fx 70 20 30 40" in page
    assert "Skriv en e-mailadresse eller adressen på en kontaktformular, så personen kan skrive til jer" in page
    assert not settings_audit(app)
