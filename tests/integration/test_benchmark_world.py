"""The benchmark's generated world (benchmarks/world.py) is one the portal and the rules core work on.

Correctness only, never time: a tiny world (scale 0.001: 150 people in 25 a-kasser and 98 jobcentre) is written
with COPY into a migrated PostgreSQL database; every open course evaluates without error, most people may
self-book, and the pages the benchmark measures answer 200 under the benchmark configuration, which alone has
the floor route and the SQL-count headers (portal/benchmarking.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import make_url

from benchmarks.world import generate
from portal import create_app, today

# One world for the whole module (the tests only read it), built by one xdist worker.
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("benchmark-world")]


@pytest.fixture(scope="module")
def world_url() -> Iterator[str]:
    """A database of its own on the test server, migrated, with the tiny world; dropped after the module."""
    from tests.postgres import scratch_database

    with scratch_database("selvbooking_world") as url:
        generate(url, scale=0.001, seed=3)  # migrates the database first
        yield url


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)) as conn:
        return conn.execute(sql).fetchall()


def test_every_open_course_of_a_generated_world_evaluates(world_url):
    from portal.database import reads
    from scheduling.evaluation import evaluate
    from scheduling.services import queries

    app = create_app("benchmark", {"DATABASE_URL": world_url})
    people = [row[0] for row in _rows(world_url, "SELECT citizen_id FROM courses WHERE ended_on IS NULL")]
    assert len(people) > 50
    may_self_book = 0
    with app.test_request_context():
        for citizen_id in people:
            may_self_book += evaluate(queries.load_course(reads(), citizen_id), today(app)).citizen.may_self_book
    assert may_self_book > len(people) // 2


def test_the_world_has_what_the_issue_asks_for(world_url):
    kinds = dict(_rows(world_url, "SELECT kind, count(*) FROM organisations GROUP BY kind"))
    assert kinds == {"akasse": 25, "jobcenter": 98}
    statuses = {row[0] for row in _rows(world_url, "SELECT DISTINCT status FROM interviews")}
    assert {"afholdt", "udeblevet", "booket"} <= statuses
    pairs = _rows(world_url, "SELECT count(DISTINCT (jobcenter_id, akasse_id)) FROM citizens")[0][0]
    agreed = _rows(world_url, "SELECT count(DISTINCT (jobcenter_id, akasse_id)) FROM agreed_timeslots")[0][0]
    assert agreed == pairs  # a timeslot for every kommune–a-kasse pair in use
    for table in ("working_hours", "absences", "busy_times", "hour_entries", "interview_participants"):
        assert _rows(world_url, f"SELECT count(*) FROM {table}")[0][0] > 0  # nosec B608
    # no caseworker holds two active interviews at one start (the database's own guard held during COPY)
    assert not _rows(world_url, "SELECT caseworker_id, start_at FROM interview_participants WHERE status <> "
                                "'aflyst' GROUP BY 1, 2 HAVING count(*) > 1")


def test_every_generated_interview_has_its_last_change_so_the_api_lists_it(world_url):
    """GET /interviews reads changed_at (migration 0028): a generated interview without it would never be listed."""
    assert _rows(world_url, "SELECT count(*) FROM interviews")[0][0] > 0
    assert not _rows(world_url, "SELECT id FROM interviews WHERE changed_at IS NULL OR changed_at < booked_at")
    assert not _rows(world_url, "SELECT id FROM interviews WHERE status = 'afholdt' AND changed_at <> recorded_at")


def test_R27_a_generated_world_has_every_courses_supervision_milestones(world_url):
    from sqlalchemy import create_engine

    from scheduling.adapters.milestones import COLUMNS, course_facts
    from scheduling.rules.supervision import milestones

    stored = {r[0]: tuple(r[1:]) for r in _rows(world_url, f"SELECT course_id, {', '.join(COLUMNS)} "  # nosec B608
                                                 "FROM course_milestones")}
    engine = create_engine(world_url)
    with engine.connect() as connection:
        courses = course_facts(connection, list(stored))
    engine.dispose()
    assert set(stored) == {r[0] for r in _rows(world_url, "SELECT id FROM courses")}
    assert any(row[0] is not None for row in stored.values())  # some hand-overs are registered
    assert any(row[COLUMNS.index("akasse_held_in_time")] for row in stored.values())  # and interviews held by them
    for course_id, course in courses.items():
        m = milestones(course)
        assert stored[course_id] == tuple(getattr(m, name) for name in COLUMNS)


def test_the_benchmarked_pages_answer_on_a_generated_world(world_url):
    app = create_app("benchmark", {"DATABASE_URL": world_url})
    citizen_id, version = _rows(world_url, "SELECT c.id, c.session_version FROM citizens c JOIN courses k ON "
                                           "k.citizen_id = c.id AND k.ended_on IS NULL ORDER BY c.id LIMIT 1")[0]
    worker_id, token, worker_version = _rows(
        world_url, f"SELECT id, calendar_feed_token, session_version FROM caseworkers WHERE organisation_id = "  # nosec B608
                   f"(SELECT akasse_id FROM citizens WHERE id = {citizen_id}) ORDER BY id LIMIT 1")[0]
    client = app.test_client()
    floor = client.get("/_bench/floor")
    assert floor.status_code == 200 and floor.headers["X-SQL-Statements"] == "0"
    assert client.get("/").status_code == 200
    assert client.get(f"/kalender/feed/{token}.ics").status_code == 200
    with client.session_transaction() as session:
        session["user"] = {"kind": "citizen", "id": citizen_id, "v": version}
        session["seen"] = int(time.time())
        session["booking"] = {"kind": "jobsamtale"}
    page = client.get("/borger/")
    assert page.status_code == 200
    assert int(page.headers["X-SQL-Statements"]) > 0 and int(page.headers["X-SQL-Transactions"]) > 0
    monday = today(app) - timedelta(days=today(app).weekday()) + timedelta(weeks=2)
    assert client.get(f"/borger/book/tid?uge={monday.isoformat()}").status_code in (200, 302)
    with client.session_transaction() as session:
        session["user"] = {"kind": "caseworker", "id": worker_id, "v": worker_version}
        session["seen"] = int(time.time())
    assert client.get("/sagsbehandler/").status_code == 200
    assert client.get(f"/sagsbehandler/borger/{citizen_id}").status_code == 200


def test_the_floor_route_and_sql_headers_exist_only_in_the_benchmark_configuration():
    app = create_app("testing")
    response = app.test_client().get("/_bench/floor")
    assert response.status_code == 404
    assert "X-SQL-Statements" not in response.headers


def test_production_refuses_the_benchmark_switch():
    from portal.config import ProductionConfig

    with pytest.raises(RuntimeError):
        ProductionConfig.validate({"SECRET_KEY": "x" * 40, "BENCHMARK": True, "RATELIMIT_ENABLED": False})
