"""Helpers (no tests) for the video meeting link pages (issue 15): book a video interview as a demo citizen,
move it, read back its link and its .ics."""

from __future__ import annotations

import re

from icalendar import Calendar

from tests.web.booking_helpers import NEXT_WEEK, book, token

ROOM_LINK = re.compile(r"https://meet\.jit\.si/selvbooking-[A-Za-z0-9_-]{24}")


def book_video(client) -> tuple[str, int, str]:
    """Book a video job interview in the first free slot next week: its start, id and the receipt's HTML."""
    start, response = book(client, "jobsamtale", "personligt_digitalt_fremmoede")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    interview = int(re.search(r"kvittering/(\d+)", response.headers["Location"]).group(1))
    return start, interview, client.get(response.headers["Location"]).get_data(as_text=True)


def rebook(client, interview: int, format: str):
    """Move the person's own interview to the last free slot next week, choosing ``format`` on the way."""
    html = client.get(f"/borger/samtaler/{interview}/flyt?uge={NEXT_WEEK}").get_data(as_text=True)
    new = re.findall(r'name="start" value="([^"]+)"', html)[-1]
    chosen = client.post(f"/borger/samtaler/{interview}/flyt?uge={NEXT_WEEK}", data={"csrf_token": token(client), "start": new})
    assert chosen.status_code == 302, chosen.get_data(as_text=True)[:500]
    done = client.post(chosen.headers["Location"], data={"csrf_token": token(client), "format": format})
    assert done.status_code == 302, done.get_data(as_text=True)[:800]
    return new


def link_of(app, interview: int) -> str | None:
    from scheduling.adapters.orm import InterviewRow

    with app.extensions["selvbooking_sessions"]() as session:
        return session.get(InterviewRow, interview).video_link


def ics_event(client, interview: int):
    response = client.get(f"/kalender/samtale/{interview}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event
