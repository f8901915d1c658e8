"""The integration API's persons' read endpoints, paging and rate limits (issue 16)."""

from __future__ import annotations

import os
import secrets
import shutil

import pytest

from tests.web.api_helpers import api, api_token, organisation_id
from tests.web.helpers import DEMO_TODAY

METTE, JONAS = 1, 2


def test_the_list_holds_only_the_organisations_people_paged_by_cursor(app, client):
    token = api_token(app, "akasse", scope="read")
    seen, url = [], "/api/v1/persons?limit=2"
    while url:
        page = api(client, "GET", url, token)
        assert page.status_code == 200, page.get_data(as_text=True)
        body = page.get_json()
        assert len(body["items"]) <= 2
        seen += [p["id"] for p in body["items"]]
        url = f"/api/v1/persons?limit=2&cursor={body['next_cursor']}" if body["next_cursor"] else None
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert METTE in seen and JONAS not in seen
    assert {1, 3, 4, 6, 10} <= set(seen)  # A-kassen Fremad's members among the demo world's first ten people
    assert set(seen) == _members(app, organisation_id(app, "akasse"))  # and its members in the history (issue 17)


def _members(app, akasse_id: int) -> set[int]:
    from sqlalchemy import select

    from scheduling.adapters.orm import CitizenRow

    with app.extensions["selvbooking_sessions"]() as s:
        return set(s.scalars(select(CitizenRow.id).where(CitizenRow.akasse_id == akasse_id)))


def test_a_forged_cursor_is_422_on_the_cursor_field(app, client):
    token = api_token(app, "akasse")
    first = api(client, "GET", "/api/v1/persons?limit=1", token).get_json()["next_cursor"]
    forged = first[:-3] + ("AAA" if not first.endswith("AAA") else "BBB")
    for cursor in (forged, "eyJhZnRlciI6IDB9", "x"):
        response = api(client, "GET", f"/api/v1/persons?cursor={cursor}", token)
        assert response.status_code == 422, cursor
        assert response.mimetype == "application/problem+json"
        assert [e["field"] for e in response.get_json()["errors"]] == ["cursor"]


def test_changed_since_keeps_only_people_changed_at_or_after_it(app, client):
    token = api_token(app, "akasse")
    everyone = api(client, "GET", "/api/v1/persons", token).get_json()["items"]
    changes = sorted(p["changed_at"] for p in everyone if p["changed_at"])
    latest = changes[-1]
    response = api(client, "GET", f"/api/v1/persons?changed_since={latest.replace('+', '%2B')}", token)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert [p["changed_at"] for p in response.get_json()["items"]] == [latest] * len(response.get_json()["items"])
    assert 0 < len(response.get_json()["items"]) < len(everyone)


def test_changed_since_without_a_time_zone_is_422(app, client):
    token = api_token(app, "akasse")
    response = api(client, "GET", "/api/v1/persons?changed_since=2026-11-01T00:00:00", token)
    assert response.status_code == 422
    assert [e["field"] for e in response.get_json()["errors"]] == ["changed_since"]


def test_the_evaluation_is_the_same_document_as_explain(app, client):
    from portal.database import unit_of_work
    from scheduling.coursejson import evaluation_to_json
    from scheduling.evaluation import evaluate
    from scheduling.services import queries

    token = api_token(app, "akasse", scope="read")
    response = api(client, "GET", f"/api/v1/persons/{METTE}/evaluation?on={DEMO_TODAY}", token)
    assert response.status_code == 200, response.get_data(as_text=True)
    with app.app_context():
        from datetime import date

        expected = evaluation_to_json(evaluate(queries.load_course(unit_of_work(app), METTE), date.fromisoformat(DEMO_TODAY)))
    assert response.get_json() == expected
    assert response.get_json()["responsibility"]["organisation"] == "akasse"


def test_another_organisations_person_has_no_evaluation_messages_or_history(app, client):
    token = api_token(app, "akasse")
    for part in ("evaluation", "messages", "audit"):
        response = api(client, "GET", f"/api/v1/persons/{JONAS}/{part}", token)
        assert response.status_code == 404, part
        assert response.mimetype == "application/problem+json"


def test_the_messages_and_history_of_a_person_are_read(app, client):
    token = api_token(app, "jobcenter", scope="read")  # Jobcenter Aarhus: Lars's (6) revocation decision
    messages = api(client, "GET", "/api/v1/persons/6/messages", token)
    assert messages.status_code == 200, messages.get_data(as_text=True)
    assert messages.get_json()["items"], "Lars has the decision letter in his inbox"
    history = api(client, "GET", "/api/v1/persons/6/audit?limit=1", token)
    assert history.status_code == 200
    body = history.get_json()
    assert len(body["items"]) == 1 and body["next_cursor"]
    second = api(client, "GET", f"/api/v1/persons/6/audit?limit=1&cursor={body['next_cursor']}", token).get_json()
    assert second["items"] != body["items"]


def test_a_person_the_organisation_held_an_interview_with_stays_visible_after_moving(app, client):
    """"Is or was responsible": the jobcenter of another kommune sees a person it held an interview with."""
    from portal.database import session
    from scheduling.adapters.orm import CitizenRow, InterviewRow

    with app.app_context():
        db = session()
        interview = db.query(InterviewRow).filter(InterviewRow.organisation_id == 3).first()
        assert interview is not None
        person = interview.citizen_id
        db.close()
    token = api_token(app, 3)
    assert api(client, "GET", f"/api/v1/persons/{person}", token).status_code == 200
    # the person moves to Roskilde: Aarhus no longer serves them, but held an interview with them
    from sqlalchemy import update

    with app.app_context():
        from portal.database import engine

        with engine().begin() as connection:
            connection.execute(update(CitizenRow).where(CitizenRow.id == person).values(jobcenter_id=4))
    assert api(client, "GET", f"/api/v1/persons/{person}", token).status_code == 200


# ---- rate limits per token ------------------------------------------------------------------------------------


def _limited_app(tmp_path, demo_database, **overrides):
    from portal import create_app

    path = tmp_path / f"{secrets.token_hex(4)}.sqlite3"
    if not path.exists():
        shutil.copyfile(demo_database, path)
    settings = {"DATABASE_URL": f"sqlite:///{path}", "TODAY": DEMO_TODAY, "RATELIMIT_ENABLED": True,
                "RATELIMIT_STORAGE_URI": "memory://", "API_RATE_LIMIT": "3 per minute", **overrides}
    return create_app("testing", settings)


def test_a_token_over_its_rate_limit_gets_a_429_problem_with_retry_after(tmp_path, demo_database):
    app = _limited_app(tmp_path, demo_database)
    client = app.test_client()
    token, other = api_token(app, "akasse"), api_token(app, "akasse", name="Andet system")
    for _ in range(3):
        assert api(client, "GET", f"/api/v1/persons/{METTE}", token).status_code == 200
    limited = api(client, "GET", f"/api/v1/persons/{METTE}", token)
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    assert api(client, "GET", f"/api/v1/persons/{METTE}", other).status_code == 200  # per token, not per address


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("SELVBOOKING_TEST_REDIS_URL")
    if not url:
        pytest.skip("SELVBOOKING_TEST_REDIS_URL is not set")
    return url


def test_two_app_servers_share_a_tokens_limit_on_redis(tmp_path, demo_database, redis_url):
    prefix = f"selvbooking-test-{secrets.token_hex(6)}"
    settings = {"RATELIMIT_STORAGE_URI": redis_url, "RATELIMIT_KEY_PREFIX": prefix}
    first = _limited_app(tmp_path, demo_database, **settings)
    second = _limited_app(tmp_path, demo_database, DATABASE_URL=first.config["DATABASE_URL"], **settings)
    try:
        token = api_token(first, "akasse")
        for server in (first, second, first):
            assert api(server.test_client(), "GET", f"/api/v1/persons/{METTE}", token).status_code == 200
        assert api(second.test_client(), "GET", f"/api/v1/persons/{METTE}", token).status_code == 429
    finally:
        import redis

        connection = redis.Redis.from_url(redis_url)
        keys = list(connection.scan_iter(f"*{prefix}*"))
        if keys:
            connection.delete(*keys)
