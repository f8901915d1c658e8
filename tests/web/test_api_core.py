"""The integration API's foundation (issue 16): tokens, problems, the persons' read endpoints."""

from __future__ import annotations

from tests.web.api_helpers import api, api_token

METTE, JONAS = 1, 2  # Mette: a member of A-kassen Fremad (1); Jonas: of the other a-kasse, in Roskilde
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "rule", "basis", "errors"}


def test_a_person_of_the_organisation_is_read_with_a_token(app, client):
    token = api_token(app, "akasse", scope="read")
    response = api(client, "GET", f"/api/v1/persons/{METTE}", token)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["id"] == METTE and body["name"] == "Mette Nørgaard Jensen" and body["akasse_id"] == 1
    assert body["has_open_course"] is True


def test_without_a_token_the_answer_is_401_problem_with_www_authenticate(client):
    response = api(client, "GET", f"/api/v1/persons/{METTE}", None)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert set(response.get_json()) == PROBLEM_KEYS


def test_a_wrong_token_is_401(client):
    response = api(client, "GET", f"/api/v1/persons/{METTE}", "sb_not-a-token-we-made")
    assert response.status_code == 401
    assert response.get_json()["status"] == 401


def test_a_revoked_token_is_401(app, client):
    from portal import now
    from portal.database import unit_of_work
    from scheduling.services import api_tokens

    token = api_token(app, "akasse")
    assert api(client, "GET", f"/api/v1/persons/{METTE}", token).status_code == 200
    with app.app_context():
        admin = 4  # Torben, A-kassen Fremad's administrator
        [view] = [t for t in api_tokens.list_tokens(unit_of_work(app), admin) if t.active]
        api_tokens.revoke_token(unit_of_work(app), now(app), admin, view.id)
    assert api(client, "GET", f"/api/v1/persons/{METTE}", token).status_code == 401


def test_another_organisations_person_is_404_exactly_as_a_forged_id(app, client):
    token = api_token(app, "akasse")
    foreign = api(client, "GET", f"/api/v1/persons/{JONAS}", token)
    forged = api(client, "GET", "/api/v1/persons/999999", token)
    assert foreign.status_code == forged.status_code == 404
    assert foreign.mimetype == "application/problem+json"
    strip = lambda body: {k: v for k, v in body.items() if k != "instance"}  # noqa: E731
    assert strip(foreign.get_json()) == strip(forged.get_json())


def test_the_token_records_its_last_use(app, client):
    from portal.database import unit_of_work
    from scheduling.services import api_tokens

    token = api_token(app, "akasse")
    with app.app_context():
        assert [t.last_used_at for t in api_tokens.list_tokens(unit_of_work(app), 4)] == [None]
    api(client, "GET", f"/api/v1/persons/{METTE}", token)
    with app.app_context():
        assert api_tokens.list_tokens(unit_of_work(app), 4)[0].last_used_at is not None


def test_the_token_is_stored_only_as_its_hash(app):
    from portal.database import session
    from scheduling.adapters.orm import ApiTokenRow

    token = api_token(app, "akasse")
    with app.app_context():
        row = session().query(ApiTokenRow).one()
        assert token.startswith("sb_") and row.token_hash != token and token not in row.token_hash
        assert row.prefix == token[:8]


def test_an_unknown_url_and_method_under_the_api_are_problems(app, client):
    token = api_token(app, "akasse")
    missing = api(client, "GET", "/api/v1/nothing-here", token)
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    wrong_method = api(client, "DELETE", f"/api/v1/persons/{METTE}", token)
    assert wrong_method.status_code == 405 and wrong_method.mimetype == "application/problem+json"
    assert "GET" in wrong_method.headers["Allow"]


def test_a_bad_query_value_is_422_naming_the_field(app, client):
    token = api_token(app, "akasse")
    response = api(client, "GET", "/api/v1/persons?limit=0", token)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.get_json()["errors"]] == ["limit"]


def test_a_number_out_of_range_is_422_saying_the_limit(app, client):
    """The message names the limit pydantic checked (it was "Skriv et tal på højst ." without it)."""
    token = api_token(app, "akasse")
    too_large = api(client, "GET", "/api/v1/persons?limit=201", token).get_json()["errors"]
    assert too_large == [{"field": "limit", "message": "Skriv et tal på højst 200."}]
    too_small = api(client, "GET", "/api/v1/persons?limit=0", token).get_json()["errors"]
    assert too_small == [{"field": "limit", "message": "Skriv et tal på mindst 1."}]
    hours = {"registered_on": "2026-11-25", "period_start": "2026-11-16", "period_end": "2026-11-22", "hours": "10",
             "caseworker_id": 2**31}
    response = api(client, "POST", f"/api/v1/persons/{METTE}/hours", token, json=hours)
    assert response.status_code == 422, response.get_json()
    assert {"field": "caseworker_id", "message": f"Skriv et tal på højst {2**31 - 1}."} in response.get_json()["errors"]


def test_the_openapi_document_is_3_1_with_bearer_security(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    operation = document["paths"]["/api/v1/persons/{person_id}"]["get"]
    assert operation["security"] == [{"bearer": []}]
    assert "application/problem+json" in operation["responses"]["404"]["content"]
