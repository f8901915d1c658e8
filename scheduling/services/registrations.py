"""Registrations on a course: a new person's course, R4 referral, control actions (R25), exemptions (R26), hours
(R2, R3).

Each asks the rules core whether the caseworker's organisation may register it now, writes the row and the
audit line, and commits. None of them is an afgørelse.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from scheduling import coursejson, cpr, datebounds
from scheduling import parameters as P
from scheduling.adapters.orm import CitizenRow, ControlActionRow, CourseRow, ExemptionRow, HourEntryRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import ExemptionGround, HourKind, Insurance
from scheduling.evaluation import CaseworkerAction
from scheduling.reasons import N_, Reason
from scheduling.rules.caseworker import check_register_course
from scheduling.services import letters
from scheduling.services.access import authorise_action, caseworker, require, serves, today
from scheduling.services.audit import Actor, record
from scheduling.services.errors import InvalidInput, Refused, require_dates_in_range
from scheduling.services.messages import send
from scheduling.vocabulary import AuditAction, AuditObject, MessageKind

# A period of n days cannot hold more than 24·n hours; generous on purpose (full-time is 37 hours a week).
HOURS_PER_DAY = 24
NAME_LENGTH = 200  # citizens.name
KOMMUNE_LENGTH = 100  # organisations.kommune


@dataclass(frozen=True)
class NewCourse:
    """A new person and their contact course, as the a-kasse's case system knows them: the CPR number (the birth
    date is read from it), the name, the kommune they live in (its jobcenter serves them), and the facts of the
    course under the names of the course JSON (``docs/course-json.md``): registration, placement, insurance (R2,
    R3), the R4 criteria, repatriation (R13) and the old rules (R28). Hours, exemptions and control actions are
    registered afterwards, each by its own service."""

    cpr: str
    name: str
    kommune: str
    registered_on: date
    placed_on: date
    insurance: Insurance
    birth_date: date | None = None  # if given, it must be the CPR number's
    vocational_qualification: bool = False
    custody_of_children_at_home: bool = False
    repatriation: bool = False
    old_rules: bool = False


@dataclass(frozen=True)
class RegisteredCourse:
    """The ids of the person and the course :func:`register_course` wrote."""

    citizen_id: int
    course_id: int


class AlreadyRegistered(Refused):
    """R5: a person with this CPR number is registered already. ``citizen_id`` is theirs when the caller's
    organisation serves them (so the caller may go on with that person), else None: whom another organisation
    serves is not told."""

    def __init__(self, reason: Reason, citizen_id: int | None) -> None:
        super().__init__(reason)
        self.citizen_id = citizen_id


def _invalid(field: str, message: str, **params: object) -> InvalidInput:
    return InvalidInput(Reason("INPUT", "", message, params)).on(field)  # type: ignore[arg-type]


def _checked_person(new: NewCourse) -> tuple[str, date, str, str]:
    """The CPR number's 10 digits, the birth date, the name and the kommune, or InvalidInput naming the field."""
    digits = cpr.normalised(new.cpr)
    born = cpr.birth_date(new.cpr)
    if digits is None or born is None:
        raise _invalid("cpr", N_("Skriv et CPR-nummer med 10 cifre, fx 010185-1234. De første 6 cifre er fødselsdatoen."))
    if not datebounds.in_range(born):
        raise _invalid("cpr", datebounds.OUT_OF_RANGE, **datebounds.out_of_range_params())
    if new.birth_date is not None and new.birth_date != born:
        raise _invalid("birth_date", N_("Fødselsdatoen passer ikke med CPR-nummeret, som siger %(day)s."), day=born)
    name = " ".join(new.name.split())
    if not name or len(name) > NAME_LENGTH:
        raise _invalid("name", N_("Skriv personens navn (højst %(most)s tegn)."), most=NAME_LENGTH)
    kommune = new.kommune.strip()
    if not kommune or len(kommune) > KOMMUNE_LENGTH:
        raise _invalid("kommune", N_("Skriv navnet på den kommune, personen bor i, fx Aarhus."))
    return digits, born, name, kommune


def _checked_facts(new: NewCourse, born: date, now: datetime) -> None:
    """The course facts, checked as the course JSON is (:mod:`scheduling.coursejson`: the schema, then the
    placement around the registration and the birth before it), and the registration not after today."""
    for field, day in (("registered_on", new.registered_on), ("placed_on", new.placed_on)):
        if not datebounds.in_range(day):
            raise _invalid(field, datebounds.OUT_OF_RANGE, **datebounds.out_of_range_params())
    if new.registered_on > today(now):
        raise _invalid("registered_on", N_("Tilmeldingen kan ikke ligge i fremtiden. Brug i dag (%(day)s) eller en tidligere dato."), day=today(now))
    data = {
        "registered_on": new.registered_on.isoformat(),
        "placed_on": new.placed_on.isoformat(),
        "insurance": Insurance(new.insurance).value,
        "birth_date": born.isoformat(),
        "vocational_qualification": new.vocational_qualification,
        "custody_of_children_at_home": new.custody_of_children_at_home,
        "repatriation": new.repatriation,
        "old_rules": new.old_rules,
    }
    try:
        coursejson.course_from_json(data)
    except coursejson.CourseError as error:
        # the course JSON's messages are Danish sentences of their own (no catalogue entry): kept as they are
        raise _invalid(error.path, error.message.replace("%", "%%")) from None


def register_course(uow: AbstractUnitOfWork, caseworker_id: int, new: NewCourse, now: datetime) -> RegisteredCourse:
    """Register a new person and their contact course (R1, R5): the caseworker's a-kasse is the person's a-kasse,
    the kommune's jobcenter their jobcenter. The facts are checked as the course JSON's are; a person already
    registered (the same CPR number) is :class:`AlreadyRegistered` (R5), also when two registrations race.
    The caseload read model gets the person's row in the same transaction (its session hook)."""
    digits, born, name, kommune = _checked_person(new)
    _checked_facts(new, born, now)
    with uow:
        worker = caseworker(uow, caseworker_id)
        existing = uow.repo.citizen_by_cpr(digits)
        verdict = check_register_course(worker.organisation.kind, already_registered=existing is not None)
        if existing is not None and not verdict.allowed and verdict.reason.rule == "R5":
            raise AlreadyRegistered(verdict.reason, existing.id if serves(worker, existing) else None)
        require(verdict)
        jobcenter = uow.repo.jobcenter_for_kommune(kommune)
        if jobcenter is None:
            raise _invalid("kommune", N_("Selvbooking kender ikke et jobcenter for kommunen %(kommune)s. Skriv kommunens navn, fx Aarhus."), kommune=kommune)
        citizen = CitizenRow(
            cpr=digits, name=name, birth_date=born, akasse_id=worker.organisation_id, jobcenter_id=jobcenter.id,
            calendar_feed_token=secrets.token_urlsafe(32),
        )
        if not uow.repo.add_citizen(citizen):  # registered by another transaction since we looked
            raise AlreadyRegistered(check_register_course(worker.organisation.kind, already_registered=True).reason, None)
        course = CourseRow(
            citizen_id=citizen.id, registered_on=new.registered_on, placed_on=new.placed_on,
            insurance=Insurance(new.insurance), vocational_qualification=new.vocational_qualification,
            custody_of_children_at_home=new.custody_of_children_at_home, repatriation=new.repatriation,
            old_rules=new.old_rules,
        )
        uow.repo.add(course)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.COURSE_CREATED, AuditObject.COURSE, course.id,
               citizen_id=citizen.id, registered_on=new.registered_on, placed_on=new.placed_on,
               insurance=course.insurance, jobcenter_id=jobcenter.id)
        uow.commit()
        return RegisteredCourse(citizen.id, course.id)


def refer_r4(uow: AbstractUnitOfWork, caseworker_id: int, citizen_id: int, now: datetime) -> None:
    """The a-kasse refers a person in the education-injunction group to the jobcenter (R4, LAB § 27, stk. 3;
    årsagskode 45). The jobcenter is responsible from then on; the person is told."""
    with uow:
        worker, citizen, course = authorise_action(uow, caseworker_id, citizen_id, CaseworkerAction.REFER_R4, now)
        course.referred_r4_on = today(now)
        send(uow, citizen.id, MessageKind.REFERRAL, letters.referred_r4(today(now)), now)
        record(uow, now, Actor.caseworker(worker.id), AuditAction.REFER_R4, AuditObject.COURSE, course.id, citizen_id=citizen.id,
               reason_code=45)
        uow.commit()


def register_control_action(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    citizen_id: int,
    received_on: date,
    now: datetime,
    *,
    stay_abroad: bool = False,
    authority: str | None = None,
) -> int:
    """Register another authority's control action (R25, LAB § 38); the person must then be called in at once."""
    require_dates_in_range(received_on)
    if received_on > today(now):
        raise InvalidInput.because(N_("Datoen for modtagelsen kan ikke ligge i fremtiden.")).on("received_on")
    with uow:
        worker, citizen, course = authorise_action(
            uow, caseworker_id, citizen_id, CaseworkerAction.REGISTER_CONTROL_ACTION, now
        )
        row = ControlActionRow(
            course_id=course.id, received_on=received_on, stay_abroad=stay_abroad, authority=authority,
            registered_by_id=worker.id, registered_at=now,
        )
        uow.repo.add(row)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.REGISTER_CONTROL_ACTION, AuditObject.CONTROL_ACTION, row.id,
               citizen_id=citizen.id, received_on=received_on, stay_abroad=stay_abroad)
        uow.commit()
        return row.id


def register_exemption(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    citizen_id: int,
    ground: ExemptionGround,
    starts_on: date,
    now: datetime,
    *,
    ends_on: date | None = None,
    event_on: date | None = None,
    documentation: str | None = None,
) -> int:
    """Register reduced effort (R26, LAB § 106, stk. 1, nr. 1–4) from ``starts_on``; returns the exemption id.

    Work-sharing (nr. 3) needs ``event_on``, the day the person joined the scheme: its 6 weeks run from then."""
    require_dates_in_range(starts_on, ends_on, event_on)
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput.because(N_("Slutdatoen skal ligge efter startdatoen.")).on("ends_on")
    if ExemptionGround(ground) is ExemptionGround.NR3_WORK_SHARING and event_on is None:
        # the 6 weeks run from the day the person is covered by the scheme (LAB § 106, stk. 2; guidance 7.1)
        weeks = P.WORK_SHARING_WEEKS.on(starts_on)
        raise InvalidInput.because(N_("Skriv dagen, personen kom på arbejdsfordeling. De %(weeks)s uger regnes fra den dag."), weeks=weeks).on("event_on")
    with uow:
        worker, citizen, course = authorise_action(uow, caseworker_id, citizen_id, CaseworkerAction.REGISTER_EXEMPTION, now)
        row = ExemptionRow(
            course_id=course.id, ground=ExemptionGround(ground), starts_on=starts_on, ends_on=ends_on,
            event_on=event_on, documentation=documentation, registered_by_id=worker.id, registered_at=now,
        )
        uow.repo.add(row)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.REGISTER_EXEMPTION, AuditObject.EXEMPTION, row.id,
               citizen_id=citizen.id, ground=row.ground, starts_on=starts_on, ends_on=ends_on)
        uow.commit()
        return row.id


def register_hours(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    citizen_id: int,
    registered_on: date,
    period_start: date,
    period_end: date,
    hours: Decimal | str | float,
    now: datetime,
    *,
    kind: HourKind = HourKind.DAGPENGE,
) -> int:
    """Add a registration to the hour ledger (R2, R3): hand-over and month deadlines move with it.

    Only an entry that can be true is written: a period that ends on or after its start, not before the course's
    placement; registered on or after the period's last day (hours are registered after the period) and not
    later than today; more than 0 hours and no more than the period's days can hold (24 hours a day).
    """
    require_dates_in_range(registered_on, period_start, period_end)
    try:
        amount = Decimal(str(hours).replace(",", "."))
    except InvalidOperation:
        raise InvalidInput.because(N_("Skriv antallet af timer som et tal, fx 148,0.")).on("hours") from None
    if not amount.is_finite():
        raise InvalidInput.because(N_("Skriv antallet af timer som et tal, fx 148,0.")).on("hours")
    if period_end < period_start:
        raise InvalidInput.because(N_("Periodens sidste dag skal ligge på eller efter dens første dag. Ret datoerne.")).on("period_end")
    if registered_on < period_end:
        raise InvalidInput.because(
            N_("Timer registreres efter perioden: registreringsdatoen skal ligge på eller efter %(day)s, periodens sidste dag."),
            day=period_end,
        ).on("registered_on")
    if registered_on > today(now):
        raise InvalidInput.because(
            N_("Registreringsdatoen kan ikke ligge i fremtiden. Brug i dag (%(day)s) eller en tidligere dato."),
            day=today(now),
        ).on("registered_on")
    days = (period_end - period_start).days + 1
    if amount <= 0 or amount > HOURS_PER_DAY * days:
        raise InvalidInput.because(
            N_("Skriv et antal timer over 0 og højst %(most)s: perioden har %(days)s dage."),
            most=HOURS_PER_DAY * days,
            days=days,
        ).on("hours")
    with uow:
        worker, citizen, course = authorise_action(uow, caseworker_id, citizen_id, CaseworkerAction.REGISTER_HOURS, now)
        if period_start < course.placed_on:
            raise InvalidInput.because(
                N_("Perioden begynder før personens indplacering i dagpengeperioden den %(day)s. Registrér kun timer fra og med den dag."),
                day=course.placed_on,
            ).on("period_start")
        row = HourEntryRow(
            course_id=course.id, registered_on=registered_on, period_start=period_start, period_end=period_end,
            hours=amount, kind=HourKind(kind), registered_by_id=worker.id, registered_at=now,
        )
        uow.repo.add(row)
        uow.flush()
        record(uow, now, Actor.caseworker(worker.id), AuditAction.REGISTER_HOURS, AuditObject.HOUR_ENTRY, row.id, citizen_id=citizen.id,
               registered_on=registered_on, hours=str(amount), kind=row.kind)
        uow.commit()
        return row.id
