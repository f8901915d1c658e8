"""Several app servers (issue 9): two gunicorn servers on two ports against one PostgreSQL, 50 people racing
through both for one slot. As many win as there are free caseworkers at that start, every other person gets the
Danish 409 page, no 5xx, and afterwards nobody is in two interviews at once and nothing is lost or half-written.

Nothing a request needs lives in one process: each person prepares the booking (log-in, kind, time, format, the
check page's one-time token) on one server and sends the final POST to the other one.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text

from scheduling.adapters.db import session_factory
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import InterviewKind
from scheduling.services import booking
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world
from tests.servers import gunicorn_server

pytestmark = pytest.mark.postgres

PEOPLE = 50
CASEWORKERS = 3
WEEK = (SLOT_DAY.fromordinal(SLOT_DAY.toordinal() - SLOT_DAY.weekday())).isoformat()
TIMEOUT = 60


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, html[:300]
    return match.group(1)


class Person:
    """One browser: a requests.Session logged in as a citizen, preparing on one server, confirming on another."""

    def __init__(self, citizen_id: int, prepare_on: str, confirm_on: str) -> None:
        self.citizen_id = citizen_id
        self.prepare_on = prepare_on
        self.confirm_on = confirm_on
        self.http = requests.Session()
        self.csrf = ""
        self.ticket = ""

    def _post(self, path: str, **data: str) -> requests.Response:
        response = self.http.post(
            f"{self.prepare_on}{path}", data={"csrf_token": self.csrf, **data}, allow_redirects=False, timeout=TIMEOUT
        )
        assert response.status_code == 302, (path, response.status_code, response.text[:500])
        return response

    def prepare(self) -> None:
        self.csrf = _csrf(self.http.get(f"{self.prepare_on}/log-ind/", timeout=TIMEOUT).text)
        self._post("/log-ind/demo", who=f"citizen:{self.citizen_id}")
        self.csrf = _csrf(self.http.get(f"{self.prepare_on}/borger/book", timeout=TIMEOUT).text)
        self._post("/borger/book", kind=InterviewKind.JOBSAMTALE.value)
        self._post(f"/borger/book/tid?uge={WEEK}", start=SLOT.isoformat())
        self._post("/borger/book/samtaleform", format="telefonisk")
        check = self.http.get(f"{self.prepare_on}/borger/book/tjek", timeout=TIMEOUT)
        self.ticket = re.search(r'name="token" type="hidden" value="([^"]+)"', check.text).group(1)

    def confirm(self) -> requests.Response:
        return self.http.post(
            f"{self.confirm_on}/borger/book/tjek", data={"csrf_token": self.csrf, "token": self.ticket},
            allow_redirects=False, timeout=TIMEOUT,
        )


# Anyone in two active interviews at overlapping times, as a caseworker or as a person: must be empty.
OVERLAPS = """
SELECT 'caseworker', a.caseworker_id FROM interview_participants a JOIN interview_participants b
  ON a.caseworker_id = b.caseworker_id AND a.interview_id < b.interview_id AND a.start_at < b.end_at AND b.start_at < a.end_at
 WHERE a.status <> 'aflyst' AND b.status <> 'aflyst'
UNION ALL
SELECT 'citizen', a.citizen_id FROM interviews a JOIN interviews b
  ON a.citizen_id = b.citizen_id AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at
 WHERE a.status <> 'aflyst' AND b.status <> 'aflyst'
"""


def test_fifty_people_racing_through_two_servers_for_one_slot(postgres_engine, postgres_url, tmp_path):
    factory = session_factory(postgres_engine)
    world = a_world(lambda: SqlAlchemyUnitOfWork(factory), citizens=PEOPLE, akasse_caseworkers=CASEWORKERS)
    (offered,) = [
        s for s in booking.find_free_slots(
            SqlAlchemyUnitOfWork(factory, read_only=True), world.citizens[0], InterviewKind.JOBSAMTALE,
            SLOT_DAY, SLOT_DAY, NOW,
        ) if s.start == SLOT
    ]
    free_caseworkers = len(offered.caseworker_ids)
    assert free_caseworkers == CASEWORKERS

    spec = f"portal:create_app('testing', {{'DATABASE_URL': '{postgres_url}', 'TODAY': '{NOW.date().isoformat()}'}})"
    servers = {"WEB_CONCURRENCY": "2", "SELVBOOKING_THREADS": "4"}
    with (
        gunicorn_server(spec, tmp_path / "a.log", **servers) as a,
        gunicorn_server(spec, tmp_path / "b.log", **servers) as b,
    ):
        people = [
            Person(c, *((a, b) if i % 2 else (b, a))) for i, c in enumerate(world.citizens)
        ]
        with ThreadPoolExecutor(max_workers=10) as pool:
            list(pool.map(Person.prepare, people))

        barrier = threading.Barrier(PEOPLE)

        def race(person: Person) -> requests.Response:
            barrier.wait(timeout=TIMEOUT)
            return person.confirm()

        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            answers = list(pool.map(race, people))

    statuses = Counter(r.status_code for r in answers)
    assert statuses == {302: free_caseworkers, 409: PEOPLE - free_caseworkers}, statuses
    for answer in answers:
        if answer.status_code == 302:
            assert "/borger/book/kvittering/" in answer.headers["Location"]
        else:
            assert "Tiden er netop blevet booket af en anden" in answer.text
            assert answer.headers["X-Request-ID"]

    with postgres_engine.connect() as connection:
        assert connection.execute(text(OVERLAPS)).all() == []
        booked = connection.execute(
            text("SELECT id, citizen_id FROM interviews WHERE start_at = :slot AND status <> 'aflyst'"), {"slot": SLOT}
        ).all()
        assert len(booked) == free_caseworkers
        ids = [row.id for row in booked]
        workers = connection.scalars(
            text("SELECT caseworker_id FROM interview_participants WHERE start_at = :slot AND status <> 'aflyst'"),
            {"slot": SLOT},
        ).all()
        assert sorted(workers) == sorted(world.akasse_caseworkers)  # one interview each, all three used
        # nothing lost or half-written: one letter and one audit line per booking, none for anyone else
        letters = connection.execute(text("SELECT interview_id FROM messages WHERE kind = 'booking'")).scalars().all()
        audits = connection.execute(text("SELECT object_id FROM audit_log WHERE action = 'self_book'")).scalars().all()
        assert sorted(letters) == sorted(ids)
        assert sorted(int(e) for e in audits) == sorted(ids)
