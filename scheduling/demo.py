"""The demo world: a believable, entirely fictional Danish world for trying the portal.

:func:`seed_demo` fills an **empty** database with two a-kasser and two jobcentres that agreed timeslots for
joint interviews (R22), caseworkers with working hours, an administrator per organisation, and citizens in
every situation RULES.md describes. Every date is relative to ``today``, so the demo makes sense whenever it
runs; interview times are picked with the free-slot finder (:mod:`scheduling.slots`) over the caseworkers' real
availability, so they fall in working hours, never on a public holiday and never on top of each other.

The world is written through the services, as the people in it would have written it, each at its own moment
(``now`` in the past): working hours, absences, the imported calendar, timeslots proposed and accepted, hours,
bookings, call-ins, rebookings, cancellations, interviews recorded held or missed, the R4 referral, the
control action, the exemption and the decisions. So it holds exactly the rows, letters, messages and audit
lines the services write and cannot drift from them. Only what no service creates is written as plain rows:
the organisations, the caseworker accounts (the first administrator comes from outside, and the demo hashes
its one password once) and the people with their contact courses (handed over by the a-kasse's systems).

Nothing here is real: the a-kasser are invented, the CPR numbers are demo numbers that fail the modulus-11
check (:func:`demo_cpr`), e-mail addresses use ``example.dk``-style reserved domains. Log in as anyone listed in
:data:`DEMO_PEOPLE`; caseworkers log in with their e-mail and :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

import calendar
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from scheduling.adapters.caseload import TODAY as CASELOAD_TODAY
from scheduling.adapters.orm import (
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    OrganisationClosureRow,
    OrganisationRow,
    SupervisorRow,
)
from scheduling.adapters.repository import Repository, timeslot_value
from scheduling.adapters.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    ExemptionGround,
    Format,
    Insurance,
    InterviewKind,
    Organisation,
)
from scheduling.reasons import N_
from scheduling.services import audit, availability, booking, calendars, decisions, registrations
from scheduling.slots import COPENHAGEN, AgreedTimeslot, Slot, SlotSearch, free_joint_slots, free_slots
from scheduling.vocabulary import AuditAction, AuditObject

DEMO_PASSWORD = "demo-selvbooking"  # nosec B105  # the published demo password; no demo log-in in production
"""The password of every demo caseworker account (shown on the demo log-in page, never used in production)."""

DEMO_MARK = "DEMO"
"""Written into the audit log of the rows the demo writes itself (organisations' caseworkers, courses), so a demo
row is never mistaken for a real one; the rest is written by the services, by the demo's people."""


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

def _add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class _Past:
    """One person of the supervision's history (issue 17): who, their a-kasse and jobcenter, how many months
    before the demo's month they reached 3 months, and how many a-kasse interviews were held by then."""

    person: DemoPerson
    akasse: str
    jobcenter: str
    months_back: int
    held: int


_PAST_FIRST = ("Anders", "Birthe", "Carsten", "Dorthe", "Erik", "Frida", "Gitte", "Henning", "Ida", "Jesper",
               "Karina", "Lone", "Martin", "Nina", "Ole", "Pia", "Rasmus", "Signe", "Tove", "Ulrik", "Vibeke")
_PAST_LAST = ("Dalsgaard", "Eskildsen", "Fogh", "Gram", "Hougaard", "Iversen", "Juul", "Krogh", "Lauridsen")


def _past_people() -> tuple[_Past, ...]:
    """The history behind the supervision's charts (R27): people who reached 3 months in the months before the
    demo's and left unemployment soon after (their courses have ended). A-kassen Fremad stays under the 20 %
    line for six months: five a month with one without 3 interviews (20 %: not over), and two a month with both. Lønmodtagernes
    A-kasse Nord is over it eight months in a row up to last month: two a month, one of them with only 2
    interviews, and last month one without beside Camilla (who had hers)."""
    plan = [("fremad", "aarhus", back, 5 if back % 2 else 2, 1 if back % 2 else 0) for back in range(2, 8)]
    plan += [("nord", "roskilde", back, 2, 1) for back in range(2, 9)] + [("nord", "roskilde", 1, 1, 1)]
    people: list[_Past] = []
    for akasse, jobcenter, back, count, without in plan:
        for i in range(count):
            n = len(people)
            name = f"{_PAST_FIRST[n % len(_PAST_FIRST)]} {_PAST_LAST[(n * 4 + n // 21) % len(_PAST_LAST)]}"
            birth = date(1962 + n % 30, 1 + (n * 5) % 12, 1 + (n * 7) % 28)
            person = _citizen(name, birth, 500 + n, N_("Historik til tilsynet: nåede 3 måneders ledighed og fik job."))
            people.append(_Past(person, akasse, jobcenter, back, 2 if i < without else 3))
    return tuple(people)


DEMO_HISTORY: tuple[_Past, ...] = _past_people()
"""The supervision's history (issue 17): not on the log-in page, not in anyone's caseload (their courses ended)."""

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


def _closed_days(today: date) -> list[tuple[date, time | None]]:
    """Days every demo organisation is closed beyond the public holidays: 24 and 31 December, and Grundlovsdag
    (5 June) from noon, this year and next."""
    days: list[tuple[date, time | None]] = []
    for year in (today.year, today.year + 1):
        days += [(date(year, 6, 5), time(12, 0)), (date(year, 12, 24), None), (date(year, 12, 31), None)]
    return [(day, start) for day, start in days if day >= today]


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
    leader: str = ""  # issue 17: one of the organisation's leaders (ledelse), who follows its supervision figures
    # R21, a jobcenter's choice per kind of joint interview: self-booked (True) or called in (False).
    faellessamtale_r10_selvbooking: bool = True
    faellessamtale_r12_selvbooking: bool = True
    # Issue 13: whom to contact and what to know to attend (the e-mail and contact form come from the domain).
    opening_hours: str = "Mandag-torsdag 9-15, fredag 9-12"
    reception: str = ""
    what_to_bring: str = "Tag dit CV med, gerne på din telefon, og en liste over de job, du har søgt."
    calls_from: str = ""
    contact_form: bool = False  # a contact form instead of an e-mail address
    show_caseworker_names: bool = True
    # Issue 15: a new meeting room on a public Jitsi Meet server for each video interview; "" for none, so the
    # person reads who sends the link (Roskilde)
    video_room_template: str = "https://meet.jit.si/selvbooking-{room}"


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
        leader="Helle Kirkegaard",
        reception="Meld dig i receptionen i stueetagen. Din sagsbehandler henter dig.",
        calls_from="70 10 20 39",
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
        leader="Bo Winther",
        opening_hours="Mandag-fredag 8-16",
        reception="Tag elevatoren til 2. sal, og sæt dig i venteområdet ved lokale 2.14.",
        calls_from="70 40 50 61",
        show_caseworker_names=False,  # Nord shows no caseworker names to the people it serves
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
        leader="Karen Mølgaard",
        opening_hours="Mandag-onsdag 10-14, torsdag 10-17, fredag 10-12",
        reception="Træk et nummer ved indgangen, og vent i stueetagen, til dit nummer bliver kaldt.",
        what_to_bring="Tag dit sundhedskort, dit CV og eventuelle lægepapirer med.",
        calls_from="89 40 00 10",
        contact_form=True,
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
        leader="Søren Hvid",
        faellessamtale_r12_selvbooking=False,  # Roskilde calls people in to the 16-month joint interview
        reception="Meld dig ved skærmen i Borgerservice, stueetagen.",
        contact_form=True,
        show_caseworker_names=False,
        video_room_template="",
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
) + tuple(
    # Issue 17: the organisations' leaders, who see its supervision figures (R27) and the people behind them;
    # they hold no interviews, so they have no working hours and are never offered a slot.
    DemoPerson(org.leader, f"Ledelse i {org.name}: tilsynet med organisationens tal (R27).", email=_email(org.leader, org))
    for org in _ORGS
)

DEMO_SUPERVISOR = DemoPerson(
    "Mona Tilsyn",
    "Tilsyn i Styrelsen for Arbejdsmarked og Rekruttering: alle a-kassers og jobcentres tal (R27), ingen personer.",
    email="mona@star.demo.example.dk",
)
"""The agency's supervisor (issue 17): logs in with :data:`DEMO_PASSWORD` like the caseworkers."""

DEMO_PEOPLE: tuple[DemoPerson, ...] = DEMO_CITIZENS + DEMO_CASEWORKERS + (DEMO_SUPERVISOR,)
"""Who to log in as on the demo page, each with one Danish line about their situation."""


# --------------------------------------------------------------------------------------------------------------
# Seeding


class DemoError(Exception):
    """The demo world can only be created in an empty database."""


class _DemoUnitOfWork(AbstractUnitOfWork):
    """One transaction for the whole demo world, lent to every service it calls.

    A service's ``commit`` only flushes here: the world is committed once, at the end, or not at all. So the
    demo writes exactly what the services write (the same rows, letters, messages and audit lines) and still
    leaves an empty database if anything fails half-way.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = Repository(session)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is not None:
            self.session.rollback()

    def reader(self) -> _DemoUnitOfWork:
        return self

    def commit(self) -> None:
        # As after a real commit, the next service reads the course afresh (its interviews include the new one).
        # Only courses: their collections are the rows the services add by id rather than through the course.
        self.session.flush()
        for row in list(self.session.identity_map.values()):
            if isinstance(row, CourseRow):
                self.session.expire(row)

    def rollback(self) -> None:
        """A service leaving its block: what it wrote stays for the world's one commit."""

    def flush(self) -> None:
        self.session.flush()


def seed_demo(session_or_uow: Session | SqlAlchemyUnitOfWork, today: date, *, history: bool = True) -> dict[str, int]:
    """Fill an empty database with the demo world, everything dated relative to ``today``; commit once.

    ``session_or_uow`` is a SQLAlchemy ``Session`` or a not-yet-entered ``SqlAlchemyUnitOfWork``. Returns the
    database ids of the demo citizens by CPR number. Raises :class:`DemoError` if organisations already exist.
    ``history=False`` leaves out the supervision's history (the people whose courses ended, seeded after
    everyone else and touching none of them): for checks of the living demo people alone, at half the cost.
    """
    if isinstance(session_or_uow, Session):
        return _seed(session_or_uow, today, history)
    with session_or_uow as uow:
        return _seed(uow.session, today, history)


def _seed(session: Session, today: date, history: bool = True) -> dict[str, int]:
    session.info[CASELOAD_TODAY] = today  # the caseload's read model is computed for the demo's day
    uow = _DemoUnitOfWork(session)
    if uow.repo.any_organisation():
        raise DemoError("Databasen er ikke tom; demoverdenen oprettes kun i en tom database.")
    try:
        world = _World(uow, today)
        world.organisations()
        world.timeslots()
        ids = world.citizens()
        if history:
            world.history()
    except BaseException:
        session.rollback()
        raise
    session.commit()
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


def _weekly_meeting_ics(first: date, weeks: int) -> bytes:
    """A caseworker's own calendar export: a weekly team meeting, Wednesdays 9–10, ``weeks`` times from ``first``."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Selvbooking demo//DA\r\n"
        "BEGIN:VEVENT\r\nUID:teammoede@demo.example.dk\r\n"
        f"DTSTAMP:{first:%Y%m%d}T000000Z\r\n"
        f"DTSTART;TZID=Europe/Copenhagen:{first:%Y%m%d}T090000\r\n"
        f"DTEND;TZID=Europe/Copenhagen:{first:%Y%m%d}T100000\r\n"
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}\r\nSUMMARY:Teammøde\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


class _World:
    """Builds the world in order of time, person by person, through the services (with ``now`` in the past
    where the demo's history happened): only what has no service — organisations, caseworker accounts,
    people and their contact courses, which come from outside the portal — is written as plain rows."""

    def __init__(self, uow: _DemoUnitOfWork, today: date) -> None:
        self.uow = uow
        self.today = today
        self.now = _local(today, "08:00")
        self.orgs: dict[str, OrganisationRow] = {}
        self.workers: dict[str, list[CaseworkerRow]] = {}
        self.admins: dict[str, CaseworkerRow] = {}
        self.agreed: dict[tuple[str, str], list[AgreedTimeslot]] = {}

    # -- organisations, caseworkers, availability --------------------------------------------------------------

    def organisations(self) -> None:
        """Organisations and caseworker accounts (no service creates them: the first administrator comes from
        outside), then each caseworker's working hours and offer through the services."""
        add = self.uow.repo.add
        for spec in _ORGS:
            org = OrganisationRow(
                kind=spec.kind,
                name=spec.name,
                kommune=spec.kommune,
                address=spec.address,
                phone=spec.phone,
                email=None if spec.contact_form else f"kontakt@{spec.domain}",
                contact_url=f"https://{spec.domain}/kontakt" if spec.contact_form else None,
                opening_hours=spec.opening_hours,
                reception=spec.reception or None,
                what_to_bring=spec.what_to_bring,
                calls_from=spec.calls_from or None,
                show_caseworker_names=spec.show_caseworker_names,
                video_room_template=spec.video_room_template or None,
                slot_minutes=spec.slot_minutes,
                book_by_days=8,
                change_deadline_hours=24,
                faellessamtale_r10_selvbooking=spec.faellessamtale_r10_selvbooking,
                faellessamtale_r12_selvbooking=spec.faellessamtale_r12_selvbooking,
            )
            add(org)
            self.orgs[spec.key] = org
        self.uow.flush()
        for org in self.orgs.values():
            for day, from_time in _closed_days(self.today):
                add(OrganisationClosureRow(organisation_id=org.id, day=day, from_time=from_time, note=None))
        password_hash = _hash(DEMO_PASSWORD)  # once: Argon2 is slow on purpose
        kinds = {
            # The a-kasse's caseworkers take part in joint interviews too (R22: one of each must be free).
            Organisation.AKASSE: [InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE, InterviewKind.RAADIGHEDSSAMTALE],
            Organisation.JOBCENTER: [InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE],
        }
        since = self.now - timedelta(days=700)
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
                )
                add(row)
                self.uow.flush()
                audit.record(
                    self.uow, since, audit.SYSTEM, AuditAction.CASEWORKER_CREATED, AuditObject.CASEWORKER, row.id,
                    why=DEMO_MARK, organisation=spec.name,
                )
                # Mon–Thu 8.30–15.00, Friday 8.30–14.00; the administrators work but book only mornings.
                hours = [
                    (d, time(8, 30), time(12, 0) if is_admin else time(14, 0) if d == 4 else time(15, 0))
                    for d in range(5)
                ]
                availability.set_working_hours(self.uow, row.id, hours, since)
                availability.set_offer(self.uow, row.id, kinds[spec.kind], list(Format), since)
                if is_admin:
                    self.admins[spec.key] = row
                else:
                    self.workers[spec.key].append(row)
        self._leaders_and_supervisor(password_hash, since)
        self._absences_and_busy_times()

    def _leaders_and_supervisor(self, password_hash: str, since: datetime) -> None:
        """Issue 17: each organisation's leader (no working hours: they hold no interviews) and the agency's
        supervisor, accounts from outside like the other caseworkers'."""
        for spec in _ORGS:
            row = CaseworkerRow(
                organisation_id=self.orgs[spec.key].id, name=spec.leader, email=_email(spec.leader, spec),
                password_hash=password_hash, is_admin=False, is_leader=True,
                calendar_feed_token=secrets.token_urlsafe(32),
            )
            self.uow.repo.add(row)
            self.uow.flush()
            audit.record(
                self.uow, since, audit.SYSTEM, AuditAction.CASEWORKER_CREATED, AuditObject.CASEWORKER, row.id,
                why=DEMO_MARK, organisation=spec.name,
            )
        supervisor = SupervisorRow(
            name=DEMO_SUPERVISOR.name, email=DEMO_SUPERVISOR.email or "", password_hash=password_hash, disabled=False
        )
        self.uow.repo.add(supervisor)
        self.uow.flush()
        audit.record(
            self.uow, since, audit.SYSTEM, AuditAction.CASEWORKER_CREATED, AuditObject.SUPERVISOR, supervisor.id,
            why=DEMO_MARK,
        )

    def _absences_and_busy_times(self) -> None:
        # Kasper (A-kassen Fremad) is on holiday the whole of next week; Louise (Jobcenter Aarhus) has a weekly
        # team meeting, imported from her own calendar.
        kasper = self.workers["fremad"][1]
        monday = _weekday_on_or_after(self.today + timedelta(days=1), 0)
        availability.add_absence(
            self.uow, kasper.id, _local(monday, "00:00"), _local(monday + timedelta(days=5), "00:00"),
            self.now - timedelta(days=20), note="Ferie",
        )
        louise = self.workers["aarhus"][0]
        calendars.import_busy_times(
            self.uow, louise.id, _weekly_meeting_ics(_weekday_on_or_after(self.today, 2), 8), self.now - timedelta(days=1)
        )

    def timeslots(self) -> None:
        """Accepted timeslots between each jobcentre and the a-kasser (R22), and one still only proposed."""
        valid_from = self.today - timedelta(days=600)
        plan = [
            ("aarhus", "fremad", 1, "09:00", "12:00", AkasseParticipation.VIDEO, True),
            ("aarhus", "fremad", 3, "12:30", "14:30", AkasseParticipation.IN_PERSON, True),
            ("aarhus", "nord", 0, "10:00", "12:00", AkasseParticipation.VIDEO, True),
            ("roskilde", "nord", 2, "09:00", "12:00", AkasseParticipation.VIDEO, True),
            ("roskilde", "fremad", 4, "09:00", "11:00", AkasseParticipation.VIDEO, False),
        ]
        for jobcenter, akasse, weekday, start, end, participation, accepted in plan:
            proposed_at = _local(valid_from - timedelta(days=14)) if accepted else self.now - timedelta(days=2)
            timeslot_id = availability.propose_timeslot(
                self.uow, self.admins[jobcenter].id, self.orgs[akasse].id, weekday, time.fromisoformat(start),
                time.fromisoformat(end), valid_from if accepted else self.today + timedelta(days=14), participation,
                proposed_at,
            )
            if accepted:
                availability.accept_timeslot(
                    self.uow, self.admins[akasse].id, timeslot_id, _local(valid_from - timedelta(days=7))
                )
                row = self.uow.repo.timeslot(timeslot_id)
                assert row is not None
                self.agreed.setdefault((jobcenter, akasse), []).append(timeslot_value(row))

    # -- citizens and their courses ----------------------------------------------------------------------------

    def citizens(self) -> dict[str, int]:
        t = self.today
        ids: dict[str, int] = {}

        # R6, R19: registered two days ago; the a-kasse has yet to call her in (deadline: registration + 14).
        c = self._course(METTE, "fremad", "aarhus", registered=t - timedelta(days=2))
        ids[METTE.cpr or ""] = c.citizen_id

        # R15, R19: called in to the first interview, in person, inside the 14 days.
        c = self._course(JONAS, "nord", "roskilde", registered=t - timedelta(days=5))
        self._interview(c, "nord", t + timedelta(days=3), Format.PERSONLIGT, BookedBy.CALLED_IN)
        ids[JONAS.cpr or ""] = c.citizen_id

        # R7, R16, R20: part-time insured, first interview held; the second self-booked by phone.
        c = self._course(
            SOFIE, "fremad", "aarhus", registered=t - timedelta(days=45), insurance=Insurance.PARTTIME
        )
        self._interview(c, "fremad", t - timedelta(days=36), Format.PERSONLIGT, BookedBy.CALLED_IN, held=True)
        self._interview(c, "fremad", t + timedelta(days=6), Format.TELEFONISK, BookedBy.SELF)
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
        c = self._course(EMIL, "nord", "roskilde", registered=reg)
        registrations.refer_r4(self.uow, self._worker("nord", 0), c.citizen_id, _local(reg + timedelta(days=3), "10:00"))
        # No interview yet: he books the first one himself, and it can only be in person (R15).
        ids[EMIL.cpr or ""] = c.citizen_id

        # R23: booked and rebooked again and again; the a-kasse revoked self-booking and now calls him in.
        reg = t - timedelta(days=62)
        c = self._course(LARS, "fremad", "aarhus", registered=reg)
        self._interview(c, "fremad", reg + timedelta(days=7), Format.PERSONLIGT, BookedBy.CALLED_IN, held=True)
        for offset in (20, 22, 24, 27):
            self._interview(
                c, "fremad", reg + timedelta(days=offset), Format.TELEFONISK, BookedBy.SELF, cancelled=True, rebooked=2
            )
        self._interview(c, "fremad", reg + timedelta(days=31), Format.TELEFONISK, BookedBy.SELF, missed=True)
        decisions.revoke_self_booking(
            self.uow, self._worker("fremad", 0), c.citizen_id, "forhindrer_forloeb",
            "Du har inden for to uger booket, ombooket og aflyst fire samtaler og er udeblevet fra en. "
            "Vi har talt med dig om det, men mønstret er fortsat, så dit kontaktforløb ikke kan gennemføres.",
            _local(t - timedelta(days=10), "11:00"),
        )
        # called in to tomorrow, by Birgitte: her day (I dag) has him tomorrow and Oksana today
        self._interview(c, "fremad", t + timedelta(days=1), Format.PERSONLIGT, BookedBy.CALLED_IN, worker=0)
        ids[LARS.cpr or ""] = c.citizen_id

        # R26: five months unemployed (the a-kasse's period ends at most ~131 days after registration), documented full-time job in three weeks: exempt meanwhile.
        reg = t - timedelta(days=150)
        c = self._course(CAMILLA, "nord", "aarhus", registered=reg)
        for offset in (6, 35, 70):
            fmt = Format.PERSONLIGT if offset == 6 else Format.VIDEO
            booked_by = BookedBy.CALLED_IN if offset == 6 else BookedBy.SELF
            self._interview(c, "nord", reg + timedelta(days=offset), fmt, booked_by, held=True)
        self._interview(c, "aarhus", reg + timedelta(days=138), Format.PERSONLIGT, BookedBy.SELF, held=True)
        registrations.register_exemption(
            self.uow, self._worker("aarhus", 1), c.citizen_id, ExemptionGround.NR1_JOB_LEAVE_OR_PENSION,
            t - timedelta(days=4), self.now - timedelta(days=4), event_on=t + timedelta(days=21),
            documentation="Ansættelseskontrakt (fuldtid) hos Demo Maskinfabrik ApS",
        )
        ids[CAMILLA.cpr or ""] = c.citizen_id

        # R25: a control action about a stay abroad arrived yesterday; called in at once, within a week.
        reg = t - timedelta(days=40)
        c = self._course(PETER, "nord", "roskilde", registered=reg)
        self._interview(c, "nord", reg + timedelta(days=9), Format.PERSONLIGT, BookedBy.CALLED_IN, held=True)
        action_id = registrations.register_control_action(
            self.uow, self._worker("nord", 0), c.citizen_id, t - timedelta(days=1), self.now - timedelta(days=1),
            stay_abroad=True, authority="Udbetaling Danmark",
        )
        self._interview(
            c, "nord", t + timedelta(days=2), Format.PERSONLIGT, BookedBy.CALLED_IN, control_action_id=action_id
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
        self._joint(c, "roskilde", "nord", reg + timedelta(days=470))
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
        decisions.exempt_from_self_booking(
            self.uow, self._worker("fremad", 2), c.citizen_id,
            "Du læser endnu ikke dansk eller engelsk godt nok til at booke selv. Vi indkalder dig og sørger for tolk.",
            _local(reg + timedelta(days=8), "14:00"),
        )
        # called in to late this morning, by Birgitte, to record afterwards with R13's checklist item (I dag)
        self._interview(c, "fremad", t, Format.PERSONLIGT, BookedBy.CALLED_IN, worker=0)
        ids[OKSANA.cpr or ""] = c.citizen_id

        self.uow.flush()
        return ids

    def history(self) -> None:
        """The supervision's history (issue 17, R27), after everyone else so no one's interviews move: each person
        registered on the 5th three months before the month they reached, the a-kasse's interviews called in and
        held in the first months, the hours registered in two entries (the second brings the 410th hour, so the
        a-kasse's period ends with that month), and the course ended three weeks later: they found work."""
        month = self.today.replace(day=1)
        for past in DEMO_HISTORY:
            reached = _add_months(month, -past.months_back)
            registered = _add_months(reached, -3).replace(day=5)
            c = self._course(past.person, past.akasse, past.jobcenter, registered=registered, hours=False)
            for index in range(past.held):
                self._interview(
                    c, past.akasse, _add_months(registered, index).replace(day=12 if index == 0 else 8),
                    Format.PERSONLIGT if index == 0 else Format.TELEFONISK, BookedBy.CALLED_IN, held=True,
                )
            second = _add_months(reached, -1)
            bookkeeper = self.workers[past.akasse][0].id
            for registered_on, start, end in (
                (second.replace(day=3), registered, second - timedelta(days=1)),
                (reached.replace(day=3), second, reached - timedelta(days=1)),
            ):
                hours = (_MONTH_HOURS[Insurance.FULLTIME] * Decimal((end - start).days + 1) / Decimal(30)).quantize(
                    Decimal("0.01")
                )
                registrations.register_hours(
                    self.uow, bookkeeper, c.citizen_id, registered_on, start, end, hours, _local(registered_on, "07:00")
                )
            c.ended_on = _add_months(reached, 1) + timedelta(days=20)
        self.uow.flush()

    def _course(
        self,
        person: DemoPerson,
        akasse: str,
        jobcenter: str,
        *,
        registered: date,
        insurance: Insurance = Insurance.FULLTIME,
        repatriation: bool = False,
        hours: bool = True,
    ) -> CourseRow:
        """The person and their contact course, as the a-kasse's systems hand them over (no service: they come
        from outside the portal), then the hour ledger month by month through the service."""
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
        self.uow.repo.add(citizen)
        self.uow.flush()
        course = CourseRow(
            citizen_id=citizen.id,
            registered_on=registered,
            placed_on=registered,
            insurance=insurance,
            repatriation=repatriation,
        )
        self.uow.repo.add(course)
        self.uow.flush()
        audit.record(
            self.uow, _local(registered, "08:00"), audit.SYSTEM, AuditAction.COURSE_CREATED, AuditObject.COURSE,
            course.id, citizen_id=citizen.id, why=DEMO_MARK,
        )
        bookkeeper = self.workers[akasse][0]
        for registered_on, start, end, entry in _monthly_hours(registered, self.today, insurance) if hours else []:
            registrations.register_hours(
                self.uow, bookkeeper.id, citizen.id, registered_on, start, end, entry, _local(registered_on, "07:00")
            )
        return course

    def _slot(self, org_key: str, on_or_after: date) -> Slot:
        """A free slot of the organisation's caseworkers, late morning on the first day that has one."""
        org = self.orgs[org_key]
        workers = self.workers[org_key]
        return self._first_slot(
            lambda search, last: free_slots(self.uow.repo.availability(workers, on_or_after, last), search),
            org,
            on_or_after,
        )

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
        control_action_id: int | None = None,
        checklist: dict[str, bool] | None = None,
        worker: int | None = None,
    ) -> int:
        """A job interview booked (self-booked or called in) the way the person or the caseworker would have
        booked it, at the time they would have, then rebooked, cancelled or recorded held/missed likewise.
        ``worker``: the organisation's caseworker (by index) who calls in, when free then; else any free one."""
        slot = self._slot(org_key, on_or_after)
        booked_at = self._booked_at(slot.start, control_action_id)
        if booked_by is BookedBy.SELF:
            interview_id = booking.self_book(
                self.uow, course.citizen_id, InterviewKind.JOBSAMTALE, slot.start, format, booked_at
            )
        else:
            ids = [int(i) for i in slot.caseworker_ids]
            chosen = self._worker(org_key, worker) if worker is not None else None
            caller = chosen if chosen in ids else ids[course.id % len(ids)]
            interview_id = booking.call_in(
                self.uow, caller, course.citizen_id, InterviewKind.JOBSAMTALE, slot.start, format, booked_at,
                control_action_id=control_action_id,
            )
        at, start = booked_at, slot.start
        for _ in range(rebooked):
            at += timedelta(hours=2)
            start = self._rebook_slot(course, interview_id, start, at)  # from where it is now, to another day
            booking.rebook(self.uow, course.citizen_id, interview_id, start, at)
        if cancelled:
            booking.cancel(self.uow, course.citizen_id, interview_id, at + timedelta(hours=2))
        elif held or missed:
            self._record(interview_id, held, checklist or ({"min_plan": True, "joblog": True, "cv": True} if held else {}))
        return interview_id

    def _booked_at(self, start: datetime, control_action_id: int | None) -> datetime:
        """Five days ahead for a past interview; a future one (and the answer to a control action) was booked
        this morning."""
        if control_action_id is not None or start > self.now:
            return self.now - timedelta(hours=2)
        return min(start - timedelta(days=5), self.now - timedelta(hours=1))

    def _rebook_slot(self, course: CourseRow, interview_id: int, current: datetime, now: datetime) -> datetime:
        """Where the person moves their interview: the first slot offered on another day."""
        day = current.astimezone(COPENHAGEN).date()
        offered = booking.find_rebook_slots(self.uow, course.citizen_id, interview_id, day, day + timedelta(days=7), now)
        other_days = [s for s in offered if s.local_date != day] or offered
        if not other_days:  # pragma: no cover - a week of working days always has a free slot
            raise DemoError(f"no slot to rebook interview {interview_id} to from {day}")
        return other_days[0].start

    def _record(self, interview_id: int, held: bool, checklist: dict[str, bool]) -> None:
        """Recorded held or missed by the holding organisation's caseworker in it, when it ended."""
        row = self.uow.repo.interview(interview_id)
        assert row is not None
        holder = next(p.caseworker_id for p in row.participants if p.role == row.organisation)
        booking.record_interview(self.uow, holder, interview_id, held, row.end_at, checklist=checklist)

    def _joint(self, course: CourseRow, jobcenter: str, akasse: str, on_or_after: date) -> int:
        """The jobcenter calls the person in to a joint interview in an agreed timeslot (R21, R22), held."""
        jc, ak = self.workers[jobcenter], self.workers[akasse]
        slot = self._first_slot(
            lambda search, last: free_joint_slots(
                self.uow.repo.availability(jc, on_or_after, last),
                self.uow.repo.availability(ak, on_or_after, last),
                self.agreed[(jobcenter, akasse)],
                search,
            ),
            self.orgs[jobcenter],
            on_or_after,
        )
        interview_id = booking.call_in(
            self.uow, int(slot.caseworker_ids[0]), course.citizen_id, InterviewKind.FAELLESSAMTALE, slot.start,
            Format.PERSONLIGT, self._booked_at(slot.start, None), akasse_participation=slot.akasse_participation,
        )
        self._record(interview_id, True, {"intensified_effort_offered": True})
        return interview_id

    def _first_slot(self, find: Any, org: OrganisationRow, on_or_after: date) -> Slot:
        minutes = timedelta(minutes=org.slot_minutes)
        last = on_or_after + timedelta(days=21)
        search = SlotSearch(minutes, minutes, on_or_after, last, _local(on_or_after, "00:00"))
        slots = find(search, last)
        if not slots:  # pragma: no cover - three weeks of working days always hold a free slot
            raise DemoError(f"no free slot at {org.name} from {on_or_after}")
        first_day = slots[0].local_date
        same_day = [s for s in slots if s.local_date == first_day]
        return same_day[(len(same_day) * 2) // 5]  # late morning rather than always 8.30

    def _worker(self, org_key: str, index: int) -> int:
        return self.workers[org_key][index].id


def _hash(password: str) -> str:
    from scheduling.services.accounts import hash_password

    return hash_password(password)
