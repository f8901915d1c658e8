"""Security headers on every response (issue 9, "Headers, logs, personal data"): every route in the URL map, as
anonymous, citizen and caseworker, GET and POST (also when the answer is 400/403/404/405), and the error pages."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.web.caseworker_helpers import as_caseworker, citizen_id, html
from tests.web.helpers import log_in_as

CITIZEN = "Sofie Lund Andersen"
CASEWORKER = "Birgitte Holm"  # Sofie's a-kasse

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "an on…= handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def demo_arguments(app) -> dict[str, object]:
    """Plausible values for every URL argument: Sofie's own things where she has them (so pages render)."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import (
        AbsenceRow,
        AgreedTimeslotRow,
        CaseworkerRow,
        CitizenRow,
        DecisionRow,
        ExemptionRow,
        InterviewRow,
        MessageRow,
        OrganisationClosureRow,
    )

    sofie = citizen_id(app, CITIZEN)
    with app.app_context(), unit_of_work() as uow:
        first = lambda column, *where: uow.session.scalar(select(column).where(*where).limit(1)) or 1  # noqa: E731
        return {
            "citizen_id": sofie,
            "person_id": sofie,  # the integration API's name for her (/api/v1/persons/<id>)
            "token_id": 1,  # an API token (/sagsbehandler/api-noegler/<id>)
            "subscription_id": 1,  # a webhook subscription (/sagsbehandler/webhooks/<id>)
            "organisation_id": first(CaseworkerRow.organisation_id, CaseworkerRow.name == CASEWORKER),
            "month": "2026-10",
            "interview_id": first(InterviewRow.id, InterviewRow.citizen_id == sofie),
            "message_id": first(MessageRow.id, MessageRow.citizen_id == sofie),
            "token": uow.session.scalar(select(CitizenRow.calendar_feed_token).where(CitizenRow.id == sofie)),
            "exemption_id": first(ExemptionRow.id),
            "decision_id": first(DecisionRow.id),
            "timeslot_id": first(AgreedTimeslotRow.id),
            "absence_id": first(AbsenceRow.id),
            "closure_id": first(OrganisationClosureRow.id),
            "caseworker_id": first(CaseworkerRow.id, CaseworkerRow.name == CASEWORKER),
            "change": "spaer",
            "code": "da",
            "filename": "selvbooking.css",
            "name": "notice-ingen",  # a development mail (/udvikling/mails/<name>)
            "section": "samtaler",  # a section of the API's documentation (/api/v1/docs/<section>)
        }


def every_request(app):
    """(method, path, endpoint) for every rule and method in the URL map, plus a GET on each POST-only rule (405)."""
    values = demo_arguments(app)
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            missing = set(rule.arguments) - set(values)
            assert not missing, f"teach demo_arguments a value for {missing} ({rule.rule})"
            arguments = {name: values[name] for name in rule.arguments}
            if rule.endpoint.endswith("set_leader"):  # /brugere/<id>/<any(ledelse, 'ikke-ledelse'):change>
                arguments["change"] = "ledelse"
            path = url_for(rule.endpoint, **arguments)
            methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
            if methods == ["POST"]:
                methods.append("GET")
            for method in methods:
                yield method, path, rule.endpoint


def assert_secure(response, label: str, endpoint: str | None) -> None:
    headers = response.headers
    policy = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in headers.get("Content-Security-Policy", "").split(";")
    )
    for name, value in DIRECTIVES.items():
        assert policy.get(name) == value, f"{label}: CSP {name} is {policy.get(name)!r}"
    assert "unsafe" not in headers["Content-Security-Policy"], label
    assert headers.get("X-Content-Type-Options") == "nosniff", label
    assert headers.get("X-Frame-Options") == "DENY", label
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer"), label
    assert "camera=()" in headers.get("Permissions-Policy", ""), label
    assert "Strict-Transport-Security" not in headers, f"{label}: HSTS outside production"
    cache = headers.get("Cache-Control", "")
    if endpoint == "static" and response.status_code == 200:
        assert "no-store" not in cache, f"{label}: public static files may be cached"
    elif endpoint == "calendar.feed" and response.status_code in (200, 304):
        assert cache == "private, no-cache", f"{label}: the feed revalidates with its ETag, no shared cache"
    else:
        assert "no-store" in cache, f"{label}: Cache-Control is {cache!r}"
    if response.mimetype == "text/html":
        page = html(response)
        for pattern, what in INLINE:
            found = pattern.search(page)
            assert found is None, f"{label}: {what} breaks the CSP: {found.group(0)[:120]}"


def walk(client, app, who: str) -> set[int]:
    statuses = set()
    for method, path, endpoint in every_request(app):
        response = client.open(path, method=method)
        statuses.add(response.status_code)
        assert response.status_code < 500, f"{who} {method} {path}: {response.status_code}"
        assert_secure(response, f"{who} {method} {path} ({response.status_code})", endpoint)
    return statuses


def test_every_route_has_the_security_headers_for_anonymous(app, client):
    statuses = walk(client, app, "anonymous")
    assert {200, 302, 400, 405} <= statuses  # pages, log-in redirects, CSRF refusals, wrong method


def test_every_route_has_the_security_headers_for_a_citizen(app, client):
    log_in_as(client, "citizen", citizen_id(app, CITIZEN))
    statuses = walk(client, app, "citizen")
    assert {200, 400, 403} <= statuses


def test_every_route_has_the_security_headers_for_a_caseworker(app, client):
    as_caseworker(client, app, CASEWORKER)
    statuses = walk(client, app, "caseworker")
    assert {200, 400, 403} <= statuses


def test_not_found_and_csrf_error_pages_have_the_headers(app, client):
    as_caseworker(client, app, CASEWORKER)
    missing = client.get("/findes-ikke")
    assert missing.status_code == 404
    assert_secure(missing, "404", None)
    missing_static = client.get("/static/findes-ikke.css")
    assert missing_static.status_code == 404
    assert_secure(missing_static, "static 404", "static")
    refused = client.post("/sagsbehandler/indstillinger", data={"csrf_token": "forged"})
    assert refused.status_code == 400 and "Siden er udløbet" in html(refused)
    assert_secure(refused, "CSRF 400", None)


def test_server_error_page_has_the_headers(tmp_path, demo_database):
    from portal import create_app

    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite3'}", "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert_secure(response, "500", None)
    app.extensions["selvbooking_engine"].dispose()


def test_interview_ics_download_is_not_stored(app, client):
    log_in_as(client, "citizen", citizen_id(app, CITIZEN))
    response = client.get(f"/kalender/samtale/{demo_arguments(app)['interview_id']}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "no-store" in response.headers["Cache-Control"]


def test_feed_keeps_its_etag_revalidation_and_no_shared_cache(app, client):
    path = f"/kalender/feed/{demo_arguments(app)['token']}.ics"
    first = client.get(path)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "private, no-cache"
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in again.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("environment", "hsts"), [("production", "max-age=31536000"), ("testing", None), ("development", None)]
)
def test_hsts_only_in_production(tmp_path, environment, hsts):
    from portal import create_app

    overrides = {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}", "SECRET_KEY": "a-real-secret", "RATELIMIT_STORAGE_URI": "memory://"}
    if environment == "development":
        overrides["SEED_DEMO"] = False
    app = create_app(environment, overrides)
    response = app.test_client().get("/tilgaengelighed")
    assert response.status_code == 200
    assert response.headers.get("Strict-Transport-Security") == hsts
    app.extensions["selvbooking_engine"].dispose()


def test_form_action_admits_the_identity_provider_when_oidc_is_configured():
    from portal.security import content_security_policy

    policy = content_security_policy("https://login.example.dk/.well-known/openid-configuration")
    assert "form-action 'self' https://login.example.dk;" in policy
    assert "form-action 'self';" in content_security_policy(None)
