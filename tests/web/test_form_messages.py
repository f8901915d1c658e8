"""Form errors are Danish instructions, never WTForms' English ("Not a valid date value.")."""

from tests.web.helpers import choose_language, csrf_token, log_in_as


def _caseworker(app, name: str) -> int:
    from sqlalchemy import select

    from portal.database import session
    from scheduling.adapters.orm import CaseworkerRow

    with app.app_context():
        return session().scalar(select(CaseworkerRow.id).where(CaseworkerRow.name == name))


def test_a_wrong_date_gets_a_danish_instruction_in_danish_and_an_english_one_in_english(app, client):
    from sqlalchemy import select

    from portal.database import session
    from scheduling.adapters.orm import CitizenRow

    with app.app_context():
        sofie = session().scalar(select(CitizenRow.id).where(CitizenRow.name.like("Sofie%")))
    log_in_as(client, "caseworker", _caseworker(app, "Kasper Lindqvist"))
    path = f"/sagsbehandler/borger/{sofie}/kontrolaktion"
    token = csrf_token(client, path)
    html = client.post(path, data={"csrf_token": token, "received_on": "31-02-2026"}).get_data(as_text=True)
    assert "Not a valid" not in html
    assert "Skriv en dato som åååå-mm-dd" in html
    choose_language(client, "en", page=path)
    html = client.post(path, data={"csrf_token": csrf_token(client, path), "received_on": "nope"}).get_data(as_text=True)
    assert "Not a valid date value" not in html and "Skriv en dato" not in html
