"""Citizens' journeys in Chromium: booking by phone, a joint interview in an agreed timeslot, a first interview
only in person (by keyboard alone), a revoked right, a double submit and a slot taken in another browser.

Every page of the journeys is checked with axe-core (WCAG 2.1 A/AA) at 375 px and 1280 px, in Danish and in English,
switching with the footer's language buttons, and kept as screenshots at phone and desktop widths.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import (
    assert_accessible,
    continue_,
    in_both_languages,
    log_in,
    pick_slot,
    screenshot,
    shots,
)

pytestmark = pytest.mark.e2e

NEXT_WEEK = "2026-11-30"


def interviews_at(server, person, start: str) -> list:
    from sqlalchemy import select

    from scheduling.adapters.orm import CitizenRow, InterviewRow
    from scheduling.course import InterviewStatus

    with server.app.extensions["selvbooking_sessions"]() as session:
        cid = session.scalar(select(CitizenRow.id).where(CitizenRow.cpr == person.cpr))
        return session.scalars(
            select(InterviewRow).where(
                InterviewRow.citizen_id == cid,
                InterviewRow.start_at == datetime.fromisoformat(start),
                InterviewRow.status == InterviewStatus.BOOKED,
            )
        ).all()


def test_R16_sofie_books_a_regular_interview_by_phone(fresh_server, page):
    """On a fresh demo world: Sofie may hold as many bookings as her open obligations need (R20), and other
    journeys on the shared server may have booked for her."""
    live_server = fresh_server
    log_in(page, live_server, demo.SOFIE)
    in_both_languages(page, "Mine samtaler (Sofie)")
    page.get_by_role("link", name="Book en samtale").click()
    expect(page.locator(".step-indicator")).to_be_visible()
    # she may book one kind only: step 1 has a single answer and is skipped (shown on the check page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en tid")
    page.goto(f"{live_server.url}/borger/book/tid?uge={NEXT_WEEK}")
    in_both_languages(page, "step 2: time")
    page.get_by_role("link", name="Næste uge").click()
    expect(page).to_have_url(re.compile("uge=2026-12-07"))
    page.get_by_role("link", name="Forrige uge").click()
    start = pick_slot(page, lambda t: t.weekday() == 2)
    continue_(page)
    in_both_languages(page, "step 3: format")
    page.get_by_label("Telefonsamtale").check()
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dine svar")
    in_both_languages(page, "step 4: check")
    page.get_by_role("button", name="Book samtalen").click()
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    expect(page.locator("main")).to_contain_text("bindende")
    expect(page.locator("main")).to_contain_text("Telefonsamtale")
    in_both_languages(page, "step 5: receipt")
    assert len(interviews_at(live_server, demo.SOFIE, start)) == 1
    page.get_by_role("link", name="Beskeder").first.click()
    expect(page).to_have_url(re.compile("/borger/beskeder$"))  # the inbox is there before axe runs in it
    in_both_languages(page, "Beskeder (Sofie)")


def test_R10_R22_mikkel_chooses_akasse_participation_and_books_inside_an_agreed_timeslot(live_server, page):
    log_in(page, live_server, demo.MIKKEL)
    page.get_by_role("link", name="Book en samtale").click()
    expect(page.locator("main")).to_contain_text("Din a-kasse deltager også i din første samtale i jobcentret")
    in_both_languages(page, "step 1: kind (Mikkel)")
    page.get_by_label(re.compile("^Fælles jobsamtale")).check()
    continue_(page)
    page.goto(f"{live_server.url}/borger/book/tid?uge={NEXT_WEEK}")
    in_both_languages(page, "step 2: joint time")
    # A-kassen Fremad and Jobcenter Aarhus agreed Tuesdays 9–12 with the a-kasse by video and Thursdays
    # 12.30–14.30 with the a-kasse in person (R22); each joint time says which.
    start = pick_slot(page, lambda t: t.weekday() == 1 and 9 <= t.hour < 12)
    radio = page.locator(f"input[name=start][value='{start}']")
    expect(page.locator(f"#{radio.get_attribute('aria-describedby')}")).to_have_text("A-kassen deltager på video")
    thursday = pick_slot(page, lambda t: t.weekday() == 3)
    hint = page.locator(f"input[name=start][value='{thursday}']").get_attribute("aria-describedby")
    expect(page.locator(f"#{hint}")).to_have_text("A-kassen møder op sammen med dig")
    page.locator(f"input[name=start][value='{start}']").check()
    continue_(page)
    # the time chose the a-kasse's participation; only what fits it is asked (R18, R22)
    expect(page.locator("main")).to_contain_text("Din a-kasse deltager på video")
    expect(page.locator("input[name=participation]")).to_have_count(0)
    continue_(page)  # without a format: the error summary tells what to do
    expect(page.locator("#error-summary")).to_contain_text("Vælg, hvordan du vil deltage i samtalen")
    in_both_languages(page, "step 3: format with errors")
    page.get_by_label("Videosamtale (personligt digitalt fremmøde)").check()
    continue_(page)
    expect(page.locator("main")).to_contain_text("Din a-kasse deltager på video")
    in_both_languages(page, "step 4: check (joint)")
    page.get_by_role("button", name="Book samtalen").click()
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    in_both_languages(page, "step 5: receipt (joint)")
    (joint,) = interviews_at(live_server, demo.MIKKEL, start)
    assert joint.kind.value == "faellessamtale" and joint.timeslot_id is not None
    assert joint.akasse_participation.value == "video"


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_R15_emil_books_his_first_interview_only_in_person_by_keyboard_alone(live_server, page):
    log_in(page, live_server, demo.EMIL)
    in_both_languages(page, "Mine samtaler (Emil)")
    tab_to(page, "a[href$='/borger/book']")
    page.keyboard.press("Enter")
    # the only kind he may book is not asked, and the time leaves one format (R15): steps 1 and 3 are skipped
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en tid")
    in_both_languages(page, "step 2: time (Emil)")
    tab_to(page, "input[name=start]")
    page.keyboard.press("Space")
    start = page.evaluate("() => document.activeElement.value")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dine svar")
    expect(page.locator("main")).to_contain_text("Personligt fremmøde")
    expect(page.locator("main")).to_contain_text("første jobsamtale skal holdes ved personligt fremmøde")
    in_both_languages(page, "step 4: check (Emil)")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    in_both_languages(page, "step 5: receipt (Emil)")
    (first,) = interviews_at(live_server, demo.EMIL, start)
    assert first.format.value == "personligt_fremmoede"


def test_R23_lars_sees_the_decision_and_no_booking_button(live_server, page):
    log_in(page, live_server, demo.LARS)
    expect(page.locator("#no-self-booking")).to_contain_text("taget fra dig ved en afgørelse")
    expect(page.get_by_role("link", name="Book en samtale")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Flyt samtalen"))).to_have_count(0)
    in_both_languages(page, "Mine samtaler (Lars)")
    page.get_by_role("link", name="Beskeder").first.click()
    expect(page).to_have_url(re.compile("/borger/beskeder$"))
    in_both_languages(page, "Beskeder (Lars)")
    page.get_by_role("button", name=re.compile("^Afgørelse")).click()
    expect(page.locator("main")).to_contain_text("Ankestyrelsens Beskæftigelsesudvalg")
    expect(page.locator("main")).to_contain_text("Afgørelse med klagevejledning")
    in_both_languages(page, "decision letter (Lars)")


def test_R23_lars_follows_the_banner_to_the_decision_letter_prints_it_and_downloads_the_pdf(live_server, page):
    log_in(page, live_server, demo.LARS)
    page.locator("#no-self-booking").get_by_role("link", name=re.compile("^Læs afgørelsen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afgørelse: Du kan ikke længere selv booke dine jobsamtaler")
    for heading in ("Afgørelse", "Begrundelse", "Regler", "Sådan klager du"):
        expect(page.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
    expect(page.locator(".letter-deadline")).to_contain_text("Sidste frist for at klage")
    in_both_languages(page, "decision page (Lars)")
    shots(page, "decision-page")
    page.emulate_media(media="print")
    expect(page.locator("header.header")).to_be_hidden()
    expect(page.get_by_role("link", name="Hent brevet som PDF")).to_be_hidden()
    expect(page.locator(".letter")).to_be_visible()
    screenshot(page, "citizen-decision-page-print")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent brevet som PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def to_check_step(page: Page, server, person, when) -> str:
    log_in(page, server, person)
    page.goto(f"{server.url}/borger/book/tid?uge={NEXT_WEEK}")  # the only kind on offer is not asked
    start = pick_slot(page, when)
    continue_(page)
    page.get_by_label("Telefonsamtale").check()
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dine svar")
    return start


def test_double_submit_books_once_and_shows_the_receipt(live_server, page):
    start = to_check_step(page, live_server, demo.HANNE, lambda t: t.weekday() == 3)
    page.evaluate("() => { const f = document.querySelector('main form'); f.requestSubmit(); f.requestSubmit(); }")
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    assert len(interviews_at(live_server, demo.HANNE, start)) == 1


def test_slot_taken_in_another_browser_between_steps(live_server, context_factory):
    from sqlalchemy import select

    from scheduling.adapters.orm import AbsenceRow, CaseworkerRow

    jonas, peter = context_factory().new_page(), context_factory().new_page()
    start = to_check_step(jonas, live_server, demo.JONAS, lambda t: t.weekday() == 4 and t.hour >= 13)
    # Jens (Lønmodtagernes A-kasse Nord) is away that afternoon: the time hangs on one caseworker.
    at = datetime.fromisoformat(start)
    with live_server.app.extensions["selvbooking_sessions"]() as session:
        jens = session.scalar(select(CaseworkerRow).where(CaseworkerRow.name == "Jens Overgaard"))
        session.add(AbsenceRow(caseworker_id=jens.id, start_at=at - timedelta(hours=1), end_at=at + timedelta(hours=2)))
        session.commit()
    to_check_step(peter, live_server, demo.PETER, lambda t: t == at.astimezone(COPENHAGEN))
    peter.get_by_role("button", name="Book samtalen").click()
    expect(peter.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    jonas.get_by_role("button", name="Book samtalen").click()
    expect(jonas.locator("#error-summary")).to_contain_text("Tiden er netop blevet booket af en anden")
    expect(jonas.get_by_role("heading", level=1)).to_have_text("Vælg en tid")
    assert_accessible(jonas, "time step after the slot was taken")
    assert interviews_at(live_server, demo.JONAS, start) == []


def test_sofies_other_pages_pass_axe_at_both_widths(live_server, page):
    """The citizen pages outside the booking journey: moving and cancelling (up to the confirmation, nothing is
    changed), a message, Min kalender and the menu page; at 375 px and 1280 px in both languages."""
    log_in(page, live_server, demo.SOFIE)
    page.get_by_role("link", name=re.compile("^Flyt samtalen")).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    in_both_languages(page, "rebook: time (Sofie)")
    pick_slot(page)
    continue_(page)
    expect(page.locator("main form")).to_be_visible()
    in_both_languages(page, "rebook: confirm (Sofie)")
    page.goto(f"{live_server.url}/borger/")
    page.get_by_role("link", name=re.compile("^Aflys samtalen")).first.click()
    expect(page).to_have_url(re.compile("/aflys$"))
    in_both_languages(page, "cancel (Sofie)")
    page.goto(f"{live_server.url}/borger/beskeder")
    page.locator("main .message-list button").first.click()
    expect(page).to_have_url(re.compile(r"/borger/beskeder/\d+$"))
    in_both_languages(page, "message (Sofie)")
    page.goto(f"{live_server.url}/kalender/")
    in_both_languages(page, "Min kalender (Sofie)")
    page.goto(f"{live_server.url}/menu")
    in_both_languages(page, "menu page (Sofie)")
