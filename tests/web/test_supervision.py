"""Supervision pages (R27, issue 17): an organisation's leader sees its own figures and the people behind a month;
the agency's supervisor sees every organisation, aggregates only (no name, no CPR number, pages or CSV); anyone
else gets 403, another organisation or a forged month 404 with a Danish reason."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.web.caseworker_helpers import as_caseworker, citizen_id, html
from tests.web.helpers import csrf_token, log_in_as
from tests.web.supervision_helpers import (
    AARHUS,
    BIRGITTE,
    BO,
    FIRST_MONTH,
    FREMAD,
    HELLE,
    KAREN,
    LAST_MONTH,
    NORD,
    TORBEN,
    as_leader,
    as_supervisor,
    demo_names_and_cprs,
    figures_of,
    organisation_id,
)


def _rows(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # a byte order mark: Danish spreadsheets read it as UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _month_with_people(app, name: str) -> str:
    counted = [f for f in figures_of(app, name) if f.counted]
    assert counted, f"{name} has nobody counted in the demo's 24 months"
    return f"{counted[-1].month:%Y-%m}"


# ---- who may see what -----------------------------------------------------------------------------------------


def test_R27_a_leader_sees_tilsyn_in_the_menu_and_lands_on_their_own_organisation(app, client):
    as_leader(client, app, HELLE)
    menu = html(client.get("/menu"))
    assert 'href="/tilsyn/"' in menu
    response = client.get("/tilsyn/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/tilsyn/{organisation_id(app, FREMAD)}")
    page = html(client.get(response.headers["Location"]))
    assert "<h1>Tilsyn: A-kassen Fremad</h1>" in page
    assert "Sådan er tallet opgjort" in page


@pytest.mark.parametrize("other", [NORD, AARHUS])
def test_R27_a_leader_sees_only_their_own_organisation(app, client, other):
    as_leader(client, app, HELLE)
    other_id = organisation_id(app, other)
    assert client.get(f"/tilsyn/{other_id}").status_code == 404
    assert client.get(f"/tilsyn/{other_id}/tal.csv").status_code == 404
    assert client.get(f"/tilsyn/{other_id}/{LAST_MONTH}").status_code == 404
    assert client.get(f"/tilsyn/{other_id}/{LAST_MONTH}/personer.csv").status_code == 404
    assert client.get("/tilsyn/999999").status_code == 404
    assert client.get("/tilsyn/oversigt.csv").status_code == 403  # every organisation: the supervisor's only


def test_R27_a_jobcentre_leader_sees_their_jobcentre(app, client):
    as_leader(client, app, KAREN)
    page = html(client.get(f"/tilsyn/{organisation_id(app, AARHUS)}"))
    assert "<h1>Tilsyn: Jobcenter Aarhus</h1>" in page


@pytest.mark.parametrize("name", [BIRGITTE, TORBEN])
def test_R27_caseworkers_and_administrators_without_the_leader_role_get_403(app, client, name):
    as_caseworker(client, app, name)
    fremad = organisation_id(app, FREMAD)
    for path in (
        "/tilsyn/",
        f"/tilsyn/{fremad}",
        f"/tilsyn/{fremad}/tal.csv",
        f"/tilsyn/{fremad}/{LAST_MONTH}",
    ):
        assert client.get(path).status_code == 403, path
    assert 'href="/tilsyn/"' not in html(client.get("/menu"))


def test_R27_a_citizen_gets_403_and_nobody_logged_in_is_sent_to_log_in(app, client):
    response = client.get("/tilsyn/")
    assert response.status_code == 302 and "/log-ind/" in response.headers["Location"]
    log_in_as(client, "citizen", citizen_id(app, "Mette Nørgaard Jensen"))
    assert client.get("/tilsyn/").status_code == 403


def test_R27_the_supervisor_sees_every_akasse_and_jobcentre_with_the_latest_month(app, client):
    as_supervisor(client, app)
    page = html(client.get("/tilsyn/"))
    assert "<h1>Tilsyn</h1>" in page and "oktober 2026" in page
    for name in (FREMAD, NORD, AARHUS, "Jobcenter Roskilde"):
        assert f'<a href="/tilsyn/{organisation_id(app, name)}">{name}</a>' in page
        assert client.get(f"/tilsyn/{organisation_id(app, name)}").status_code == 200
    assert page.index('id="akasse"') < page.index('id="jobcenter"')


def test_R27_the_supervisor_sees_no_person_no_name_and_no_cpr_number(app, client):
    as_supervisor(client, app)
    fremad = organisation_id(app, FREMAD)
    month = _month_with_people(app, FREMAD)
    pages = [client.get(path) for path in ("/tilsyn/", "/tilsyn/oversigt.csv")]
    pages += [client.get(f"/tilsyn/{organisation_id(app, n)}") for n in (FREMAD, NORD, AARHUS)]
    pages += [client.get(f"/tilsyn/{fremad}/tal.csv")]
    forbidden = demo_names_and_cprs(app)
    for response in pages:
        assert response.status_code == 200
        text = html(response)
        assert "/sagsbehandler/borger/" not in text
        for word in forbidden:
            assert word not in text, word
    # the people behind a month are not for the agency at all
    assert client.get(f"/tilsyn/{fremad}/{month}").status_code == 403
    assert client.get(f"/tilsyn/{fremad}/{month}/personer.csv").status_code == 403


def test_the_supervisor_logs_in_with_e_mail_and_password_and_lands_on_tilsyn(app, client):
    from scheduling import demo

    response = client.post(
        "/log-ind/sagsbehandler",
        data={
            "csrf_token": csrf_token(client, "/log-ind/"),
            "email": demo.DEMO_SUPERVISOR.email,
            "password": demo.DEMO_PASSWORD,
        },
    )
    assert response.status_code == 302
    landing = client.get("/")
    assert landing.status_code == 302 and landing.headers["Location"].endswith("/tilsyn/")
    assert "Styrelsen for Arbejdsmarked og Rekruttering" in html(client.get("/tilsyn/"))


def test_the_log_in_page_offers_the_leaders_and_the_supervisor(client):
    page = html(client.get("/log-ind/"))
    assert "Log ind som Helle Kirkegaard" in page and "Log ind som Mona Tilsyn" in page
    assert 'value="supervisor:' in page


# ---- forged addresses -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "26-10", "oktober", "2020-01", "2026-11", "9999-01"])
def test_R27_a_month_that_is_not_one_of_the_figures_is_404_in_danish(app, client, month):
    as_leader(client, app, HELLE)
    fremad = organisation_id(app, FREMAD)
    for path in (f"/tilsyn/{fremad}/{month}", f"/tilsyn/{fremad}/{month}/personer.csv"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Måneden findes ikke i tilsynet" in html(response)
        assert "fra november 2024 til oktober 2026" in html(response)


# ---- the leader's people behind a month -----------------------------------------------------------------------


def test_R27_a_leader_opens_the_people_behind_a_month_and_each_persons_page(app, client):
    as_leader(client, app, HELLE)
    fremad = organisation_id(app, FREMAD)
    month = _month_with_people(app, FREMAD)
    page = html(client.get(f"/tilsyn/{fremad}"))
    assert f'href="/tilsyn/{fremad}/{month}"' in page
    people = html(client.get(f"/tilsyn/{fremad}/{month}"))
    links = re.findall(r'<a href="(/sagsbehandler/borger/\d+)">([^<]+)</a>', people)
    assert links
    for href, name in links:
        person = client.get(href)
        assert person.status_code == 200, (href, name)
        assert name in html(person)


def test_R27_the_leaders_people_csv_has_a_line_per_person(app, client):
    as_leader(client, app, HELLE)
    fremad = organisation_id(app, FREMAD)
    month = _month_with_people(app, FREMAD)
    people = html(client.get(f"/tilsyn/{fremad}/{month}"))
    names = re.findall(r'<a href="/sagsbehandler/borger/\d+">([^<]+)</a>', people)
    response = client.get(f"/tilsyn/{fremad}/{month}/personer.csv")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert rows[0] == ["Navn", "Nåede 3 måneder", "Holdt i tide", "Holdt for sent", "Kravet opfyldt"]
    assert [r[0] for r in rows[1:]] == names
    assert all(r[4] in ("ja", "nej") for r in rows[1:])


# ---- the figures: table, CSV, chart ---------------------------------------------------------------------------


def test_R27_the_figures_csv_has_the_24_months_as_the_table_has_them(app, client):
    as_leader(client, app, BO)
    nord = organisation_id(app, NORD)
    response = client.get(f"/tilsyn/{nord}/tal.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = _rows(response)
    assert rows[0] == [
        "Organisation",
        "Måned",
        "Opgjort",
        "Uden",
        "Andel (%)",
        "Over 20 %",
        "Måneder i træk over 20 %",
        "STAR tager kontakt",
    ]
    body = rows[1:]
    assert [r[1] for r in body][0] == FIRST_MONTH and body[-1][1] == LAST_MONTH and len(body) == 24
    figures = figures_of(app, NORD)
    for row, figure in zip(body, figures, strict=True):
        assert row[0] == NORD
        assert (int(row[2]), int(row[3]), int(row[6])) == (figure.counted, figure.without, figure.in_a_row)
        assert row[5] == ("ja" if figure.above else "nej")
        assert row[7] == ("ja" if figure.star_contacts else "nej")


def test_R27_the_supervisors_csv_has_every_organisations_24_months(app, client):
    as_supervisor(client, app)
    rows = _rows(client.get("/tilsyn/oversigt.csv"))[1:]
    for name in (FREMAD, NORD, AARHUS, "Jobcenter Roskilde"):
        assert [r[1] for r in rows if r[0] == name] == [f"{f.month:%Y-%m}" for f in figures_of(app, name)]


def test_R27_the_chart_is_an_accessible_svg_with_the_20_percent_line_and_the_months_in_a_row_marked(
    app, client
):
    as_leader(client, app, BO)
    page = html(client.get(f"/tilsyn/{organisation_id(app, NORD)}"))
    svg = page[page.index('<svg class="tilsyn-chart"') : page.index("</svg>", page.index("tilsyn-chart"))]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert svg.count('class="tilsyn-limit"') == 1 and "Grænsen: 20 %" in svg
    figures = figures_of(app, NORD)
    assert svg.count('class="tilsyn-mark"') == sum(f.star_contacts for f in figures)
    assert svg.count('class="tilsyn-bar over"') == sum(f.above and f.counted > 0 for f in figures)
    assert page.count('class="tilsyn-contacts"') == sum(f.star_contacts for f in figures)
    # the table beside it: a row a month, newest first
    months = re.findall(r'<tr id="maaned-(\d{4}-\d{2})"', page)
    assert months[0] == LAST_MONTH and months[-1] == FIRST_MONTH and len(months) == 24


# ---- the demo's history (issue 17: the charts show something true) --------------------------------------------


def test_R27_the_demo_has_one_akasse_under_the_line_and_one_over_it_six_months_in_a_row(app):
    fremad, nord = figures_of(app, FREMAD), figures_of(app, NORD)
    assert sum(f.counted > 0 for f in fremad) >= 6 and not any(f.above for f in fremad)
    assert any(f.without for f in fremad)  # under the line, not empty: some months at exactly 20 %
    assert nord[-1].star_contacts and nord[-1].in_a_row >= 6
    assert [f.month for f in nord if f.star_contacts][0] < nord[-1].month


def test_R27_people_whose_course_has_ended_are_listed_without_a_link_to_a_page_that_is_gone(app, client):
    as_leader(client, app, HELLE)
    fremad = organisation_id(app, FREMAD)
    ended = next(f for f in reversed(figures_of(app, FREMAD)[:-1]) if f.counted)
    page = html(client.get(f"/tilsyn/{fremad}/{ended.month:%Y-%m}"))
    assert page.count("Forløbet er afsluttet") == ended.counted
    assert "/sagsbehandler/borger/" not in page
