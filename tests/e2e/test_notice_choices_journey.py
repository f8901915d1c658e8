"""Which notices by which channel in Chromium (issue 15): Sofie, who has a confirmed address and a mobile number,
opens "Vælg for hver slags besked" from her contact settings, chooses SMS for her bookings and no reminders the day
before, and sees her choices on Kontaktoplysninger. Call-ins (R19) offer no "Ingen besked". The page of choices is
checked with axe-core at 375 px and 1280 px in Danish and English, without JavaScript needed to choose."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import LiveServer, in_both_languages, log_in, portal_on_its_own_demo_world

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal on a demo world of its own (the journey changes Sofie's settings)."""
    yield from portal_on_its_own_demo_world(tmp_path_factory, "e2e-notice-choices")


def test_sofie_chooses_sms_for_bookings_and_no_reminders(server, page: Page):
    log_in(page, server, demo.SOFIE)
    page.goto(f"{server.url}/borger/kontakt")
    page.get_by_role("link", name="Vælg for hver slags besked").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg, hvordan du får besked")
    in_both_languages(page, "Vælg for hver slags besked (Sofie)")
    calls = page.get_by_role("group", name="Indkaldelser")
    expect(calls.get_by_label("Ingen besked")).to_have_count(0)  # R19: binding
    page.get_by_role("group", name="Bookinger, flytninger og aflysninger").get_by_label("SMS", exact=True).check()
    page.get_by_role("group", name="Påmindelser dagen før en samtale").get_by_label("Ingen besked").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text("Dine valg er gemt.")
    choices = page.locator("main dl")
    expect(choices).to_contain_text("Bookinger, flytninger og aflysningerSMS")
    expect(choices).to_contain_text("Påmindelser dagen før en samtaleIngen besked")
    expect(choices).to_contain_text("IndkaldelserE-mail")
    in_both_languages(page, "Kontaktoplysninger med valg for hver slags besked (Sofie)")
