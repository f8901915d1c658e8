"""The availability and agreed-timeslot endpoints of the integration API (issue 16): a caseworker's working hours
and absences, and the timeslots for joint interviews (R22), for the caseworkers of the token's organisation only.

Demo day 2026-11-25 (portal clock 12.00). Birgitte Holm (A-kassen Fremad) holds Lars's interview tomorrow,
Thursday 26 November, and Sofie's on Tuesday 1 December, both at 10.45; Nadia El-Sayed is a free colleague then.
An absence or new hours over booked interviews are a 409 listing them until the body chooses for each (issue 14).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from scheduling.slots import COPENHAGEN
from tests.web.api_helpers import api
from tests.web.api_interview_helpers import (
    AARHUS,
    FREMAD,
    NORD,
    get,
    organisation,
    post,
    problem,
    token,
    worker,
)
from tests.web.safe_change_helpers import booked_interview, interview

BIRGITTE, NADIA = "Birgitte Holm", "Nadia El-Sayed"
ABSENCE = {"start": "2026-11-26T00:00:00+01:00", "end": "2026-12-02T00:00:00+01:00", "note": "Kursus"}


def _url(app, name: str = BIRGITTE, rest: str = "availability") -> str:
    return f"/api/v1/caseworkers/{worker(app, name)}/{rest}"


def _put(client, url: str, secret: str, json: dict):
    return api(client, "PUT", url, secret, json=json, headers={"Idempotency-Key": str(uuid.uuid4())})


def _invalid(response, field: str) -> dict:
    assert response.status_code == 422, response.get_json()
    body = problem(response)
    assert any(e["field"].split(".")[0] == field for e in body["errors"]), body
    return body


def test_the_organisations_active_caseworkers_are_listed_by_id_and_name(app, client):
    items = get(client, "/api/v1/caseworkers", token(app)).get_json()["items"]
    names = {i["name"] for i in items}
    assert BIRGITTE in names and NADIA in names and "Louise Kjær" not in names
    assert set(items[0]) == {"id", "name"}


def test_a_caseworkers_availability_shows_hours_and_absences_ahead(app, client):
    secret = token(app)
    body = get(client, _url(app), secret).get_json()
    assert body["caseworker_id"] == worker(app, BIRGITTE) and body["working_hours"]
    created = post(client, _url(app, rest="absences"), secret,
                   {"start": "2026-12-07T08:00:00+01:00", "end": "2026-12-07T12:00:00+01:00"})
    assert created.status_code == 201, created.get_json()
    absence_id = created.get_json()["id"]
    assert absence_id in [a["id"] for a in get(client, _url(app), secret).get_json()["absences"]]


def test_another_organisations_caseworker_is_not_found(app, client):
    secret = token(app, AARHUS)
    assert get(client, _url(app), secret).status_code == 404
    assert problem(post(client, _url(app, rest="absences"), secret, ABSENCE))["status"] == 404
    assert _put(client, _url(app, rest="working-hours"), secret, {"hours": []}).status_code == 404
    assert get(client, "/api/v1/caseworkers/999999/availability", secret).status_code == 404


def test_a_read_token_may_not_change_availability(app, client):
    secret = token(app, scope="read")
    response = post(client, _url(app, rest="absences"), secret, ABSENCE)
    assert response.status_code == 403 and problem(response)["status"] == 403
    assert _put(client, _url(app, rest="working-hours"), secret, {"hours": []}).status_code == 403


def test_an_absence_over_booked_interviews_is_409_listing_them_and_nothing_is_saved(app, client):
    secret = token(app)
    lars, sofie = booked_interview(app, BIRGITTE, "Lars Mikkelsen"), booked_interview(app, BIRGITTE, "Sofie Lund Andersen")
    response = post(client, _url(app, rest="absences"), secret, ABSENCE)
    assert response.status_code == 409, response.get_json()
    body = problem(response)
    assert body["title"] == "Ændringen rammer bookede samtaler" and body["type"].endswith("#samtaler-ramt")
    hit = {i["id"]: i for i in body["interviews"]}
    assert set(hit) == {lars, sofie}
    assert datetime.fromisoformat(hit[sofie]["start"]) == datetime(2026, 12, 1, 10, 45, tzinfo=COPENHAGEN)
    assert hit[sofie]["problem"]
    assert worker(app, NADIA) in [c["id"] for c in hit[sofie]["colleagues"]]
    assert hit[lars]["may_keep"] is False
    assert get(client, _url(app), secret).get_json()["absences"] == []
    assert interview(app, lars)[0] == "booket"


def test_an_absence_with_a_choice_for_each_interview_moves_and_cancels_them(app, client):
    secret = token(app)
    lars, sofie = booked_interview(app, BIRGITTE, "Lars Mikkelsen"), booked_interview(app, BIRGITTE, "Sofie Lund Andersen")
    choices = [{"interview_id": sofie, "action": "move", "colleague_id": worker(app, NADIA)},
               {"interview_id": lars, "action": "cancel", "reason": "Jeg er på kursus."}]
    response = post(client, _url(app, rest="absences"), secret, {**ABSENCE, "choices": choices})
    assert response.status_code == 201, response.get_json()
    assert interview(app, lars)[0] == "aflyst" and interview(app, sofie)[0] == "booket"
    assert booked_interview(app, NADIA, "Sofie Lund Andersen") == sofie


def test_a_choice_without_its_colleague_or_reason_is_422_on_the_field(app, client):
    secret = token(app)
    sofie = booked_interview(app, BIRGITTE, "Sofie Lund Andersen")
    _invalid(post(client, _url(app, rest="absences"), secret,
                  {**ABSENCE, "choices": [{"interview_id": sofie, "action": "move"}]}), "choices")
    _invalid(post(client, _url(app, rest="absences"), secret,
                  {**ABSENCE, "choices": [{"interview_id": sofie, "action": "cancel", "reason": " "}]}), "choices")
    _invalid(post(client, _url(app, rest="absences"), secret, {**ABSENCE, "end": "2026-12-02"}), "end")


def test_new_working_hours_over_booked_interviews_are_409_until_each_is_kept_or_moved(app, client):
    secret = token(app)
    lars, sofie = booked_interview(app, BIRGITTE, "Lars Mikkelsen"), booked_interview(app, BIRGITTE, "Sofie Lund Andersen")
    hours = [{"weekday": 0, "start": "13:00", "end": "15:00"}]
    response = _put(client, _url(app, rest="working-hours"), secret, {"hours": hours})
    assert response.status_code == 409, response.get_json()
    assert {lars, sofie} <= {i["id"] for i in problem(response)["interviews"]}
    ids = [i["id"] for i in problem(response)["interviews"]]
    keep = [{"interview_id": i, "action": "keep"} for i in ids]
    response = _put(client, _url(app, rest="working-hours"), secret, {"hours": hours, "choices": keep})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["working_hours"] == [{"weekday": 0, "start": "13:00", "end": "15:00"}]
    assert interview(app, lars)[0] == "booket"


def test_overlapping_or_impossible_working_hours_are_422(app, client):
    secret = token(app)
    same_day = [{"weekday": 1, "start": "08:00", "end": "12:00"}, {"weekday": 1, "start": "11:00", "end": "14:00"}]
    assert problem(_put(client, _url(app, rest="working-hours"), secret, {"hours": same_day}))["status"] == 422
    _invalid(_put(client, _url(app, rest="working-hours"), secret,
                  {"hours": [{"weekday": 7, "start": "08:00", "end": "12:00"}]}), "hours")


def test_an_absence_is_removed_by_delete_or_post_and_only_its_own(app, client):
    secret = token(app)
    first = post(client, _url(app, rest="absences"), secret,
                 {"start": "2026-12-07T08:00:00+01:00", "end": "2026-12-07T12:00:00+01:00"}).get_json()["id"]
    second = post(client, _url(app, rest="absences"), secret,
                  {"start": "2026-12-08T08:00:00+01:00", "end": "2026-12-08T12:00:00+01:00"}).get_json()["id"]
    assert post(client, _url(app, NADIA, f"absences/{first}/remove"), secret).status_code == 404  # not hers
    response = api(client, "DELETE", _url(app, rest=f"absences/{first}"), secret, headers={"Idempotency-Key": "a1"})
    assert response.status_code == 200, response.get_json()
    assert [a["id"] for a in response.get_json()["absences"]] == [second]
    assert post(client, _url(app, rest=f"absences/{second}/remove"), secret).get_json()["absences"] == []
    assert post(client, _url(app, rest=f"absences/{second}/remove"), secret).status_code == 404


def _propose(client, app, secret, akasse=FREMAD, **extra):
    body = {"akasse_id": organisation(app, akasse), "weekday": 2, "start": "09:00", "end": "11:00",
            "valid_from": "2026-12-14", "akasse_participation": "video", **extra}
    return post(client, "/api/v1/timeslots", secret, body)


def test_a_jobcenter_proposes_a_timeslot_the_akasse_accepts_and_either_side_ends_it(app, client):
    jobcenter, akasse = token(app, AARHUS), token(app, FREMAD)
    response = _propose(client, app, jobcenter)
    assert response.status_code == 201, response.get_json()
    proposed = response.get_json()
    assert proposed["status"] == "foreslaaet" and proposed["other"] == FREMAD
    assert proposed["id"] in [t["id"] for t in get(client, "/api/v1/timeslots", akasse).get_json()["items"]]
    accepted = post(client, f"/api/v1/timeslots/{proposed['id']}/accept", akasse)
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepteret", accepted.get_json()
    again = post(client, f"/api/v1/timeslots/{proposed['id']}/accept", akasse)
    assert again.status_code == 422 and "allerede besvaret" in problem(again)["detail"]
    ended = post(client, f"/api/v1/timeslots/{proposed['id']}/end", jobcenter, {"ended_from": "2026-12-21"})
    assert ended.status_code == 200 and ended.get_json()["ended_from"] == "2026-12-21", ended.get_json()


def test_an_akasse_declines_a_proposal_and_a_stranger_gets_404(app, client):
    proposed = _propose(client, app, token(app, AARHUS)).get_json()["id"]
    assert post(client, f"/api/v1/timeslots/{proposed}/decline", token(app, NORD)).status_code == 404
    assert post(client, f"/api/v1/timeslots/{proposed}/end", token(app, NORD),
                {"ended_from": "2026-12-21"}).status_code == 404
    declined = post(client, f"/api/v1/timeslots/{proposed}/decline", token(app, FREMAD))
    assert declined.status_code == 200 and declined.get_json()["status"] == "afvist", declined.get_json()


def test_a_timeslot_proposal_is_checked(app, client):
    jobcenter = token(app, AARHUS)
    _invalid(_propose(client, app, jobcenter, akasse_participation="deltager_ikke"), "akasse_participation")
    assert problem(_propose(client, app, jobcenter, start="12:00", end="10:00"))["status"] == 422
    assert _propose(client, app, token(app, FREMAD)).status_code == 404  # only a jobcenter proposes
    assert _propose(client, app, token(app, AARHUS, scope="read")).status_code == 403


def test_ending_a_timeslot_backwards_in_time_is_422(app, client):
    jobcenter, akasse = token(app, AARHUS), token(app, FREMAD)
    proposed = _propose(client, app, jobcenter).get_json()["id"]
    post(client, f"/api/v1/timeslots/{proposed}/accept", akasse)
    response = post(client, f"/api/v1/timeslots/{proposed}/end", akasse, {"ended_from": "2026-11-01"})
    assert response.status_code == 422 and "bagud i tiden" in problem(response)["detail"]


def test_the_same_idempotency_key_adds_an_absence_once(app, client):
    secret = token(app)
    body = {"start": "2026-12-07T08:00:00+01:00", "end": "2026-12-07T12:00:00+01:00"}
    first = post(client, _url(app, rest="absences"), secret, body, key="fravaer-1")
    second = post(client, _url(app, rest="absences"), secret, body, key="fravaer-1")
    assert first.status_code == second.status_code == 201 and first.get_json() == second.get_json()
    assert len(get(client, _url(app), secret).get_json()["absences"]) == 1
