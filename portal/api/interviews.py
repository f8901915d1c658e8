"""The interview and decision endpoints of the integration API (issue 16): free slots, call-ins, interviews (read,
list by change, move, cancel, raise the format, record held or missed) and revoking and restoring self-booking.

Each view is a few lines: the acting caseworker (the token's, or ``caseworker_id`` in the body: an active
caseworker of the token's organisation), one service call with the same arguments and the same ``now()`` as the
caseworker's pages (:mod:`portal.caseworker.actions`, :mod:`portal.caseworker.views`), and the result as JSON.
Whether something is allowed is the services' answer: a refusal is a 409 problem with the rules core's rule id,
legal basis and Danish text, a slot taken a 409, bad input a 422, and another organisation's person or interview
a 404 exactly as a forged id (the handlers on the blueprint, :mod:`portal.api.problems`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from spectree import Response

from portal import now, today
from portal.api import bp, spec
from portal.api.auth import actor, client, token_required
from portal.api.idempotency import idempotent
from portal.api.paging import PageQuery, decode_cursor, encode_cursor, page_by_key
from portal.api.problems import Problem
from portal.api.schemas import interviews as s
from portal.caseworker.pages import checklist_items
from portal.database import unit_of_work
from scheduling.reasons import N_
from scheduling.services import booking, decisions, queries
from scheduling.services.errors import InvalidInput
from scheduling.slots import Slot

TAGS = ["Samtaler"]
DECISION_TAGS = ["Afgørelser"]
PERSON_ID = {"person_id": "Personens id i Selvbooking."}
INTERVIEW_ID = {"interview_id": "Samtalens id i Selvbooking."}
FORGED_CURSOR = N_("Markøren (cursor) er ugyldig. Brug next_cursor fra den forrige side.")


def _answers(ok: int, model: type) -> Response:
    """The answers of a change: ``ok`` with ``model``, or a problem (404 another organisation's or no such id,
    409 refused by a rule or a slot taken, 422 bad input)."""
    return Response(**{f"HTTP_{ok}": model}, HTTP_404=Problem, HTTP_409=Problem, HTTP_422=Problem)


def _interview(view: queries.InterviewView) -> s.InterviewOut:
    return s.InterviewOut(
        id=view.id, person_id=view.citizen_id, kind=view.kind, organisation=view.organisation,
        organisation_id=view.organisation_id, start=view.start, end=view.end, format=view.format,
        status=view.status, booked_by=view.booked_by, akasse_participation=view.akasse_participation,
        format_raised=view.format_raised, format_raised_reason=view.format_raised_reason,
        caseworker_ids=list(view.caseworker_ids), timeslot_id=view.timeslot_id, booked_at=view.booked_at,
        rebooked_count=view.rebooked_count, cancelled_at=view.cancelled_at,
        checklist={str(k): bool(v) for k, v in view.checklist.items()}, video_link=view.video_link,
        sequence=view.sequence, uid=view.uid, changed_at=view.changed_at,
    )


def _interview_of(caseworker_id: int, interview_id: int) -> s.InterviewOut:
    """The interview as it is now, if the caseworker's organisation serves its person (else NotFound: 404)."""
    return _interview(queries.interview(unit_of_work(), interview_id, caseworker_id=caseworker_id))


def _decision(person_id: int, decision_id: int) -> s.DecisionOut:
    made = next(d for d in queries.citizen_decisions(unit_of_work(), person_id) if d.id == decision_id)
    return s.DecisionOut(
        id=made.id, person_id=person_id, kind=made.kind, organisation=made.organisation, made_at=made.made_at,
        ground=made.ground, assessment=made.assessment, is_afgoerelse=made.is_afgoerelse, letter=made.letter,
    )


def _served(caseworker_id: int, person_id: int) -> queries.ServedPerson:
    """The person and their open course, if the caseworker's organisation serves them (else NotFound: 404)."""
    return queries.served_person(unit_of_work(), caseworker_id, person_id)


# ---- free slots and calling in ------------------------------------------------------------------------------


@bp.get("/persons/<int:person_id>/free-slots")
@token_required("read")
@spec.validate(query=s.FreeSlotsQuery, resp=Response(HTTP_200=s.FreeSlotList, HTTP_404=Problem, HTTP_409=Problem),
               tags=TAGS, path_parameter_descriptions=PERSON_ID)
def free_slots(person_id: int, query: s.FreeSlotsQuery) -> s.FreeSlotList:
    """Ledige tider for en person

    purpose=call_in (standard): sagsbehandlerens egne ledige tider at indkalde personen til, som på siden
    "Indkald til en samtale" (tokenets sagsbehandler, eller caseworker_id). purpose=self_booking: de tider,
    personen selv kan booke af samtaletypen kind lige nu; 409 med reglens begrundelse, hvis personen ikke selv
    kan booke den. Standard er en uge fra i dag. Listen er delt i sider efter begyndelse (limit, og cursor =
    next_cursor fra den forrige side, med de samme filtre)."""
    worker = actor(query.caseworker_id)
    person = _served(worker, person_id)
    first = max(query.first_day or today(), today())
    last = query.last_day or first + timedelta(days=6)
    if last < first:
        return s.FreeSlotList(items=[])
    if query.purpose == "self_booking":
        found = booking.find_free_slots(
            unit_of_work(), person.id, query.kind, first, last, now(), akasse_participation=query.akasse_participation
        )
    else:
        found = queries.caseworker_free_slots(unit_of_work(), worker, first, last, now())
    items, next_cursor = page_by_key(found, query, _slot_key)
    return s.FreeSlotList(items=[
        s.FreeSlot(start=slot.start, end=slot.end, caseworker_ids=[int(i) for i in slot.caseworker_ids],
                   akasse_participation=slot.akasse_participation)
        for slot in items
    ], next_cursor=next_cursor)


def _slot_key(slot: Slot) -> tuple[str, ...]:
    """A free slot's place in the list: its start and end in UTC (ISO 8601 in UTC orders as time does), then the
    a-kasse's participation, which tells two slots at the same time apart. Not its caseworkers: a slot that loses
    one between two pages keeps its place, so it is neither repeated nor skipped."""
    return (slot.start.astimezone(UTC).isoformat(), slot.end.astimezone(UTC).isoformat(),
            str(slot.akasse_participation or ""))


@bp.post("/persons/<int:person_id>/call-ins")
@token_required("write")
@idempotent
@spec.validate(json=s.CallIn, resp=_answers(201, s.InterviewOut), tags=TAGS, path_parameter_descriptions=PERSON_ID)
def call_in(person_id: int, json: s.CallIn) -> tuple[s.InterviewOut, int]:
    """Indkald til en samtale

    Den handlende sagsbehandler (tokenets, eller caseworker_id) holder samtalen og skal være ledig; reglerne
    afgør, om organisationen må indkalde nu, og om samtaleformen er tilladt (R1, R15, R19, R23, R25, R26).
    Personen får indkaldelsen i sine beskeder. 409 når tiden er taget, eller en regel siger nej."""
    worker = actor(json.caseworker_id)
    interview_id = booking.call_in(
        unit_of_work(), worker, person_id, json.kind, json.start, json.format, now(),
        akasse_participation=json.akasse_participation, control_action_id=json.control_action_id,
        message=json.message,
    )
    return _interview_of(worker, interview_id), 201


# ---- interviews ---------------------------------------------------------------------------------------------


@bp.get("/interviews")
@token_required("read")
@spec.validate(query=PageQuery, resp=Response(HTTP_200=s.InterviewPage, HTTP_422=Problem), tags=TAGS)
def list_interviews(query: PageQuery) -> s.InterviewPage:
    """Samtaler

    Samtalerne (alle statusser) med de personer, organisationen har ansvaret for, efter seneste ændring
    (changed_at, derefter id), delt i sider: et sagssystem synkroniserer løbende ved at gemme next_cursor, eller
    spørge efter det, der er ændret siden (changed_since)."""
    found = queries.organisation_interviews(
        unit_of_work(), client().caseworker_id, changed_since=query.changed_since, after=_after(query.cursor),
        limit=query.limit + 1,
    )
    items = found[: query.limit]
    last = items[-1] if items else None
    cursor = None
    if len(found) > query.limit and last is not None and last.changed_at is not None:
        cursor = encode_cursor({"changed_at": last.changed_at.isoformat(), "id": last.id})
    return s.InterviewPage(items=[_interview(i) for i in items], next_cursor=cursor)


def _after(cursor: str | None) -> tuple[datetime, int] | None:
    """The (changed_at, id) a cursor of :func:`list_interviews` continues after; anything else is a 422."""
    if cursor is None:
        return None
    position = decode_cursor(cursor)
    try:
        at, last = datetime.fromisoformat(position["changed_at"]), position["id"]
    except (KeyError, TypeError, ValueError):
        raise InvalidInput.because(FORGED_CURSOR).on("cursor") from None
    if at.tzinfo is None or not isinstance(last, int) or isinstance(last, bool):
        raise InvalidInput.because(FORGED_CURSOR).on("cursor")
    return at, last


@bp.get("/interviews/<int:interview_id>")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=s.InterviewOut, HTTP_404=Problem), tags=TAGS,
               path_parameter_descriptions=INTERVIEW_ID)
def get_interview(interview_id: int) -> s.InterviewOut:
    """En samtale

    Samtalen, hvis organisationen har ansvaret for personen; ellers 404, nøjagtig som et id, der ikke findes."""
    return _interview_of(client().caseworker_id, interview_id)


@bp.post("/interviews/<int:interview_id>/move")
@token_required("write")
@idempotent
@spec.validate(json=s.Move, resp=_answers(200, s.InterviewOut), tags=TAGS, path_parameter_descriptions=INTERVIEW_ID)
def move(interview_id: int, json: s.Move) -> s.InterviewOut:
    """Flyt en samtale

    Til en anden tid eller en anden sagsbehandler i organisationen, der holder samtalen. Den handlende
    sagsbehandler holder den derefter og skal være ledig; den nye tid tjekkes som en indkaldelse (R1, R15, R25,
    R26). Personen får besked. Tæller ikke som personens egen ombooking."""
    worker = actor(json.caseworker_id)
    booking.move_by_caseworker(unit_of_work(), worker, interview_id, json.start, now())
    return _interview_of(worker, interview_id)


@bp.post("/interviews/<int:interview_id>/cancel")
@token_required("write")
@idempotent
@spec.validate(json=s.Cancel, resp=_answers(200, s.InterviewOut), tags=TAGS, path_parameter_descriptions=INTERVIEW_ID)
def cancel(interview_id: int, json: s.Cancel) -> s.InterviewOut:
    """Aflys en samtale

    En booket samtale, organisationen holder. Personen får besked med begrundelsen, og samtalen bliver aflyst i
    kalenderne."""
    worker = actor(json.caseworker_id)
    booking.cancel_by_caseworker(unit_of_work(), worker, interview_id, json.reason, now())
    return _interview_of(worker, interview_id)


@bp.post("/interviews/<int:interview_id>/raise-format")
@token_required("write")
@idempotent
@spec.validate(json=s.RaiseFormat, resp=_answers(200, s.InterviewOut), tags=TAGS,
               path_parameter_descriptions=INTERVIEW_ID)
def raise_format(interview_id: int, json: s.RaiseFormat) -> s.InterviewOut:
    """Skift samtaleformen til personligt fremmøde

    Efter en konkret vurdering (R17). Det er ikke en afgørelse, men begrundelsen registreres, og personen får
    besked."""
    worker = actor(json.caseworker_id)
    booking.raise_format_to_in_person(unit_of_work(), worker, interview_id, json.reason, now())
    return _interview_of(worker, interview_id)


@bp.post("/interviews/<int:interview_id>/record")
@token_required("write")
@idempotent
@spec.validate(json=s.Record, resp=_answers(200, s.InterviewOut), tags=TAGS, path_parameter_descriptions=INTERVIEW_ID)
def record(interview_id: int, json: s.Record) -> s.InterviewOut:
    """Registrér en samtale som holdt eller udeblevet

    Med tjeklisten (R12, R13, R14): kun de punkter, reglerne siger gælder for samtalen, registreres, som på
    siden "Registrér samtalen". En samtale kan først registreres, når den er begyndt."""
    worker = actor(json.caseworker_id)
    interview = queries.interview(unit_of_work(), interview_id, caseworker_id=worker)
    items = checklist_items(_served(worker, interview.citizen_id).course, interview, today())
    booking.record_interview(
        unit_of_work(), worker, interview_id, json.outcome == "held", now(),
        checklist={name: bool(json.checklist.get(name)) for name in items}, note=json.note or None,
    )
    return _interview_of(worker, interview_id)


# ---- self-booking: revoke and restore (R23) -----------------------------------------------------------------


@bp.post("/persons/<int:person_id>/self-booking/revoke")
@token_required("write")
@idempotent
@spec.validate(json=s.Revoke, resp=_answers(201, s.DecisionOut), tags=DECISION_TAGS,
               path_parameter_descriptions=PERSON_ID)
def revoke_self_booking(person_id: int, json: s.Revoke) -> tuple[s.DecisionOut, int]:
    """Fratag retten til selvbooking

    En afgørelse (R23, LAB § 35): grundlaget (ground) og den konkrete vurdering (assessment) er jeres; brevet med
    begrundelse og klagevejledning sendes til personens beskeder og står i svaret. Derefter kan personen kun
    indkaldes."""
    worker = actor(json.caseworker_id)
    decision_id = decisions.revoke_self_booking(unit_of_work(), worker, person_id, json.ground, json.assessment, now())
    return _decision(person_id, decision_id), 201


@bp.post("/persons/<int:person_id>/self-booking/restore")
@token_required("write")
@idempotent
@spec.validate(json=s.Restore, resp=_answers(201, s.DecisionOut), tags=DECISION_TAGS,
               path_parameter_descriptions=PERSON_ID)
def restore_self_booking(person_id: int, json: s.Restore) -> tuple[s.DecisionOut, int]:
    """Giv retten til selvbooking tilbage

    Efter jeres vurdering (R23); personen kan igen selv booke og får besked."""
    worker = actor(json.caseworker_id)
    decision_id = decisions.restore_self_booking(unit_of_work(), worker, person_id, json.assessment, now())
    return _decision(person_id, decision_id), 201


# ---- exemption from self-booking (R23) --------------------------------------------------------------------------


@bp.post("/persons/<int:person_id>/self-booking/exempt")
@token_required("write")
@idempotent
@spec.validate(json=s.Exempt, resp=_answers(201, s.DecisionOut), tags=DECISION_TAGS,
               path_parameter_descriptions=PERSON_ID)
def exempt_from_self_booking(person_id: int, json: s.Exempt) -> tuple[s.DecisionOut, int]:
    """Fritag personen for selvbooking

    Organisationen booker for personen af grunde, der ikke er personens skyld (R23); grunden står i brevet til
    personens beskeder og i svaret. Derefter indkalder I."""
    worker = actor(json.caseworker_id)
    decision_id = decisions.exempt_from_self_booking(unit_of_work(), worker, person_id, json.reason, now())
    return _decision(person_id, decision_id), 201


@bp.post("/persons/<int:person_id>/self-booking/lift-exemption")
@token_required("write")
@idempotent
@spec.validate(json=s.LiftExemption, resp=_answers(201, s.DecisionOut), tags=DECISION_TAGS,
               path_parameter_descriptions=PERSON_ID)
def lift_self_booking_exemption(person_id: int, json: s.LiftExemption) -> tuple[s.DecisionOut, int]:
    """Ophæv fritagelsen for selvbooking

    Personen booker selv igen (R23) og får besked."""
    worker = actor(json.caseworker_id)
    decision_id = decisions.lift_self_booking_exemption(unit_of_work(), worker, person_id, json.reason, now())
    return _decision(person_id, decision_id), 201
