"""The pages people use most run in one read-only transaction with a small, fixed number of SQL statements,
whatever the size of the data (issue 11, "Pages in one transaction with a fixed number of statements";
STYLE.md, "Reads at scale").

Counted for the whole request, as the demo people see it: the logged-in person and their session version, the
course (loaded once), the interviews, decisions and history, the free times. The caseworker's person page first
writes one audit line (who saw the full CPR number, issue 9) and reads the page's versions with it, in a short
transaction of its own, which is the caseworker's log-in check too once the app has read their account (issue 11,
round 11); rendered afresh, its reads are then one more read transaction: those are counted in. The same page on a world with many more interviews, messages, hours, decisions,
history lines, caseworkers and people asks exactly as much.
"""

from __future__ import annotations

import pytest

from tests.web.caseworker_helpers import as_caseworker, citizen_id, csrf_token
from tests.web.helpers import log_in_as
from tests.web.statements import grow, next_monday, page_counts

MAX_STATEMENTS = 8
SOFIE = "Sofie Lund Andersen"
MIKKEL = "Mikkel Skov Rasmussen"


def _as_citizen(app, client, name: str) -> None:
    """Logged in, after a first page (not the one counted): the app then keeps the person's a-kasse's and
    jobcenter's views, which a first request reads with one more statement (``read_model.citizen_account``)."""
    log_in_as(client, "citizen", citizen_id(app, name))
    assert client.get("/borger/kontakt").status_code == 200


def _choose_kind(client, kind: str) -> None:
    response = client.post("/borger/book", data={"csrf_token": csrf_token(client, "/borger/book"), "kind": kind})
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]


def _mine_samtaler(app, client, name: str = SOFIE) -> str:
    _as_citizen(app, client, name)
    return "/borger/"


def _free_times(app, client, name: str = SOFIE, kind: str = "jobsamtale") -> str:
    _as_citizen(app, client, name)
    _choose_kind(client, kind)
    return f"/borger/book/tid?uge={next_monday().isoformat()}"


def _joint_free_times(app, client) -> str:
    return _free_times(app, client, MIKKEL, "faellessamtale")


def _person_page(app, client) -> str:
    """After the caseworker's first page: the app then keeps their organisation's view, which a first request
    reads with one more statement (``read_model.caseworker_account``)."""
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get("/sagsbehandler/").status_code == 200
    return f"/sagsbehandler/borger/{citizen_id(app, SOFIE)}"


# page, its read transactions and its writing ones
PAGES = {
    "mine-samtaler": (_mine_samtaler, 1, 0),
    "free-times-week": (_free_times, 1, 0),
    "joint-free-times-week": (_joint_free_times, 1, 0),
    # the audit line saying the caseworker saw the full CPR number, with the page's versions, which is the log-in
    # check too (issue 11, round 11: the caseworker's first page read them); the page's own reads
    "person-page": (_person_page, 1, 1),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_is_one_read_transaction_with_at_most_8_statements(app, client, name):
    prepare, reads, writes = PAGES[name]
    path = prepare(app, client)
    counts = page_counts(app, client, path)
    assert counts.reading == reads, str(counts)
    assert counts.writing == writes, str(counts)
    assert len(counts.statements) <= MAX_STATEMENTS, str(counts)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_is_at_most_8_statements_also_in_a_worker_that_keeps_nothing_yet(app, client, name):
    """A worker just started (or after a change to an organisation) keeps no organisation's view: the log-in check
    reads them with one more statement where the page needs them (the person page's audit statement is its log-in
    check and needs none), and the page still asks at most 8 (issue 11, round 12: a joint interview's first free
    times read each organisation's caseworkers on its own and asked 9)."""
    prepare, reads, writes = PAGES[name]
    path = prepare(app, client)
    app.extensions["selvbooking_organisations"].clear()
    counts = page_counts(app, client, path)
    organisations = [s for s in counts.statements if s.lstrip().upper().startswith("SELECT ORGANISATIONS.ID")]
    assert len(organisations) <= 1, str(counts)
    assert (counts.reading, counts.writing) == (reads, writes), str(counts)
    assert len(counts.statements) <= MAX_STATEMENTS, str(counts)


def test_the_person_page_writes_its_cpr_view_audit_line_in_one_statement(app, client):
    """The audit line (who saw whose full CPR number, when) is one INSERT … SELECT that also checks that the
    caseworker is active and their organisation serves the person; no rows are loaded to write it. The page's
    versions and the count of look-ups are read after it in its transaction (on PostgreSQL in its statement:
    test_page_cache.py)."""
    counts = page_counts(app, client, _person_page(app, client))
    assert counts.writing == 1, str(counts)
    written = [statement.lstrip().upper() for statement in counts.written]
    assert len(written) == 2 and written[0].startswith("INSERT INTO AUDIT_LOG"), counts.written
    assert written[1].startswith("SELECT C.PAGE_VERSION") and "CPR_LOOK_UPS" in written[1], counts.written


@pytest.mark.parametrize("name", PAGES)
def test_a_page_asks_as_much_of_a_much_larger_world(app, client, name):
    prepare, _, _ = PAGES[name]
    path = prepare(app, client)
    small = page_counts(app, client, path)
    grow(app, SOFIE)
    grow(app, MIKKEL, people=10, caseworkers=3)
    large = page_counts(app, client, path)
    assert (len(large.statements), large.reading, large.writing) == (
        len(small.statements), small.reading, small.writing
    ), f"demo world: {small}\nlarger world: {large}"


def test_the_queries_of_a_request_share_one_read_transaction_until_a_service_writes(app):
    """A query called from a page begins no transaction of its own; a service call ends the request's read
    transaction first, and what is read after it sees what the service wrote."""
    from portal import now
    from portal.database import reads, unit_of_work
    from scheduling.services import queries, read_model
    from scheduling.services.messages import mark_read
    from tests.web.statements import counting

    sofie = citizen_id(app, SOFIE)
    with app.test_request_context(), counting(app) as counts:
        read_model.citizen_account(reads(), sofie)
        unread = [m for m in queries.citizen_messages(reads(), sofie) if m.read_at is None]
        queries.person_course(reads(), sofie)
        assert (counts.reading, counts.writing) == (1, 0), str(counts)
        assert unread, "the demo gives Sofie an unread message"
        mark_read(unit_of_work(), sofie, unread[0].id, now())
        after = {m.id: m.read_at for m in queries.citizen_messages(reads(), sofie)}
        assert after[unread[0].id] is not None
        assert (counts.reading, counts.writing) == (2, 1), str(counts)


@pytest.mark.postgres
def test_on_postgresql_a_service_carries_on_the_requests_read_transaction(postgres_app):
    """On PostgreSQL (READ COMMITTED) the service a request calls carries on the transaction its reads began (the
    log-in check and the booking: one transaction, not two); what it commits is there, and what is read after it
    sees it in a new transaction, which the next service call carries on in turn."""
    from portal import now
    from portal.database import reads, unit_of_work
    from scheduling.services import queries, read_model
    from scheduling.services.messages import mark_read
    from tests.web.statements import counting

    app = postgres_app
    sofie = citizen_id(app, SOFIE)
    with app.test_request_context(), counting(app) as counts:
        read_model.citizen_account(reads(), sofie)
        unread = [m for m in queries.citizen_messages(reads(), sofie) if m.read_at is None]
        assert unread, "the demo gives Sofie an unread message"
        mark_read(unit_of_work(), sofie, unread[0].id, now())
        assert counts.transactions == 1, str(counts)
        after = {m.id: m.read_at for m in queries.citizen_messages(reads(), sofie)}
        assert after[unread[0].id] is not None
        mark_read(unit_of_work(), sofie, unread[-1].id, now())
        assert counts.transactions == 2, str(counts)
    with app.test_request_context():
        assert all(m.read_at is not None for m in queries.citizen_messages(reads(), sofie) if m.id in
                   {unread[0].id, unread[-1].id})


@pytest.mark.postgres
def test_on_postgresql_a_pages_read_transaction_keeps_the_prepared_statements(postgres_app):
    """A page's read transaction ends with COMMIT, not ROLLBACK (the same for a transaction that only read):
    psycopg forgets the connection's prepared statements at every ROLLBACK, so the pages' statements were parsed
    and planned by PostgreSQL on every request (issue 11, round 4)."""
    from sqlalchemy import text

    app = postgres_app
    app.config["PAGE_CACHE"] = False  # a kept page runs only the log-in check: the page's own statements are counted
    client = app.test_client()
    path = _mine_samtaler(app, client)
    engine = app.extensions["selvbooking_engine"]
    # psycopg prepares a statement at its fifth run on a connection; the pool hands its few connections out in turn
    for _ in range(5 * (engine.pool.checkedin() + 1)):
        assert client.get(path).status_code == 200
    with engine.connect() as connection:
        prepared = connection.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
    assert prepared >= 3


@pytest.mark.postgres
def test_on_postgresql_a_read_transaction_that_changed_a_row_leaves_nothing_written(postgres_app):
    """Should a page ever change a row it read (a mistake), its read transaction still rolls back: whether the
    change was flushed into the transaction or only held by the session."""
    from portal.database import reads
    from scheduling.adapters.orm import CitizenRow

    app = postgres_app
    sofie = citizen_id(app, SOFIE)
    for flush in (True, False):
        with app.app_context(), app.test_request_context():
            uow = reads()
            with uow:
                row = uow.session.get(CitizenRow, sofie)
                assert row is not None
                row.name = "Ændret ved en fejl"
                if flush:
                    uow.session.flush()
        with app.app_context(), app.test_request_context():
            uow = reads()
            with uow:
                assert uow.session.get(CitizenRow, sofie).name == SOFIE


@pytest.mark.postgres
@pytest.mark.parametrize("name", PAGES)
def test_on_postgresql_a_page_is_at_most_8_statements_also_in_a_worker_that_keeps_nothing_yet(postgres_app, name):
    """As on SQLite, on PostgreSQL, where the free times also read their organisations' versions (which the page
    and the free times are kept under, migration 0016): at most 8 statements, in a worker that has served the page
    before and in one just started, which keeps nothing yet (issue 11, round 12: free times asked 9 there)."""
    from scheduling.services import slot_cache

    app = postgres_app
    client = app.test_client()
    prepare, reads, writes = PAGES[name]
    path = prepare(app, client)
    warm = page_counts(app, client, path)
    # as a worker just started: nothing kept, neither the organisations' views, the page nor its free times
    for kept in ("selvbooking_organisations", "selvbooking_pages"):
        app.extensions.pop(kept, None)
    slot_cache.forget()
    cold = page_counts(app, client, path)
    for counts in (warm, cold):
        assert (counts.reading, counts.writing) == (reads, writes), str(counts)
        assert len(counts.statements) <= MAX_STATEMENTS, str(counts)
