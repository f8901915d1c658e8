"""A caseworker's "Optaget tid fra min kalender": an .ics export with recurring, all-day, transparent and
other-timezone events becomes busy times that keep slots from being offered; a broken file changes nothing;
public holidays are shown with their Danish names and never offered."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from sqlalchemy import select

from portal import now
from portal.database import unit_of_work
from scheduling.adapters.orm import BusyTimeRow, CaseworkerRow
from scheduling.course import InterviewKind
from scheduling.demo import SOFIE
from scheduling.slots import COPENHAGEN
from tests.web.calendar_helpers import caseworker_id, citizen_id
from tests.web.helpers import csrf_token, log_in_as

PAGE = "/kalender/optaget-tid"
DAY = date(2026, 12, 8)  # a Tuesday two weeks after the demo day

# Written out as the files come from other programs (CRLF, Outlook-style names, a New York meeting).
EXPORT = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        # Weekly on Tuesdays 9-10 from 1 December, but not on 15 December.
        "BEGIN:VEVENT",
        "UID:weekly@example.com",
        "DTSTAMP:20261101T000000Z",
        "SUMMARY:Teammøde",
        "DTSTART;TZID=Europe/Copenhagen:20261201T090000",
        "DTEND;TZID=Europe/Copenhagen:20261201T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        "EXDATE;TZID=Europe/Copenhagen:20261215T090000",
        "END:VEVENT",
        # All day on Wednesday 9 December.
        "BEGIN:VEVENT",
        "UID:course@example.com",
        "DTSTAMP:20261101T000000Z",
        "SUMMARY:Kursus",
        "DTSTART;VALUE=DATE:20261209",
        "DTEND;VALUE=DATE:20261210",
        "END:VEVENT",
        # Marked free: not busy.
        "BEGIN:VEVENT",
        "UID:free@example.com",
        "DTSTAMP:20261101T000000Z",
        "SUMMARY:Husk at bestille frokost",
        "DTSTART;TZID=Europe/Copenhagen:20261208T120000",
        "DTEND;TZID=Europe/Copenhagen:20261208T130000",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        # 08:00-09:00 in New York is 14:00-15:00 in Copenhagen.
        "BEGIN:VEVENT",
        "UID:newyork@example.com",
        "DTSTAMP:20261101T000000Z",
        "SUMMARY:Call",
        "DTSTART;TZID=America/New_York:20261208T080000",
        "DTEND;TZID=America/New_York:20261208T090000",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
).encode()


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN).astimezone(UTC)


def upload(client, data: bytes, name: str = "kalender.ics"):
    token = csrf_token(client, PAGE)
    return client.post(
        PAGE,
        data={"csrf_token": token, "calendar_file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def stored(app, worker: int) -> list[tuple[datetime, datetime]]:
    with app.app_context():
        from portal.database import session

        return [
            (start, end)
            for start, end in session().execute(
                select(BusyTimeRow.start_at, BusyTimeRow.end_at)
                .where(BusyTimeRow.caseworker_id == worker)
                .order_by(BusyTimeRow.start_at)
            )
        ]


def test_upload_reads_recurring_all_day_transparent_and_other_timezone_events(app, client):
    worker = caseworker_id(app, "Nadia El-Sayed")
    log_in_as(client, "caseworker", worker)
    response = upload(client, EXPORT)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{PAGE}#kvittering")
    assert stored(app, worker) == [
        (local(date(2026, 12, 1), 9), local(date(2026, 12, 1), 10)),
        (local(DAY, 9), local(DAY, 10)),
        (local(DAY, 14), local(DAY, 15)),  # New York 08:00
        (local(date(2026, 12, 9), 0), local(date(2026, 12, 10), 0)),  # the whole day
        # 15 December is excluded; 22 December is the fourth occurrence.
        (local(date(2026, 12, 22), 9), local(date(2026, 12, 22), 10)),
    ]
    page = client.get(PAGE).get_data(as_text=True)
    assert "Kalenderen er læst: 5 tidsrum er markeret som optaget." in page
    assert "tirsdag den 8. december 2026" in page and "14.00–15.00" in page
    assert "Hele dagen" in page
    assert "Teammøde" not in page  # only the times are kept


def test_uploaded_busy_times_remove_slots_from_the_free_slot_search(app, client):
    from scheduling.services.booking import find_free_slots

    person = citizen_id(app, SOFIE)
    with app.app_context():
        before = find_free_slots(unit_of_work(), person, InterviewKind.JOBSAMTALE, DAY, DAY, now(app))
        from portal.database import session

        fremad = (
            session()
            .scalars(
                select(CaseworkerRow.id).where(
                    CaseworkerRow.organisation_id
                    == session().get(CaseworkerRow, caseworker_id(app, "Nadia El-Sayed")).organisation_id
                )
            )
            .all()
        )
    morning = (local(DAY, 9), local(DAY, 10))
    assert any(s.start < morning[1] and morning[0] < s.end for s in before)
    for worker in fremad:  # every caseworker of Sofie's a-kasse has the Tuesday meeting
        log_in_as(client, "caseworker", worker)
        assert upload(client, EXPORT).status_code == 302
    with app.app_context():
        after = find_free_slots(unit_of_work(), person, InterviewKind.JOBSAMTALE, DAY, DAY, now(app))
    assert after and not [s for s in after if s.start < morning[1] and morning[0] < s.end]
    assert not [s for s in after if s.start < local(DAY, 15) and local(DAY, 14) < s.end]


def test_a_broken_file_gets_the_danish_error_and_changes_nothing(app, client):
    worker = caseworker_id(app, "Nadia El-Sayed")
    log_in_as(client, "caseworker", worker)
    upload(client, EXPORT)
    before = stored(app, worker)
    for broken in (
        b"dette er ikke en kalender",
        EXPORT.replace(b"END:VCALENDAR", b""),
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    ):
        response = upload(client, broken)
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert (
            "Filen kunne ikke læses som en kalender" in html or "Kalenderen indeholder ingen aftaler." in html
        )
        assert stored(app, worker) == before


def test_no_file_or_no_csrf_token_changes_nothing(app, client):
    worker = caseworker_id(app, "Nadia El-Sayed")
    log_in_as(client, "caseworker", worker)
    response = client.post(
        PAGE, data={"csrf_token": csrf_token(client, PAGE)}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert "Vælg en kalenderfil (.ics)" in response.get_data(as_text=True)
    no_token = client.post(
        PAGE, data={"calendar_file": (io.BytesIO(EXPORT), "k.ics")}, content_type="multipart/form-data"
    )
    assert no_token.status_code == 400
    assert stored(app, worker) == []


def test_the_page_is_for_caseworkers_and_lists_the_coming_public_holidays_in_danish(app, client):
    log_in_as(client, "citizen", citizen_id(app, SOFIE))
    assert client.get(PAGE).status_code == 403
    log_in_as(client, "caseworker", caseworker_id(app, "Nadia El-Sayed"))
    html = client.get(PAGE).get_data(as_text=True)
    assert "Helligdage tilbydes aldrig som tider." in html
    assert "fredag den 25. december 2026: Juledag" in html
    assert "Anden påskedag" in html
    assert 'enctype="multipart/form-data"' in html and 'name="csrf_token"' in html


def test_public_holidays_are_never_offered(app):
    from scheduling.services.booking import find_free_slots

    with app.app_context():
        slots = find_free_slots(
            unit_of_work(),
            citizen_id(app, SOFIE),
            InterviewKind.JOBSAMTALE,
            date(2026, 12, 21),
            date(2027, 1, 8),
            now(app),
        )
    days = {s.local_date for s in slots}
    assert date(2026, 12, 23) in days
    assert not days & {date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1)}


def test_the_periodic_refresh_fetches_every_configured_address_and_survives_a_failing_one(app, monkeypatch):
    from scheduling.services import calendars

    nadia, kasper = caseworker_id(app, "Nadia El-Sayed"), caseworker_id(app, "Kasper Lindqvist")
    with app.app_context():
        from portal.database import session

        session().get(CaseworkerRow, nadia).busy_ics_url = "https://cal.example.dk/nadia.ics"
        session().get(CaseworkerRow, kasper).busy_ics_url = "https://127.0.0.1/intern.ics"
        session().commit()
    original = calendars.refresh_busy_times_from_url

    def fake_network(uow, worker, at, **kwargs):
        return original(
            uow,
            worker,
            at,
            fetch=lambda url, timeout, size: EXPORT,
            resolve=lambda host: ["127.0.0.1"] if host == "127.0.0.1" else ["93.184.216.34"],
        )

    monkeypatch.setattr(calendars, "refresh_busy_times_from_url", fake_network)
    result = app.test_cli_runner().invoke(args=["calendar", "hent-optaget-tid"])
    assert result.exit_code == 0, result.output
    assert f"caseworker {nadia}: 5 busy intervals" in result.output
    assert f"caseworker {kasper}: Adressen til kalenderen skal pege på en offentlig server" in result.output
    assert len(stored(app, nadia)) == 5 and stored(app, kasper) == []


def test_the_periodic_refresh_gives_each_address_a_time_limit_so_a_stalling_one_cannot_hold_the_others(
    app, monkeypatch
):
    """Issue 9: a server that never answers (or a file that never ends) costs its caseworker's refresh, reported
    in Danish, and the next caseworker is refreshed; the stalled one keeps its earlier busy times."""
    import threading

    from scheduling.services import calendars

    nadia, kasper = caseworker_id(app, "Nadia El-Sayed"), caseworker_id(app, "Kasper Lindqvist")
    with app.app_context():
        from portal.database import session

        session().get(CaseworkerRow, kasper).busy_ics_url = "https://stalls.example.dk/kasper.ics"
        session().get(CaseworkerRow, nadia).busy_ics_url = "https://cal.example.dk/nadia.ics"
        session().commit()
    never = threading.Event()
    original = calendars.refresh_busy_times_from_url

    def fetch(url, timeout, size):
        if "stalls" in url:
            never.wait()
        return EXPORT

    def fake_network(uow, worker, at, **kwargs):
        return original(uow, worker, at, fetch=fetch, resolve=lambda host: ["93.184.216.34"], time_limit=0.2)

    monkeypatch.setattr(calendars, "refresh_busy_times_from_url", fake_network)
    try:
        result = app.test_cli_runner().invoke(args=["calendar", "hent-optaget-tid"])
    finally:
        never.set()
    assert result.exit_code == 0, result.output
    assert f"caseworker {kasper}: Kalenderen kunne ikke hentes og læses inden for 1 sekunder." in result.output
    assert f"caseworker {nadia}: 5 busy intervals" in result.output
    assert stored(app, kasper) == [] and len(stored(app, nadia)) == 5
