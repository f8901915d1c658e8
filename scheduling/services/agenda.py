"""A caseworker's day: the interviews they take part in on a few days, in time order (the read side of "I dag").

One statement, whatever the size of the caseload: the caseworker's interviews in the window (by the index on
the participants' caseworker and start), each with its person, holding organisation and place. Whether the
caseworker's organisation may record an interview is the rules core's answer (R1: the organisation holding it
records it), which needs nothing of the person's course; what the checklist for recording asks (R12–R14) is
asked on the recording page itself, where the person's course is loaded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, select

from scheduling.adapters.orm import CitizenRow, InterviewParticipantRow, InterviewRow, OrganisationRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Format, InterviewKind, InterviewStatus, Organisation
from scheduling.reasons import Reason
from scheduling.rules.caseworker import record_verdict
from scheduling.services.access import caseworker
from scheduling.services.errors import require_dates_in_range
from scheduling.slots import COPENHAGEN

__all__ = ["AgendaEntry", "caseworker_agenda"]


@dataclass(frozen=True)
class AgendaEntry:
    """One interview on a caseworker's day: when, how, where, with whom, and what is left to do about it."""

    interview_id: int
    citizen_id: int
    citizen_name: str
    citizen_phone: str | None  # the number to call for an interview by phone
    kind: InterviewKind
    organisation: Organisation  # the one holding it
    organisation_name: str
    address: str | None  # where an interview in person is held: the holding organisation's address
    start: datetime
    end: datetime
    format: Format
    status: InterviewStatus
    video_link: str | None
    to_record: bool  # begun (or past) and still booked: held or missed is yet to be recorded
    may_record: bool  # the caseworker's organisation records it (R1)
    record_reason: Reason | None  # why not, when it may not

    @property
    def day(self) -> date:
        """The Danish day it is on."""
        return self.start.astimezone(COPENHAGEN).date()


_AGENDA = (
    select(
        InterviewRow.id, InterviewRow.citizen_id, CitizenRow.name.label("citizen_name"),
        CitizenRow.phone.label("citizen_phone"), InterviewRow.kind, InterviewRow.organisation,
        OrganisationRow.name.label("organisation_name"), OrganisationRow.address, InterviewRow.start_at,
        InterviewRow.end_at, InterviewRow.format, InterviewRow.status, InterviewRow.video_link,
    )
    .select_from(InterviewParticipantRow)
    .join(InterviewRow, InterviewRow.id == InterviewParticipantRow.interview_id)
    .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
    .join(OrganisationRow, OrganisationRow.id == InterviewRow.organisation_id)
    .where(
        InterviewParticipantRow.caseworker_id == bindparam("caseworker"),
        InterviewParticipantRow.start_at >= bindparam("lo"),
        InterviewParticipantRow.start_at < bindparam("hi"),
        InterviewRow.status != InterviewStatus.CANCELLED,
    )
    .order_by(InterviewRow.start_at, InterviewRow.id)
)


def caseworker_agenda(
    uow: SqlAlchemyUnitOfWork, caseworker_id: int, first_day: date, last_day: date, now: datetime
) -> list[AgendaEntry]:
    """The interviews the caseworker takes part in from ``first_day`` to ``last_day`` (Danish days, both
    included), cancelled ones left out, in time order; those begun by ``now`` and still booked are to record.
    NotFound for a caseworker who does not exist or is disabled."""
    require_dates_in_range(first_day, last_day)
    lo = datetime.combine(first_day, time(0), COPENHAGEN)
    hi = datetime.combine(last_day + timedelta(days=1), time(0), COPENHAGEN)
    with uow:
        worker = caseworker(uow, caseworker_id)
        actor = worker.organisation.kind
        rows = uow.session.execute(_AGENDA, {"caseworker": worker.id, "lo": lo, "hi": hi}).all()
        entries = []
        for r in rows:
            to_record = r.status == InterviewStatus.BOOKED and r.start_at <= now
            verdict = record_verdict(actor, r.organisation)
            entries.append(AgendaEntry(
                interview_id=r.id, citizen_id=r.citizen_id, citizen_name=r.citizen_name, citizen_phone=r.citizen_phone,
                kind=r.kind, organisation=r.organisation, organisation_name=r.organisation_name, address=r.address,
                start=r.start_at, end=r.end_at, format=r.format, status=r.status, video_link=r.video_link,
                to_record=to_record, may_record=verdict.allowed, record_reason=None if verdict.allowed else verdict.reason,
            ))
        return entries
