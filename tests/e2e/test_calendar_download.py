"""End to end: a citizen books an interview in the browser and downloads it from the receipt's "Tilføj til
kalender"; the file's event is the booking (start, summary, format)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import screenshot

pytestmark = pytest.mark.e2e

CITIZEN = "Sofie Lund Andersen"  # may self-book job interviews with her a-kasse, and may choose phone (R16)


def log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()


def only_the_demo_booking(server) -> None:
    """Other journeys on this server may have booked for Sofie already; those are cancelled (through the
    service), since her a-kasse obligation holds no more bookings than it still needs (R20)."""
    from sqlalchemy import select

    from portal import now
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow, InterviewRow
    from scheduling.course import InterviewStatus
    from scheduling.services import booking

    with server.app.app_context():
        with server.app.extensions["selvbooking_sessions"]() as session:
            cid = session.scalar(select(CitizenRow.id).where(CitizenRow.name == CITIZEN))
            ids = session.scalars(select(InterviewRow.id).where(
                InterviewRow.citizen_id == cid, InterviewRow.status == InterviewStatus.BOOKED,
            ).order_by(InterviewRow.id)).all()
        for interview_id in ids[1:]:
            booking.cancel(unit_of_work(), cid, interview_id, now())


def test_citizen_books_and_downloads_the_interview_from_the_receipt(live_server, page, tmp_path):
    only_the_demo_booking(live_server)
    base = live_server.url
    log_in(page, base, CITIZEN)
    page.goto(f"{base}/borger/book")  # her one kind is not asked: the time step

    slot = page.locator("input[name=start]").first
    start = datetime.fromisoformat(slot.get_attribute("value"))
    slot.check()
    page.get_by_role("button", name="Fortsæt").click()

    page.get_by_label("Telefonsamtale").check()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_role("button", name="Book samtalen").click()
    page.get_by_role("heading", name="Din samtale er booket").wait_for()
    screenshot(page, "calendar-receipt")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tilføj til kalender").click()
    download = info.value
    local_day = start.astimezone(COPENHAGEN).date().isoformat()
    assert download.suggested_filename == f"jobsamtale-{local_day}.ics"
    path = Path(tmp_path) / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()

    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.events
    assert event.decoded("DTSTART") == start
    assert str(event["SUMMARY"]) == "Jobsamtale med din a-kasse"
    assert str(event["DESCRIPTION"]).startswith("Samtalen foregår telefonisk. Vi ringer til dig på")
    assert int(event["SEQUENCE"]) == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert vobject.readOne(data.decode()).vevent.dtstart.value == start
