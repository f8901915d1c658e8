"""A caseworker form shown again with errors keeps what was entered (issue 14): every checkbox and radio as it was
posted (and the selects and texts), on each caseworker form that has them. Each test posts something invalid and
reads the checked state back from the page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from scheduling.course import InterviewStatus
from tests.web.caseworker_helpers import as_caseworker, decisions, first_slot, html, interviews, person, post

INPUT = re.compile(r"<input\b[^>]*>")


def checked(page: str, name: str) -> set[str]:
    """The values of the checked checkboxes or radios called ``name``."""
    found = set()
    for tag in INPUT.findall(page):
        if f'name="{name}"' in tag and re.search(r"\schecked\b", tag):
            found.add(re.search(r'value="([^"]*)"', tag).group(1))
    return found


def selected(page: str, name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    option = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select.group(1)) if select else None
    return next((v for v in option.groups() if v), None) if option else None


def shown_again(response) -> str:
    assert response.status_code == 422, response.status_code
    return html(response)


def past_interview(app, client, name: str) -> str:
    """Call ``name`` in and move the demo day past the interview: its record page."""
    path = person(app, name) + "/indkald"
    post(client, path, {"kind": "jobsamtale", "start": first_slot(client, path), "format": "personligt_fremmoede"})
    interview = [i for i in interviews(app, name) if i.status == InterviewStatus.BOOKED][-1]
    app.config["TODAY"] = (interview.start + timedelta(days=1)).date().isoformat()
    return f"{person(app, name)}/samtale/{interview.id}/registrer"


def test_record_keeps_the_r12_r14_checklist_without_an_outcome(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    path = past_interview(app, client, "Mette Nørgaard Jensen")
    page = shown_again(post(client, path, {"min_plan": "y", "cv": "y", "note": "Gennemgået"}))
    assert checked(page, "min_plan") == {"y"} and checked(page, "cv") == {"y"} and checked(page, "joblog") == set()
    assert "Gennemgået</textarea>" in page


def test_record_keeps_the_outcome_and_the_checklist_when_the_note_is_too_long(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    path = past_interview(app, client, "Mette Nørgaard Jensen")
    page = shown_again(post(client, path, {"outcome": "missed", "joblog": "y", "note": "x" * 2001}))
    assert checked(page, "outcome") == {"missed"} and checked(page, "joblog") == {"y"}


def test_call_in_keeps_kind_and_format_without_a_time(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Mette Nørgaard Jensen") + "/indkald"
    page = shown_again(post(client, path, {"kind": "jobsamtale", "format": "telefonisk", "message": "Ring mig op"}))
    assert checked(page, "kind") == {"jobsamtale"} and checked(page, "format") == {"telefonisk"}
    assert "Ring mig op</textarea>" in page


@pytest.mark.parametrize(
    ("data", "name", "values"),
    [({"formats": ["telefonisk", "personligt_fremmoede"]}, "formats", {"telefonisk", "personligt_fremmoede"}),
     ({"kinds": ["jobsamtale", "raadighedssamtale"]}, "kinds", {"jobsamtale", "raadighedssamtale"})],
    ids=["formats without kinds", "kinds without formats"],
)
def test_the_offer_keeps_the_ticked_boxes(app, client, data, name, values):
    as_caseworker(client, app, "Birgitte Holm")
    response = post(client, "/sagsbehandler/tilgaengelighed/tilbud", data, form_page="/sagsbehandler/tilgaengelighed")
    assert checked(shown_again(response), name) == values


def test_the_timeslot_proposal_keeps_weekday_akasse_and_participation(app, client):
    as_caseworker(client, app, "Louise Kjær")
    response = post(client, "/sagsbehandler/tidsrum/foreslaa", {
        "akasse": "2", "weekday": "3", "start": "13:00", "valid_from": "2026-12-01", "akasse_participation": "fremmoede",
    }, form_page="/sagsbehandler/tidsrum")
    page = shown_again(response)
    assert checked(page, "akasse_participation") == {"fremmoede"}
    assert selected(page, "weekday") == "3" and selected(page, "akasse") == "2"
    assert 'value="13:00"' in page


def test_revocation_keeps_its_ground_without_an_assessment(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Sofie Lund Andersen") + "/fratag-selvbooking"
    page = shown_again(post(client, path, {"ground": "forhindrer_forloeb"}))
    assert checked(page, "ground") == {"forhindrer_forloeb"}


def test_back_from_the_decision_letter_the_revocation_form_is_as_it_was_filled_in(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Sofie Lund Andersen") + "/fratag-selvbooking"
    letter = html(post(client, path, {"ground": "forhindrer_forloeb", "assessment": "Seks aflysninger på to uger."}))
    assert 'name="confirmed" value="ret"' in letter  # "Ret vurderingen" sends what was entered back
    response = post(client, path, {"ground": "forhindrer_forloeb", "assessment": "Seks aflysninger på to uger.",
                                   "confirmed": "ret"})
    page = html(response)
    assert response.status_code == 200 and checked(page, "ground") == {"forhindrer_forloeb"}
    assert "Seks aflysninger på to uger.</textarea>" in page and "Der er problemer" not in page
    assert not any(d.kind == "fratagelse_selvbooking" for d in decisions(app, "Sofie Lund Andersen"))  # not yet


@pytest.mark.parametrize(
    ("action", "data", "name", "value"),
    [
        ("fritag-selvbooking", {"ground": "tolk"}, "ground", "tolk"),
        ("kontrolaktion", {"stay_abroad": "y", "received_on": "i går"}, "stay_abroad", "y"),
        ("fritagelse", {"ground": "nr2", "starts_on": "snart"}, "ground", "nr2"),
        ("timer", {"kind": "loentilskud", "hours": "mange"}, "kind", "loentilskud"),
    ],
    ids=["self-booking exemption ground", "control action abroad", "exemption ground", "hour kind"],
)
def test_a_person_action_keeps_its_choice(app, client, action, data, name, value):
    as_caseworker(client, app, "Birgitte Holm")
    page = shown_again(post(client, f"{person(app, 'Sofie Lund Andersen')}/{action}", data))
    assert checked(page, name) == {value}


def test_the_settings_keep_the_ticked_box_and_the_r21_choices(app, client):
    as_caseworker(client, app, "Henrik Juhl")  # the administrator of Jobcenter Aarhus
    response = post(client, "/sagsbehandler/indstillinger", {
        "book_by_days": "8", "change_deadline_hours": "24", "address": "Rådhuset", "phone": "ikke et nummer",
        "email": "jc@aarhus.dk", "show_caseworker_names": "y", "faellessamtale_r10": "indkaldelse",
        "faellessamtale_r12": "selvbooking",
    })
    page = shown_again(response)
    assert checked(page, "show_caseworker_names") == {"y"}
    assert checked(page, "faellessamtale_r10") == {"indkaldelse"} and checked(page, "faellessamtale_r12") == {"selvbooking"}


def test_a_new_account_keeps_the_administrator_box(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, "/sagsbehandler/brugere", {"name": "Ny Rådgiver", "is_admin": "y"})
    page = shown_again(response)
    assert checked(page, "is_admin") == {"y"} and 'value="Ny Rådgiver"' in page


def test_working_hours_keep_every_day_entered_when_one_day_lacks_its_end(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    response = post(client, "/sagsbehandler/tilgaengelighed/arbejdstid",
                    {"start_0": "08:00", "end_0": "14:00", "start_2": "10:00"}, form_page="/sagsbehandler/tilgaengelighed")
    page = shown_again(response)
    assert re.search(r'id="start_0"[^>]*value="08:00"', page) and re.search(r'id="end_0"[^>]*value="14:00"', page)
    assert re.search(r'id="start_2"[^>]*value="10:00"', page) and "Skriv både start og slut" in page
