"""Every page a caseworker opens with a GET, checked in Chromium (issue 14, "every caseworker page is checked in
English"): axe-core finds no WCAG 2.1 A/AA violations at 375 and 1280 px, in Danish and in English, and no page
scrolls sideways on a 375 px phone. The person's pages and their actions are opened the way a caseworker does,
from the person's page, which speaks about the person by name, never with the citizen's "dig"/"dine" (the caseworker's
own "dine ledige tider" on the other pages is said to the caseworker).

Only GETs (and the person page's logged CPR look-up): the shared live server's people stay as they were.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from scheduling import demo
from tests.e2e.helpers import PHONE, in_both_languages

pytestmark = pytest.mark.e2e

AKASSE_ADMIN = "Torben Vestergaard"  # A-kassen Fremad: Sofie's a-kasse
JOBCENTER_ADMIN = "Henrik Juhl"  # Jobcenter Aarhus: Mikkel's jobcenter
CITIZEN_YOU = re.compile(r"\b(?:dig|dine)\b", re.IGNORECASE)  # "din" is the caseworker's own ("din vurdering")


def as_caseworker(context_factory, server, name: str, **context) -> Page:
    page = context_factory(**context).new_page()
    page.goto(f"{server.url}/log-ind/")
    page.get_by_role("button", name=f"Log ind som {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I dag")  # a caseworker's first page
    page.goto(f"{server.url}/sagsbehandler/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine borgere")
    return page


def person_page(page: Page, server, name: str) -> None:
    page.goto(f"{server.url}/sagsbehandler/?alle=1")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def says_nothing_to_the_citizen(page: Page, label: str) -> None:
    text = page.locator("main").inner_text()
    hits = sorted({m.group(0) for m in CITIZEN_YOU.finditer(text)})
    assert not hits, f"{label} speaks to the citizen ({hits}):\n{text[:2000]}"


PAGES = {  # label: (caseworker, path)
    "caseload": (AKASSE_ADMIN, "/sagsbehandler/"),
    "caseload, the whole organisation": (JOBCENTER_ADMIN, "/sagsbehandler/?alle=1"),
    "availability": (AKASSE_ADMIN, "/sagsbehandler/tilgaengelighed"),
    "timeslots (jobcenter)": (JOBCENTER_ADMIN, "/sagsbehandler/tidsrum"),
    "settings (a-kasse)": (AKASSE_ADMIN, "/sagsbehandler/indstillinger"),
    "settings (jobcenter)": (JOBCENTER_ADMIN, "/sagsbehandler/indstillinger"),
    "password": (AKASSE_ADMIN, "/sagsbehandler/adgangskode"),
    "accounts": (JOBCENTER_ADMIN, "/sagsbehandler/brugere"),
    "API tokens": (JOBCENTER_ADMIN, "/sagsbehandler/api-noegler"),
    "API documentation": (JOBCENTER_ADMIN, "/api/v1/docs"),
    "API documentation, a section": (JOBCENTER_ADMIN, "/api/v1/docs/samtaler"),
    "API documentation, the schemas": (JOBCENTER_ADMIN, "/api/v1/docs/skemaer"),
    "calendar subscription": (AKASSE_ADMIN, "/kalender/"),
    "calendar busy times": (AKASSE_ADMIN, "/kalender/optaget-tid"),
}


@pytest.mark.parametrize("label", PAGES)
def test_a_caseworker_page_passes_axe_in_both_languages_at_both_widths(live_server, context_factory, label):
    who, path = PAGES[label]
    page = as_caseworker(context_factory, live_server, who)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    in_both_languages(page, f"caseworker {label}")


@pytest.mark.parametrize(
    ("who", "person"),
    [(AKASSE_ADMIN, demo.SOFIE.name), (JOBCENTER_ADMIN, demo.MIKKEL.name)],
    ids=["a-kasse, Sofie", "jobcenter, Mikkel"],
)
def test_the_person_page_speaks_about_the_person_and_passes_axe(live_server, context_factory, who, person):
    page = as_caseworker(context_factory, live_server, who)
    person_page(page, live_server, person)
    first = person.split()[0]
    expect(page.locator("#forpligtelser + div table")).to_contain_text(f"med {first}")
    says_nothing_to_the_citizen(page, f"{person}'s page")
    in_both_languages(page, f"caseworker person page ({first})")


def test_the_person_page_in_english_speaks_about_the_person(live_server, context_factory):
    page = as_caseworker(context_factory, live_server, JOBCENTER_ADMIN)
    person_page(page, live_server, demo.MIKKEL.name)
    page.locator("footer button[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    obligations = page.locator("#forpligtelser + div table")
    expect(obligations).to_contain_text("job interviews with Mikkel")
    assert not re.search(r"\byou(?:r)?\b", obligations.inner_text(), re.IGNORECASE)
    page.locator("footer button[lang=da]").click()


@pytest.mark.parametrize(
    ("link", "label"),
    [
        ("Indkald til en samtale", "call-in form"),
        ("Fratag retten til selvbooking", "revoke form"),
        ("Skift til personligt fremmøde", "raise format form"),
    ],
)
def test_an_action_page_on_the_person_passes_axe_in_both_languages(live_server, context_factory, link, label):
    page = as_caseworker(context_factory, live_server, AKASSE_ADMIN)
    person_page(page, live_server, demo.SOFIE.name)  # self-books; her next interview is by phone (R16)
    page.get_by_role("link", name=re.compile(f"^{link}")).first.click()
    expect(page.locator("main")).to_contain_text(demo.SOFIE.name)
    in_both_languages(page, f"caseworker {label}")


def test_the_record_page_passes_axe_in_both_languages(live_server, context_factory):
    page = as_caseworker(context_factory, live_server, AKASSE_ADMIN)
    person_page(page, live_server, demo.SOFIE.name)
    raise_url = page.get_by_role("link", name=re.compile("^Skift til personligt fremmøde")).first.get_attribute("href")
    page.goto(live_server.url + raise_url.replace("/samtaleform", "/registrer"))  # held or missed, with the checklist
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Blev samtalen holdt?")).to_be_visible()
    in_both_languages(page, "caseworker record held or missed")


PERSON_LINKS = ("Indkald til en samtale", "Fratag retten til selvbooking", "Skift til personligt fremmøde")


def test_no_caseworker_page_scrolls_sideways_on_a_phone_without_javascript(live_server, context_factory):
    """Without JavaScript (DKFDS's scripts lay out nothing then) every page still fits 375 px."""
    page = as_caseworker(context_factory, live_server, AKASSE_ADMIN, viewport=PHONE, java_script_enabled=False)
    person_page(page, live_server, demo.SOFIE.name)
    paths = [page.get_by_role("link", name=re.compile(f"^{text}")).first.get_attribute("href") for text in PERSON_LINKS]
    paths += [paths[-1].replace("/samtaleform", "/registrer"), page.url.removeprefix(live_server.url)]
    wide = {}
    for who in (AKASSE_ADMIN, JOBCENTER_ADMIN):
        if who != AKASSE_ADMIN:
            page = as_caseworker(context_factory, live_server, who, viewport=PHONE, java_script_enabled=False)
        for path in paths + [path for worker, path in PAGES.values() if worker == who]:
            page.goto(live_server.url + path)
            wide[f"{who}: {path}"] = page.evaluate("() => document.documentElement.scrollWidth")
        paths = []
    assert {path: width for path, width in wide.items() if width > PHONE["width"]} == {}
