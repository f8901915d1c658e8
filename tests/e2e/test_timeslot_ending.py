"""Ending an agreed timeslot (R22, issue 14) in Chromium, each side in its own browser context: Mikkel books a
joint interview on a Tuesday; the jobcenter's caseworker ends the Tuesday timeslot from that day, sees the
confirmation in view and focused, and the interview kept and listed; the a-kasse's caseworker sees who ended it and
from when; Mikkel is offered no Tuesday joint times from that day. axe-core checks the timeslots page and the
availability page at 375 and 1280 px in Danish and English. On a fresh demo world: the ending changes what the
other journeys would see."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import in_both_languages

pytestmark = pytest.mark.e2e

NEXT_WEEK = "2026-11-30"
TUESDAY = 1


def logged_in(context_factory, server, name: str) -> Page:
    page = context_factory().new_page()
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page


def weekdays_offered(page: Page) -> set[int]:
    values = page.locator("input[name=start]").evaluate_all("els => els.map(e => e.value)")
    return {datetime.fromisoformat(v).astimezone(COPENHAGEN).weekday() for v in values}


def book_a_joint_interview_on_tuesday(citizen: Page, server) -> str:
    """Mikkel books a joint interview on Tuesday 1 December (the video timeslot); the receipt's path."""
    citizen.goto(f"{server.url}/borger/book")
    citizen.get_by_label(re.compile("^Fælles jobsamtale")).check()
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.goto(f"{server.url}/borger/book/tid?uge={NEXT_WEEK}")
    values = citizen.locator("input[name=start]").evaluate_all("els => els.map(e => e.value)")
    tuesday = next(v for v in values if datetime.fromisoformat(v).astimezone(COPENHAGEN).weekday() == TUESDAY)
    citizen.locator(f"input[name=start][value='{tuesday}']").check()
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.get_by_label("Videosamtale (personligt digitalt fremmøde)").check()
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.get_by_role("button", name="Book samtalen").click()
    expect(citizen.get_by_role("heading", name="Din samtale er booket")).to_be_visible()
    return citizen.url


def test_R22_the_jobcenter_ends_a_timeslot_the_akasse_sees_it_and_mikkel_gets_no_joint_times_in_it(
    fresh_server, context_factory
):
    server = fresh_server
    citizen = logged_in(context_factory, server, "Mikkel Skov Rasmussen")
    receipt = book_a_joint_interview_on_tuesday(citizen, server)
    interview_id = re.search(r"/kvittering/(\d+)", receipt).group(1)
    citizen.goto(f"{server.url}/borger/samtaler/{interview_id}/flyt?uge=2026-12-07")
    assert TUESDAY in weekdays_offered(citizen)  # before the ending: Tuesday 8 December is offered to move to

    jobcenter = logged_in(context_factory, server, "Louise Kjær")
    jobcenter.get_by_role("link", name="Aftalte tidsrum").first.click()
    expect(jobcenter).to_have_url(re.compile("/sagsbehandler/tidsrum$"))
    in_both_languages(jobcenter, "caseworker timeslots (jobcenter)")
    tuesdays = jobcenter.locator("section", has_text="A-kassen Fremad: tirsdag 09.00–12.00")
    expect(tuesdays).to_contain_text("Mikkel Skov Rasmussen")
    tuesdays.locator("summary").click()
    tuesdays.get_by_label("Afslut fra og med").fill("2026-12-01")
    tuesdays.get_by_role("button", name=re.compile("^Afslut tidsrummet")).click()
    confirmation = jobcenter.locator("#kvittering")
    expect(confirmation).to_contain_text("Tidsrummet er afsluttet")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    tuesdays = jobcenter.locator("section", has_text="A-kassen Fremad: tirsdag 09.00–12.00")
    expect(tuesdays).to_contain_text("Afsluttet fra 1. december 2026")
    expect(tuesdays.get_by_role("table")).to_contain_text("Mikkel Skov Rasmussen")  # kept, and listed
    in_both_languages(jobcenter, "caseworker timeslots (jobcenter, one ended)")

    akasse = logged_in(context_factory, server, "Birgitte Holm")
    akasse.get_by_role("link", name="Aftalte tidsrum").first.click()
    ended = akasse.locator("section", has_text="Jobcenter Aarhus: tirsdag 09.00–12.00")
    expect(ended).to_contain_text("Afsluttet fra 1. december 2026")
    expect(ended).to_contain_text("Jobcenter Aarhus (Louise Kjær) afsluttede tidsrummet den 25. november 2026.")
    expect(ended).to_contain_text("Mikkel Skov Rasmussen")

    for week in (NEXT_WEEK, "2026-12-07"):  # moving his interview: no Tuesday from 1 December
        citizen.goto(f"{server.url}/borger/samtaler/{interview_id}/flyt?uge={week}")
        assert TUESDAY not in weekdays_offered(citizen), week


def test_the_availability_page_passes_axe_in_both_languages_at_both_widths(live_server, context_factory):
    page = logged_in(context_factory, live_server, "Louise Kjær")
    page.get_by_role("link", name="Tilgængelighed", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    in_both_languages(page, "caseworker availability")


def test_after_an_action_on_a_phone_without_javascript_the_confirmation_is_in_view(fresh_server, context_factory):
    """The person's page is long: the action returns to its confirmation at the top of main (#kvittering), which the
    browser scrolls to by itself, with no JavaScript, on a 375 px phone."""
    page = context_factory(viewport={"width": 375, "height": 812}, java_script_enabled=False).new_page()
    page.goto(f"{fresh_server.url}/log-ind/")
    page.get_by_role("button", name="Log ind som Louise Kjær").click()
    page.goto(f"{fresh_server.url}/sagsbehandler/?alle=1")
    page.get_by_role("link", name="Mikkel Skov Rasmussen").first.click()
    page.get_by_role("link", name="Fritag for selvbooking").click()
    page.get_by_role("radio", name="Sprog").check()
    page.get_by_label("Begrundelse").fill("Taler endnu ikke dansk nok til at booke selv.")
    page.get_by_role("button", name="Fritag for selvbooking").click()
    expect(page).to_have_url(re.compile(r"/sagsbehandler/borger/\d+#kvittering$"))
    confirmation = page.locator("#kvittering")
    expect(confirmation).to_contain_text("Personen er fritaget for selvbooking")
    expect(confirmation).to_be_in_viewport()
