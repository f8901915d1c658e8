"""I dag (issue 14, "A working day"): a caseworker's first page after logging in lists their own interviews today
and tomorrow in time order, with format, place, the person and the kind, and records one begun held or missed
with the checklist (R12–R14) through the same page and service as the person's page, then comes back."""

from __future__ import annotations

import re

from tests.web.caseworker_helpers import as_caseworker, citizen_id, html, person, post
from tests.web.helpers import csrf_token
from tests.web.statements import page_counts
from tests.web.today_helpers import (
    KASPER,
    LARS,
    METTE,
    NADIA,
    OKSANA,
    SOFIE,
    TODAY_PAGE,
    call_in,
    interview_row,
    record_url,
)


def _day(app):
    """Nadia's day: Mette 9.00 in person, Sofie 10.00 by phone (both begun at the tests' 12.00), Oksana 14.00 by
    video today; Lars tomorrow at 13.00; Lars yesterday and Sofie the day after tomorrow (not shown); Kasper's Lars
    today at 11.00 (not hers)."""
    return {
        "mette": call_in(app, NADIA, METTE, 0, "09:00"),
        "sofie": call_in(app, NADIA, SOFIE, 0, "10:00", "telefonisk"),
        "oksana": call_in(app, NADIA, OKSANA, 0, "14:00", "personligt_digitalt_fremmoede"),
        "lars": call_in(app, NADIA, LARS, 1, "13:00"),
        "lars_yesterday": call_in(app, NADIA, LARS, -1, "10:00"),
        "sofie_later": call_in(app, NADIA, SOFIE, 2, "10:00"),
        "colleague": call_in(app, KASPER, LARS, 0, "11:00"),
    }


def _names_in_order(page: str) -> list[str]:
    return re.findall(r'<a href="/sagsbehandler/borger/\d+">([^<]+)</a>', page)


def test_a_caseworker_lands_on_i_dag_after_logging_in_and_finds_it_and_mine_borgere_in_the_menu(app, client):
    as_caseworker(client, app, NADIA)
    landing = client.get("/")
    assert landing.status_code == 302 and landing.headers["Location"].endswith(TODAY_PAGE)
    page = html(client.get(TODAY_PAGE))
    assert "<h1>I dag</h1>" in page
    menu = html(client.get("/menu"))
    assert f'href="{TODAY_PAGE}"' in menu and 'href="/sagsbehandler/"' in menu


def test_the_password_log_in_lands_on_i_dag_too(app, client):
    from scheduling import demo

    email = next(p.email for p in demo.DEMO_CASEWORKERS if p.name == NADIA)
    response = client.post("/log-ind/sagsbehandler", data={
        "csrf_token": csrf_token(client, "/log-ind/"), "email": email, "password": demo.DEMO_PASSWORD,
    }, follow_redirects=True)
    assert response.request.path == TODAY_PAGE, response.request.path


def test_i_dag_lists_only_my_interviews_today_and_tomorrow_in_time_order(app, client):
    _day(app)
    as_caseworker(client, app, NADIA)
    page = html(client.get(TODAY_PAGE))
    assert _names_in_order(page) == [METTE, SOFIE, OKSANA, LARS]
    today_part, tomorrow_part = page.split('<h2 id="dag-')[1:]
    assert "I dag, onsdag den 25. november 2026" in today_part and LARS not in today_part
    assert "I morgen, torsdag den 26. november 2026" in tomorrow_part and LARS in tomorrow_part
    assert "11.00" not in page  # Kasper's interview with Lars is his


def test_each_interview_says_when_how_where_with_whom_and_what_kind(app, client):
    ids = _day(app)
    as_caseworker(client, app, NADIA)
    page = html(client.get(TODAY_PAGE))
    row = {key: page.split(f'id="samtale-{ids[key]}"')[1].split("</tr>")[0] for key in ("mette", "sofie", "oksana")}
    assert "09.00–" in row["mette"] and "Personligt fremmøde" in row["mette"] and "Jobsamtale" in row["mette"]
    assert "Fremadvej 12, 8000 Aarhus C" in row["mette"]  # where: the holding a-kasse's address
    assert "Telefonsamtale" in row["sofie"] and re.search(r'Ring til <a href="tel:\d+">20 ', row["sofie"])
    assert "Videosamtale" in row["oksana"] and "Ikke begyndt endnu" in row["oksana"]
    assert f'href="/sagsbehandler/borger/{citizen_id(app, METTE)}"' in row["mette"]
    # begun and booked: one click to record each way
    assert "Registrér holdt" in row["mette"] and "Registrér udeblevet" in row["sofie"]
    assert "Registrér" not in row["oksana"]


def test_with_nothing_today_or_tomorrow_i_dag_says_so(app, client):
    as_caseworker(client, app, NADIA)
    page = html(client.get(TODAY_PAGE))
    assert "Du har ingen samtaler i dag eller i morgen." in page
    assert "<table" not in page


def test_i_dag_is_one_read_transaction_of_the_same_few_statements_whatever_the_day_holds(app, client):
    as_caseworker(client, app, NADIA)
    assert client.get(TODAY_PAGE).status_code == 200  # the first request reads the organisation too (then kept)
    empty = page_counts(app, client, TODAY_PAGE)
    _day(app)
    full = page_counts(app, client, TODAY_PAGE)
    assert full.reading == 1 and full.writing == 0, str(full)
    assert len(full.statements) == len(empty.statements) <= 4, f"{empty}\n{full}"


def test_recording_held_from_i_dag_shows_the_R14_checklist_and_comes_back_to_i_dag(app, client):
    ids = _day(app)
    as_caseworker(client, app, NADIA)
    url = record_url(app, METTE, ids["mette"], "held")
    assert url in html(client.get(TODAY_PAGE)).replace("&amp;", "&")
    form = html(client.get(url))
    assert re.search(r'value="held"[^>]*checked', form)  # the answer chosen on I dag
    for item in ("min_plan", "joblog", "cv"):  # Mette's first a-kasse interview (R14)
        assert f'name="{item}"' in form
    assert f'href="{TODAY_PAGE}"' in form  # "Tilbage til I dag" and "Fortryd"
    response = post(client, url, {"outcome": "held", "min_plan": "y", "joblog": "y", "cv": "y"})
    assert response.status_code == 302 and response.headers["Location"].endswith(TODAY_PAGE + "#kvittering")
    back = html(client.get(TODAY_PAGE))
    assert "Samtalen er registreret." in back
    assert interview_row(app, ids["mette"]) == ("afholdt", {"min_plan": True, "joblog": True, "cv": True})
    row = back.split(f'id="samtale-{ids["mette"]}"')[1].split("</tr>")[0]
    assert "Holdt" in row and "Registrér" not in row


def test_recording_missed_from_i_dag_comes_back_with_the_confirmation(app, client):
    ids = _day(app)
    as_caseworker(client, app, NADIA)
    url = record_url(app, SOFIE, ids["sofie"], "missed")
    assert re.search(r'value="missed"[^>]*checked', html(client.get(url)))
    response = post(client, url, {"outcome": "missed"})
    assert response.status_code == 302 and response.headers["Location"].endswith(TODAY_PAGE + "#kvittering")
    assert "Samtalen er registreret." in html(client.get(TODAY_PAGE))
    assert interview_row(app, ids["sofie"])[0] == "udeblevet"


def test_recording_without_an_answer_shows_the_form_again_in_danish_and_records_nothing(app, client):
    ids = _day(app)
    as_caseworker(client, app, NADIA)
    url = record_url(app, METTE, ids["mette"], "held")
    response = post(client, url, {})
    assert response.status_code == 422 and "Vælg, om samtalen blev holdt" in html(response)
    assert interview_row(app, ids["mette"])[0] == "booket"


def test_an_interview_not_yet_begun_cannot_be_recorded_from_i_dag(app, client):
    ids = _day(app)
    as_caseworker(client, app, NADIA)
    response = post(client, record_url(app, OKSANA, ids["oksana"], "held"), {"outcome": "held"})
    assert response.status_code == 422 and "Samtalen kan først registreres, når den er begyndt." in html(response)
    assert interview_row(app, ids["oksana"])[0] == "booket"


def test_a_forged_interview_id_is_a_danish_404_and_nothing_is_recorded(app, client):
    ids = _day(app)
    as_caseworker(client, app, NADIA)
    for forged in (ids["mette"] + 10_000, ids["sofie"]):  # none at all; another person's under Mette's address
        url = f"/sagsbehandler/borger/{citizen_id(app, METTE)}/samtale/{forged}/registrer?tilbage=i-dag"
        response = post(client, url, {"outcome": "held"}, form_page=TODAY_PAGE)
        assert response.status_code == 404 and "Siden findes ikke" in html(response)
    assert interview_row(app, ids["sofie"])[0] == "booket"


def test_another_organisations_caseworker_is_refused_birgittes_interview(app, client):
    ids = _day(app)
    url = record_url(app, METTE, ids["mette"], "held")
    as_caseworker(client, app, "Rikke Dahl")  # Lønmodtagernes A-kasse Nord does not serve Mette: not found
    response = post(client, url, {"outcome": "held"}, form_page=TODAY_PAGE)
    assert response.status_code == 404 and "Siden findes ikke" in html(response)
    as_caseworker(client, app, "Louise Kjær")  # her jobcenter serves Mette, but the a-kasse holds it (R1)
    response = post(client, url, {"outcome": "held"}, form_page=TODAY_PAGE)
    assert response.status_code == 409 and "Samtalen holdes af a-kassen, som registrerer den." in html(response)
    assert interview_row(app, ids["mette"])[0] == "booket"


def test_a_colleagues_interview_is_not_on_my_i_dag(app, client):
    ids = _day(app)
    as_caseworker(client, app, KASPER)
    page = html(client.get(TODAY_PAGE))
    assert _names_in_order(page) == [LARS]
    assert f'id="samtale-{ids["colleague"]}"' in page and f'id="samtale-{ids["mette"]}"' not in page


def test_the_demo_world_gives_birgitte_a_day_to_try_oksana_this_morning_and_lars_tomorrow(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(TODAY_PAGE))
    assert _names_in_order(page) == [OKSANA, LARS]
    oksana = page.split(f'href="{person(app, OKSANA)}"')[1].split("</tr>")[0]
    link = re.search(r'href="([^"]+udfald=held[^"]*)"', oksana)
    assert link, oksana  # begun by the tests' 12.00: to record
    form = html(client.get(link.group(1).replace("&amp;", "&")))
    assert 'name="repatriation_guidance"' in form and 'name="min_plan"' not in form  # R13, not R14
