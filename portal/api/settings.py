"""The organisation's settings in the integration API (issue 16): what an administrator does on the page
"Indstillinger" — booking deadlines, address and contact details, R21's choice for joint interviews, reminders,
the address for video meetings and the closed days.

Reading them needs a read token; a change needs a write token whose acting caseworker (the token's own, or
``caseworker_id`` in the body) administers the organisation, as the page does, else a 403 problem
(:func:`portal.api.auth.administrator`). Each change is the same service call as the page's form, one transaction
each (:mod:`scheduling.services.availability`, :mod:`~scheduling.services.reminders`,
:mod:`~scheduling.services.video`); the services check every value again, and a refusal is a 422 problem naming
the field.
"""

from __future__ import annotations

from datetime import time

from spectree import Response

from portal import now, today
from portal.api import bp, spec
from portal.api.auth import administrator, client, token_required
from portal.api.idempotency import idempotent
from portal.api.problems import Problem
from portal.api.schemas import settings as s
from portal.database import unit_of_work
from scheduling.course import Organisation
from scheduling.services import availability, read_model, reminders, video

TAGS = ["Indstillinger"]
CLOSURE_ID = {"closure_id": "Lukkedagens id."}
CONTACT_TEXTS = ("email", "contact_url", "opening_hours", "reception", "what_to_bring", "calls_from")


def _answers(ok: int, model: type) -> Response:
    """A change's answers: ``ok`` with ``model``, or a problem (403 not an administrator, 404, 422 bad input)."""
    return Response(**{f"HTTP_{ok}": model}, HTTP_403=Problem, HTTP_404=Problem, HTTP_422=Problem)


def _settings() -> s.OrganisationSettingsOut:
    org = read_model.caseworker(unit_of_work(), client().caseworker_id).organisation
    contact = org.contact
    jobcenter = org.kind == Organisation.JOBCENTER
    return s.OrganisationSettingsOut(
        id=org.id, kind=org.kind, name=org.name, address=org.address, book_by_days=org.book_by_days,
        change_deadline_hours=org.change_deadline_hours, phone=contact.phone, email=contact.email,
        contact_url=contact.contact_url, opening_hours=contact.opening_hours, reception=contact.reception,
        what_to_bring=contact.what_to_bring, calls_from=contact.calls_from,
        show_caseworker_names=contact.show_caseworker_names,
        faellessamtale_r10_selvbooking=org.faellessamtale_r10_selvbooking if jobcenter else None,
        faellessamtale_r12_selvbooking=org.faellessamtale_r12_selvbooking if jobcenter else None,
        reminder_hour=org.reminder_hour, book_by_reminder_days=org.book_by_reminder_days,
        video_room_template=org.video_room_template,
    )


def _contact(json: s.OrganisationSettingsIn) -> availability.ContactSettings:
    """The body's contact details for the service, as the page gives them: trimmed, empty text as None."""
    texts = {name: (getattr(json, name) or "").strip() or None for name in CONTACT_TEXTS}
    return availability.ContactSettings(phone=json.phone.strip(), show_caseworker_names=json.show_caseworker_names,
                                        **texts)


@bp.get("/organisation/settings")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=s.OrganisationSettingsOut), tags=TAGS)
def get_settings() -> s.OrganisationSettingsOut:
    """Organisationens indstillinger

    Fristerne for at booke og for at flytte eller aflyse, adressen, kontaktoplysningerne, jobcentrets valg for
    fællessamtaler (R21), påmindelserne og adressen til videomøder, som på siden "Indstillinger"."""
    return _settings()


@bp.put("/organisation/settings")
@token_required("write")
@idempotent
@spec.validate(json=s.OrganisationSettingsIn, resp=_answers(200, s.OrganisationSettingsOut), tags=TAGS)
def put_settings(json: s.OrganisationSettingsIn) -> s.OrganisationSettingsOut:
    """Sæt frister, adresse og kontaktoplysninger

    Som formularen øverst på siden "Indstillinger": erstatter fristerne, adressen og kontaktoplysningerne (telefon,
    og e-mail eller kontaktformular). Et jobcenter vælger også, om fællessamtalerne (R10, R12) selvbookes (R21);
    en a-kasse, der sender de felter, får 422. Kun en administrator (403 ellers)."""
    availability.update_organisation_settings(
        unit_of_work(), administrator(json.caseworker_id), now(),
        book_by_days=json.book_by_days, change_deadline_hours=json.change_deadline_hours,
        address=json.address.strip(), contact=_contact(json),
        faellessamtale_r10_selvbooking=json.faellessamtale_r10_selvbooking,
        faellessamtale_r12_selvbooking=json.faellessamtale_r12_selvbooking,
    )
    return _settings()


@bp.put("/organisation/reminders")
@token_required("write")
@idempotent
@spec.validate(json=s.RemindersIn, resp=_answers(200, s.OrganisationSettingsOut), tags=TAGS)
def put_reminders(json: s.RemindersIn) -> s.OrganisationSettingsOut:
    """Sæt påmindelserne

    Klokkeslættet for påmindelserne dagen før en samtale, og hvor mange dage før fristen for at booke en person,
    der ikke har booket, bliver mindet om det. Kun en administrator (403 ellers)."""
    reminders.set_reminder_settings(unit_of_work(), administrator(json.caseworker_id), json.reminder_hour,
                                    json.book_by_reminder_days, now())
    return _settings()


@bp.put("/organisation/video-room")
@token_required("write")
@idempotent
@spec.validate(json=s.VideoRoomIn, resp=_answers(200, s.OrganisationSettingsOut), tags=TAGS)
def put_video_room(json: s.VideoRoomIn) -> s.OrganisationSettingsOut:
    """Sæt adressen til videomøder

    En https-adresse med {room}, hvor hver videosamtale får sit eget møde med et navn, der ikke kan gættes; null
    fjerner den. Bruges ved de videosamtaler, der bookes fra nu af. Kun en administrator (403 ellers)."""
    video.set_video_room_template(unit_of_work(), administrator(json.caseworker_id), json.video_room_template, now())
    return _settings()


# ---- closed days ---------------------------------------------------------------------------------------------------


def _closures() -> list[s.ClosureOut]:
    found = read_model.organisation_closures(unit_of_work(), client().organisation_id, today())
    return [s.ClosureOut(id=c.id, day=c.day, from_time=s.clock_or_none(c.from_time), to_time=s.clock_or_none(c.to_time),
                         note=c.note) for c in found]


@bp.get("/organisation/closures")
@token_required("read")
@spec.validate(resp=Response(HTTP_200=s.ClosureList), tags=TAGS)
def list_closures() -> s.ClosureList:
    """Lukkedage

    De dage (eller dele af dage) fra i dag, organisationen har lukket ud over helligdagene: der tilbydes ingen
    tider i dem."""
    return s.ClosureList(items=_closures())


@bp.post("/organisation/closures")
@token_required("write")
@idempotent
@spec.validate(json=s.ClosureIn, resp=_answers(201, s.ClosureCreated), tags=TAGS)
def add_closure(json: s.ClosureIn) -> tuple[s.ClosureCreated, int]:
    """Tilføj en lukkedag

    Hele dagen, eller fra from_time til to_time. Der kan ikke bookes samtaler i den; samtaler, der allerede er
    booket, bliver stående (flyt dem selv). Kun en administrator (403 ellers)."""
    closure_id = availability.add_closure(
        unit_of_work(), administrator(json.caseworker_id), json.day, now(),
        from_time=time.fromisoformat(json.from_time) if json.from_time else None,
        to_time=time.fromisoformat(json.to_time) if json.to_time else None, note=(json.note or "").strip() or None,
    )
    return s.ClosureCreated(id=closure_id, closures=_closures()), 201


def _remove(closure_id: int, caseworker_id: int | None) -> s.ClosureList:
    availability.remove_closure(unit_of_work(), administrator(caseworker_id), closure_id, now())
    return s.ClosureList(items=_closures())


@bp.delete("/organisation/closures/<int:closure_id>")
@token_required("write")
@idempotent
@spec.validate(query=s.Acting, resp=_answers(200, s.ClosureList), tags=TAGS, path_parameter_descriptions=CLOSURE_ID)
def delete_closure(closure_id: int, query: s.Acting) -> s.ClosureList:
    """Fjern en lukkedag

    Dagen kan igen bookes. Kun en administrator (403 ellers)."""
    return _remove(closure_id, query.caseworker_id)


@bp.post("/organisation/closures/<int:closure_id>/remove")
@token_required("write")
@idempotent
@spec.validate(json=s.ActingBody, resp=_answers(200, s.ClosureList), tags=TAGS, path_parameter_descriptions=CLOSURE_ID)
def remove_closure(closure_id: int, json: s.ActingBody) -> s.ClosureList:
    """Fjern en lukkedag (POST)

    Det samme som DELETE, for systemer, der kun sender POST."""
    return _remove(closure_id, json.caseworker_id)
