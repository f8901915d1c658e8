"""The front page is rendered once per language for anonymous visitors (issue 11: it was 0.36 of the
framework's floor, mostly template work): each visitor still gets their own CSRF token in the language buttons,
each language its own page, and a message to show (after log-out) or a query string gets a page of its own."""

from __future__ import annotations

import re

from tests.web.helpers import choose_language

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_two_visitors_get_their_own_token_and_both_can_choose_a_language(app):
    first, second = app.test_client(), app.test_client()
    tokens = [set(TOKEN.findall(c.get("/").get_data(as_text=True))) for c in (first, second)]
    assert all(len(t) == 1 for t in tokens) and tokens[0] != tokens[1]
    assert "\x00" not in second.get("/").get_data(as_text=True)
    for client in (first, second):
        assert choose_language(client, "en", "/").status_code == 303


def test_each_language_has_its_own_front_page(app):
    danish, english = app.test_client(), app.test_client()
    assert "Book dine jobsamtaler" in danish.get("/").get_data(as_text=True)
    choose_language(english, "en", "/")
    page = english.get("/").get_data(as_text=True)
    assert 'lang="en"' in page and "Book dine jobsamtaler" not in page
    assert "Book dine jobsamtaler" in danish.get("/").get_data(as_text=True)


def test_a_message_to_show_is_on_the_front_page(app, client):
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "En besked til dig")]
    assert "En besked til dig" in client.get("/").get_data(as_text=True)
    assert "En besked til dig" not in client.get("/").get_data(as_text=True)
