"""No GET changes state (issue 9): every GET route of the app, visited anonymously, as a citizen and as a
caseworker (an administrator, so the admin pages answer too), writes nothing to the database.

The routes come from ``app.url_map``, so a new GET route is walked without editing this test; its URL arguments
are filled with ids the visitor may see (their own interview, message, person ...), so the pages run their real
code rather than stopping at a 404.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from scheduling.adapters.orm import (
    CaseworkerRow,
    CitizenRow,
    DecisionRow,
    ExemptionRow,
    InterviewParticipantRow,
    InterviewRow,
    MessageRow,
)
from scheduling.demo import SOFIE
from tests.web.helpers import log_in_as

# Writes a GET may make, each with the reason: (table, a value the statement's parameters must hold).
ALLOWED_WRITES: dict[tuple[str, str], str] = {
    # Viewing a person's page with the full CPR number is an access record, not a change of state (issue 9).
    ("audit_log", "cpr_viewed"): "the caseworker's look-up of a full CPR number is logged: who, when, whose",
}

WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


def _ids(app, who: str) -> dict[str, object]:
    """URL arguments the visitor may see: ``who`` is "citizen" (Sofie) or "caseworker" (an admin serving her)."""
    with app.extensions["selvbooking_sessions"]() as s:
        sofie = s.scalars(select(CitizenRow).where(CitizenRow.cpr == SOFIE.cpr)).one()
        interview = s.scalar(select(InterviewRow.id).where(InterviewRow.citizen_id == sofie.id).order_by(InterviewRow.id))
        worker = s.scalars(
            select(CaseworkerRow)
            .join(InterviewParticipantRow, InterviewParticipantRow.caseworker_id == CaseworkerRow.id)
            .where(InterviewParticipantRow.interview_id == interview)
        ).first()
        admin = s.scalars(
            select(CaseworkerRow).where(CaseworkerRow.organisation_id == worker.organisation_id, CaseworkerRow.is_admin.is_(True))
        ).first()
        me = admin or worker
        return {
            "login": sofie.id if who == "citizen" else me.id,
            "interview_id": interview,
            "message_id": s.scalar(select(MessageRow.id).where(MessageRow.citizen_id == sofie.id).order_by(MessageRow.id)),
            "citizen_id": sofie.id,
            "person_id": sofie.id,  # the integration API's name for her (/api/v1/persons/<id>)
            "caseworker_id": me.id,  # the integration API's caseworkers (/api/v1/caseworkers/<id>/availability)
            "organisation_id": me.organisation_id,  # the supervision pages (/tilsyn/<id>)
            "month": "2026-10",
            "token_id": 1,  # an API token (/sagsbehandler/api-noegler/<id>)
            "exemption_id": s.scalar(select(ExemptionRow.id).order_by(ExemptionRow.id)) or 1,
            "decision_id": s.scalar(select(DecisionRow.id).order_by(DecisionRow.id)) or 1,
            "token": sofie.calendar_feed_token if who == "citizen" else me.calendar_feed_token,
            "code": "en",
            "filename": "selvbooking.css",
            "name": "notice-ingen",  # a development mail (/udvikling/mails/<name>)
            "section": "samtaler",  # a section of the API's documentation (/api/v1/docs/<section>)
        }


def _get_paths(app, ids: dict[str, object]) -> list[str]:
    paths = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()):
                continue
            paths.append(url_for(rule.endpoint, **{name: ids[name] for name in rule.arguments}))
    return sorted(set(paths))


@pytest.mark.parametrize("who", ["anonymous", "citizen", "caseworker"])
def test_no_get_route_writes_to_the_database(app, client, who):
    ids = _ids(app, who)
    if who != "anonymous":
        log_in_as(client, who, ids["login"])
    writes: list[tuple[str, str]] = []

    def spy(_conn, _cursor, statement, _parameters, _context, _executemany):
        match = WRITE.match(statement)
        allowed = match and any(
            match.group(2) == table and value in (_parameters or ()) for table, value in ALLOWED_WRITES
        )
        if match and not allowed:
            writes.append((current, statement.split("\n")[0][:120]))

    engine = app.extensions["selvbooking_engine"]
    event.listen(engine, "before_cursor_execute", spy)
    visited = {}
    try:
        for current in _get_paths(app, ids):
            response = client.get(current)
            visited[current] = response.status_code
            assert response.status_code < 500, (current, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert writes == [], writes
    # The walk reached the pages themselves, not only log-in redirects.
    assert sum(1 for status in visited.values() if status == 200) >= {"anonymous": 4, "citizen": 8, "caseworker": 12}[who], visited
