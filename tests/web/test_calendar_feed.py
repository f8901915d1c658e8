"""The subscription feed: a secret address, nothing for a wrong one, 304 while unchanged, a new ETag after a
change, renewal from "Min kalender" making the old address 404."""

from __future__ import annotations

import re
from datetime import timedelta

from icalendar import Calendar

from portal import now
from portal.database import unit_of_work
from scheduling.adapters.orm import CaseworkerRow, CitizenRow, InterviewRow
from scheduling.course import InterviewKind
from scheduling.demo import JONAS, SOFIE
from scheduling.services import booking
from scheduling.slots import COPENHAGEN
from tests.web.calendar_helpers import booked_interview, caseworker_id, citizen_id, feed_path
from tests.web.helpers import csrf_token, log_in_as


def uids(response) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(response.data).events}


def test_min_kalender_shows_the_webcal_and_https_addresses_with_instructions(app, client):
    person = citizen_id(app, SOFIE)
    log_in_as(client, "citizen", person)
    page = client.get("/kalender/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    path = feed_path(app, CitizenRow, person)
    assert f'href="webcal://localhost{path}"' in html
    assert f'value="http://localhost{path}"' in html
    assert "Min kalender" in html and "Adressen er personlig" in html
    assert 'href="/kalender/ny-adresse"' in html


def test_min_kalender_is_for_caseworkers_too_and_needs_log_in(app, client):
    assert client.get("/kalender/").status_code == 302
    worker = caseworker_id(app, "Nadia El-Sayed")
    log_in_as(client, "caseworker", worker)
    assert feed_path(app, CaseworkerRow, worker) in client.get("/kalender/").get_data(as_text=True)


def test_feed_needs_no_log_in_and_holds_my_interviews_with_validators(app, client):
    interview = booked_interview(app, SOFIE)
    response = client.get(feed_path(app, CitizenRow, citizen_id(app, SOFIE)))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"].endswith(" GMT")
    assert response.headers["Cache-Control"].startswith("private")
    assert interview.uid in uids(response)
    assert Calendar.from_ical(response.data)["METHOD"] == "PUBLISH"
    assert SOFIE.cpr not in response.get_data(as_text=True)


def test_an_unknown_token_gets_404_and_nothing_else(app, client):
    for path in ("/kalender/feed/gaet-en-adresse.ics", "/kalender/feed/" + "A" * 43 + ".ics"):
        response = client.get(path)
        assert response.status_code == 404
        assert b"BEGIN:VCALENDAR" not in response.data and "ETag" not in response.headers


def test_another_persons_token_gives_nothing_of_mine(app, client):
    mine = booked_interview(app, SOFIE)
    theirs = client.get(feed_path(app, CitizenRow, citizen_id(app, JONAS)))
    assert theirs.status_code == 200
    assert mine.uid not in uids(theirs)
    assert booked_interview(app, JONAS).uid in uids(theirs)


def test_an_unchanged_feed_answers_304_to_either_validator(app, client):
    path = feed_path(app, CitizenRow, citizen_id(app, SOFIE))
    first = client.get(path)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]

    by_etag = client.get(path, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304 and by_etag.data == b""
    assert by_etag.headers["ETag"] == etag
    assert client.get(path, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200
    # If-None-Match decides when both are sent (RFC 9110 § 13.2.2).
    stale = client.get(path, headers={"If-None-Match": '"old"', "If-Modified-Since": last_modified})
    assert stale.status_code == 200


def test_the_etag_changes_after_a_booking_change(app, client):
    person = citizen_id(app, SOFIE)
    interview = booked_interview(app, SOFIE)
    path = feed_path(app, CitizenRow, person)
    before = client.get(path).headers["ETag"]
    with app.app_context():
        at = now(app)
        day = interview.start_at.astimezone(COPENHAGEN).date()
        slots = booking.find_free_slots(
            unit_of_work(), person, InterviewKind.JOBSAMTALE, day, day + timedelta(7), at
        )
        booking.rebook(
            unit_of_work(),
            person,
            interview.id,
            next(s.start for s in slots if s.start != interview.start_at),
            at,
        )
    after = client.get(path, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before
    with app.app_context():
        from portal.database import session

        moved = session().get(InterviewRow, interview.id)
    (event,) = [e for e in Calendar.from_ical(after.data).events if str(e["UID"]) == interview.uid]
    assert event.decoded("DTSTART") == moved.start_at and int(event["SEQUENCE"]) == moved.sequence


def test_renewing_the_address_needs_confirmation_and_makes_the_old_one_404(app, client):
    person = citizen_id(app, SOFIE)
    log_in_as(client, "citizen", person)
    old = feed_path(app, CitizenRow, person)
    confirm = client.get("/kalender/ny-adresse")
    assert confirm.status_code == 200 and "Den gamle adresse holder op med at virke" in confirm.get_data(
        as_text=True
    )
    assert client.post("/kalender/ny-adresse").status_code == 400  # no CSRF token: nothing changes
    assert client.get(old).status_code == 200

    response = client.post(
        "/kalender/ny-adresse", data={"csrf_token": csrf_token(client, "/kalender/ny-adresse")}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/kalender/#kvittering")
    page = client.get("/kalender/").get_data(as_text=True)
    assert "Din kalender har fået en ny adresse" in page
    new = feed_path(app, CitizenRow, person)
    assert new != old and new in page and old not in page
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_caseworker_feed_holds_the_interviews_they_take_part_in(app, client):
    interview = booked_interview(app, SOFIE)
    with app.app_context():
        from portal.database import session

        worker = session().get(InterviewRow, interview.id).participants[0].caseworker_id  # whoever she booked
    response = client.get(feed_path(app, CaseworkerRow, worker))
    assert response.status_code == 200
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in Calendar.from_ical(response.data).events}
    assert summaries[interview.uid] == "Jobsamtale med borger"
    assert not re.search(r"Sofie|Andersen", response.get_data(as_text=True))


def test_a_new_booking_changes_the_feed_for_either_validator_and_for_the_caseworker(app, client):
    person = citizen_id(app, SOFIE)
    old = booked_interview(app, SOFIE)
    with app.app_context():
        booking.cancel(unit_of_work(), person, old.id, now(app))
    path = feed_path(app, CitizenRow, person)
    before = client.get(path)
    assert client.get(path, headers={"If-None-Match": before.headers["ETag"]}).status_code == 304
    with app.app_context():
        at = now(app)
        day = old.start_at.astimezone(COPENHAGEN).date()
        slots = booking.find_free_slots(unit_of_work(), person, InterviewKind.JOBSAMTALE, day, day + timedelta(7), at)
        new_id = booking.self_book(unit_of_work(), person, InterviewKind.JOBSAMTALE, slots[0].start, old.format, at)
        from portal.database import session

        new = session().get(InterviewRow, new_id)
        uid, worker = new.uid, new.participants[0].caseworker_id
    by_etag = client.get(path, headers={"If-None-Match": before.headers["ETag"]})
    assert by_etag.status_code == 200 and uid in uids(by_etag)
    assert by_etag.headers["ETag"] != before.headers["ETag"]  # (Last-Modified has whole seconds: the ETag decides)
    assert uid in uids(client.get(feed_path(app, CaseworkerRow, worker)))
