"""The person page checks the caseworker's log-in in its own audit statement (issue 11, round 11).

A caseworker whose account the app has read before begins the person page from that account, without a log-in
statement of its own; the page's audit line is written only for an active caseworker whose session version is the
session's and whose organisation serves the person, and the statement reads the caseworker's name, roles and
organisation. So whatever happened to the account since the last request shows at once, as with the log-in check
every other page makes: disabled or logged out elsewhere, the caseworker is sent to log in and nothing is written;
moved to an organisation that does not serve the person, they get 404 and nothing is written; made a leader, their
page says so (tests/web/test_page_cache.py). On SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.web.caseworker_helpers import as_caseworker, citizen_id

SOFIE = "Sofie Lund Andersen"
BIRGITTE = "Birgitte Holm"


def _sql(app, statement: str, **params) -> None:
    with app.extensions["selvbooking_engine"].begin() as connection:
        connection.execute(text(statement), params)


def _scalar(app, statement: str, **params):
    with app.extensions["selvbooking_engine"].connect() as connection:
        return connection.execute(text(statement), params).scalar()


def _look_ups(app) -> int:
    return _scalar(app, "SELECT count(*) FROM audit_log WHERE citizen_id = :id AND action = 'cpr_viewed'",
                   id=citizen_id(app, SOFIE))


def _viewed_twice(app):
    """Birgitte logged in, her person page on Sofie read twice (the second begins from her account as read)."""
    client = app.test_client()
    as_caseworker(client, app, BIRGITTE)
    path = f"/sagsbehandler/borger/{citizen_id(app, SOFIE)}"
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200 and SOFIE in response.get_data(as_text=True)
    return client, path


def _sent_to_log_in_and_nothing_written(app, change: str) -> None:
    client, path = _viewed_twice(app)
    before = _look_ups(app)
    _sql(app, change, name=BIRGITTE)
    response = client.get(path)
    assert response.status_code == 302 and "/log-ind" in response.headers["Location"], response.status_code
    assert _look_ups(app) == before, "an audit line was written for a caseworker no longer logged in"
    # the session is gone: the next page (any page) sends her to log in too
    assert client.get("/sagsbehandler/").status_code == 302


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE caseworkers SET disabled = TRUE WHERE name = :name",
        "UPDATE caseworkers SET session_version = session_version + 1 WHERE name = :name",
    ],
    ids=["disabled", "logged out elsewhere"],
)
def test_a_caseworker_disabled_or_logged_out_since_their_last_page_is_sent_to_log_in_and_nothing_is_written(
    app, change
):
    _sent_to_log_in_and_nothing_written(app, change)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "change",
    [
        "UPDATE caseworkers SET disabled = TRUE WHERE name = :name",
        "UPDATE caseworkers SET session_version = session_version + 1 WHERE name = :name",
    ],
    ids=["disabled", "logged out elsewhere"],
)
def test_on_postgresql_a_caseworker_disabled_or_logged_out_since_is_sent_to_log_in_and_nothing_is_written(
    postgres_app, change
):
    _sent_to_log_in_and_nothing_written(postgres_app, change)


def _moved_away(app) -> None:
    client, path = _viewed_twice(app)
    before = _look_ups(app)
    other = _scalar(app, "SELECT id FROM organisations WHERE id NOT IN (SELECT akasse_id FROM citizens WHERE "
                         "name = :sofie UNION SELECT jobcenter_id FROM citizens WHERE name = :sofie) ORDER BY id "
                         "LIMIT 1", sofie=SOFIE)
    _sql(app, "UPDATE caseworkers SET organisation_id = :other WHERE name = :name", other=other, name=BIRGITTE)
    assert client.get(path).status_code == 404
    assert _look_ups(app) == before
    assert client.get("/sagsbehandler/").status_code == 200  # still logged in, now in the other organisation


def test_a_caseworker_moved_to_an_organisation_that_does_not_serve_the_person_gets_404_and_nothing_is_written(app):
    _moved_away(app)


@pytest.mark.postgres
def test_on_postgresql_a_caseworker_moved_away_gets_404_and_nothing_is_written(postgres_app):
    _moved_away(postgres_app)


def _organisation_renamed(app) -> None:
    client, path = _viewed_twice(app)
    _sql(app, "UPDATE organisations SET name = 'A-kassen Omdøbt' WHERE id = "
              "(SELECT organisation_id FROM caseworkers WHERE name = :name)", name=BIRGITTE)
    response = client.get(path)
    assert response.status_code == 200
    header = response.get_data(as_text=True).split("<main", 1)[0]
    assert "A-kassen Omdøbt" in header and "A-kassen Fremad" not in header


def test_a_change_to_the_caseworkers_organisation_since_their_last_page_shows_at_once(app):
    """The account the page begins from holds the organisation's view as it was read; everyone's page version,
    which the audit statement reads, says whether it still is."""
    _organisation_renamed(app)


@pytest.mark.postgres
def test_on_postgresql_a_change_to_the_caseworkers_organisation_since_shows_at_once(postgres_app):
    _organisation_renamed(postgres_app)
