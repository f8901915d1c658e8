"""The course facts a case system registers (issue 16): a new person's course, hours (R2, R3), control actions
(R25), exemptions and the decision that a person is not covered (R26), the R4 referral.

Each view is a few lines: the body (validated by its pydantic model), the acting caseworker, one service call,
the id written. The services decide; their refusals become problems (``portal.api.problems``): a rule's reason
409 with its rule id and basis, bad input 422 naming the field, a person the token's organisation does not serve
404. A person already registered (the same CPR number) is 409 with rule R5 (see :func:`register_course`).
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from spectree import Response

from portal import now
from portal.api import bp, spec
from portal.api.auth import actor, token_required
from portal.api.idempotency import idempotent
from portal.api.problems import Problem, problem
from portal.api.schemas.courses import (
    ControlActionRegistration,
    CourseRegistered,
    CourseRegistration,
    Created,
    Decided,
    ExemptionRegistration,
    HourRegistration,
    NotCovered,
    R4Referral,
    Referred,
)
from portal.database import unit_of_work
from scheduling.services import decisions, registrations
from scheduling.services.access import today
from scheduling.services.registrations import AlreadyRegistered, NewCourse

TAGS = ["Forløb"]
REFUSALS = {"HTTP_404": Problem, "HTTP_409": Problem, "HTTP_422": Problem}


def _person_url(person_id: int) -> str:
    return url_for("api.get_person", person_id=person_id)


@bp.post("/persons")
@token_required("write")
@idempotent
@spec.validate(json=CourseRegistration, resp=Response(HTTP_201=CourseRegistered, HTTP_409=Problem, HTTP_422=Problem), tags=TAGS)
def register_course(json: CourseRegistration) -> Any:
    """Tilmeld en ny person med personens kontaktforløb

    A-kassen tilmelder personen: CPR-nummer (fødselsdatoen læses af det), navn, bopælskommune (dens jobcenter
    bliver personens jobcenter), tilmelding, indplacering, forsikring og kriterierne for R4. A-kassen er tokenets
    organisation; et jobcenters token afvises (409, R1). Faktaene kontrolleres som i kontaktforløbets JSON
    (docs/course-json.md): fejl giver 422 med feltet. En person, der allerede er tilmeldt (samme CPR-nummer),
    giver 409 med regel R5; betjener organisationen personen, peger Location-headeren på personen.
    Timer, fritagelser og kontrolaktioner registreres bagefter på personen.
    """
    new = NewCourse(**json.model_dump(exclude={"caseworker_id"}))
    try:
        done = registrations.register_course(unit_of_work(), actor(json.caseworker_id), new, now())
    except AlreadyRegistered as refused:
        headers = {"Location": _person_url(refused.citizen_id)} if refused.citizen_id is not None else None
        return problem(409, _("Personen er allerede tilmeldt"), reason=refused.reason, headers=headers)
    return CourseRegistered(id=done.citizen_id, course_id=done.course_id), 201, {"Location": _person_url(done.citizen_id)}


@bp.post("/persons/<int:person_id>/hours")
@token_required("write")
@idempotent
@spec.validate(json=HourRegistration, resp=Response(HTTP_201=Created, **REFUSALS), tags=TAGS)
def register_hours(person_id: int, json: HourRegistration) -> Any:
    """Registrér timer (R2, R3)

    En registrering i timeregnskabet: timer med dagpenge eller i løntilskud i en periode, registreret på en dag.
    Overdragelsen til jobcentret og fristerne efter 6 og 16 måneder regnes om med det samme. Registreres af
    a-kassen, som udbetaler dagpengene (ellers 409, R2).
    """
    entry_id = registrations.register_hours(
        unit_of_work(), actor(json.caseworker_id), person_id, json.registered_on, json.period_start,
        json.period_end, json.hours, now(), kind=json.kind,
    )
    return Created(id=entry_id, person_id=person_id), 201


@bp.post("/persons/<int:person_id>/control-actions")
@token_required("write")
@idempotent
@spec.validate(json=ControlActionRegistration, resp=Response(HTTP_201=Created, **REFUSALS), tags=TAGS)
def register_control_action(person_id: int, json: ControlActionRegistration) -> Any:
    """Registrér en kontrolaktion (R25)

    En anden myndigheds kontrolaktion, modtaget på en dag: personen skal straks indkaldes, og samtalen holdes
    inden for en uge. Ved et udlandsophold fortsætter jobsamtalerne hver 14. dag. Registreres af den
    organisation, der har ansvaret for forløbet (ellers 409).
    """
    action_id = registrations.register_control_action(
        unit_of_work(), actor(json.caseworker_id), person_id, json.received_on, now(),
        stay_abroad=json.stay_abroad, authority=json.authority,
    )
    return Created(id=action_id, person_id=person_id), 201


@bp.post("/persons/<int:person_id>/exemptions")
@token_required("write")
@idempotent
@spec.validate(json=ExemptionRegistration, resp=Response(HTTP_201=Created, **REFUSALS), tags=TAGS)
def register_exemption(person_id: int, json: ExemptionRegistration) -> Any:
    """Registrér en fritagelse (R26)

    Mindre intensiv indsats efter LAB § 106, stk. 1, nr. 1–4, fra en dag: mens fritagelsen gælder, løber ingen
    frister for jobsamtaler. Arbejdsfordeling (nr3) kræver dagen, personen kom på ordningen (event_on); de 6 uger
    regnes fra den. En fritagelse slutter på sin slutdato, eller med afgørelsen om, at personen ikke er omfattet
    (POST .../exemptions/{exemption_id}/not-covered).
    """
    exemption_id = registrations.register_exemption(
        unit_of_work(), actor(json.caseworker_id), person_id, json.ground, json.starts_on, now(),
        ends_on=json.ends_on, event_on=json.event_on, documentation=json.documentation,
    )
    return Created(id=exemption_id, person_id=person_id), 201


@bp.post("/persons/<int:person_id>/exemptions/<int:exemption_id>/not-covered")
@token_required("write")
@idempotent
@spec.validate(json=NotCovered, resp=Response(HTTP_201=Decided, **REFUSALS), tags=TAGS)
def decide_not_covered(person_id: int, exemption_id: int, json: NotCovered) -> Any:
    """Afgør, at personen ikke er omfattet af fritagelsen (R26, LAB § 106, stk. 3)

    En afgørelse med begrundelse og klagevejledning, som personen får i sine beskeder: fritagelsen holder op med
    at standse fristerne fra i dag. Sådan afsluttes en fritagelse før sin slutdato. Kun én gang pr. fritagelse
    (derefter 404).
    """
    decision_id = decisions.decide_not_covered(
        unit_of_work(), actor(json.caseworker_id), exemption_id, json.assessment, now(), citizen_id=person_id
    )
    return Decided(decision_id=decision_id, person_id=person_id), 201


@bp.post("/persons/<int:person_id>/r4-referral")
@token_required("write")
@idempotent
@spec.validate(json=R4Referral, resp=Response(HTTP_200=Referred, **REFUSALS), tags=TAGS)
def refer_r4(person_id: int, json: R4Referral) -> Any:
    """Visitér personen til jobcentret (R4)

    A-kassen visiterer en person i målgruppen for uddannelsespålæg til jobcentret (LAB § 27, stk. 3, årsagskode
    45): jobcentret har derefter forløbet, og personen får besked. Kun a-kassen, kun personer i målgruppen og kun
    én gang (ellers 409, R4).
    """
    moment = now()
    registrations.refer_r4(unit_of_work(), actor(json.caseworker_id), person_id, moment)
    return Referred(person_id=person_id, referred_r4_on=today(moment)), 200
