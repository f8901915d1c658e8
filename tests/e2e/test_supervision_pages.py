"""The supervision pages in Chromium (R27, issue 17): a leader's page with its chart and table, the people behind a
month, and the agency's overview and an organisation's chart for the supervisor, each checked by axe-core at 375 and
1280 px in Danish and English, never scrolling sideways on a phone. Only GETs: the shared server stays as it was."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import in_both_languages

pytestmark = pytest.mark.e2e

HELLE = "Helle Kirkegaard"  # A-kassen Fremad's leader


def _log_in(context_factory, server, name: str) -> Page:
    page = context_factory().new_page()
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()
    return page


def test_R27_a_leaders_chart_and_people_pass_axe_in_both_languages(live_server, context_factory):
    page = _log_in(context_factory, live_server, HELLE)
    page.get_by_role("link", name="Tilsyn").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilsyn: A-kassen Fremad")
    chart = page.get_by_role("img", name="Andel uden de krævede samtaler, A-kassen Fremad, måned for måned")
    expect(chart).to_be_visible()
    expect(page.locator("svg.tilsyn-chart line.tilsyn-limit")).to_have_count(1)
    expect(page.get_by_role("heading", name="Sådan er tallet opgjort")).to_be_visible()
    in_both_languages(page, "supervision, a leader's organisation")
    month = page.locator("table.tilsyn-table tbody th a").first
    month.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personerne bag tallet for")
    in_both_languages(page, "supervision, the people behind a month")


def test_R27_the_supervisors_overview_and_an_organisations_chart_pass_axe_and_show_no_person(
    live_server, context_factory
):
    page = _log_in(context_factory, live_server, demo.DEMO_SUPERVISOR.name)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilsyn")
    in_both_languages(page, "supervision, the agency's overview")
    text = page.locator("body").inner_text()
    for person in demo.DEMO_CITIZENS:
        assert person.name not in text and (person.cpr or "") not in text
    page.get_by_role("link", name="Lønmodtagernes A-kasse Nord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilsyn: Lønmodtagernes A-kasse Nord")
    expect(page.locator("svg.tilsyn-chart")).to_be_visible()
    expect(page.locator("a[href*='/sagsbehandler/borger/']")).to_have_count(0)
    in_both_languages(page, "supervision, an organisation for the agency")
