"""A caseworker finds a person in "Mine borgere" (issue 14) in Chromium: by parts of the name, then by the CPR
number, and opens the person's page. The list shows the CPR number masked; the person's page shows it in full.
axe-core checks the list with the search, with no one found and with a search to correct, at 375 and 1280 px, in
Danish and English.

Only reads (and the person's page's audit line): it runs on the shared live server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import in_both_languages

pytestmark = pytest.mark.e2e

SEARCH = "Søg efter navn eller CPR-nummer"


def _search(page: Page, text: str) -> None:
    page.get_by_label(SEARCH).fill(text)
    page.get_by_role("button", name="Søg", exact=True).click()


def _rows(page: Page):
    return page.locator("main table tbody tr")


def test_a_caseworker_finds_a_person_by_name_then_by_cpr_number_and_opens_them(live_server, context_factory):
    page = context_factory().new_page()
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_role("button", name="Log ind som Louise Kjær").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I dag")  # a caseworker's first page
    page.get_by_role("link", name="Mine borgere", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine borgere")
    page.get_by_role("link", name="Hele organisationen").click()

    # Parts of the name, in any case: the search stays in the address with the list it narrowed.
    _search(page, "mik RAS")
    expect(page).to_have_url(f"{live_server.url}/sagsbehandler/?alle=1&q=mik+RAS")
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).first).to_contain_text("Mikkel Skov Rasmussen")
    expect(_rows(page).first).to_contain_text("300679-xxxx")
    expect(page.get_by_label(SEARCH)).to_have_value("mik RAS")
    in_both_languages(page, "caseworker caseload searched by name")

    # Nobody: said so, with a way back.
    _search(page, "Zacharias")
    expect(page.locator("main")).to_contain_text("Ingen borgere matcher »Zacharias«.")
    in_both_languages(page, "caseworker caseload search finds no one")

    # Eleven digits: asked for again, on the page, and nothing listed.
    _search(page, "300679-04041")
    expect(page.locator(".form-error-message")).to_contain_text("Skriv hele CPR-nummeret med 10 cifre")
    expect(page.get_by_label(SEARCH)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main table")).to_have_count(0)
    in_both_languages(page, "caseworker caseload search to correct")

    # The CPR number with its hyphen: the one person, still masked in the list.
    page.get_by_role("link", name="Ryd søgning").first.click()
    expect(page.get_by_label(SEARCH)).to_have_value("")
    _search(page, "300679-0404")
    expect(_rows(page)).to_have_count(1)
    expect(page.locator("main table")).not_to_contain_text("0404")
    expect(_rows(page).first).to_contain_text("300679-xxxx")

    page.get_by_role("link", name="Mikkel Skov Rasmussen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mikkel Skov Rasmussen")
    expect(page.locator("main")).to_contain_text("300679-0404")
