"""An absence over booked interviews (issue 14, "Safe changes"): it says so before it is saved, lists the
interviews, and saves only when each is moved to a free colleague (same time) or cancelled with a reason the
person is told — all in one transaction. Demo day 2026-11-25 (portal clock 12.00); Birgitte Holm (A-kassen Fremad)
holds Lars's interview tomorrow, Thursday 26 November, and Sofie's on Tuesday 1 December, both at 10.45 (her
interview with Oksana this morning is over; the absence from tomorrow does not touch it)."""

from __future__ import annotations

from scheduling import demo
from tests.web.booking_helpers import as_citizen
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, html, messages, post
from tests.web.helpers import choose_language, open_message
from tests.web.safe_change_helpers import (
    ABSENCE,
    AVAILABILITY,
    TOMORROW,
    TUESDAY,
    absence_form,
    absences,
    add_absence,
    booked_interview,
    booked_with,
    interview,
    offered_colleagues,
)

REASON = "Jeg er på kursus den dag."


def birgitte(app, client) -> tuple[int, int]:
    """Log in as Birgitte; her interviews with Lars (tomorrow) and Sofie (Tuesday)."""
    as_caseworker(client, app, "Birgitte Holm")
    return booked_interview(app, "Birgitte Holm", "Lars Mikkelsen"), booked_interview(app, "Birgitte Holm", "Sofie Lund Andersen")


def busy(app, caseworker: str, day: int, month: int) -> None:
    """The caseworker is away 10.00–12.00 that day (2026), so not free at 10.45 (recorded on the demo day)."""
    from datetime import datetime

    from portal.database import unit_of_work
    from scheduling.services import availability
    from scheduling.slots import COPENHAGEN

    with app.app_context():
        availability.add_absence(unit_of_work(), caseworker_id(app, caseworker),
                                 datetime(2026, month, day, 10, 0, tzinfo=COPENHAGEN),
                                 datetime(2026, month, day, 12, 0, tzinfo=COPENHAGEN),
                                 datetime(2026, 11, 25, 12, 0, tzinfo=COPENHAGEN))


def test_an_absence_over_booked_interviews_shows_them_before_anything_is_saved(app, client):
    lars, sofie = birgitte(app, client)
    response = add_absence(client)
    page = html(response)
    assert response.status_code == 200
    assert "Fraværet rammer bookede samtaler" in page
    assert "Lars Mikkelsen" in page and "Sofie Lund Andersen" in page
    assert "telefonsamtale" in page and "personligt fremmøde" in page
    assert "kl. 10.45" in page
    assert 'name="start_day" value="2026-11-26"' in page  # the absence rides along, hidden
    assert absences(app, "Birgitte Holm") == 0
    assert interview(app, sofie)[0] == "booket" and interview(app, lars)[0] == "booket"


def test_only_free_colleagues_of_the_organisation_are_offered(app, client):
    lars, sofie = birgitte(app, client)
    busy(app, "Nadia El-Sayed", 26, 11)  # e.g. at a course at the time of Lars's interview
    page = html(add_absence(client))
    kasper, nadia = caseworker_id(app, "Kasper Lindqvist"), caseworker_id(app, "Nadia El-Sayed")
    assert kasper not in offered_colleagues(page, sofie)  # on holiday all next week
    assert nadia in offered_colleagues(page, sofie)
    assert nadia not in offered_colleagues(page, lars)  # she is away at the time of Lars's interview
    assert caseworker_id(app, "Birgitte Holm") not in offered_colleagues(page, sofie)


def test_an_absence_without_any_booked_interview_is_saved_at_once(app, client):
    birgitte(app, client)
    response = add_absence(client, first="2026-12-07", last="2026-12-07")
    assert response.status_code == 302
    assert absences(app, "Birgitte Holm") == 1


def test_moving_one_and_cancelling_the_other_saves_everything_and_tells_both_people(app, client):
    lars, sofie = birgitte(app, client)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    _, sequence, _ = interview(app, sofie)
    choices = {f"valg-{sofie}": f"flyt-{nadia}", f"valg-{lars}": "aflys", f"begrundelse-{lars}": REASON}
    response = post(client, ABSENCE, absence_form(**choices), form_page=AVAILABILITY)
    assert response.status_code == 302, html(response)
    assert absences(app, "Birgitte Holm") == 1
    assert interview(app, sofie) == ("booket", sequence + 1, [nadia])  # the calendar file updates
    assert interview(app, lars)[0] == "aflyst"
    (moved,) = [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == sofie and m.kind == "ombooking"]
    assert "holdes nu af Nadia El-Sayed fra A-kassen Fremad" in moved.body  # Fremad shows caseworkers' names
    assert "1. december 2026 kl. 10.45" in moved.body and "du skal ikke gøre noget" in moved.body
    (told,) = [m for m in messages(app, "Lars Mikkelsen") if m.interview_id == lars and m.kind == "aflysning"]
    assert REASON in told.body
    # Lars's self-booking is revoked (R23): he is told he will be called in, not to book himself
    assert "Vi indkalder dig til en ny samtale" in told.body
    assert "Du skal selv booke" not in told.body


def test_the_moved_interviews_calendar_file_is_an_update_of_the_same_event(app, client):
    from icalendar import Calendar

    lars, sofie = birgitte(app, client)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    as_citizen(app, client, demo.SOFIE)
    before = Calendar.from_ical(client.get(f"/kalender/samtale/{sofie}.ics").data).events[0]
    birgitte(app, client)
    choices = {f"valg-{sofie}": f"flyt-{nadia}", f"valg-{lars}": "aflys", f"begrundelse-{lars}": REASON}
    post(client, ABSENCE, absence_form(**choices), form_page=AVAILABILITY)
    as_citizen(app, client, demo.SOFIE)
    after = Calendar.from_ical(client.get(f"/kalender/samtale/{sofie}.ics").data).events[0]
    assert str(after["UID"]) == str(before["UID"]) and after["DTSTART"].dt == before["DTSTART"].dt
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_a_cancelled_interview_of_a_person_who_self_books_says_book_again(app, client):
    lars, sofie = birgitte(app, client)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    choices = {f"valg-{sofie}": "aflys", f"begrundelse-{sofie}": REASON, f"valg-{lars}": "aflys",
               f"begrundelse-{lars}": REASON}
    assert post(client, ABSENCE, absence_form(**choices), form_page=AVAILABILITY).status_code == 302
    (told,) = [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == sofie and m.kind == "aflysning"]
    assert "Du skal selv booke en ny samtale" in told.body
    assert nadia not in interview(app, sofie)[2]


def test_the_person_reads_the_cancellation_in_danish_and_in_english(app, client):
    lars, sofie = birgitte(app, client)
    choices = {f"valg-{sofie}": "aflys", f"begrundelse-{sofie}": REASON, f"valg-{lars}": "aflys",
               f"begrundelse-{lars}": REASON}
    post(client, ABSENCE, absence_form(**choices), form_page=AVAILABILITY)
    (told,) = [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == sofie and m.kind == "aflysning"]
    as_citizen(app, client, demo.SOFIE)
    danish = html(open_message(client, told.id))
    assert "Vi har aflyst din jobsamtale" in danish and REASON in danish and "Mine samtaler" in danish
    choose_language(client, "en", page="/borger/beskeder")
    english = html(open_message(client, told.id))
    assert "Vi har aflyst" not in english
    assert REASON in english  # the caseworker's own words, as written
    assert "cancelled" in english.lower() and "book a new interview" in english.lower()


def test_the_person_reads_the_move_in_english_too(app, client):
    lars, sofie = birgitte(app, client)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    choices = {f"valg-{sofie}": f"flyt-{nadia}", f"valg-{lars}": "aflys", f"begrundelse-{lars}": REASON}
    post(client, ABSENCE, absence_form(**choices), form_page=AVAILABILITY)
    (moved,) = [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == sofie and m.kind == "ombooking"]
    as_citizen(app, client, demo.SOFIE)
    choose_language(client, "en", page="/borger/beskeder")
    english = html(open_message(client, moved.id))
    assert "another caseworker" in english and "holdes" not in english


def test_every_interview_needs_a_choice_and_a_cancellation_a_reason(app, client):
    lars, sofie = birgitte(app, client)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    response = post(client, ABSENCE, absence_form(**{f"valg-{sofie}": f"flyt-{nadia}", f"valg-{lars}": "aflys"}),
                    form_page=AVAILABILITY)
    page = html(response)
    assert response.status_code == 422
    assert "Skriv begrundelsen til personen" in page
    assert f'value="flyt-{nadia}" checked' in page  # what was chosen is kept
    response = post(client, ABSENCE, absence_form(**{f"valg-{sofie}": f"flyt-{nadia}"}), form_page=AVAILABILITY)
    assert response.status_code == 422 and "Vælg, hvad der skal ske med samtalen" in html(response)
    assert absences(app, "Birgitte Holm") == 0
    assert interview(app, sofie)[2] == [caseworker_id(app, "Birgitte Holm")]


def test_a_colleague_booked_a_moment_ago_refuses_the_whole_change(app, client):
    lars, sofie = birgitte(app, client)
    nadia = caseworker_id(app, "Nadia El-Sayed")
    assert nadia in offered_colleagues(html(add_absence(client)), sofie)
    busy(app, "Nadia El-Sayed", 1, 12)  # meanwhile Nadia becomes busy at the time of Sofie's interview
    _, sequence, _ = interview(app, sofie)
    choices = {f"valg-{sofie}": f"flyt-{nadia}", f"valg-{lars}": "aflys", f"begrundelse-{lars}": REASON}
    response = post(client, ABSENCE, absence_form(**choices), form_page=AVAILABILITY)
    page = html(response)
    assert response.status_code == 409
    assert "Nadia El-Sayed er ikke længere ledig" in page and "Intet er gemt" in page
    assert nadia not in offered_colleagues(page, sofie)  # the step shows who is free now
    assert absences(app, "Birgitte Holm") == 0
    assert interview(app, sofie) == ("booket", sequence, [caseworker_id(app, "Birgitte Holm")])
    assert interview(app, lars)[0] == "booket"
    assert not [m for m in messages(app, "Lars Mikkelsen") if m.interview_id == lars and m.kind == "aflysning"]


def test_a_forged_interview_id_or_a_colleague_of_another_organisation_writes_nothing(app, client):
    lars, sofie = birgitte(app, client)
    other_org = caseworker_id(app, "Louise Kjær")  # Jobcenter Aarhus
    forged = {f"valg-{sofie}": "aflys", f"begrundelse-{sofie}": REASON, f"valg-{lars}": "aflys",
              f"begrundelse-{lars}": REASON, "valg-999999": "aflys", "begrundelse-999999": REASON}
    response = post(client, ABSENCE, absence_form(**forged), form_page=AVAILABILITY)
    assert response.status_code == 422 and "ændringen ikke rammer" in html(response)
    foreign = {f"valg-{sofie}": f"flyt-{other_org}", f"valg-{lars}": "aflys", f"begrundelse-{lars}": REASON}
    response = post(client, ABSENCE, absence_form(**foreign), form_page=AVAILABILITY)
    assert response.status_code == 422 and "findes ikke i din organisation" in html(response)
    (elsewhere, _), *_ = booked_with(app, "Rikke Dahl")  # an interview of another a-kasse
    other = {f"valg-{sofie}": "aflys", f"begrundelse-{sofie}": REASON, f"valg-{lars}": "aflys",
             f"begrundelse-{lars}": REASON, f"valg-{elsewhere}": "aflys", f"begrundelse-{elsewhere}": REASON}
    response = post(client, ABSENCE, absence_form(**other), form_page=AVAILABILITY)
    assert response.status_code == 422 and "ændringen ikke rammer" in html(response)
    assert interview(app, elsewhere)[0] == "booket"
    garbled = {f"valg-{sofie}": "flyt-abc", f"valg-{lars}": "slet"}
    response = post(client, ABSENCE, absence_form(**garbled), form_page=AVAILABILITY)
    assert response.status_code == 422 and "Valget kunne ikke læses" in html(response)
    assert absences(app, "Birgitte Holm") == 0
    assert interview(app, sofie)[0] == "booket" and interview(app, lars)[0] == "booket"
    assert not [m for m in messages(app, "Sofie Lund Andersen") if m.interview_id == sofie and m.kind == "aflysning"]


def test_the_confirmation_step_is_in_english_for_an_english_caseworker(app, client):
    birgitte(app, client)
    choose_language(client, "en", page=AVAILABILITY)
    page = html(add_absence(client))
    assert "The absence affects booked interviews" in page and "Cancel the interview" in page
    assert TOMORROW and TUESDAY  # the days asked about: from tomorrow to the demo's next Tuesday
