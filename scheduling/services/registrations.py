"""Registrations on a course: R4 referral, control actions (R25), exemptions (R26), hours (R2, R3).

Each asks the rules core whether the caseworker's organisation may register it now, writes the row and the
audit line, and commits. None of them is an afgørelse.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from scheduling import parameters as P
from scheduling.adapters.orm import ControlActionRow, ExemptionRow, HourEntryRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import ExemptionGround, HourKind
from scheduling.evaluation import CaseworkerAction
from scheduling.reasons import N_
from scheduling.services import letters
from scheduling.services.access import authorise_action, today
from scheduling.services.audit import Actor, record
from scheduling.services.errors import InvalidInput, require_dates_in_range
from scheduling.services.messages import send
from scheduling.vocabulary import AuditAction, AuditObject, MessageKind

# A period of n days cannot hold more than 24·n hours; generous on purpose (full-time is 37 hours a week).
HOURS_PER_DAY = 24


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
        raise InvalidInput.because(N_("Datoen for modtagelsen kan ikke ligge i fremtiden."))
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
        raise InvalidInput.because(N_("Slutdatoen skal ligge efter startdatoen."))
    if ExemptionGround(ground) is ExemptionGround.NR3_WORK_SHARING and event_on is None:
        # the 6 weeks run from the day the person is covered by the scheme (LAB § 106, stk. 2; guidance 7.1)
        weeks = P.WORK_SHARING_WEEKS.on(starts_on)
        raise InvalidInput.because(N_("Skriv dagen, personen kom på arbejdsfordeling. De %(weeks)s uger regnes fra den dag."), weeks=weeks)
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
        raise InvalidInput.because(N_("Skriv antallet af timer som et tal, fx 148,0.")) from None
    if not amount.is_finite():
        raise InvalidInput.because(N_("Skriv antallet af timer som et tal, fx 148,0."))
    if period_end < period_start:
        raise InvalidInput.because(N_("Periodens sidste dag skal ligge på eller efter dens første dag. Ret datoerne."))
    if registered_on < period_end:
        raise InvalidInput.because(
            N_("Timer registreres efter perioden: registreringsdatoen skal ligge på eller efter %(day)s, periodens sidste dag."),
            day=period_end,
        )
    if registered_on > today(now):
        raise InvalidInput.because(
            N_("Registreringsdatoen kan ikke ligge i fremtiden. Brug i dag (%(day)s) eller en tidligere dato."),
            day=today(now),
        )
    days = (period_end - period_start).days + 1
    if amount <= 0 or amount > HOURS_PER_DAY * days:
        raise InvalidInput.because(
            N_("Skriv et antal timer over 0 og højst %(most)s: perioden har %(days)s dage."),
            most=HOURS_PER_DAY * days,
            days=days,
        )
    with uow:
        worker, citizen, course = authorise_action(uow, caseworker_id, citizen_id, CaseworkerAction.REGISTER_HOURS, now)
        if period_start < course.placed_on:
            raise InvalidInput.because(
                N_("Perioden begynder før personens indplacering i dagpengeperioden den %(day)s. Registrér kun timer fra og med den dag."),
                day=course.placed_on,
            )
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
