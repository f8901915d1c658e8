"""Helpers (no tests) for the caseworker page tests: find demo people by name, log in, post forms, read the inbox."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from tests.web.helpers import csrf_token, log_in_as


def citizen_id(app, name: str) -> int:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow

    with app.app_context(), unit_of_work() as uow:
        return uow.session.scalar(select(CitizenRow.id).where(CitizenRow.name == name))


def caseworker_id(app, name: str) -> int:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CaseworkerRow

    with app.app_context(), unit_of_work() as uow:
        return uow.session.scalar(select(CaseworkerRow.id).where(CaseworkerRow.name == name))


def as_caseworker(client, app, name: str) -> None:
    log_in_as(client, "caseworker", caseworker_id(app, name))


def post(client, path: str, data: dict | None = None, form_page: str | None = None):
    """POST a form as the browser would: with the CSRF token from the page the form is on."""
    token = csrf_token(client, form_page or path)
    return client.post(path, data={"csrf_token": token, **(data or {})})


def html(response) -> str:
    return response.get_data(as_text=True)


def first_slot(client, path: str) -> str:
    match = re.search(r'name="start" class="form-radio" value="([^"]+)"', html(client.get(path)))
    assert match, f"no free slot offered on {path}"
    return match.group(1)


def messages(app, name: str):
    from portal.database import unit_of_work
    from scheduling.services.queries import citizen_messages

    with app.app_context():
        return citizen_messages(unit_of_work(), citizen_id(app, name))


def decisions(app, name: str):
    from portal.database import unit_of_work
    from scheduling.services.queries import citizen_decisions

    with app.app_context():
        return citizen_decisions(unit_of_work(), citizen_id(app, name))


def interviews(app, name: str):
    from portal.database import unit_of_work
    from scheduling.services.queries import citizen_interviews

    with app.app_context():
        return citizen_interviews(unit_of_work(), citizen_id(app, name))


def person(app, name: str) -> str:
    return f"/sagsbehandler/borger/{citizen_id(app, name)}"


def refused_by(response, rule: str) -> bool:
    """The page says the rules core refused, naming the rule."""
    return response.status_code == 409 and f"Regel {rule} ·" in html(response)


def iso(day: date) -> str:
    return day.isoformat()
