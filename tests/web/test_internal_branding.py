"""Caseworker pages are the organisation's internal tool, not borger.dk (issue 14): DKFDS's neutral theme and its
solution header alone (no portal header with the borger.dk logo), naming the tool, the organisation and the
caseworker; citizen pages and the pages before log-in keep the borger.dk look."""

from __future__ import annotations

import pytest

from scheduling import demo
from tests.web.booking_helpers import as_citizen
from tests.web.caseworker_helpers import as_caseworker, html

BORGER_DK = "dkfds/css/dkfds-borgerdk.min.css"
NEUTRAL = "dkfds/css/dkfds.min.css"


def header(page: str) -> str:
    return page.split('<header', 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize("path", ["/sagsbehandler/", "/sagsbehandler/tidsrum", "/sagsbehandler/tilgaengelighed",
                                  "/kalender/optaget-tid"])
def test_caseworker_pages_are_branded_as_the_organisations_tool(app, client, path):
    as_caseworker(client, app, "Louise Kjær")
    page = html(client.get(path))
    assert NEUTRAL in page and BORGER_DK not in page
    top = header(page)
    assert 'class="portal-info"' not in top and 'class="logo"' not in top  # no borger.dk portal header
    assert "Selvbooking – sagsbehandling" in top and "Jobcenter Aarhus" in top and "Louise Kjær" in top
    assert "Log af" in top
    assert "Internt værktøj for Jobcenter Aarhus" in page  # the footer


def test_citizen_pages_and_the_log_in_page_keep_the_borger_dk_look(app, client):
    page = html(client.get("/log-ind/"))
    assert BORGER_DK in page and 'class="portal-info"' in header(page)
    as_citizen(app, client, demo.SOFIE)
    page = html(client.get("/borger/"))
    assert BORGER_DK in page and NEUTRAL not in page and 'class="portal-info"' in header(page)
    assert "Selvbooking af jobsamtaler" in header(page) and "sagsbehandling" not in page
