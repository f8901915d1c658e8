"""Finding a time in Chromium (issue 13): the time step's first free time in one click, the month overview, the
box for a person who may not book, the page for a person who already holds a booking, and moving an interview
with another format.

Every page is checked with axe-core (WCAG 2.1 A/AA) at 375 px and 1280 px in Danish and English, with nothing
wider than the screen, and kept as screenshots at both widths in test-artifacts/. The journeys book and move
interviews, so they run on a demo world of their own (the other journeys' people are left as they were).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import (
    DEMO_TODAY,
    LiveServer,
    continue_,
    in_both_languages,
    log_in,
    pick_slot,
    portal_on_its_own_demo_world,
)

pytestmark = pytest.mark.e2e

TODAY = date.fromisoformat(DEMO_TODAY)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal on a demo world of its own: these journeys book and move interviews."""
    yield from portal_on_its_own_demo_world(tmp_path_factory, "e2e-finding")


def choose_first_free_time(page: Page) -> str:
    """On the time step opened without a week: the first free time, chosen with its one button; returns the
    time as the box shows it."""
    box = page.locator("form.first-free")
    expect(box.get_by_role("heading", name="Første ledige tid")).to_be_visible()
    shown = page.locator("#first-free-time").inner_text()
    box.get_by_role("button", name="Vælg den første ledige tid").click()
    return shown


def test_R15_emil_chooses_the_first_free_time_with_one_click_and_sees_where_to_go(server, page):
    log_in(page, server, demo.EMIL)
    page.get_by_role("link", name="Book en samtale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en tid")
    in_both_languages(page, "first free time: time step (Emil)")
    shown = choose_first_free_time(page)
    # his only kind and (R15) his only format are not asked: one click reaches the check page
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dine svar")
    day = shown.split(" kl. ")[0]
    expect(page.locator(".summary-answers")).to_contain_text(day)
    details = page.locator("dl.interview-details")
    expect(details).to_contain_text("Mød op på adressen")
    expect(details.get_by_role("link", name=re.compile("^Se adressen på et kort"))).to_be_visible()
    contact = page.locator("main .contact-block")
    expect(contact).to_contain_text("Kontakt Jobcenter")
    expect(contact.locator("a[href^='tel:']")).to_be_visible()
    in_both_languages(page, "first free time: check (Emil)")


def test_the_month_overview_lists_free_days_links_to_their_weeks_and_never_into_the_past(server, page):
    log_in(page, server, demo.SOFIE)
    page.goto(f"{server.url}/borger/book/tid")
    page.get_by_role("link", name="Se hvilke dage der er ledige tider (månedsoversigt)").click()
    expect(page).to_have_url(re.compile(r"/borger/book/tid/maaned\?maaned=\d{4}-\d{2}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Ledige tider i"))
    expect(page.get_by_role("link", name="Forrige måned")).to_have_count(0)  # this month: nothing before it
    links = page.locator("ul.month-days a")
    expect(links.first).to_be_visible()
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    days = [date.fromisoformat(re.search(r"#dag-(\d{4}-\d{2}-\d{2})$", h).group(1)) for h in hrefs]
    assert days == sorted(days) and days[0] >= TODAY, f"a day before today in the overview: {days}"
    for href, day in zip(hrefs, days, strict=True):
        assert f"uge={(day - timedelta(days=day.weekday())).isoformat()}" in href
    in_both_languages(page, "month overview (Sofie)")
    page.get_by_role("link", name="Næste måned").click()
    expect(page.get_by_role("link", name="Forrige måned")).to_be_visible()
    in_both_languages(page, "month overview, next month (Sofie)")
    page.get_by_role("link", name="Forrige måned").click()
    # a day of the list lands on its week, at that day's times
    first = days[0]
    page.locator("ul.month-days a").first.click()
    monday = first - timedelta(days=first.weekday())
    expect(page).to_have_url(re.compile(rf"uge={monday.isoformat()}#dag-{first.isoformat()}$"))
    expect(page.locator(f"#dag-{first.isoformat()} input[name=start]").first).to_be_visible()
    # no link leads into the past, and a past month asked for by hand is refused with a 400, never a 500
    last_month = (TODAY.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    assert page.request.get(f"{server.url}/borger/book/tid/maaned?maaned={last_month}").status == 400
    assert page.request.get(f"{server.url}/borger/book/tid/maaned?maaned=ikke-en-maaned").status == 400


@pytest.mark.parametrize(
    ("person", "next_step", "contact"),
    [
        (
            demo.METTE,
            "Din a-kasse indkalder dig til din første jobsamtale. Samtalen skal holdes senest",
            "Kontakt A-kassen Fremad",
        ),
        (demo.LARS, "Du er indkaldt til din næste jobsamtale", "Kontakt A-kassen Fremad"),
    ],
    ids=["Mette (R19)", "Lars (R23)"],
)
def test_R19_R23_who_may_not_book_sees_what_happens_next_by_when_and_whom_to_contact(
    server, page, person, next_step, contact
):
    log_in(page, server, person)
    box = page.locator("#no-self-booking")
    expect(box.get_by_role("heading", name="Du kan ikke selv booke samtaler lige nu")).to_be_visible()
    expect(box.locator("#next-step")).to_contain_text(next_step)
    expect(box.locator(".contact-block")).to_contain_text(contact)
    expect(box.locator(".contact-block a[href^='tel:']")).to_be_visible()
    expect(page.get_by_role("link", name="Book en samtale")).to_have_count(0)
    name = person.name.split()[0]
    in_both_languages(page, f"may not book: Mine samtaler ({name})")
    page.goto(f"{server.url}/borger/book")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du kan ikke selv booke en samtale lige nu")
    expect(page.locator("#next-step")).to_contain_text(next_step)
    expect(page.locator("main .contact-block")).to_contain_text(contact)
    in_both_languages(page, f"may not book: book ({name})")


def test_R20_hanne_who_already_holds_a_booking_is_offered_to_move_it(server, page):
    log_in(page, server, demo.HANNE)
    page.get_by_role("link", name="Book en samtale").click()
    choose_first_free_time(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg samtaleform")  # she may choose (R16)
    page.get_by_label("Telefonsamtale").check()
    continue_(page)
    expect(page.locator("dl.interview-details")).to_contain_text("Vi ringer til dig på")
    page.get_by_role("button", name="Book samtalen").click()
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    page.goto(f"{server.url}/borger/")
    page.get_by_role("link", name="Book en samtale").click()
    expect(page).to_have_url(re.compile("/borger/book/allerede-booket$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har allerede booket en samtale")
    in_both_languages(page, "already booked (Hanne)")
    page.get_by_role("link", name=re.compile("^Flyt din samtale den ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flyt samtalen")
    # the other steps of booking send her back too: no second booking of the same obligation
    page.goto(f"{server.url}/borger/book/tid")
    expect(page).to_have_url(re.compile("/borger/book/allerede-booket$"))


def test_R16_sofie_moves_her_phone_interview_and_changes_it_to_video(server, page):
    log_in(page, server, demo.SOFIE)
    upcoming = page.locator("main").get_by_role("link", name=re.compile("^Flyt samtalen"))
    expect(upcoming).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Telefonsamtale")
    upcoming.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flyt samtalen")
    start = datetime.fromisoformat(pick_slot(page, lambda t: t.weekday() == 3)).astimezone(COPENHAGEN)
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekræft den nye tid")
    expect(page.get_by_label("Telefonsamtale")).to_be_checked()  # her own format to begin with
    page.get_by_label(re.compile("^Videosamtale")).check()
    in_both_languages(page, "rebook with another format: confirm (Sofie)")
    page.get_by_label(re.compile("^Videosamtale")).check()  # the language switch reloads the page
    page.get_by_role("button", name="Flyt samtalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine samtaler")
    expect(page.get_by_role("status")).to_contain_text("Din samtale er flyttet")
    interview = page.locator("main .interview-details").first
    expect(interview).to_contain_text(f"torsdag den {start.day}. ")
    expect(interview).to_contain_text(start.strftime("kl. %H.%M"))
    expect(interview).to_contain_text("Videosamtale")
    # A-kassen Fremad's room template gives the interview its link on the move (issue 15)
    expect(interview.get_by_role("link", name=re.compile("^Linket til videosamtalen den "))).to_have_attribute(
        "href", re.compile(r"^https://meet\.jit\.si/selvbooking-")
    )
    in_both_languages(page, "rebook with another format: Mine samtaler (Sofie)")
