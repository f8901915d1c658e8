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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from scheduling.adapters.facts import course_fact
from scheduling.adapters.orm import (
    AuditRow,
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    DecisionRow,
    InterviewParticipantRow,
    InterviewRow,
    MessageRow,
)
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.caseload import book_by
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Course,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.services.access import caseworker, citizen_for, interview_for, serves
from scheduling.services.audit import CPR_VIEWED
from scheduling.services.errors import NotFound, require_dates_in_range
from scheduling.slots import Slot, SlotSearch, free_slots
from scheduling.vocabulary import ActorKind, RecordKind

__all__ = [
    "AuditView", "CaseFile", "DecisionView", "InterviewView", "MessageView", "PersonCourse",
    "ServedPerson", "audit_trail", "book_by", "case_file", "caseworker_free_slots",
    "caseworker_interviews", "caseworker_may_cancel", "citizen_decisions", "citizen_interviews",
    "citizen_messages", "cpr_views", "interview", "load_course", "person_course", "served_person",
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

    @property
    def served(self) -> ServedPerson:
        return ServedPerson(self.id, self.name, self.cpr, self.course)


@dataclass(frozen=True)
class CaseFile:
    """What a caseworker's page about a person shows: the course, the history of changes and how many times
    the full CPR number has been shown."""

    person: PersonCourse
    trail: tuple[AuditView, ...]
    cpr_views: int


def _interview_view(row: InterviewRow, phone: str | None) -> InterviewView:
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
        citizen_phone=phone,
    )


#: An interview with its caseworkers and organisation, in the interview's own statement (``.unique()`` the result).
_INTERVIEW_LOAD = (
    joinedload(InterviewRow.participants).joinedload(InterviewParticipantRow.caseworker),
    joinedload(InterviewRow.org),
)


def _cpr_views_of(citizen_id: int) -> Any:
    return (
        select(func.count()).select_from(AuditRow)
        .where(AuditRow.citizen_id == citizen_id, AuditRow.action == CPR_VIEWED)
        .scalar_subquery()
    )


def _person_course(
    uow: SqlAlchemyUnitOfWork, citizen_id: int, worker: CaseworkerRow | None = None
) -> tuple[PersonCourse, int]:
    """The person's open course in three statements, whatever its size: the person with their organisations
    and the open course with its hour ledger, exemptions and control actions (joined: a few rows each; with the
    number of full-CPR look-ups when a caseworker asks), every interview of the person with its caseworkers and
    organisation, every decision about them with its maker. The open course's interviews and decisions are
    given to its row as loaded, so that :func:`course_fact` asks nothing more. NotFound when the person does
    not exist, ``worker``'s organisation does not serve them, or they have no open course."""
    columns: list[Any] = [CitizenRow, CourseRow]
    if worker is not None:
        columns.append(_cpr_views_of(citizen_id))
    found = uow.session.execute(
        select(*columns)
        .outerjoin(CourseRow, (CourseRow.citizen_id == CitizenRow.id) & CourseRow.ended_on.is_(None))
        .where(CitizenRow.id == citizen_id)
        .options(
            joinedload(CitizenRow.akasse), joinedload(CitizenRow.jobcenter), joinedload(CourseRow.hours),
            joinedload(CourseRow.exemptions), joinedload(CourseRow.control_actions),
        )
        .order_by(CourseRow.id)
    ).unique().first()
    if found is None or (worker is not None and not serves(worker, found[0])):
        raise NotFound()
    citizen, course_row = found[0], found[1]
    if course_row is None:
        raise NotFound()
    interviews = uow.session.scalars(
        select(InterviewRow).where(InterviewRow.citizen_id == citizen.id).options(*_INTERVIEW_LOAD)
        .order_by(InterviewRow.start_at, InterviewRow.id)
    ).unique().all()
    decisions = uow.session.scalars(
        select(DecisionRow).join(CourseRow, CourseRow.id == DecisionRow.course_id)
        .where(CourseRow.citizen_id == citizen.id)
        .options(joinedload(DecisionRow.made_by))
        .order_by(DecisionRow.made_at, DecisionRow.id)
    ).all()
    set_committed_value(course_row, "interviews", [r for r in interviews if r.course_id == course_row.id])
    set_committed_value(course_row, "decisions", [d for d in decisions if d.course_id == course_row.id])
    person = PersonCourse(
        id=citizen.id, name=citizen.name, cpr=citizen.cpr, course=course_fact(course_row, citizen),
        interviews=tuple(_interview_view(r, citizen.phone) for r in interviews),
        decisions=tuple(_decision_view(d) for d in decisions),
        book_by_days={
            Organisation.AKASSE: citizen.akasse.book_by_days, Organisation.JOBCENTER: citizen.jobcenter.book_by_days,
        },
        change_deadline_hours={r.id: r.org.change_deadline_hours for r in interviews},
    )
    return person, (found[2] if worker is not None else 0) or 0


def person_course(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> PersonCourse:
    """The person's own open course with their interviews and decisions (three statements); NotFound when they
    have none."""
    with uow:
        return _person_course(uow, citizen_id)[0]


def case_file(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> CaseFile:
    """The person's course, history of changes and number of full-CPR look-ups, for a caseworker whose
    organisation serves them (four statements; the caseworker is the request's logged-in one, already loaded);
    NotFound otherwise, as for a person who does not exist or has no open course."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        person, looked_up = _person_course(uow, citizen_id, worker)
        return CaseFile(person, tuple(_audit_views(uow, person.id)), looked_up)


def load_course(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> Course:
    """The person's open contact course as the facts the rules core evaluates."""
    return person_course(uow, citizen_id).course


def served_person(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> ServedPerson:
    """The person and their open course, if the caseworker's organisation serves them; otherwise NotFound, as
    for a person who does not exist or has no open course."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        return _person_course(uow, citizen_id, worker)[0].served


def citizen_interviews(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> list[InterviewView]:
    """All the person's interviews (every course, every status), by start."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        rows = uow.session.scalars(
            select(InterviewRow).where(InterviewRow.citizen_id == citizen.id).options(*_INTERVIEW_LOAD)
            .order_by(InterviewRow.start_at, InterviewRow.id)
        ).unique()
        return [_interview_view(r, citizen.phone) for r in rows]


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
        return _interview_view(row, citizen.phone if citizen else None)


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


def citizen_messages(uow: SqlAlchemyUnitOfWork, citizen_id: int) -> list[MessageView]:
    """The person's inbox, newest first."""
    with uow:
        citizen = citizen_for(uow, citizen_id)
        rows = uow.session.scalars(
            select(MessageRow).where(MessageRow.citizen_id == citizen.id)
            .order_by(MessageRow.created_at.desc(), MessageRow.id.desc())
        )
        return [
            MessageView(r.id, r.kind, r.subject, r.body, r.created_at, r.read_at, r.interview_id, r.decision_id)
            for r in rows
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
                        row.assessment, row.is_afgoerelse, row.letter, row.interview_id)


def audit_trail(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> list[AuditView]:
    """The history of changes about a person, for a caseworker whose organisation serves them (without the lines
    saying someone saw the full CPR number: those record access, not changes; see :func:`cpr_views`)."""
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


def cpr_views(uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int) -> int:
    """How many times a caseworker has been shown the person's full CPR number (each one is in the audit log)."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        citizen = citizen_for(uow, citizen_id, worker=worker)
        return uow.session.scalar(
            select(func.count()).select_from(AuditRow)
            .where(AuditRow.citizen_id == citizen.id, AuditRow.action == CPR_VIEWED)
        ) or 0


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
