"""GET /kalender/samtale/<id>.ics: the citizen's own interview and a taking-part caseworker's, as a file that two
parsers read, keeping its UID through booking, rebooking, a raise to in person and cancelling."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import vobject
from icalendar import Calendar

from portal import now
from portal.database import unit_of_work
from scheduling.course import InterviewKind
from scheduling.demo import JONAS, SOFIE
from scheduling.services import booking
from scheduling.slots import COPENHAGEN
from tests.web.calendar_helpers import booked_interview, caseworker_id, citizen_id
from tests.web.helpers import log_in_as, open_message


def download(client, interview_id: int):
    return client.get(f"/kalender/samtale/{interview_id}.ics")


def parsed(response):
    calendar = Calendar.from_ical(response.data)
    (event,) = calendar.events
    return calendar, event


def test_citizen_downloads_own_interview_as_a_danish_named_attachment(app, client):
    interview = booked_interview(app, SOFIE)
    log_in_as(client, "citizen", citizen_id(app, SOFIE))
    response = download(client, interview.id)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    day = interview.start_at.astimezone(COPENHAGEN).date().isoformat()
    assert response.headers["Content-Disposition"] == f'attachment; filename="jobsamtale-{day}.ics"'
    assert "private" in response.headers["Cache-Control"]
    calendar, event = parsed(response)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == interview.uid
    assert event.decoded("DTSTART") == interview.start_at
    assert str(event["SUMMARY"]) == "Jobsamtale med din a-kasse"
    assert "Samtalen foregår telefonisk. Vi ringer til dig på 20 03 03 00." in str(event["DESCRIPTION"])
    assert event["ORGANIZER"].params["CN"] == "A-kassen Fremad"
    assert SOFIE.cpr not in response.get_data(as_text=True)
    second = vobject.readOne(response.get_data(as_text=True))
    assert second.vevent.uid.value == interview.uid and second.method.value == "REQUEST"


def test_uid_stays_and_sequence_rises_through_rebooking_raise_to_in_person_and_cancelling(app, client):
    interview = booked_interview(app, SOFIE)
    person = citizen_id(app, SOFIE)
    log_in_as(client, "citizen", person)
    files = [download(client, interview.id)]
    with app.app_context():
        at = now(app)
        start = interview.start_at.astimezone(COPENHAGEN).date()
        slots = booking.find_free_slots(
            unit_of_work(), person, InterviewKind.JOBSAMTALE, start, start + timedelta(days=7), at
        )
        new_start = next(s.start for s in slots if s.start != interview.start_at)
        booking.rebook(unit_of_work(), person, interview.id, new_start, at)
    files.append(download(client, interview.id))
    with app.app_context():
        worker = caseworker_id(app, "Nadia El-Sayed")
        booking.raise_format_to_in_person(
            unit_of_work(), worker, interview.id, "Vi skal gennemgå din jobsøgning sammen.", now(app)
        )
    files.append(download(client, interview.id))
    with app.app_context():
        booking.cancel_by_caseworker(
            unit_of_work(), worker, interview.id, "Sagsbehandleren er syg.", now(app)
        )
    files.append(download(client, interview.id))

    assert [f.headers["Content-Type"].rsplit("=", 1)[1] for f in files] == [
        "REQUEST",
        "REQUEST",
        "REQUEST",
        "CANCEL",
    ]
    events = [parsed(f) for f in files]
    assert {str(e["UID"]) for _, e in events} == {interview.uid}
    sequences = [int(e["SEQUENCE"]) for _, e in events]
    assert sequences == sorted(sequences) and len(set(sequences)) == 4
    assert [str(c["METHOD"]) for c, _ in events] == ["REQUEST", "REQUEST", "REQUEST", "CANCEL"]
    assert [str(e["STATUS"]) for _, e in events] == ["CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert events[1][1].decoded("DTSTART") == new_start
    assert str(events[2][1]["LOCATION"]) == "Fremadvej 12, 8000 Aarhus C"
    assert str(events[3][1]["SUMMARY"]).startswith("Aflyst: ")
    for f in files:
        assert vobject.readOne(f.get_data(as_text=True)).vevent.uid.value == interview.uid


def test_another_persons_interview_is_not_found(app, client):
    interview = booked_interview(app, SOFIE)
    log_in_as(client, "citizen", citizen_id(app, JONAS))
    response = download(client, interview.id)
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.data
    assert download(client, 999_999).status_code == 404


def test_caseworker_of_an_organisation_taking_part_gets_the_file_and_others_get_not_found(app, client):
    interview = booked_interview(app, SOFIE)
    log_in_as(
        client, "caseworker", caseworker_id(app, "Birgitte Holm")
    )  # A-kassen Fremad, not the one booked
    response = download(client, interview.id)
    assert response.status_code == 200
    assert str(parsed(response)[1]["SUMMARY"]) == "Jobsamtale med borger"

    log_in_as(
        client, "caseworker", caseworker_id(app, "Louise Kjær")
    )  # her jobcenter serves Sofie, takes no part
    assert download(client, interview.id).status_code == 404
    log_in_as(client, "caseworker", caseworker_id(app, "Rikke Dahl"))  # another a-kasse
    assert download(client, interview.id).status_code == 404


def test_download_needs_log_in(app, client):
    interview = booked_interview(app, SOFIE)
    response = download(client, interview.id)
    assert response.status_code == 302 and "/log-ind/" in response.headers["Location"]


def test_messages_that_book_change_or_cancel_link_to_the_interviews_file(app):
    link = app.jinja_env.globals["message_calendar_url"]
    with app.test_request_context():
        assert link(SimpleNamespace(kind="booking", interview_id=3)) == "/kalender/samtale/3.ics"
        assert link(SimpleNamespace(kind="aflysning", interview_id=3)) == "/kalender/samtale/3.ics"
        assert link(SimpleNamespace(kind="afgoerelse", interview_id=3)) is None
        assert link(SimpleNamespace(kind="booking", interview_id=None)) is None


def test_a_booking_message_page_offers_the_interviews_calendar_file(app, client):
    """Issue 6: the messages that book, change or cancel carry the .ics (as a link to it)."""
    log_in_as(client, "citizen", citizen_id(app, SOFIE))
    listing = client.get("/borger/beskeder").get_data(as_text=True)
    ids = set(re.findall(r'action="/borger/beskeder/(\d+)"', listing))
    pages = [open_message(client, message_id).get_data(as_text=True) for message_id in ids]
    linked = [re.search(r'href="/kalender/samtale/(\d+)\.ics"', page) for page in pages]
    assert any(linked), "no booking message links to its interview's .ics"
    for match in filter(None, linked):
        assert download(client, int(match.group(1))).status_code == 200


def test_the_caseworkers_person_page_links_each_own_interview_to_its_calendar_file(app, client):
    log_in_as(client, "caseworker", caseworker_id(app, "Kasper Lindqvist"))  # Sofie's a-kasse
    page = client.get(f"/sagsbehandler/borger/{citizen_id(app, SOFIE)}").get_data(as_text=True)
    ids = re.findall(r'href="/kalender/samtale/(\d+)\.ics"', page)
    assert ids, "no .ics link on the person page"
    assert all(download(client, int(i)).status_code == 200 for i in ids)


def test_the_downloaded_file_promises_a_change_only_where_the_person_may_make_it(app, client):
    """R19/R20: a self-booked interview can be moved in Selvbooking; a called-in one cannot, and its file says why."""
    log_in_as(client, "citizen", citizen_id(app, SOFIE))
    _, event = parsed(download(client, booked_interview(app, SOFIE).id))
    assert "Du kan flytte eller aflyse samtalen i Selvbooking" in str(event["DESCRIPTION"])
    log_in_as(client, "citizen", citizen_id(app, JONAS))
    _, event = parsed(download(client, booked_interview(app, JONAS).id))
    assert "Du kan flytte eller aflyse samtalen i Selvbooking" not in str(event["DESCRIPTION"])
