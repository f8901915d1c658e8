"""The settings endpoints of the integration API (issue 16): what a caseworker sets on "Tilgængelighed" (the
interview kinds and formats they take, their own meeting link) and what an administrator sets on "Indstillinger"
(deadlines, contact details, R21's joint-interview choice, reminders, the video room address, closed days).

Demo day 2026-11-25. A-kassen Fremad's administrator is Torben Vestergaard; the tokens of ``token()`` act as Birgitte
Holm, who is not one, so an administrator's change through them is refused (403) unless the body names Torben.
"""

from __future__ import annotations

import uuid
from datetime import date

from scheduling import parameters as P
from tests.web.api_helpers import api, api_token
from tests.web.api_interview_helpers import AARHUS, FREMAD, get, organisation, post, problem, token, worker

BIRGITTE, TORBEN = "Birgitte Holm", "Torben Vestergaard"
SETTINGS = "/api/v1/organisation/settings"
REMINDERS = "/api/v1/organisation/reminders"
VIDEO_ROOM = "/api/v1/organisation/video-room"
CLOSURES = "/api/v1/organisation/closures"
CONTACT = {"book_by_days": 10, "change_deadline_hours": 24, "address": "Fremadvej 12, 8000 Aarhus C",
           "phone": "70 10 20 30", "email": "kontakt@fremad.example.dk"}


def _admin(app, name: str = FREMAD, scope: str = "write") -> str:
    """A token acting as the organisation's administrator."""
    return api_token(app, organisation=organisation(app, name), scope=scope)


def _put(client, url: str, secret: str | None, json: dict, key: str | None = None):
    return api(client, "PUT", url, secret, json=json, headers={"Idempotency-Key": key or str(uuid.uuid4())})


def _invalid(response, field: str) -> dict:
    assert response.status_code == 422, response.get_json()
    body = problem(response)
    assert field in [e["field"].split(".")[0] for e in body["errors"]], body
    return body


def _caseworker(app, name: str = BIRGITTE, rest: str = "availability") -> str:
    return f"/api/v1/caseworkers/{worker(app, name)}/{rest}"


# ---- a caseworker's offer and own meeting link ----------------------------------------------------------------------


def test_a_caseworkers_offer_is_set_and_read_back(app, client):
    secret = token(app)
    response = _put(client, _caseworker(app, rest="offer"), secret,
                    {"kinds": ["jobsamtale"], "formats": ["telefonisk", "personligt_fremmoede"]})
    assert response.status_code == 200, response.get_json()
    shown = get(client, _caseworker(app), secret).get_json()
    assert shown["offered_kinds"] == ["jobsamtale"]
    assert sorted(shown["offered_formats"]) == ["personligt_fremmoede", "telefonisk"]


def test_an_offer_without_kinds_or_with_the_cv_interview_is_422_on_the_field(app, client):
    secret = token(app)
    before = get(client, _caseworker(app), secret).get_json()
    _invalid(_put(client, _caseworker(app, rest="offer"), secret, {"kinds": [], "formats": ["telefonisk"]}), "kinds")
    _invalid(_put(client, _caseworker(app, rest="offer"), secret,
                  {"kinds": ["cvsamtale"], "formats": ["telefonisk"]}), "kinds")
    _invalid(_put(client, _caseworker(app, rest="offer"), secret, {"kinds": ["jobsamtale"], "formats": ["brev"]}),
             "formats")
    assert get(client, _caseworker(app), secret).get_json() == before  # nothing half-written


def test_a_caseworkers_own_video_link_is_set_checked_and_removed(app, client):
    secret = token(app)
    url = _caseworker(app, rest="video-link")
    response = _put(client, url, secret, {"video_link": "https://meet.fremad.example.dk/birgitte"})
    assert response.status_code == 200 and response.get_json()["video_link"] == "https://meet.fremad.example.dk/birgitte"
    body = _invalid(_put(client, url, secret, {"video_link": "http://meet.fremad.example.dk/birgitte"}), "video_link")
    assert "https://" in body["detail"]
    assert get(client, _caseworker(app), secret).get_json()["video_link"] == "https://meet.fremad.example.dk/birgitte"
    assert _put(client, url, secret, {"video_link": None}).get_json()["video_link"] is None


def test_another_organisations_caseworkers_offer_and_link_are_not_found(app, client):
    secret = token(app, AARHUS)
    assert _put(client, _caseworker(app, rest="offer"), secret,
                {"kinds": ["jobsamtale"], "formats": ["telefonisk"]}).status_code == 404
    assert problem(_put(client, _caseworker(app, rest="video-link"), secret, {"video_link": None}))["status"] == 404


def test_a_read_token_or_none_may_not_change_an_offer_or_a_link(app, client):
    offer = {"kinds": ["jobsamtale"], "formats": ["telefonisk"]}
    assert problem(_put(client, _caseworker(app, rest="offer"), token(app, scope="read"), offer))["status"] == 403
    assert _put(client, _caseworker(app, rest="video-link"), token(app, scope="read"), {"video_link": None}).status_code == 403
    response = _put(client, _caseworker(app, rest="offer"), None, offer)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"


def test_the_same_idempotency_key_sets_an_offer_once_and_replays_the_answer(app, client):
    secret, offer = token(app), {"kinds": ["jobsamtale"], "formats": ["telefonisk"]}
    first = _put(client, _caseworker(app, rest="offer"), secret, offer, key="tilbud-1")
    second = _put(client, _caseworker(app, rest="offer"), secret, offer, key="tilbud-1")
    assert first.status_code == second.status_code == 200 and first.get_json() == second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"


# ---- the organisation's settings (administrators) -----------------------------------------------------------------


def test_a_read_token_reads_the_organisations_settings(app, client):
    body = get(client, SETTINGS, token(app, scope="read")).get_json()
    assert body["name"] == FREMAD and body["kind"] == "akasse" and body["phone"] == "70 10 20 30"
    assert body["faellessamtale_r10_selvbooking"] is None  # R21 is the jobcenter's choice
    assert {"reminder_hour", "book_by_reminder_days", "video_room_template", "book_by_days"} <= set(body)


def test_an_administrator_sets_the_reminders(app, client):
    response = _put(client, REMINDERS, _admin(app), {"reminder_hour": 15, "book_by_reminder_days": 5})
    assert response.status_code == 200, response.get_json()
    body = get(client, SETTINGS, token(app)).get_json()
    assert (body["reminder_hour"], body["book_by_reminder_days"]) == (15, 5)


def test_an_administrators_change_by_a_caseworker_who_is_not_one_is_403_in_danish(app, client):
    secret = token(app)  # acts as Birgitte
    response = _put(client, REMINDERS, secret, {"reminder_hour": 15, "book_by_reminder_days": 5})
    assert response.status_code == 403
    assert "administratorer" in problem(response)["detail"]
    assert _put(client, SETTINGS, secret, CONTACT).status_code == 403
    assert _put(client, VIDEO_ROOM, secret, {"video_room_template": None}).status_code == 403
    assert post(client, CLOSURES, secret, {"day": "2026-12-28"}).status_code == 403
    assert get(client, SETTINGS, secret).get_json()["reminder_hour"] != 15
    named = _put(client, REMINDERS, secret, {"reminder_hour": 15, "book_by_reminder_days": 5,
                                              "caseworker_id": worker(app, TORBEN)})
    assert named.status_code == 200, named.get_json()


def test_an_administrator_of_another_organisation_is_422_on_caseworker_id(app, client):
    _invalid(_put(client, REMINDERS, _admin(app, AARHUS),
                  {"reminder_hour": 15, "book_by_reminder_days": 5, "caseworker_id": worker(app, TORBEN)}),
             "caseworker_id")


def test_a_read_token_may_not_change_the_settings(app, client):
    response = _put(client, REMINDERS, _admin(app, scope="read"), {"reminder_hour": 15, "book_by_reminder_days": 5})
    assert response.status_code == 403 and "kun læse" in problem(response)["detail"]
    assert _put(client, SETTINGS, None, CONTACT).status_code == 401


def test_bad_settings_are_422_on_the_field_and_nothing_is_saved(app, client):
    secret = _admin(app)
    before = get(client, SETTINGS, secret).get_json()
    _invalid(_put(client, REMINDERS, secret, {"reminder_hour": 3, "book_by_reminder_days": 5}), "reminder_hour")
    too_short = P.BOOK_BY_MIN_DAYS.on(date(2026, 11, 25)) - 1
    _invalid(_put(client, SETTINGS, secret, {**CONTACT, "book_by_days": too_short}), "book_by_days")
    _invalid(_put(client, SETTINGS, secret, {**CONTACT, "phone": "ring til os"}), "phone")
    _invalid(_put(client, SETTINGS, secret, {**CONTACT, "email": None}), "email")  # neither e-mail nor a form
    _invalid(_put(client, SETTINGS, secret, {**CONTACT, "faellessamtale_r12_selvbooking": False}),
             "faellessamtale_r12_selvbooking")  # an a-kasse does not choose (R21)
    _invalid(_put(client, VIDEO_ROOM, secret, {"video_room_template": "https://meet.example.dk/fast"}),
             "video_room_template")
    assert get(client, SETTINGS, secret).get_json() == before


def test_a_jobcenter_chooses_how_joint_interviews_are_booked_R21(app, client):
    secret = _admin(app, AARHUS)
    body = {**CONTACT, "address": "Demovej 1, 8000 Aarhus C", "faellessamtale_r12_selvbooking": False}
    response = _put(client, SETTINGS, secret, body)
    assert response.status_code == 200, response.get_json()
    settings = response.get_json()
    assert settings["faellessamtale_r12_selvbooking"] is False and settings["book_by_days"] == 10
    assert settings["faellessamtale_r10_selvbooking"] is True  # left out: unchanged


def test_an_administrator_sets_and_removes_the_video_room_address(app, client):
    secret = _admin(app)
    response = _put(client, VIDEO_ROOM, secret, {"video_room_template": "https://meet.fremad.example.dk/{room}"})
    assert response.status_code == 200 and response.get_json()["video_room_template"].endswith("/{room}")
    assert _put(client, VIDEO_ROOM, secret, {"video_room_template": None}).get_json()["video_room_template"] is None


def test_closed_days_are_added_listed_and_removed_by_an_administrator(app, client):
    secret = _admin(app)
    created = post(client, CLOSURES, secret, {"day": "2026-12-28", "from_time": "12:00", "note": "Julefrokost"})
    assert created.status_code == 201, created.get_json()
    closure = created.get_json()["id"]
    listed = get(client, CLOSURES, token(app, scope="read")).get_json()["items"]
    assert {"id": closure, "day": "2026-12-28", "from_time": "12:00", "to_time": None, "note": "Julefrokost"} in listed
    assert post(client, f"{CLOSURES}/{closure}/remove", _admin(app, AARHUS)).status_code == 404  # not theirs
    removed = api(client, "DELETE", f"{CLOSURES}/{closure}", secret, headers={"Idempotency-Key": "luk-1"})
    assert removed.status_code == 200 and closure not in [c["id"] for c in removed.get_json()["items"]]
    assert post(client, f"{CLOSURES}/{closure}/remove", secret).status_code == 404


def test_a_closed_day_in_the_past_or_ending_before_it_begins_is_422(app, client):
    secret = _admin(app)
    _invalid(post(client, CLOSURES, secret, {"day": "2026-11-01"}), "day")
    _invalid(post(client, CLOSURES, secret, {"day": "2026-12-28", "from_time": "12:00", "to_time": "09:00"}), "to_time")
    _invalid(post(client, CLOSURES, secret, {"day": "2026-12-28", "from_time": "25:00"}), "from_time")
