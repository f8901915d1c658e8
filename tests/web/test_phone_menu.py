"""The menu on a phone (issue 13, "Phones and tablets"): below DKFDS's desktop breakpoint the header's menu button
opens the drawer with the main menu and "Log af"; without JavaScript it is a link to the menu page, which lists
the same. The menu counts unread messages ("Beskeder (2)"), tables stack on a phone, and "Mine samtaler" starts
with the person's coming interviews. What the browser shows at 375 px is in tests/e2e/test_phone_menu.py."""

from __future__ import annotations

import re

from scheduling import demo
from tests.web.booking_helpers import as_citizen, main
from tests.web.caseworker_helpers import as_caseworker, messages
from tests.web.helpers import open_message

CITIZEN_MENU = ("/borger/", "/borger/beskeder", "/kalender/")


def header(html: str) -> str:
    return html.split("</header>", 1)[0]


def drawer(html: str) -> str:
    return header(html).split('class="mobile-drawer"', 1)[1]


def hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" class="nav-link"', html)


def test_the_phone_header_has_a_menu_page_link_and_the_drawer_with_the_menu_and_log_off(app, client):
    as_citizen(app, client, demo.SOFIE)
    page = client.get("/borger/").get_data(as_text=True)
    assert re.search(r'<a href="/menu" class="[^"]*button-menu-open', header(page))  # without JavaScript
    assert re.search(r'<button type="button" class="[^"]*js-menu-open', header(page))  # DKFDS's drawer button
    mobile = drawer(page)
    assert 'role="dialog"' in header(page) and 'class="navigation-menu-mobile"' in mobile
    assert [h for h in hrefs(mobile) if h in CITIZEN_MENU] == list(CITIZEN_MENU)
    assert 'action="/log-ind/log-af"' in mobile and "Log af" in mobile


def test_the_menu_page_lists_the_citizens_menu_and_logs_off(app, client):
    as_citizen(app, client, demo.SOFIE)
    response = client.get("/menu")
    assert response.status_code == 200
    body = main(response.get_data(as_text=True))
    assert "<h1>Menu</h1>" in body
    assert [h for h in hrefs(body) if h in CITIZEN_MENU] == list(CITIZEN_MENU)
    token = re.search(r'action="/log-ind/log-af"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"', body)
    assert token, body
    logged_off = client.post("/log-ind/log-af", data={"csrf_token": token.group(1)}, follow_redirects=True)
    assert "Du er nu logget af." in logged_off.get_data(as_text=True)
    assert client.get("/borger/").status_code == 302


def test_the_menu_page_lists_the_caseworkers_menu(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    body = main(client.get("/menu").get_data(as_text=True))
    links = hrefs(body)
    assert "/sagsbehandler/" in links and "/kalender/" in links and len(links) >= 5
    assert 'action="/log-ind/log-af"' in body


def test_someone_not_logged_in_has_no_menu(client):
    response = client.get("/menu")
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    front = client.get("/").get_data(as_text=True)
    assert "button-menu-open" not in header(front) and "mobile-drawer" not in front


def test_the_menu_counts_unread_messages_and_opening_one_counts_down(app, client):
    as_citizen(app, client, demo.SOFIE)
    unread = sum(1 for m in messages(app, demo.SOFIE.name) if m.read_at is None)
    assert unread >= 1
    page = client.get("/borger/").get_data(as_text=True)
    label = f'Beskeder ({unread}<span class="sr-only"> ulæste</span>)'
    assert header(page).count(label) == 2  # the desktop menu and the drawer
    inbox = client.get("/borger/beskeder").get_data(as_text=True)
    first = re.search(r'action="/borger/beskeder/(\d+)"', main(inbox)).group(1)
    open_message(client, first)
    after = header(client.get("/borger/").get_data(as_text=True))
    assert after.count(label) == 0
    if unread == 1:
        assert "Beskeder</span>" in after and "ulæste" not in after
    else:
        assert after.count(f"Beskeder ({unread - 1}<span") == 2


def test_a_person_with_every_message_read_sees_no_count(app, client):
    as_citizen(app, client, demo.SOFIE)
    for message in messages(app, demo.SOFIE.name):
        if message.read_at is None:
            open_message(client, message.id)
    page = header(client.get("/borger/").get_data(as_text=True))
    assert "<span>Beskeder</span>" in page and "ulæste" not in page


def test_mine_samtaler_starts_with_the_coming_interviews(app, client):
    """On a phone the page is one column in the order of the HTML: the coming interviews come before who is
    responsible, booking and the rules."""
    as_citizen(app, client, demo.SOFIE)
    body = main(client.get("/borger/").get_data(as_text=True))
    order = [body.index(f'id="{h}"') for h in ("upcoming-heading", "responsible-heading", "obligations-heading")]
    assert order == sorted(order)


def test_tables_on_citizen_pages_stack_on_a_phone_with_a_title_on_every_cell(app, client):
    as_citizen(app, client, demo.SOFIE)
    for path in ("/borger/", "/regler"):
        body = main(client.get(path).get_data(as_text=True))
        tables = re.findall(r"<table .*?</table>", body, re.S)
        assert tables, path
        for table in tables:
            assert "responsive-headers" in table.split(">", 1)[0], path
            cells = re.findall(r"<t[dh](?: [^>]*)?>", table.split("<tbody>", 1)[1])
            assert cells and all("data-title=" in cell for cell in cells), (path, cells[:3])
