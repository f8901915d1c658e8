"""An SMS from the portal in Chromium (issue 15): Sofie chooses to be told by SMS on her contact settings, her
caseworker at A-kassen Fremad raises her booked interview's format to in person (R17), and the demo's page of
what the portal sent shows the SMS to her number: news and the time, nothing else. The pages are checked with
axe-core at 375 px and 1280 px in Danish and English. On a demo world of its own, its mails and SMS in folders
of their own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import (
    LiveServer,
    in_both_languages,
    log_in,
    portal_on_its_own_demo_world,
    send_waiting_notices,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    """The portal on a demo world of its own (the journey changes an interview), mails and SMS in temporary folders."""
    for live in portal_on_its_own_demo_world(tmp_path_factory, "e2e-sms"):
        live.app.config["MAIL_DIR"] = str(tmp_path_factory.mktemp("mail"))
        live.app.config["SMS_DIR"] = str(tmp_path_factory.mktemp("sms"))
        yield live


def test_a_raised_format_reaches_sofie_by_sms(server, page: Page, context_factory):
    log_in(page, server, demo.SOFIE)
    page.goto(f"{server.url}/borger/kontakt")
    page.get_by_label("Mobilnummer").fill("20 12 34 56")
    page.get_by_label("På SMS", exact=True).check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text("Dine kontaktoplysninger er gemt.")
    expect(page.locator("main")).to_contain_text("Vi sender SMS til 20123456")
    in_both_languages(page, "Kontaktoplysninger med SMS (Sofie)")

    worker = context_factory().new_page()
    worker.goto(f"{server.url}/log-ind/")
    worker.get_by_role("button", name="Log ind som Birgitte Holm").click()
    worker.goto(f"{server.url}/sagsbehandler/")
    worker.get_by_role("link", name=re.compile("Sofie Lund Andersen")).first.click()
    worker.get_by_role("link", name="Skift til personligt fremmøde").first.click()
    worker.get_by_label("Den konkrete begrundelse").fill("Vi skal gennemgå din jobplan sammen.")
    worker.get_by_role("button", name=re.compile("personligt fremmøde")).click()
    expect(worker.locator("body")).to_contain_text("Samtalen holdes nu ved personligt fremmøde.")

    send_waiting_notices(page, server)
    sms = page.locator("ul[aria-labelledby=sms] li").first
    expect(sms).to_contain_text("til +4520123456")
    expect(sms).to_contain_text(re.compile(r"Ny besked om din jobsamtale \w+ den \d+\. \w+ \d{4} kl\. \d\d\.\d\d\. Se "))
    assert "Sofie" not in sms.inner_text() and "begrundelse" not in sms.inner_text().lower()
    in_both_languages(page, "Sendte e-mails og SMS (udvikling)")
