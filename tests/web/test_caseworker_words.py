"""Every person's page and every caseload, as each organisation's caseworker reads them, speak to the caseworker
about the person (issue 14, "Words for caseworkers"): the reasons, deadlines and notices call the person by first
name, and nothing on the page, the footer included, says the citizen's "dig" or "dine". What a caseworker wrote
(the history's free text) and the letters to the person (folded away) are theirs and are left out.
"""

from __future__ import annotations

import re

import pytest

from tests.web.caseworker_helpers import as_caseworker, html

CITIZEN_YOU = re.compile(r"\b(?:dig|dine|Dine)\b")
ADMINS = ("Torben Vestergaard", "Susanne Brink", "Henrik Juhl", "Lene Friis")


def _text(page: str) -> str:
    page = re.sub(r"<details.*?</details>", "", page, flags=re.S)  # the letters to the person
    page = re.sub(r'<h2 id="historik">.*?</table>', "", page, flags=re.S)  # what caseworkers wrote
    return re.sub(r"<[^>]+>", " ", page)


@pytest.mark.parametrize("admin", ADMINS)
def test_the_caseload_and_every_persons_page_speak_about_the_person(app, client, admin):
    as_caseworker(client, app, admin)
    caseload = html(client.get("/sagsbehandler/?alle=1"))
    assert not CITIZEN_YOU.findall(_text(caseload))
    people = dict(re.findall(r'<a href="(/sagsbehandler/borger/\d+)">([^<]+)</a>', caseload))
    assert people
    for path, name in people.items():
        text = _text(html(client.get(path)))
        assert not CITIZEN_YOU.findall(text), f"{name}: {sorted(set(CITIZEN_YOU.findall(text)))}"


def test_the_next_deadline_on_the_caseload_names_the_person(app, client):
    as_caseworker(client, app, "Torben Vestergaard")
    page = html(client.get("/sagsbehandler/?alle=1"))
    assert "A-kassen skal holde den første jobsamtale med Mette senest" in page
