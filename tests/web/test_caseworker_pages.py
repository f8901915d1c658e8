"""The caseworker's pages: caseload, a person's page, who may see whom, log-in and accounts."""

from __future__ import annotations

from tests.web.caseworker_helpers import as_caseworker, caseworker_id, citizen_id, html, person, post
from tests.web.helpers import csrf_token, log_in_as

CASELOAD = "/sagsbehandler/"
ALL = "/sagsbehandler/?alle=1"  # the whole organisation (a caseworker sees their own people by default)


def test_caseload_of_an_akasse_is_its_members_in_its_period_with_masked_cpr(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(ALL))
    for name in ("Mette Nørgaard Jensen", "Sofie Lund Andersen", "Lars Mikkelsen", "Oksana Kovalenko"):
        assert name in page
    assert "Mikkel Skov Rasmussen" not in page  # handed over to the jobcenter (R2)
    assert "Jonas Bech Poulsen" not in page  # another a-kasse's member
    assert "140489-xxxx" in page and "1404890101" not in page and "140489-0101" not in page


def test_caseload_is_sorted_by_urgency_with_the_next_deadline_and_its_rule(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(ALL))
    assert page.index("Mette Nørgaard Jensen") < page.index("Lars Mikkelsen")  # R6 due 7 Dec before R7 in 2027
    assert "R6: A-kassen skal holde den første jobsamtale med Mette senest 7. december 2026" in page


def test_caseload_of_a_jobcenter_holds_handed_over_people_and_the_r4_group(app, client):
    as_caseworker(client, app, "Louise Kjær")
    page = html(client.get(ALL))
    assert "Mikkel Skov Rasmussen" in page and "Camilla Frost Nielsen" in page
    assert "Mette Nørgaard Jensen" not in page  # still the a-kasse's period (R1)
    as_caseworker(client, app, "Pernille Vind")
    page = html(client.get(ALL))
    assert "Emil Kristensen" in page  # R4: the jobcenter from the start
    assert "Jonas Bech Poulsen" not in page


def test_caseload_filters_revoked_and_exempt(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    revoked = html(client.get(CASELOAD, query_string={"alle": "1", "filter": "frataget"}))
    assert "Lars Mikkelsen" in revoked and "Sofie Lund Andersen" not in revoked
    exempt = html(client.get(CASELOAD, query_string={"alle": "1", "filter": "fritaget"}))
    assert "Oksana Kovalenko" in exempt and "Lars Mikkelsen" not in exempt
    week = html(client.get(CASELOAD, query_string={"alle": "1", "filter": "denne-uge"}))
    assert "Sofie Lund Andersen" not in week
    overdue = html(client.get(CASELOAD, query_string={"alle": "1", "filter": "overskredet"}))
    assert "Ingen personer passer til filteret." in overdue
    as_caseworker(client, app, "Louise Kjær")
    assert "Camilla Frost Nielsen" in html(client.get(CASELOAD, query_string={"alle": "1", "filter": "fritaget"}))


def test_caseworker_pages_need_a_caseworker(app, client):
    assert client.get(CASELOAD).status_code == 302
    log_in_as(client, "citizen", citizen_id(app, "Mette Nørgaard Jensen"))
    assert client.get(CASELOAD).status_code == 403


def test_person_page_shows_full_cpr_timeline_obligations_actions_and_history(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Lars Mikkelsen")))
    assert "080382-0606" in page
    assert "Tilmeldt som jobsøgende" in page and "Jobcentret overtager forløbet (R2)" in page
    assert "6 måneders ledighed" in page and "16 måneders ledighed" in page and "(forventet)" in page
    assert "LAB § 31, stk. 1, 1. pkt." in page  # R7's basis with the obligation
    assert "Giv retten til selvbooking tilbage" in page
    assert "Retten til selvbooking er allerede frataget." in page  # the refused revoke shows why
    assert "Retten til selvbooking frataget (afgørelse)" in page and "Sådan klager du" in page
    assert "Birgitte Holm" in page  # the history names who decided


def test_person_page_of_the_akasse_after_hand_over_shows_why_not_instead_of_buttons(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Mikkel Skov Rasmussen")))
    assert "Det er jobcentret." in page and "LOB § 18 b" in page
    assert f'href="/sagsbehandler/borger/{citizen_id(app, "Mikkel Skov Rasmussen")}/indkald"' not in page


def test_another_organisations_caseworker_gets_404_and_nothing_leaks(app, client):
    as_caseworker(client, app, "Rikke Dahl")  # Lønmodtagernes A-kasse Nord
    mette = citizen_id(app, "Mette Nørgaard Jensen")  # A-kassen Fremad, Jobcenter Aarhus
    for path in (f"/sagsbehandler/borger/{mette}", f"/sagsbehandler/borger/{mette}/indkald",
                 f"/sagsbehandler/borger/{mette}/fratag-selvbooking", f"/sagsbehandler/borger/{mette}/timer"):
        response = client.get(path)
        assert response.status_code == 404, path
        page = html(response)
        assert "Mette" not in page and "140489" not in page
    response = post(client, f"/sagsbehandler/borger/{mette}/genopret-selvbooking", {"assessment": "x"},
                    form_page=CASELOAD)
    assert response.status_code == 404 and "Mette" not in html(response)
    assert client.get("/sagsbehandler/borger/999999").status_code == 404


def test_accounts_are_for_administrators_only(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get("/sagsbehandler/brugere").status_code == 403
    assert post(client, "/sagsbehandler/brugere", {"name": "X"}, form_page=CASELOAD).status_code == 403
    assert "/sagsbehandler/brugere" not in html(client.get(ALL))
    as_caseworker(client, app, "Torben Vestergaard")
    page = html(client.get("/sagsbehandler/brugere"))
    assert "Kasper Lindqvist" in page and "Louise Kjær" not in page


def test_admin_creates_and_disables_a_caseworker_who_then_cannot_log_in(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, "/sagsbehandler/brugere", {
        "name": "Ny Kollega", "email": "ny@fremad.demo.example.dk", "password": "en-lang-adgangskode"})
    assert response.status_code == 302
    assert "Ny Kollega" in html(client.get("/sagsbehandler/brugere"))
    new = caseworker_id(app, "Ny Kollega")
    assert post(client, f"/sagsbehandler/brugere/{new}/spaer", form_page="/sagsbehandler/brugere").status_code == 302
    assert "Spærret" in html(client.get("/sagsbehandler/brugere"))
    other = app.test_client()
    response = post(other, "/log-ind/sagsbehandler",
                    {"email": "ny@fremad.demo.example.dk", "password": "en-lang-adgangskode"}, form_page="/log-ind/")
    assert response.status_code == 422
    assert post(client, f"/sagsbehandler/brugere/{new}/aaben", form_page="/sagsbehandler/brugere").status_code == 302
    response = post(other, "/log-ind/sagsbehandler",
                    {"email": "ny@fremad.demo.example.dk", "password": "en-lang-adgangskode"}, form_page="/log-ind/")
    assert response.status_code == 302


def test_admin_cannot_create_a_duplicate_or_weak_account_nor_touch_another_organisation(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, "/sagsbehandler/brugere", {
        "name": "Dublet", "email": "birgitte@fremad.demo.example.dk", "password": "en-lang-adgangskode"})
    assert response.status_code == 422 and "Der findes allerede en bruger med den e-mailadresse." in html(response)
    response = post(client, "/sagsbehandler/brugere", {"name": "Kort", "email": "k@fremad.demo.example.dk", "password": "kort"})
    assert response.status_code == 422 and "mindst 12 tegn" in html(response)
    louise = caseworker_id(app, "Louise Kjær")
    response = post(client, f"/sagsbehandler/brugere/{louise}/spaer", form_page="/sagsbehandler/brugere")
    assert response.status_code == 404
    me = caseworker_id(app, "Torben Vestergaard")
    response = post(client, f"/sagsbehandler/brugere/{me}/spaer", form_page="/sagsbehandler/brugere")
    assert response.status_code == 422 and "Du kan ikke spærre din egen bruger." in html(response)


def test_caseworker_password_log_in_goes_to_my_people(app, client):
    from scheduling.demo import DEMO_PASSWORD

    response = post(client, "/log-ind/sagsbehandler",
                    {"email": "birgitte@fremad.demo.example.dk", "password": DEMO_PASSWORD}, form_page="/log-ind/")
    assert response.status_code == 302
    assert "Mine borgere" in html(client.get(ALL))


def test_an_action_without_csrf_token_is_refused(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    response = client.post(person(app, "Lars Mikkelsen") + "/genopret-selvbooking", data={"assessment": "x"})
    assert response.status_code == 400


def test_csrf_token_helper_finds_the_caseload_form(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert csrf_token(client, CASELOAD)
