"""Faults (issue 9): PostgreSQL killing the app's connections, mid-booking and under load.

A request whose connection is killed gets a Danish error page that says nothing was saved and shows the
request id (503); nothing it began is half-written; and the next request succeeds, because the engine refuses a
pooled connection whose socket the server has closed (no ``SELECT 1`` round trip per request, issue 11) and
replaces it, and a disconnect error drops the pool's older connections.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import make_url

from portal import create_app
from scheduling.adapters.db import session_factory
from scheduling.adapters.orm import AuditRow, InterviewRow, MessageRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import InterviewKind
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world

pytestmark = pytest.mark.postgres

WEEK = SLOT_DAY.fromordinal(SLOT_DAY.toordinal() - SLOT_DAY.weekday()).isoformat()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def _app(postgres_url: str, name: str):
    url = make_url(postgres_url).update_query_dict({"application_name": name}).render_as_string(hide_password=False)
    return create_app("testing", {"DATABASE_URL": url, "TODAY": NOW.date().isoformat()})


def _logged_in(app, citizen_id: int):
    client = app.test_client()
    token = _csrf(client.get("/log-ind/").get_data(as_text=True))
    assert client.post("/log-ind/demo", data={"csrf_token": token, "who": f"citizen:{citizen_id}"}).status_code == 302
    return client


def _prepared_booking(app, citizen_id: int):
    """A client at the check page of a booking of :data:`SLOT`, and the page's one-time token."""
    client = _logged_in(app, citizen_id)
    csrf = _csrf(client.get("/borger/book", follow_redirects=True).get_data(as_text=True))
    for path, data in (
        ("/borger/book", {"kind": InterviewKind.JOBSAMTALE.value}),
        (f"/borger/book/tid?uge={WEEK}", {"start": SLOT.isoformat()}),
        ("/borger/book/samtaleform", {"format": "telefonisk"}),
    ):
        assert client.post(path, data={"csrf_token": csrf, **data}).status_code == 302, path
    check = client.get("/borger/book/tjek").get_data(as_text=True)
    ticket = re.search(r'name="token" type="hidden" value="([^"]+)"', check).group(1)
    return client, {"csrf_token": csrf, "token": ticket}


def _assert_nothing_saved_page(response) -> None:
    assert response.status_code in (500, 503), response.status_code
    html = response.get_data(as_text=True)
    assert "Intet er gemt" in html
    assert response.headers["X-Request-ID"] in html


def _count(engine, model) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model))


def test_a_booking_whose_connection_is_killed_saves_nothing_and_the_next_try_books(postgres_engine, postgres_url):
    world = a_world(lambda: SqlAlchemyUnitOfWork(session_factory(postgres_engine)), citizens=1)
    app = _app(postgres_url, f"selvbooking_fault_{secrets.token_hex(4)}")
    client, confirm = _prepared_booking(app, world.citizens[0])
    killed = []

    def kill_own_backend(connection, cursor, statement, *args):
        # the moment the booking writes its interview, PostgreSQL terminates the connection writing it
        if statement.lstrip().upper().startswith("INSERT INTO INTERVIEWS") and not killed:
            pid = connection.connection.dbapi_connection.info.backend_pid
            with postgres_engine.connect() as admin:
                killed.append(admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}))

    engine = app.extensions["selvbooking_engine"]
    event.listen(engine, "before_cursor_execute", kill_own_backend)
    try:
        before = {m: _count(postgres_engine, m) for m in (InterviewRow, MessageRow, AuditRow)}
        response = client.post("/borger/book/tjek", data=confirm)
        assert killed == [True]
        _assert_nothing_saved_page(response)
        assert {m: _count(postgres_engine, m) for m in before} == before
        again = client.post("/borger/book/tjek", data=confirm)
        assert again.status_code == 302 and "/borger/book/kvittering/" in again.headers["Location"]
        assert {m: _count(postgres_engine, m) for m in before} == {m: n + 1 for m, n in before.items()}
    finally:
        event.remove(engine, "before_cursor_execute", kill_own_backend)
        engine.dispose()


def test_killing_the_apps_connections_under_load_gives_danish_pages_and_then_success(postgres_engine, postgres_url):
    readers = 6
    world = a_world(lambda: SqlAlchemyUnitOfWork(session_factory(postgres_engine)), citizens=readers)
    name = f"selvbooking_load_{secrets.token_hex(4)}"
    app = _app(postgres_url, name)
    clients = [_logged_in(app, c) for c in world.citizens]
    stop = threading.Event()
    outcomes: list[tuple[int, str, bool]] = []
    kills: list[int] = []

    def read(client) -> None:
        while not stop.is_set():
            for path in ("/borger/", "/borger/book", "/healthz"):
                try:
                    response = client.get(path, follow_redirects=True)  # a booking step with one answer goes on
                except Exception as error:  # noqa: BLE001 - an exception out of the app is what the test looks for
                    outcomes.append((0, f"{path}: {error!r}", False))
                    continue
                html = response.get_data(as_text=True)
                danish = "Intet er gemt" in html and response.headers["X-Request-ID"] in html
                outcomes.append((response.status_code, path, danish or path == "/healthz"))

    def kill() -> None:
        with postgres_engine.connect() as admin:
            admin.execute(text("SET application_name = 'selvbooking_killer'"))
            while not stop.is_set():
                kills.append(len(admin.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"
                ), {"name": name}).all()))
                admin.commit()
                time.sleep(0.05)

    threads = [threading.Thread(target=read, args=(c,)) for c in clients] + [threading.Thread(target=kill)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    try:
        statuses = Counter(status for status, _, _ in outcomes)
        assert set(statuses) <= {200, 500, 503}, (statuses, [o for o in outcomes if o[0] == 0][:3])
        # every failed page says, in Danish, that nothing was saved, and shows its request id
        assert all(danish for status, _, danish in outcomes if status >= 500)
        assert sum(kills) > 0, "the killer found no connection of the app"
        # the kills are over: every client's next requests succeed
        for client in clients:
            for path in ("/borger/", "/borger/book", "/healthz"):
                assert client.get(path, follow_redirects=True).status_code == 200, path
    finally:
        app.extensions["selvbooking_engine"].dispose()


def test_a_pooled_connection_the_server_closed_is_replaced_without_a_ping_per_request(postgres_url):
    from scheduling.adapters.db import make_engine

    engine = make_engine(postgres_url, pool_size=1)
    try:
        assert not engine.pool._pre_ping  # no extra round trip before every transaction
        with engine.connect() as connection:
            killed_pid = connection.scalar(text("SELECT pg_backend_pid()"))
        with engine.connect() as admin_engine_free:  # the same pooled connection, still alive
            assert admin_engine_free.scalar(text("SELECT pg_backend_pid()")) == killed_pid
        with make_engine(postgres_url).connect() as admin:
            assert admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed_pid})
            for _ in range(100):
                gone = not admin.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": killed_pid}
                )
                admin.rollback()
                if gone:
                    break
                time.sleep(0.02)
        with engine.connect() as connection:  # no error: the dead connection is refused at checkout
            assert connection.scalar(text("SELECT pg_backend_pid()")) != killed_pid
    finally:
        engine.dispose()
