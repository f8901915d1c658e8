"""A caseworker cancels a booked interview their organisation holds, with a required reason: the person is told,
the calendar file becomes a cancellation, the reason is in the history. Demo day 2026-11-25."""

from __future__ import annotations

from icalendar import Calendar
from sqlalchemy import select

from scheduling import demo
from tests.web.booking_helpers import as_citizen
from tests.web.caseworker_helpers import as_caseworker, html, interviews, messages, person, post

REASON = "Sagsbehandleren er syg. Du bliver indkaldt til en ny tid."


def sofies_booked(app):
    (booked,) = [i for i in interviews(app, "Sofie Lund Andersen") if i.status.value == "booket"]
    return booked  # self-booked by phone with A-kassen Fremad on Tuesday 1 December 2026


def cancel_path(app, interview_id: int) -> str:
    return f"{person(app, 'Sofie Lund Andersen')}/samtale/{interview_id}/aflys"


def test_the_person_page_offers_cancelling_a_booked_interview_we_hold(app, client):
    booked = sofies_booked(app)
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Sofie Lund Andersen")))
    assert cancel_path(app, booked.id) in page
    held = [i for i in interviews(app, "Sofie Lund Andersen") if i.status.value != "booket"]
    assert held and all(cancel_path(app, i.id) not in page for i in held)


def test_cancel_with_a_reason_tells_the_person_and_cancels_the_calendar_file(app, client):
    booked = sofies_booked(app)
    as_caseworker(client, app, "Birgitte Holm")
    form = html(client.get(cancel_path(app, booked.id)))
    assert "Hvorfor aflyses samtalen?" in form and "Personen får en besked" in form
    response = post(client, cancel_path(app, booked.id), {"reason": REASON})
    assert response.status_code == 302 and response.headers["Location"].endswith("#kvittering")  # the confirmation in view (issue 14)
    (after,) = [i for i in interviews(app, "Sofie Lund Andersen") if i.id == booked.id]
    assert after.status.value == "aflyst"
    (told,) = [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == booked.id and m.kind == "aflysning"]
    assert "Vi har aflyst" in told.body
    page = html(client.get(person(app, "Sofie Lund Andersen")))
    assert REASON in page  # the reason is in the history
    as_citizen(app, client, demo.SOFIE)
    ics = client.get(f"/kalender/samtale/{booked.id}.ics")
    calendar = Calendar.from_ical(ics.data)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.events[0]["STATUS"]) == "CANCELLED"


def test_cancelling_needs_a_reason(app, client):
    booked = sofies_booked(app)
    as_caseworker(client, app, "Birgitte Holm")
    response = post(client, cancel_path(app, booked.id), {"reason": "  "})
    assert response.status_code == 422 and "Skriv, hvorfor samtalen aflyses" in html(response)
    assert sofies_booked(app).id == booked.id  # still booked
    assert not [m for m in messages(app, "Sofie Lund Andersen") if m.kind == "aflysning"]


def test_an_interview_another_organisation_holds_or_one_no_longer_booked_is_404(app, client):
    booked = sofies_booked(app)
    as_caseworker(client, app, "Louise Kjær")  # Jobcenter Aarhus: not the one holding Sofie's interview
    assert client.get(cancel_path(app, booked.id)).status_code == 404  # she serves Sofie, but Fremad holds it
    as_caseworker(client, app, "Birgitte Holm")
    held = next(i for i in interviews(app, "Sofie Lund Andersen") if i.status.value == "afholdt")
    assert client.get(cancel_path(app, held.id)).status_code == 404
    assert post(client, cancel_path(app, booked.id), {"reason": REASON}).status_code == 302
    assert client.get(cancel_path(app, booked.id)).status_code == 404  # cancelled already


def test_a_jobcenter_cannot_cancel_an_akasse_interview_by_posting(app, client):
    booked = sofies_booked(app)
    as_caseworker(client, app, "Louise Kjær")
    path = cancel_path(app, booked.id)
    response = post(client, path, {"reason": REASON}, form_page="/sagsbehandler/")
    assert response.status_code == 404
    assert sofies_booked(app).id == booked.id


def test_the_cancellation_is_audited_with_the_reason(app, client):
    from scheduling.adapters.orm import AuditRow

    booked = sofies_booked(app)
    as_caseworker(client, app, "Birgitte Holm")
    post(client, cancel_path(app, booked.id), {"reason": REASON})
    with app.extensions["selvbooking_sessions"]() as session:
        (entry,) = session.scalars(
            select(AuditRow).where(AuditRow.action == "cancel", AuditRow.object_id == booked.id)
        ).all()
    assert entry.why == REASON and entry.actor_kind.value == "sagsbehandler"
