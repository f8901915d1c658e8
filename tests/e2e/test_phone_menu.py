"""The menu on a phone (issue 13, "Phones and tablets"), in Chromium at 375 px: a citizen and a caseworker open
every item of the main menu from the header's menu button and log out, with JavaScript (DKFDS's drawer) and
without (the menu button is a link to the menu page). axe-core checks the open drawer (the menu page is checked
in test_citizen_journeys: axe-core needs JavaScript in the page)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 812}
CITIZEN_MENU = {
    "Mine samtaler": "/borger/", "Beskeder": "/borger/beskeder", "Min kalender": "/kalender/",
    "Kontaktoplysninger": "/borger/kontakt",
}
CASEWORKER_MENU = {
    "I dag": "/sagsbehandler/i-dag",
    "Mine borgere": "/sagsbehandler/",
    "Tilgængelighed": "/sagsbehandler/tilgaengelighed",
    "Aftalte tidsrum": "/sagsbehandler/tidsrum",
    "Min kalender": "/kalender/",
    "Adgangskode": "/sagsbehandler/adgangskode",
    "Indstillinger": "/sagsbehandler/indstillinger",
    "Brugere": "/sagsbehandler/brugere",
    "API-nøgler": "/sagsbehandler/api-noegler",
}


def on_phone(context_factory, server, who: str, javascript: bool) -> Page:
    page = context_factory(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {who}").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("load")  # DKFDS's deferred script has built the drawer's menu (slow on a busy machine)
    return page


def open_menu(page: Page, javascript: bool):
    """Press the header's menu button; the menu that opens (DKFDS's drawer, or the menu page without JavaScript).
    The desktop menu and its "Log af" are hidden at this width."""
    expect(page.locator(".navigation-menu")).to_be_hidden()
    expect(page.locator(".portal-user")).to_be_hidden()
    if javascript:
        page.get_by_role("button", name="Menu").click()
        menu = page.get_by_role("dialog", name="Menu")
    else:
        expect(page.get_by_role("button", name="Menu")).to_have_count(0)
        page.get_by_role("link", name="Menu", exact=True).click()
        expect(page).to_have_url(re.compile("/menu$"))
        menu = page.locator("main")
    expect(menu).to_be_visible()
    return menu


def walk_the_menu(page: Page, server, items: dict[str, str], javascript: bool, label: str) -> None:
    for number, (text, path) in enumerate(items.items()):
        menu = open_menu(page, javascript)
        if number == 0:
            if javascript:  # axe-core runs in the page: without JavaScript, the menu page is checked in
                assert_accessible(page, f"the open phone menu ({label})")  # test_citizen_journeys
            screenshot(page, f"phone-menu-{label}", full_page=False)  # the open drawer, not closed by a resize
        menu.get_by_role("link", name=re.compile(f"^{text}")).click()
        expect(page).to_have_url(f"{server.url}{path}")
        page.wait_for_load_state("load")  # the stylesheets applied: measured before, a page is laid out unstyled
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"{path} scrolls sideways at 375 px ({wide} px wide)"
        expect(page.get_by_role("dialog", name="Menu")).to_be_hidden()
        expect(page.locator("nav.navigation-menu-mobile [aria-current=page]")).to_have_count(1)
    menu = open_menu(page, javascript)
    menu.get_by_role("button", name="Log af").click()
    expect(page.locator("body")).to_contain_text("Du er nu logget af.")
    expect(page.get_by_role("link", name="Menu")).to_have_count(0)
    page.goto(f"{server.url}{next(iter(items.values()))}")
    expect(page).to_have_url(re.compile("/log-ind/"))


@pytest.mark.parametrize("javascript", [True, False], ids=["drawer", "no-javascript"])
def test_a_citizen_on_a_phone_opens_every_menu_item_and_logs_out(live_server, context_factory, javascript):
    page = on_phone(context_factory, live_server, demo.SOFIE.name, javascript)
    page.goto(f"{live_server.url}/borger/")
    walk_the_menu(page, live_server, CITIZEN_MENU, javascript, "citizen-js" if javascript else "citizen-nojs")


@pytest.mark.parametrize("javascript", [True, False], ids=["drawer", "no-javascript"])
def test_a_caseworker_on_a_phone_opens_every_menu_item_and_logs_out(live_server, context_factory, javascript):
    page = on_phone(context_factory, live_server, "Torben Vestergaard", javascript)  # an administrator: every item
    walk_the_menu(page, live_server, CASEWORKER_MENU, javascript, "caseworker-js" if javascript else "caseworker-nojs")


def test_the_drawer_closes_with_its_button_and_escape_and_gives_focus_back(live_server, context_factory):
    page = on_phone(context_factory, live_server, demo.SOFIE.name, True)
    page.goto(f"{live_server.url}/borger/")
    open_menu(page, True)
    page.get_by_role("button", name="Luk menuen").click()
    expect(page.get_by_role("dialog", name="Menu")).to_be_hidden()
    expect(page.get_by_role("button", name="Menu")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Menu")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Menu")).to_be_hidden()
