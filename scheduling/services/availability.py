"""A caseworker's availability and the organisations' agreements: working hours, absences, what they offer,
agreed timeslots for joint interviews (R22) and the organisation's booking settings (R21, deadlines)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit

from scheduling import parameters as P
from scheduling.adapters.orm import AbsenceRow, AgreedTimeslotRow, OrganisationClosureRow, WorkingHoursRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import AkasseParticipation, Format, InterviewKind, Organisation
from scheduling.reasons import N_
from scheduling.safe_changes import Choice
from scheduling.services import safe_changes
from scheduling.services.access import caseworker, today
from scheduling.services.audit import Actor, record
from scheduling.services.errors import InvalidInput, NotFound, require_dates_in_range
from scheduling.vocabulary import AuditAction, AuditObject, TimeslotStatus, timeslot_action


def set_working_hours(
    uow: AbstractUnitOfWork, caseworker_id: int, hours: Iterable[tuple[int, time, time]], now: datetime,
    *, choices: Mapping[int, Choice] | None = None,
) -> None:
    """Replace the caseworker's weekly working hours with ``(weekday 0=Monday, start, end)`` in Danish time.

    Booked interviews the new hours would leave outside them need a choice each in ``choices`` (move, cancel
    or keep, :mod:`scheduling.services.safe_changes`); without one nothing is saved (ChoicesNeeded)."""
    entries = sorted(set(hours))
    for weekday, start, end in entries:
        if not 0 <= weekday <= 6 or start >= end:
            raise InvalidInput.because(N_("Hver arbejdstid skal have en ugedag og slutte efter den starter."))
    for (d1, _s1, e1), (d2, s2, _e2) in zip(entries, entries[1:], strict=False):
        if d1 == d2 and s2 < e1:
            raise InvalidInput.because(N_("Arbejdstider på samme dag må ikke overlappe."))
    with uow:
        worker = caseworker(uow, caseworker_id)
        done = safe_changes.settle(uow, worker, safe_changes.hit_by_hours(uow, worker, entries, now), choices, now,
                                   may_keep=True)
        worker.working_hours.clear()
        uow.flush()
        worker.working_hours.extend(WorkingHoursRow(weekday=d, start_time=s, end_time=e) for d, s, e in entries)
        record(uow, now, Actor.caseworker(worker.id), AuditAction.SET_WORKING_HOURS, AuditObject.CASEWORKER, worker.id,
               hours=[f"{d} {s.isoformat('minutes')}-{e.isoformat('minutes')}" for d, s, e in entries],
               **{k: v for k, v in done.items() if v})
        uow.commit()


def set_offer(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    kinds: Iterable[InterviewKind],
    formats: Iterable[Format],
    now: datetime,
) -> None:
    """Which interview kinds and formats the caseworker offers (an empty list of kinds means all)."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        worker.offered_kinds = sorted({InterviewKind(k).value for k in kinds})
        worker.offered_formats = sorted({Format(f).value for f in formats})
        record(uow, now, Actor.caseworker(worker.id), AuditAction.SET_OFFER, AuditObject.CASEWORKER, worker.id,
               kinds=worker.offered_kinds, formats=worker.offered_formats)
        uow.commit()


def add_absence(
    uow: AbstractUnitOfWork, caseworker_id: int, start: datetime, end: datetime, now: datetime,
    *, note: str | None = None, choices: Mapping[int, Choice] | None = None,
) -> int:
    """The caseworker is away from ``start`` to ``end`` (aware instants); returns the absence id.

    Booked interviews of the caseworker in the absence need a choice each in ``choices`` (move to a free
    colleague or cancel with a reason, :mod:`scheduling.services.safe_changes`), carried out in the same
    transaction; without one nothing is saved (ChoicesNeeded)."""
    require_dates_in_range(start, end)
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        raise InvalidInput.because(N_("Fraværet skal slutte efter det starter."))
    with uow:
        worker = caseworker(uow, caseworker_id)
        done = safe_changes.settle(uow, worker, safe_changes.hit_by_absence(uow, worker, start, end, now), choices, now,
                                   may_keep=False)
        row = AbsenceRow(caseworker_id=worker.id, start_at=start, end_at=end, note=note)
        uow.repo.add(row)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.ADD_ABSENCE, AuditObject.ABSENCE, row.id, start=start, end=end,
               **{k: v for k, v in done.items() if v})
        uow.commit()
        return row.id


def remove_absence(uow: AbstractUnitOfWork, caseworker_id: int, absence_id: int, now: datetime) -> None:
    """Delete one of the caseworker's own absences."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        row = uow.repo.absence(absence_id)
        if row is None or row.caseworker_id != worker.id:
            raise NotFound()
        uow.repo.delete(row)
        record(uow, now, Actor.caseworker(worker.id), AuditAction.REMOVE_ABSENCE, AuditObject.ABSENCE, absence_id,
               start=row.start_at, end=row.end_at)
        uow.commit()


# The organisation's contact details (issue 13): what the settings form and the service both accept.
PHONE_PATTERN = r"^\+?[0-9][0-9 ]{6,18}[0-9]$"  # 8 to 20 characters, digits and spaces, a leading + allowed
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
CONTACT_LIMITS = {"email": 254, "contact_url": 500, "opening_hours": 300, "reception": 500, "what_to_bring": 500}
WRONG_PHONE = N_("Skriv telefonnummeret med cifre, fx 70 20 30 40")
WRONG_EMAIL = N_("Skriv en e-mailadresse som kontakt@eksempel.dk")
WRONG_URL = N_("Skriv kontaktformularens fulde adresse, der begynder med https://")
NO_WRITTEN_CONTACT = N_("Skriv en e-mailadresse eller adressen på en kontaktformular, så personen kan skrive til jer")
TOO_LONG = N_("Skriv højst %(count)s tegn")


def is_phone(value: str) -> bool:
    """A phone number as people write it: 8 to 15 digits, spaces between them, a leading + allowed."""
    digits = sum(c.isdigit() for c in value)
    return re.fullmatch(PHONE_PATTERN, value) is not None and 8 <= digits <= 15


def is_contact_url(value: str) -> bool:
    """An https address of a web page (a contact form): shown as a link, so never another scheme."""
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.netloc) and not any(c.isspace() for c in value)


@dataclass(frozen=True)
class ContactSettings:
    """The organisation's contact details and what people need to know to attend (issue 13); empty text is
    None. The phone number is required, and an e-mail address or a contact form."""

    phone: str
    email: str | None = None
    contact_url: str | None = None
    opening_hours: str | None = None
    show_caseworker_names: bool = False
    reception: str | None = None
    what_to_bring: str | None = None
    calls_from: str | None = None

    def problem(self) -> InvalidInput | None:
        """What is wrong with these details, as the error to raise; None when they can be saved."""
        if not is_phone(self.phone):
            return InvalidInput.because(WRONG_PHONE).on("phone")
        if self.calls_from is not None and not is_phone(self.calls_from):
            return InvalidInput.because(WRONG_PHONE).on("calls_from")
        if self.email is not None and re.fullmatch(EMAIL_PATTERN, self.email) is None:
            return InvalidInput.because(WRONG_EMAIL).on("email")
        if self.contact_url is not None and not is_contact_url(self.contact_url):
            return InvalidInput.because(WRONG_URL).on("contact_url")
        if self.email is None and self.contact_url is None:
            return InvalidInput.because(NO_WRITTEN_CONTACT).on("email")
        for name, limit in CONTACT_LIMITS.items():
            if len(getattr(self, name) or "") > limit:
                return InvalidInput.because(TOO_LONG, count=limit).on(name)
        return None

    def changes(self) -> dict[str, Any]:
        """The columns to write (and audit), by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def update_organisation_settings(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    now: datetime,
    *,
    book_by_days: int | None = None,
    change_deadline_hours: int | None = None,
    faellessamtale_r10_selvbooking: bool | None = None,
    faellessamtale_r12_selvbooking: bool | None = None,
    address: str | None = None,
    contact: ContactSettings | None = None,
) -> None:
    """An administrator sets the organisation's booking deadlines, address, contact details (issue 13) and (a
    jobcenter) R21's choices: whether the first jobcenter interview held jointly (R10) and the 16-month joint
    interview (R12) are self-booked (True) or called in (False). ``None`` leaves a setting as it is."""
    minimum = P.BOOK_BY_MIN_DAYS.on(now.date())
    if book_by_days is not None and book_by_days < minimum:
        raise InvalidInput.because(N_("Fristen for at booke skal være mindst %(days)s dage."), days=minimum).on(
            "book_by_days")
    if change_deadline_hours is not None and change_deadline_hours < 0:
        raise InvalidInput.because(N_("Fristen for at ændre en booking kan ikke være negativ.")).on(
            "change_deadline_hours")
    problem = contact.problem() if contact is not None else None
    if problem is not None:
        raise problem
    with uow:
        worker = caseworker(uow, caseworker_id)
        if not worker.is_admin:
            raise NotFound()
        org = worker.organisation
        changes: dict[str, Any] = {}
        if book_by_days is not None:
            org.book_by_days = changes["book_by_days"] = book_by_days
        if change_deadline_hours is not None:
            org.change_deadline_hours = changes["change_deadline_hours"] = change_deadline_hours
        joint = {"faellessamtale_r10_selvbooking": faellessamtale_r10_selvbooking,
                 "faellessamtale_r12_selvbooking": faellessamtale_r12_selvbooking}
        for name, value in joint.items():
            if value is None:
                continue
            if org.kind != Organisation.JOBCENTER:
                raise InvalidInput.because(N_("Kun jobcentret vælger, om fællessamtaler selvbookes.")).on(name)
            setattr(org, name, value)
            changes[name] = value
        if address is not None:
            org.address = changes["address"] = address
        for name, value in (contact.changes() if contact is not None else {}).items():
            setattr(org, name, value)
            changes[name] = value
        record(uow, now, Actor.caseworker(worker.id), AuditAction.UPDATE_SETTINGS, AuditObject.ORGANISATION, org.id, **changes)
        uow.commit()


def add_closure(
    uow: AbstractUnitOfWork, caseworker_id: int, day: date, now: datetime, *,
    from_time: time | None = None, to_time: time | None = None, note: str | None = None,
) -> int:
    """An administrator closes the organisation on ``day`` beyond the public holidays (24 and 31 December, the
    afternoon of Grundlovsdag …): the whole day, or from ``from_time`` to ``to_time`` (a missing one is the start
    or the end of the day). No free time is offered then, and a booking's final check refuses it. Interviews
    already booked then stay (the organisation moves them itself). Returns the closure's id."""
    require_dates_in_range(day)
    if from_time is not None and to_time is not None and to_time <= from_time:
        raise InvalidInput.because(N_("Lukketiden skal slutte, efter den begynder.")).on("to_time")
    if day < now.date():
        raise InvalidInput.because(N_("Vælg en dag, der ikke er gået.")).on("day")
    with uow:
        worker = caseworker(uow, caseworker_id)
        if not worker.is_admin:
            raise NotFound()
        row = OrganisationClosureRow(
            organisation_id=worker.organisation_id, day=day, from_time=from_time, to_time=to_time, note=note or None
        )
        uow.repo.add(row)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.UPDATE_SETTINGS, AuditObject.ORGANISATION,
               worker.organisation_id, closure_added=_closure_text(row))
        uow.commit()
        return row.id


def remove_closure(uow: AbstractUnitOfWork, caseworker_id: int, closure_id: int, now: datetime) -> None:
    """An administrator reopens a closed day of their own organisation."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        if not worker.is_admin:
            raise NotFound()
        row = next((c for c in uow.repo.closures([worker.organisation_id]) if c.id == closure_id), None)
        if row is None:
            raise NotFound()
        uow.repo.delete(row)
        record(uow, now, Actor.caseworker(worker.id), AuditAction.UPDATE_SETTINGS, AuditObject.ORGANISATION,
               worker.organisation_id, closure_removed=_closure_text(row))
        uow.commit()


def _closure_text(row: OrganisationClosureRow) -> str:
    times = "" if row.from_time is None and row.to_time is None else f" {row.from_time or ''}–{row.to_time or ''}"
    return f"{row.day.isoformat()}{times}"


def propose_timeslot(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    akasse_id: int,
    weekday: int,
    start: time,
    end: time,
    valid_from: date,
    akasse_participation: AkasseParticipation,
    now: datetime,
    *,
    valid_to: date | None = None,
) -> int:
    """A jobcenter proposes a weekly interval for joint interviews to an a-kasse (R22); returns its id."""
    require_dates_in_range(valid_from, valid_to)
    if not 0 <= weekday <= 6 or start >= end or (valid_to is not None and valid_to < valid_from):
        raise InvalidInput.because(N_("Tidsrummet skal have en ugedag, slutte efter det starter og gælde fra en dato."))
    if AkasseParticipation(akasse_participation) == AkasseParticipation.NONE:
        raise InvalidInput.because(N_("Vælg, hvordan a-kassen deltager: ved video eller ved fremmøde."))
    with uow:
        worker = caseworker(uow, caseworker_id)
        akasse = uow.repo.organisation(akasse_id)
        if worker.organisation.kind != Organisation.JOBCENTER or akasse is None or akasse.kind != Organisation.AKASSE:
            raise NotFound()
        row = AgreedTimeslotRow(
            jobcenter_id=worker.organisation_id, akasse_id=akasse.id, weekday=weekday, start_time=start,
            end_time=end, valid_from=valid_from, valid_to=valid_to,
            akasse_participation=AkasseParticipation(akasse_participation), status=TimeslotStatus.PROPOSED,
            proposed_by_id=worker.id, proposed_at=now,
        )
        uow.repo.add(row)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.PROPOSE_TIMESLOT, AuditObject.TIMESLOT, row.id, weekday=weekday,
               start=start, end=end, akasse_id=akasse.id, participation=row.akasse_participation)
        uow.commit()
        return row.id


def _decide_timeslot(
    uow: AbstractUnitOfWork, caseworker_id: int, timeslot_id: int, status: TimeslotStatus, now: datetime
) -> None:
    with uow:
        worker = caseworker(uow, caseworker_id)
        row = uow.repo.timeslot(timeslot_id)
        if row is None or row.akasse_id != worker.organisation_id:
            raise NotFound()
        if row.status != TimeslotStatus.PROPOSED:
            raise InvalidInput.because(N_("Forslaget er allerede besvaret."))
        row.status, row.decided_by_id, row.decided_at = status, worker.id, now
        record(uow, now, Actor.caseworker(worker.id), timeslot_action(status), AuditObject.TIMESLOT, row.id)
        uow.commit()


def accept_timeslot(uow: AbstractUnitOfWork, caseworker_id: int, timeslot_id: int, now: datetime) -> None:
    """The a-kasse accepts a proposed timeslot: joint interviews may be booked inside it from then on (R22)."""
    _decide_timeslot(uow, caseworker_id, timeslot_id, TimeslotStatus.ACCEPTED, now)


def end_timeslot(uow: AbstractUnitOfWork, caseworker_id: int, timeslot_id: int, ended_from: date, now: datetime) -> None:
    """Either side (the jobcenter or the a-kasse) ends an accepted timeslot from ``ended_from`` (today or later):
    from that day it offers no new joint interviews (R22); those already booked in it stay. Audited; the slot
    cache follows by the timeslot trigger (migration 0016)."""
    require_dates_in_range(ended_from)
    if ended_from < today(now):
        raise InvalidInput.because(N_("Vælg en dato fra i dag eller senere. Et tidsrum kan ikke afsluttes bagud i tiden."))
    with uow:
        worker = caseworker(uow, caseworker_id)
        row = uow.repo.timeslot(timeslot_id)
        if row is None or worker.organisation_id not in (row.jobcenter_id, row.akasse_id):
            raise NotFound()
        if row.status != TimeslotStatus.ACCEPTED:
            raise InvalidInput.because(N_("Kun et accepteret tidsrum kan afsluttes."))
        if row.ended_from is not None:
            raise InvalidInput.because(N_("Tidsrummet er allerede afsluttet."))
        if row.valid_to is not None and ended_from > row.valid_to:
            raise InvalidInput.because(N_("Tidsrummet holder op med at gælde før den dato. Vælg en tidligere dato."))
        row.ended_from, row.ended_by_id, row.ended_at = ended_from, worker.id, now
        record(uow, now, Actor.caseworker(worker.id), AuditAction.END_TIMESLOT, AuditObject.TIMESLOT, row.id,
               ended_from=ended_from)
        uow.commit()


def decline_timeslot(uow: AbstractUnitOfWork, caseworker_id: int, timeslot_id: int, now: datetime) -> None:
    """The a-kasse declines a proposed timeslot."""
    _decide_timeslot(uow, caseworker_id, timeslot_id, TimeslotStatus.DECLINED, now)
