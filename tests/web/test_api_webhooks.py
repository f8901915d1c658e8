"""Webhook subscriptions through the integration API (issue 16), as on the administrator's page "Webhooks": only an
acting administrator subscribes, tests or deactivates; a URL must be https and lead to the public internet.

Demo day 2026-11-25. A-kassen Fremad's administrator is Torben Vestergaard; ``token()`` acts as Birgitte Holm, who
is not one.
"""

from __future__ import annotations

from tests.web.api_helpers import api_token
from tests.web.api_interview_helpers import AARHUS, FREMAD, get, organisation, post, problem, token

WEBHOOKS = "/api/v1/webhooks"
HOOK = {"url": "https://sag.fremad.example.dk/selvbooking", "events": ["interview.booked", "interview.cancelled"]}


def _admin(app, name: str = FREMAD, scope: str = "write") -> str:
    return api_token(app, organisation=organisation(app, name), scope=scope)


def _invalid(response, field: str) -> dict:
    assert response.status_code == 422, response.get_json()
    body = problem(response)
    assert field in [e["field"].split(".")[0] for e in body["errors"]], body
    return body


def test_an_administrator_subscribes_sees_the_secret_once_pings_and_deactivates(app, client):
    secret = _admin(app)
    created = post(client, WEBHOOKS, secret, HOOK)
    assert created.status_code == 201, created.get_json()
    subscription = created.get_json()
    assert subscription["secret"].startswith("whsec_") and created.headers["Cache-Control"] == "no-store"
    listed = get(client, WEBHOOKS, secret).get_json()["items"]
    assert [(w["id"], w["url"], w["active"]) for w in listed] == [(subscription["id"], HOOK["url"], True)]
    assert "secret" not in listed[0]
    assert post(client, f"{WEBHOOKS}/{subscription['id']}/ping", secret).status_code == 202
    stopped = post(client, f"{WEBHOOKS}/{subscription['id']}/deactivate", secret)
    assert stopped.status_code == 200 and stopped.get_json()["active"] is False, stopped.get_json()
    assert post(client, f"{WEBHOOKS}/{subscription['id']}/ping", secret).status_code == 404


def test_a_url_that_is_not_https_or_leads_to_an_internal_network_is_422_on_url_and_nothing_is_written(app, client):
    secret = _admin(app)
    body = _invalid(post(client, WEBHOOKS, secret, {**HOOK, "url": "https://169.254.169.254/latest/meta-data"}), "url")
    assert "internt netværk" in body["detail"]
    _invalid(post(client, WEBHOOKS, secret, {**HOOK, "url": "https://10.0.0.7/hook"}), "url")
    _invalid(post(client, WEBHOOKS, secret, {**HOOK, "url": "http://sag.fremad.example.dk/hook"}), "url")
    _invalid(post(client, WEBHOOKS, secret, {**HOOK, "events": []}), "events")
    _invalid(post(client, WEBHOOKS, secret, {**HOOK, "events": ["ping"]}), "events")
    assert get(client, WEBHOOKS, secret).get_json()["items"] == []


def test_only_an_administrator_with_a_write_token_may_and_only_their_own(app, client):
    response = post(client, WEBHOOKS, token(app), HOOK)  # acts as Birgitte
    assert response.status_code == 403 and "administratorer" in problem(response)["detail"]
    assert get(client, WEBHOOKS, token(app)).status_code == 403
    assert post(client, WEBHOOKS, _admin(app, scope="read"), HOOK).status_code == 403
    assert post(client, WEBHOOKS, None, HOOK).status_code == 401
    theirs = post(client, WEBHOOKS, _admin(app), HOOK).get_json()["id"]
    assert post(client, f"{WEBHOOKS}/{theirs}/deactivate", _admin(app, AARHUS)).status_code == 404
    assert get(client, WEBHOOKS, _admin(app, AARHUS)).get_json()["items"] == []
