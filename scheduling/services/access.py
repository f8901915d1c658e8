"""What every service does first: the day in Denmark, who the caller is, what they may see, the facts.

Ownership is checked here and nowhere else: a citizen sees only their own interviews and messages; a caseworker
sees only the people their organisation serves (an a-kasse its members, a jobcenter its kommune's residents).
Anything else is :class:`NotFound`, exactly as if the id did not exist.
"""

from __future__ import annotations

from datetime import date, datetime

from scheduling.adapters.facts import course_fact
from scheduling.adapters.orm import CaseworkerRow, CitizenRow, CourseRow, InterviewRow, OrganisationRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import Course, Organisation
from scheduling.evaluation import CaseworkerAction, Verdict, check_caseworker_action
from scheduling.services.errors import InvalidInput, NotFound, Refused
from scheduling.slots import COPENHAGEN


def today(now: datetime) -> date:
    """The Danish date of an aware instant (the rules' "on"); a naive ``now`` is a programming error."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(COPENHAGEN).date()


def require(verdict: Verdict) -> None:
    """Raise :class:`Refused` with the rules core's reason unless it said yes."""
    if not verdict.allowed:
        raise Refused(verdict.reason)


def required_text(value: str | None, message: str) -> str:
    """A reason or assessment a caseworker must write: blank is :class:`InvalidInput` with ``message``."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput.because(message)
    return text


def caseworker(uow: AbstractUnitOfWork, caseworker_id: int) -> CaseworkerRow:
    """An active caseworker account, or NotFound."""
    row = uow.repo.caseworker(caseworker_id)
    if row is None or row.disabled:
        raise NotFound()
    return row


def serves(worker: CaseworkerRow, citizen: CitizenRow) -> bool:
    return worker.organisation_id in (citizen.akasse_id, citizen.jobcenter_id)


def citizen_for(
    uow: AbstractUnitOfWork, citizen_id: int, *, worker: CaseworkerRow | None = None, lock: bool = False
) -> CitizenRow:
    """The person (locked for the transaction if ``lock``); NotFound if absent or not served by ``worker``."""
    row = uow.repo.lock_citizen(citizen_id) if lock else uow.repo.citizen(citizen_id)
    if row is None or (worker is not None and not serves(worker, row)):
        raise NotFound()
    return row


def interview_for(
    uow: AbstractUnitOfWork, interview_id: int, *, citizen_id: int | None = None, worker: CaseworkerRow | None = None
) -> InterviewRow:
    """An interview the caller may see: the citizen's own, or one of a person the caseworker's organisation serves."""
    row = uow.repo.interview(interview_id)
    if row is None:
        raise NotFound()
    if citizen_id is not None and row.citizen_id != citizen_id:
        raise NotFound()
    if worker is not None:
        citizen = uow.repo.citizen(row.citizen_id)
        if citizen is None or not serves(worker, citizen):
            raise NotFound()
    return row


def course_of(
    uow: AbstractUnitOfWork, citizen: CitizenRow, *, without_interview: int | None = None
) -> tuple[CourseRow, Course]:
    """The person's open course, as rows and as facts; NotFound if they have none."""
    row = uow.repo.active_course(citizen.id)
    if row is None:
        raise NotFound()
    return row, course_fact(row, citizen, without_interview=without_interview)


def authorise_action(
    uow: AbstractUnitOfWork, caseworker_id: int, citizen_id: int, action: CaseworkerAction, now: datetime
) -> tuple[CaseworkerRow, CitizenRow, CourseRow]:
    """The caseworker, the person (locked) and their open course, once the rules core lets the caseworker's
    organisation take ``action`` on the course today; NotFound or :class:`Refused` otherwise."""
    worker = caseworker(uow, caseworker_id)
    citizen = citizen_for(uow, citizen_id, worker=worker, lock=True)
    course_row, course = course_of(uow, citizen)
    require(check_caseworker_action(course, today(now), worker.organisation.kind, action))
    return worker, citizen, course_row


def organisation_of(citizen: CitizenRow, organisation: Organisation) -> OrganisationRow:
    """The person's own a-kasse or jobcenter."""
    return citizen.akasse if organisation == Organisation.AKASSE else citizen.jobcenter
