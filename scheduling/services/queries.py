"""The read side the pages and calendars use: plain frozen views, safe to use after the session closes.

Courses, interviews, messages, decisions, the audit trail, caseloads and free slots are read here; accounts,
organisations and agreed timeslots in :mod:`scheduling.services.read_model`. The portal reads only through
these two modules, and takes the words it compares with from :mod:`scheduling.vocabulary`, never from
:mod:`scheduling.adapters`.

Every function takes a unit of work (preferably ``read_only=True``) and enters it (``with uow:``): on its own
that is a short transaction; the pages pass the request's one read transaction (``portal.database.reads``),
which entering neither begins again nor ends, and whose session already holds what an earlier query of the
request loaded (the logged-in person, their organisation), so :func:`~scheduling.services.access.caseworker`
and :func:`~scheduling.services.access.citizen_for` cost nothing there. A page loads a person's course once
(:func:`person_course`, :func:`case_file`: a fixed number of statements, whatever the size of the history) and
passes the facts on. Ownership is checked the same way as in the services: a foreign id is :class:`NotFound`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import aliased, joinedload

from scheduling.adapters.orm import (
    AuditRow,
    CaseworkerRow,
    CitizenRow,
    ControlActionRow,
    CourseRow,
    DecisionRow,
    ExemptionRow,
    HourEntryRow,
    InterviewParticipantRow,
    InterviewRow,
    MessageRow,
    OrganisationRow,
)
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.caseload import book_by
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    ControlAction,
    Course,
    Decision,
    DecisionKind,
    Exemption,
    Format,
    HourEntry,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.services.access import caseworker, citizen_for, interview_for
from scheduling.services.audit import CPR_VIEWED
from scheduling.services.errors import NotFound, require_dates_in_range
from scheduling.services.read_model import OrganisationContact, contact_of
from scheduling.slots import COPENHAGEN, Slot, SlotSearch, free_slots
from scheduling.vocabulary import ActorKind, RecordKind

__all__ = [
    "AuditView", "CaseFile", "DecisionView", "InterviewView", "MessageView", "PersonCourse",
    "ServedPerson", "audit_trail", "book_by", "case_file", "caseworker_free_slots",
    "caseworker_interviews", "caseworker_may_cancel", "organisation_interviews", "citizen_decisions", "citizen_interviews",
    "citizen_messages", "interview", "load_course", "person_course",
    "served_person",
]


@dataclass(frozen=True)
class InterviewView:
    id: int
    uid: str
    sequence: int
    citizen_id: int
    kind: InterviewKind
    organisation: Organisation
    organisation_id: int
    organisation_name: str
    address: str | None
    start: datetime
    end: datetime
    format: Format
    status: InterviewStatus
    booked_by: BookedBy
    akasse_participation: AkasseParticipation | None
    format_raised: bool
    format_raised_reason: str | None
    caseworker_ids: tuple[int, ...]
    caseworker_names: tuple[str, ...]
    timeslot_id: int | None
    booked_at: datetime
    rebooked_count: int
    cancelled_at: datetime | None
    checklist: dict[str, Any]
    video_link: str | None
    citizen_phone: str | None
    contact: OrganisationContact | None = None  # the holding organisation's contact details (issue 13)
    # the caseworkers' names the person is shown: those whose own organisation shows them (issue 13)
    caseworker_names_shown: tuple[str, ...] = ()
    changed_at: datetime | None = None  # the last change (the API's changed_since; read with one interview's row)


@dataclass(frozen=True)
class MessageView:
    id: int
    kind: str
    subject: str
    body: str
    created_at: datetime
    read_at: datetime | None
    interview_id: int | None
    decision_id: int | None
    message_id: str | None = None  # the text's id and parameters (letters.TEMPLATES); None: show subject/body
    params: Mapping[str, Any] | None = None
    # who it is from: the organisation holding the interview, or making the decision, it is about (issue 13: the
    # message names whom to contact); None for a message about neither
    organisation: Organisation | None = None


@dataclass(frozen=True)
class DecisionView:
    id: int
    kind: RecordKind
    organisation: Organisation
    made_by: str
    made_at: datetime
    ground: str | None
    assessment: str
    is_afgoerelse: bool
    letter: str | None
    interview_id: int | None
    letter_id: str | None = None  # the letter's id and parameters (letters.TEMPLATES); None: show ``letter``
    letter_params: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class AuditView:
    at: datetime
    actor_kind: str
    actor_id: int | None
    action: str
    object_type: str
    object_id: int | None
    why: str | None
    details: dict[str, Any]
    actor_name: str | None = None  # a caseworker's name (the person and the system are named by their role)


@dataclass(frozen=True)
class ServedPerson:
    """A person a caseworker's organisation serves, with their open course."""

    id: int
    name: str
    cpr: str
    course: Course


@dataclass(frozen=True)
class HolderSettings:
    """What the free-times search needs of the person's a-kasse or jobcenter: its id, the length of its slots
    and its deadline for changes."""

    id: int
    slot_minutes: int
    change_deadline_hours: int


@dataclass(frozen=True)
class BookingParty:
    """The person as the free-times search needs them (:func:`scheduling.services.booking.find_free_slots`):
    their id and their own organisations' settings, read with their course, so the search loads no ORM row."""

    id: int
    akasse_id: int
    jobcenter_id: int
    akasse: HolderSettings
    jobcenter: HolderSettings


@dataclass(frozen=True)
class PersonCourse:
    """A person's open course, loaded once for a page: the facts the rules core evaluates, and what the pages
    show and pass on with them."""

    id: int
    name: str
    cpr: str
    course: Course
    interviews: tuple[InterviewView, ...]  # every course's, by start
    decisions: tuple[DecisionView, ...]  # every course's, oldest first
    book_by_days: Mapping[Organisation, int]  # the person's own a-kasse's and jobcenter's setting
    change_deadline_hours: Mapping[int, int]  # each interview's holder's deadline for changes, by interview id
    phone: str | None = None  # the person's own contact details, for the organisations responsible for them
    email: str | None = None
    party: BookingParty | None = None  # for the free-times search

    @property
    def served(self) -> ServedPerson:
        return ServedPerson(self.id, self.name, self.cpr, self.course)


@dataclass(frozen=True)
class CaseFile:
    """What a caseworker's page about a person shows: the course and the history of changes (how many times the
    full CPR number has been shown is written and read with the page's versions:
    :func:`scheduling.services.audit.record_person_page_view`)."""

    person: PersonCourse
    trail: tuple[AuditView, ...]


def _interview_view(row: InterviewRow, phone: str | None, *, names_shown: bool = False) -> InterviewView:
    """The view of an interview row; ``names_shown``: say which caseworkers' names the person may see (each
    caseworker's own organisation decides; one interview's page, where the session most often holds them)."""
    shown = tuple(
        p.caseworker.name for p in row.participants if p.caseworker.organisation.show_caseworker_names
    ) if names_shown else ()
    return InterviewView(
        id=row.id, uid=row.uid, sequence=row.sequence, citizen_id=row.citizen_id, kind=row.kind,
        organisation=row.organisation, organisation_id=row.organisation_id, organisation_name=row.org.name,
        address=row.org.address, start=row.start_at, end=row.end_at, format=row.format, status=row.status,
        booked_by=row.booked_by, akasse_participation=row.akasse_participation, format_raised=row.format_raised,
        format_raised_reason=row.format_raised_reason,
        caseworker_ids=tuple(p.caseworker_id for p in row.participants),
        caseworker_names=tuple(p.caseworker.name for p in row.participants),
        timeslot_id=row.timeslot_id, booked_at=row.booked_at, rebooked_count=row.rebooked_count,
        cancelled_at=row.cancelled_at, checklist=dict(row.checklist or {}), video_link=row.video_link,
        citizen_phone=phone, contact=contact_of(row.org), caseworker_names_shown=shown, changed_at=row.changed_at,
    )


#: An interview with its caseworkers and organisation, in the interview's own statement (``.unique()`` the result).
_INTERVIEW_LOAD = (
    joinedload(InterviewRow.participants).joinedload(InterviewParticipantRow.caseworker),
    joinedload(InterviewRow.org),
)
#: The same for the person's own interviews, with each caseworker's organisation: whether the person may see
#: their name (issue 13).
_CITIZEN_INTERVIEW_LOAD = (
    joinedload(InterviewRow.participants).joinedload(InterviewParticipantRow.caseworker)
    .joinedload(CaseworkerRow.organisation),
    joinedload(InterviewRow.org),
)


_ORGANISATION_OF_AKASSE = aliased(OrganisationRow)
_ORGANISATION_OF_JOBCENTER = aliased(OrganisationRow)
_INTERVIEW_ORGANISATION = aliased(OrganisationRow)
_CASEWORKER_ORGANISATION = aliased(OrganisationRow)
# the holding organisation's contact details, read with each interview (``org_<column>``)
_CONTACT_COLUMNS = (
    "id", "kind", "name", "phone", "email", "contact_url", "opening_hours", "address", "reception", "what_to_bring",
    "calls_from", "show_caseworker_names",
)
_DECISION_KINDS = {kind.value: kind for kind in DecisionKind}


def _person_course(
    uow: SqlAlchemyUnitOfWork, citizen_id: int, worker_id: int | None = None
) -> PersonCourse:
    """The person's open course in three statements of plain columns, whatever its size (no ORM rows: a page
    spends its time turning rows into objects otherwise): the person with their organisations' settings and the
    open course with its hour ledger, exemptions and control actions (joined: a few rows each; with whether
    they serve the person when a caseworker asks), every interview of the person with its caseworkers and
    organisation, every decision about them with its maker. The same facts and views as the rows gave
    (``tests/integration/test_read_side_loaders.py``). NotFound when the person does not exist, ``worker``'s
    organisation does not serve them (or is not an active caseworker's), or they have no open course."""
    session = uow.session
    params = {"citizen": citizen_id} if worker_id is None else {"citizen": citizen_id, "worker": worker_id}
    found = session.execute(_course_statement(worker_id is not None), params).all()
    if not found:
        raise NotFound()
    first = found[0]
    if worker_id is not None and not first.served:  # absent, disabled, or not of the person's organisations
        raise NotFound()
    if first.course_id is None:
        raise NotFound()
    interviews = [
        _InterviewColumns(rows) for rows in _grouped(session.execute(_INTERVIEWS, {"citizen": citizen_id}).all())
    ]
    decisions = session.execute(_DECISIONS, {"citizen": citizen_id}).all()
    contacts: dict[int, OrganisationContact] = {}
    course = _course(first, found, [i for i in interviews if i.row.course_id == first.course_id],
                     [d for d in decisions if d.course_id == first.course_id])
    person = PersonCourse(
        id=first.id, name=first.name, cpr=first.cpr, course=course,
        interviews=tuple(i.view(first.phone, contacts) for i in interviews),
        decisions=tuple(
            DecisionView(d.id, d.kind, d.organisation, d.made_by_name, d.made_at, d.ground, d.assessment,
                         d.is_afgoerelse, d.letter, d.interview_id, d.letter_id, d.letter_params)
            for d in decisions
        ),
        book_by_days={Organisation.AKASSE: first.akasse_book_by_days, Organisation.JOBCENTER: first.jobcenter_book_by_days},
        change_deadline_hours={i.row.id: i.row.change_deadline_hours for i in interviews},
        phone=first.phone, email=first.email,
        party=BookingParty(
            first.id, first.akasse_id, first.jobcenter_id,
            HolderSettings(first.akasse_id, first.akasse_slot_minutes, first.akasse_change_deadline_hours),
            HolderSettings(first.jobcenter_id, first.jobcenter_slot_minutes, first.jobcenter_change_deadline_hours),
        ),
    )
    return person


def _course_statement(for_caseworker: bool) -> Any:
    return _COURSE_FOR_CASEWORKER if for_caseworker else _COURSE


def _course_select(for_caseworker: bool) -> Any:
    akasse, jobcenter = _ORGANISATION_OF_AKASSE, _ORGANISATION_OF_JOBCENTER
    columns: list[Any] = [
        CitizenRow.id, CitizenRow.name, CitizenRow.cpr, CitizenRow.birth_date, CitizenRow.phone,
        CitizenRow.email, CitizenRow.akasse_id, CitizenRow.jobcenter_id,
        akasse.book_by_days.label("akasse_book_by_days"), jobcenter.book_by_days.label("jobcenter_book_by_days"),
        jobcenter.faellessamtale_r10_selvbooking.label("r10"), jobcenter.faellessamtale_r12_selvbooking.label("r12"),
        akasse.slot_minutes.label("akasse_slot_minutes"), jobcenter.slot_minutes.label("jobcenter_slot_minutes"),
        akasse.change_deadline_hours.label("akasse_change_deadline_hours"),
        jobcenter.change_deadline_hours.label("jobcenter_change_deadline_hours"),
        CourseRow.id.label("course_id"), CourseRow.registered_on, CourseRow.placed_on, CourseRow.insurance,
        CourseRow.vocational_qualification, CourseRow.custody_of_children_at_home, CourseRow.referred_r4_on,
        CourseRow.repatriation, CourseRow.old_rules,
        HourEntryRow.id.label("hour_id"), HourEntryRow.registered_on.label("hour_registered_on"),
        HourEntryRow.period_start, HourEntryRow.period_end, HourEntryRow.hours, HourEntryRow.kind.label("hour_kind"),
        ExemptionRow.id.label("exemption_id"), ExemptionRow.ground, ExemptionRow.starts_on, ExemptionRow.ends_on,
        ExemptionRow.event_on, ExemptionRow.not_covered_on,
        ControlActionRow.id.label("control_id"), ControlActionRow.received_on, ControlActionRow.stay_abroad,
    ]
    if for_caseworker:  # asked by a caseworker: whether they are active and serve the person
        columns.append(
            select(CaseworkerRow.id).where(
                CaseworkerRow.id == bindparam("worker"), CaseworkerRow.disabled.is_(False),
                CaseworkerRow.organisation_id.in_((CitizenRow.akasse_id, CitizenRow.jobcenter_id)),
            ).exists().label("served")
        )
    return (
        select(*columns)
        .join(akasse, akasse.id == CitizenRow.akasse_id)
        .join(jobcenter, jobcenter.id == CitizenRow.jobcenter_id)
        .outerjoin(CourseRow, (CourseRow.citizen_id == CitizenRow.id) & CourseRow.ended_on.is_(None))
        .outerjoin(HourEntryRow, HourEntryRow.course_id == CourseRow.id)
        .outerjoin(ExemptionRow, ExemptionRow.course_id == CourseRow.id)
        .outerjoin(ControlActionRow, ControlActionRow.course_id == CourseRow.id)
        .where(CitizenRow.id == bindparam("citizen"))
        .order_by(CourseRow.id, HourEntryRow.registered_on, ExemptionRow.starts_on, ControlActionRow.received_on)
    )


_COURSE = _course_select(False)
_COURSE_FOR_CASEWORKER = _course_select(True)

_INTERVIEWS = (
    select(
        InterviewRow.id, InterviewRow.uid, InterviewRow.sequence, InterviewRow.course_id, InterviewRow.citizen_id,
        InterviewRow.kind, InterviewRow.organisation, InterviewRow.organisation_id, InterviewRow.start_at,
        InterviewRow.end_at, InterviewRow.format, InterviewRow.status, InterviewRow.booked_by,
        InterviewRow.akasse_participation, InterviewRow.format_raised, InterviewRow.format_raised_reason,
        InterviewRow.control_action_id, InterviewRow.timeslot_id, InterviewRow.booked_at, InterviewRow.rebooked_count,
        InterviewRow.cancelled_at, InterviewRow.checklist, InterviewRow.video_link, InterviewRow.changed_at,
        _INTERVIEW_ORGANISATION.name.label("organisation_name"), _INTERVIEW_ORGANISATION.address,
        _INTERVIEW_ORGANISATION.change_deadline_hours,
        *(getattr(_INTERVIEW_ORGANISATION, c).label(f"org_{c}") for c in _CONTACT_COLUMNS),
        InterviewParticipantRow.caseworker_id, CaseworkerRow.name.label("caseworker_name"),
        _CASEWORKER_ORGANISATION.show_caseworker_names.label("caseworker_name_shown"),
    )
    .join(_INTERVIEW_ORGANISATION, _INTERVIEW_ORGANISATION.id == InterviewRow.organisation_id)
    .outerjoin(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
    .outerjoin(CaseworkerRow, CaseworkerRow.id == InterviewParticipantRow.caseworker_id)
    .outerjoin(_CASEWORKER_ORGANISATION, _CASEWORKER_ORGANISATION.id == CaseworkerRow.organisation_id)
    .where(InterviewRow.citizen_id == bindparam("citizen"))
    .order_by(InterviewRow.start_at, InterviewRow.id, InterviewParticipantRow.caseworker_id)
)

_DECISIONS = (
    select(
        DecisionRow.id, DecisionRow.course_id, DecisionRow.kind, DecisionRow.organisation,
        CaseworkerRow.name.label("made_by_name"), DecisionRow.made_at, DecisionRow.ground, DecisionRow.assessment,
        DecisionRow.is_afgoerelse, DecisionRow.letter, DecisionRow.interview_id, DecisionRow.letter_id,
        DecisionRow.letter_params,
    )
    .join(CourseRow, CourseRow.id == DecisionRow.course_id)
    .join(CaseworkerRow, CaseworkerRow.id == DecisionRow.made_by_id)
    .where(CourseRow.citizen_id == bindparam("citizen"))
    .order_by(DecisionRow.made_at, DecisionRow.id)
)


def _grouped(rows: Sequence[Any]) -> list[list[Any]]:
    """Rows of interviews joined with their participants, grouped by interview (in the rows' order)."""
    groups: list[list[Any]] = []
    for row in rows:
        if groups and groups[-1][0].id == row.id:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


class _InterviewColumns:
    """One interview's joined rows (one per participant): its fact for the rules, its view for the pages."""

    __slots__ = ("row", "caseworkers", "shown")

    def __init__(self, rows: list[Any]) -> None:
        self.row = rows[0]
        self.caseworkers = [(r.caseworker_id, r.caseworker_name) for r in rows if r.caseworker_id is not None]
        self.shown = tuple(r.caseworker_name for r in rows if r.caseworker_id is not None and r.caseworker_name_shown)

    def fact(self) -> Interview:
        r = self.row
        return Interview(
            id=str(r.id), kind=r.kind, organisation=r.organisation, start=r.start_at, end=r.end_at, format=r.format,
            status=r.status, booked_by=r.booked_by, akasse_participation=r.akasse_participation,
            format_raised=r.format_raised,
            control_action_id=str(r.control_action_id) if r.control_action_id is not None else None,
            booked_on=r.booked_at, rebooked_count=r.rebooked_count,
        )

    def view(self, phone: str | None, contacts: dict[int, OrganisationContact]) -> InterviewView:
        """The page's view; ``contacts`` remembers each organisation's contact details across interviews."""
        r = self.row
        contact = contacts.get(r.organisation_id)
        if contact is None:
            contact = contacts[r.organisation_id] = OrganisationContact(
                **{c: getattr(r, f"org_{c}") for c in _CONTACT_COLUMNS}
            )
        return InterviewView(
            id=r.id, uid=r.uid, sequence=r.sequence, citizen_id=r.citizen_id, kind=r.kind,
            organisation=r.organisation, organisation_id=r.organisation_id, organisation_name=r.organisation_name,
            address=r.address, start=r.start_at, end=r.end_at, format=r.format, status=r.status,
            booked_by=r.booked_by, akasse_participation=r.akasse_participation, format_raised=r.format_raised,
            format_raised_reason=r.format_raised_reason,
            caseworker_ids=tuple(cw_id for cw_id, _ in self.caseworkers),
            caseworker_names=tuple(name for _, name in self.caseworkers),
            timeslot_id=r.timeslot_id, booked_at=r.booked_at, rebooked_count=r.rebooked_count,
            cancelled_at=r.cancelled_at, checklist=dict(r.checklist or {}), video_link=r.video_link,
            citizen_phone=phone, contact=contact, caseworker_names_shown=self.shown, changed_at=r.changed_at,
        )


def _course(
    first: Any, rows: Sequence[Any], interviews: list[_InterviewColumns], decisions: Sequence[Any]
) -> Course:
    """The open course as the facts the rules core evaluates (what :func:`course_fact` makes of the rows)."""
    hours: dict[int, HourEntry] = {}
    exemptions: dict[int, Exemption] = {}
    controls: dict[int, ControlAction] = {}
    for r in rows:
        if r.hour_id is not None and r.hour_id not in hours:
            hours[r.hour_id] = HourEntry(r.hour_registered_on, r.period_start, r.period_end, r.hours, r.hour_kind)
        if r.exemption_id is not None and r.exemption_id not in exemptions:
            exemptions[r.exemption_id] = Exemption(
                id=str(r.exemption_id), ground=r.ground, starts_on=r.starts_on, ends_on=r.ends_on,
                event_on=r.event_on, not_covered_on=r.not_covered_on,
            )
        if r.control_id is not None and r.control_id not in controls:
            controls[r.control_id] = ControlAction(id=str(r.control_id), received_on=r.received_on,
                                                   stay_abroad=r.stay_abroad)
    facts = []
    for d in decisions:
        kind = _DECISION_KINDS.get(d.kind.value)
        if kind is not None:  # R26 "not covered" lives on the exemption; a raised format on the interview
            facts.append(Decision(kind=kind, made_on=d.made_at.astimezone(COPENHAGEN).date(),
                                  organisation=d.organisation, reason=d.assessment))
    return Course(
        registered_on=first.registered_on, placed_on=first.placed_on, insurance=first.insurance,
        birth_date=first.birth_date, vocational_qualification=first.vocational_qualification,
        custody_of_children_at_home=first.custody_of_children_at_home, hours=tuple(hours.values()),
        referred_r4_on=first.referred_r4_on, exemptions=tuple(exemptions.values()),
        control_actions=tuple(controls.values()), repatriation=first.repatriation, old_rules=first.old_rules,
        interviews=tuple(i.fact() for i in sorted(interviews, key=lambda i: (i.row.start_at, i.row.id))),
        decisions=tuple(facts), faellessamtale_r10_selvbooking=first.r10, faellessamtale_r12_selvbooking=first.r12,
    )


def person_course(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> PersonCourse:
    """The person's own open course with their interviews and decisions (three statements); NotFound when they
    have none."""
    with uow:
        return _person_course(uow, citizen_id)


def case_file(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> CaseFile:
    """The person's course and history of changes, for a caseworker whose
    organisation serves them (four statements: the caseworker is checked within the course's);
    NotFound otherwise, as for a person who does not exist or has no open course."""
    with uow:
        person = _person_course(uow, citizen_id, caseworker_id)
        return CaseFile(person, tuple(_audit_views(uow, person.id)))


def load_course(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> Course:
    """The person's open contact course as the facts the rules core evaluates."""
    return person_course(uow, citizen_id).course


def served_person(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> ServedPerson:
    """The person and their open course, if the caseworker's organisation serves them; otherwise NotFound, as
    for a person who does not exist or has no open course."""
    with uow:
        return _person_course(uow, citizen_id, caseworker_id).served


def citizen_interviews(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> list[InterviewView]:
    """All the person's interviews (every course, every status), by start."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        rows = uow.session.scalars(
            select(InterviewRow).where(InterviewRow.citizen_id == citizen.id).options(*_CITIZEN_INTERVIEW_LOAD)
            .order_by(InterviewRow.start_at, InterviewRow.id)
        ).unique()
        return [_interview_view(r, citizen.phone, names_shown=True) for r in rows]


def interview(
    uow: SqlAlchemyUnitOfWork, interview_id: int, *, citizen_id: int | None = None, caseworker_id: int | None = None
) -> InterviewView:
    """One interview, if it is the citizen's own or the caseworker's organisation serves its person."""
    if citizen_id is None and caseworker_id is None:
        raise NotFound()
    with uow:
        worker = caseworker(uow, caseworker_id) if caseworker_id is not None else None
        row = interview_for(uow, interview_id, citizen_id=citizen_id, worker=worker)
        citizen = uow.repo.citizen(row.citizen_id)
        return _interview_view(row, citizen.phone if citizen else None, names_shown=citizen_id is not None)


def caseworker_interviews(
    uow: SqlAlchemyUnitOfWork, caseworker_id: int, since: datetime | None = None
) -> list[InterviewView]:
    """The interviews a caseworker takes part in (from ``since``), by start: their agenda and calendar feed."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        query = (
            select(InterviewRow, CitizenRow.phone)
            .join(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
            .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
            .where(InterviewParticipantRow.caseworker_id == worker.id)
            .options(*_INTERVIEW_LOAD)
            .order_by(InterviewRow.start_at, InterviewRow.id)
        )
        if since is not None:
            query = query.where(InterviewRow.end_at >= since)
        return [_interview_view(row, phone) for row, phone in uow.session.execute(query).unique()]


def organisation_interviews(
    uow: SqlAlchemyUnitOfWork,
    caseworker_id: int,
    *,
    changed_since: datetime | None = None,
    after: tuple[datetime, int] | None = None,
    limit: int = 50,
) -> list[InterviewView]:
    """The interviews (every status) of the people the caseworker's organisation serves, in the order of their
    last change (``changed_at``, then id): a case system's incremental sync (issue 16).

    ``changed_since``: only those changed at or after it; ``after``: only those after this (changed_at, id), the
    last of the previous page. At most ``limit`` (one statement, the index ``ix_interviews_changed_at`` giving the order).
    A row written behind the services without a change time (none is: the services and migration 0028 set it) is
    not listed."""
    require_dates_in_range(changed_since, after[0] if after else None)
    with uow:
        worker = caseworker(uow, caseworker_id)
        organisation = worker.organisation_id
        query = (
            select(InterviewRow, CitizenRow.phone)
            .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
            .where(
                or_(CitizenRow.akasse_id == organisation, CitizenRow.jobcenter_id == organisation),
                InterviewRow.changed_at.is_not(None),
            )
            .order_by(InterviewRow.changed_at, InterviewRow.id)
            .limit(limit)
        )
        if changed_since is not None:
            query = query.where(InterviewRow.changed_at >= changed_since)
        if after is not None:
            at, last_id = after
            query = query.where(
                or_(InterviewRow.changed_at > at, and_(InterviewRow.changed_at == at, InterviewRow.id > last_id))
            )
        rows = uow.session.execute(query.options(*_INTERVIEW_LOAD)).unique()
        return [_interview_view(row, phone) for row, phone in rows]


def citizen_messages(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> list[MessageView]:
    """The person's inbox, newest first."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        rows = uow.session.execute(
            select(MessageRow, InterviewRow.organisation, DecisionRow.organisation)
            .outerjoin(InterviewRow, InterviewRow.id == MessageRow.interview_id)
            .outerjoin(DecisionRow, DecisionRow.id == MessageRow.decision_id)
            .where(MessageRow.citizen_id == citizen.id)
            .order_by(MessageRow.created_at.desc(), MessageRow.id.desc())
        )
        return [
            MessageView(r.id, r.kind, r.subject, r.body, r.created_at, r.read_at, r.interview_id, r.decision_id,
                        r.message_id, r.params, decided_by or held_by)
            for r, held_by, decided_by in rows
        ]


def citizen_decisions(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> list[DecisionView]:
    """Every decision about the person (all courses), oldest first."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        rows = uow.session.scalars(
            select(DecisionRow).join(CourseRow, CourseRow.id == DecisionRow.course_id)
            .where(CourseRow.citizen_id == citizen.id)
            .options(joinedload(DecisionRow.made_by))
            .order_by(DecisionRow.made_at, DecisionRow.id)
        )
        return [_decision_view(r) for r in rows]


def _decision_view(row: DecisionRow) -> DecisionView:
    return DecisionView(row.id, row.kind, row.organisation, row.made_by.name, row.made_at, row.ground,
                        row.assessment, row.is_afgoerelse, row.letter, row.interview_id, row.letter_id,
                        row.letter_params)


def audit_trail(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> list[AuditView]:
    """The history of changes about a person, for a caseworker whose organisation serves them (without the lines
    saying someone saw the full CPR number: those record access, not changes; see
    :func:`scheduling.services.audit.record_person_page_view`)."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        citizen = citizen_for(uow, citizen_id, worker=worker)
        return _audit_views(uow, citizen.id)


def _audit_views(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> list[AuditView]:
    rows = uow.session.execute(
        select(AuditRow, CaseworkerRow.name)
        .outerjoin(
            CaseworkerRow,
            (AuditRow.actor_kind == ActorKind.CASEWORKER) & (CaseworkerRow.id == AuditRow.actor_id),
        )
        .where(AuditRow.citizen_id == citizen_id, AuditRow.action != CPR_VIEWED)
        .order_by(AuditRow.at, AuditRow.id)
    )
    return [
        AuditView(r.at, r.actor_kind.value, r.actor_id, r.action, r.object_type, r.object_id, r.why,
                  dict(r.details or {}), name)
        for r, name in rows
    ]


def caseworker_free_slots(
    uow: SqlAlchemyUnitOfWork, caseworker_id: int, first_day: date, last_day: date, now: datetime
) -> list[Slot]:
    """The caseworker's own free slots (working hours minus absences, busy times, interviews and holidays) of
    their organisation's interview length, from ``now``: what they can call a person in to, and their preview."""
    require_dates_in_range(first_day, last_day)
    with uow:
        worker = caseworker(uow, caseworker_id)
        length = timedelta(minutes=worker.organisation.slot_minutes)
        search = SlotSearch(length=length, step=length, first_day=first_day, last_day=last_day, earliest=now)
        return free_slots(uow.repo.availability([worker], first_day, last_day), search)


def caseworker_may_cancel(interview: InterviewView, organisation_id: int) -> bool:
    """Whether a caseworker of ``organisation_id`` may cancel this interview (what
    :func:`scheduling.services.booking.cancel_by_caseworker` accepts): a booked interview their organisation holds."""
    return interview.status == InterviewStatus.BOOKED and interview.organisation_id == organisation_id
