"""E-mail from the portal in Chromium (issue 15): a citizen gives a new e-mail address, the demo's mail page shows
the confirmation mail, the link confirms it; the administrator's list of notices that could not be sent. Every
page is checked with axe-core at 375 px and 1280 px in Danish and English, with nothing wider than the screen.
On a demo world of its own, with its mails in a folder of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import (
    LiveServer,
    at_both_widths,
    in_both_languages,
    log_in,
    portal_on_its_own_demo_world,
    send_waiting_notices,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal on a demo world of its own, writing its mails to a temporary folder."""
    for live in portal_on_its_own_demo_world(tmp_path_factory, "e2e-notices"):
        live.app.config["MAIL_DIR"] = str(tmp_path_factory.mktemp("mail"))
        yield live


def test_sofie_sets_a_new_address_sees_the_mail_and_confirms_it_by_the_link(server, page: Page):
    log_in(page, server, demo.SOFIE)
    page.get_by_role("link", name="Kontaktoplysninger").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontaktoplysninger")
    in_both_languages(page, "Kontaktoplysninger (Sofie)")
    page.get_by_label("E-mailadresse").fill("sofie.ny@example.dk")
    page.get_by_label("Mobilnummer").fill("20 12 34 56")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text("Vi har sendt et link til sofie.ny@example.dk")

    send_waiting_notices(page, server)
    expect(page.get_by_role("link", name="Bekræft din e-mailadresse")).to_be_visible()
    in_both_languages(page, "Udviklingens e-mails")
    page.get_by_role("link", name="Bekræft din e-mailadresse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekræft din e-mailadresse")
    at_both_widths(page, "En e-mail (udvikling)")
    link = re.search(r"/borger/kontakt/bekraeft/[A-Za-z0-9_-]+", page.locator("main").inner_text())
    assert link, "the mail holds the confirmation link"

    page.goto(f"{server.url}{link.group(0)}")
    in_both_languages(page, "Bekræft e-mailadressen")
    page.get_by_role("button", name="Bekræft adressen").click()
    expect(page.locator("body")).to_contain_text("Din e-mailadresse sofie.ny@example.dk er bekræftet")
    expect(page.locator("main")).to_contain_text("Vi sender e-mail til sofie.ny@example.dk")


def test_the_administrator_opens_the_notices_that_could_not_be_sent_from_the_settings(server, page: Page):
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name="Log ind som Torben Vestergaard").click()
    page.goto(f"{server.url}/sagsbehandler/indstillinger")
    page.get_by_role("link", name="Beskeder, der ikke kunne sendes som e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder, der ikke kunne sendes")
    in_both_languages(page, "Beskeder, der ikke kunne sendes (Torben)")
