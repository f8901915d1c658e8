"""The API handles CPR numbers as the caseworkers' pages do (issue 9, "Headers, logs, personal data"; issue 16): a
list of people shows only the birth-date part and writes nothing, as the caseload; one person is shown with the
full number, and the audit log gets one line saying who (the token's caseworker), when and whose, as the person's
page. Those lines record access: they move neither the person's changed_at nor their history of changes."""

from __future__ import annotations

from sqlalchemy import select

from scheduling.demo import METTE
from scheduling.vocabulary import ActorKind
from tests.web.api_helpers import api, api_token
from tests.web.caseworker_helpers import caseworker_id, citizen_id


def _cpr_views(app) -> list:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import AuditRow

    with app.app_context(), unit_of_work() as uow:
        query = select(AuditRow.actor_kind, AuditRow.actor_id, AuditRow.citizen_id, AuditRow.object_type,
                       AuditRow.details).where(AuditRow.action == "cpr_viewed").order_by(AuditRow.id)
        return list(uow.session.execute(query))


def test_the_list_shows_only_the_birth_date_part_and_writes_nothing(app, client):
    token = api_token(app, "akasse", scope="read")
    before = _cpr_views(app)
    items = api(client, "GET", "/api/v1/persons?limit=200", token).get_json()["items"]
    assert items and all(p["cpr"].endswith("-xxxx") and len(p["cpr"]) == 11 for p in items)
    mette = next(p for p in items if p["id"] == citizen_id(app, METTE.name))
    assert mette["cpr"] == f"{METTE.cpr.replace('-', '')[:6]}-xxxx"
    assert _cpr_views(app) == before


def test_one_person_is_shown_with_the_full_cpr_and_the_view_is_audited_as_the_tokens_caseworker(app, client):
    birgitte = caseworker_id(app, "Birgitte Holm")
    token = api_token(app, "akasse", scope="read", caseworker_id=birgitte)
    mette = citizen_id(app, METTE.name)
    before = _cpr_views(app)
    listed = api(client, "GET", "/api/v1/persons?limit=200", token).get_json()["items"]
    changed_at = next(p for p in listed if p["id"] == mette)["changed_at"]

    shown = api(client, "GET", f"/api/v1/persons/{mette}", token)
    assert shown.status_code == 200 and shown.get_json()["cpr"].replace("-", "") == METTE.cpr.replace("-", "")
    new = _cpr_views(app)[len(before):]
    assert len(new) == 1
    line = new[0]
    assert (line.actor_kind, line.actor_id, line.citizen_id, line.object_type) == (
        ActorKind.CASEWORKER, birgitte, mette, "citizen")
    assert line.details["via"] == "api"
    # access, not a change: the sync does not see the person as changed, their history does not show it
    assert api(client, "GET", f"/api/v1/persons/{mette}", token).get_json()["changed_at"] == changed_at
    history = api(client, "GET", f"/api/v1/persons/{mette}/audit?limit=200", token).get_json()["items"]
    assert all(entry["action"] != "cpr_viewed" for entry in history)


def test_a_person_not_seen_is_404_and_writes_nothing(app, client):
    token = api_token(app, "akasse", scope="read")
    before = _cpr_views(app)
    assert api(client, "GET", "/api/v1/persons/2", token).status_code == 404  # Jonas, of the other a-kasse
    assert api(client, "GET", "/api/v1/persons/999999", token).status_code == 404
    assert _cpr_views(app) == before
