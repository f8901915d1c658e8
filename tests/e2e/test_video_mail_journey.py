"""The video interview's mail in Chromium (issue 15): Sofie gives an e-mail address on Kontaktoplysninger,
confirms it by the link in the development mail, books a video interview, and the mail about it arrives on the
development mail page with the interview's time and its video link (and nothing private). On a demo world of its
own, with its mails in a folder of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import (
    LiveServer,
    at_both_widths,
    continue_,
    in_both_languages,
    log_in,
    pick_slot,
    portal_on_its_own_demo_world,
    send_waiting_notices,
)

pytestmark = pytest.mark.e2e

NEXT_WEEK = "2026-11-30"
ROOM = re.compile(r"https://meet\.jit\.si/selvbooking-[A-Za-z0-9_-]{24}")
ADDRESS = "sofie.video@example.dk"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    for live in portal_on_its_own_demo_world(tmp_path_factory, "e2e-video-mail"):
        live.app.config["MAIL_DIR"] = str(tmp_path_factory.mktemp("mail"))
        yield live


def test_sofie_confirms_her_address_books_a_video_interview_and_gets_the_mail_with_its_link(server, page: Page):
    log_in(page, server, demo.SOFIE)
    page.goto(f"{server.url}/borger/kontakt")
    page.get_by_label("E-mailadresse").fill(ADDRESS)
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text(f"Vi har sendt et link til {ADDRESS}")

    send_waiting_notices(page, server)
    page.locator("li", has_text=f"til {ADDRESS}").get_by_role("link", name="Bekræft din e-mailadresse").click()
    # the mail's page, not the list it was opened from, before its text is read
    expect(page.locator("main")).to_contain_text(re.compile(r"/borger/kontakt/bekraeft/[A-Za-z0-9_-]+"))
    link = re.search(r"/borger/kontakt/bekraeft/[A-Za-z0-9_-]+", page.locator("main").inner_text())
    assert link, "the mail holds the confirmation link"
    page.goto(f"{server.url}{link.group(0)}")
    page.get_by_role("button", name="Bekræft adressen").click()
    expect(page.locator("body")).to_contain_text(f"Din e-mailadresse {ADDRESS} er bekræftet")

    page.goto(f"{server.url}/borger/kontakt")
    invitations = page.get_by_label("Send mig også kalenderinvitationer til mine samtaler på e-mail")
    invitations.check()
    in_both_languages(page, "Kontaktoplysninger with the choice of calendar invitations (Sofie)")
    page.goto(f"{server.url}/borger/kontakt")  # the language switch reloaded the page: tick it again
    page.get_by_label("Send mig også kalenderinvitationer til mine samtaler på e-mail").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_label("Send mig også kalenderinvitationer til mine samtaler på e-mail")).to_be_checked()

    page.goto(f"{server.url}/borger/book/tid?uge={NEXT_WEEK}")
    pick_slot(page)
    continue_(page)
    page.get_by_label(re.compile("^Videosamtale")).check()
    continue_(page)
    page.get_by_role("button", name="Book samtalen").click()
    expect(page.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    room = page.locator("main a[href^='https://meet.jit.si/']").first.get_attribute("href")
    assert room and ROOM.fullmatch(room)

    send_waiting_notices(page, server)
    mail = page.locator("li", has_text=f"til {ADDRESS}").get_by_role(
        "link", name="Du har fået en ny besked om din jobsamtale"
    )
    expect(mail).to_have_count(1)
    mail.click()
    main = page.locator("main")
    expect(main).to_contain_text(f"Link til videosamtalen: {room}")
    expect(main).to_contain_text("Samtaleform: Videosamtale")
    assert demo.SOFIE.cpr not in main.inner_text()
    at_both_widths(page, "The booking mail with the video link (development)")

    page.goto(f"{server.url}/udvikling/mails")
    mails = page.locator("li", has_text=f"til {ADDRESS}").get_by_role("link")
    expect(mails).to_have_count(3)  # the link, the news, and the calendar invitation she asked for
    hrefs = [mails.nth(i).get_attribute("href") for i in range(3)]
    shown = []
    for href in hrefs:
        page.goto(f"{server.url}{href}")
        shown.append(page.locator("main").inner_text())
    assert sum("text/calendar; method=REQUEST" in text for text in shown) == 1
