"""A caseworker's absence over two booked interviews (issue 14, "Safe changes") in Chromium: Birgitte Holm
(A-kassen Fremad) adds a course from tomorrow, Thursday 26 November, to Tuesday 1 December (demo day Wednesday
25 November); before anything is saved the page lists Lars's and Sofie's interviews; she moves Sofie's to Nadia El-Sayed at the same time and cancels Lars's
with a reason; Sofie and Lars each log in and read what happened. axe-core checks the confirmation step at 375
and 1280 px in Danish and in English. A fresh demo world: the journey changes both people's interviews."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import at_both_widths, screenshots

pytestmark = pytest.mark.e2e

REASON = "Jeg er på kursus den dag. Vi indkalder dig til en ny tid."


def log_in(page: Page, server, name: str, lands_on: str) -> None:
    """Log in from the demo's log-in page and wait for the first page (a caseworker's is I dag)."""
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lands_on)


def add_the_absence(page: Page, server) -> None:
    """The absence form on Min tilgængelighed, by the fields' ids (the labels are in the page's language)."""
    page.goto(f"{server.url}/sagsbehandler/tilgaengelighed")
    page.locator("#start_day").fill("2026-11-26")
    page.locator("#end_day").fill("2026-12-01")
    page.locator("#note").fill("Kursus")
    page.locator("form[action$='/fravaer'] button[type=submit]").click()


def choose_language(page: Page, code: str) -> None:
    page.goto(page.url.split("/sagsbehandler")[0] + "/sagsbehandler/tilgaengelighed")
    page.locator(f"footer button[lang={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_an_absence_over_two_interviews_moves_one_cancels_the_other_and_both_people_are_told(fresh_server, context_factory):
    server = fresh_server
    worker = context_factory().new_page()
    log_in(worker, server, "Birgitte Holm", "I dag")

    add_the_absence(worker, server)
    expect(worker.get_by_role("heading", level=1)).to_have_text("Fraværet rammer bookede samtaler")
    lars = worker.locator("fieldset", has_text="Lars Mikkelsen")
    sofie = worker.locator("fieldset", has_text="Sofie Lund Andersen")
    expect(lars).to_contain_text("torsdag den 26. november 2026 kl. 10.45")
    expect(lars).to_contain_text("personligt fremmøde")
    expect(sofie).to_contain_text("tirsdag den 1. december 2026 kl. 10.45")
    expect(sofie).to_contain_text("telefonsamtale")
    expect(worker.locator("main")).to_contain_text("Dit fravær: torsdag den 26. november 2026 – tirsdag den 1. december 2026")
    at_both_widths(worker, "absence confirmation step (da)")
    screenshots(worker, "caseworker absence confirmation step")

    choose_language(worker, "en")
    add_the_absence(worker, server)
    expect(worker.locator("fieldset", has_text="Sofie Lund Andersen")).to_be_visible()
    at_both_widths(worker, "absence confirmation step (en)")
    choose_language(worker, "da")

    # Nothing was saved yet: the absence asks again. Sofie's interview goes to Nadia; Lars's is cancelled, first
    # without the reason the person is told.
    add_the_absence(worker, server)
    sofie.get_by_label("Flyt til Nadia El-Sayed (samme tid)").check()
    lars.get_by_label("Aflys samtalen").check()
    worker.get_by_role("button", name="Gem fraværet og ændringerne").click()
    expect(worker.locator("#error-summary")).to_contain_text("Skriv begrundelsen til personen")
    expect(sofie.get_by_label("Flyt til Nadia El-Sayed (samme tid)")).to_be_checked()
    at_both_widths(worker, "absence confirmation step with an error (da)")
    lars.get_by_label("Begrundelse til personen, hvis samtalen aflyses").fill(REASON)
    worker.get_by_role("button", name="Gem fraværet og ændringerne").click()
    expect(worker.locator(".alert-success")).to_contain_text("Fraværet er gemt")
    expect(worker.locator("main")).to_contain_text("(Kursus)")

    citizen = context_factory().new_page()
    log_in(citizen, server, "Sofie Lund Andersen", "Mine samtaler")
    citizen.goto(f"{server.url}/borger/beskeder")
    citizen.get_by_role("button", name="Din jobsamtale tirsdag den 1. december 2026 kl. 10.45 holdes af en anden sagsbehandler").click()
    expect(citizen.locator("main")).to_contain_text("holdes nu af Nadia El-Sayed fra A-kassen Fremad")
    expect(citizen.locator("main")).to_contain_text("du skal ikke gøre noget")

    other = context_factory().new_page()
    log_in(other, server, "Lars Mikkelsen", "Mine samtaler")
    other.goto(f"{server.url}/borger/beskeder")
    other.get_by_role("button", name="Din jobsamtale torsdag den 26. november 2026 kl. 10.45 er aflyst").click()
    expect(other.locator("main")).to_contain_text(REASON)
    expect(other.locator("main")).to_contain_text("Vi indkalder dig til en ny samtale")
