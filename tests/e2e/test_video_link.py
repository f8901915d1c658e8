"""A video interview's meeting link in Chromium (issue 15): Sofie books a video interview and her receipt shows
the link with the interview's date (from A-kassen Fremad's Jitsi Meet room template in the demo world), and so
does Mine samtaler; the receipt is checked with axe-core at 375 and 1280 px in Danish and English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import (
    LiveServer,
    continue_,
    in_both_languages,
    log_in,
    pick_slot,
    portal_on_its_own_demo_world,
)

pytestmark = pytest.mark.e2e

NEXT_WEEK = "2026-11-30"
MONTHS = {11: "november", 12: "december"}
ROOM = re.compile(r"^https://meet\.jit\.si/selvbooking-[A-Za-z0-9_-]{24}$")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal on a demo world of its own: the journey books an interview."""
    yield from portal_on_its_own_demo_world(tmp_path_factory, "e2e-video")


def log_in_as_caseworker(page: Page, server, name: str) -> None:
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()


def test_sofie_books_a_video_interview_and_her_receipt_shows_the_link_with_its_date(server, page: Page, context_factory):
    log_in(page, server, demo.SOFIE)
    page.goto(f"{server.url}/borger/book/tid?uge={NEXT_WEEK}")
    start = datetime.fromisoformat(pick_slot(page, lambda t: t.weekday() == 2)).astimezone(COPENHAGEN)
    continue_(page)
    page.get_by_label(re.compile("^Videosamtale")).check()
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dine svar")
    expect(page.locator("main")).to_contain_text("Du får linket til videosamtalen fra A-kassen Fremad")
    page.get_by_role("button", name="Book samtalen").click()
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    name = f"Linket til videosamtalen den {start.day}. {MONTHS[start.month]} 2026 kl. {start:%H.%M}"
    link = page.locator("main").get_by_role("link", name=name)
    expect(link).to_have_attribute("href", ROOM)
    in_both_languages(page, "receipt with the video link (Sofie)")
    page.locator("footer button[lang=en]").click()
    english = page.locator("main").get_by_role("link", name=re.compile(r"^The link to the video interview on "))
    expect(english).to_have_attribute("href", ROOM)
    page.locator("footer button[lang=da]").click()
    href = link.get_attribute("href")
    page.goto(f"{server.url}/borger/")
    expect(page.locator("main").get_by_role("link", name=name)).to_have_attribute("href", href)

    # her caseworker at A-kassen Fremad finds the same meeting on her person page
    worker = context_factory().new_page()
    log_in_as_caseworker(worker, server, "Birgitte Holm")
    worker.goto(f"{server.url}/sagsbehandler/")
    worker.get_by_role("link", name=re.compile("Sofie Lund Andersen")).first.click()
    expect(worker.locator("main").get_by_role("link", name=re.compile("^Link til videomødet")).first).to_have_attribute("href", href)


def test_an_administrator_is_told_in_danish_what_a_room_template_needs_and_a_caseworker_sets_an_own_link(
    server, context_factory
):
    admin = context_factory().new_page()
    log_in_as_caseworker(admin, server, "Torben Vestergaard")
    admin.goto(f"{server.url}/sagsbehandler/indstillinger")
    field = admin.get_by_label("Adresse til videomøder (valgfri)")
    expect(field).to_have_value("https://meet.jit.si/selvbooking-{room}")
    field.fill("http://meet.example.dk/moede")
    admin.get_by_role("button", name="Gem adressen").click()
    expect(admin.locator(".error-summary, .alert-error").first).to_contain_text("Skriv adressen som en https-adresse med {room}")
    in_both_languages(admin, "settings: a wrong video room template (Torben)")
    worker = context_factory().new_page()
    log_in_as_caseworker(worker, server, "Rikke Dahl")
    worker.goto(f"{server.url}/sagsbehandler/tilgaengelighed")
    worker.get_by_label("Dit eget mødelink (valgfri)").fill("https://meet.example.dk/rikke")
    worker.get_by_role("button", name="Gem mødelinket").click()
    expect(worker.locator(".alert-success")).to_contain_text("Dit mødelink er gemt.")
    expect(worker.get_by_label("Dit eget mødelink (valgfri)")).to_have_value("https://meet.example.dk/rikke")
    in_both_languages(worker, "availability with an own meeting link (Rikke)")
