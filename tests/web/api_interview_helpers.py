"""Helpers (no tests) for the interview endpoints' tests: tokens of the demo organisations, requests with an
Idempotency-Key, free slots and interviews of the demo people."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from scheduling.course import InterviewStatus
from tests.web.api_helpers import api, api_token
from tests.web.caseworker_helpers import caseworker_id, citizen_id, interviews

FREMAD = "A-kassen Fremad"
NORD = "Lønmodtagernes A-kasse Nord"
AARHUS = "Jobcenter Aarhus"


HOLDERS = {FREMAD: "Birgitte Holm", NORD: "Rikke Dahl", AARHUS: "Louise Kjær"}


def organisation(app, name: str) -> int:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import OrganisationRow

    with app.app_context(), unit_of_work() as uow:
        return uow.session.scalar(select(OrganisationRow.id).where(OrganisationRow.name == name))


def token(app, name: str = FREMAD, scope: str = "write") -> str:
    """A token of the demo organisation ``name``, acting as its first caseworker of :data:`HOLDERS`."""
    return api_token(app, organisation=organisation(app, name), scope=scope, caseworker_id=worker(app, HOLDERS[name]))


def post(client, url: str, secret: str, json: dict | None = None, key: str | None = None):
    """A POST with its own Idempotency-Key (or ``key``)."""
    return api(client, "POST", url, secret, json=json or {}, headers={"Idempotency-Key": key or str(uuid.uuid4())})


def get(client, url: str, secret: str):
    return api(client, "GET", url, secret)


def person_id(app, name: str) -> int:
    return citizen_id(app, name)


def worker(app, name: str) -> int:
    return caseworker_id(app, name)


def first_free_start(client, app, secret: str, name: str, holder: str, *, skip: int = 0) -> str:
    """The start of a free slot of ``holder`` to call ``name`` in to (the ``skip``-th)."""
    response = get(client, f"/api/v1/persons/{person_id(app, name)}/free-slots?caseworker_id={worker(app, holder)}", secret)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"][skip]["start"]


def booked(app, name: str):
    """The person's first booked interview (a view)."""
    return next(i for i in interviews(app, name) if i.status == InterviewStatus.BOOKED)


def later(start: datetime, days: int) -> str:
    return (start + timedelta(days=days)).isoformat()


def problem(response) -> dict:
    assert response.headers["Content-Type"].startswith("application/problem+json"), response.headers
    return response.get_json()
