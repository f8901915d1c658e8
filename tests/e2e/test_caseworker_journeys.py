"""Caseworkers' journeys in Chromium, each side in its own browser context: a jobcenter proposes a timeslot, the
a-kasse accepts it and a citizen books a joint interview inside it (R22); a caseworker calls a person in, raises a
format with a reason (R17) and revokes self-booking (R23) while the citizen sees the message and the decision and
can no longer book; the right is restored and the citizen can book again. axe-core checks the caseworker pages.

The journeys run on a portal of their own (own database), so they never change what the citizens' journeys see.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import DEMO_TODAY, LiveServer, screenshot
from tests.e2e.helpers import assert_accessible as _axe

pytestmark = pytest.mark.e2e

NEXT_WEEK = "2026-11-30"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from portal import create_app

    db = tmp_path_factory.mktemp("e2e-caseworker") / "selvbooking.sqlite3"
    app = create_app("development", {"DATABASE_URL": f"sqlite:///{db}", "TODAY": DEMO_TODAY, "TIME_OF_DAY": "12:00", "SECRET_KEY": "e2e"})
    live = LiveServer(app)
    live.start()
    yield live
    live.stop()


def log_in(page: Page, server, name: str) -> None:
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()


def as_caseworker(context_factory, server, name: str) -> Page:
    page = context_factory().new_page()
    log_in(page, server, name)
    expect(page.get_by_role("heading", level=1)).to_have_text("I dag")  # a caseworker's first page (issue 14)
    page.wait_for_load_state("load")  # the stylesheets applied: before, the phone's drawer counts as a second menu
    return page


def as_citizen(context_factory, server, name: str) -> Page:
    page = context_factory().new_page()
    log_in(page, server, name)
    page.goto(f"{server.url}/borger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine samtaler")
    return page


PHONE = {"width": 375, "height": 812}


def _at_both_widths(page: Page, label: str) -> None:
    desktop = page.viewport_size
    _axe(page, f"{label} (1280 px)")
    page.set_viewport_size(PHONE)
    try:
        _axe(page, f"{label} (375 px)")
        wider = page.evaluate("document.documentElement.scrollWidth")
        assert wider <= PHONE["width"], f"{label} is {wider} px wide on a 375 px phone"
    finally:
        page.set_viewport_size(desktop)


def assert_accessible(page: Page, label: str, *, in_english: bool = False) -> None:
    """axe-core at desktop width and on a phone (375 px), where the page must not be wider than the screen: a
    caseworker on the move uses the same pages (issue 13). ``in_english``: then again in English (the footer's
    button, which reloads the page: only for a page a GET shows as it is), and back to Danish."""
    _at_both_widths(page, f"{label} (da)")
    if in_english:
        page.locator("footer button[lang=en]").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        _at_both_widths(page, f"{label} (en)")
        page.locator("footer button[lang=da]").click()
        expect(page.locator("html")).to_have_attribute("lang", "da")


def flash(page: Page, text: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(text)


def test_R22_jobcenter_proposes_akasse_accepts_and_a_citizen_books_a_joint_interview_inside(server, context_factory):
    jobcenter = as_caseworker(context_factory, server, "Henrik Juhl")
    jobcenter.get_by_role("link", name="Aftalte tidsrum").first.click()
    expect(jobcenter).to_have_url(re.compile("/sagsbehandler/tidsrum$"))
    assert_accessible(jobcenter, "timeslots (jobcenter)", in_english=True)
    jobcenter.get_by_label("A-kasse", exact=True).select_option(label="A-kassen Fremad")
    jobcenter.get_by_label("Ugedag", exact=True).select_option(label="Fredag")
    jobcenter.get_by_label("Fra klokken", exact=True).fill("09:00")
    jobcenter.get_by_label("Til klokken", exact=True).fill("11:00")
    jobcenter.get_by_label("Gælder fra", exact=True).fill(DEMO_TODAY)
    jobcenter.get_by_label("A-kassen deltager ved video").check()
    jobcenter.get_by_role("button", name="Foreslå tidsrummet").click()
    flash(jobcenter, "Tidsrummet er foreslået")

    akasse = as_caseworker(context_factory, server, "Birgitte Holm")
    akasse.get_by_role("link", name="Aftalte tidsrum").first.click()
    expect(akasse.locator("main")).to_contain_text("Jobcenter Aarhus: fredag 09.00–11.00")
    assert_accessible(akasse, "timeslots (a-kasse, a proposal to answer)", in_english=True)
    akasse.get_by_role("button", name=re.compile("^Acceptér Jobcenter Aarhus fredag")).click()
    flash(akasse, "Tidsrummet er accepteret")

    citizen = as_citizen(context_factory, server, "Mikkel Skov Rasmussen")
    citizen.get_by_role("link", name="Book en samtale").click()
    citizen.get_by_label(re.compile("^Fælles jobsamtale")).check()
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.goto(f"{server.url}/borger/book/tid?uge={NEXT_WEEK}")
    values = citizen.locator("input[name=start]").evaluate_all("els => els.map(e => e.value)")
    # Fridays exist only in the timeslot just agreed (the older ones are Tuesdays and Thursdays).
    friday = next(v for v in values if datetime.fromisoformat(v).astimezone(COPENHAGEN).weekday() == 4)
    citizen.locator(f"input[name=start][value='{friday}']").check()
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.get_by_label("Videosamtale (personligt digitalt fremmøde)").check()
    # The timeslot was agreed with the a-kasse by video (R22): the time decides it, nothing to choose.
    expect(citizen.locator("#participation")).to_contain_text("video")
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.get_by_role("button", name="Book samtalen").click()
    expect(citizen.get_by_role("heading", name="Din samtale er booket")).to_be_visible()

    jobcenter.reload()
    agreement = jobcenter.locator("section", has_text="A-kassen Fremad: fredag 09.00–11.00")
    expect(agreement).to_contain_text("Mikkel Skov Rasmussen")
    akasse.reload()
    expect(akasse.locator("section", has_text="Jobcenter Aarhus: fredag 09.00–11.00")).to_contain_text("Mikkel Skov Rasmussen")
    screenshot(akasse, "caseworker-timeslots")


def test_R17_R23_call_in_raise_format_revoke_and_restore_while_the_citizen_watches(server, context_factory):
    worker = as_caseworker(context_factory, server, "Louise Kjær")
    worker.get_by_role("link", name="Mine borgere", exact=True).first.click()
    expect(worker).to_have_url(re.compile("/sagsbehandler/$"))
    assert_accessible(worker, "caseload", in_english=True)
    # Mikkel is not (yet) one of Louise's own people — unless the R22 journey ran first on this server and booked
    # him with her — so she looks him up in the organisation's whole list.
    worker.goto(f"{server.url}/sagsbehandler/?alle=1")
    worker.get_by_role("link", name="Mikkel Skov Rasmussen").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Mikkel Skov Rasmussen")
    expect(worker.locator("main")).to_contain_text("300679-0404")
    assert_accessible(worker, "person's page", in_english=True)
    screenshot(worker, "caseworker-person")

    # Call in, by video, with a message.
    worker.get_by_role("link", name="Indkald til en samtale").click()
    worker.locator("input[name=start]").first.check()
    worker.get_by_label("Videosamtale (personligt digitalt fremmøde)").check()
    worker.get_by_label("Besked til personen (valgfri)").fill("Tag dit CV med.")
    assert_accessible(worker, "call-in form")
    worker.get_by_role("button", name="Indkald", exact=True).click()
    flash(worker, "er indkaldt")

    # Raise that interview to in person, with the concrete reason (R17).
    worker.get_by_role("link", name=re.compile("^Skift til personligt fremmøde")).first.click()
    worker.get_by_role("button", name="Skift til personligt fremmøde").click()
    expect(worker.locator("#error-summary")).to_contain_text("Skriv den konkrete begrundelse")
    expect(worker.locator("#error-summary")).to_be_focused()  # DKFDS's JavaScript runs under the CSP
    assert_accessible(worker, "raise format with an error")
    worker.get_by_label("Den konkrete begrundelse").fill("Vi skal lave en ny plan sammen.")
    worker.get_by_role("button", name="Skift til personligt fremmøde").click()
    flash(worker, "personligt fremmøde")

    # Revoke self-booking (R23): ground, assessment, then confirm the letter.
    worker.get_by_role("link", name="Fratag retten til selvbooking").click()
    worker.get_by_label(re.compile("^Personen har booket på en måde, der forhindrer")).check()
    worker.get_by_label("Din konkrete vurdering").fill("Du har booket og aflyst fem samtaler på to uger.")
    worker.get_by_role("button", name="Se afgørelsen").click()
    expect(worker.get_by_role("heading", level=1)).to_contain_text("Bekræft afgørelsen")
    expect(worker.locator("main")).to_contain_text("Sådan klager du")
    assert_accessible(worker, "revocation: confirm the letter")
    worker.get_by_role("button", name="Træf afgørelsen og send den").click()
    flash(worker, "Retten til selvbooking er frataget")

    # The citizen, in another browser: the call-in, the raised format and the decision; no booking.
    citizen = as_citizen(context_factory, server, "Mikkel Skov Rasmussen")
    expect(citizen.get_by_role("link", name="Book en samtale")).to_have_count(0)
    expect(citizen.locator("main")).to_contain_text("taget fra dig")
    citizen.get_by_role("link", name="Beskeder").first.click()
    inbox = citizen.locator("main")
    expect(inbox).to_contain_text("Indkaldelse")
    citizen.get_by_role("button", name=re.compile("^Indkaldelse")).first.click()
    expect(citizen.locator("main")).to_contain_text("Tag dit CV med.")
    citizen.go_back()
    citizen.get_by_role("button", name=re.compile("^Afgørelse")).first.click()
    expect(citizen.locator("main")).to_contain_text("Du har booket og aflyst fem samtaler på to uger.")
    expect(citizen.locator("main")).to_contain_text("Ankestyrelsens Beskæftigelsesudvalg")

    # The caseworker gives the right back; the citizen can book again.
    worker.get_by_role("link", name="Giv retten til selvbooking tilbage").click()
    worker.get_by_label("Din vurdering").fill("Vi har aftalt, hvordan du booker fremover.")
    worker.get_by_role("button", name="Giv retten tilbage").click()
    flash(worker, "Personen kan igen selv booke")
    worker.get_by_role("link", name="Tilgængelighed", exact=True).first.click()
    expect(worker).to_have_url(re.compile("/sagsbehandler/tilgaengelighed$"))
    assert_accessible(worker, "availability", in_english=True)

    citizen.goto(f"{server.url}/borger/")
    citizen.get_by_role("link", name="Book en samtale").click()
    expect(citizen.get_by_role("heading", level=1)).to_be_visible()
    expect(citizen.locator(".step-indicator")).to_be_visible()
