"""A kept page is never a stale page (issue 11, portal.page_cache; migration 0031's page versions).

"Mine samtaler" read again is the page kept from the last time, for the log-in check's one statement. These tests
prove what that may never cost: every change of the person's data — through a service or written around them
in SQL — every change of what everyone sees, the clock passing a change deadline, another language or another
session of the same person each give the page as it is now. The triggers are proved on both databases.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from scheduling.slots import COPENHAGEN
from tests.web.booking_helpers import NEXT_WEEK, book, choose_kind, interviews_of
from tests.web.caseworker_helpers import as_caseworker, citizen_id
from tests.web.helpers import DEMO_TODAY, choose_language, log_in_as
from tests.web.statements import counting

SOFIE = "Sofie Lund Andersen"
OVERVIEW = "/borger/"


def _as_sofie(app, client) -> int:
    """Log in as Sofie and read the page that shows the log-in's message (a page with a message is not kept)."""
    sofie = citizen_id(app, SOFIE)
    log_in_as(client, "citizen", sofie)
    assert client.get(OVERVIEW).status_code == 200
    return sofie


def _get(app, client, path: str = OVERVIEW):
    with counting(app) as counts:
        response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True), counts


def _upcoming(html: str) -> str:
    return html.split('id="upcoming-heading"', 1)[1].split("</section>", 1)[0]


def _versions(app, citizen: int) -> tuple[int, int]:
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
    from scheduling.services.read_model import citizen_account

    account = citizen_account(SqlAlchemyUnitOfWork(app.extensions["selvbooking_sessions"], read_only=True), citizen)
    assert account is not None
    return account.page_versions


def _sql(app, statement: str, **params) -> None:
    with app.extensions["selvbooking_engine"].begin() as connection:
        connection.execute(text(statement), params)


def test_mine_samtaler_read_again_is_the_kept_page_for_the_log_in_checks_one_statement(app, client):
    _as_sofie(app, client)
    first, counts = _get(app, client)
    assert len(counts.statements) >= 3, str(counts)
    again, counts = _get(app, client)
    assert again == first
    assert len(counts.statements) == 1, str(counts)
    kept = client.get(OVERVIEW)  # kept as the UTF-8 it is sent as: the same HTML page, Danish letters and all
    assert kept.content_type == "text/html; charset=utf-8" and kept.data == first.encode("utf-8")
    assert "Mine samtaler" in first and "ø" in first
    app.config["PAGE_CACHE"] = False
    fresh, counts = _get(app, client)
    assert len(counts.statements) >= 3, str(counts)
    assert re.sub(r'name="csrf_token" value="[^"]+"', "", fresh) == re.sub(r'name="csrf_token" value="[^"]+"', "", first)


def test_a_booking_shows_on_the_kept_page_at_once(app, client):
    sofie = _as_sofie(app, client)
    before = _upcoming(_get(app, client)[0])
    booked_before = sum(1 for i in interviews_of(app, sofie) if i.status.value == "booket")
    _start, response = book(client, "jobsamtale", "telefonisk")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert sum(1 for i in interviews_of(app, sofie) if i.status.value == "booket") == booked_before + 1
    after = _upcoming(_get(app, client)[0])
    assert after.count('<article class="card') == before.count('<article class="card') + 1


def test_a_change_written_around_the_services_shows_at_once(app, client):
    """The operator's SQL moves the versions as a service does: the triggers, not the services, write them."""
    sofie = _as_sofie(app, client)
    html, _ = _get(app, client)
    assert "Sofie Lund Andersen" in html
    _sql(app, "UPDATE citizens SET name = 'Sofie Lund Nielsen' WHERE id = :id", id=sofie)
    html, counts = _get(app, client)
    assert "Sofie Lund Nielsen" in html and len(counts.statements) > 1
    akasse = _sql_scalar(app, "SELECT akasse_id FROM citizens WHERE id = :id", id=sofie)
    _sql(app, "UPDATE organisations SET name = 'A-kassen Omdøbt' WHERE id = :id", id=akasse)
    html, _ = _get(app, client)
    assert "A-kassen Omdøbt" in html
    upcoming = _upcoming(html).count('<article class="card')
    assert upcoming >= 1, "the demo gives Sofie a booked interview to come"
    _sql(app, "UPDATE interviews SET status = 'aflyst' WHERE citizen_id = :id AND status = 'booket'", id=sofie)
    assert _upcoming(_get(app, client)[0]).count('<article class="card') == 0


def _sql_scalar(app, statement: str, **params):
    with app.extensions["selvbooking_engine"].connect() as connection:
        return connection.execute(text(statement), params).scalar()


def test_the_clock_passing_a_change_deadline_shows_at_once(app, client):
    """The page is kept only until the first moment it names: here an interview's change deadline, after which
    the person may no longer move it themselves (its buttons go, the reason comes)."""
    sofie = _as_sofie(app, client)
    booked = [i for i in interviews_of(app, sofie) if i.status.value == "booket" and i.start.date().isoformat() > DEMO_TODAY]
    assert booked, "the demo gives Sofie a booked interview to come"
    interview = booked[0]
    hours = _sql_scalar(app, "SELECT change_deadline_hours FROM organisations WHERE id = :id", id=interview.organisation_id)
    deadline = interview.start.astimezone(COPENHAGEN) - timedelta(hours=hours)
    rebook = f"/borger/samtaler/{interview.id}/flyt"
    for moment, shown in ((deadline - timedelta(minutes=2), True), (deadline + timedelta(minutes=2), False)):
        app.config["TODAY"], app.config["TIME_OF_DAY"] = moment.date().isoformat(), moment.strftime("%H:%M")
        html, _ = _get(app, client)
        assert (rebook in html) is shown, moment
        assert _get(app, client)[0] == html  # kept within the moment


def test_the_kept_page_is_of_the_language_chosen(app, client):
    _as_sofie(app, client)
    assert "<h1>Mine samtaler</h1>" in _get(app, client)[0]
    assert choose_language(client, "en", OVERVIEW, page=OVERVIEW).status_code == 303
    html, _ = _get(app, client)
    assert "<h1>Mine samtaler</h1>" not in html and "<h1>My interviews</h1>" in html


def test_another_session_of_the_same_person_gets_a_page_with_its_own_form_token(app):
    """The page's forms carry a token signed from the session's own: a kept page is never another session's."""
    first, second = app.test_client(), app.test_client()
    _as_sofie(app, first)
    _as_sofie(app, second)
    _get(app, first)
    html, counts = _get(app, second)
    assert len(counts.statements) > 1, "not the first session's page"
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = second.post("/sprog/en", data={"csrf_token": token, "next": OVERVIEW})
    assert response.status_code == 303


# ---- the triggers (migration 0031), on both databases ----------------------------------------------------------

# a change to each table that holds a person's rows, as SQL an operator might write (a person who has such rows,
# and the change); each must move that person's version and nothing else
AUDIT_LINE = ("INSERT INTO audit_log (at, actor_kind, actor_id, action, object_type, object_id, citizen_id, details) "
              "VALUES ('2026-11-25 11:00:00', 'system', NULL, '{action}', 'citizen', :id, :id, '{{}}')")
ANY_COURSE_ROW = "SELECT c.citizen_id FROM {table} t JOIN courses c ON c.id = t.course_id ORDER BY t.id LIMIT 1"
PERSON_CHANGES = {
    "citizens": ("SELECT id FROM citizens ORDER BY id LIMIT 1", "UPDATE citizens SET phone = phone WHERE id = :id"),
    "courses": ("SELECT citizen_id FROM courses ORDER BY id LIMIT 1",
                "UPDATE courses SET insurance = insurance WHERE citizen_id = :id"),
    "interviews": ("SELECT citizen_id FROM interviews ORDER BY id LIMIT 1",
                   "UPDATE interviews SET format = format WHERE citizen_id = :id"),
    "interview_participants": (
        "SELECT i.citizen_id FROM interview_participants p JOIN interviews i ON i.id = p.interview_id LIMIT 1",
        "DELETE FROM interview_participants WHERE interview_id IN (SELECT id FROM interviews WHERE citizen_id = :id)",
    ),
    "messages": ("SELECT citizen_id FROM messages ORDER BY id LIMIT 1",
                 "UPDATE messages SET read_at = read_at WHERE citizen_id = :id"),
    "audit_log": ("SELECT id FROM citizens ORDER BY id LIMIT 1", AUDIT_LINE.format(action="note")),
    **{
        table: (ANY_COURSE_ROW.format(table=table),
                f"UPDATE {table} SET {column} = {column} WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = :id)")
        for table, column in (("decisions", "ground"), ("hour_entries", "hours"), ("exemptions", "ground"),
                              ("control_actions", "received_on"))
    },
}
SHARED_CHANGES = {
    "organisations": "UPDATE organisations SET phone = phone",
    "organisation_closures": "INSERT INTO organisation_closures (organisation_id, day, note) "
                             "SELECT id, '2026-12-24', 'Juleaften' FROM organisations",
    "agreed_timeslots": "UPDATE agreed_timeslots SET valid_to = valid_to",
    "caseworkers (name)": "UPDATE caseworkers SET name = name",
}


def _changes_move_the_versions(app) -> None:
    for table, (find, statement) in PERSON_CHANGES.items():
        person = _sql_scalar(app, find)
        assert person is not None, f"the demo has no {table}"
        others = _sql_scalar(app, "SELECT id FROM citizens WHERE id <> :id ORDER BY id LIMIT 1", id=person)
        before, other_before = _versions(app, person), _versions(app, others)
        _sql(app, statement, id=person)
        after = _versions(app, person)
        assert after[0] > before[0] and after[1] == before[1], table
        assert _versions(app, others) == other_before, table
    sofie = citizen_id(app, SOFIE)
    for table, statement in SHARED_CHANGES.items():
        before = _versions(app, sofie)
        _sql(app, statement)
        after = _versions(app, sofie)
        assert after[1] > before[1] and after[0] == before[0], table
    before = _versions(app, sofie)
    _sql(app, "UPDATE caseworkers SET session_version = session_version + 1")  # log-outs: nobody's page changes
    _sql(app, AUDIT_LINE.format(action="cpr_viewed"), id=sofie)  # a look-up: counted apart, not in the history
    assert _versions(app, sofie) == before


def test_every_change_to_what_a_page_shows_moves_a_version_on_sqlite(app):
    _changes_move_the_versions(app)


@pytest.mark.postgres
def test_every_change_to_what_a_page_shows_moves_a_version_on_postgresql(postgres_app):
    _changes_move_the_versions(postgres_app)


@pytest.mark.postgres
def test_on_postgresql_a_booking_shows_on_the_kept_page_at_once(postgres_app):
    test_a_booking_shows_on_the_kept_page_at_once(postgres_app, postgres_app.test_client())


def test_a_kept_page_is_not_used_before_the_moment_it_was_rendered(app, client):
    """Tests (and the demo) move the clock back too: a page rendered at a later moment is not shown earlier."""
    _as_sofie(app, client)
    _get(app, client)
    app.config["TIME_OF_DAY"] = "11:00"  # the tests' clock stands at 12:00
    _html, counts = _get(app, client)
    assert len(counts.statements) > 1


# ---- a week of free times (kept on PostgreSQL, whose triggers version the free times: migration 0016) -----------

WEEK = f"/borger/book/tid?uge={NEXT_WEEK}"


def _free_times(app, client) -> str:
    _as_sofie(app, client)
    assert choose_kind(client, "jobsamtale").status_code == 302
    return WEEK


def _starts(html: str) -> list[str]:
    return re.findall(r'name="start" value="([^"]+)"', html)


@pytest.mark.postgres
def test_on_postgresql_a_week_of_free_times_read_again_is_the_kept_page(postgres_app):
    app = postgres_app
    client = app.test_client()
    path = _free_times(app, client)
    first, counts = _get(app, client, path)
    assert _starts(first), "the demo offers Sofie free times next week"
    assert len(counts.statements) <= 8, str(counts)  # the version read first is not read again for the free times
    again, counts = _get(app, client, path)
    assert again == first
    assert len(counts.statements) == 2, str(counts)  # the log-in check, and the free times' version of the week


@pytest.mark.postgres
def test_on_postgresql_a_free_time_taken_away_is_gone_from_the_kept_page_at_once(postgres_app):
    """An absence written in SQL over the first free time, for every caseworker of the organisation: the
    triggers move the week's version, and the page read again no longer offers it."""
    app = postgres_app
    client = app.test_client()
    path = _free_times(app, client)
    first = _starts(_get(app, client, path)[0])[0]
    sofie = citizen_id(app, SOFIE)
    _sql(app, "INSERT INTO absences (caseworker_id, start_at, end_at, note) "
              "SELECT id, CAST(:start AS timestamptz), CAST(:start AS timestamptz) + interval '1 hour', 'Kursus' "
              "FROM caseworkers WHERE organisation_id IN (SELECT akasse_id FROM citizens WHERE id = :id "
              "UNION SELECT jobcenter_id FROM citizens WHERE id = :id)", start=first, id=sofie)
    assert first not in _starts(_get(app, client, path)[0])


@pytest.mark.postgres
def test_on_postgresql_the_clock_passing_a_free_times_offer_takes_it_from_the_kept_page(postgres_app):
    """A free time is offered until the organisation's change deadline and a margin before it: the kept page is
    true until the first one shown stops being offered."""
    from scheduling.services.booking import CHANGE_MARGIN

    app = postgres_app
    client = app.test_client()
    path = _free_times(app, client)
    first = _starts(_get(app, client, path)[0])[0]
    akasse = _sql_scalar(app, "SELECT akasse_id FROM citizens WHERE id = :id", id=citizen_id(app, SOFIE))
    hours = _sql_scalar(app, "SELECT change_deadline_hours FROM organisations WHERE id = :id", id=akasse)
    ends = datetime.fromisoformat(first).astimezone(COPENHAGEN) - timedelta(hours=hours) - CHANGE_MARGIN
    for moment, offered in ((ends - timedelta(minutes=2), True), (ends + timedelta(minutes=2), False)):
        app.config["TODAY"], app.config["TIME_OF_DAY"] = moment.date().isoformat(), moment.strftime("%H:%M")
        html, _ = _get(app, client, path)
        assert (first in _starts(html)) is offered, moment


# ---- the caseworker's person page -----------------------------------------------------------------------------

BIRGITTE = "Birgitte Holm"


def _person_page(app, client, worker: str = BIRGITTE) -> str:
    as_caseworker(client, app, worker)
    path = f"/sagsbehandler/borger/{citizen_id(app, SOFIE)}"
    assert client.get(path).status_code == 200  # the page that shows the log-in's message is not kept
    return path


def _cpr_views(html: str) -> int:
    return int(re.search(r'id="cpr-opslag">[^<]*?(\d+)\.', html).group(1))


def test_the_person_page_read_again_is_kept_and_counts_each_cpr_look_up(app, client):
    """Read again, the page is the look-up's audit line — the log-in check too (issue 11, round 11) — and its
    versions with the CPR look-ups so far: every view is still written and counted in."""
    path = _person_page(app, client)
    first, _ = _get(app, client, path)
    again, counts = _get(app, client, path)
    assert len(counts.statements) == 2 and (counts.reading, counts.writing) == (0, 1), str(counts)
    assert _cpr_views(again) == _cpr_views(first) + 1
    uncounted = [re.sub(r'(id="cpr-opslag">[^<]*?)\d+\.', r"\1N.", page) for page in (first, again)]
    assert uncounted[0] == uncounted[1]
    assert _sql_scalar(app, "SELECT count(*) FROM audit_log WHERE citizen_id = :id AND action = 'cpr_viewed'",
                       id=citizen_id(app, SOFIE)) == _cpr_views(again)


def test_on_postgresql_the_kept_person_page_is_one_statement_that_checks_the_log_in_and_writes_the_look_up(
    postgres_app,
):
    """On PostgreSQL the audit line, the log-in check (issue 11, round 11) and the page's versions with the count
    are one statement in one transaction."""
    app, client = postgres_app, postgres_app.test_client()
    path = _person_page(app, client)
    first, _ = _get(app, client, path)
    again, counts = _get(app, client, path)
    assert len(counts.statements) == 1 and (counts.reading, counts.writing) == (0, 1), str(counts)
    assert counts.statements[0].lstrip().upper().startswith("WITH ADDED AS (INSERT INTO AUDIT_LOG"), str(counts)
    assert _cpr_views(again) == _cpr_views(first) + 1
    assert _sql_scalar(app, "SELECT count(*) FROM audit_log WHERE citizen_id = :id AND action = 'cpr_viewed'",
                       id=citizen_id(app, SOFIE)) == _cpr_views(again)


@pytest.mark.postgres
def test_on_postgresql_the_audit_statement_commits_itself_and_no_pooled_connection_is_left_autocommitting(
    postgres_app,
):
    """Begun in a transaction of its own, the kept person view's one statement commits itself (no BEGIN and
    COMMIT round trips); its line is committed, and the connection goes back to the pool beginning transactions
    again: a booking that takes it next is one transaction, not a statement at a time."""
    app, client = postgres_app, postgres_app.test_client()
    path = _person_page(app, client)
    for _ in range(3):
        _get(app, client, path)
    assert _sql_scalar(app, "SELECT count(*) FROM audit_log WHERE citizen_id = :id AND action = 'cpr_viewed'",
                       id=citizen_id(app, SOFIE)) == 4
    engine = app.extensions["selvbooking_engine"]
    pooled = [engine.raw_connection() for _ in range(engine.pool.checkedin())]
    try:
        assert pooled and not any(connection.driver_connection.autocommit for connection in pooled)
    finally:
        for connection in pooled:
            connection.close()


def test_a_new_line_in_the_persons_history_shows_on_the_kept_person_page_at_once(app, client):
    path = _person_page(app, client)
    before = _get(app, client, path)[0]
    _sql(app, AUDIT_LINE.format(action="refer_r4"), id=citizen_id(app, SOFIE))
    after, counts = _get(app, client, path)
    assert len(counts.statements) > 3, str(counts)
    assert after.count("<tr") == before.count("<tr") + 1


def test_the_kept_person_page_is_each_caseworkers_own(app):
    """The header and the menu are the caseworker's: another caseworker, or the same one made a leader, gets
    their own page."""
    first, second = app.test_client(), app.test_client()
    other = _sql_scalar(app, "SELECT name FROM caseworkers WHERE organisation_id = (SELECT organisation_id FROM "
                             "caseworkers WHERE name = :name) AND name <> :name AND NOT disabled ORDER BY id LIMIT 1",
                        name=BIRGITTE)
    path = _person_page(app, first)
    _person_page(app, second, other)
    assert BIRGITTE in _get(app, first, path)[0]
    html = _get(app, second, path)[0]
    assert other in html and BIRGITTE not in html.split("<main", 1)[0]
    assert "/tilsyn" not in _get(app, first, path)[0]
    _sql(app, "UPDATE caseworkers SET is_leader = :yes WHERE name = :name", yes=True, name=BIRGITTE)
    assert "/tilsyn" in _get(app, first, path)[0]


# ---- the caseworker's organisation, kept under everyone's page version -----------------------------------------


def _organisation_read(counts) -> bool:
    return any(s.lstrip().upper().startswith("SELECT ORGANISATIONS.ID") for s in counts.statements)


def _check_the_kept_organisation(app) -> None:
    client = app.test_client()
    as_caseworker(client, app, BIRGITTE)
    organisation = _sql_scalar(app, "SELECT organisation_id FROM caseworkers WHERE name = :name", name=BIRGITTE)
    name = _sql_scalar(app, "SELECT name FROM organisations WHERE id = :id", id=organisation)
    _get(app, client, "/sagsbehandler/")  # the page with the log-in's message
    html, counts = _get(app, client, "/sagsbehandler/")
    assert name in html.split("<main", 1)[0] and not _organisation_read(counts), str(counts)
    _sql(app, "UPDATE organisations SET name = :name WHERE id = :id", name="Jobcenter Nyby", id=organisation)
    html, counts = _get(app, client, "/sagsbehandler/")
    assert _organisation_read(counts), str(counts)
    assert "Jobcenter Nyby" in html.split("<main", 1)[0] and name not in html.split("<main", 1)[0]
    _sql(app, "UPDATE organisations SET change_deadline_hours = change_deadline_hours + 24 WHERE id = :id",
         id=organisation)
    assert _organisation_read(_get(app, client, "/sagsbehandler/")[1])
    assert not _organisation_read(_get(app, client, "/sagsbehandler/")[1])


def test_the_caseworkers_organisation_is_read_again_only_after_a_change_to_it_on_sqlite(app):
    """Issue 11: the log-in check reads the caseworker and everyone's page version; their organisation's view
    (its name in the header, its contact details and settings) is kept by the app under that version, read again
    after any change to an organisation — written in SQL around the services too — and shown at once."""
    _check_the_kept_organisation(app)


@pytest.mark.postgres
def test_the_caseworkers_organisation_is_read_again_only_after_a_change_to_it_on_postgresql(postgres_app):
    _check_the_kept_organisation(postgres_app)


# ---- the person's a-kasse and jobcenter, kept under everyone's page version --------------------------------------


def _check_the_kept_organisations_of_a_person(app) -> None:
    client = app.test_client()
    sofie = _as_sofie(app, client)
    akasse, jobcenter = (
        _sql_scalar(app, f"SELECT {column} FROM citizens WHERE id = :id", id=sofie)
        for column in ("akasse_id", "jobcenter_id")
    )
    names = [_sql_scalar(app, "SELECT name FROM organisations WHERE id = :id", id=i) for i in (akasse, jobcenter)]
    _get(app, client, "/borger/kontakt")
    html, counts = _get(app, client, "/borger/kontakt")
    header = html.split("<main", 1)[0]
    assert all(name in header for name in names) and not _organisation_read(counts), str(counts)
    _sql(app, "UPDATE organisations SET name = :name WHERE id = :id", name="Jobcenter Nyby", id=jobcenter)
    html, counts = _get(app, client, "/borger/kontakt")
    assert _organisation_read(counts), str(counts)
    header = html.split("<main", 1)[0]
    assert "Jobcenter Nyby" in header and names[1] not in header and names[0] in header
    assert not _organisation_read(_get(app, client, "/borger/kontakt")[1])


def test_a_persons_akasse_and_jobcenter_are_read_again_only_after_a_change_to_one_on_sqlite(app):
    """Issue 11, round 11: a person's log-in check reads them and everyone's page version; their a-kasse's and
    jobcenter's views (the names in the header, the contact details the pages show) are kept by the app under that
    version, read again after any change to an organisation — written in SQL around the services too — and shown
    at once."""
    _check_the_kept_organisations_of_a_person(app)


@pytest.mark.postgres
def test_a_persons_akasse_and_jobcenter_are_read_again_only_after_a_change_to_one_on_postgresql(postgres_app):
    _check_the_kept_organisations_of_a_person(postgres_app)
