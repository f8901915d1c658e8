"""The persons' read endpoints: the people the token's organisation is or was responsible for, their
evaluation, messages and history (:mod:`scheduling.services.api_persons`)."""

from __future__ import annotations

from dataclasses import asdict

from spectree import Response

from portal import now, today
from portal.api import bp, spec
from portal.api.auth import client, token_required
from portal.api.paging import PageQuery, after_id, page_by_id, page_by_offset
from portal.api.problems import Problem
from portal.api.schemas.persons import (
    AuditEntryOut,
    AuditPage,
    EvaluationOut,
    EvaluationQuery,
    MessageOut,
    MessagePage,
    PersonOut,
    PersonPage,
)
from portal.database import unit_of_work
from scheduling.services import api_persons

TAGS = ["Personer"]
PERSON_ID = {"person_id": "Personens id i Selvbooking."}


def _person_out(person: api_persons.PersonSummary) -> PersonOut:
    return PersonOut(**asdict(person))


@bp.get("/persons")
@token_required("read")
@spec.validate(query=PageQuery, resp=Response(HTTP_200=PersonPage), tags=TAGS)
def list_persons(query: PageQuery) -> PersonPage:
    """Personer

    De personer, organisationen har eller har haft ansvaret for (betjener nu, eller har holdt en samtale med
    eller truffet en afgørelse om), efter id, delt i sider. Med changed_since kun dem, hvis historik har en
    ændring på eller efter tidspunktet: husk, hvornår synkroniseringen begyndte, og spørg næste gang efter det,
    der er ændret siden. CPR-numre vises her kun med fødselsdatodelen (150690-xxxx), som i sagsbehandlerens
    oversigt; det fulde nummer står på den enkelte person (GET /persons/{id}), og opslaget skrives i
    revisionsloggen."""
    rows = api_persons.persons(unit_of_work(), client().organisation_id, after_id=after_id(query),
                               limit=query.limit + 1, changed_since=query.changed_since)
    items, next_cursor = page_by_id(rows, query.limit, lambda person: person.id)
    return PersonPage(items=[_person_out(p) for p in items], next_cursor=next_cursor)


@bp.get("/persons/<int:person_id>")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=PersonOut, HTTP_404=Problem), tags=TAGS,
               path_parameter_descriptions=PERSON_ID)
def get_person(person_id: int) -> PersonOut:
    """En person

    Personen, hvis organisationen har eller har haft ansvaret for vedkommende; ellers 404, nøjagtig som et id,
    der ikke findes. Her står det fulde CPR-nummer (i listen kun fødselsdatodelen), og at tokenets
    sagsbehandler har set det, skrives i revisionsloggen, som når personens side vises."""
    token = client()
    return _person_out(api_persons.person_shown(unit_of_work(), token.organisation_id, token.caseworker_id,
                                                person_id, now()))


@bp.get("/persons/<int:person_id>/evaluation")
@token_required("read")
@spec.validate(query=EvaluationQuery, resp=Response(HTTP_200=EvaluationOut, HTTP_404=Problem), tags=TAGS,
               path_parameter_descriptions=PERSON_ID)
def get_evaluation(person_id: int, query: EvaluationQuery) -> EvaluationOut:
    """Vurdering af kontaktforløbet

    Det åbne kontaktforløb vurderet af regelkernen på en dag (i dag, eller ?on=ÅÅÅÅ-MM-DD): det samme dokument,
    som `python -m scheduling explain` skriver. 404 hvis personen ikke har et åbent forløb."""
    on = query.on or today()
    document = api_persons.evaluation(unit_of_work(), client().organisation_id, person_id, on)
    return EvaluationOut.model_validate(document)


@bp.get("/persons/<int:person_id>/messages")
@token_required("read")
@spec.validate(query=PageQuery, resp=Response(HTTP_200=MessagePage, HTTP_404=Problem), tags=TAGS,
               path_parameter_descriptions=PERSON_ID)
def list_messages(person_id: int, query: PageQuery) -> MessagePage:
    """Beskeder til personen

    De beskeder, Selvbooking har sendt personen (bookinger, flytninger, aflysninger, afgørelser …), nyeste
    først, på dansk som sendt. changed_since: kun beskeder sendt på eller efter tidspunktet."""
    rows = api_persons.messages(unit_of_work(), client().organisation_id, person_id)
    if query.changed_since is not None:
        rows = [m for m in rows if m.created_at >= query.changed_since]
    items, next_cursor = page_by_offset(rows, query)
    return MessagePage(
        items=[MessageOut(id=m.id, kind=m.kind, subject=m.subject, body=m.body, created_at=m.created_at,
                          read_at=m.read_at, interview_id=m.interview_id, decision_id=m.decision_id)
               for m in items],
        next_cursor=next_cursor,
    )


@bp.get("/persons/<int:person_id>/audit")
@token_required("read")
@spec.validate(query=PageQuery, resp=Response(HTTP_200=AuditPage, HTTP_404=Problem), tags=TAGS,
               path_parameter_descriptions=PERSON_ID)
def list_audit(person_id: int, query: PageQuery) -> AuditPage:
    """Personens historik

    Revisionsloggen om personen: hvem (borger, sagsbehandler eller system) gjorde hvad, hvornår og hvorfor,
    ældste først. changed_since: kun linjer på eller efter tidspunktet."""
    rows = api_persons.history(unit_of_work(), client().organisation_id, person_id)
    if query.changed_since is not None:
        rows = [a for a in rows if a.at >= query.changed_since]
    items, next_cursor = page_by_offset(rows, query)
    return AuditPage(
        items=[AuditEntryOut(at=a.at, actor_kind=a.actor_kind, actor_id=a.actor_id, actor_name=a.actor_name,
                             action=a.action, object_type=a.object_type, object_id=a.object_id, why=a.why,
                             details=a.details) for a in items],
        next_cursor=next_cursor,
    )
