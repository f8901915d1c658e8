"""The course-fact endpoints of the API (issue 16): register a person's course, hours (R2, R3), control actions
(R25), exemptions and the not-covered decision (R26), the R4 referral. Every endpoint, every refusal (a rule's
reason is 409 with its rule id and basis, bad input 422 naming the field), another organisation's person 404, a
read-only token 403, and a retried POST that writes once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from scheduling.demo import METTE, MIKKEL, PETER
from tests.web.api_helpers import api, api_token
from tests.web.caseworker_helpers import caseworker_id, citizen_id
from tests.web.helpers import DEMO_TODAY

TODAY = date.fromisoformat(DEMO_TODAY)
FREMAD, NORD, AARHUS = "A-kassen Fremad", "Lønmodtagernes A-kasse Nord", "Jobcenter Aarhus"
A_COURSE = {
    "cpr": "150690-1234", "name": "Ida Holm", "kommune": "Aarhus", "registered_on": (TODAY - timedelta(days=1)).isoformat(),
    "placed_on": (TODAY - timedelta(days=1)).isoformat(), "insurance": "fuldtid",
}
UNDER_25 = {**A_COURSE, "cpr": "1005034321", "name": "Ung Person"}  # born 10 May 2003: the R4 group


def _token(app, organisation: str, scope: str = "write") -> str:
    """A token of the demo organisation named ``organisation``."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import OrganisationRow

    with app.app_context(), unit_of_work() as uow:
        found = uow.session.scalar(select(OrganisationRow.id).where(OrganisationRow.name == organisation))
    return api_token(app, organisation=found, scope=scope)


def _count(app, row: str) -> int:
    from portal.database import unit_of_work
    from scheduling.adapters import orm

    with app.app_context(), unit_of_work() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(getattr(orm, row))))


def _problem(response, status: int, *, rule: str | None = None, field: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"]
    if rule is not None:
        assert body["rule"] == rule and body["basis"], body
    if field is not None:
        assert field in [e["field"] for e in body.get("errors") or []], body
    return body


# ---- register a course -------------------------------------------------------------------------------------


def test_R1_the_akasse_registers_a_course_and_reads_the_persons_evaluation(client, app):
    token = _token(app, FREMAD)
    created = api(client, "POST", "/api/v1/persons", token, json=A_COURSE)
    assert created.status_code == 201, created.get_data(as_text=True)
    person = created.get_json()["id"]
    assert created.headers["Location"].endswith(f"/api/v1/persons/{person}")
    evaluation = api(client, "GET", f"/api/v1/persons/{person}/evaluation", token)
    assert evaluation.status_code == 200
    assert evaluation.get_json()["responsibility"]["organisation"] == "akasse"
    assert any(o["rule"] == "R6" for o in evaluation.get_json()["obligations"])  # the first interview is due
    # the kommune's jobcenter serves the person too; another a-kasse does not see them
    assert api(client, "GET", f"/api/v1/persons/{person}", _token(app, AARHUS)).status_code == 200
    _problem(api(client, "GET", f"/api/v1/persons/{person}", _token(app, NORD)), 404)


def test_R5_a_person_registered_already_is_409_and_their_own_akasse_is_pointed_to_them(client, app):
    mette = citizen_id(app, METTE.name)
    again = api(client, "POST", "/api/v1/persons", _token(app, FREMAD), json={**A_COURSE, "cpr": METTE.cpr})
    _problem(again, 409, rule="R5")
    assert again.headers["Location"].endswith(f"/api/v1/persons/{mette}")
    other = api(client, "POST", "/api/v1/persons", _token(app, NORD), json={**A_COURSE, "cpr": METTE.cpr})
    assert "Location" not in other.headers and f"/persons/{mette}" not in other.get_data(as_text=True)
    _problem(other, 409, rule="R5")


def test_R1_a_jobcenter_does_not_register_a_course(client, app):
    people = _count(app, "CitizenRow")
    _problem(api(client, "POST", "/api/v1/persons", _token(app, AARHUS), json=A_COURSE), 409, rule="R1")
    assert _count(app, "CitizenRow") == people


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cpr": "3102901234"}, "cpr"),  # no 31 February
        ({"cpr": "15069"}, "cpr"),  # the schema's pattern
        ({"birth_date": "1990-06-16"}, "birth_date"),
        ({"kommune": "Andeby"}, "kommune"),
        ({"insurance": "halvtid"}, "insurance"),
        ({"registered_on": (TODAY + timedelta(days=1)).isoformat()}, "registered_on"),
        ({"placed_on": "2020-01-01"}, "placed_on"),  # more than 36 months before the registration (course JSON)
        ({"registered_on": "20266-01-01"}, "registered_on"),
        ({"name": ""}, "name"),
        ({"name": "Ida\x00Holm"}, "name"),  # no NUL (PostgreSQL stores none in text)
        ({"cpr": "١٥٠٦٩٠١٢٣٤"}, "cpr"),  # digits of another script
        ({"registred_on": "2026-11-24"}, "registred_on"),  # a misspelt field is refused, not ignored
    ],
)
def test_bad_registrations_are_422_naming_the_field(client, app, change, field):
    people = _count(app, "CitizenRow")
    response = api(client, "POST", "/api/v1/persons", _token(app, FREMAD), json={**A_COURSE, **change})
    _problem(response, 422, field=field)
    assert _count(app, "CitizenRow") == people


def test_a_missing_field_is_422_naming_it(client, app):
    body = {k: v for k, v in A_COURSE.items() if k != "insurance"}
    _problem(api(client, "POST", "/api/v1/persons", _token(app, FREMAD), json=body), 422, field="insurance")


def test_a_read_only_token_writes_nothing_403(client, app):
    token = _token(app, FREMAD, scope="read")
    mette = citizen_id(app, METTE.name)
    _problem(api(client, "POST", "/api/v1/persons", token, json=A_COURSE), 403)
    hours = {"registered_on": DEMO_TODAY, "period_start": METTE_PERIOD[0], "period_end": METTE_PERIOD[1], "hours": "10"}
    for path, body in (
        (f"/api/v1/persons/{mette}/hours", hours),
        (f"/api/v1/persons/{mette}/control-actions", {"received_on": DEMO_TODAY}),
        (f"/api/v1/persons/{mette}/exemptions", {"ground": "nr2", "starts_on": DEMO_TODAY}),
        (f"/api/v1/persons/{mette}/r4-referral", {}),
        (f"/api/v1/persons/{mette}/exemptions/1/not-covered", {"assessment": "Nej"}),
    ):
        _problem(api(client, "POST", path, token, json=body), 403)


# ---- hours (R2, R3) ----------------------------------------------------------------------------------------

METTE_PERIOD = ((TODAY - timedelta(days=2)).isoformat(), (TODAY - timedelta(days=1)).isoformat())  # from her placement


def _hours(**change) -> dict:
    return {"registered_on": DEMO_TODAY, "period_start": METTE_PERIOD[0], "period_end": METTE_PERIOD[1], "hours": "14.8", **change}


def test_R2_the_akasse_posts_hours(client, app):
    mette = citizen_id(app, METTE.name)
    entries = _count(app, "HourEntryRow")
    posted = api(client, "POST", f"/api/v1/persons/{mette}/hours", _token(app, FREMAD), json=_hours())
    assert posted.status_code == 201, posted.get_data(as_text=True)
    assert posted.get_json()["person_id"] == mette and _count(app, "HourEntryRow") == entries + 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period_end": METTE_PERIOD[0], "period_start": METTE_PERIOD[1]}, "period_end"),
        ({"hours": "49"}, "hours"),  # two days hold at most 48 hours
        ({"hours": "-1"}, "hours"),
        ({"registered_on": (TODAY + timedelta(days=1)).isoformat()}, "registered_on"),
        ({"period_start": (TODAY - timedelta(days=30)).isoformat()}, "period_start"),  # before her placement
        ({"kind": "overtid"}, "kind"),
    ],
)
def test_R3_bad_hours_are_422_naming_the_field(client, app, change, field):
    mette = citizen_id(app, METTE.name)
    response = api(client, "POST", f"/api/v1/persons/{mette}/hours", _token(app, FREMAD), json=_hours(**change))
    _problem(response, 422, field=field)


def test_hours_are_posted_as_another_caseworker_of_the_organisation_and_audited_as_theirs(client, app):
    from portal.database import unit_of_work
    from scheduling.adapters.orm import AuditRow

    mette, kasper = citizen_id(app, METTE.name), caseworker_id(app, "Kasper Lindqvist")
    token = _token(app, FREMAD)
    posted = api(client, "POST", f"/api/v1/persons/{mette}/hours", token, json=_hours(caseworker_id=kasper))
    assert posted.status_code == 201, posted.get_data(as_text=True)
    with app.app_context(), unit_of_work() as uow:
        line = uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).one()
        assert (line.action, line.object_id, line.actor_id) == ("register_hours", posted.get_json()["id"], kasper)
    rikke = caseworker_id(app, "Rikke Dahl")  # Nord's
    _problem(api(client, "POST", f"/api/v1/persons/{mette}/hours", token, json=_hours(caseworker_id=rikke)), 422, field="caseworker_id")
    _problem(api(client, "POST", f"/api/v1/persons/{mette}/hours", token, json=_hours(caseworker_id=2**70)), 422, field="caseworker_id")


def test_R2_the_jobcenter_does_not_post_hours_409(client, app):
    mette = citizen_id(app, METTE.name)
    _problem(api(client, "POST", f"/api/v1/persons/{mette}/hours", _token(app, AARHUS), json=_hours()), 409, rule="R2")


def test_another_organisations_person_is_404_on_every_endpoint(client, app):
    peter = citizen_id(app, PETER.name)  # Nord's member, Roskilde's resident
    token = _token(app, FREMAD)
    for path, body in (
        (f"/api/v1/persons/{peter}/hours", _hours()),
        (f"/api/v1/persons/{peter}/control-actions", {"received_on": DEMO_TODAY}),
        (f"/api/v1/persons/{peter}/exemptions", {"ground": "nr2", "starts_on": DEMO_TODAY}),
        (f"/api/v1/persons/{peter}/r4-referral", {}),
        ("/api/v1/persons/999999/hours", _hours()),
    ):
        _problem(api(client, "POST", path, token, json=body), 404)


def test_the_same_post_retried_with_its_key_writes_once(client, app):
    mette = citizen_id(app, METTE.name)
    token = _token(app, FREMAD)
    entries = _count(app, "HourEntryRow")
    first, second = (
        api(client, "POST", f"/api/v1/persons/{mette}/hours", token, json=_hours(), headers={"Idempotency-Key": "timer-1"})
        for _ in range(2)
    )
    assert first.status_code == second.status_code == 201 and first.get_json() == second.get_json()
    assert _count(app, "HourEntryRow") == entries + 1


# ---- control actions (R25) ---------------------------------------------------------------------------------


def test_R25_the_responsible_akasse_registers_a_control_action(client, app):
    mette = citizen_id(app, METTE.name)
    posted = api(client, "POST", f"/api/v1/persons/{mette}/control-actions", _token(app, FREMAD),
                 json={"received_on": DEMO_TODAY, "stay_abroad": True, "authority": "Udbetaling Danmark"})
    assert posted.status_code == 201, posted.get_data(as_text=True)
    evaluation = api(client, "GET", f"/api/v1/persons/{mette}/evaluation", _token(app, FREMAD)).get_json()
    assert any(o["rule"] == "R25" for o in evaluation["obligations"])


def test_R25_refusals(client, app):
    mette = citizen_id(app, METTE.name)
    path = f"/api/v1/persons/{mette}/control-actions"
    future = (TODAY + timedelta(days=1)).isoformat()
    _problem(api(client, "POST", path, _token(app, FREMAD), json={"received_on": future}), 422, field="received_on")
    # the jobcenter is not responsible for Mette's course yet (R1)
    _problem(api(client, "POST", path, _token(app, AARHUS), json={"received_on": DEMO_TODAY}), 409, rule="R1")


# ---- exemptions and the not-covered decision (R26) ---------------------------------------------------------


def test_R26_an_exemption_is_registered_and_ended_by_the_not_covered_decision(client, app):
    mette = citizen_id(app, METTE.name)
    token = _token(app, FREMAD)
    later = (TODAY + timedelta(days=20)).isoformat()
    posted = api(client, "POST", f"/api/v1/persons/{mette}/exemptions", token,
                 json={"ground": "nr1", "starts_on": DEMO_TODAY, "event_on": later, "documentation": "Ansættelseskontrakt"})
    assert posted.status_code == 201, posted.get_data(as_text=True)
    exemption = posted.get_json()["id"]
    mikkel = citizen_id(app, MIKKEL.name)  # Fremad's member too, but not his exemption
    _problem(api(client, "POST", f"/api/v1/persons/{mikkel}/exemptions/{exemption}/not-covered", token,
                 json={"assessment": "Jobbet er ikke på fuld tid."}), 404)
    decided = api(client, "POST", f"/api/v1/persons/{mette}/exemptions/{exemption}/not-covered", token,
                  json={"assessment": "Jobbet er ikke på fuld tid."})
    assert decided.status_code == 201, decided.get_data(as_text=True)
    assert decided.get_json()["decision_id"]
    _problem(api(client, "POST", f"/api/v1/persons/{mette}/exemptions/{exemption}/not-covered", token,
                 json={"assessment": "Igen."}), 404)  # decided once


def test_R26_refusals(client, app):
    mette = citizen_id(app, METTE.name)
    path = f"/api/v1/persons/{mette}/exemptions"
    token = _token(app, FREMAD)
    _problem(api(client, "POST", path, token, json={"ground": "nr3", "starts_on": DEMO_TODAY}), 422, field="event_on")
    _problem(api(client, "POST", path, token, json={"ground": "nr2", "starts_on": DEMO_TODAY, "ends_on": "2026-01-01"}), 422, field="ends_on")
    _problem(api(client, "POST", path, token, json={"ground": "nr9", "starts_on": DEMO_TODAY}), 422, field="ground")
    _problem(api(client, "POST", path, _token(app, AARHUS), json={"ground": "nr2", "starts_on": DEMO_TODAY}), 409, rule="R1")
    _problem(api(client, "POST", f"{path}/1/not-covered", token, json={"assessment": ""}), 422, field="assessment")


# ---- the R4 referral ---------------------------------------------------------------------------------------


def test_R4_the_akasse_refers_a_person_in_the_group_once(client, app):
    token = _token(app, FREMAD)
    person = api(client, "POST", "/api/v1/persons", token, json=UNDER_25).get_json()["id"]
    referred = api(client, "POST", f"/api/v1/persons/{person}/r4-referral", token, json={})
    assert referred.status_code == 200, referred.get_data(as_text=True)
    assert referred.get_json() == {"person_id": person, "referred_r4_on": DEMO_TODAY}
    _problem(api(client, "POST", f"/api/v1/persons/{person}/r4-referral", token, json={}), 409, rule="R4")


def test_R4_a_person_outside_the_group_is_not_referred(client, app):
    mette = citizen_id(app, METTE.name)  # born 1989
    _problem(api(client, "POST", f"/api/v1/persons/{mette}/r4-referral", _token(app, FREMAD), json={}), 409, rule="R4")


# ---- from the case system: a course, its hours, its evaluation ---------------------------------------------


def test_a_case_system_registers_a_course_posts_hours_and_reads_the_hand_over_r2(client, app):
    token = _token(app, FREMAD)
    registered = (TODAY - timedelta(days=100)).isoformat()
    person = api(client, "POST", "/api/v1/persons", token,
                 json={**A_COURSE, "registered_on": registered, "placed_on": registered},
                 headers={"Idempotency-Key": "ida-holm"}).get_json()["id"]
    before = api(client, "GET", f"/api/v1/persons/{person}/evaluation", token).get_json()["responsibility"]
    posted = api(client, "POST", f"/api/v1/persons/{person}/hours", token, headers={"Idempotency-Key": "ida-timer"},
                 json={"registered_on": DEMO_TODAY, "period_start": registered,
                       "period_end": (TODAY - timedelta(days=1)).isoformat(), "hours": "410"})
    assert posted.status_code == 201, posted.get_data(as_text=True)
    after = api(client, "GET", f"/api/v1/persons/{person}/evaluation", token).get_json()["responsibility"]
    assert after != before  # 410 hours registered: the hand-over to the jobcenter is known, not projected (R2)
