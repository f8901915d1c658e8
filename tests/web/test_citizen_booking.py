"""The booking step guide, rebooking and cancelling through the Flask test client, rule by rule."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from portal import now
from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.web.booking_helpers import (
    NEXT_WEEK,
    as_citizen,
    book,
    booking_token,
    choose_format,
    choose_kind,
    choose_slot,
    citizen_id,
    confirm,
    interviews_of,
    main,
    offered_slots,
    token,
)
from tests.web.helpers import csrf_token

# ---- booking ----------------------------------------------------------------------------------------------------


def test_R16_R20_sofie_books_a_phone_interview_with_her_akasse_and_gets_a_binding_receipt(app, client):
    cid = as_citizen(app, client, demo.SOFIE)
    start, response = book(client, "jobsamtale", "telefonisk")
    assert response.status_code == 302 and "/borger/book/kvittering/" in response.headers["Location"]
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Din samtale er booket" in receipt and "bindende" in receipt and "Telefonsamtale" in receipt
    assert re.search(r"(man|tirs|ons|tors|fre)dag den \d+\. (november|december) 2026 kl\. \d\d\.\d\d", receipt)
    booked = [i for i in interviews_of(app, cid) if i.start == datetime.fromisoformat(start)]
    assert len(booked) == 1 and booked[0].format.value == "telefonisk"
    assert "Ulæst" in client.get("/borger/beskeder").get_data(as_text=True)


def test_steps_show_the_step_indicator_and_only_the_kinds_the_person_may_book(app, client):
    as_citizen(app, client, demo.MIKKEL)
    html = client.get("/borger/book").get_data(as_text=True)
    assert 'class="step-indicator"' in html and 'aria-current="step"' in html
    assert 'value="jobsamtale"' in html and 'value="faellessamtale"' in html and 'value="raadighedssamtale"' not in html


def test_a_kind_step_with_a_single_answer_is_skipped_and_the_check_page_shows_it_without_ret(app, client):
    as_citizen(app, client, demo.SOFIE)  # she may book one kind only: a job interview with her a-kasse
    response = client.get("/borger/book")
    assert response.status_code == 302 and response.headers["Location"].endswith("/borger/book/tid")
    time_step = client.get("/borger/book/tid").get_data(as_text=True)
    assert 'href="/borger/book"' not in main(time_step)  # neither "Tilbage" nor the step indicator leads back to it
    assert choose_slot(client, offered_slots(client)[0]).status_code == 302
    assert choose_format(client, "telefonisk").status_code == 302
    check = main(client.get("/borger/book/tjek").get_data(as_text=True))
    assert "Jobsamtale – A-kassen Fremad" in check and 'href="/borger/book"' not in check
    assert 'href="/borger/book/tid">Ret' in check and 'href="/borger/book/samtaleform">Ret' in check


def test_R15_emil_first_interview_skips_the_format_step_and_the_check_page_shows_in_person_with_the_reason(app, client):
    cid = as_citizen(app, client, demo.EMIL)
    choose_kind(client, "jobsamtale")
    chosen = choose_slot(client, offered_slots(client)[0])
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/borger/book/tjek")  # a single answer
    skipped = client.get("/borger/book/samtaleform")
    assert skipped.status_code == 302 and skipped.headers["Location"].endswith("/borger/book/tjek")
    html = main(client.get("/borger/book/tjek").get_data(as_text=True))
    assert "Personligt fremmøde" in html and "/borger/book/samtaleform" not in html  # shown, with no "Ret"
    assert "første jobsamtale skal holdes ved personligt fremmøde" in html and "LAB § 33, stk. 1, 1. pkt." in html
    refused = choose_format(client, "telefonisk")
    assert refused.status_code == 422 and "Vælg, hvordan du vil deltage i samtalen" in refused.get_data(as_text=True)
    assert choose_format(client, "personligt_fremmoede").status_code == 302
    assert confirm(client, booking_token(client)).status_code == 302
    assert [i.format.value for i in interviews_of(app, cid)] == ["personligt_fremmoede"]


def test_R15_a_forged_format_at_the_final_post_is_refused_by_the_service(app, client):
    cid = as_citizen(app, client, demo.EMIL)
    choose_kind(client, "jobsamtale")
    choose_slot(client, offered_slots(client)[0])
    choose_format(client, "personligt_fremmoede")
    booking = booking_token(client)
    with client.session_transaction() as session:
        session["booking"] = {**session["booking"], "format": "telefonisk"}
    response = confirm(client, booking)
    assert response.status_code == 409
    assert "personligt fremmøde" in response.get_data(as_text=True) and "R15" in response.get_data(as_text=True)
    assert interviews_of(app, cid) == []


def test_tampered_values_in_the_session_are_a_danish_422(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    choose_slot(client, offered_slots(client)[0])
    choose_format(client, "telefonisk")
    booking = booking_token(client)
    with client.session_transaction() as session:
        session["booking"] = {**session["booking"], "format": "sms"}
    response = confirm(client, booking)
    assert response.status_code == 422 and "Dine svar kunne ikke bruges" in response.get_data(as_text=True)


def joint_slots(client, week: str = NEXT_WEEK) -> dict[str, str]:
    """The joint times offered that week, each with how the a-kasse takes part there (its timeslot's form)."""
    html = client.get(f"/borger/book/tid?uge={week}").get_data(as_text=True)
    found = re.findall(r'name="start" value="([^"]+)".*?<span class="form-hint" id="[^"]+">([^<]+)</span>', html, re.S)
    return dict(found)


def radios(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" class="form-radio" value="([^"]+)"', html)


def test_R10_R22_mikkel_sees_at_each_joint_time_how_the_akasse_takes_part(app, client):
    as_citizen(app, client, demo.MIKKEL)
    html = client.get("/borger/book").get_data(as_text=True)
    assert 'value="jobsamtale"' in html and 'value="faellessamtale"' in html
    assert "Din a-kasse deltager også i din første samtale i jobcentret" in html
    choose_kind(client, "faellessamtale")
    forms = joint_slots(client)
    assert len(forms) == len(offered_slots(client))  # every joint time says it
    # Jobcenter Aarhus and A-kassen Fremad agreed Tuesdays by video and Thursdays with the a-kasse in person.
    for start, form in forms.items():
        weekday = datetime.fromisoformat(start).astimezone(COPENHAGEN).weekday()
        assert form == {1: "A-kassen deltager på video", 3: "A-kassen møder op sammen med dig"}[weekday], start


def test_R10_R22_mikkel_books_a_joint_interview_with_the_akasse_by_video_in_a_video_timeslot(app, client):
    cid = as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    start = next(s for s, form in joint_slots(client).items() if form == "A-kassen deltager på video")
    choose_slot(client, start)
    html = client.get("/borger/book/samtaleform").get_data(as_text=True)
    # the participation follows from the time (R22); in person is for another time, and says how to get it
    assert radios(html, "participation") == [] and "Din a-kasse deltager på video" in html
    assert "Vælg en anden tid, hvis a-kassen skal deltage på en anden måde" in html
    assert choose_format(client, "telefonisk").status_code == 302
    response = confirm(client, booking_token(client))
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Din a-kasse deltager på video" in receipt
    (joint,) = [i for i in interviews_of(app, cid) if i.kind.value == "faellessamtale"]
    assert joint.akasse_participation.value == "video" and len(joint.caseworker_ids) == 2


def test_R18_R22_mikkel_with_the_akasse_in_person_books_in_an_in_person_timeslot_and_attends_in_person(app, client):
    cid = as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    start = next(s for s, form in joint_slots(client).items() if form == "A-kassen møder op sammen med dig")
    # R18: the a-kasse attends in person only with him, so the format has a single answer: not asked
    assert choose_slot(client, start).headers["Location"].endswith("/borger/book/tjek")
    html = main(client.get("/borger/book/tjek").get_data(as_text=True))
    assert "Personligt fremmøde" in html and "Din a-kasse møder op sammen med dig" in html
    assert "/borger/book/samtaleform" not in html
    refused = choose_format(client, "telefonisk")
    assert refused.status_code == 422 and "Vælg, hvordan du vil deltage i samtalen" in refused.get_data(as_text=True)
    assert choose_format(client, "personligt_fremmoede").status_code == 302
    assert "Din a-kasse møder op sammen med dig" in client.get("/borger/book/tjek").get_data(as_text=True)
    assert confirm(client, booking_token(client)).status_code == 302
    (joint,) = [i for i in interviews_of(app, cid) if i.kind.value == "faellessamtale"]
    assert joint.akasse_participation.value == "fremmoede" and joint.format.value == "personligt_fremmoede"


@pytest.mark.parametrize("timeslot_form", ["A-kassen deltager på video", "A-kassen møder op sammen med dig"])
def test_R22_every_choice_the_steps_offer_for_a_joint_time_is_booked_not_refused(app, client, timeslot_form):
    cid = as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    start = next(s for s, form in joint_slots(client).items() if form == timeslot_form)
    choose_slot(client, start)
    response = client.get("/borger/book/samtaleform")
    if response.status_code == 302:  # the time leaves a single answer (R18: in person), taken without asking
        assert response.headers["Location"].endswith("/borger/book/tjek")
        choices = [(None, None)]
    else:
        html = response.get_data(as_text=True)
        choices = [(f, p) for f in radios(html, "format") for p in radios(html, "participation") or [None]]
    assert choices
    for format, participation in choices:
        choose_kind(client, "faellessamtale")
        choose_slot(client, start)
        if format is not None:
            assert choose_format(client, format, participation).status_code == 302, (format, participation)
        booked = confirm(client, booking_token(client))
        assert booked.status_code == 302 and "/kvittering/" in booked.headers["Location"], (format, participation)
        interview = int(re.search(r"kvittering/(\d+)", booked.headers["Location"]).group(1))
        assert client.post(f"/borger/samtaler/{interview}/aflys",
                           data={"csrf_token": token(client, "/borger/")}).status_code == 302
    assert all(i.status.value == "aflyst" for i in interviews_of(app, cid) if i.kind.value == "faellessamtale")


def test_R22_a_forged_participation_that_does_not_fit_the_time_is_refused_with_the_reason(app, client):
    cid = as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    start = next(s for s, form in joint_slots(client).items() if form == "A-kassen deltager på video")
    choose_slot(client, start)
    refused = choose_format(client, "personligt_fremmoede", "fremmoede")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "aftalt, at a-kassen deltager på video" in html
    assert "Vælg en tid, hvor a-kassen møder op" in html and 'href="#participation"' in html
    # … and forged past the steps, the final step refuses it with the same reason and books nothing
    assert choose_format(client, "personligt_fremmoede").status_code == 302
    booking = booking_token(client)
    with client.session_transaction() as session:
        session["booking"] = {**session["booking"], "participation": "fremmoede"}
    assert client.get("/borger/book/tjek").headers["Location"].endswith("/borger/book/samtaleform")
    response = confirm(client, booking)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "R22" in html and "aftalt, at a-kassen deltager på video" in html
    assert [i for i in interviews_of(app, cid) if i.kind.value == "faellessamtale"] == []


def test_R22_choosing_another_time_asks_again_for_a_participation_that_no_longer_fits(app, client):
    as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    forms = joint_slots(client)
    in_person = next(s for s, form in forms.items() if form == "A-kassen møder op sammen med dig")
    by_video = next(s for s, form in forms.items() if form == "A-kassen deltager på video")
    choose_slot(client, in_person)
    choose_format(client, "personligt_fremmoede")
    choose_slot(client, by_video)
    with client.session_transaction() as session:
        assert "participation" not in session["booking"] and session["booking"]["start"] == by_video
    assert client.get("/borger/book/tjek").headers["Location"].endswith("/borger/book/samtaleform")


def test_R22_joint_interviews_are_offered_only_inside_the_agreed_timeslots(app, client):
    as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    starts = [datetime.fromisoformat(s).astimezone(COPENHAGEN) for s in offered_slots(client)]
    assert starts
    # Jobcenter Aarhus and A-kassen Fremad agreed Tuesdays 9.00–12.00 and Thursdays 12.30–14.30.
    for start in starts:
        minutes = start.hour * 60 + start.minute
        assert (start.weekday() == 1 and 9 * 60 <= minutes < 12 * 60) or (
            start.weekday() == 3 and 12 * 60 + 30 <= minutes < 14 * 60 + 30
        ), start


def test_R19_mette_may_not_book_her_first_akasse_interview(app, client):
    as_citizen(app, client, demo.METTE)
    page = client.get("/borger/book")
    assert page.status_code == 409 and "indkalder dig til din første jobsamtale" in page.get_data(as_text=True)
    overview = client.get("/borger/").get_data(as_text=True)
    assert "Du kan ikke selv booke samtaler lige nu" in overview and "/borger/book" not in main(overview)


def test_R23_lars_revoked_has_no_booking_and_cannot_post_one(app, client):
    as_citizen(app, client, demo.LARS)
    assert client.get("/borger/book").status_code == 409
    response = client.post("/borger/book", data={"csrf_token": csrf_token(client, "/borger/"), "kind": "jobsamtale"})
    assert response.status_code == 409 and "taget fra dig ved en afgørelse" in response.get_data(as_text=True)


def test_a_kind_not_offered_or_made_up_is_refused_with_an_instruction(app, client):
    as_citizen(app, client, demo.SOFIE)
    for forged in ("faellessamtale", "raadighedssamtale", "xyz", ""):
        response = choose_kind(client, forged)
        assert response.status_code == 422
        assert "Vælg den samtale, du vil booke" in response.get_data(as_text=True)


def test_a_time_not_offered_and_bad_weeks_are_refused(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    for forged in ("2026-12-01T03:00:00+00:00", "i morgen", ""):
        response = choose_slot(client, forged)
        assert response.status_code == 422 and "Vælg en af de ledige tider" in response.get_data(as_text=True)
    for week in ("abc", "2026-13-01", "2026-11-16", "2028-01-03"):
        response = client.get(f"/borger/book/tid?uge={week}")
        assert response.status_code == 400 and "Forespørgslen kunne ikke bruges" in response.get_data(as_text=True)


def test_the_week_links_move_a_week_at_a_time(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    html = client.get(f"/borger/book/tid?uge={NEXT_WEEK}").get_data(as_text=True)
    assert "uge=2026-12-07" in html and "uge=2026-11-23" in html
    assert "mandag den 30. november 2026" in html


def test_a_double_submit_books_once_and_shows_the_receipt_both_times(app, client):
    cid = as_citizen(app, client, demo.SOFIE)
    start, first = book(client, "jobsamtale", "personligt_digitalt_fremmoede")
    booking = re.search(r"kvittering/(\d+)", first.headers["Location"]).group(1)
    with client.session_transaction() as session:
        session.pop("booked_tokens")  # as if both POSTs left the browser with the same cookie
        session["booking"] = {"kind": "jobsamtale", "start": start, "format": "personligt_digitalt_fremmoede",
                              "token": "same"}
    second = confirm(client, "same")
    assert second.status_code == 302 and second.headers["Location"].endswith(f"/kvittering/{booking}")
    third = confirm(client, "same")
    assert third.status_code == 302 and third.headers["Location"].endswith(f"/kvittering/{booking}")
    assert sum(1 for i in interviews_of(app, cid) if i.start == datetime.fromisoformat(start)) == 1


def test_an_old_or_foreign_booking_token_is_a_clear_409(app, client):
    as_citizen(app, client, demo.SOFIE)
    response = confirm(client, "never-issued")
    assert response.status_code == 409 and "allerede sendt eller udløbet" in response.get_data(as_text=True)


def take_all_but_one_nord_caseworker(app, start_iso: str) -> None:
    """Jens (Lønmodtagernes A-kasse Nord) is away that day; the slot then hangs on one caseworker."""
    from sqlalchemy import select

    from scheduling.adapters.orm import AbsenceRow, CaseworkerRow

    start = datetime.fromisoformat(start_iso)
    with app.extensions["selvbooking_sessions"]() as session:
        jens = session.scalar(select(CaseworkerRow).where(CaseworkerRow.name == "Jens Overgaard"))
        session.add(AbsenceRow(caseworker_id=jens.id, start_at=start - timedelta(hours=1),
                               end_at=start + timedelta(hours=2), note="Kursus"))
        session.commit()


def test_slot_taken_between_steps_goes_back_to_the_time_step_keeping_the_other_answers(app):
    jonas, peter = app.test_client(), app.test_client()
    as_citizen(app, jonas, demo.JONAS)
    as_citizen(app, peter, demo.PETER)
    choose_kind(jonas, "jobsamtale")
    afternoon = [s for s in offered_slots(jonas) if datetime.fromisoformat(s).astimezone(COPENHAGEN).hour >= 13]
    start = afternoon[0]
    take_all_but_one_nord_caseworker(app, start)
    choose_slot(jonas, start)
    choose_format(jonas, "telefonisk")
    booking = booking_token(jonas)
    # Peter takes the last caseworker at that time in his own session.
    choose_kind(peter, "jobsamtale")
    assert start in offered_slots(peter)
    choose_slot(peter, start)
    choose_format(peter, "personligt_digitalt_fremmoede")
    assert confirm(peter, booking_token(peter)).status_code == 302
    response = confirm(jonas, booking)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Tiden er netop blevet booket af en anden" in html
    assert 'name="start"' in html and f'value="{start}"' not in html
    with jonas.session_transaction() as session:
        assert session["booking"]["format"] == "telefonisk" and "start" not in session["booking"]


def test_a_forged_time_at_the_final_post_gives_the_time_step_again_keeping_the_other_answers(app, client):
    cid = as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    start = offered_slots(client)[0]
    choose_slot(client, start)
    choose_format(client, "telefonisk")
    booking = booking_token(client)
    off_grid = datetime.fromisoformat(start).astimezone(COPENHAGEN).replace(hour=9, minute=7)
    with client.session_transaction() as session:
        session["booking"] = {**session["booking"], "start": off_grid.isoformat()}
    response = confirm(client, booking)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Vælg en tid" in html and 'name="start"' in html
    assert "Vælg en af de ledige tider." in html and 'id="error-summary"' in html
    with client.session_transaction() as session:
        kept = session["booking"]
    assert kept["format"] == "telefonisk" and kept["kind"] == "jobsamtale" and "start" not in kept
    assert [i for i in interviews_of(app, cid) if i.start == off_grid] == []


def test_a_time_before_the_change_deadline_at_the_final_post_says_the_earliest_time(app, client):
    as_citizen(app, client, demo.SOFIE)
    choose_kind(client, "jobsamtale")
    choose_slot(client, offered_slots(client)[0])
    choose_format(client, "telefonisk")
    booking = booking_token(client)
    with app.app_context():  # the portal's clock: noon on the demo day in the tests
        soon = (now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    with client.session_transaction() as session:
        session["booking"] = {**session["booking"], "start": soon.isoformat()}
    response = confirm(client, booking)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Du kan tidligst booke en tid, der begynder" in html
    assert 'name="start"' in html


# ---- rebook and cancel ------------------------------------------------------------------------------------------


def own_self_booked(app, client, person):
    cid = as_citizen(app, client, person)
    start, response = book(client, "jobsamtale", "telefonisk")
    return cid, int(re.search(r"kvittering/(\d+)", response.headers["Location"]).group(1))


def test_rebook_own_interview_with_a_confirmation_step(app, client):
    cid, interview = own_self_booked(app, client, demo.SOFIE)
    overview = client.get("/borger/").get_data(as_text=True)
    assert f"/borger/samtaler/{interview}/flyt" in overview and f"/borger/samtaler/{interview}/aflys" in overview
    html = client.get(f"/borger/samtaler/{interview}/flyt?uge={NEXT_WEEK}").get_data(as_text=True)
    new = re.findall(r'name="start" value="([^"]+)"', html)[-1]
    chosen = client.post(f"/borger/samtaler/{interview}/flyt?uge={NEXT_WEEK}",
                         data={"csrf_token": token(client), "start": new})
    assert chosen.status_code == 302 and "bekraeft" in chosen.headers["Location"]
    page = client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert "Bekræft den nye tid" in page
    done = client.post(chosen.headers["Location"], data={"csrf_token": token(client)})
    assert done.status_code == 302
    (moved,) = [i for i in interviews_of(app, cid) if i.id == interview]
    assert moved.start == datetime.fromisoformat(new) and moved.rebooked_count == 1


def test_cancel_own_interview_with_a_confirmation_step(app, client):
    cid, interview = own_self_booked(app, client, demo.SOFIE)
    page = client.get(f"/borger/samtaler/{interview}/aflys").get_data(as_text=True)
    assert "Vil du aflyse samtalen?" in page
    assert client.post(f"/borger/samtaler/{interview}/aflys", data={"csrf_token": token(client)}).status_code == 302
    (cancelled,) = [i for i in interviews_of(app, cid) if i.id == interview]
    assert cancelled.status.value == "aflyst"


def test_R19_R23_called_in_interviews_show_the_reason_and_no_buttons(app, client):
    cid = as_citizen(app, client, demo.LARS)
    (called,) = [i for i in interviews_of(app, cid) if i.status.value == "booket"]
    overview = client.get("/borger/").get_data(as_text=True)
    assert f"/samtaler/{called.id}/flyt" not in overview and "Du er indkaldt til denne samtale" in overview
    for path, title in ((f"/borger/samtaler/{called.id}/flyt", "Du kan ikke flytte samtalen"),
                        (f"/borger/samtaler/{called.id}/aflys", "Du kan ikke aflyse samtalen")):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 409 and "Du er indkaldt til denne samtale" in html and f"<h1>{title}</h1>" in html
    response = client.post(f"/borger/samtaler/{called.id}/aflys", data={"csrf_token": token(client, "/borger/")})
    assert response.status_code == 409


def test_past_the_change_deadline_there_is_no_button_and_the_deadline_is_shown(app, client):
    cid = as_citizen(app, client, demo.SOFIE)
    from scheduling.adapters.orm import InterviewRow

    (own,) = [i for i in interviews_of(app, cid) if i.status.value == "booket"]
    with app.app_context():  # the portal's clock: noon on the demo day in the tests
        soon = now() + timedelta(hours=3)
    with app.extensions["selvbooking_sessions"]() as session:
        row = session.get(InterviewRow, own.id)
        row.start_at, row.end_at = soon, soon + timedelta(minutes=45)
        for participant in row.participants:
            participant.start_at, participant.end_at = row.start_at, row.end_at
        session.commit()
    overview = client.get("/borger/").get_data(as_text=True)
    assert f"/samtaler/{own.id}/aflys" not in overview and "Du kan kun flytte eller aflyse samtalen indtil" in overview
    response = client.post(f"/borger/samtaler/{own.id}/aflys", data={"csrf_token": token(client, "/borger/")})
    assert response.status_code == 409


def test_a_forged_new_time_when_rebooking_gives_the_time_step_again(app, client):
    cid, interview = own_self_booked(app, client, demo.SOFIE)
    (own,) = [i for i in interviews_of(app, cid) if i.id == interview]
    off_grid = own.start.astimezone(COPENHAGEN).replace(hour=9, minute=7) + timedelta(days=1)
    path = f"/borger/samtaler/{interview}/flyt/bekraeft?start={off_grid.isoformat().replace('+', '%2B')}"
    response = client.post(path, data={"csrf_token": token(client, "/borger/")})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Flyt samtalen" in html and "Vælg en af de ledige tider." in html
    (still,) = [i for i in interviews_of(app, cid) if i.id == interview]
    assert still.start == own.start and still.rebooked_count == 0


def test_R22_rebooking_a_joint_interview_offers_only_times_with_its_own_akasse_participation(app, client):
    cid = as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    start = next(s for s, form in joint_slots(client).items() if form == "A-kassen deltager på video")
    choose_slot(client, start)
    choose_format(client, "telefonisk")
    interview = int(re.search(r"kvittering/(\d+)", confirm(client, booking_token(client)).headers["Location"]).group(1))
    html = client.get(f"/borger/samtaler/{interview}/flyt?uge={NEXT_WEEK}").get_data(as_text=True)
    forms = re.findall(r'name="start" value="[^"]+".*?<span class="form-hint" id="[^"]+">([^<]+)</span>', html, re.S)
    assert forms and set(forms) == {"A-kassen deltager på video"}
    new = [s for s in re.findall(r'name="start" value="([^"]+)"', html) if s != start][0]
    chosen = client.post(f"/borger/samtaler/{interview}/flyt?uge={NEXT_WEEK}",
                         data={"csrf_token": token(client), "start": new})
    assert "Din a-kasse deltager på video" in client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert client.post(chosen.headers["Location"], data={"csrf_token": token(client)}).status_code == 302
    (moved,) = [i for i in interviews_of(app, cid) if i.id == interview]
    assert moved.start == datetime.fromisoformat(new) and moved.akasse_participation.value == "video"


@pytest.mark.parametrize("path", ["/borger/samtaler/{id}/flyt", "/borger/samtaler/{id}/aflys",
                                  "/borger/book/kvittering/{id}", "/borger/samtaler/{id}/flyt/bekraeft?start=2026-12-01T10:00:00%2B00:00"])
def test_another_persons_interview_is_404(app, client, path):
    sofie = citizen_id(app, demo.SOFIE)
    (hers,) = [i for i in interviews_of(app, sofie) if i.status.value == "booket"]
    as_citizen(app, client, demo.JONAS)
    assert client.get(path.format(id=hers.id)).status_code == 404
    assert client.get(path.format(id=999999)).status_code == 404


def test_post_without_csrf_is_refused(app, client):
    as_citizen(app, client, demo.SOFIE)
    response = client.post("/borger/book", data={"kind": "jobsamtale"})
    assert response.status_code == 400 and "Siden er udløbet" in response.get_data(as_text=True)
