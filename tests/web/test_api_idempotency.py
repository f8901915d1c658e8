"""Idempotency-Key (issue 16): the same change sent twice is made once; the same key with another body is 422.

The API's own write endpoints belong to the other areas; here a small write view on the test app, decorated as
theirs are, makes a real thing through a service (an API token, made by the administrator), so each test can
count what was made."""

from __future__ import annotations

import pytest

from tests.web.api_helpers import api, api_token

TORBEN, BIRGITTE = 4, 1
URL = "/api/v1/_test/tokens"


@pytest.fixture
def made(app):
    """A write endpoint on the test app that makes a token named after the body's "name"; returns the list of
    names made, in order."""
    from flask import jsonify, request

    from portal import now
    from portal.api.auth import token_required
    from portal.api.idempotency import idempotent
    from portal.api.problems import as_problem
    from portal.database import unit_of_work
    from scheduling.services import api_tokens

    names: list[str] = []
    died: list[str] = []

    @token_required("write")
    @idempotent
    def make():
        name = (request.get_json(silent=True) or {}).get("name", "")
        if name == "dies once" and "dies once" not in died:
            died.append(name)
            raise SystemExit(1)  # the process dies mid-way: no answer stored, the claim not released
        token_id, _secret = api_tokens.create_token(unit_of_work(), now(), TORBEN, name, "read", BIRGITTE)
        names.append(name)
        return jsonify(id=token_id), 201, {"Location": f"/tokens/{token_id}"}

    from portal.extensions import csrf

    app.add_url_rule(URL, "test_make_token", csrf.exempt(make), methods=["POST"])
    app.register_error_handler(Exception, lambda error: as_problem(error) or ("fejl", 500))
    return names


def test_the_same_post_twice_makes_one_thing_and_replays_the_first_answer(app, client, made):
    token = api_token(app, "akasse")
    headers = {"Idempotency-Key": "abc-123"}
    first = api(client, "POST", URL, token, json={"name": "Et"}, headers=headers)
    second = api(client, "POST", URL, token, json={"name": "Et"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert made == ["Et"]


def test_the_same_key_with_another_body_is_422(app, client, made):
    token = api_token(app, "akasse")
    headers = {"Idempotency-Key": "abc-123"}
    assert api(client, "POST", URL, token, json={"name": "Et"}, headers=headers).status_code == 201
    other = api(client, "POST", URL, token, json={"name": "To"}, headers=headers)
    assert other.status_code == 422
    assert other.mimetype == "application/problem+json"
    assert [e["field"] for e in other.get_json()["errors"]] == ["Idempotency-Key"]
    assert made == ["Et"]


def test_the_same_key_with_another_query_string_is_422(app, client, made):
    """A DELETE takes its input from the query string (the acting caseworker): another query is another request."""
    token = api_token(app, "akasse")
    headers = {"Idempotency-Key": "abc-123"}
    assert api(client, "POST", f"{URL}?caseworker_id=1", token, json={"name": "Et"}, headers=headers).status_code == 201
    other = api(client, "POST", f"{URL}?caseworker_id=2", token, json={"name": "Et"}, headers=headers)
    assert other.status_code == 422
    assert made == ["Et"]


def test_keys_are_per_token_and_requests_without_a_key_run_each_time(app, client, made):
    first, second = api_token(app, "akasse"), api_token(app, "akasse")
    headers = {"Idempotency-Key": "same"}
    api(client, "POST", URL, first, json={"name": "Et"}, headers=headers)
    api(client, "POST", URL, second, json={"name": "Et"}, headers=headers)
    api(client, "POST", URL, first, json={"name": "To"})
    api(client, "POST", URL, first, json={"name": "To"})
    assert made == ["Et", "Et", "To", "To"]


def test_a_refusal_is_replayed_too(app, client, made):
    token = api_token(app, "akasse")
    headers = {"Idempotency-Key": "blank"}
    first = api(client, "POST", URL, token, json={"name": " "}, headers=headers)
    second = api(client, "POST", URL, token, json={"name": " "}, headers=headers)
    assert first.status_code == second.status_code == 422
    assert first.get_json() == second.get_json() and first.get_json()["errors"][0]["field"] == "name"
    assert second.headers["Idempotent-Replayed"] == "true"


def test_a_read_token_may_not_write(app, client, made):
    token = api_token(app, "akasse", scope="read")
    response = api(client, "POST", URL, token, json={"name": "Et"}, headers={"Idempotency-Key": "k"})
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert made == []


def test_a_key_that_is_too_long_is_422(app, client, made):
    token = api_token(app, "akasse")
    response = api(client, "POST", URL, token, json={"name": "Et"}, headers={"Idempotency-Key": "k" * 201})
    assert response.status_code == 422
    assert made == []


def test_a_key_left_claimed_by_a_process_that_died_runs_again_once_the_claim_is_abandoned(app, client, made):
    """Until API_IDEMPOTENCY_ABANDONED_SECONDS have passed, a retry is 409 "behandles allerede"; after, it runs."""
    token = api_token(app, "akasse")
    headers = {"Idempotency-Key": "died"}
    with pytest.raises(SystemExit):
        api(client, "POST", URL, token, json={"name": "dies once"}, headers=headers)
    app.config["API_IDEMPOTENCY_ABANDONED_SECONDS"] = 120
    app.config["TIME_OF_DAY"] = "12:01"  # a minute after the claim (the tests' clock stands at 12:00)
    busy = api(client, "POST", URL, token, json={"name": "dies once"}, headers=headers)
    assert busy.status_code == 409 and busy.mimetype == "application/problem+json" and made == []
    app.config["TIME_OF_DAY"] = "12:03"
    retried = api(client, "POST", URL, token, json={"name": "dies once"}, headers=headers)
    assert retried.status_code == 201 and made == ["dies once"]
    replayed = api(client, "POST", URL, token, json={"name": "dies once"}, headers=headers)
    assert replayed.headers["Idempotent-Replayed"] == "true" and made == ["dies once"]
