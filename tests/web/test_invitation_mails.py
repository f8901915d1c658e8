"""Calendar invitations by e-mail (issue 15, iMIP RFC 6047) over a real SMTP server on loopback: the caseworker of
an interview a demo citizen books, moves and cancels gets a mail with a ``text/calendar; method=…`` part and the
.ics attached, which icalendar reads as METHOD:REQUEST with SEQUENCE 0, then a higher SEQUENCE with the same UID,
then METHOD:CANCEL with STATUS:CANCELLED; a move to a colleague for an absence cancels it for the absent
caseworker and invites the colleague."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from portal.notices.mail import SmtpTransport
from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.web.booking_helpers import as_citizen, token
from tests.web.notices_helpers import Inbox, free_port, send_once
from tests.web.video_helpers import book_video, rebook


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, SmtpTransport("127.0.0.1", controller.port, starttls=False)
    controller.stop()


def _caseworkers(app, interview: int) -> list[tuple[int, str]]:
    from scheduling.adapters.orm import InterviewRow

    with app.extensions["selvbooking_sessions"]() as session:
        return sorted((p.caseworker_id, p.caseworker.email) for p in session.get(InterviewRow, interview).participants)


def _invitations(app, inbox, transport, address: str):
    """Send what waits; the calendars that reached ``address``."""
    inbox.messages.clear()
    send_once(app, transport)
    return _parsed(inbox.messages, address)


def _parsed(messages, address: str):
    found = []
    for message in messages:
        calendar_part = next((p for p in message.walk() if p.get_content_type() == "text/calendar"), None)
        if message["To"].addresses[0].addr_spec != address or calendar_part is None:
            continue  # another's, or the news in the inbox
        attached = next(p for p in message.walk() if p.get_filename())
        assert message.get_body(("plain",)) is not None and attached.get_filename().endswith(".ics")
        calendar = Calendar.from_ical(calendar_part.get_content())
        assert calendar_part.get_param("method") == str(calendar["METHOD"])
        found.append(calendar)
    return found


def _event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_booking_moving_and_cancelling_send_the_caseworker_request_request_cancel(app, client, smtp):
    inbox, transport = smtp
    send_once(app, transport)  # the demo's own notices
    as_citizen(app, client, demo.SOFIE)
    _, interview, _ = book_video(client)
    ((_, address),) = _caseworkers(app, interview)

    (booked,) = _invitations(app, inbox, transport, address)
    assert str(booked["METHOD"]) == "REQUEST" and _event(booked)["SEQUENCE"] == 0
    uid = str(_event(booked)["UID"])

    rebook(client, interview, "personligt_digitalt_fremmoede")
    ((_, now_with),) = _caseworkers(app, interview)  # the new time may be another caseworker's
    inbox.messages.clear()
    send_once(app, transport)
    (moved,) = _parsed(inbox.messages, now_with)
    assert str(moved["METHOD"]) == "REQUEST" and _event(moved)["SEQUENCE"] > 0 and str(_event(moved)["UID"]) == uid
    if now_with != address:
        (left,) = _parsed(inbox.messages, address)
        assert str(left["METHOD"]) == "CANCEL" and str(_event(left)["UID"]) == uid
    address = now_with

    cancelled = client.post(f"/borger/samtaler/{interview}/aflys", data={"csrf_token": token(client, "/borger/")})
    assert cancelled.status_code == 302
    (gone,) = _invitations(app, inbox, transport, address)
    assert str(gone["METHOD"]) == "CANCEL" and str(_event(gone)["STATUS"]) == "CANCELLED"
    assert str(_event(gone)["UID"]) == uid and _event(gone)["SEQUENCE"] > _event(moved)["SEQUENCE"]


def _of(calendars, uid: str):
    return [c for c in calendars if str(_event(c)["UID"]) == uid]


def test_a_move_to_a_colleague_cancels_it_for_the_absent_caseworker_and_invites_the_colleague(app, client, smtp):
    from portal import now
    from portal.database import unit_of_work
    from scheduling.safe_changes import Cancel, Move
    from scheduling.services import availability
    from scheduling.services.safe_changes import ChoicesNeeded

    inbox, transport = smtp
    send_once(app, transport)  # the demo's own notices
    as_citizen(app, client, demo.SOFIE)
    start, interview, _ = book_video(client)
    ((absent, address),) = _caseworkers(app, interview)
    (booked,) = _invitations(app, inbox, transport, address)
    uid = str(_event(booked)["UID"])
    day = datetime.fromisoformat(start).astimezone(COPENHAGEN).date()
    begin = datetime.combine(day, datetime.min.time(), COPENHAGEN)
    with app.app_context():
        with pytest.raises(ChoicesNeeded) as asked:
            availability.add_absence(unit_of_work(), absent, begin, begin + timedelta(days=1), now())
        choices = {a.id: Move(a.colleagues[0].id) if a.colleagues else Cancel("Syg") for a in asked.value.affected}
        availability.add_absence(unit_of_work(), absent, begin, begin + timedelta(days=1), now(), choices=choices)
    ((colleague, new_address),) = _caseworkers(app, interview)
    assert colleague != absent

    inbox.messages.clear()
    send_once(app, transport)
    sent = list(inbox.messages)
    (to_absent,) = _of(_parsed(sent, address), uid)
    (to_colleague,) = _of(_parsed(sent, new_address), uid)
    assert str(to_absent["METHOD"]) == "CANCEL" and str(_event(to_absent)["STATUS"]) == "CANCELLED"
    assert str(to_colleague["METHOD"]) == "REQUEST" and _event(to_colleague)["SEQUENCE"] > _event(booked)["SEQUENCE"]


def test_the_person_s_mail_about_a_video_booking_carries_the_link_and_nothing_private(app, client, smtp):
    from tests.web.notices_helpers import all_cprs, set_citizen
    from tests.web.video_helpers import link_of

    inbox, transport = smtp
    send_once(app, transport)  # the demo's own notices
    sofie = as_citizen(app, client, demo.SOFIE)
    set_citizen(app, sofie, email="sofie@example.dk")
    _, interview, _ = book_video(client)
    link = link_of(app, interview)
    inbox.messages.clear()
    send_once(app, transport)
    (mail,) = [m for m in inbox.messages if m["To"] == "sofie@example.dk"]
    text, page = mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()
    assert link and f"Link til videosamtalen: {link}" in text and f'<a href="{link}">' in page
    assert not any(cpr in text or cpr in page for cpr in all_cprs(app))


def test_a_person_with_a_confirmed_address_may_ask_for_the_invitations_too(app, client, smtp):
    from tests.web.notices_helpers import set_citizen

    inbox, transport = smtp
    send_once(app, transport)  # the demo's own notices
    sofie = as_citizen(app, client, demo.SOFIE)
    set_citizen(app, sofie, email=None, email_pending=None)
    assert "kalenderinvitationer" not in client.get("/borger/kontakt").get_data(as_text=True)  # no address: no offer
    set_citizen(app, sofie, email="sofie@example.dk")
    page = client.get("/borger/kontakt").get_data(as_text=True)
    assert "Send mig også kalenderinvitationer til mine samtaler på e-mail" in page
    saved = client.post("/borger/kontakt", data={
        "csrf_token": token(client, "/borger/kontakt"), "email": "sofie@example.dk", "mobile": "", "invitations": "y",
    })
    assert saved.status_code == 302
    assert 'name="invitations" class="form-checkbox" value="y" checked' in client.get("/borger/kontakt").get_data(as_text=True)

    _, interview, _ = book_video(client)
    (mine,) = _invitations(app, inbox, transport, "sofie@example.dk")
    assert str(mine["METHOD"]) == "REQUEST" and _event(mine)["SEQUENCE"] == 0
    assert client.post(f"/borger/samtaler/{interview}/aflys", data={"csrf_token": token(client, "/borger/")}).status_code == 302
    (gone,) = _invitations(app, inbox, transport, "sofie@example.dk")
    assert str(gone["METHOD"]) == "CANCEL" and str(_event(gone)["STATUS"]) == "CANCELLED"
