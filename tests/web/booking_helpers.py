"""Helpers (no tests) for the citizen's booking steps through the Flask test client: log in as a demo citizen,
choose a kind, a time and a format, confirm, and read back the interviews."""

from __future__ import annotations

import re

from tests.web.helpers import csrf_token, log_in_as

NEXT_WEEK = "2026-11-30"  # the Monday after the demo day: every slot there is beyond the 24-hour change deadline


def citizen_id(app, person) -> int:
    from sqlalchemy import select

    from scheduling.adapters.orm import CitizenRow

    with app.extensions["selvbooking_sessions"]() as session:
        return session.scalar(select(CitizenRow.id).where(CitizenRow.cpr == person.cpr))


def as_citizen(app, client, person) -> int:
    cid = citizen_id(app, person)
    log_in_as(client, "citizen", cid)
    return cid


def main(html: str) -> str:
    return html.split("<main", 1)[1]


def token(client, path: str = "/borger/book") -> str:
    return csrf_token(client, path)


def choose_kind(client, kind: str):
    return client.post("/borger/book", data={"csrf_token": token(client), "kind": kind})


def offered_slots(client, week: str = NEXT_WEEK) -> list[str]:
    html = client.get(f"/borger/book/tid?uge={week}").get_data(as_text=True)
    return re.findall(r'name="start" value="([^"]+)"', html)


def choose_slot(client, start: str, week: str = NEXT_WEEK):
    return client.post(f"/borger/book/tid?uge={week}", data={"csrf_token": token(client), "start": start})


def choose_format(client, format: str, participation: str | None = None):
    data = {"csrf_token": token(client), "format": format}
    if participation:
        data["participation"] = participation
    return client.post("/borger/book/samtaleform", data=data)


def booking_token(client) -> str:
    html = client.get("/borger/book/tjek").get_data(as_text=True)
    return re.search(r'id="token" name="token" type="hidden" value="([^"]+)"', html).group(1)


def confirm(client, booking: str):
    return client.post("/borger/book/tjek", data={"csrf_token": token(client), "token": booking})


def book(client, kind: str, format: str, participation: str | None = None, slot_index: int = 0):
    assert choose_kind(client, kind).status_code == 302
    start = offered_slots(client)[slot_index]
    assert choose_slot(client, start).status_code == 302
    assert choose_format(client, format, participation).status_code == 302
    return start, confirm(client, booking_token(client))


def interviews_of(app, cid: int):
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
    from scheduling.services.queries import citizen_interviews

    return citizen_interviews(SqlAlchemyUnitOfWork(app.extensions["selvbooking_sessions"], read_only=True), cid)
