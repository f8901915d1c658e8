"""One mapping from domain errors to HTTP (portal/errors.py): a refusal, a slot taken, bad input and not found get
the same status and page wherever a view lets them through, for citizens and caseworkers alike."""

from __future__ import annotations

import pytest

from portal.errors import problem_title, status_of
from scheduling.reasons import Reason
from scheduling.rules.catalogue import reason
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken

REASON = Reason("R23", "LAB § 35", "Retten til at booke selv er taget fra dig ved en afgørelse.")


def _raising(error: Exception):
    def view():
        raise error

    return view


@pytest.mark.parametrize(
    ("error", "status"),
    [(Refused(REASON), 409), (SlotTaken(), 409), (InvalidInput.because("Skriv en begrundelse"), 422), (NotFound(), 404)],
)
def test_the_status_of_each_domain_error_comes_from_one_table(error, status):
    assert status_of(error) == status


@pytest.mark.parametrize(
    ("error", "status", "title", "text"),
    [
        (Refused(REASON), 409, "Det kan ikke lade sig gøre", "taget fra dig ved en afgørelse"),
        (SlotTaken(), 409, "Tiden er ikke længere ledig", "Tiden er netop blevet booket af en anden"),
        (InvalidInput.because("Skriv en begrundelse."), 422, "Oplysningerne kunne ikke bruges", "Skriv en begrundelse."),
    ],
)
def test_a_refusal_a_view_lets_through_is_a_danish_page_with_the_reason(app, error, status, title, text):
    app.add_url_rule("/test/fejl", "test_error", _raising(error))
    response = app.test_client().get("/test/fejl")
    html = response.get_data(as_text=True)
    assert response.status_code == status and f"<h1>{title}</h1>" in html and text in html
    assert 'href="/"' in html and "Gå til forsiden" in html


def test_the_legal_basis_of_a_refusal_is_on_its_page(app):
    app.add_url_rule("/test/fejl", "test_error", _raising(Refused(REASON)))
    html = app.test_client().get("/test/fejl").get_data(as_text=True)
    assert "Lovgrundlag" in html and "R23 · LAB § 35" in html


def test_not_found_let_through_is_the_404_page_telling_nothing(app):
    app.add_url_rule("/test/fejl", "test_error", _raising(NotFound()))
    response = app.test_client().get("/test/fejl")
    assert response.status_code == 404 and "Siden findes ikke" in response.get_data(as_text=True)


def test_a_view_names_its_own_problem(app):
    app.add_url_rule("/test/fejl", "test_error", problem_title("Samtalen kunne ikke aflyses")(_raising(Refused(REASON))))
    response = app.test_client().get("/test/fejl")
    assert response.status_code == 409 and "<h1>Samtalen kunne ikke aflyses</h1>" in response.get_data(as_text=True)


def test_the_way_back_is_the_page_the_person_came_from_on_this_site_only(app):
    app.add_url_rule("/test/fejl", "test_error", _raising(Refused(REASON)))
    client = app.test_client()
    ours = client.get("/test/fejl", headers={"Referer": "http://localhost/borger/book"}).get_data(as_text=True)
    assert 'href="/borger/book">Gå tilbage' in ours
    theirs = client.get("/test/fejl", headers={"Referer": "https://evil.example/borger/book"}).get_data(as_text=True)
    assert "Gå tilbage" not in theirs


def test_the_legal_basis_detail_names_the_rule_and_links_to_it_in_the_catalogue_R23(app):
    app.add_url_rule("/test/fejl", "test_error", _raising(Refused(reason("R23", "Retten til at booke selv er taget fra dig."))))
    html = app.test_client().get("/test/fejl").get_data(as_text=True)
    assert "R23 · LAB § 35" in html and "Fratagelse af retten til selvbooking" in html
    assert 'href="/regler#R23"' in html and "afsnit 4.2" in html
