""""Mine samtaler" and "Beskeder" through the Flask test client: what each demo citizen sees, and who may not."""

from __future__ import annotations

import re

from scheduling import demo
from tests.web.booking_helpers import as_citizen, citizen_id, interviews_of, main
from tests.web.helpers import choose_language, log_in_as, open_message


def test_the_citizen_pages_need_a_logged_in_citizen(app, client):
    for path in ("/borger/", "/borger/book", "/borger/beskeder"):
        response = client.get(path)
        assert response.status_code == 302 and "/log-ind/" in response.headers["Location"]
    log_in_as(client, "caseworker", 1)
    assert client.get("/borger/").status_code == 403


def test_overview_says_who_is_responsible_and_that_the_handover_date_is_projected(app, client):
    as_citizen(app, client, demo.SOFIE)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "Din a-kasse har ansvaret for dine jobsamtaler" in html and "Datoen er et skøn" in html
    assert "<details" in html and "R2 · " in html and "BAB § 7, stk. 2" in html


def test_overview_lists_the_obligations_with_held_required_due_and_legal_basis(app, client):
    as_citizen(app, client, demo.SOFIE)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "De samtaler, loven kræver" in html
    assert "Holdt: 1 af 1" in html and "Holdt: 1 af 3" in html and "forventet dato" in html
    assert "R6 · LAB § 31, stk. 4" in html and "R7 · LAB § 31, stk. 1, 1. pkt." in html


def test_overview_shows_my_booked_interview_the_danish_way_with_links(app, client):
    cid = as_citizen(app, client, demo.SOFIE)
    (booked,) = [i for i in interviews_of(app, cid) if i.status.value == "booket"]
    html = main(client.get("/borger/").get_data(as_text=True))
    assert re.search(r"tirsdag den 1\. december 2026 kl\. \d\d\.\d\d", html)
    assert "Telefonsamtale" in html and "Vi ringer til dig på" in html and "A-kassen Fremad" in html
    assert f"/borger/samtaler/{booked.id}/flyt" in html and f"/borger/samtaler/{booked.id}/aflys" in html
    assert "Tilføj til kalender" in html or "calendar" not in html
    assert "Book en samtale" in html and 'href="/borger/book"' in html


def test_overview_lists_past_interviews_with_their_status(app, client):
    as_citizen(app, client, demo.LARS)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "Tidligere og aflyste samtaler" in html
    assert "Udeblevet" in html and "Aflyst" in html and "Holdt" in html


def test_R19_mette_is_told_the_akasse_calls_her_in(app, client):
    as_citizen(app, client, demo.METTE)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "Du kan ikke selv booke samtaler lige nu" in html
    assert "Din a-kasse indkalder dig til din første jobsamtale" in html and "LAB § 34, stk. 2, 1. pkt." in html


def test_R23_lars_sees_the_revocation_and_no_booking_button(app, client):
    as_citizen(app, client, demo.LARS)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "taget fra dig ved en afgørelse" in html and "R23 · LAB § 35" in html
    assert 'href="/borger/book"' not in html


def test_R23_exempt_from_self_booking_is_not_a_revocation(app, client):
    as_citizen(app, client, demo.OKSANA)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "Du skal ikke selv booke dine jobsamtaler lige nu" in html and 'href="/borger/book"' not in html
    assert "vejledning om muligheden for at vende tilbage til dit hjemland" in html  # R13 notice


def test_R26_camilla_is_exempt_and_has_nothing_to_book(app, client):
    as_citizen(app, client, demo.CAMILLA)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "Du er fritaget for jobsamtaler" in html and "R26" in html
    assert "Sat i bero" in html and 'href="/borger/book"' not in html
    assert client.get("/borger/book").status_code == 409


def test_R4_R15_emil_sees_the_jobcenter_throughout_and_may_book(app, client):
    as_citizen(app, client, demo.EMIL)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "jobcentret ansvaret for hele dit forløb" in html and "Holdt: 0 af 6" in html
    assert 'href="/borger/book"' in html


def test_messages_list_marks_unread_and_opening_marks_read(app, client):
    as_citizen(app, client, demo.SOFIE)
    html = main(client.get("/borger/beskeder").get_data(as_text=True))
    assert "Ulæst" in html
    first = re.search(r'action="/borger/beskeder/(\d+)"', html).group(1)
    # Looking at the message page (a GET: a link, a reload, a prefetch) changes nothing.
    assert client.get(f"/borger/beskeder/{first}").status_code == 200
    assert main(client.get("/borger/beskeder").get_data(as_text=True)).count("Ulæst") == html.count("Ulæst")
    # Opening it from the inbox (the button: a POST, then the page) marks it read.
    page = open_message(client, first)
    assert page.status_code == 200 and page.request.path == f"/borger/beskeder/{first}"
    after = main(client.get("/borger/beskeder").get_data(as_text=True))
    assert after.count("Ulæst") == html.count("Ulæst") - 1


def test_R23_the_revocation_letter_has_reasons_and_appeal_instructions(app, client):
    as_citizen(app, client, demo.LARS)
    html = main(client.get("/borger/beskeder").get_data(as_text=True))
    letter_id = re.search(r'action="/borger/beskeder/(\d+)"[^>]*>\s*<input[^>]*>\s*<button[^>]*>Afgørelse', html).group(1)
    letter = main(open_message(client, letter_id).get_data(as_text=True))
    assert "Afgørelse med klagevejledning" in letter and "Begrundelse" in letter
    assert "Ankestyrelsens Beskæftigelsesudvalg" in letter and "4 uger" in letter and "§ 35" in letter


def test_another_persons_message_is_404(app, client):
    as_citizen(app, client, demo.LARS)
    html = client.get("/borger/beskeder").get_data(as_text=True)
    theirs = re.search(r'action="/borger/beskeder/(\d+)"', html).group(1)
    other = app.test_client()
    as_citizen(app, other, demo.SOFIE)
    assert other.get(f"/borger/beskeder/{theirs}").status_code == 404
    assert open_message(other, theirs).status_code == 404
    assert other.get("/borger/beskeder/999999").status_code == 404
    assert citizen_id(app, demo.SOFIE) != citizen_id(app, demo.LARS)


def test_the_pages_render_in_english_when_chosen(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_language(client, "en", "/borger/", page="/borger/")
    for path in ("/borger/", "/borger/book", "/borger/beskeder"):
        response = client.get(path, follow_redirects=True)  # her one kind is not asked: /borger/book goes on
        assert response.status_code == 200 and '<html lang="en">' in response.get_data(as_text=True)


def test_the_header_names_the_persons_own_akasse_and_jobcenter_and_log_out(app, client):
    from sqlalchemy import select

    from portal.database import session
    from scheduling.adapters.orm import CitizenRow

    with app.app_context():
        citizen = session().scalar(select(CitizenRow).order_by(CitizenRow.id))
        names = (citizen.akasse.name, citizen.jobcenter.name)
        person = citizen.id
    log_in_as(client, "citizen", person)
    header = client.get("/borger/").get_data(as_text=True).split("</header>")[0]
    assert all(name in header for name in names)
    assert "Log af" in header
