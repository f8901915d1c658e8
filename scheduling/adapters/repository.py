"""Queries and row locks behind the services: the only SQL the booking transactions run.

Locks: :meth:`Repository.lock_citizen` and :meth:`Repository.lock_caseworkers` take ``SELECT … FOR UPDATE``
row locks on PostgreSQL (in id order, citizen first, so two transactions never wait on each other in a
circle). On SQLite ``FOR UPDATE`` does not exist and is not needed: every write transaction began with
``BEGIN IMMEDIATE`` (see :mod:`scheduling.adapters.db`), which already holds the database's write lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from scheduling.adapters.orm import (
    AbsenceRow,
    AgreedTimeslotRow,
    BusyTimeRow,
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    ExemptionRow,
    InterviewParticipantRow,
    InterviewRow,
    OrganisationRow,
    TimeslotStatus,
)
from scheduling.course import InterviewKind, InterviewStatus
from scheduling.slots import COPENHAGEN, AgreedTimeslot, CaseworkerAvailability, Interval, WorkingHours

_ACTIVE = InterviewStatus.CANCELLED


def _course_query() -> Select[CourseRow]:
    return select(CourseRow).options(
        selectinload(CourseRow.hours),
        selectinload(CourseRow.exemptions),
        selectinload(CourseRow.control_actions),
        selectinload(CourseRow.interviews).selectinload(InterviewRow.participants),
        selectinload(CourseRow.decisions),
    )


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ---- plain reads -----------------------------------------------------------------------------------------

    def organisation(self, organisation_id: int) -> OrganisationRow | None:
        return self.session.get(OrganisationRow, organisation_id)

    def citizen(self, citizen_id: int) -> CitizenRow | None:
        return self.session.get(CitizenRow, citizen_id)

    def citizen_by_cpr(self, cpr: str) -> CitizenRow | None:
        return self.session.scalar(select(CitizenRow).where(CitizenRow.cpr == cpr))

    def caseworker(self, caseworker_id: int) -> CaseworkerRow | None:
        return self.session.get(CaseworkerRow, caseworker_id)

    def interview(self, interview_id: int) -> InterviewRow | None:
        return self.session.get(InterviewRow, interview_id)

    def exemption(self, exemption_id: int) -> ExemptionRow | None:
        return self.session.get(ExemptionRow, exemption_id)

    def timeslot(self, timeslot_id: int) -> AgreedTimeslotRow | None:
        return self.session.get(AgreedTimeslotRow, timeslot_id)

    def active_course(self, citizen_id: int) -> CourseRow | None:
        """The person's open contact course with everything the rules need, loaded in a few queries."""
        return self.session.scalar(
            _course_query().where(CourseRow.citizen_id == citizen_id, CourseRow.ended_on.is_(None))
        )

    def caseworkers_offering(self, organisation_id: int, kind: InterviewKind) -> list[CaseworkerRow]:
        """Active caseworkers of an organisation who hold this kind of interview (an empty offer means all)."""
        rows = self.session.scalars(
            select(CaseworkerRow)
            .where(CaseworkerRow.organisation_id == organisation_id, CaseworkerRow.disabled.is_(False))
            .options(selectinload(CaseworkerRow.working_hours))
            .order_by(CaseworkerRow.id)
        )
        return [cw for cw in rows if not cw.offered_kinds or kind.value in cw.offered_kinds]

    def accepted_timeslots(self, jobcenter_id: int, akasse_id: int) -> list[AgreedTimeslotRow]:
        return list(
            self.session.scalars(
                select(AgreedTimeslotRow)
                .where(
                    AgreedTimeslotRow.jobcenter_id == jobcenter_id,
                    AgreedTimeslotRow.akasse_id == akasse_id,
                    AgreedTimeslotRow.status == TimeslotStatus.ACCEPTED,
                )
                .order_by(AgreedTimeslotRow.id)
            )
        )

    # ---- locks -----------------------------------------------------------------------------------------------

    def lock_citizen(self, citizen_id: int) -> CitizenRow | None:
        """Lock the person's row for the rest of the transaction (their interviews cannot change meanwhile)."""
        return self.session.scalar(
            select(CitizenRow).where(CitizenRow.id == citizen_id).with_for_update().execution_options(
                populate_existing=True
            )
        )

    def lock_caseworkers(self, caseworker_ids: Iterable[int]) -> list[CaseworkerRow]:
        """Lock caseworker rows in id order (a fixed order: no deadlock between two bookings)."""
        ids = sorted(set(caseworker_ids))
        if not ids:
            return []
        return list(
            self.session.scalars(
                select(CaseworkerRow)
                .where(CaseworkerRow.id.in_(ids))
                .order_by(CaseworkerRow.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        )

    # ---- overlaps (run after the locks: they then see every committed booking) ------------------------------

    def busy_caseworkers(
        self, caseworker_ids: Iterable[int], start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> set[int]:
        """Which of these caseworkers have an active interview overlapping ``[start, end)``."""
        query = select(InterviewParticipantRow.caseworker_id).where(
            InterviewParticipantRow.caseworker_id.in_(list(caseworker_ids)),
            InterviewParticipantRow.status != _ACTIVE,
            InterviewParticipantRow.start_at < end,
            InterviewParticipantRow.end_at > start,
        )
        if exclude_interview is not None:
            query = query.where(InterviewParticipantRow.interview_id != exclude_interview)
        return set(self.session.scalars(query))

    def citizen_has_overlap(
        self, citizen_id: int, start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> bool:
        """Does the person already hold an active interview overlapping ``[start, end)``?"""
        query = select(InterviewRow.id).where(
            InterviewRow.citizen_id == citizen_id,
            InterviewRow.status != _ACTIVE,
            InterviewRow.start_at < end,
            InterviewRow.end_at > start,
        )
        if exclude_interview is not None:
            query = query.where(InterviewRow.id != exclude_interview)
        return self.session.scalar(query.limit(1)) is not None

    # ---- what the slot finder needs --------------------------------------------------------------------------

    def availability(
        self,
        caseworkers: Sequence[CaseworkerRow],
        first_day: date,
        last_day: date,
        exclude_interview: int | None = None,
    ) -> list[CaseworkerAvailability]:
        """Working hours, absences, busy times and active interviews of these caseworkers over the days."""
        if not caseworkers:
            return []
        ids = [cw.id for cw in caseworkers]
        lo = datetime.combine(first_day, time(0), COPENHAGEN).astimezone(UTC) - timedelta(days=1)
        hi = datetime.combine(last_day + timedelta(days=1), time(0), COPENHAGEN).astimezone(UTC) + timedelta(days=1)
        blocked: dict[str, dict[int, list[Interval]]] = {"absences": {}, "busy": {}, "interviews": {}}
        for table, key in ((AbsenceRow, "absences"), (BusyTimeRow, "busy")):
            for cw_id, start, end in self.session.execute(
                select(table.caseworker_id, table.start_at, table.end_at).where(  # type: ignore[attr-defined]
                    table.caseworker_id.in_(ids), table.start_at < hi, table.end_at > lo  # type: ignore[attr-defined]
                )
            ):
                if end > start:
                    blocked[key].setdefault(cw_id, []).append(Interval(start, end))
        query = select(
            InterviewParticipantRow.caseworker_id, InterviewParticipantRow.start_at, InterviewParticipantRow.end_at
        ).where(
            InterviewParticipantRow.caseworker_id.in_(ids),
            InterviewParticipantRow.status != _ACTIVE,
            InterviewParticipantRow.start_at < hi,
            InterviewParticipantRow.end_at > lo,
        )
        if exclude_interview is not None:
            query = query.where(InterviewParticipantRow.interview_id != exclude_interview)
        for cw_id, start, end in self.session.execute(query):
            blocked["interviews"].setdefault(cw_id, []).append(Interval(start, end))
        return [
            CaseworkerAvailability(
                caseworker_id=cw.id,
                working_hours=tuple(WorkingHours(w.weekday, w.start_time, w.end_time) for w in cw.working_hours),
                absences=tuple(blocked["absences"].get(cw.id, ())),
                busy=tuple(blocked["busy"].get(cw.id, ())),
                interviews=tuple(blocked["interviews"].get(cw.id, ())),
            )
            for cw in caseworkers
        ]


def timeslot_value(row: AgreedTimeslotRow) -> AgreedTimeslot:
    """An accepted timeslot row as the slot finder's value."""
    return AgreedTimeslot(
        id=row.id,
        weekday=row.weekday,
        start=row.start_time,
        end=row.end_time,
        valid_from=row.valid_from,
        valid_until=row.valid_to,
        akasse_participation=row.akasse_participation,
    )
