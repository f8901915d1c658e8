"""The API from one end to the other (issue 16), as docs/api.md's walk-through "Fra tilmelding til samtale": with
one write token of an a-kasse, the case system registers a new person's course, posts hours, reads the evaluation,
lists free slots and calls the person in (R19, R15: the first interview in person), moves the interview, records
it held, and finds it among the interviews changed since the sync began.

Demo day 2026-11-25; A-kassen Fremad's token acts as Birgitte Holm.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import quote

from tests.web.api_interview_helpers import FREMAD, HOLDERS, get, post, token, worker
from tests.web.helpers import DEMO_TODAY

TODAY = date.fromisoformat(DEMO_TODAY)
IDA = {
    "cpr": "150690-1234", "name": "Ida Holm", "kommune": "Aarhus",
    "registered_on": (TODAY - timedelta(days=8)).isoformat(), "placed_on": (TODAY - timedelta(days=8)).isoformat(),
    "insurance": "fuldtid",
}


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_R19_an_akasse_registers_a_course_posts_hours_and_books_an_interview(app, client):
    secret = token(app, FREMAD)
    birgitte = worker(app, HOLDERS[FREMAD])
    sync_began = _ok(get(client, "/api/v1/interviews?limit=200", secret))["items"][-1]["changed_at"]

    # register the course: the person is new, Fremad serves them, the first interview is due (R6)
    created = _ok(post(client, "/api/v1/persons", secret, IDA), 201)
    person = created["id"]
    assert _ok(get(client, f"/api/v1/persons/{person}", secret))["name"] == "Ida Holm"

    # the hours of the week after registration (R2, R3)
    week = {"registered_on": DEMO_TODAY, "period_start": IDA["registered_on"],
            "period_end": (TODAY - timedelta(days=2)).isoformat(), "hours": "37.00"}
    hours = _ok(post(client, f"/api/v1/persons/{person}/hours", secret, week), 201)
    assert hours["person_id"] == person

    evaluation = _ok(get(client, f"/api/v1/persons/{person}/evaluation", secret))
    assert evaluation["responsibility"]["organisation"] == "akasse"
    assert any(o["rule"] == "R6" for o in evaluation["obligations"])

    # Birgitte's free slots, and the call-in to the first of them (in person, R15)
    slots = _ok(get(client, f"/api/v1/persons/{person}/free-slots?caseworker_id={birgitte}", secret))["items"]
    assert len(slots) >= 2 and all(s["caseworker_ids"] == [birgitte] for s in slots)
    call_in = {"start": slots[0]["start"], "format": "personligt_fremmoede", "message": "Husk dit CV."}
    booked = _ok(post(client, f"/api/v1/persons/{person}/call-ins", secret, call_in), 201)
    assert (booked["person_id"], booked["status"], booked["booked_by"]) == (person, "booket", "indkaldelse")
    assert booked["format"] == "personligt_fremmoede" and booked["caseworker_ids"] == [birgitte]
    interview = booked["id"]

    # move it to a later free slot, then record it held once it has begun
    later = next(s["start"] for s in slots[1:] if s["start"] >= booked["end"])
    moved = _ok(post(client, f"/api/v1/interviews/{interview}/move", secret, {"start": later}))
    assert moved["start"] == later and moved["status"] == "booket"
    app.config["TODAY"] = (datetime.fromisoformat(later) + timedelta(days=1)).date().isoformat()
    held = _ok(post(client, f"/api/v1/interviews/{interview}/record", secret, {"outcome": "held", "note": "Gik godt."}))
    assert held["status"] == "afholdt"

    # the sync: the interview is among those changed since it began, with its last change
    changed = _ok(get(client, f"/api/v1/interviews?changed_since={quote(sync_began)}&limit=200", secret))["items"]
    mine = [i for i in changed if i["id"] == interview]
    assert mine and mine[0]["status"] == "afholdt" and mine[0]["changed_at"] >= sync_began
