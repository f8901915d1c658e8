"""Viewing a person's page with the full CPR number is written to the audit log: who, when, whose (issue 9,
"Headers, logs, personal data"). The masked caseload writes nothing; the person's history of changes is not
flooded by look-ups, which the page counts instead."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import select

from portal import now
from scheduling.adapters.orm import ActorKind
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, citizen_id, html, person

CASELOAD = "/sagsbehandler/"


def audit_lines(app, action: str = "cpr_viewed") -> list:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import AuditRow

    with app.app_context(), unit_of_work() as uow:
        query = select(AuditRow.actor_kind, AuditRow.actor_id, AuditRow.at, AuditRow.citizen_id, AuditRow.object_type,
                       AuditRow.object_id).where(AuditRow.action == action).order_by(AuditRow.id)
        return list(uow.session.execute(query))


def test_viewing_a_persons_page_with_full_cpr_writes_one_audit_line_with_who_when_whose(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Lars Mikkelsen")))
    assert "080382-0606" in page  # the full CPR number is on the page
    lines = audit_lines(app)
    assert len(lines) == 1
    line = lines[0]
    assert line.actor_kind == ActorKind.CASEWORKER and line.actor_id == caseworker_id(app, "Birgitte Holm")
    assert line.citizen_id == citizen_id(app, "Lars Mikkelsen")
    assert line.object_type == "citizen" and line.object_id == line.citizen_id
    with app.app_context():  # when: the portal's clock (the tests fix it at noon on the demo day)
        assert line.at.replace(tzinfo=line.at.tzinfo or UTC) == now()


def test_the_masked_caseload_writes_no_audit_line(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(CASELOAD, query_string={"alle": "1"}))
    assert "080382-xxxx" in page and "080382-0606" not in page
    assert audit_lines(app) == []


def test_a_person_another_organisation_serves_is_404_and_logs_no_view(app, client):
    as_caseworker(client, app, "Rikke Dahl")  # Lønmodtagernes A-kasse Nord, not Lars's
    assert client.get(person(app, "Lars Mikkelsen")).status_code == 404
    assert audit_lines(app) == []


def test_look_ups_are_counted_on_the_page_not_listed_in_the_history(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    client.get(person(app, "Lars Mikkelsen"))
    page = html(client.get(person(app, "Lars Mikkelsen")))
    assert len(audit_lines(app)) == 2
    assert "Opslag med personens fulde CPR-nummer: 2." in page
    history = page[page.index('id="historik"'):page.index('id="cpr-opslag"')]
    assert "cpr_viewed" not in history and "CPR" not in history
