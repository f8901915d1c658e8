"""Video meeting links (issue 15): a video interview gets its link when it is booked or called in, from the
organisation's room template or the caseworker's own link; the person sees it with the interview's date on the
receipt and under Mine samtaler, it is in the .ics (URL, LOCATION, DESCRIPTION) and on the caseworker's person
page; moving keeps it, cancelling or leaving video ends it; without a setting the person reads who sends it.
Demo day 2026-11-25; the demo a-kasser and Jobcenter Aarhus have a Jitsi Meet template, Roskilde none."""

from __future__ import annotations

import re
from datetime import datetime

from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.web.booking_helpers import as_citizen, main, token
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, html, person, post
from tests.web.video_helpers import ROOM_LINK, book_video, ics_event, link_of, rebook

SETTINGS = "/sagsbehandler/indstillinger/video"
OWN_LINK = "/sagsbehandler/tilgaengelighed/videolink"


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def dated(start: str) -> str:
    local = datetime.fromisoformat(start).astimezone(COPENHAGEN)
    month = {11: "november", 12: "december"}[local.month]
    return f"Linket til videosamtalen den {local.day}. {month} 2026 kl. {local:%H.%M}"


def test_the_receipt_and_mine_samtaler_show_the_link_with_the_interview_s_date(app, client):
    as_citizen(app, client, demo.SOFIE)
    start, interview, receipt = book_video(client)
    link = link_of(app, interview)
    assert link is not None and ROOM_LINK.fullmatch(link)
    assert f'<a href="{link}">{dated(start)}</a>' in receipt
    assert f'<a href="{link}">{dated(start)}</a>' in client.get("/borger/").get_data(as_text=True)


def test_each_video_interview_gets_its_own_room(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, first, _ = book_video(client)
    rooms = {link_of(app, first)}
    from scheduling.adapters.orm import InterviewRow

    with app.extensions["selvbooking_sessions"]() as session:
        rooms |= {r.video_link for r in session.query(InterviewRow).filter(InterviewRow.video_link.is_not(None))}
        count = session.query(InterviewRow).filter(InterviewRow.video_link.is_not(None)).count()
    assert len(rooms) == count >= 1


def test_the_ics_carries_the_link_as_url_location_and_in_the_description(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    calendar, event = ics_event(client, interview)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["URL"]) == link and str(event["LOCATION"]) == link and link in str(event["DESCRIPTION"])


def test_the_caseworker_s_person_page_links_to_the_meeting(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    as_caseworker(client, app, "Birgitte Holm")  # A-kassen Fremad
    page = html(client.get(person(app, "Sofie Lund Andersen")))
    assert f'href="{link}">Link til videomødet' in page


def test_moving_a_video_interview_keeps_its_link(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    new = rebook(client, interview, "personligt_digitalt_fremmoede")
    assert link_of(app, interview) == link
    assert dated(new) in text(client.get("/borger/").get_data(as_text=True))
    _, event = ics_event(client, interview)
    assert str(event["URL"]) == link and event["SEQUENCE"] == 1


def test_changing_the_format_to_video_when_moving_gives_a_link_and_away_from_video_removes_it(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    rebook(client, interview, "telefonisk")
    assert link_of(app, interview) is None
    assert link not in client.get("/borger/").get_data(as_text=True)
    _, event = ics_event(client, interview)
    assert "URL" not in event or link not in str(event["URL"])
    rebook(client, interview, "personligt_digitalt_fremmoede")
    assert ROOM_LINK.fullmatch(link_of(app, interview) or "")


def test_cancelling_ends_the_link_and_the_cancel_ics_has_none(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    assert client.post(f"/borger/samtaler/{interview}/aflys", data={"csrf_token": token(client)}).status_code == 302
    assert link_of(app, interview) is None
    assert link not in client.get("/borger/").get_data(as_text=True)
    response = client.get(f"/kalender/samtale/{interview}.ics")
    assert b"METHOD:CANCEL" in response.data and link.encode() not in response.data.replace(b"\r\n ", b"")


def test_without_a_template_or_own_link_the_person_reads_who_sends_the_link(app, client):
    from scheduling.adapters.orm import OrganisationRow

    with app.extensions["selvbooking_sessions"]() as session:
        for org in session.query(OrganisationRow):
            org.video_room_template = None
        session.commit()
    as_citizen(app, client, demo.SOFIE)
    _, interview, receipt = book_video(client)
    assert link_of(app, interview) is None
    assert "Du får linket til videosamtalen fra A-kassen Fremad, inden samtalen begynder." in text(main(receipt))
    _, event = ics_event(client, interview)
    assert "Du får linket fra A-kassen Fremad" in str(event["DESCRIPTION"]) and "LOCATION" not in event


def test_a_caseworker_s_own_link_is_used_for_the_interviews_they_hold(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    own = "https://teams.fremad.example.dk/l/birgitte"
    response = post(client, OWN_LINK, {"video_link": own}, form_page="/sagsbehandler/tilgaengelighed")
    assert response.status_code == 302
    assert f'value="{own}"' in html(client.get("/sagsbehandler/tilgaengelighed"))
    from scheduling.adapters.orm import CaseworkerRow

    others = {caseworker_id(app, n) for n in ("Kasper Lindqvist", "Nadia El-Sayed")}
    with app.extensions["selvbooking_sessions"]() as session:  # only Birgitte offers video at Fremad
        for row in session.query(CaseworkerRow).filter(CaseworkerRow.id.in_(others)):
            row.offered_formats = [f for f in (row.offered_formats or ["personligt_fremmoede", "telefonisk"]) if f != "personligt_digitalt_fremmoede"] or ["telefonisk"]
        session.commit()
    as_citizen(app, client, demo.SOFIE)
    _, interview, receipt = book_video(client)
    assert link_of(app, interview) == own and f'href="{own}"' in receipt


def test_a_caseworker_s_own_link_must_be_an_https_address(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    response = post(client, OWN_LINK, {"video_link": "http://zoom.example.dk/j/1"}, form_page="/sagsbehandler/tilgaengelighed")
    assert response.status_code == 422
    assert "Skriv dit mødelink som en fuld https-adresse" in html(response)
    from scheduling.adapters.orm import CaseworkerRow

    with app.extensions["selvbooking_sessions"]() as session:
        assert session.get(CaseworkerRow, caseworker_id(app, "Birgitte Holm")).video_link is None


def test_an_admin_sets_the_organisation_s_room_template_and_the_change_is_audited(app, client):
    as_caseworker(client, app, "Torben Vestergaard")  # administrator, A-kassen Fremad
    page = html(client.get("/sagsbehandler/indstillinger"))
    assert 'name="video_room_template"' in page and 'value="https://meet.jit.si/selvbooking-{room}"' in page
    template = "https://video.fremad.example.dk/rum/{room}"
    response = post(client, SETTINGS, {"video_room_template": template}, form_page="/sagsbehandler/indstillinger")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sagsbehandler/indstillinger#kvittering")
    assert "Adressen til videomøder er gemt." in html(client.get("/sagsbehandler/indstillinger"))
    from scheduling.adapters.orm import AuditRow, OrganisationRow

    with app.extensions["selvbooking_sessions"]() as session:
        assert session.query(OrganisationRow).filter_by(name="A-kassen Fremad").one().video_room_template == template
        assert session.query(AuditRow).filter_by(action="update_settings").count() == 1
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    assert re.fullmatch(r"https://video\.fremad\.example\.dk/rum/[A-Za-z0-9_-]{24}", link_of(app, interview) or "")


def test_a_room_template_must_be_https_with_room_and_is_refused_in_danish(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    for bad in ("http://meet.example.dk/{room}", "https://meet.example.dk/samme-rum", "https://{room}.example.dk/"):
        response = post(client, SETTINGS, {"video_room_template": bad}, form_page="/sagsbehandler/indstillinger")
        assert response.status_code == 422
        assert "Skriv adressen som en https-adresse med {room} der, hvor mødets navn skal stå" in html(response)
    from scheduling.adapters.orm import OrganisationRow

    with app.extensions["selvbooking_sessions"]() as session:
        org = session.query(OrganisationRow).filter_by(name="A-kassen Fremad").one()
        assert org.video_room_template == "https://meet.jit.si/selvbooking-{room}"


def test_only_administrators_set_the_room_template(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    response = post(client, SETTINGS, {"video_room_template": "https://x.example.dk/{room}"}, form_page="/sagsbehandler/tilgaengelighed")
    assert response.status_code == 403


def test_an_empty_template_removes_it(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    assert post(client, SETTINGS, {"video_room_template": ""}, form_page="/sagsbehandler/indstillinger").status_code == 302
    from scheduling.adapters.orm import OrganisationRow

    with app.extensions["selvbooking_sessions"]() as session:
        assert session.query(OrganisationRow).filter_by(name="A-kassen Fremad").one().video_room_template is None


def test_the_subscription_feeds_carry_the_link(app, client):
    from scheduling.adapters.orm import CitizenRow
    from tests.web.booking_helpers import citizen_id
    from tests.web.calendar_helpers import feed_path

    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    feed = client.get(feed_path(app, CitizenRow, citizen_id(app, demo.SOFIE))).data.replace(b"\r\n ", b"")
    assert f"URL:{link}".encode() in feed and f"LOCATION:{link}".encode() in feed


def test_raising_a_video_interview_to_in_person_removes_its_link_r17(app, client):
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    as_caseworker(client, app, "Birgitte Holm")
    path = f"{person(app, 'Sofie Lund Andersen')}/samtale/{interview}/samtaleform"
    response = post(client, path, {"reason": "Vi skal gennemgå din jobplan sammen."})
    assert response.status_code == 302
    assert link_of(app, interview) is None
    assert link not in html(client.get(person(app, "Sofie Lund Andersen")))


def test_a_video_call_in_gets_its_link_at_once(app, client):
    from scheduling.adapters.orm import InterviewRow
    from tests.web.caseworker_helpers import citizen_id, first_slot

    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Sofie Lund Andersen") + "/indkald"
    data = {"kind": "jobsamtale", "start": first_slot(client, path), "format": "personligt_digitalt_fremmoede"}
    response = post(client, path, data)
    assert response.status_code == 302, html(response)[:800]
    with app.extensions["selvbooking_sessions"]() as session:
        (row,) = session.query(InterviewRow).filter_by(
            citizen_id=citizen_id(app, "Sofie Lund Andersen"), format="personligt_digitalt_fremmoede", booked_by="indkaldelse"
        )
        assert ROOM_LINK.fullmatch(row.video_link or "")
