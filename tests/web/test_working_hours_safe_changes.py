"""New working hours that leave booked interviews outside them (issue 14, "Safe changes") warn the same way as
an absence: the interviews are listed, and each is moved to a free colleague, cancelled with a reason, or kept —
an interview already agreed may still be held outside the new hours when the caseworker says so. Demo day
2026-11-25; Birgitte Holm (A-kassen Fremad) holds Lars's and Sofie's interviews on 26 November (tomorrow) and
1 December at 10.45 (Oksana's this morning is over by the portal's 12.00), and works Monday to Thursday 8.30–15.00, Friday 8.30–14.00."""

from __future__ import annotations

from tests.web.caseworker_helpers import as_caseworker, caseworker_id, html, messages, post
from tests.web.safe_change_helpers import (
    ABSENCE,
    AVAILABILITY,
    HOURS,
    absence_form,
    absences,
    booked_interview,
    hours_form,
    interview,
    offered_colleagues,
)

MORNINGS = {str(day): ("08:30", "10:00") for day in range(5)}


def lars_and_sofie(app) -> tuple[int, int]:
    """Birgitte's coming interviews: Lars's tomorrow and Sofie's on Tuesday."""
    return booked_interview(app, "Birgitte Holm", "Lars Mikkelsen"), booked_interview(app, "Birgitte Holm", "Sofie Lund Andersen")


def working_hours(app) -> list[tuple[int, str, str]]:
    from scheduling.adapters.orm import WorkingHoursRow

    with app.extensions["selvbooking_sessions"]() as session:
        rows = session.query(WorkingHoursRow).filter_by(caseworker_id=caseworker_id(app, "Birgitte Holm"))
        return sorted((r.weekday, r.start_time.isoformat("minutes"), r.end_time.isoformat("minutes")) for r in rows)


def test_new_hours_that_leave_booked_interviews_outside_list_them_and_save_nothing(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    before = working_hours(app)
    response = post(client, HOURS, hours_form(**MORNINGS), form_page=AVAILABILITY)
    page = html(response)
    assert response.status_code == 200
    assert "Den nye arbejdstid rammer bookede samtaler" in page
    assert "Lars Mikkelsen" in page and "Sofie Lund Andersen" in page
    assert "Behold samtalen" in page
    assert working_hours(app) == before


def test_keeping_the_interviews_saves_the_new_hours_and_leaves_them_as_they_are(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    lars, sofie = lars_and_sofie(app)
    before = interview(app, sofie), interview(app, lars)
    data = {**hours_form(**MORNINGS), "bekraeft": "ja", f"valg-{lars}": "behold", f"valg-{sofie}": "behold"}
    response = post(client, HOURS, data, form_page=AVAILABILITY)
    assert response.status_code == 302, html(response)
    assert working_hours(app) == [(day, "08:30", "10:00") for day in range(5)]
    assert (interview(app, sofie), interview(app, lars)) == before
    assert not [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == sofie and m.kind == "ombooking"]


def test_moving_one_and_keeping_the_other(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    lars, sofie = lars_and_sofie(app)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    page = html(post(client, HOURS, hours_form(**MORNINGS), form_page=AVAILABILITY))
    assert nadia in offered_colleagues(page, sofie)
    data = {**hours_form(**MORNINGS), "bekraeft": "ja", f"valg-{lars}": "behold", f"valg-{sofie}": f"flyt-{nadia}"}
    assert post(client, HOURS, data, form_page=AVAILABILITY).status_code == 302
    assert interview(app, sofie)[2] == [nadia]
    assert interview(app, lars)[2] == [caseworker_id(app, "Birgitte Holm")]


def test_hours_that_still_hold_every_interview_are_saved_at_once(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    afternoons_off = {str(day): ("08:30", "12:00") for day in range(5)}
    assert post(client, HOURS, hours_form(**afternoons_off), form_page=AVAILABILITY).status_code == 302
    assert working_hours(app) == [(day, "08:30", "12:00") for day in range(5)]


def test_keeping_is_not_a_choice_for_an_absence(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    lars, sofie = lars_and_sofie(app)
    page = html(post(client, ABSENCE, absence_form(), form_page=AVAILABILITY))
    assert "Behold samtalen" not in page
    data = absence_form(**{f"valg-{lars}": "behold", f"valg-{sofie}": "behold"})
    response = post(client, ABSENCE, data, form_page=AVAILABILITY)
    assert response.status_code == 422 and "Flyt eller aflys samtalen" in html(response)
    assert absences(app, "Birgitte Holm") == 0
