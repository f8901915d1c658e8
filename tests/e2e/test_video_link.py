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


def test_sofie_books_a_video_interview_and_her_receipt_shows_the_link_with_its_date(server, page: Page):
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
