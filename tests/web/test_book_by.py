"""The booking deadline (issue 3, as on Jobnet): the person sees "Book senest <dato>" for what they are to book,
and the caseworker sees who let it pass with nothing booked, as a signal. Demo day 2026-11-25."""

from __future__ import annotations

from sqlalchemy import update

from scheduling import demo
from tests.web.booking_helpers import as_citizen, interviews_of, main, token
from tests.web.caseworker_helpers import as_caseworker, html

CASELOAD = "/sagsbehandler/"
ALL = "/sagsbehandler/?alle=1"  # the whole organisation (a caseworker sees their own people by default)
SIGNAL = "Ikke booket inden fristen – overvej at indkalde"


def set_book_by_days(app, organisation: str, days: int) -> None:
    from scheduling.adapters.orm import OrganisationRow

    with app.extensions["selvbooking_sessions"]() as session:
        session.execute(update(OrganisationRow).where(OrganisationRow.name == organisation).values(book_by_days=days))
        session.commit()


def overview(client) -> str:
    return main(client.get("/borger/").get_data(as_text=True))


def test_book_by_is_the_organisations_days_before_the_due_date(app, client):
    as_citizen(app, client, demo.MIKKEL)  # R8: three jobcenter interviews by 9 January 2027, nothing booked
    assert "Book senest 1. januar 2027" in overview(client)  # 8 days before, Jobcenter Aarhus's setting
    set_book_by_days(app, "Jobcenter Aarhus", 14)
    assert "Book senest 26. december 2026" in overview(client)


def test_nothing_to_book_by_when_an_interview_is_booked(app, client):
    cid = as_citizen(app, client, demo.SOFIE)  # her a-kasse interview on 1 December is booked
    assert "Book senest" not in overview(client)
    (booked,) = [i for i in interviews_of(app, cid) if i.status.value == "booket"]
    response = client.post(f"/borger/samtaler/{booked.id}/aflys", data={"csrf_token": token(client, "/borger/")})
    assert response.status_code == 302
    assert "Book senest" in overview(client)


def test_nothing_to_book_by_for_a_person_who_is_called_in_r19_r23(app, client):
    for person in (demo.METTE, demo.LARS):
        as_citizen(app, client, person)
        assert "Book senest" not in overview(client)


def test_a_passed_book_by_day_asks_the_person_to_book_at_once(app, client):
    set_book_by_days(app, "Jobcenter Aarhus", 60)  # 9 January 2027 less 60 days: 10 November 2026
    as_citizen(app, client, demo.MIKKEL)
    page = overview(client)
    assert "Fristen for at booke var 10. november 2026. Book en samtale hurtigst muligt." in page
    assert "Book senest 10. november 2026" not in page


def test_caseload_signals_a_passed_book_by_day_with_nothing_booked(app, client):
    as_caseworker(client, app, "Louise Kjær")  # Jobcenter Aarhus: Mikkel
    assert SIGNAL not in html(client.get(ALL))
    set_book_by_days(app, "Jobcenter Aarhus", 60)
    page = html(client.get(ALL))
    row = page[page.index("Mikkel Skov Rasmussen"):].split("</tr>", 1)[0]
    assert SIGNAL in row and "fristen for at booke var 10. november 2026" in row
    assert "/indkald" not in row  # a signal for the caseworker's assessment, not an action
    camilla = page[page.index("Camilla Frost Nielsen"):].split("</tr>", 1)[0]
    assert SIGNAL not in camilla  # exempt (R26): nothing is due


def test_the_signal_uses_the_caseworkers_own_organisations_setting(app, client):
    set_book_by_days(app, "A-kassen Fremad", 60)  # Mikkel's a-kasse: its setting is not the jobcenter's deadline
    as_caseworker(client, app, "Louise Kjær")
    assert SIGNAL not in html(client.get(ALL))
    as_citizen(app, client, demo.MIKKEL)
    assert "Book senest 1. januar 2027" in overview(client)
