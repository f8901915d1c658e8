"""The read model of the people and organisations around a course: who is logged in, a caseworker's own
settings, an organisation's settings and accounts, agreed timeslots, the log-in page's directory.

:mod:`scheduling.services.queries` reads courses, interviews, messages and decisions; this module reads the
rest the pages show. Both return plain frozen dataclasses, safe to use after the transaction ends, so the web
layer never touches a row (the import contract "The portal reaches the database only through portal.database"
in ``pyproject.toml`` checks it). Like the read side of Cosmic Python (``views.py``), these functions read the
tables directly: they decide nothing and write nothing; the services are the only writers.

Every function takes a read-only unit of work and enters it (``with uow:``): on its own that is a short
transaction; the pages pass the request's one read transaction (``portal.database.reads``), which entering
neither begins again nor ends, and whose session already holds what an earlier query of the request loaded.
Ownership is checked as in the services: a foreign id is :class:`~scheduling.services.errors.NotFound`, or
``None`` where "nobody" is an answer (log-in).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import quote_plus

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import selectinload

from scheduling.adapters.orm import (
    AbsenceRow,
    AgreedTimeslotRow,
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    InterviewRow,
    MessageRow,
    OrganisationRow,
    PageVersionRow,
    SupervisorRow,
)
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import AkasseParticipation, Format, InterviewKind, InterviewStatus, Organisation
from scheduling.services.access import caseworker as active_caseworker
from scheduling.services.errors import NotFound
from scheduling.vocabulary import TimeslotStatus

# ---- views ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationContact:
    """Whom a person contacts and what they need to know to attend (issue 13): the organisation's name, phone
    number, e-mail, contact form and opening hours; the address with a map link, where to report and what to
    bring for an in-person interview; the number a phone interview is made from; whether the caseworkers'
    names are shown to the person."""

    id: int
    kind: Organisation
    name: str
    phone: str | None = None
    email: str | None = None
    contact_url: str | None = None
    opening_hours: str | None = None
    address: str | None = None
    reception: str | None = None
    what_to_bring: str | None = None
    calls_from: str | None = None
    show_caseworker_names: bool = False

    @property
    def map_url(self) -> str | None:
        """A map search for the address (OpenStreetMap: a link, no script or embedded map)."""
        return MAP_SEARCH + quote_plus(self.address) if self.address else None

    @property
    def reachable(self) -> bool:
        """Whether there is a way to reach the organisation beyond its name."""
        return bool(self.phone or self.email or self.contact_url)


MAP_SEARCH = "https://www.openstreetmap.org/search?query="


def contact_of(row: Any) -> OrganisationContact:
    """The contact details of an organisation row (or a row of its columns: the same names)."""
    return OrganisationContact(
        id=row.id, kind=row.kind, name=row.name, phone=row.phone, email=row.email, contact_url=row.contact_url,
        opening_hours=row.opening_hours, address=row.address, reception=row.reception,
        what_to_bring=row.what_to_bring, calls_from=row.calls_from, show_caseworker_names=row.show_caseworker_names,
    )


@dataclass(frozen=True)
class OrganisationView:
    """An a-kasse or a jobcenter with its booking settings and contact details."""

    id: int
    kind: Organisation
    name: str
    address: str | None
    book_by_days: int
    change_deadline_hours: int
    faellessamtale_r10_selvbooking: bool
    faellessamtale_r12_selvbooking: bool
    contact: OrganisationContact
    phone: str | None = None
    video_room_template: str | None = None  # issue 15
    reminder_hour: int = 9  # issue 15: the reminders' hour and days before the book-by date (migration 0021)
    book_by_reminder_days: int = 3


@dataclass(frozen=True)
class ClosureView:
    """A day (or part of one) the organisation is closed beyond the public holidays."""

    id: int
    day: date
    from_time: time | None
    to_time: time | None
    note: str | None


def organisation_closures(uow: SqlAlchemyUnitOfWork, organisation_id: int, since: date) -> tuple[ClosureView, ...]:
    """The organisation's closed days from ``since`` on, by day."""
    with uow:
        return tuple(
            ClosureView(c.id, c.day, c.from_time, c.to_time, c.note)
            for c in uow.repo.closures([organisation_id], since)
        )


@dataclass(frozen=True)
class CaseworkerView:
    """A caseworker account, with their organisation."""

    id: int
    name: str
    email: str
    is_admin: bool
    disabled: bool
    session_version: int
    organisation: OrganisationView
    is_leader: bool = False  # one of the organisation's leaders (issue 17): sees its supervision figures
    #: everyone's page version when the account was read (:func:`caseworker_account`; None when not known): the
    #: organisation's view is as it was then
    shared_version: int | None = None

    @property
    def organisation_id(self) -> int:
        return self.organisation.id


@dataclass(frozen=True)
class CitizenAccount:
    """What log-in and the page header need of a citizen: name, session version, language, organisations, and
    how many of their messages they have not opened (the menu's "Beskeder (2)")."""

    id: int
    name: str
    session_version: int
    locale: str
    akasse_name: str
    jobcenter_name: str
    phone: str | None = None
    akasse: OrganisationContact | None = None
    jobcenter: OrganisationContact | None = None
    unread_messages: int = 0
    # the person's page version and every person's (migration 0031): what their rendered pages are kept under
    page_versions: tuple[int, int] = (0, 0)

    @property
    def organisation_names(self) -> dict[Organisation, str]:
        """The person's own a-kasse and jobcenter by their kind."""
        return {Organisation.AKASSE: self.akasse_name, Organisation.JOBCENTER: self.jobcenter_name}

    @property
    def contacts(self) -> dict[Organisation, OrganisationContact]:
        """The person's own a-kasse's and jobcenter's contact details by their kind."""
        return {kind: contact for kind, contact in ((Organisation.AKASSE, self.akasse),
                                                    (Organisation.JOBCENTER, self.jobcenter)) if contact is not None}


@dataclass(frozen=True)
class PersonEntry:
    """A citizen as the demo log-in page lists them."""

    id: int
    name: str
    cpr: str


@dataclass(frozen=True)
class WorkingHoursView:
    weekday: int  # 0 = Monday
    start_time: time
    end_time: time


@dataclass(frozen=True)
class AbsenceView:
    id: int
    start_at: datetime
    end_at: datetime
    note: str | None


@dataclass(frozen=True)
class AvailabilityView:
    """A caseworker's own availability settings: weekly hours (by weekday, start), absences not yet over, what
    they offer (an empty offer means everything), and whether busy times come from a calendar address."""

    working_hours: tuple[WorkingHoursView, ...]
    absences: tuple[AbsenceView, ...]
    offered_kinds: tuple[InterviewKind, ...]
    offered_formats: tuple[Format, ...]
    has_busy_url: bool
    video_link: str | None = None  # their own fixed meeting link (issue 15)


@dataclass(frozen=True)
class TimeslotInterview:
    """A joint interview booked in an agreed timeslot."""

    citizen_id: int
    citizen_name: str
    start_at: datetime
    status: InterviewStatus


@dataclass(frozen=True)
class TimeslotAgreement:
    """An agreed timeslot (R22) as one side sees it: ``other`` names the other organisation."""

    id: int
    other: str
    weekday: int  # 0 = Monday
    start_time: time
    end_time: time
    valid_from: date
    valid_to: date | None
    akasse_participation: AkasseParticipation
    status: TimeslotStatus
    interviews: tuple[TimeslotInterview, ...]
    ended_from: date | None = None  # ended by either side: no new joint interviews from that day (issue 14)
    ended_by: tuple[Organisation, str] | None = None  # which side ended it, and the caseworker's name
    ended_at: datetime | None = None

    @property
    def endable(self) -> bool:
        """Accepted and not ended yet: either side may end it."""
        return self.status == TimeslotStatus.ACCEPTED and self.ended_from is None


# ---- rows to views -----------------------------------------------------------------------------------------------


def _organisation(row: OrganisationRow) -> OrganisationView:
    return OrganisationView(
        id=row.id, kind=row.kind, name=row.name, address=row.address, book_by_days=row.book_by_days,
        change_deadline_hours=row.change_deadline_hours,
        faellessamtale_r10_selvbooking=row.faellessamtale_r10_selvbooking,
        faellessamtale_r12_selvbooking=row.faellessamtale_r12_selvbooking, contact=contact_of(row), phone=row.phone,
        video_room_template=row.video_room_template,
        reminder_hour=row.reminder_hour, book_by_reminder_days=row.book_by_reminder_days,
    )


def _caseworker(row: CaseworkerRow) -> CaseworkerView:
    return CaseworkerView(
        id=row.id, name=row.name, email=row.email, is_admin=row.is_admin, disabled=row.disabled,
        session_version=row.session_version, organisation=_organisation(row.organisation), is_leader=row.is_leader,
    )


@dataclass(frozen=True)
class SupervisorAccount:
    """The agency's supervisor (issue 17): a name and an e-mail, no organisation."""

    id: int
    name: str
    email: str
    disabled: bool
    session_version: int


def _supervisor(row: SupervisorRow) -> SupervisorAccount:
    return SupervisorAccount(row.id, row.name, row.email, row.disabled, row.session_version)


def supervisor_account(uow: SqlAlchemyUnitOfWork, supervisor_id: int) -> SupervisorAccount | None:
    """The supervisor account with this id (also a disabled one: the caller decides), or None."""
    with uow:
        row = uow.session.get(SupervisorRow, supervisor_id)
        return _supervisor(row) if row is not None else None


def supervisors_to_log_in(uow: SqlAlchemyUnitOfWork) -> list[SupervisorAccount]:
    """The open supervisor accounts, for the demo log-in page."""
    with uow:
        rows = uow.session.scalars(
            select(SupervisorRow).where(SupervisorRow.disabled.is_(False)).order_by(SupervisorRow.id)
        )
        return [_supervisor(r) for r in rows]


# ---- accounts ------------------------------------------------------------------------------------------------


_CONTACT = ("id", "kind", "name", "phone", "email", "contact_url", "opening_hours", "address", "reception",
            "what_to_bring", "calls_from", "show_caseworker_names")
_SETTINGS = ("book_by_days", "change_deadline_hours", "faellessamtale_r10_selvbooking",
             "faellessamtale_r12_selvbooking", "video_room_template", "reminder_hour", "book_by_reminder_days")
_CITIZENS = CitizenRow.__table__
#: the log-in check of a person: their own columns, their organisations' ids, the unread messages (the header's
#: menu shows the count on every page) and the page versions; the organisations' views are kept between requests
#: under everyone's page version (:func:`citizen_account`)
_CITIZEN_ACCOUNT = select(
    _CITIZENS.c.id, _CITIZENS.c.name, _CITIZENS.c.session_version, _CITIZENS.c.locale, _CITIZENS.c.phone,
    _CITIZENS.c.akasse_id, _CITIZENS.c.jobcenter_id,
    select(func.count(MessageRow.id))
    .where(MessageRow.citizen_id == _CITIZENS.c.id, MessageRow.read_at.is_(None))
    .scalar_subquery()
    .label("unread"),
    _CITIZENS.c.page_version,
    select(func.coalesce(func.max(PageVersionRow.version), 0)).scalar_subquery().label("shared_version"),
).where(_CITIZENS.c.id == bindparam("citizen_id"))
_CASEWORKERS = CaseworkerRow.__table__
_ORGANISATIONS = OrganisationRow.__table__
#: the log-in check of a caseworker: their own columns, their organisation's id and everyone's page version, under
#: which the organisation's view is kept between requests (:func:`caseworker_account`)
_CASEWORKER_ACCOUNT = select(
    _CASEWORKERS.c.id, _CASEWORKERS.c.name, _CASEWORKERS.c.email, _CASEWORKERS.c.is_admin, _CASEWORKERS.c.disabled,
    _CASEWORKERS.c.session_version, _CASEWORKERS.c.is_leader, _CASEWORKERS.c.organisation_id,
    select(func.coalesce(func.max(PageVersionRow.version), 0)).scalar_subquery().label("shared_version"),
).where(_CASEWORKERS.c.id == bindparam("caseworker_id"))
_ORGANISATION_VIEWS = select(*(_ORGANISATIONS.c[name] for name in _CONTACT + _SETTINGS)).where(
    _ORGANISATIONS.c.id.in_(bindparam("organisation_ids", expanding=True))
)
#: how many organisation views a caller's ``kept`` holds before it starts again (organisations × page versions)
KEPT_ORGANISATIONS = 1_000


def _contact_of(row: Any) -> OrganisationContact:
    """The contact details of an organisation from a row of its plain columns (``_CONTACT``)."""
    mapping = row._mapping
    return OrganisationContact(**{name: mapping[name] for name in _CONTACT})


def citizen_account(
    uow: SqlAlchemyUnitOfWork, citizen_id: int,
    kept: MutableMapping[tuple[int, int], OrganisationView] | None = None,
) -> CitizenAccount | None:
    """The citizen with this id, or None: this runs on every request of a logged-in person, so it is one statement
    of plain columns (no ORM rows), the unread messages counted in a subquery (the header's menu shows the count on
    every page, so it costs no statement of its own). The a-kasse's and the jobcenter's views are taken from
    ``kept`` under (their id, everyone's page version) when they are there, and otherwise read (a second
    statement, both at once) and put there, as for a caseworker (:func:`caseworker_account`; issue 11, round 11:
    the two organisations' 24 columns were fetched and described on every request). A page that needs the
    account twice keeps it (``portal.database.once``)."""
    with uow:
        connection = uow.session.connection()
        row = connection.execute(_CITIZEN_ACCOUNT, {"citizen_id": citizen_id}).first()
        if row is None:
            return None
        akasse, jobcenter = _organisation_views(
            connection, (row.akasse_id, row.jobcenter_id), row.shared_version, kept
        )
        return CitizenAccount(
            row.id, row.name, row.session_version, row.locale, akasse.name, jobcenter.name, row.phone,
            akasse.contact, jobcenter.contact, row.unread, (row.page_version, row.shared_version),
        )


def _organisation_views(
    connection: Any, ids: tuple[int, ...], shared_version: int,
    kept: MutableMapping[tuple[int, int], OrganisationView] | None,
) -> list[OrganisationView]:
    """The views of the organisations with these ids: those ``kept`` holds under (id, ``shared_version``), the
    others read in one statement and kept there."""
    found = {i: kept.get((i, shared_version)) for i in ids} if kept is not None else dict.fromkeys(ids)
    missing = sorted({i for i, view in found.items() if view is None})
    if missing:
        for organisation_row in connection.execute(_ORGANISATION_VIEWS, {"organisation_ids": missing}):
            view = _organisation_view(organisation_row)
            found[view.id] = view
            if kept is not None:
                if len(kept) >= KEPT_ORGANISATIONS:
                    kept.clear()
                kept[(view.id, shared_version)] = view
    views = [found[i] for i in ids]
    if any(view is None for view in views):
        raise LookupError(f"no organisation among {ids}")
    return views  # type: ignore[return-value]


def caseworker_account(
    uow: SqlAlchemyUnitOfWork, caseworker_id: int,
    kept: MutableMapping[tuple[int, int], OrganisationView] | None = None,
) -> CaseworkerView | None:
    """The caseworker account with this id (also a disabled one: the caller decides), or None: this runs on every
    request of a logged-in caseworker, so it is one statement of plain columns, the caseworker's own and everyone's
    page version (``page_versions``, which the database's triggers move in the transaction of every change to an
    organisation, migration 0031). The organisation's view (its contact details and booking settings) is taken
    from ``kept`` under (its id, that version) when it is there, and otherwise read (a second statement) and put
    there: a caller that keeps the mapping between requests reads an organisation again only after a change
    (issue 11, round 10: the log-in check fetched 26 columns and built the organisation on every request)."""
    with uow:
        connection = uow.session.connection()
        row = connection.execute(_CASEWORKER_ACCOUNT, {"caseworker_id": caseworker_id}).first()
        if row is None:
            return None
        [organisation] = _organisation_views(connection, (row.organisation_id,), row.shared_version, kept)
        return CaseworkerView(
            id=row.id, name=row.name, email=row.email, is_admin=row.is_admin, disabled=row.disabled,
            session_version=row.session_version, organisation=organisation, is_leader=row.is_leader,
            shared_version=row.shared_version,
        )


def _organisation_view(row: Any) -> OrganisationView:
    """An organisation's view from a row of its plain columns (``_CONTACT`` and ``_SETTINGS``)."""
    mapping = row._mapping
    contact = _contact_of(row)
    return OrganisationView(
        id=contact.id, kind=contact.kind, name=contact.name, address=contact.address, contact=contact,
        phone=contact.phone, **{name: mapping[name] for name in _SETTINGS},
    )


def caseworker(uow: SqlAlchemyUnitOfWork, caseworker_id: int) -> CaseworkerView:
    """An active caseworker, or NotFound."""
    with uow:
        return _caseworker(active_caseworker(uow, caseworker_id))


def citizen_id_by_cpr(uow: SqlAlchemyUnitOfWork, cpr: str) -> int | None:
    """The citizen with this CPR number (digits only), or None."""
    with uow:
        row = uow.repo.citizen_by_cpr(cpr)
        return row.id if row is not None else None


def active_caseworker_id(
    uow: SqlAlchemyUnitOfWork, *, oidc_subject: str | None = None, email: str | None = None
) -> int | None:
    """The active caseworker bound to ``oidc_subject``, else the one with ``email`` (give it only when the
    identity provider verified it); None when nobody matches or the account is disabled."""
    with uow:
        row = None
        if oidc_subject:
            row = uow.session.scalar(select(CaseworkerRow).where(CaseworkerRow.oidc_subject == oidc_subject))
        if row is None and email:
            row = uow.session.scalar(select(CaseworkerRow).where(CaseworkerRow.email == email.lower()))
        return row.id if row is not None and not row.disabled else None


def active_supervisor_id(
    uow: SqlAlchemyUnitOfWork, *, oidc_subject: str | None = None, email: str | None = None
) -> int | None:
    """The active supervisor bound to ``oidc_subject``, else the one with ``email`` (verified by the identity
    provider), as :func:`active_caseworker_id`; None when nobody matches or the account is disabled."""
    with uow:
        row = None
        if oidc_subject:
            row = uow.session.scalar(select(SupervisorRow).where(SupervisorRow.oidc_subject == oidc_subject))
        if row is None and email:
            row = uow.session.scalar(select(SupervisorRow).where(SupervisorRow.email == email.lower()))
        return row.id if row is not None and not row.disabled else None


def log_in_directory(uow: SqlAlchemyUnitOfWork) -> tuple[list[PersonEntry], list[CaseworkerView]]:
    """Everyone the demo log-in page offers: every citizen (by id), every active caseworker (by organisation)."""
    with uow:
        citizens = uow.session.scalars(select(CitizenRow).order_by(CitizenRow.id))
        people = [PersonEntry(c.id, c.name, c.cpr) for c in citizens]
        workers = uow.session.scalars(
            select(CaseworkerRow)
            .where(CaseworkerRow.disabled.is_(False))
            .options(selectinload(CaseworkerRow.organisation))
            .order_by(CaseworkerRow.organisation_id, CaseworkerRow.id)
        )
        return people, [_caseworker(w) for w in workers]


# ---- a caseworker's own settings and their organisation --------------------------------------------------------


def availability(uow: SqlAlchemyUnitOfWork, caseworker_id: int, now: datetime) -> AvailabilityView:
    """The caseworker's weekly hours, their absences that have not ended by ``now``, and their offer."""
    with uow:
        worker = active_caseworker(uow, caseworker_id)
        hours = sorted(worker.working_hours, key=lambda h: (h.weekday, h.start_time))
        absences = uow.session.scalars(
            select(AbsenceRow)
            .where(AbsenceRow.caseworker_id == worker.id, AbsenceRow.end_at >= now)
            .order_by(AbsenceRow.start_at, AbsenceRow.id)
        )
        return AvailabilityView(
            working_hours=tuple(WorkingHoursView(h.weekday, h.start_time, h.end_time) for h in hours),
            absences=tuple(AbsenceView(a.id, a.start_at, a.end_at, a.note) for a in absences),
            offered_kinds=tuple(InterviewKind(k) for k in worker.offered_kinds or ()),
            offered_formats=tuple(Format(f) for f in worker.offered_formats or ()),
            has_busy_url=bool(worker.busy_ics_url),
            video_link=worker.video_link,
        )


def organisation_caseworkers(uow: SqlAlchemyUnitOfWork, organisation_id: int) -> list[CaseworkerView]:
    """The caseworker accounts of an organisation: active ones first, by name."""
    with uow:
        rows = uow.session.scalars(
            select(CaseworkerRow)
            .where(CaseworkerRow.organisation_id == organisation_id)
            .options(selectinload(CaseworkerRow.organisation))
            .order_by(CaseworkerRow.disabled, CaseworkerRow.name, CaseworkerRow.id)
        )
        return [_caseworker(r) for r in rows]


def akasser(uow: SqlAlchemyUnitOfWork) -> list[tuple[int, str]]:
    """(id, name) of every a-kasse, by name: whom a jobcenter may propose a timeslot to."""
    with uow:
        rows = uow.session.execute(
            select(OrganisationRow.id, OrganisationRow.name)
            .where(OrganisationRow.kind == Organisation.AKASSE)
            .order_by(OrganisationRow.name, OrganisationRow.id)
        )
        return [(i, n) for i, n in rows]


@dataclass(frozen=True)
class OrganisationEntry:
    """An organisation as the supervision pages name it (issue 17)."""

    id: int
    name: str
    kind: Organisation


def organisation_entries(uow: SqlAlchemyUnitOfWork, organisation_id: int | None = None) -> list[OrganisationEntry]:
    """Every a-kasse, then every jobcenter, by name (or only the one with ``organisation_id``): one statement."""
    with uow:
        query = select(OrganisationRow.id, OrganisationRow.name, OrganisationRow.kind).order_by(
            OrganisationRow.kind, OrganisationRow.name, OrganisationRow.id
        )
        if organisation_id is not None:
            query = query.where(OrganisationRow.id == organisation_id)
        return [OrganisationEntry(i, n, k) for i, n, k in uow.session.execute(query)]


def with_open_course(uow: SqlAlchemyUnitOfWork, citizen_ids: list[int]) -> set[int]:
    """Which of these people have an open course (a caseworker's person page shows only that): one statement."""
    if not citizen_ids:
        return set()
    with uow:
        return set(
            uow.session.scalars(
                select(CourseRow.citizen_id).where(CourseRow.citizen_id.in_(citizen_ids), CourseRow.ended_on.is_(None))
            )
        )


def _side(row: AgreedTimeslotRow, organisation_id: int) -> Organisation:
    return Organisation.JOBCENTER if organisation_id == row.jobcenter_id else Organisation.AKASSE


def timeslot_agreements(uow: SqlAlchemyUnitOfWork, organisation_id: int) -> list[TimeslotAgreement]:
    """The organisation's agreed timeslots (as jobcenter or as a-kasse) in a stable order (weekday, start, end,
    id), each with the joint interviews booked in it (not the cancelled ones) and, if ended, by whom."""
    with uow:
        organisation = uow.repo.organisation(organisation_id)
        if organisation is None:
            raise NotFound()
        rows = uow.session.scalars(
            select(AgreedTimeslotRow)
            .where(or_(AgreedTimeslotRow.jobcenter_id == organisation.id, AgreedTimeslotRow.akasse_id == organisation.id))
            .options(
                selectinload(AgreedTimeslotRow.akasse), selectinload(AgreedTimeslotRow.jobcenter),
                selectinload(AgreedTimeslotRow.ended_by),
            )
            .order_by(
                AgreedTimeslotRow.weekday, AgreedTimeslotRow.start_time, AgreedTimeslotRow.end_time, AgreedTimeslotRow.id
            )
        ).all()
        booked: dict[int, list[TimeslotInterview]] = {}
        if rows:
            interviews = uow.session.execute(
                select(InterviewRow, CitizenRow.name)
                .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
                .where(
                    InterviewRow.timeslot_id.in_([r.id for r in rows]),
                    InterviewRow.status != InterviewStatus.CANCELLED,
                )
                .order_by(InterviewRow.start_at, InterviewRow.id)
            )
            for interview, name in interviews:
                booked.setdefault(interview.timeslot_id or 0, []).append(
                    TimeslotInterview(interview.citizen_id, name, interview.start_at, interview.status)
                )
        jobcenter = organisation.kind == Organisation.JOBCENTER
        return [
            TimeslotAgreement(
                id=r.id, other=r.akasse.name if jobcenter else r.jobcenter.name, weekday=r.weekday,
                start_time=r.start_time, end_time=r.end_time, valid_from=r.valid_from, valid_to=r.valid_to,
                akasse_participation=r.akasse_participation, status=r.status, interviews=tuple(booked.get(r.id, ())),
                ended_from=r.ended_from, ended_at=r.ended_at,
                ended_by=(_side(r, r.ended_by.organisation_id), r.ended_by.name) if r.ended_by is not None else None,
            )
            for r in rows
        ]
