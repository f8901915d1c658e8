"""The interview and decision endpoints of the integration API (issue 16), each with its refusals.

Demo day 2026-11-25. A-kassen Fremad (Birgitte Holm …) serves Mette (new, to be called in, R19), Sofie (books by
phone), Lars (self-booking revoked, R23) and Oksana; Jobcenter Aarhus (Louise Kjær …) has Mikkel and Camilla
(exempt, R26); Lønmodtagernes A-kasse Nord (Rikke Dahl) has Jonas (called in to his first interview, R15).
A refusal is a problem+json with the rules core's rule id, legal basis and Danish text; another organisation's
person or interview is a 404 exactly like an id that does not exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

from scheduling.course import InterviewStatus
from tests.web.api_interview_helpers import (
    AARHUS,
    NORD,
    booked,
    first_free_start,
    get,
    person_id,
    post,
    problem,
    token,
    worker,
)
from tests.web.caseworker_helpers import decisions, interviews, messages

METTE, SOFIE, LARS, JONAS = "Mette Nørgaard Jensen", "Sofie Lund Andersen", "Lars Mikkelsen", "Jonas Bech Poulsen"
BIRGITTE = "Birgitte Holm"


def _call_in(client, app, secret, name=METTE, holder=BIRGITTE, format="personligt_fremmoede", **extra):
    start = extra.pop("start", None) or first_free_start(client, app, secret, name, holder)
    body = {"start": start, "format": format, "caseworker_id": worker(app, holder), **extra}
    return post(client, f"/api/v1/persons/{person_id(app, name)}/call-ins", secret, body)


def _refused(response, rule: str) -> dict:
    assert response.status_code == 409, response.get_json()
    body = problem(response)
    assert body["rule"] == rule and body["basis"] and body["detail"], body
    return body


def _taken(response) -> None:
    """A 409 for a time taken: no rule refused, the caseworker (or the person) is simply busy then."""
    assert response.status_code == 409, response.get_json()
    body = problem(response)
    assert body["title"] == "Tiden er ikke længere ledig" and "allerede en samtale" in body["detail"], body


def _invalid(response, field: str) -> dict:
    assert response.status_code == 422, response.get_json()
    body = problem(response)
    assert any(e["field"].split(".")[0] == field for e in body.get("errors") or []), body
    return body


# ---- free slots -----------------------------------------------------------------------------------------------


def test_free_slots_to_call_in_to_are_the_caseworkers_own(app, client):
    secret = token(app)
    url = f"/api/v1/persons/{person_id(app, METTE)}/free-slots?caseworker_id={worker(app, BIRGITTE)}"
    items = get(client, url, secret).get_json()["items"]
    assert items and all(i["caseworker_ids"] == [worker(app, BIRGITTE)] for i in items)
    assert datetime.fromisoformat(items[0]["end"]) - datetime.fromisoformat(items[0]["start"]) > timedelta(0)


def test_free_slots_are_paged_by_cursor_without_repeats_or_gaps(app, client):
    secret = token(app)
    url = f"/api/v1/persons/{person_id(app, SOFIE)}/free-slots?purpose=self_booking&first_day=2026-11-26&last_day=2026-12-09"
    whole = get(client, url + "&limit=200", secret).get_json()
    assert len(whole["items"]) > 6 and whole["next_cursor"] is None
    paged, cursor = [], ""
    while cursor is not None:
        page = get(client, url + "&limit=3" + (f"&cursor={cursor}" if cursor else ""), secret).get_json()
        assert len(page["items"]) <= 3
        paged += page["items"]
        cursor = page["next_cursor"]
    assert paged == whole["items"]
    _invalid(get(client, url + "&cursor=abc.def", secret), "cursor")


def test_free_slots_the_person_may_self_book(app, client):
    secret = token(app)
    url = f"/api/v1/persons/{person_id(app, SOFIE)}/free-slots?purpose=self_booking&kind=jobsamtale"
    response = get(client, url, secret)
    assert response.status_code == 200 and response.get_json()["items"]


def test_R23_no_self_booking_slots_for_a_person_whose_right_is_revoked(app, client):
    url = f"/api/v1/persons/{person_id(app, LARS)}/free-slots?purpose=self_booking"
    _refused(get(client, url, token(app)), "R23")


def test_free_slots_of_another_organisations_person_are_404(app, client):
    response = get(client, f"/api/v1/persons/{person_id(app, JONAS)}/free-slots", token(app))
    assert response.status_code == 404 and problem(response)["status"] == 404


def test_free_slots_for_more_than_a_month_are_422(app, client):
    url = f"/api/v1/persons/{person_id(app, METTE)}/free-slots?first_day=2026-12-01&last_day=2027-03-01"
    _invalid(get(client, url, token(app)), "last_day")


# ---- call in --------------------------------------------------------------------------------------------------


def test_call_in_books_the_holding_caseworker_and_tells_the_person(app, client):
    response = _call_in(client, app, token(app), message="Husk dit CV.")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["booked_by"] == "indkaldelse" and body["status"] == "booket" and body["kind"] == "jobsamtale"
    assert body["caseworker_ids"] == [worker(app, BIRGITTE)] and body["person_id"] == person_id(app, METTE)
    inbox = messages(app, METTE)
    assert inbox[0].kind == "indkaldelse" and "Husk dit CV." in inbox[0].body


def test_R15_the_first_interview_is_not_called_in_by_phone(app, client):
    body = _refused(_call_in(client, app, token(app), format="telefonisk"), "R15")
    assert "personligt fremmøde" in body["detail"]


def test_R1_the_jobcenter_does_not_call_in_during_the_akasse_period(app, client):
    secret = token(app, AARHUS)
    _refused(_call_in(client, app, secret, holder="Louise Kjær"), "R1")


def test_R26_an_exempt_person_is_not_called_in(app, client):
    secret = token(app, AARHUS)
    _refused(_call_in(client, app, secret, name="Camilla Frost Nielsen", holder="Louise Kjær"), "R26")


def test_call_in_to_a_time_the_caseworker_is_taken_is_409(app, client):
    secret = token(app)
    start = first_free_start(client, app, secret, METTE, BIRGITTE)
    assert _call_in(client, app, secret, start=start).status_code == 201
    before = interviews(app, "Oksana Kovalenko")
    _taken(_call_in(client, app, secret, name="Oksana Kovalenko", start=start))
    assert interviews(app, "Oksana Kovalenko") == before


def test_call_in_as_a_caseworker_of_another_organisation_is_422(app, client):
    secret = token(app)
    start = first_free_start(client, app, secret, METTE, BIRGITTE)
    body = {"start": start, "format": "personligt_fremmoede", "caseworker_id": worker(app, "Rikke Dahl")}
    _invalid(post(client, f"/api/v1/persons/{person_id(app, METTE)}/call-ins", secret, body), "caseworker_id")


def test_call_in_without_a_start_or_with_an_unknown_format_is_422(app, client):
    url = f"/api/v1/persons/{person_id(app, METTE)}/call-ins"
    _invalid(post(client, url, token(app), {"format": "personligt_fremmoede"}), "start")
    _invalid(post(client, url, token(app), {"start": "2026-12-01T09:00:00+01:00", "format": "brev"}), "format")


def test_call_in_to_a_time_without_a_zone_is_422(app, client):
    url = f"/api/v1/persons/{person_id(app, METTE)}/call-ins"
    _invalid(post(client, url, token(app), {"start": "2026-12-01T09:00:00", "format": "personligt_fremmoede"}), "start")


def test_call_in_of_another_organisations_person_is_404(app, client):
    secret = token(app)
    start = first_free_start(client, app, secret, METTE, BIRGITTE)
    body = {"start": start, "format": "personligt_fremmoede"}
    assert post(client, f"/api/v1/persons/{person_id(app, JONAS)}/call-ins", secret, body).status_code == 404
    assert post(client, "/api/v1/persons/999999/call-ins", secret, body).status_code == 404


def test_a_read_token_does_not_call_in(app, client):
    secret = token(app, scope="read")
    body = {"start": "2026-12-01T09:00:00+01:00", "format": "personligt_fremmoede"}
    response = post(client, f"/api/v1/persons/{person_id(app, METTE)}/call-ins", secret, body)
    assert response.status_code == 403 and problem(response)["status"] == 403


def test_the_same_call_in_sent_twice_books_once(app, client):
    secret = token(app)
    start = first_free_start(client, app, secret, METTE, BIRGITTE)
    body = {"start": start, "format": "personligt_fremmoede", "caseworker_id": worker(app, BIRGITTE)}
    url = f"/api/v1/persons/{person_id(app, METTE)}/call-ins"
    first = post(client, url, secret, body, key="indkald-mette-1")
    again = post(client, url, secret, body, key="indkald-mette-1")
    assert first.status_code == again.status_code == 201 and first.get_json() == again.get_json()
    assert len([i for i in interviews(app, METTE) if i.status == InterviewStatus.BOOKED]) == 1


# ---- list and read --------------------------------------------------------------------------------------------


def test_interviews_are_listed_by_change_page_by_page(app, client):
    secret = token(app)
    seen, cursor = [], None
    while True:
        url = "/api/v1/interviews?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = get(client, url, secret).get_json()
        assert len(page["items"]) <= 3
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len({i["id"] for i in seen}) == len(seen) > 3
    changes = [i["changed_at"] for i in seen]
    assert changes == sorted(changes)
    people = {i["person_id"] for i in seen}
    assert person_id(app, SOFIE) in people and person_id(app, JONAS) not in people


def test_interviews_changed_since_a_moment_are_those_changed_after_it(app, client):
    secret = token(app)
    everything = get(client, "/api/v1/interviews?limit=200", secret).get_json()["items"]
    since = everything[-1]["changed_at"]
    assert _call_in(client, app, secret).status_code == 201
    fresh = get(client, f"/api/v1/interviews?changed_since={quote(since)}", secret).get_json()["items"]
    assert fresh and all(i["changed_at"] >= since for i in fresh)
    assert person_id(app, METTE) in {i["person_id"] for i in fresh}


def test_a_forged_cursor_is_422(app, client):
    response = get(client, "/api/v1/interviews?cursor=ikke-en-cursor", token(app))
    assert response.status_code == 422 and problem(response)["status"] == 422


def test_read_one_interview_and_not_another_organisations(app, client):
    secret = token(app)
    mine = booked(app, SOFIE)
    response = get(client, f"/api/v1/interviews/{mine.id}", secret)
    assert response.status_code == 200 and response.get_json()["id"] == mine.id
    assert get(client, f"/api/v1/interviews/{booked(app, JONAS).id}", secret).status_code == 404
    assert get(client, "/api/v1/interviews/999999", secret).status_code == 404


# ---- move, cancel, raise the format, record -------------------------------------------------------------------


def test_move_an_interview_to_another_free_time(app, client):
    secret = token(app)
    mine = booked(app, SOFIE)
    holder = mine.caseworker_ids[0]
    url = f"/api/v1/persons/{person_id(app, SOFIE)}/free-slots?caseworker_id={holder}"
    start = get(client, url, secret).get_json()["items"][0]["start"]
    response = post(client, f"/api/v1/interviews/{mine.id}/move", secret, {"start": start, "caseworker_id": holder})
    assert response.status_code == 200, response.get_json()
    assert datetime.fromisoformat(response.get_json()["start"]) == datetime.fromisoformat(start)
    assert messages(app, SOFIE)[0].kind == "ombooking"


def test_moving_to_a_time_the_caseworker_is_taken_is_409(app, client):
    secret = token(app)
    sofie, lars = booked(app, SOFIE), booked(app, LARS)
    holder = lars.caseworker_ids[0]
    body = {"start": lars.start.isoformat(), "caseworker_id": holder}
    _taken(post(client, f"/api/v1/interviews/{sofie.id}/move", secret, body))


def test_R1_moving_past_the_hand_over_is_refused(app, client):
    secret = token(app)
    mine = booked(app, SOFIE)
    body = {"start": (mine.start + timedelta(days=400)).isoformat(), "caseworker_id": mine.caseworker_ids[0]}
    _refused(post(client, f"/api/v1/interviews/{mine.id}/move", secret, body), "R1")


def test_moving_another_organisations_interview_is_404(app, client):
    jonas = booked(app, JONAS)
    body = {"start": (jonas.start + timedelta(days=1)).isoformat()}
    assert post(client, f"/api/v1/interviews/{jonas.id}/move", token(app), body).status_code == 404


def test_cancel_an_interview_with_the_reason(app, client):
    mine = booked(app, SOFIE)
    response = post(client, f"/api/v1/interviews/{mine.id}/cancel", token(app), {"reason": "Sygdom"})
    assert response.status_code == 200 and response.get_json()["status"] == "aflyst"
    assert "Sygdom" in messages(app, SOFIE)[0].body


def test_cancel_needs_a_reason(app, client):
    mine = booked(app, SOFIE)
    _invalid(post(client, f"/api/v1/interviews/{mine.id}/cancel", token(app), {}), "reason")
    response = post(client, f"/api/v1/interviews/{mine.id}/cancel", token(app), {"reason": "   "})
    assert response.status_code == 422 and "aflyses" in problem(response)["detail"]
    assert booked(app, SOFIE).id == mine.id


def test_cancelling_another_organisations_interview_is_404(app, client):
    jonas = booked(app, JONAS)
    assert post(client, f"/api/v1/interviews/{jonas.id}/cancel", token(app), {"reason": "X"}).status_code == 404


def test_R17_raise_a_phone_interview_to_in_person(app, client):
    mine = booked(app, SOFIE)
    body = {"reason": "Vi skal gennemgå din jobplan sammen."}
    response = post(client, f"/api/v1/interviews/{mine.id}/raise-format", token(app), body)
    assert response.status_code == 200
    raised = response.get_json()
    assert raised["format"] == "personligt_fremmoede" and raised["format_raised"]
    assert raised["format_raised_reason"] == body["reason"]


def test_R17_an_in_person_interview_is_not_raised_again(app, client):
    mine = booked(app, LARS)
    _refused(post(client, f"/api/v1/interviews/{mine.id}/raise-format", token(app), {"reason": "Igen"}), "R17")


def test_R15_the_first_interviews_format_cannot_be_changed(app, client):
    mine = booked(app, JONAS)
    _refused(post(client, f"/api/v1/interviews/{mine.id}/raise-format", token(app, NORD), {"reason": "X"}), "R15")


def test_R1_the_jobcenter_does_not_raise_an_akasse_period_interview(app, client):
    mine = booked(app, SOFIE)
    _refused(post(client, f"/api/v1/interviews/{mine.id}/raise-format", token(app, AARHUS), {"reason": "X"}), "R1")


def test_record_held_with_the_checklist_that_applies(app, client):
    secret = token(app)
    called = _call_in(client, app, secret, name="Oksana Kovalenko").get_json()
    app.config["TODAY"] = (datetime.fromisoformat(called["start"]) + timedelta(days=1)).date().isoformat()
    body = {"outcome": "held", "checklist": {"repatriation_guidance": True, "min_plan": True}, "note": "Gik godt."}
    response = post(client, f"/api/v1/interviews/{called['id']}/record", secret, body)
    assert response.status_code == 200, response.get_json()
    recorded = response.get_json()
    # R13 applies to Oksana (repatriation act); R14's Min Plan only at the first interview, held long ago
    assert recorded["status"] == "afholdt" and recorded["checklist"] == {"repatriation_guidance": True}


def test_record_missed(app, client):
    secret = token(app)
    called = _call_in(client, app, secret).get_json()
    app.config["TODAY"] = (datetime.fromisoformat(called["start"]) + timedelta(days=1)).date().isoformat()
    response = post(client, f"/api/v1/interviews/{called['id']}/record", secret, {"outcome": "missed"})
    assert response.status_code == 200 and response.get_json()["status"] == "udeblevet"


def test_an_interview_in_the_future_is_not_recorded_yet(app, client):
    mine = booked(app, SOFIE)
    response = post(client, f"/api/v1/interviews/{mine.id}/record", token(app), {"outcome": "held"})
    assert response.status_code == 422 and "begyndt" in problem(response)["detail"]


def test_record_with_an_unknown_outcome_or_checklist_item_is_422(app, client):
    mine = booked(app, SOFIE)
    url = f"/api/v1/interviews/{mine.id}/record"
    _invalid(post(client, url, token(app), {"outcome": "maybe"}), "outcome")
    _invalid(post(client, url, token(app), {"outcome": "held", "checklist": {"kaffe": True}}), "checklist")


def test_R1_an_interview_is_recorded_by_the_organisation_holding_it(app, client):
    secret = token(app)
    called = _call_in(client, app, secret).get_json()
    app.config["TODAY"] = (datetime.fromisoformat(called["start"]) + timedelta(days=1)).date().isoformat()
    response = post(client, f"/api/v1/interviews/{called['id']}/record", token(app, AARHUS), {"outcome": "held"})
    _refused(response, "R1")


# ---- revoke and restore self-booking (R23) --------------------------------------------------------------------


def test_R23_revoke_self_booking_is_an_afgoerelse_with_reasons_and_appeal_instructions(app, client):
    body = {"ground": "booket_anderledes", "assessment": "Har booket uden om aftalen tre gange."}
    response = post(client, f"/api/v1/persons/{person_id(app, SOFIE)}/self-booking/revoke", token(app), body)
    assert response.status_code == 201, response.get_json()
    decision = response.get_json()
    assert decision["kind"] == "fratagelse_selvbooking" and decision["is_afgoerelse"]
    assert body["assessment"] in decision["letter"] and "klage" in decision["letter"].lower()
    assert decisions(app, SOFIE)[-1].id == decision["id"]
    assert messages(app, SOFIE)[0].decision_id == decision["id"]


def test_R23_revoking_twice_is_refused(app, client):
    body = {"ground": "booket_anderledes", "assessment": "X"}
    _refused(post(client, f"/api/v1/persons/{person_id(app, LARS)}/self-booking/revoke", token(app), body), "R23")


def test_R1_the_jobcenter_does_not_revoke_in_the_akasse_period(app, client):
    body = {"ground": "booket_anderledes", "assessment": "X"}
    response = post(client, f"/api/v1/persons/{person_id(app, SOFIE)}/self-booking/revoke", token(app, AARHUS), body)
    _refused(response, "R1")


def test_revoke_needs_a_known_ground_and_an_assessment(app, client):
    url = f"/api/v1/persons/{person_id(app, SOFIE)}/self-booking/revoke"
    _invalid(post(client, url, token(app), {"ground": "fordi", "assessment": "X"}), "ground")
    _invalid(post(client, url, token(app), {"ground": "booket_anderledes"}), "assessment")
    assert not [d for d in decisions(app, SOFIE) if d.kind == "fratagelse_selvbooking"]


def test_revoking_another_organisations_persons_right_is_404(app, client):
    body = {"ground": "booket_anderledes", "assessment": "X"}
    assert post(client, f"/api/v1/persons/{person_id(app, JONAS)}/self-booking/revoke", token(app), body).status_code == 404


def test_R23_restore_self_booking(app, client):
    url = f"/api/v1/persons/{person_id(app, LARS)}/self-booking/restore"
    response = post(client, url, token(app), {"assessment": "Aftalt i telefonen."})
    assert response.status_code == 201 and response.get_json()["kind"] == "genoptagelse_selvbooking"
    assert decisions(app, LARS)[-1].kind == "genoptagelse_selvbooking"


def test_R23_restoring_a_right_that_was_not_taken_is_refused(app, client):
    url = f"/api/v1/persons/{person_id(app, SOFIE)}/self-booking/restore"
    _refused(post(client, url, token(app), {"assessment": "X"}), "R23")


# ---- exemption from self-booking (R23) --------------------------------------------------------------------------


def test_R23_exempting_from_self_booking_and_lifting_it_are_recorded_with_their_reason(app, client):
    url = f"/api/v1/persons/{person_id(app, SOFIE)}/self-booking"
    exempt = post(client, f"{url}/exempt", token(app), {"reason": "Har brug for tolk."})
    assert exempt.status_code == 201, exempt.get_json()
    assert exempt.get_json()["kind"] == "fritagelse_selvbooking" and not exempt.get_json()["is_afgoerelse"]
    assert "Har brug for tolk." in exempt.get_json()["letter"]
    lifted = post(client, f"{url}/lift-exemption", token(app), {"reason": "Tolken er ikke længere nødvendig."})
    assert lifted.status_code == 201, lifted.get_json()
    assert [d.kind for d in decisions(app, SOFIE)][-2:] == ["fritagelse_selvbooking", "ophaev_fritagelse_selvbooking"]


def test_R23_an_exemption_needs_a_reason_and_another_organisations_person_is_404(app, client):
    _invalid(post(client, f"/api/v1/persons/{person_id(app, SOFIE)}/self-booking/exempt", token(app), {}), "reason")
    assert not [d for d in decisions(app, SOFIE) if d.kind == "fritagelse_selvbooking"]
    body = {"reason": "Tolk."}
    assert post(client, f"/api/v1/persons/{person_id(app, JONAS)}/self-booking/exempt", token(app), body).status_code == 404
