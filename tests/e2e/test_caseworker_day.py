"""A caseworker's day in Chromium (issue 14, "A working day"): Nadia logs in and lands on I dag, her interviews
today and tomorrow in time order; she records Mette's first interview held with the R14 checklist and Sofie's
missed, each from I dag and back to it with the confirmation. axe-core checks I dag at 375 and 1280 px in Danish
and English, and the record form with its checklist.

The interviews are called in through the service on a fresh demo world (its own database), early on the demo
day, so the journey never depends on what other journeys booked."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from playwright.sync_api import Page, expect

from scheduling.slots import COPENHAGEN
from tests.e2e.helpers import DEMO_TODAY, assert_accessible, in_both_languages, screenshot

pytestmark = pytest.mark.e2e

NADIA = "Nadia El-Sayed"  # nothing on her day in the demo world
METTE = "Mette Nørgaard Jensen"  # new: her first a-kasse interview is recorded with Min Plan, joblog and CV (R14)
SOFIE = "Sofie Lund Andersen"
LARS = "Lars Mikkelsen"


def _at(offset: int, hhmm: str) -> datetime:
    day = date.fromisoformat(DEMO_TODAY) + timedelta(days=offset)
    return datetime.combine(day, time.fromisoformat(hhmm), COPENHAGEN)


def _nadias_day(server) -> None:
    """Mette at 9.00 in person and Sofie at 10.00 by phone today (begun at the server's 12.00), Lars tomorrow."""
    from sqlalchemy import select

    from portal.database import unit_of_work
    from scheduling.adapters.orm import CaseworkerRow, CitizenRow
    from scheduling.course import Format, InterviewKind
    from scheduling.services import booking

    with server.app.app_context():
        with unit_of_work() as uow:
            worker = uow.session.scalar(select(CaseworkerRow.id).where(CaseworkerRow.name == NADIA))
            people = dict(uow.session.execute(select(CitizenRow.name, CitizenRow.id)).all())
        for name, offset, hhmm, format in (
            (METTE, 0, "09:00", Format.PERSONLIGT), (SOFIE, 0, "10:00", Format.TELEFONISK),
            (LARS, 1, "13:00", Format.PERSONLIGT),
        ):
            booking.call_in(unit_of_work(), worker, people[name], InterviewKind.JOBSAMTALE, _at(offset, hhmm), format,
                            _at(offset - 1, "07:00"))


def _row(page: Page, name: str):
    return page.locator("tr", has=page.get_by_role("link", name=name, exact=True))


def _flash(page: Page, text: str) -> None:
    alert = page.locator(".alert-success")
    expect(alert).to_contain_text(text)
    expect(alert).to_be_in_viewport()


def test_a_caseworker_lands_on_i_dag_records_one_interview_held_with_the_checklist_and_another_missed(
    fresh_server, context_factory
):
    _nadias_day(fresh_server)
    page = context_factory().new_page()
    page.goto(f"{fresh_server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {NADIA}").click()

    expect(page).to_have_url(f"{fresh_server.url}/sagsbehandler/i-dag")
    expect(page.get_by_role("heading", level=1)).to_have_text("I dag")
    names = page.locator("main td[data-title=Person] a").all_inner_texts()
    assert names == [METTE, SOFIE, LARS]
    expect(_row(page, SOFIE)).to_contain_text("Telefonsamtale")
    expect(page.get_by_role("heading", level=2, name=re.compile("^I morgen"))).to_be_visible()
    in_both_languages(page, "caseworker I dag")

    # Mette: held, with the R14 checklist.
    _row(page, METTE).get_by_role("link", name=re.compile("^Registrér holdt")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrér samtalen")
    expect(page.get_by_label("Ja, samtalen er holdt")).to_be_checked()
    page.get_by_label("Min Plan er introduceret og udarbejdet (R14)").check()
    page.get_by_label("Jobloggen er gennemgået (R14)").check()
    page.get_by_label(re.compile(r"^CV'et er fuldstændigt \(R14")).check()
    assert_accessible(page, "recording from I dag, with the R14 checklist")
    page.get_by_role("button", name="Registrér", exact=True).click()
    expect(page).to_have_url(f"{fresh_server.url}/sagsbehandler/i-dag#kvittering")
    _flash(page, "Samtalen er registreret.")
    expect(_row(page, METTE)).to_contain_text("Holdt")

    # Sofie: missed.
    _row(page, SOFIE).get_by_role("link", name=re.compile("^Registrér udeblevet")).click()
    expect(page.get_by_label("Nej, personen udeblev")).to_be_checked()
    page.get_by_role("button", name="Registrér", exact=True).click()
    expect(page).to_have_url(f"{fresh_server.url}/sagsbehandler/i-dag#kvittering")
    _flash(page, "Samtalen er registreret.")
    expect(_row(page, SOFIE)).to_contain_text("Udeblevet")
    expect(page.locator("main")).not_to_contain_text("Registrér")
    screenshot(page, "caseworker-i-dag-recorded")


def test_a_caseworker_with_nothing_today_or_tomorrow_sees_so_on_i_dag(live_server, context_factory):
    page = context_factory().new_page()
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_role("button", name="Log ind som Kasper Lindqvist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I dag")
    expect(page.locator("main")).to_contain_text("Du har ingen samtaler i dag eller i morgen.")
    in_both_languages(page, "caseworker I dag, empty")
