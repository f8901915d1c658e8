"""The demo world: a believable, entirely fictional Danish world for trying the portal.

:func:`seed_demo` fills an **empty** database with two a-kasser and two jobcentres that agreed timeslots for
joint interviews (R22), caseworkers with working hours, an administrator per organisation, and citizens in
every situation RULES.md describes. Every date is relative to ``today``, so the demo makes sense whenever it
runs; interview times are picked with the free-slot finder (:mod:`scheduling.slots`), so they fall in working
hours, never on a public holiday and never on top of each other.

Nothing here is real: the a-kasser are invented, the CPR numbers are demo numbers that fail the modulus-11
check (:func:`demo_cpr`), e-mail addresses use ``example.dk``-style reserved domains. Log in as anyone listed in
:data:`DEMO_PEOPLE`; caseworkers log in with their e-mail and :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

import calendar
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduling.adapters.orm import (
    AbsenceRow,
    AgreedTimeslotRow,
    BusySource,
    BusyTimeRow,
    CaseworkerRow,
    CitizenRow,
    ControlActionRow,
    CourseRow,
    DecisionRow,
    ExemptionRow,
    HourEntryRow,
    InterviewParticipantRow,
    InterviewRow,
    OrganisationRow,
    RecordKind,
    TimeslotStatus,
    WorkingHoursRow,
)
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    ExemptionGround,
    Format,
    HourKind,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.reasons import N_
from scheduling.services import audit, letters, messages
from scheduling.slots import (
    COPENHAGEN,
    AgreedTimeslot,
    CaseworkerAvailability,
    Interval,
    SlotSearch,
    WorkingHours,
    free_joint_slots,
    free_slots,
)

DEMO_PASSWORD = "demo-selvbooking"  # nosec B105  # the published demo password; no demo log-in in production
"""The password of every demo caseworker account (shown on the demo log-in page, never used in production)."""

DEMO_MARK = "DEMO"
"""Written into the audit log of everything the demo creates, so a demo row is never mistaken for a real one."""


# --------------------------------------------------------------------------------------------------------------
# Demo CPR numbers


_CPR_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def passes_modulus_11(cpr: str) -> bool:
    """The old CPR control: the weighted digit sum is divisible by 11. Demo numbers must fail it."""
    return sum(int(d) * w for d, w in zip(cpr, _CPR_WEIGHTS, strict=True)) % 11 == 0


def demo_cpr(birth: date, serial: int) -> str:
    """A 10-digit demo CPR number for ``birth``: the birth date, a century digit that fits the year, and a
    serial chosen so that the number fails the modulus-11 check (so it can never be a real, old-style one)."""
    century = 0 if birth.year < 2000 else 4
    for bump in range(11):
        candidate = f"{birth:%d%m%y}{century}{(serial + bump) % 1000:03d}"
        if not passes_modulus_11(candidate):
            return candidate
    raise AssertionError("unreachable: at most one serial in eleven passes modulus 11")  # pragma: no cover


# --------------------------------------------------------------------------------------------------------------
# Who is who


@dataclass(frozen=True)
class DemoPerson:
    """Someone to log in as on the demo page: a citizen (by ``cpr``) or a caseworker (by ``email``)."""

    name: str
    situation: str  # one line of Danish for the demo log-in page
    cpr: str | None = None
    email: str | None = None
    birth_date: date | None = None
    rules: tuple[str, ...] = ()  # the rules the situation shows


def _citizen(name: str, birth: date, serial: int, situation: str, *rules: str) -> DemoPerson:
    return DemoPerson(name, situation, cpr=demo_cpr(birth, serial), birth_date=birth, rules=rules)


# Birth dates are fixed, so that the CPR numbers the log-in page knows stay the same; Emil (R4) is under 25
# until February 2031.
METTE = _citizen(
    "Mette Nørgaard Jensen",
    date(1989, 4, 14),
    101,
    N_("Ny ledig: tilmeldt for 2 dage siden. A-kassen skal indkalde hende til første jobsamtale (R19)."),
    "R6",
    "R19",
)
JONAS = _citizen(
    "Jonas Bech Poulsen",
    date(1993, 9, 2),
    202,
    N_("Ny ledig: indkaldt af a-kassen til første jobsamtale ved personligt fremmøde (R15, R19)."),
    "R15",
    "R19",
)
SOFIE = _citizen(
    "Sofie Lund Andersen",
    date(1985, 11, 23),
    303,
    N_(
        "Midt i a-kasseperioden (deltidsforsikret): første samtale er holdt; hun booker selv og må vælge telefon (R16, R20)."
    ),
    "R7",
    "R16",
    "R20",
)
MIKKEL = _citizen(
    "Mikkel Skov Rasmussen",
    date(1979, 6, 30),
    404,
    N_(
        "Lige overgået til jobcentret: første jobcentersamtale – han vælger, om a-kassen deltager, og booker i et aftalt tidsrum (R10, R22)."
    ),
    "R2",
    "R10",
    "R22",
)
EMIL = _citizen(
    "Emil Kristensen",
    date(2006, 2, 17),
    505,
    N_(
        "Under 25 uden uddannelse: visiteret til jobcentret fra start, 6 samtaler med jobcentret; han booker selv den første, kun ved personligt fremmøde (R4, R9, R15)."
    ),
    "R4",
    "R9",
    "R15",
)
LARS = _citizen(
    "Lars Mikkelsen",
    date(1982, 3, 8),
    606,
    N_("Har fået frataget retten til selvbooking – afgørelsen med klagevejledning ligger i indbakken (R23)."),
    "R23",
)
CAMILLA = _citizen(
    "Camilla Frost Nielsen",
    date(1990, 7, 19),
    707,
    N_("Fritaget (mindre intensiv indsats): starter i fuldtidsjob om 3 uger, ingen samtaler imens (R26)."),
    "R26",
)
PETER = _citizen(
    "Peter Holm Larsen",
    date(1975, 12, 1),
    808,
    N_("Kontrolaktion om ophold i udlandet: indkaldt straks, derefter samtale hver 14. dag (R25)."),
    "R25",
)
HANNE = _citizen(
    "Hanne Sørensen",
    date(1968, 5, 25),
    909,
    N_(
        "Ledig i over 16 måneder: Jobcenter Roskilde indkalder til 16-måneders-samtalen med a-kassen (R21), og den er holdt; hun kan altid bede om en samtale (R11, R12)."
    ),
    "R11",
    "R12",
    "R21",
)
OKSANA = _citizen(
    "Oksana Kovalenko",
    date(1987, 10, 9),
    111,
    N_(
        "Fritaget for selvbooking af sproglige grunde (ikke en fratagelse); får hjemrejsevejledning ved hver samtale (R13)."
    ),
    "R13",
)

DEMO_CITIZENS: tuple[DemoPerson, ...] = (
    METTE,
    JONAS,
    SOFIE,
    MIKKEL,
    EMIL,
    LARS,
    CAMILLA,
    PETER,
    HANNE,
    OKSANA,
)


@dataclass(frozen=True)
class _Org:
    key: str
    kind: Organisation
    name: str
    domain: str
    address: str
    phone: str
    slot_minutes: int
    kommune: str | None = None
    caseworkers: tuple[str, ...] = ()
    admin: str = ""
    # R21, a jobcenter's choice per kind of joint interview: self-booked (True) or called in (False).
    faellessamtale_r10_selvbooking: bool = True
    faellessamtale_r12_selvbooking: bool = True


_ORGS = (
    _Org(
        "fremad",
        Organisation.AKASSE,
        "A-kassen Fremad",
        "fremad.demo.example.dk",
        "Fremadvej 12, 8000 Aarhus C",
        "70 10 20 30",
        45,
        caseworkers=("Birgitte Holm", "Kasper Lindqvist", "Nadia El-Sayed"),
        admin="Torben Vestergaard",
    ),
    _Org(
        "nord",
        Organisation.AKASSE,
        "Lønmodtagernes A-kasse Nord",
        "lak-nord.demo.example.dk",
        "Havnegade 4, 9000 Aalborg",
        "70 40 50 60",
        30,
        caseworkers=("Rikke Dahl", "Jens Overgaard"),
        admin="Susanne Brink",
    ),
    _Org(
        "aarhus",
        Organisation.JOBCENTER,
        "Jobcenter Aarhus",
        "jobcenter-aarhus.demo.example.dk",
        "Demovej 1, 8000 Aarhus C",
        "89 40 00 00",
        30,
        kommune="Aarhus",
        caseworkers=("Louise Kjær", "Morten Brandt", "Anne-Marie Thorsen"),
        admin="Henrik Juhl",
    ),
    _Org(
        "roskilde",
        Organisation.JOBCENTER,
        "Jobcenter Roskilde",
        "jobcenter-roskilde.demo.example.dk",
        "Demogade 7, 4000 Roskilde",
        "46 31 00 00",
        45,
        kommune="Roskilde",
        caseworkers=("Pernille Vind", "Ole Bach"),
        admin="Lene Friis",
        faellessamtale_r12_selvbooking=False,  # Roskilde calls people in to the 16-month joint interview
    ),
)


_ASCII: dict[int, str] = {ord("æ"): "ae", ord("ø"): "oe", ord("å"): "aa", ord("é"): "e"}


def _email(name: str, org: _Org) -> str:
    first = name.split()[0].lower().replace("-", "")
    return f"{first.translate(_ASCII)}@{org.domain}"


DEMO_CASEWORKERS: tuple[DemoPerson, ...] = tuple(
    DemoPerson(
        name,
        f"{'Administrator' if name == org.admin else 'Sagsbehandler'} i {org.name}.",
        email=_email(name, org),
    )
    for org in _ORGS
    for name in (*org.caseworkers, org.admin)
)

DEMO_PEOPLE: tuple[DemoPerson, ...] = DEMO_CITIZENS + DEMO_CASEWORKERS
"""Who to log in as on the demo page, each with one Danish line about their situation."""


# --------------------------------------------------------------------------------------------------------------
# Seeding


class DemoError(Exception):
    """The demo world can only be created in an empty database."""


@dataclass
class _SessionUnit:
    """Lets :func:`seed_demo` take a plain Session where the services expect a unit of work."""

    session: Session

    def commit(self) -> None:
        self.session.commit()


def seed_demo(session_or_uow: Any, today: date) -> dict[str, int]:
    """Fill an empty database with the demo world, everything dated relative to ``today``; commit once.

    ``session_or_uow`` is a SQLAlchemy ``Session`` or a not-yet-entered ``SqlAlchemyUnitOfWork``. Returns the
    database ids of the demo citizens by CPR number. Raises :class:`DemoError` if organisations already exist.
    """
    if isinstance(session_or_uow, Session):
        return _seed(_SessionUnit(session_or_uow), today)
    with session_or_uow as uow:
        return _seed(uow, today)


def _seed(uow: Any, today: date) -> dict[str, int]:
    session: Session = uow.session
    if session.scalar(select(OrganisationRow.id).limit(1)) is not None:
        raise DemoError("Databasen er ikke tom; demoverdenen oprettes kun i en tom database.")
    world = _World(uow, today)
    world.organisations()
    world.timeslots()
    ids = world.citizens()
    uow.commit()
    return ids


def _local(day: date, hhmm: str = "09:00") -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=COPENHAGEN).astimezone(UTC)


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


_MONTH_HOURS = {Insurance.FULLTIME: Decimal("160.33"), Insurance.PARTTIME: Decimal("130")}


def _monthly_hours(
    registered: date, today: date, insurance: Insurance
) -> list[tuple[date, date, date, Decimal]]:
    """The hour ledger as an a-kasse fills it: one entry per month of unemployment from ``registered``,
    registered on the 3rd of the next month (only those registered by ``today``); a part month pro rata."""
    entries: list[tuple[date, date, date, Decimal]] = []
    start = registered
    while True:
        days_in_month = calendar.monthrange(start.year, start.month)[1]
        end = start.replace(day=days_in_month)
        registered_on = end + timedelta(days=3)
        if registered_on > today:
            return entries
        share = Decimal((end - start).days + 1) / Decimal(days_in_month)
        entries.append(
            (registered_on, start, end, (_MONTH_HOURS[insurance] * share).quantize(Decimal("0.01")))
        )
        start = end + timedelta(days=1)


@dataclass
class _Worker:
    row: CaseworkerRow
    hours: tuple[WorkingHours, ...]
    blocked: list[Interval] = field(default_factory=list)

    def availability(self) -> CaseworkerAvailability:
        return CaseworkerAvailability(self.row.id, self.hours, interviews=tuple(self.blocked))


class _World:
    def __init__(self, uow: Any, today: date) -> None:
        self.uow = uow
        self.session: Session = uow.session
        self.today = today
        self.now = _local(today, "08:00")
        self.orgs: dict[str, OrganisationRow] = {}
        self.workers: dict[str, list[_Worker]] = {}
        self.admins: dict[str, CaseworkerRow] = {}
        self.agreed: dict[tuple[str, str], list[AgreedTimeslot]] = {}

    # -- organisations, caseworkers, availability --------------------------------------------------------------

    def organisations(self) -> None:
        for spec in _ORGS:
            org = OrganisationRow(
                kind=spec.kind,
                name=spec.name,
                kommune=spec.kommune,
                address=spec.address,
                phone=spec.phone,
                slot_minutes=spec.slot_minutes,
                book_by_days=8,
                change_deadline_hours=24,
                faellessamtale_r10_selvbooking=spec.faellessamtale_r10_selvbooking,
                faellessamtale_r12_selvbooking=spec.faellessamtale_r12_selvbooking,
            )
            self.session.add(org)
            self.orgs[spec.key] = org
        self.session.flush()
        password_hash = _hash(DEMO_PASSWORD)
        kinds = {
            # The a-kasse's caseworkers take part in joint interviews too (R22: one of each must be free).
            Organisation.AKASSE: [
                InterviewKind.JOBSAMTALE.value,
                InterviewKind.FAELLESSAMTALE.value,
                InterviewKind.RAADIGHEDSSAMTALE.value,
            ],
            Organisation.JOBCENTER: [InterviewKind.JOBSAMTALE.value, InterviewKind.FAELLESSAMTALE.value],
        }
        for spec in _ORGS:
            org = self.orgs[spec.key]
            self.workers[spec.key] = []
            for name in (*spec.caseworkers, spec.admin):
                is_admin = name == spec.admin
                row = CaseworkerRow(
                    organisation_id=org.id,
                    name=name,
                    email=_email(name, spec),
                    password_hash=password_hash,
                    is_admin=is_admin,
                    calendar_feed_token=secrets.token_urlsafe(32),
                    offered_kinds=kinds[spec.kind],
                    offered_formats=[f.value for f in Format],
                )
                # Mon–Thu 8.30–15.00, Friday 8.30–14.00; the administrators work but book only mornings.
                hours = tuple(
                    WorkingHours(
                        d, time(8, 30), time(12, 0) if is_admin else time(14, 0) if d == 4 else time(15, 0)
                    )
                    for d in range(5)
                )
                row.working_hours = [
                    WorkingHoursRow(weekday=h.weekday, start_time=h.start, end_time=h.end) for h in hours
                ]
                self.session.add(row)
                if is_admin:
                    self.admins[spec.key] = row
                else:
                    self.workers[spec.key].append(_Worker(row, hours))
        self.session.flush()
        for spec in _ORGS:
            for worker in self.workers[spec.key]:
                audit.record(
                    self.uow,
                    self.now,
                    audit.SYSTEM,
                    "caseworker_created",
                    "caseworker",
                    worker.row.id,
                    why=DEMO_MARK,
                    organisation=spec.name,
                )
        self._absences_and_busy_times()

    def _absences_and_busy_times(self) -> None:
        # Kasper (A-kassen Fremad) is on holiday the whole of next week; Louise (Jobcenter Aarhus) has a weekly
        # team meeting, imported from her own calendar.
        kasper = self.workers["fremad"][1]
        monday = _weekday_on_or_after(self.today + timedelta(days=1), 0)
        holiday = Interval(_local(monday, "00:00"), _local(monday + timedelta(days=5), "00:00"))
        self.session.add(
            AbsenceRow(caseworker_id=kasper.row.id, start_at=holiday.start, end_at=holiday.end, note="Ferie")
        )
        kasper.blocked.append(holiday)
        louise = self.workers["aarhus"][0]
        for week in range(-4, 8):
            meeting_day = _weekday_on_or_after(self.today, 2) + timedelta(weeks=week)
            meeting = Interval(_local(meeting_day, "09:00"), _local(meeting_day, "10:00"))
            self.session.add(
                BusyTimeRow(
                    caseworker_id=louise.row.id,
                    start_at=meeting.start,
                    end_at=meeting.end,
                    source=BusySource.ICS_UPLOAD,
                    imported_at=self.now,
                )
            )
            louise.blocked.append(meeting)

    def timeslots(self) -> None:
        """Accepted timeslots between each jobcentre and the a-kasser (R22), and one still only proposed."""
        valid_from = self.today - timedelta(days=600)
        plan = [
            ("aarhus", "fremad", 1, "09:00", "12:00", AkasseParticipation.VIDEO, TimeslotStatus.ACCEPTED),
            ("aarhus", "fremad", 3, "12:30", "14:30", AkasseParticipation.IN_PERSON, TimeslotStatus.ACCEPTED),
            ("aarhus", "nord", 0, "10:00", "12:00", AkasseParticipation.VIDEO, TimeslotStatus.ACCEPTED),
            ("roskilde", "nord", 2, "09:00", "12:00", AkasseParticipation.VIDEO, TimeslotStatus.ACCEPTED),
            ("roskilde", "fremad", 4, "09:00", "11:00", AkasseParticipation.VIDEO, TimeslotStatus.PROPOSED),
        ]
        for jobcenter, akasse, weekday, start, end, participation, status in plan:
            accepted = status is TimeslotStatus.ACCEPTED
            row = AgreedTimeslotRow(
                jobcenter_id=self.orgs[jobcenter].id,
                akasse_id=self.orgs[akasse].id,
                weekday=weekday,
                start_time=time.fromisoformat(start),
                end_time=time.fromisoformat(end),
                valid_from=valid_from if accepted else self.today + timedelta(days=14),
                valid_to=None,
                akasse_participation=participation,
                status=status,
                proposed_by_id=self.admins[jobcenter].id,
                proposed_at=_local(valid_from - timedelta(days=14))
                if accepted
                else self.now - timedelta(days=2),
                decided_by_id=self.admins[akasse].id if accepted else None,
                decided_at=_local(valid_from - timedelta(days=7)) if accepted else None,
            )
            self.session.add(row)
            self.session.flush()
            audit.record(
                self.uow,
                row.proposed_at,
                audit.Actor.caseworker(row.proposed_by_id),
                "timeslot_proposed",
                "agreed_timeslot",
                row.id,
                why=DEMO_MARK,
            )
            if accepted:
                assert row.decided_at is not None and row.decided_by_id is not None
                audit.record(
                    self.uow,
                    row.decided_at,
                    audit.Actor.caseworker(row.decided_by_id),
                    "timeslot_accepted",
                    "agreed_timeslot",
                    row.id,
                    why=DEMO_MARK,
                )
                self.agreed.setdefault((jobcenter, akasse), []).append(
                    AgreedTimeslot(
                        row.id, weekday, row.start_time, row.end_time, row.valid_from, None, participation
                    )
                )

    # -- citizens and their courses ----------------------------------------------------------------------------

    def citizens(self) -> dict[str, int]:
        t = self.today
        ids: dict[str, int] = {}

        # R6, R19: registered two days ago; the a-kasse has yet to call her in (deadline: registration + 14).
        c = self._course(METTE, "fremad", "aarhus", registered=t - timedelta(days=2))
        ids[METTE.cpr or ""] = c.citizen_id

        # R15, R19: called in to the first interview, in person, inside the 14 days.
        c = self._course(JONAS, "nord", "roskilde", registered=t - timedelta(days=5))
        self._interview(
            c, "nord", t + timedelta(days=3), Format.PERSONLIGT, BookedBy.CALLED_IN, announce=True
        )
        ids[JONAS.cpr or ""] = c.citizen_id

        # R7, R16, R20: part-time insured, first interview held; the second self-booked by phone.
        c = self._course(
            SOFIE, "fremad", "aarhus", registered=t - timedelta(days=45), insurance=Insurance.PARTTIME
        )
        self._interview(c, "fremad", t - timedelta(days=36), Format.PERSONLIGT, BookedBy.CALLED_IN, held=True)
        self._interview(c, "fremad", t + timedelta(days=6), Format.TELEFONISK, BookedBy.SELF, announce=True)
        ids[SOFIE.cpr or ""] = c.citizen_id

        # R2, R7, R10, R22: the 410 hours were registered last month, so the jobcenter took over on the 1st.
        first_of_month = t.replace(day=1)
        four_months_back = (first_of_month - timedelta(days=1)).replace(day=1)
        for _ in range(3):
            four_months_back = (four_months_back - timedelta(days=1)).replace(day=1)
        registered = four_months_back + timedelta(days=9)
        c = self._course(MIKKEL, "fremad", "aarhus", registered=registered)
        for offset, format in ((8, Format.PERSONLIGT), (40, Format.TELEFONISK), (75, Format.VIDEO)):
            booked_by = BookedBy.CALLED_IN if offset == 8 else BookedBy.SELF
            self._interview(c, "fremad", registered + timedelta(days=offset), format, booked_by, held=True)
        ids[MIKKEL.cpr or ""] = c.citizen_id

        # R4, R9: 20 years old, no vocational qualification, no children: referred at once, jobcenter throughout.
        reg = t - timedelta(days=24)
        c = self._course(EMIL, "nord", "roskilde", registered=reg, referred_r4_on=reg + timedelta(days=3))
        self._send(
            c, letters.referred_r4(reg + timedelta(days=3)), "visitering", _local(reg + timedelta(days=3))
        )
        # No interview yet: he books the first one himself, and it can only be in person (R15).
        ids[EMIL.cpr or ""] = c.citizen_id

        # R23: booked and rebooked again and again; the a-kasse revoked self-booking and now calls him in.
        reg = t - timedelta(days=62)
        c = self._course(LARS, "fremad", "aarhus", registered=reg)
        self._interview(
            c, "fremad", reg + timedelta(days=7), Format.PERSONLIGT, BookedBy.CALLED_IN, held=True
        )
        for offset in (20, 22, 24, 27):
            self._interview(
                c,
                "fremad",
                reg + timedelta(days=offset),
                Format.TELEFONISK,
                BookedBy.SELF,
                cancelled=True,
                rebooked=2,
            )
        self._interview(c, "fremad", reg + timedelta(days=31), Format.TELEFONISK, BookedBy.SELF, missed=True)
        self._revoke(c, "fremad", t - timedelta(days=10))
        self._interview(
            c, "fremad", t + timedelta(days=4), Format.PERSONLIGT, BookedBy.CALLED_IN, announce=True
        )
        ids[LARS.cpr or ""] = c.citizen_id

        # R26: five months unemployed (the a-kasse's period ends at most ~131 days after registration), documented full-time job in three weeks: exempt meanwhile.
        reg = t - timedelta(days=150)
        c = self._course(CAMILLA, "nord", "aarhus", registered=reg)
        for offset in (6, 35, 70):
            fmt = Format.PERSONLIGT if offset == 6 else Format.VIDEO
            booked_by = BookedBy.CALLED_IN if offset == 6 else BookedBy.SELF
            self._interview(c, "nord", reg + timedelta(days=offset), fmt, booked_by, held=True)
        self._interview(c, "aarhus", reg + timedelta(days=138), Format.PERSONLIGT, BookedBy.SELF, held=True)
        self.session.add(
            ExemptionRow(
                course_id=c.id,
                ground=ExemptionGround.NR1_JOB_LEAVE_OR_PENSION,
                starts_on=t - timedelta(days=4),
                event_on=t + timedelta(days=21),
                documentation="Ansættelseskontrakt (fuldtid) hos Demo Maskinfabrik ApS",
                registered_by_id=self.workers["aarhus"][1].row.id,
                registered_at=self.now - timedelta(days=4),
            )
        )
        ids[CAMILLA.cpr or ""] = c.citizen_id

        # R25: a control action about a stay abroad arrived yesterday; called in at once, within a week.
        reg = t - timedelta(days=40)
        c = self._course(PETER, "nord", "roskilde", registered=reg)
        self._interview(c, "nord", reg + timedelta(days=9), Format.PERSONLIGT, BookedBy.CALLED_IN, held=True)
        action = ControlActionRow(
            course_id=c.id,
            received_on=t - timedelta(days=1),
            stay_abroad=True,
            authority="Udbetaling Danmark",
            registered_by_id=self.workers["nord"][0].row.id,
            registered_at=self.now - timedelta(days=1),
        )
        self.session.add(action)
        self.session.flush()
        self._interview(
            c,
            "nord",
            t + timedelta(days=2),
            Format.PERSONLIGT,
            BookedBy.CALLED_IN,
            announce=True,
            control_action_id=action.id,
        )
        ids[PETER.cpr or ""] = c.citizen_id

        # R11, R12: over 16 months; the 16-month joint interview, with the a-kasse by video, is held. Jobcenter
        # Roskilde calls people in to it (R21), so it was called in.
        reg = t - timedelta(days=520)
        c = self._course(HANNE, "nord", "roskilde", registered=reg)
        for offset, org in (
            (7, "nord"),
            (30, "nord"),
            (70, "nord"),
            (140, "roskilde"),
            (155, "roskilde"),
            (170, "roskilde"),
            (300, "roskilde"),
        ):
            fmt = Format.PERSONLIGT if offset in (7, 140) else Format.TELEFONISK
            booked_by = BookedBy.CALLED_IN if offset == 7 else BookedBy.SELF
            self._interview(c, org, reg + timedelta(days=offset), fmt, booked_by, held=True)
        self._joint(c, "roskilde", "nord", reg + timedelta(days=470), held=True, booked_by=BookedBy.CALLED_IN)
        ids[HANNE.cpr or ""] = c.citizen_id

        # R13 and a self-booking exemption for language reasons: not a revocation, no afgørelse.
        reg = t - timedelta(days=30)
        c = self._course(OKSANA, "fremad", "aarhus", registered=reg, repatriation=True)
        self._interview(
            c,
            "fremad",
            reg + timedelta(days=8),
            Format.PERSONLIGT,
            BookedBy.CALLED_IN,
            held=True,
            checklist={"repatriation_guidance": True, "min_plan": True, "joblog": True, "cv": True},
        )
        self._exempt_from_self_booking(c, "fremad", reg + timedelta(days=8))
        self._interview(
            c, "fremad", t + timedelta(days=5), Format.PERSONLIGT, BookedBy.CALLED_IN, announce=True
        )
        ids[OKSANA.cpr or ""] = c.citizen_id

        self.session.flush()
        return ids

    def _course(
        self,
        person: DemoPerson,
        akasse: str,
        jobcenter: str,
        *,
        registered: date,
        insurance: Insurance = Insurance.FULLTIME,
        referred_r4_on: date | None = None,
        repatriation: bool = False,
    ) -> CourseRow:
        assert person.cpr and person.birth_date
        first = person.name.split()[0].lower()
        citizen = CitizenRow(
            cpr=person.cpr,
            name=person.name,
            birth_date=person.birth_date,
            akasse_id=self.orgs[akasse].id,
            jobcenter_id=self.orgs[jobcenter].id,
            phone=f"20 {person.cpr[6:8]} {person.cpr[8:10]} 00",
            email=f"{first.translate(_ASCII)}@borger.demo.example.dk",
            calendar_feed_token=secrets.token_urlsafe(32),
        )
        self.session.add(citizen)
        self.session.flush()
        course = CourseRow(
            citizen_id=citizen.id,
            registered_on=registered,
            placed_on=registered,
            insurance=insurance,
            referred_r4_on=referred_r4_on,
            repatriation=repatriation,
        )
        self.session.add(course)
        self.session.flush()
        for registered_on, start, end, hours in _monthly_hours(registered, self.today, insurance):
            self.session.add(
                HourEntryRow(
                    course_id=course.id,
                    registered_on=registered_on,
                    period_start=start,
                    period_end=end,
                    hours=hours,
                    kind=HourKind.DAGPENGE,
                    registered_at=_local(registered_on, "07:00"),
                )
            )
        audit.record(
            self.uow,
            _local(registered, "08:00"),
            audit.SYSTEM,
            "course_created",
            "course",
            course.id,
            citizen_id=citizen.id,
            why=DEMO_MARK,
        )
        if referred_r4_on is not None:
            audit.record(
                self.uow,
                _local(referred_r4_on, "10:00"),
                audit.Actor.caseworker(self.workers[akasse][0].row.id),
                "referred_r4",
                "course",
                course.id,
                citizen_id=citizen.id,
                why="Årsagskode 45 (LAB § 27, stk. 3)",
            )
        return course

    def _interview(
        self,
        course: CourseRow,
        org_key: str,
        on_or_after: date,
        format: Format,
        booked_by: BookedBy,
        *,
        held: bool = False,
        missed: bool = False,
        cancelled: bool = False,
        rebooked: int = 0,
        announce: bool = False,
        control_action_id: int | None = None,
        checklist: dict[str, bool] | None = None,
    ) -> InterviewRow:
        org = self.orgs[org_key]
        workers = self.workers[org_key]
        slot = self._first_slot(
            lambda search: free_slots([w.availability() for w in workers], search), org, on_or_after
        )
        worker = next(
            w for w in workers if w.row.id == slot.caseworker_ids[course.id % len(slot.caseworker_ids)]
        )
        status = (
            InterviewStatus.HELD
            if held
            else InterviewStatus.MISSED
            if missed
            else InterviewStatus.CANCELLED
            if cancelled
            else InterviewStatus.BOOKED
        )
        row = self._add_interview(
            course,
            org,
            InterviewKind.JOBSAMTALE,
            slot.start,
            slot.end,
            format,
            status,
            booked_by,
            [(worker, org.kind)],
            rebooked=rebooked,
            control_action_id=control_action_id,
            checklist=checklist or ({"min_plan": True, "joblog": True, "cv": True} if held else {}),
        )
        if announce:
            text = letters.interview_booked(
                InterviewKind.JOBSAMTALE,
                org.name,
                slot.start,
                format,
                org.address,
                course.citizen.phone,
                called_in=booked_by is BookedBy.CALLED_IN,
            )
            self._send(
                course,
                text,
                "indkaldelse" if booked_by is BookedBy.CALLED_IN else "booking",
                row.booked_at,
                interview_id=row.id,
            )
        return row

    def _joint(
        self,
        course: CourseRow,
        jobcenter: str,
        akasse: str,
        on_or_after: date,
        *,
        held: bool,
        booked_by: BookedBy = BookedBy.SELF,
    ) -> InterviewRow:
        jc, ak = self.workers[jobcenter], self.workers[akasse]
        slot = self._first_slot(
            lambda search: free_joint_slots(
                [w.availability() for w in jc],
                [w.availability() for w in ak],
                self.agreed[(jobcenter, akasse)],
                search,
            ),
            self.orgs[jobcenter],
            on_or_after,
        )
        jc_worker = next(w for w in jc if w.row.id == slot.caseworker_ids[0])
        ak_worker = next(w for w in ak if w.row.id == slot.akasse_caseworker_ids[0])
        return self._add_interview(
            course,
            self.orgs[jobcenter],
            InterviewKind.FAELLESSAMTALE,
            slot.start,
            slot.end,
            Format.PERSONLIGT,
            InterviewStatus.HELD if held else InterviewStatus.BOOKED,
            booked_by,
            [(jc_worker, Organisation.JOBCENTER), (ak_worker, Organisation.AKASSE)],
            akasse_participation=slot.akasse_participation,
            timeslot_id=int(slot.timeslot_id or 0) or None,
            checklist={"intensified_effort_offered": True} if held else {},
        )

    def _first_slot(self, find: Any, org: OrganisationRow, on_or_after: date) -> Any:
        minutes = timedelta(minutes=org.slot_minutes)
        search = SlotSearch(
            minutes, minutes, on_or_after, on_or_after + timedelta(days=21), _local(on_or_after, "00:00")
        )
        slots = find(search)
        if not slots:  # pragma: no cover - three weeks of working days always hold a free slot
            raise DemoError(f"no free slot at {org.name} from {on_or_after}")
        first_day = slots[0].local_date
        same_day = [s for s in slots if s.local_date == first_day]
        return same_day[(len(same_day) * 2) // 5]  # late morning rather than always 8.30

    def _add_interview(
        self,
        course: CourseRow,
        org: OrganisationRow,
        kind: InterviewKind,
        start: datetime,
        end: datetime,
        format: Format,
        status: InterviewStatus,
        booked_by: BookedBy,
        participants: Sequence[tuple[_Worker, Organisation]],
        *,
        rebooked: int = 0,
        control_action_id: int | None = None,
        akasse_participation: AkasseParticipation | None = None,
        timeslot_id: int | None = None,
        checklist: dict[str, bool] | None = None,
    ) -> InterviewRow:
        booked_at = min(start - timedelta(days=5), self.now - timedelta(hours=1))
        if control_action_id is not None or start > self.now:
            booked_at = self.now - timedelta(hours=2)
        row = InterviewRow(
            uid=f"{uuid.uuid4()}@selvbooking",
            sequence=rebooked,
            course_id=course.id,
            citizen_id=course.citizen_id,
            kind=kind,
            organisation=org.kind,
            organisation_id=org.id,
            start_at=start,
            end_at=end,
            format=format,
            status=status,
            booked_by=booked_by,
            akasse_participation=akasse_participation,
            control_action_id=control_action_id,
            timeslot_id=timeslot_id,
            booked_at=booked_at,
            rebooked_count=rebooked,
            cancelled_at=booked_at + timedelta(days=1) if status is InterviewStatus.CANCELLED else None,
            recorded_at=end if status in (InterviewStatus.HELD, InterviewStatus.MISSED) else None,
            checklist=checklist or {},
            video_link=f"https://video.demo.example.dk/{uuid.uuid4().hex[:12]}"
            if format is Format.VIDEO
            else None,
            participants=[
                InterviewParticipantRow(
                    caseworker_id=worker.row.id, role=role, start_at=start, end_at=end, status=status
                )
                for worker, role in participants
            ],
        )
        self.session.add(row)
        self.session.flush()
        if status is not InterviewStatus.CANCELLED:
            for worker, _role in participants:
                worker.blocked.append(Interval(start, end))
        actor = (
            audit.Actor.citizen(course.citizen_id)
            if booked_by is BookedBy.SELF
            else audit.Actor.caseworker(participants[0][0].row.id)
        )
        audit.record(
            self.uow,
            booked_at,
            actor,
            "self_book" if booked_by is BookedBy.SELF else "call_in",
            "interview",
            row.id,
            citizen_id=course.citizen_id,
            why=DEMO_MARK,
            kind=kind,
            start=start,
            format=format,
            caseworkers=[worker.row.id for worker, _role in participants],
        )
        if status is InterviewStatus.CANCELLED:
            assert row.cancelled_at is not None
            audit.record(
                self.uow,
                row.cancelled_at,
                actor,
                "cancel",
                "interview",
                row.id,
                citizen_id=course.citizen_id,
                why=DEMO_MARK,
            )
        elif row.recorded_at is not None:
            audit.record(
                self.uow,
                row.recorded_at,
                audit.Actor.caseworker(participants[0][0].row.id),
                "record_interview",
                "interview",
                row.id,
                citizen_id=course.citizen_id,
                why=DEMO_MARK,
                status=status,
            )
        return row

    def _revoke(self, course: CourseRow, org_key: str, on: date) -> None:
        org = self.orgs[org_key]
        assessment = (
            "Du har inden for to uger booket, ombooket og aflyst fire samtaler og er udeblevet fra en. "
            "Vi har talt med dig om det, men mønstret er fortsat, så dit kontaktforløb ikke kan gennemføres."
        )
        text = letters.revocation_letter(org.name, "forhindrer_forloeb", assessment, on)
        self._decide(
            course, org_key, 0, RecordKind.REVOKE_SELF_BOOKING, "forhindrer_forloeb", assessment, text,
            afgoerelse=True, message_kind="afgoerelse", made_at=_local(on, "11:00"),
        )

    def _exempt_from_self_booking(self, course: CourseRow, org_key: str, on: date) -> None:
        org = self.orgs[org_key]
        reason = "Du læser endnu ikke dansk eller engelsk godt nok til at booke selv. Vi indkalder dig og sørger for tolk."
        text = letters.self_booking_exemption(org.name, reason, on, lifted=False)
        self._decide(
            course, org_key, 2, RecordKind.EXEMPT_FROM_SELF_BOOKING, "sprog", reason, text,
            afgoerelse=False, message_kind="selvbooking", made_at=_local(on, "14:00"),
        )

    def _decide(
        self,
        course: CourseRow,
        org_key: str,
        worker_index: int,
        kind: RecordKind,
        ground: str,
        assessment: str,
        text: letters.Text,
        *,
        afgoerelse: bool,
        message_kind: str,
        made_at: datetime,
    ) -> None:
        """A decision about self-booking as the services record one: the row, the letter in the inbox, the audit line."""
        org = self.orgs[org_key]
        worker = self.workers[org_key][worker_index].row
        decision = DecisionRow(
            course_id=course.id,
            kind=kind,
            organisation=org.kind,
            organisation_id=org.id,
            made_by_id=worker.id,
            made_at=made_at,
            ground=ground,
            assessment=assessment,
            is_afgoerelse=afgoerelse,
            letter=f"{text.subject}\n\n{text.body}",
        )
        self.session.add(decision)
        self.session.flush()
        self._send(course, text, message_kind, made_at, decision_id=decision.id)
        audit.record(
            self.uow,
            made_at,
            audit.Actor.caseworker(worker.id),
            kind.value,
            "decision",
            decision.id,
            citizen_id=course.citizen_id,
            why=assessment,
            ground=ground,
        )

    def _send(
        self,
        course: CourseRow,
        text: letters.Text,
        kind: str,
        at: datetime,
        *,
        interview_id: int | None = None,
        decision_id: int | None = None,
    ) -> None:
        messages.send(
            self.uow, course.citizen_id, kind, text, at, interview_id=interview_id, decision_id=decision_id
        )


def _hash(password: str) -> str:
    from scheduling.services.accounts import hash_password

    return hash_password(password)
