"""Searching "Mine borgere" (issue 14): one field finds a person by parts of the name or by the CPR number, shows
the CPR number masked, keeps the filters, the sort and the pages in the address, and asks again in plain Danish
for a search that cannot find anyone."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.integration.world import a_world
from tests.web.caseworker_helpers import as_caseworker, html
from tests.web.helpers import choose_language, log_in_as

CASELOAD = "/sagsbehandler/"


def _names(page: str) -> list[str]:
    return re.findall(r'href="/sagsbehandler/borger/\d+">([^<]+)</a>', page)


def _ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/sagsbehandler/borger/(\d+)">', page)]


def _table(page: str) -> str:
    return page[page.index("<table"):page.index("</table>")] if "<table" in page else ""


def _people(app, client, *names: str):
    """A world whose people have ``names`` (CPR numbers 010685-4000, -4001 …, in that order), all in the caseload
    of the a-kasse caseworker, who is logged in; returns the world."""
    from portal.database import unit_of_work

    with app.app_context():
        world = a_world(lambda: unit_of_work(app), citizens=len(names))
        with unit_of_work() as uow:
            for citizen, name in zip(world.citizens, names, strict=True):
                uow.repo.citizen(citizen).name = name
            uow.commit()
    log_in_as(client, "caseworker", world.akasse_caseworkers[0])
    return world


def _search(client, q: str, **args: str) -> str:
    response = client.get(CASELOAD, query_string={"q": q, **args})
    assert response.status_code == 200
    return html(response)


def test_a_name_is_found_by_the_beginnings_of_its_words_in_any_case_and_order(app, client):
    _people(app, client, "Mikkel Hansen", "Mikala Jensen", "Hans Mikkelsen", "Anne Hansen-Berg", "Bo Mikkelsen")
    assert sorted(_names(_search(client, "mik han"))) == ["Hans Mikkelsen", "Mikkel Hansen"]
    assert sorted(_names(_search(client, "HAN mik"))) == ["Hans Mikkelsen", "Mikkel Hansen"]
    assert _names(_search(client, "  Mikkel   Hansen ")) == ["Mikkel Hansen"]
    assert _names(_search(client, "berg")) == ["Anne Hansen-Berg"]  # a hyphen begins a word too
    assert sorted(_names(_search(client, "m"))) == ["Bo Mikkelsen", "Hans Mikkelsen", "Mikala Jensen", "Mikkel Hansen"]
    assert _names(_search(client, "ikkel")) == []  # the middle of a word is not the beginning of one


def test_danish_letters_are_found_in_either_case_and_only_as_themselves(app, client):
    _people(app, client, "Søren Ørsted", "Åse Æbelø", "Soren Orsted")
    assert _names(_search(client, "sør ør")) == ["Søren Ørsted"]
    assert _names(_search(client, "SØREN")) == ["Søren Ørsted"]
    assert _names(_search(client, "åse ÆB")) == ["Åse Æbelø"]
    assert _names(_search(client, "Ø")) == ["Søren Ørsted"]
    assert _names(_search(client, "soren")) == ["Soren Orsted"]


def test_a_whole_cpr_number_finds_its_person_with_or_without_the_hyphen_and_shows_it_masked(app, client):
    _people(app, client, "Anna Berg", "Bo Dahl", "Carl Eng")
    for q in ("0106854001", "010685-4001", " 010685 4001 "):
        page = _search(client, q)
        assert _names(page) == ["Bo Dahl"], q
        assert "010685-xxxx" in _table(page) and "4001" not in _table(page)
    assert _names(_search(client, "0106854999")) == []


def test_six_digits_find_everyone_born_that_day_with_the_cpr_number_masked(app, client):
    _people(app, client, "Anna Berg", "Bo Dahl", "Carl Eng")
    page = _search(client, "010685")
    assert sorted(_names(page)) == ["Anna Berg", "Bo Dahl", "Carl Eng"]
    table = _table(page)
    assert table.count("010685-xxxx") == 3 and not re.search(r"010685-?4\d{3}", table)
    assert _names(_search(client, "020685")) == []


def test_the_search_keeps_the_sort_and_pages_through_equal_names_in_a_stable_order(app, client):
    """Ties are broken by the course, so page 2 goes on where page 1 stopped: nobody twice, nobody left out."""
    world = _people(app, client, *(["Ens Navnesen"] * 57), "Anden Person", "Tredje Person")
    first = _search(client, "ens nav", sort="navn")
    assert "57 personer" in first and len(_names(first)) == 50
    following = re.search(r'href="([^"]+)" class="button button-arrow button-next"', first).group(1)
    assert "q=ens+nav" in following and "sort=navn" in following and "side=2" in following
    second = html(client.get(following.replace("&amp;", "&")))
    found = _ids(first) + _ids(second)
    assert len(found) == 57 and found == sorted(found)  # the same order as the people were made: by id
    assert set(found) == set(world.citizens[:57])
    assert _ids(_search(client, "ens nav", sort="navn")) == _ids(first)  # the same page again
    for sort in ("presserende", "frist"):
        pages = _ids(_search(client, "ens", sort=sort)) + _ids(_search(client, "ens", sort=sort, side="2"))
        assert pages == sorted(pages) and len(pages) == 57


def test_every_link_on_the_page_keeps_the_search(app, client):
    _people(app, client, *(["Ens Navnesen"] * 51))
    page = _search(client, "ens", sort="navn")
    links = {href.replace("&amp;", "&") for href in re.findall(r'href="(/sagsbehandler/\?[^"]*)"', page)}
    kept = {link for link in links if "q=ens" in link}
    assert links - kept == {"/sagsbehandler/?sort=navn"}  # "Ryd søgning": the same list without the search
    assert "/sagsbehandler/?alle=1&sort=navn&q=ens" in kept  # the whole organisation, searched the same way
    assert "/sagsbehandler/?filter=overskredet&sort=navn&q=ens" in kept
    assert "/sagsbehandler/?sort=navn&q=ens&side=2" in kept
    start = page.index('role="search"')
    form = page[start:page.index("</form>", start)]
    assert 'name="sort" value="navn"' in form and 'value="ens"' in form


def test_a_search_with_a_filter_finds_only_people_matching_both(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert _names(_search(client, "lars", alle="1", filter="frataget")) == ["Lars Mikkelsen"]
    none = _search(client, "mette", alle="1", filter="frataget")
    assert _names(none) == [] and "Ingen borgere matcher »mette«." in none
    assert 'href="/sagsbehandler/?alle=1&amp;q=mette">Søg uden filteret' in none
    assert _names(_search(client, "mette", alle="1")) == ["Mette Nørgaard Jensen"]


def test_no_one_found_says_so_and_offers_the_whole_organisation_and_to_clear_the_search(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = _search(client, "Zacharias")
    assert "Ingen borgere matcher »Zacharias«." in page and "<table" not in page
    assert 'href="/sagsbehandler/?alle=1&amp;q=Zacharias">Søg i hele organisationen' in page
    assert 'href="/sagsbehandler/">Ryd søgning' in page


def test_a_search_that_cannot_find_anyone_by_its_form_is_asked_for_again_on_the_page(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    for q, says in (
        ("01019012345", "Skriv hele CPR-nummeret med 10 cifre, fx 010190-1234, eller de første 6 cifre, fødselsdatoen, fx 010190."),
        ("1404", "Skriv hele CPR-nummeret med 10 cifre"),
        ("140489-01", "Skriv hele CPR-nummeret med 10 cifre"),
        ("mette 140489", "Søg enten efter et navn eller efter et CPR-nummer, ikke begge dele."),
        ("%", "Skriv et navn eller et CPR-nummer."),
    ):
        response = client.get(CASELOAD, query_string={"q": q, "alle": "1"})
        page = html(response)
        assert response.status_code == 200, q
        assert says in page and 'aria-invalid="true"' in page and 'class="form-group form-error"' in page, q
        assert "<table" not in page and "Ingen borgere matcher" not in page and "personer</p>" not in page, q
        assert 'aria-describedby="caseload-search-hint caseload-search-error"' in page


def test_the_field_is_labelled_and_clearing_is_offered_only_while_searching(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(CASELOAD))
    assert '<label class="form-label" for="caseload-search">Søg efter navn eller CPR-nummer</label>' in page
    assert "Ryd søgning" not in page
    assert "Ryd søgning" in _search(client, "lars")


def test_another_organisations_people_are_not_found(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert _names(_search(client, "jonas", alle="1")) == []


def test_the_search_is_in_english_too(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    choose_language(client, "en")
    page = _search(client, "Zacharias")
    assert "Search by name or CPR number" in page and "No one matches »Zacharias«." in page
    assert "Clear search" in page
    assert "Enter the whole CPR number with 10 digits" in _search(client, "01019012345")


def test_a_search_reads_the_status_table_once(app, client):
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def statements():
        seen: list[str] = []
        engine = app.extensions["selvbooking_engine"]

        def count(_conn, _cursor, statement, *_args):
            seen.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            yield seen
        finally:
            event.remove(engine, "before_cursor_execute", count)

    _people(app, client, "Mikkel Hansen", "Bo Dahl")
    client.get(CASELOAD)
    for q in ("mik han", "010685-4001", "010685"):
        with statements() as seen:
            assert _names(_search(client, q))
        assert len([s for s in seen if "caseload_status" in s]) == 1, q
    with statements() as seen:
        _search(client, "01019012345")
    assert not [s for s in seen if "caseload_status" in s]  # asked for again, not run


def test_the_people_found_are_a_session_with_the_person_page_as_before(app, client):
    """The list never shows the full CPR number; the person's page does, and that look-up is audited as before."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import AuditRow

    world = _people(app, client, "Mikkel Hansen")
    page = _search(client, "0106854000")
    assert "0106854000" not in _table(page) and "010685-4000" not in _table(page)
    person = re.search(r'href="(/sagsbehandler/borger/\d+)"', _table(page)).group(1)
    assert "010685-4000" in html(client.get(person))
    with app.app_context(), unit_of_work() as uow:
        viewed = uow.session.scalars(select(AuditRow.action).where(AuditRow.citizen_id == world.citizens[0])).all()
    assert "cpr_viewed" in viewed
