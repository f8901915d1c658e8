"""Input that used to break pages (issue 9): far-off dates typed into forms or already stored, ids and dates in
URLs outside what the database and the calendar can hold, and request bodies far larger than any form.

Each answers 4xx with a Danish page, or the page works; never a 500. The PostgreSQL variants run with
``SELVBOOKING_TEST_POSTGRES_URL`` set (the session's own database, seeded with the demo world per test).
"""

from __future__ import annotations

import importlib
import inspect
import io
from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from wtforms import DateField as WTFormsDateField

from scheduling.adapters.orm import ControlActionRow, CourseRow, ExemptionRow, HourEntryRow
from scheduling.demo import SOFIE
from scheduling.services.errors import InvalidInput
from tests.web.booking_helpers import as_citizen, choose_kind
from tests.web.booking_helpers import citizen_id as citizen_id_of
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, html, person, post
from tests.web.helpers import DEMO_TODAY, log_in_as

OUT_OF_RANGE = "Skriv en dato mellem 1. januar 1900 og 31. december 2100."


# ---- dates typed into forms ------------------------------------------------------------------------------------


def test_every_date_field_of_the_portal_checks_the_range():
    """Each form class of every blueprint: its date fields are portal.forms.DateField (1900–2100)."""
    from portal.forms import DateField, Form

    unbounded = []
    for module_name in (
        "portal.auth.forms",
        "portal.calendar.forms",
        "portal.caseworker.forms",
        "portal.citizen.forms",
    ):
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, Form):
                continue
            for field_name, field in vars(form).items():
                field_class = getattr(field, "field_class", None)
                if (
                    field_class
                    and issubclass(field_class, WTFormsDateField)
                    and not issubclass(field_class, DateField)
                ):
                    unbounded.append(f"{module_name}.{name}.{field_name}")
    assert unbounded == []


def _exemptions(app) -> int:
    with app.extensions["selvbooking_sessions"]() as session:
        return len(session.scalars(select(ExemptionRow)).all())


def test_R26_an_exemption_with_the_event_on_year_1_is_refused_on_the_field_and_nothing_is_written(
    app, client
):
    as_caseworker(client, app, "Birgitte Holm")
    before = _exemptions(app)
    path = person(app, "Sofie Lund Andersen") + "/fritagelse"
    response = post(client, path, {"ground": "nr4", "starts_on": "2026-11-25", "event_on": "0001-01-01"})
    assert response.status_code == 422 and OUT_OF_RANGE in html(response)
    assert _exemptions(app) == before
    assert client.get(person(app, "Sofie Lund Andersen")).status_code == 200


@pytest.mark.parametrize(
    ("who", "path", "form_page", "data"),
    [
        ("Birgitte Holm", "{person}/kontrolaktion", None, {"received_on": "0001-01-01"}),
        ("Birgitte Holm", "{person}/fritagelse", None, {"ground": "nr2", "starts_on": "1899-12-31"}),
        (
            "Birgitte Holm",
            "{person}/fritagelse",
            None,
            {"ground": "nr3", "starts_on": "2026-11-25", "ends_on": "9999-12-31"},
        ),
        (
            "Birgitte Holm",
            "{person}/timer",
            None,
            {
                "registered_on": "2026-11-20",
                "period_start": "0001-01-01",
                "period_end": "2026-10-31",
                "hours": "10",
            },
        ),
        (
            "Birgitte Holm",
            "/sagsbehandler/tilgaengelighed/fravaer",
            "/sagsbehandler/tilgaengelighed",
            {"start_day": "2026-12-01", "end_day": "2101-01-01"},
        ),
        (
            "Louise Kjær",
            "/sagsbehandler/tidsrum/foreslaa",
            "/sagsbehandler/tidsrum",
            {
                "weekday": "0",
                "start": "09:00",
                "end": "10:00",
                "valid_from": "9999-01-04",
                "akasse_participation": "video",
            },
        ),
    ],
)
def test_a_far_off_date_in_any_caseworker_form_is_refused_on_the_field(
    app, client, who, path, form_page, data
):
    as_caseworker(client, app, who)
    target = path.format(person=person(app, "Sofie Lund Andersen"))
    response = post(client, target, data, form_page=form_page)
    assert response.status_code in (400, 422), html(response)[:300]
    assert OUT_OF_RANGE in html(response)


def test_the_services_refuse_far_off_dates_themselves_with_the_danish_message(app):
    """Behind the forms: a service called with a date from outside (another system, a script) says why."""
    from portal import now
    from portal.database import unit_of_work
    from scheduling.course import ExemptionGround
    from scheduling.services.registrations import register_exemption

    worker = caseworker_id(app, "Birgitte Holm")
    with app.app_context(), pytest.raises(InvalidInput) as raised:
        register_exemption(
            unit_of_work(),
            worker,
            citizen_id_of(app, SOFIE),
            ExemptionGround.NR1_JOB_LEAVE_OR_PENSION,
            date(2026, 11, 25),
            now(),
            event_on=date.min,
        )
    assert raised.value.reason.render() == OUT_OF_RANGE


# ---- far-off dates already stored ------------------------------------------------------------------------------


def _store_extreme_facts(app) -> None:
    """Facts with the first and last days Python knows, written straight into the database (as before the fix,
    or by another system), for Sofie (A-kassen Fremad, Jobcenter Aarhus)."""
    with app.extensions["selvbooking_sessions"]() as session:
        course = session.scalar(select(CourseRow).where(CourseRow.citizen_id == citizen_id_of(app, SOFIE)))
        stamp = datetime.fromisoformat(f"{DEMO_TODAY}T09:00+00:00")
        session.add_all(
            [
                ExemptionRow(
                    course_id=course.id,
                    ground="nr1",
                    starts_on=date(2026, 11, 1),
                    event_on=date.min,
                    registered_at=stamp,
                ),
                ExemptionRow(
                    course_id=course.id,
                    ground="nr3",
                    starts_on=date.min,
                    ends_on=date.max,
                    event_on=date.max,
                    registered_at=stamp,
                ),
                ControlActionRow(
                    course_id=course.id, received_on=date.min, stay_abroad=True, registered_at=stamp
                ),
                HourEntryRow(
                    course_id=course.id,
                    registered_on=date(2026, 11, 2),
                    period_start=date.min,
                    period_end=date(2026, 10, 31),
                    hours=300,
                    kind="dagpenge",
                    registered_at=stamp,
                ),
            ]
        )
        session.commit()


def _pages_answer(app, client) -> None:
    _store_extreme_facts(app)
    as_caseworker(client, app, "Birgitte Holm")
    for path in (
        person(app, "Sofie Lund Andersen"),
        person(app, "Sofie Lund Andersen") + "/indkald",
        "/sagsbehandler/",
    ):
        assert client.get(path).status_code == 200, path
    as_caseworker(client, app, "Louise Kjær")
    assert client.get("/sagsbehandler/").status_code == 200
    as_citizen(app, client, SOFIE)
    for path in ("/borger/", "/borger/book", "/borger/book/tid"):
        assert client.get(path).status_code < 500, path


def test_a_fact_with_an_extreme_date_in_the_database_does_not_break_any_page(app, client):
    _pages_answer(app, client)


@pytest.mark.postgres
def test_a_fact_with_an_extreme_date_in_postgresql_does_not_break_any_page(postgres_app):
    _pages_answer(postgres_app, postgres_app.test_client())


# ---- ids and dates in URLs -------------------------------------------------------------------------------------

HUGE_IDS = ["2147483648", "99999999999999999999", "0", "9" * 5000]


def _every_id_route(app) -> list[tuple[str, str]]:
    """(method, path with ``{id}``) for every route with an ``<int:…>`` in it."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<int:{argument}>", "{id}").replace(
                f"<any(spaer, aaben):{argument}>", "spaer"
            )
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, path))
    return routes


def _ids_in_urls_answer_404(app) -> None:
    client = app.test_client()
    routes = _every_id_route(app)
    assert len(routes) > 20
    for who, row in (
        ("caseworker", caseworker_id(app, "Birgitte Holm")),
        ("citizen", citizen_id_of(app, SOFIE)),
    ):
        log_in_as(client, who, row)
        for method, path in routes:
            for huge in HUGE_IDS:
                response = client.open(path.replace("{id}", huge), method=method)
                assert response.status_code == 404, (method, path, huge, response.status_code)
                if path.startswith("/api/"):  # the integration API answers machines: a problem, not a page
                    assert response.mimetype == "application/problem+json", (method, path, huge)
                    assert response.get_json()["title"] == "Findes ikke"
                else:
                    assert "Siden findes ikke" in html(response)
        assert client.get("/borger/beskeder/2147483647").status_code in (
            403,
            404,
        )  # the largest id: not found


def test_ids_outside_the_database_range_in_any_url_answer_404_on_sqlite(app):
    _ids_in_urls_answer_404(app)


@pytest.mark.postgres
def test_ids_outside_the_database_range_in_any_url_answer_404_on_postgresql(postgres_app):
    _ids_in_urls_answer_404(postgres_app)


@pytest.mark.parametrize("day", ["9999-12-25", "9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_far_off_week_in_the_caseworkers_call_in_page_is_a_400(app, client, day):
    as_caseworker(client, app, "Birgitte Holm")
    response = client.get(person(app, "Sofie Lund Andersen") + f"/indkald?fra={day}")
    assert response.status_code == 400 and "Forespørgslen kunne ikke bruges" in html(response)


@pytest.mark.parametrize(
    "start", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"]
)
def test_a_far_off_time_posted_to_the_call_in_page_is_refused_not_a_500(app, client, start):
    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Sofie Lund Andersen") + "/indkald"
    response = post(client, path, {"kind": "jobsamtale", "start": start, "format": "personligt_fremmoede"})
    assert response.status_code in (400, 422)


@pytest.mark.parametrize(
    "query",
    [
        "/borger/book/tid?uge=9999-12-25",
        "/borger/book/tid?uge=0001-01-01",
        "/borger/book/tid?uge=9999-12-31",
        "/borger/samtaler/{interview}/flyt/bekraeft?start=9999-12-31T23:59:59%2B00:00",
        "/borger/samtaler/{interview}/flyt/bekraeft?start=0001-01-01T00:00:00%2B05:00",
        "/borger/samtaler/{interview}/flyt?uge=9999-12-31",
    ],
)
def test_far_off_weeks_and_times_in_the_citizens_urls_are_a_400_or_404(app, client, query):
    as_citizen(app, client, SOFIE)
    with app.extensions["selvbooking_sessions"]() as session:
        interview = session.execute(
            text("SELECT id FROM interviews WHERE citizen_id = :c ORDER BY id DESC"),
            {"c": citizen_id_of(app, SOFIE)},
        ).scalar()
    choose_kind(client, "jobsamtale")
    response = client.get(query.format(interview=interview))
    assert response.status_code in (400, 404, 409), response.status_code


# ---- request bodies --------------------------------------------------------------------------------------------


class HundredMegabytes(io.RawIOBase):
    """A 100 MB request body of zeros that exists only as a length: it counts what the server reads of it."""

    SIZE = 100 * 1024 * 1024

    def __init__(self) -> None:
        self.position = 0
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = {0: 0, 1: self.position, 2: self.SIZE}[whence] + offset
        return self.position

    def readinto(self, buffer) -> int:
        size = max(0, min(len(buffer), self.SIZE - self.position))
        buffer[:size] = bytes(size)
        self.position += size
        self.read_bytes += size
        return size


@pytest.mark.parametrize("path", ["/kalender/optaget-tid", "/log-ind/sagsbehandler", "/borger/book"])
def test_a_100_mb_body_is_refused_with_413_before_it_is_read(app, client, path):
    as_caseworker(client, app, "Birgitte Holm")
    body = HundredMegabytes()
    response = client.post(path, input_stream=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert "Filen eller formularen er for stor" in html(response)
    assert body.read_bytes < 1024 * 1024  # refused on the declared length, not after reading


def test_the_limit_leaves_room_for_the_largest_calendar_upload(app):
    from scheduling.calendar.busy import MAX_BYTES

    assert app.config["MAX_CONTENT_LENGTH"] > MAX_BYTES + 64 * 1024


@pytest.mark.parametrize("raw", ["99999999999999999999", "2147483648", "0", "9" * 5000, "١٢"])
def test_a_huge_id_in_the_demo_log_in_is_a_400_not_a_500(client, raw):
    from tests.web.helpers import csrf_token

    token = csrf_token(client, "/log-ind/")
    response = client.post("/log-ind/demo", data={"csrf_token": token, "who": f"citizen:{raw}"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("raw", "matches"),
    [("1", True), ("9", True), ("999999999", True), ("1000000000", True), ("2147483599", True), ("2147483647", True),
     ("2147483648", False), ("2147483650", False), ("2200000000", False), ("9999999999", False), ("0", False),
     ("01", False), ("-1", False), ("12345678901", False)],
)
def test_the_id_pattern_admits_exactly_1_to_the_largest_integer(raw, matches):
    import re

    from portal.urls import IdConverter

    assert bool(re.fullmatch(IdConverter.regex, raw)) is matches
