"""The page of choices /borger/kontakt/beskeder (issue 15): which notices by which channel. A group of radio buttons
per kind of notice, offering only the channels the person has an address for; the binding kinds (a call-in, R19;
a raised format, R17; a decision, R23) can't be switched off; a forged or invalid choice is a Danish message, a 4xx
and nothing saved."""

from __future__ import annotations

import re

from tests.web.caseworker_helpers import citizen_id, html, post
from tests.web.helpers import csrf_token, log_in_as
from tests.web.notices_helpers import set_citizen

PAGE = "/borger/kontakt/beskeder"
SOFIE = "Sofie Lund Andersen"
EVERY_KIND = ("bookinger", "indkaldelser", "samtaleform", "afgoerelser", "forloeb", "paamindelser", "bookingfrist")
VALID = {
    "bookinger": "sms", "indkaldelser": "both", "samtaleform": "email", "afgoerelser": "email", "forloeb": "none",
    "paamindelser": "email", "bookingfrist": "none",
}


def _stored(app, person):
    from portal.database import unit_of_work
    from scheduling.services import contact

    with app.app_context():
        return dict(contact.contact(unit_of_work(), person).choices)


def _sofie(app, client, email="sofie@example.dk", phone="20123456", choices=None):
    person = citizen_id(app, SOFIE)
    set_citizen(app, person, email=email, phone=phone, notice_choices=choices)
    log_in_as(client, "citizen", person)
    return person


def _options(page: str, kind: str) -> list[str]:
    return re.findall(rf'name="{kind}" class="form-radio" value="(\w+)"', page)


def test_the_page_has_a_fieldset_per_kind_with_every_channel_and_none_only_where_allowed(app, client):
    _sofie(app, client)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = html(response)
    assert page.count("<fieldset") == len(EVERY_KIND) and page.count("<legend") == len(EVERY_KIND)
    assert "Bookinger, flytninger og aflysninger" in page and "Påmindelser dagen før en samtale" in page
    for kind in ("bookinger", "forloeb", "paamindelser", "bookingfrist"):
        assert _options(page, kind) == ["email", "sms", "both", "none"], kind
    for kind in ("indkaldelser", "samtaleform", "afgoerelser"):
        assert _options(page, kind) == ["email", "sms", "both"], kind  # binding: no "Ingen besked"
    assert "Besked om indkaldelser kan ikke fravælges" in page and "LAB § 34, stk. 2" in page
    assert page.count('value="email" checked') == len(EVERY_KIND)  # today's default: e-mail to the confirmed address


def test_a_person_without_a_mobile_number_is_not_offered_sms_and_told_why(app, client):
    _sofie(app, client, phone=None)
    page = html(client.get(PAGE))
    assert _options(page, "bookinger") == ["email", "none"]
    assert "Du kan vælge SMS, når du har skrevet dit mobilnummer" in page
    assert _options(page, "indkaldelser") == [] and "Altid på e-mail." in page  # binding, one channel: no choice


def test_a_person_with_neither_is_told_to_give_one_first(app, client):
    _sofie(app, client, email=None, phone=None)
    page = html(client.get(PAGE))
    assert "Vi kan ikke sende dig besked endnu" in page and "<fieldset" not in page


def test_a_valid_choice_is_saved_and_shown_on_the_contact_page(app, client):
    person = _sofie(app, client)
    response = post(client, PAGE, VALID)
    assert response.status_code == 302 and response.headers["Location"].endswith("/borger/kontakt")
    assert _stored(app, person) == VALID
    contact_page = html(client.get("/borger/kontakt"))
    assert "Dine valg er gemt." in contact_page and "Sådan får du besked" in contact_page
    assert "Du har valgt forskelligt for forskellige slags beskeder" in contact_page
    assert 'name="channels" class="form-radio" value="email" checked' not in contact_page  # no one choice for all
    page = html(client.get(PAGE))
    assert re.search(r'name="bookinger" class="form-radio" value="sms" checked', page)
    assert re.search(r'name="forloeb" class="form-radio" value="none" checked', page)


def test_R19_switching_off_call_ins_is_refused_with_why_and_nothing_is_saved(app, client):
    person = _sofie(app, client, choices={"bookinger": "sms"})
    response = post(client, PAGE, {**VALID, "indkaldelser": "none"})
    assert response.status_code == 422
    page = html(response)
    assert "Der er problemer med dine svar" in page
    assert "Besked om indkaldelser kan ikke fravælges, fordi du skal møde op" in page
    assert _stored(app, person) == {"bookinger": "sms"}


def test_R17_R23_a_raised_format_and_decisions_can_not_be_switched_off_either(app, client):
    person = _sofie(app, client)
    for kind, words in (("samtaleform", "ændret samtaleform"), ("afgoerelser", "afgørelser")):
        response = post(client, PAGE, {**VALID, kind: "none"})
        assert response.status_code == 422 and f"Besked om {words} kan ikke fravælges" in html(response)
    assert _stored(app, person) == {}


def test_a_forged_channel_or_value_is_refused_and_nothing_is_saved(app, client):
    person = _sofie(app, client, phone=None)
    only_email = {kind: "email" for kind in ("bookinger", "forloeb", "paamindelser", "bookingfrist")}
    for forged, message in (
        ({**only_email, "paamindelser": "sms"}, "Du kan først vælge SMS, når du har skrevet dit mobilnummer."),
        ({**only_email, "bookinger": "fax"}, "Vælg en af mulighederne."),
        ({key: value for key, value in only_email.items() if key != "bookingfrist"}, "Vælg, hvordan du vil have besked."),
    ):
        response = post(client, PAGE, forged)
        assert response.status_code == 422 and message in html(response), forged
    assert _stored(app, person) == {}


def test_a_post_without_the_page_s_token_is_refused_and_nothing_is_saved(app, client):
    person = _sofie(app, client)
    response = client.post(PAGE, data=VALID)
    assert 400 <= response.status_code < 500
    assert _stored(app, person) == {}


def test_the_one_choice_for_all_on_the_contact_page_sets_every_kind(app, client):
    person = _sofie(app, client, choices=VALID)
    response = post(client, "/borger/kontakt", {"email": "sofie@example.dk", "mobile": "20123456", "channels": "sms"})
    assert response.status_code == 302
    assert _stored(app, person) == dict.fromkeys(EVERY_KIND, "sms")


def test_saving_the_contact_page_without_the_one_choice_keeps_the_choices_per_kind(app, client):
    person = _sofie(app, client, choices=VALID)
    response = post(client, "/borger/kontakt", {"email": "sofie@example.dk", "mobile": "20 12 34 56"})
    assert response.status_code == 302
    assert _stored(app, person) == VALID


def test_the_page_is_for_a_logged_in_citizen_only(app, client):
    assert client.get(PAGE).status_code == 302
    log_in_as(client, "caseworker", 1)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"csrf_token": csrf_token(client, "/sagsbehandler"), **VALID}).status_code in (400, 403)
