"""The caseload read from its read model (issue 11): 50 a page, sorted, filtered and searched in SQL, a
caseworker's own people by default and the whole organisation on request, in at most 6 SQL statements."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event, select, text

from tests.integration.world import a_world
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, citizen_id, html
from tests.web.helpers import choose_language, log_in_as

CASELOAD = "/sagsbehandler/"


@contextmanager
def _statements(app):
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = app.extensions["selvbooking_engine"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _names(page: str) -> list[str]:
    return re.findall(r'href="/sagsbehandler/borger/\d+">([^<]+)</a>', page)


def _big_world(app, people: int):
    from portal.database import unit_of_work

    with app.app_context():
        return a_world(lambda: unit_of_work(app), citizens=people)


def _responsible_worker(app, world) -> int:
    """A caseworker of the organisation the read model makes responsible for the world's people today."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CaseloadStatusRow

    with app.app_context(), unit_of_work() as uow:
        responsible = set(uow.session.scalars(
            select(CaseloadStatusRow.responsible_id).where(CaseloadStatusRow.citizen_id.in_(world.citizens))
        ))
    assert responsible == {world.akasse_id}
    return world.akasse_caseworkers[0]


def test_a_caseload_of_120_shows_50_then_50_then_20(app, client):
    world = _big_world(app, 120)
    log_in_as(client, "caseworker", _responsible_worker(app, world))
    first = html(client.get(CASELOAD))
    assert len(_names(first)) == 50 and "120 personer" in first
    assert 'href="/sagsbehandler/?side=2"' in first and 'rel="prev"' not in first
    second = html(client.get(CASELOAD, query_string={"side": "2"}))
    third = html(client.get(CASELOAD, query_string={"side": "3"}))
    assert len(_names(second)) == 50 and len(_names(third)) == 20 and 'rel="next"' not in third
    everyone = _names(first) + _names(second) + _names(third)
    assert sorted(everyone) == sorted(f"Borger {i + 1}" for i in range(120))
    assert _names(html(client.get(CASELOAD, query_string={"side": "99"}))) == _names(third)  # past the end: last
    assert _names(html(client.get(CASELOAD, query_string={"side": "x"}))) == _names(first)


def test_mine_most_urgent_first_pages_through_the_same_people_in_the_same_order_as_the_organisation(app, client):
    """"Mine" as it opens is read in the links' own order (issue 11, migration 0015); every other view of the
    list in the status rows' order. Here every person is the caseworker's, so both must agree page by page."""
    world = _big_world(app, 120)
    log_in_as(client, "caseworker", _responsible_worker(app, world))
    for side in ("1", "2", "3"):
        mine = _names(html(client.get(CASELOAD, query_string={"side": side})))
        assert mine and mine == _names(html(client.get(CASELOAD, query_string={"side": side, "alle": "1"})))
    first = html(client.get(CASELOAD))
    assert "120 personer" in first


def test_a_caseload_request_makes_at_most_6_statements_whatever_its_size(app, client):
    world = _big_world(app, 120)
    log_in_as(client, "caseworker", _responsible_worker(app, world))
    client.get(CASELOAD)  # log-in and session set-up out of the way
    for args in ({}, {"alle": "1"}, {"side": "3"}, {"sort": "navn"}, {"sort": "frist", "filter": "overskredet"},
                 {"q": "borger 1"}, {"q": "010685"}, {"alle": "1", "filter": "fritaget", "side": "2"}):
        with _statements(app) as seen:
            assert client.get(CASELOAD, query_string=args).status_code == 200
        assert len(seen) <= 6, "\n".join([str(args)] + [s[:150].replace("\n", " ") for s in seen])


def test_sorting_by_name_and_by_deadline(app, client):
    world = _big_world(app, 12)
    log_in_as(client, "caseworker", _responsible_worker(app, world))
    by_name = _names(html(client.get(CASELOAD, query_string={"sort": "navn"})))
    assert by_name == sorted(by_name)


def test_mine_by_default_and_the_whole_organisation_on_request(app, client):
    from portal.database import unit_of_work
    from scheduling.adapters.orm import InterviewParticipantRow, InterviewRow

    as_caseworker(client, app, "Birgitte Holm")
    me = caseworker_id(app, "Birgitte Holm")
    mine = set(_names(html(client.get(CASELOAD))))
    everyone = set(_names(html(client.get(CASELOAD, query_string={"alle": "1"}))))
    with app.app_context(), unit_of_work() as uow:
        held = set(uow.session.scalars(
            select(InterviewRow.citizen_id).join(InterviewParticipantRow)
            .where(InterviewParticipantRow.caseworker_id == me, InterviewRow.status != "aflyst")
        ))
        from scheduling.adapters.orm import CitizenRow

        held_names = set(uow.session.scalars(select(CitizenRow.name).where(CitizenRow.id.in_(held))))
    assert mine and mine < everyone
    assert mine == everyone & held_names


def test_search_by_name_or_cpr_number_with_the_cpr_masked(app, client):
    """More of the search (issue 14) in test_caseload_search.py."""
    as_caseworker(client, app, "Birgitte Holm")
    by_name = html(client.get(CASELOAD, query_string={"alle": "1", "q": "mette"}))
    assert _names(by_name) == ["Mette Nørgaard Jensen"]
    by_cpr = html(client.get(CASELOAD, query_string={"alle": "1", "q": "140489"}))
    assert "140489-xxxx" in by_cpr and "1404890101" not in by_cpr and len(_names(by_cpr)) >= 1
    assert _names(html(client.get(CASELOAD, query_string={"alle": "1", "q": "140489-0101"}))) == _names(by_cpr)
    assert _names(html(client.get(CASELOAD, query_string={"alle": "1", "q": "%"}))) == []  # a wildcard is no letter
    assert _names(html(client.get(CASELOAD, query_string={"alle": "1", "q": "12ab"}))) == []
    assert _names(html(client.get(CASELOAD, query_string={"alle": "1", "q": "jonas"}))) == []  # another a-kasse's


def test_caseload_opdater_brings_every_row_to_today(app):
    from datetime import date

    from portal.database import unit_of_work
    from scheduling.adapters.orm import CaseloadStatusRow, CourseRow

    with app.app_context(), unit_of_work() as uow:
        open_courses = set(uow.session.scalars(select(CourseRow.id).where(CourseRow.ended_on.is_(None))))
        assert set(uow.session.scalars(select(CaseloadStatusRow.course_id))) == open_courses  # the demo filled it
        assert set(uow.session.scalars(select(CaseloadStatusRow.evaluated_on))) == {date(2026, 11, 25)}
    app.config["TODAY"] = "2027-01-20"
    result = app.test_cli_runner().invoke(args=["caseload", "opdater"])
    assert result.exit_code == 0, result.output
    assert f"{len(open_courses)}/{len(open_courses)} forløb gennemgået" in result.output
    assert f"Sagsoversigten er opdateret til 2027-01-20: {len(open_courses)} forløb gennemgået" in result.output
    again = app.test_cli_runner().invoke(args=["caseload", "opdater"])
    assert again.exit_code == 0 and "0 ændret" in again.output  # the rows it left as they were are checked again


def _rows(app) -> dict[int, dict]:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CaseloadStatusRow

    with app.app_context(), unit_of_work() as uow:
        table = CaseloadStatusRow.__table__
        return {row.course_id: row._asdict() for row in uow.session.execute(select(table))}


def _fresh(app, on) -> dict[int, dict]:
    """What a fresh evaluation on ``on`` says of every open course (the read model's columns)."""
    from portal.database import unit_of_work
    from scheduling.adapters.caseload import status_row
    from scheduling.adapters.orm import CaseloadStatusRow, CourseRow

    columns = [c.name for c in CaseloadStatusRow.__table__.columns]
    with app.app_context(), unit_of_work() as uow:
        courses = uow.session.scalars(select(CourseRow).where(CourseRow.ended_on.is_(None))).all()
        return {c.id: {k: getattr(status_row(c, on)[0], k) for k in columns} for c in courses}


def test_caseload_opdater_rewrites_only_the_rows_whose_status_changed_and_the_page_stays_current(app, client):
    from datetime import date

    before, on = _rows(app), date(2027, 1, 20)
    fresh = _fresh(app, on)
    same = {k for k in before if {**before[k], "evaluated_on": on} == fresh[k]}
    changed = set(before) - same
    assert same and changed  # the demo on this day has both
    app.config["TODAY"] = on.isoformat()
    result = app.test_cli_runner().invoke(args=["caseload", "opdater"])
    assert result.exit_code == 0, result.output
    assert f"{len(before)} forløb gennemgået, {len(changed)} ændret" in result.output
    after = _rows(app)
    assert {k: after[k] for k in changed} == {k: fresh[k] for k in changed}  # rewritten for the new day
    assert {k: after[k] for k in same} == {k: before[k] for k in same}  # not written at all: still the old day
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(CASELOAD, query_string={"alle": "1"}))
    assert _names(page) and "Opgjort" not in page  # every line is known to hold on the day of the refresh


def test_a_whole_organisation_above_the_counting_cap_says_over_and_still_pages_on(app, client, monkeypatch):
    """The total is counted only up to a cap (issue 11: a count over 100,000 rows per request is the slowest part
    of the page); above it the page says "over N" and the pager still leads on, page by page, to the end."""
    from scheduling.services import caseload

    monkeypatch.setattr(caseload, "COUNT_CAP", 100)
    world = _big_world(app, 160)
    log_in_as(client, "caseworker", _responsible_worker(app, world))
    first = html(client.get(CASELOAD, query_string={"alle": "1"}))
    assert "Over 100 personer" in first and "160 personer" not in first and len(_names(first)) == 50
    assert 'rel="next"' in first
    second = html(client.get(CASELOAD, query_string={"alle": "1", "side": "2"}))
    assert "Over 150 personer" in second and 'rel="next"' in second  # counted to one page beyond the one shown
    third = html(client.get(CASELOAD, query_string={"alle": "1", "side": "3"}))
    assert "160 personer" in third and 'rel="next"' in third
    fourth = html(client.get(CASELOAD, query_string={"alle": "1", "side": "4"}))
    assert "160 personer" in fourth and len(_names(fourth)) == 10 and 'rel="next"' not in fourth
    everyone = [name for side in range(1, 5)
                for name in _names(html(client.get(CASELOAD, query_string={"alle": "1", "side": str(side)})))]
    assert sorted(everyone) == sorted(f"Borger {i + 1}" for i in range(160))


def test_my_own_people_are_counted_and_listed_in_one_statement(app, client):
    world = _big_world(app, 120)
    log_in_as(client, "caseworker", _responsible_worker(app, world))
    client.get(CASELOAD)
    with _statements(app) as seen:
        page = html(client.get(CASELOAD, query_string={"side": "2"}))
    caseload_statements = [s for s in seen if "caseload_status" in s]
    assert len(caseload_statements) == 1, caseload_statements
    assert "120 personer" in page and len(_names(page)) == 50
    assert _names(html(client.get(CASELOAD, query_string={"side": "9"}))) == _names(
        html(client.get(CASELOAD, query_string={"side": "3"})))  # past the end: the last page


# ---- rows kept between requests (issue 11, round 11) ---------------------------------------------------------


def _row_of(page: str, name: str) -> str:
    """The table row (``<tr>``) of the person with this name."""
    for row in re.findall(r"<tr>.*?</tr>", page, re.S):
        if f">{name}</a>" in row:
            return row
    raise AssertionError(f"{name} is not in the caseload")


def test_a_row_kept_between_requests_changes_with_its_line_the_day_and_the_language(app, client):
    """The app keeps the caseload's rows under what their lines were made of (the status row, the day, the
    organisation's book-by days, the latest refresh) and the reader's language: a page read again renders only
    what changed. A change to one person's line shows at once in their row and leaves the others as they were; a
    new day writes every row for that day ("Opgjort …": the lines still hold on the day they were computed); the
    English reader gets English rows."""
    whole = CASELOAD + "?alle=1"
    sofie, lars = "Sofie Lund Andersen", "Lars Mikkelsen"
    log_in_as(client, "caseworker", caseworker_id(app, "Birgitte Holm"))
    first = html(client.get(whole))
    assert "Frataget selvbooking" not in _row_of(first, sofie) and "Opgjort" not in first
    assert html(client.get(whole)) == first

    sofie_id = citizen_id(app, sofie)
    with app.extensions["selvbooking_engine"].begin() as connection:
        connection.execute(text("UPDATE caseload_status SET revoked = :yes WHERE citizen_id = :id"),
                           {"yes": True, "id": sofie_id})
    changed = html(client.get(whole))
    assert "Frataget selvbooking" in _row_of(changed, sofie)
    assert _row_of(changed, lars) == _row_of(first, lars)

    app.config["TODAY"] = (date.fromisoformat(app.config["TODAY"]) + timedelta(days=1)).isoformat()
    next_day = html(client.get(whole))
    assert "Opgjort" in _row_of(next_day, sofie) and "Opgjort" in _row_of(next_day, lars)

    assert choose_language(client, "en", page=whole).status_code == 303
    english = html(client.get(whole))
    assert "Self-booking withdrawn" in _row_of(english, sofie) and "Frataget" not in english
