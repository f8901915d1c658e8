"""Running it for real (issue 9): request ids, one JSON log line per request without the feed token, health and
readiness endpoints, and X-Forwarded-* headers trusted for exactly the configured number of proxies."""

from __future__ import annotations

import json
import logging
import os

import pytest

from portal import create_app
from scheduling.adapters.orm import CitizenRow
from scheduling.demo import SOFIE
from tests.web.calendar_helpers import citizen_id, feed_path


def _request_lines(caplog) -> list[dict]:
    """The request log's JSON lines, as the handler would write them."""
    from portal.observability import JsonFormatter

    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "portal.request"]


# ---- request ids ------------------------------------------------------------------------------------------------


def test_a_sane_incoming_request_id_is_kept_and_echoed(client):
    response = client.get("/", headers={"X-Request-ID": "proxy-4f2a9c1e-77"})
    assert response.headers["X-Request-ID"] == "proxy-4f2a9c1e-77"


@pytest.mark.parametrize("incoming", ["", "short", "a" * 65, "bad id with spaces", "<script>alert(1)</script>", "x\u00e6" * 8])
def test_an_insane_or_missing_request_id_is_replaced_by_a_new_one(client, incoming):
    response = client.get("/", headers={"X-Request-ID": incoming} if incoming else {})
    generated = response.headers["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and generated.isalnum()


def test_each_request_gets_its_own_id(client):
    assert client.get("/").headers["X-Request-ID"] != client.get("/").headers["X-Request-ID"]


# ---- the request log --------------------------------------------------------------------------------------------


def test_one_json_line_per_request_with_method_route_status_duration_and_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    response = client.get("/borger/beskeder/98765", headers={"X-Request-ID": "req-abcdefghij"})
    (line,) = _request_lines(caplog)
    assert line["method"] == "GET"
    assert line["route"] == "/borger/beskeder/<int:message_id>"
    assert line["status"] == response.status_code == 302
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == "req-abcdefghij"
    assert "98765" not in json.dumps(line)


def test_an_unknown_path_is_logged_without_its_path(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    assert client.get("/ingen/side/cpr-0101011234").status_code == 404
    (line,) = _request_lines(caplog)
    assert line["route"] == "-" and line["status"] == 404
    assert "0101011234" not in caplog.text


def test_the_feed_token_never_reaches_the_app_log(app, client, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    path = feed_path(app, CitizenRow, citizen_id(app, SOFIE))
    token = path.removeprefix("/kalender/feed/").removesuffix(".ics")
    assert client.get(path).status_code == 200
    assert client.get(path.replace(token, token[:-1] + "x")).status_code == 404
    (hit, miss) = _request_lines(caplog)
    assert hit["route"] == miss["route"] == "/kalender/feed/<token>.ics"
    captured = capsys.readouterr()
    everything = caplog.text + captured.err + captured.out
    assert '"route": "/kalender/feed/<token>.ics"' in captured.err  # the JSON handler wrote the lines
    assert token not in everything and token[:-1] not in everything


def test_a_500_page_shows_the_request_id_and_the_log_has_the_traceback(app, caplog, capsys):
    caplog.set_level(logging.INFO)

    @app.get("/_boom")
    def boom():
        raise RuntimeError("kaboom")

    response = app.test_client().get("/_boom", headers={"X-Request-ID": "citizen-calls-123"})
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Intet er gemt" in html and "citizen-calls-123" in html
    err = capsys.readouterr().err
    error_line = next(json.loads(line) for line in err.splitlines() if '"Unhandled error"' in line)
    assert error_line["request_id"] == "citizen-calls-123" and error_line["level"] == "ERROR"
    assert "RuntimeError: kaboom" in error_line["traceback"]


def test_a_404_page_shows_no_request_id(client):
    response = client.get("/ingen-side", headers={"X-Request-ID": "req-0123456789"})
    assert "req-0123456789" not in response.get_data(as_text=True)


# ---- /healthz and /readyz ---------------------------------------------------------------------------------------


def test_healthz_answers_ok_when_the_database_answers_without_a_session_or_personal_data(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_needs_no_log_in_and_no_csrf_token_even_when_logged_in(client):
    from tests.web.helpers import log_in_as

    log_in_as(client, "citizen", 1)
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_the_database_is_down():
    app = create_app("testing", {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "checks": {"database": "unavailable"}}
    assert "nobody" not in response.get_data(as_text=True)


def test_readyz_is_ok_at_the_newest_migration_without_redis(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"] == {"database": "ok", "migrations": "ok", "redis": "not configured"}


def test_readyz_is_503_while_the_database_is_behind_the_newest_migration(tmp_path):
    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}", "AUTO_UPGRADE": False})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["migrations"] == "behind"
    app.extensions["selvbooking_engine"].dispose()


def test_readyz_stays_ready_but_degraded_when_the_configured_redis_does_not_answer(app):
    # The log-in limits then count per process; no app server is taken out of the load balancer for it.
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    response = app.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.json == {
        "status": "degraded",
        "checks": {"database": "ok", "migrations": "ok", "redis": "degraded"},
    }


def test_readyz_checks_the_configured_redis(app):
    url = os.environ.get("SELVBOOKING_TEST_REDIS_URL")
    if not url:
        pytest.skip("SELVBOOKING_TEST_REDIS_URL is not set")
    app.config["REDIS_URL"] = url
    response = app.test_client().get("/readyz")
    assert response.json["checks"]["redis"] == "ok", "SELVBOOKING_TEST_REDIS_URL is set but Redis does not answer"
    assert response.status_code == 200


# ---- one reverse proxy ------------------------------------------------------------------------------------------

FORWARDED = {"X-Forwarded-For": "6.6.6.6, 203.0.113.7", "X-Forwarded-Proto": "http, https", "X-Forwarded-Host": "evil.example, selvbooking.example.dk"}


def _probe(app):
    from flask import request

    @app.get("/_probe")
    def probe():
        return {"addr": request.remote_addr, "scheme": request.scheme, "host": request.host}

    return app.test_client().get("/_probe", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.2"}).json


def test_production_trusts_exactly_one_proxy(tmp_path, monkeypatch):
    app = create_app("production", {"SECRET_KEY": "s" * 32, "RATELIMIT_STORAGE_URI": "memory://", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert app.config["PROXIES"] == 1
    # the values our proxy appended, not the ones a client wrote in front of them
    assert _probe(app) == {"addr": "203.0.113.7", "scheme": "https", "host": "selvbooking.example.dk"}
    app.extensions["selvbooking_engine"].dispose()


def test_the_number_of_proxies_is_configurable(tmp_path):
    app = create_app("production", {"SECRET_KEY": "s" * 32, "RATELIMIT_STORAGE_URI": "memory://", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}", "PROXIES": 2})
    assert _probe(app) == {"addr": "6.6.6.6", "scheme": "http", "host": "evil.example"}
    app.extensions["selvbooking_engine"].dispose()


def test_development_and_testing_trust_no_forwarded_headers(app):
    assert _probe(app) == {"addr": "10.0.0.2", "scheme": "http", "host": "localhost"}


# ---- a booking the database broke off twice ---------------------------------------------------------------------


def test_a_booking_broken_off_twice_is_a_danish_try_again_page_with_nothing_saved(app, client, monkeypatch):
    import psycopg.errors
    from sqlalchemy.exc import OperationalError

    from scheduling import demo
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
    from tests.web.booking_helpers import (
        as_citizen,
        booking_token,
        choose_format,
        choose_kind,
        choose_slot,
        confirm,
        interviews_of,
        offered_slots,
    )

    person = as_citizen(app, client, demo.SOFIE)
    before = len(interviews_of(app, person))
    assert choose_kind(client, "jobsamtale").status_code == 302
    assert choose_slot(client, offered_slots(client)[0]).status_code == 302
    assert choose_format(client, "telefonisk").status_code == 302
    ticket = booking_token(client)

    def deadlocked(uow):
        raise OperationalError("COMMIT", {}, psycopg.errors.DeadlockDetected("deadlock detected"))

    monkeypatch.setattr(SqlAlchemyUnitOfWork, "commit", deadlocked)
    response = confirm(client, ticket)
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "Prøv igen" in html and "Intet er gemt" in html
    assert response.headers["X-Request-ID"] in html
    assert len(interviews_of(app, person)) == before
    monkeypatch.undo()
    assert confirm(client, ticket).status_code == 302  # the same answers, sent again, book
    assert len(interviews_of(app, person)) == before + 1


def test_database_errors_in_the_log_never_carry_the_statements_values():
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from scheduling.adapters.db import make_engine

    engine = make_engine("sqlite://")
    with pytest.raises(DBAPIError) as failed, engine.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table WHERE cpr = :cpr"), {"cpr": "0101011234"})
    assert "0101011234" not in str(failed.value)
    engine.dispose()


def test_the_development_server_logs_requests_without_their_path(app, tmp_path):
    """`make run` serves with werkzeug, whose request line would carry the feed token."""
    import threading

    import requests
    from werkzeug.serving import make_server

    path = feed_path(app, CitizenRow, citizen_id(app, SOFIE))
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    keep = Keep()
    logging.getLogger("werkzeug").addHandler(keep)
    logging.getLogger("werkzeug").setLevel(logging.INFO)
    server = make_server("127.0.0.1", 0, app, threaded=True)  # port 0: a free port, taken as it is chosen
    port = server.port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert requests.get(f"http://127.0.0.1:{port}{path}", timeout=30).status_code == 200
    finally:
        server.shutdown()
        logging.getLogger("werkzeug").removeHandler(keep)
    lines = [r for r in records if "HTTP/1.1" in r]
    assert lines and all('"GET - HTTP/1.1" 200' in line for line in lines), lines
    assert not any("/kalender/feed/" in r for r in records)
