"""Finding a time (issue 13): the first free time in one click, a month overview of the days with free times,
no past weeks or months, the booking horizon with its reason (R1), closed days as an organisation setting, no
stacked bookings of one obligation (R20, R23), rebooking with a new format (R16), and a receipt whose steps no
longer lead back into the finished flow. Demo day 2026-11-25."""

from __future__ import annotations

import re

from scheduling import demo
from tests.web.booking_helpers import (
    NEXT_WEEK,
    as_citizen,
    book,
    booking_token,
    choose_format,
    choose_kind,
    choose_slot,
    confirm,
    interviews_of,
    main,
    offered_slots,
    token,
)
from tests.web.caseworker_helpers import as_caseworker, html, post

SETTINGS = "/sagsbehandler/indstillinger"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main(html(response))))


# ---- the first free time and the month overview ----------------------------------------------------------------


def test_the_time_step_opens_on_the_first_free_time_and_one_click_chooses_it(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    page = main(html(client.get("/borger/book/tid")))
    first = re.search(r'<button type="submit" name="start" value="([^"]+)"', page).group(1)
    assert "Første ledige tid" in page and "Vælg den første ledige tid" in page
    assert first == re.findall(r'class="form-radio" id="[^"]+" name="start" value="([^"]+)"', page)[0]
    chosen = client.post(re.search(r'<form method="post" action="([^"]+)" class="first-free', page).group(1).replace("&amp;", "&"),
                         data={"csrf_token": token(client), "start": first})
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/borger/book/samtaleform")
    with client.session_transaction() as session:
        assert session["booking"]["start"] == first


def test_no_week_or_month_before_the_current_one_is_offered(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    this_week = html(client.get("/borger/book/tid?uge=2026-11-23"))
    assert "Forrige uge" not in this_week and "uge=2026-11-16" not in this_week
    this_month = html(client.get("/borger/book/tid/maaned"))
    assert "Forrige måned" not in this_month and "maaned=2026-10" not in this_month
    assert client.get("/borger/book/tid/maaned?maaned=2026-10").status_code == 400
    assert client.get("/borger/book/tid/maaned?maaned=december").status_code == 400


def test_the_month_overview_lists_only_days_with_free_times_each_linking_to_its_week(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    page = main(html(client.get("/borger/book/tid/maaned?maaned=2026-12")))
    links = re.findall(r'href="/borger/book/tid\?uge=(\d{4}-\d\d-\d\d)#dag-(\d{4}-\d\d-\d\d)"', page)
    days = [day for _, day in links]
    assert "2026-12-23" in days and "2026-12-28" in days
    assert not {"2026-12-05", "2026-12-06", "2026-12-25", "2026-12-26"} & set(days)  # weekends, holidays
    monday, day = links[0]
    week = html(client.get(f"/borger/book/tid?uge={monday}"))
    assert f'id="dag-{day}"' in week and offered_slots(client, monday)


def test_demo_organisations_are_closed_on_24_and_31_december_and_nothing_is_offered_then(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    days = re.findall(r"#dag-(\d{4}-\d\d-\d\d)", html(client.get("/borger/book/tid/maaned?maaned=2026-12")))
    assert "2026-12-23" in days and "2026-12-24" not in days and "2026-12-31" not in days
    assert not [s for s in offered_slots(client, "2026-12-21") if s.startswith("2026-12-24")]


def test_R1_at_the_end_of_the_akasse_period_the_page_says_why_there_is_nothing_more(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    january = _text(client.get("/borger/book/tid/maaned?maaned=2027-01"))
    assert "Du kan ikke booke tider efter 31. januar 2027" in january
    assert "a-kasse har ansvaret for dine jobsamtaler til og med 31. januar 2027" in january
    assert "Næste måned" not in january
    last_week = html(client.get("/borger/book/tid?uge=2027-01-25"))
    assert "Du kan ikke booke tider efter" in last_week and "Næste uge" not in last_week


# ---- closed days are an organisation setting -------------------------------------------------------------------


def test_an_admin_closes_a_day_and_it_is_never_offered_then_reopens_it(app, client):
    as_caseworker(client, app, "Torben Vestergaard")  # administrator, A-kassen Fremad (Sofie's a-kasse)
    page = html(client.get(SETTINGS))
    assert 'id="lukkedage"' in page and "24. december 2026" in page and "5. juni 2027" in page
    added = post(client, f"{SETTINGS}/lukkedage", {"day": "2026-12-02", "from_time": "12:00", "note": "Personaledag"},
                 form_page=SETTINGS)
    assert added.status_code == 302
    assert "Personaledag" in html(client.get(SETTINGS))
    citizen = app.test_client()
    as_citizen(app, citizen, demo.SOFIE)
    choose_kind(citizen, "jobsamtale")
    offered = offered_slots(citizen, NEXT_WEEK)
    on_the_day = [s for s in offered if s.startswith("2026-12-02")]
    assert on_the_day and all(s < "2026-12-02T11:00" for s in on_the_day)  # before 12.00 Danish time only
    closure = re.search(r'action="/sagsbehandler/indstillinger/lukkedage/(\d+)/slet"[^<]*<[^>]*>\s*onsdag den 2\. december',
                        html(client.get(SETTINGS)))
    assert closure, "the new closure can be removed"
    assert post(client, f"{SETTINGS}/lukkedage/{closure.group(1)}/slet", form_page=SETTINGS).status_code == 302
    assert len([s for s in offered_slots(citizen, NEXT_WEEK) if s.startswith("2026-12-02")]) > len(on_the_day)


def test_a_closure_must_end_after_it_begins_and_only_admins_add_one(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    refused = post(client, f"{SETTINGS}/lukkedage", {"day": "2026-12-02", "from_time": "12:00", "to_time": "10:00"},
                   form_page=SETTINGS)
    assert refused.status_code == 422 and "Lukketiden skal slutte" in html(refused)
    other = app.test_client()
    as_caseworker(other, app, "Birgitte Holm")
    assert post(other, f"{SETTINGS}/lukkedage", {"day": "2026-12-02"}, form_page="/sagsbehandler/").status_code == 403


# ---- one booking per obligation (R20, R23) ---------------------------------------------------------------------


def test_R20_R23_a_booking_beyond_what_the_obligation_needs_asks_to_move_the_first_instead(app, client):
    cid = as_citizen(app, client, demo.SOFIE)  # R7: 1 held, 1 booked; one more may be booked
    _, receipt = book(client, "jobsamtale", "telefonisk", slot_index=3)
    assert receipt.status_code == 302
    count = len(interviews_of(app, cid))
    response = choose_kind(client, "jobsamtale")
    assert response.status_code == 302 and response.headers["Location"].endswith("/borger/book/allerede-booket")
    page = _text(client.get("/borger/book/allerede-booket"))
    assert "Du har allerede booket de 2 samtaler, du mangler lige nu" in page and "Flyt din samtale den" in page
    assert re.search(r'href="/borger/samtaler/\d+/flyt"', html(client.get("/borger/book/allerede-booket")))
    assert client.get("/borger/book/tid").headers["Location"].endswith("/borger/book/allerede-booket")
    assert client.get("/borger/book/tid/maaned").headers["Location"].endswith("/borger/book/allerede-booket")
    # the final step refuses it too (a forged session, another tab, the API): the service's rule
    with client.session_transaction() as session:
        session["booking"] = {"kind": "jobsamtale", "start": "2026-12-09T09:00:00+00:00", "format": "telefonisk",
                              "token": "forged"}
    refused = confirm(client, "forged")
    assert refused.status_code == 409 and "du mangler lige nu" in html(refused)
    assert len(interviews_of(app, cid)) == count


# ---- rebooking may change the format ---------------------------------------------------------------------------


def test_R16_rebooking_changes_the_format_within_the_same_rules_as_a_booking(app, client):
    cid = as_citizen(app, client, demo.SOFIE)
    own = next(i for i in interviews_of(app, cid) if i.status.value == "booket")
    assert own.format.value == "telefonisk"
    start = re.findall(r'class="form-radio" id="[^"]+" name="start" value="([^"]+)"',
                       html(client.get(f"/borger/samtaler/{own.id}/flyt?uge=2026-12-07")))[0]
    path = f"/borger/samtaler/{own.id}/flyt/bekraeft?start={start.replace('+', '%2B')}"
    page = html(client.get(path))
    assert 'name="format"' in page and 'value="telefonisk" checked' in page
    bad = client.post(path, data={"csrf_token": token(client, path), "format": "brevdue"})
    assert bad.status_code == 422 and "Vælg, hvordan du vil deltage i samtalen" in html(bad)
    moved = client.post(path, data={"csrf_token": token(client, path), "format": "personligt_digitalt_fremmoede"})
    assert moved.status_code == 302
    after = next(i for i in interviews_of(app, cid) if i.id == own.id)
    assert after.format.value == "personligt_digitalt_fremmoede" and after.start.isoformat() == start


# ---- the receipt ends the flow ---------------------------------------------------------------------------------


def test_the_receipts_step_indicator_no_longer_links_back_into_the_finished_booking(app, client):
    as_citizen(app, client, demo.SOFIE)
    assert choose_kind(client, "jobsamtale").status_code == 302
    assert choose_slot(client, offered_slots(client)[0]).status_code == 302
    assert choose_format(client, "telefonisk").status_code == 302
    check = html(client.get("/borger/book/tjek"))
    assert 'class="step" href="/borger/book/tid"' in check  # before the booking, the steps lead back
    receipt = html(client.get(confirm(client, booking_token(client)).headers["Location"]))
    assert "Din samtale er booket" in receipt and '<a class="step"' not in receipt
