"""The availability and agreed-timeslot endpoints of the integration API (issue 16): what a caseworker does on the
pages "Tilgængelighed" and "Aftalte tidsrum" — weekly working hours, absences, and the timeslots for joint
interviews a jobcenter proposes and an a-kasse accepts or declines (R22), which either side may end.

Only the caseworkers of the token's organisation: another organisation's caseworker (or a disabled one) is a 404
exactly as an id that does not exist. An absence or new working hours that hit booked interviews are saved only with
a choice for each of them (``choices``: move to a free colleague, cancel with a reason, or keep when only the hours
change), as on the page's confirmation step (:mod:`scheduling.services.safe_changes`); without one the answer is a
409 problem that lists the interviews and what may be chosen (:func:`portal.api.problems.from_choices_needed`).
The services decide; each view is one call with the same ``now()`` as the pages.
"""

from __future__ import annotations

from datetime import time

from spectree import Response

from portal import now
from portal.api import bp, spec
from portal.api.auth import actor, client, token_required
from portal.api.idempotency import idempotent
from portal.api.problems import Problem
from portal.api.schemas import availability as s
from portal.api.schemas import settings
from portal.database import unit_of_work
from scheduling.course import AkasseParticipation, InterviewStatus
from scheduling.safe_changes import Cancel, Choice, Keep, Move
from scheduling.services import availability, read_model, video
from scheduling.services.errors import NotFound

TAGS = ["Tilgængelighed"]
TIMESLOT_TAGS = ["Aftalte tidsrum"]
CASEWORKER_ID = {"caseworker_id": "Sagsbehandlerens id i Selvbooking (en aktiv sagsbehandler i organisationen)."}
ABSENCE_ID = {**CASEWORKER_ID, "absence_id": "Fraværets id."}
TIMESLOT_ID = {"timeslot_id": "Tidsrummets id."}


def _answers(ok: int, model: type) -> Response:
    return Response(**{f"HTTP_{ok}": model}, HTTP_404=Problem, HTTP_409=Problem, HTTP_422=Problem)


def _own(caseworker_id: int) -> int:
    """The caseworker, if an active one of the token's organisation (else NotFound: 404)."""
    workers = read_model.organisation_caseworkers(unit_of_work(), client().organisation_id)
    if not any(w.id == caseworker_id and not w.disabled for w in workers):
        raise NotFound()
    return caseworker_id


def _availability(caseworker_id: int) -> s.AvailabilityOut:
    mine = read_model.availability(unit_of_work(), caseworker_id, now())
    return s.AvailabilityOut(
        caseworker_id=caseworker_id,
        working_hours=[
            s.WorkingHoursEntry(weekday=h.weekday, start=s.clock(h.start_time), end=s.clock(h.end_time))
            for h in mine.working_hours
        ],
        absences=[s.AbsenceOut(id=a.id, start=a.start_at, end=a.end_at, note=a.note) for a in mine.absences],
        offered_kinds=list(mine.offered_kinds),
        offered_formats=list(mine.offered_formats),
        video_link=mine.video_link,
    )


def _choices(given: list[s.Choice]) -> dict[int, Choice] | None:
    """The body's choices as the service takes them (the service checks them: a missing colleague or reason is
    its 409 with the interview's problem)."""
    chosen: dict[int, Choice] = {}
    for c in given:
        if c.action == "move":
            chosen[c.interview_id] = Move(c.colleague_id or 0)
        elif c.action == "cancel":
            chosen[c.interview_id] = Cancel(c.reason or "")
        else:
            chosen[c.interview_id] = Keep()
    return chosen or None


# ---- caseworkers and their availability -----------------------------------------------------------------------


@bp.get("/caseworkers")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=s.CaseworkerList), tags=TAGS)
def list_caseworkers() -> s.CaseworkerList:
    """Sagsbehandlere

    Organisationens aktive sagsbehandlere (id og navn), efter navn."""
    workers = read_model.organisation_caseworkers(unit_of_work(), client().organisation_id)
    return s.CaseworkerList(items=[s.CaseworkerOut(id=w.id, name=w.name) for w in workers if not w.disabled])


@bp.get("/caseworkers/<int:caseworker_id>/availability")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=s.AvailabilityOut, HTTP_404=Problem), tags=TAGS,
               path_parameter_descriptions=CASEWORKER_ID)
def get_availability(caseworker_id: int) -> s.AvailabilityOut:
    """En sagsbehandlers tilgængelighed

    Arbejdstiderne i ugen, fravær der ikke er slut, og de samtaletyper og -former, sagsbehandleren tilbyder."""
    return _availability(_own(caseworker_id))


@bp.put("/caseworkers/<int:caseworker_id>/working-hours")
@token_required("write")
@idempotent
@spec.validate(json=s.WorkingHoursIn, resp=_answers(200, s.AvailabilityOut), tags=TAGS,
               path_parameter_descriptions=CASEWORKER_ID)
def set_working_hours(caseworker_id: int, json: s.WorkingHoursIn) -> s.AvailabilityOut:
    """Sæt arbejdstiden

    Erstatter sagsbehandlerens arbejdstider i ugen. Ligger bookede samtaler uden for den nye arbejdstid, gemmes
    intet, og svaret er 409 med samtalerne (interviews); send da et valg for hver i choices: move (en ledig kollega
    overtager den), cancel (aflyses med en begrundelse til personen) eller keep (holdes alligevel)."""
    worker = _own(caseworker_id)
    hours = [(h.weekday, time.fromisoformat(h.start), time.fromisoformat(h.end)) for h in json.hours]
    availability.set_working_hours(unit_of_work(), worker, hours, now(), choices=_choices(json.choices))
    return _availability(worker)


@bp.put("/caseworkers/<int:caseworker_id>/offer")
@token_required("write")
@idempotent
@spec.validate(json=settings.OfferIn, resp=_answers(200, s.AvailabilityOut), tags=TAGS,
               path_parameter_descriptions=CASEWORKER_ID)
def set_offer(caseworker_id: int, json: settings.OfferIn) -> s.AvailabilityOut:
    """Sæt samtaletyper og -former

    Hvilke samtaletyper sagsbehandleren holder, og hvilke samtaleformer sagsbehandleren tilbyder, som på siden
    "Tilgængelighed". Personerne kan derefter kun selv booke sagsbehandleren til dem."""
    worker = _own(caseworker_id)
    availability.set_offer(unit_of_work(), worker, json.kinds, json.formats, now())
    return _availability(worker)


@bp.put("/caseworkers/<int:caseworker_id>/video-link")
@token_required("write")
@idempotent
@spec.validate(json=settings.VideoLinkIn, resp=_answers(200, s.AvailabilityOut), tags=TAGS,
               path_parameter_descriptions=CASEWORKER_ID)
def set_video_link(caseworker_id: int, json: settings.VideoLinkIn) -> s.AvailabilityOut:
    """Sæt sagsbehandlerens eget mødelink

    Et fast https-link til sagsbehandlerens eget videomøde: det bruges ved de videosamtaler, sagsbehandleren får
    fra nu af, i stedet for et nyt møde på organisationens adresse. null fjerner det. Samtaler, der allerede er
    booket, beholder deres link."""
    worker = _own(caseworker_id)
    video.set_own_video_link(unit_of_work(), worker, json.video_link, now())
    return _availability(worker)


@bp.post("/caseworkers/<int:caseworker_id>/absences")
@token_required("write")
@idempotent
@spec.validate(json=s.AbsenceIn, resp=_answers(201, s.AbsenceCreated), tags=TAGS,
               path_parameter_descriptions=CASEWORKER_ID)
def add_absence(caseworker_id: int, json: s.AbsenceIn) -> tuple[s.AbsenceCreated, int]:
    """Tilføj fravær

    Sagsbehandleren er væk fra start til end. Har sagsbehandleren bookede samtaler i perioden, gemmes intet, og
    svaret er 409 med samtalerne (interviews); send da et valg for hver i choices: move (en ledig kollega
    overtager den på samme tid) eller cancel (aflyses med en begrundelse til personen)."""
    worker = _own(caseworker_id)
    absence_id = availability.add_absence(unit_of_work(), worker, json.start, json.end, now(), note=json.note or None,
                                          choices=_choices(json.choices))
    return s.AbsenceCreated(id=absence_id, availability=_availability(worker)), 201


def _remove(caseworker_id: int, absence_id: int) -> s.AvailabilityOut:
    worker = _own(caseworker_id)
    availability.remove_absence(unit_of_work(), worker, absence_id, now())
    return _availability(worker)


@bp.delete("/caseworkers/<int:caseworker_id>/absences/<int:absence_id>")
@token_required("write")
@idempotent
@spec.validate(resp=_answers(200, s.AvailabilityOut), tags=TAGS, path_parameter_descriptions=ABSENCE_ID)
def delete_absence(caseworker_id: int, absence_id: int) -> s.AvailabilityOut:
    """Slet fravær

    Sletter et af sagsbehandlerens fravær; svaret er tilgængeligheden bagefter."""
    return _remove(caseworker_id, absence_id)


@bp.post("/caseworkers/<int:caseworker_id>/absences/<int:absence_id>/remove")
@token_required("write")
@idempotent
@spec.validate(resp=_answers(200, s.AvailabilityOut), tags=TAGS, path_parameter_descriptions=ABSENCE_ID)
def remove_absence(caseworker_id: int, absence_id: int) -> s.AvailabilityOut:
    """Slet fravær (POST)

    Det samme som DELETE, for systemer, der kun sender POST."""
    return _remove(caseworker_id, absence_id)


# ---- agreed timeslots (R22) -------------------------------------------------------------------------------------


def _timeslot(agreement: read_model.TimeslotAgreement) -> s.TimeslotOut:
    return s.TimeslotOut(
        id=agreement.id, other=agreement.other, weekday=agreement.weekday, start=s.clock(agreement.start_time),
        end=s.clock(agreement.end_time), valid_from=agreement.valid_from, valid_to=agreement.valid_to,
        akasse_participation=agreement.akasse_participation, status=agreement.status, ended_from=agreement.ended_from,
        booked=sum(1 for i in agreement.interviews if i.status == InterviewStatus.BOOKED),
    )


def _timeslot_of(timeslot_id: int) -> s.TimeslotOut:
    found = read_model.timeslot_agreements(unit_of_work(), client().organisation_id)
    return _timeslot(next(a for a in found if a.id == timeslot_id))


@bp.get("/timeslots")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=s.TimeslotList), tags=TIMESLOT_TAGS)
def list_timeslots() -> s.TimeslotList:
    """Aftalte tidsrum

    Organisationens foreslåede, accepterede og afviste tidsrum til fælles jobsamtaler (R22), med den anden
    organisation og antallet af bookede samtaler i hvert."""
    found = read_model.timeslot_agreements(unit_of_work(), client().organisation_id)
    return s.TimeslotList(items=[_timeslot(a) for a in found])


@bp.post("/timeslots")
@token_required("write")
@idempotent
@spec.validate(json=s.ProposeTimeslot, resp=_answers(201, s.TimeslotOut), tags=TIMESLOT_TAGS)
def propose_timeslot(json: s.ProposeTimeslot) -> tuple[s.TimeslotOut, int]:
    """Foreslå et tidsrum

    Et jobcenter foreslår en a-kasse et ugentligt tidsrum til fælles jobsamtaler (R22). A-kassen skal acceptere
    det, før der kan bookes i det. En a-kasses nøgle eller en ukendt a-kasse giver 404."""
    worker = actor(json.caseworker_id)
    timeslot_id = availability.propose_timeslot(
        unit_of_work(), worker, json.akasse_id, json.weekday, time.fromisoformat(json.start),
        time.fromisoformat(json.end), json.valid_from,
        AkasseParticipation(json.akasse_participation), now(), valid_to=json.valid_to,
    )
    return _timeslot_of(timeslot_id), 201


@bp.post("/timeslots/<int:timeslot_id>/accept")
@token_required("write")
@idempotent
@spec.validate(json=s.Decide, resp=_answers(200, s.TimeslotOut), tags=TIMESLOT_TAGS,
               path_parameter_descriptions=TIMESLOT_ID)
def accept_timeslot(timeslot_id: int, json: s.Decide) -> s.TimeslotOut:
    """Acceptér et tidsrum

    A-kassen accepterer et foreslået tidsrum: fælles jobsamtaler kan derefter bookes i det (R22)."""
    availability.accept_timeslot(unit_of_work(), actor(json.caseworker_id), timeslot_id, now())
    return _timeslot_of(timeslot_id)


@bp.post("/timeslots/<int:timeslot_id>/decline")
@token_required("write")
@idempotent
@spec.validate(json=s.Decide, resp=_answers(200, s.TimeslotOut), tags=TIMESLOT_TAGS,
               path_parameter_descriptions=TIMESLOT_ID)
def decline_timeslot(timeslot_id: int, json: s.Decide) -> s.TimeslotOut:
    """Afvis et tidsrum

    A-kassen afviser et foreslået tidsrum."""
    availability.decline_timeslot(unit_of_work(), actor(json.caseworker_id), timeslot_id, now())
    return _timeslot_of(timeslot_id)


@bp.post("/timeslots/<int:timeslot_id>/end")
@token_required("write")
@idempotent
@spec.validate(json=s.EndTimeslot, resp=_answers(200, s.TimeslotOut), tags=TIMESLOT_TAGS,
               path_parameter_descriptions=TIMESLOT_ID)
def end_timeslot(timeslot_id: int, json: s.EndTimeslot) -> s.TimeslotOut:
    """Afslut et tidsrum

    Jobcentret eller a-kassen afslutter et accepteret tidsrum fra en dag (i dag eller senere): fra den dag kan der
    ikke bookes nye fælles jobsamtaler i det; de, der allerede er booket, bliver holdt (R22)."""
    availability.end_timeslot(unit_of_work(), actor(json.caseworker_id), timeslot_id, json.ended_from, now())
    return _timeslot_of(timeslot_id)
