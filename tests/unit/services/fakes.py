"""In-memory stand-ins for the repository and the unit of work (Cosmic Python's FakeRepository/FakeUnitOfWork).

The services take an :class:`~scheduling.adapters.unit_of_work.AbstractUnitOfWork`; these answer every
repository method from Python lists, so a service test that is not about SQL runs without a database. The rows
are the same ORM classes the services write, held transiently (no session): ``flush`` gives new rows ids,
fills in column defaults and links relationships as the database would, ``commit`` makes them permanent,
``rollback`` forgets rows added since the last commit.

What only a database can show — locks, the unique indexes behind "no double booking", the append-only audit
log, the feed's aggregates against real timestamps — stays in ``tests/integration`` on SQLite and PostgreSQL.
The fake records the order of the locks it was asked for (:attr:`FakeRepository.locks`), so a unit test can
say that the services ask for them in the right order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import RelationshipDirection

from scheduling.adapters.orm import (
    AbsenceRow,
    AgreedTimeslotRow,
    AuditRow,
    Base,
    BusyTimeRow,
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    ExemptionRow,
    InterviewParticipantRow,
    InterviewRow,
    MessageRow,
    OrganisationClosureRow,
    OrganisationRow,
    SupervisorRow,
)
from scheduling.adapters.repository import AbstractRepository, FeedInterview, FeedSummary, VisibleInterview
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.calendar.invitations import Recipient
from scheduling.course import InterviewKind, InterviewStatus, Organisation
from scheduling.slots import COPENHAGEN, CaseworkerAvailability, Interval, WorkingHours
from scheduling.vocabulary import AuditObject, BusySource, TimeslotStatus

R = TypeVar("R", bound=Base)


def _active(status: InterviewStatus) -> bool:
    return status != InterviewStatus.CANCELLED


class FakeRepository(AbstractRepository):
    """Every row the services see, in lists by class."""

    def __init__(self) -> None:
        self.rows: dict[type[Base], list[Base]] = {}
        self.pending: list[Base] = []
        self.locks: list[tuple[str, int]] = []  # ("citizen", id) / ("caseworker", id), in the order asked
        self.claims: list[int] = []  # the caseworkers a booking tried to claim, in order
        self._ids = count(1)

    # ---- the fake's own bookkeeping --------------------------------------------------------------------------

    def all(self, cls: type[R]) -> list[R]:
        return list(self.rows.get(cls, []))  # type: ignore[arg-type]

    def _get(self, cls: type[R], row_id: int | None) -> R | None:
        return next((r for r in self.all(cls) if r.id == row_id), None)  # type: ignore[attr-defined]

    def flush(self) -> None:
        """As the database would: ids for new rows, column defaults, foreign keys and relationships in step."""
        for row in self.pending:
            _defaults(row)
            if "id" in type(row).__table__.columns and getattr(row, "id", None) is None:  # type: ignore[attr-defined]
                row.id = next(self._ids)  # type: ignore[attr-defined]
        for row in [r for rows in self.rows.values() for r in rows]:
            self._link(row)

    def commit(self) -> None:
        self.flush()
        self.pending.clear()

    def rollback(self) -> None:
        for row in self.pending:
            self.rows[type(row)].remove(row)
        self.pending.clear()

    def _link(self, row: Base) -> None:
        for rel in inspect(type(row)).relationships:
            if rel.direction is RelationshipDirection.MANYTOONE:
                ((local, remote),) = rel.local_remote_pairs
                target = getattr(row, rel.key)
                if target is not None and getattr(row, local.key) is None:
                    setattr(row, local.key, getattr(target, remote.key))
                elif target is None and getattr(row, local.key) is not None and rel.mapper.class_ in self.rows:
                    found = self._get(rel.mapper.class_, getattr(row, local.key))
                    if found is not None:
                        setattr(row, rel.key, found)
            elif rel.direction is RelationshipDirection.ONETOMANY:
                ((local, remote),) = rel.local_remote_pairs
                collection = getattr(row, rel.key)
                for child in collection:  # cascaded children (participants, working hours) get their key
                    if getattr(child, remote.key) is None:
                        setattr(child, remote.key, getattr(row, local.key))
                    if type(child) not in self.rows:
                        self._link(child)
                for child in self.all(rel.mapper.class_):
                    if getattr(child, remote.key) == getattr(row, local.key) and child not in collection:
                        collection.append(child)

    # ---- writing ---------------------------------------------------------------------------------------------

    def add(self, row: Base) -> None:
        self.rows.setdefault(type(row), []).append(row)
        self.pending.append(row)

    def delete(self, row: Base) -> None:
        self.rows[type(row)].remove(row)
        for rel in inspect(type(row)).relationships:
            if rel.direction is RelationshipDirection.MANYTOONE:
                parent = getattr(row, rel.key)
                back = rel.back_populates
                if parent is not None and back and row in getattr(parent, back):
                    getattr(parent, back).remove(row)

    # ---- plain reads -----------------------------------------------------------------------------------------

    def any_organisation(self) -> bool:
        return bool(self.all(OrganisationRow))

    def organisation(self, organisation_id: int) -> OrganisationRow | None:
        return self._get(OrganisationRow, organisation_id)

    def citizen(self, citizen_id: int) -> CitizenRow | None:
        return self._get(CitizenRow, citizen_id)

    def citizen_by_cpr(self, cpr: str) -> CitizenRow | None:
        return next((c for c in self.all(CitizenRow) if c.cpr == cpr), None)

    def jobcenter_for_kommune(self, kommune: str) -> OrganisationRow | None:
        wanted = kommune.strip().casefold()
        return next(
            (o for o in self.all(OrganisationRow)
             if o.kind == Organisation.JOBCENTER and (o.kommune or "").strip().casefold() == wanted),
            None,
        )

    def add_citizen(self, citizen: CitizenRow) -> bool:
        if any(c.cpr == citizen.cpr for c in self.all(CitizenRow)):  # the unique index
            return False
        self.add(citizen)
        self.flush()
        return True

    def caseworker(self, caseworker_id: int) -> CaseworkerRow | None:
        return self._get(CaseworkerRow, caseworker_id)

    def interview(self, interview_id: int) -> InterviewRow | None:
        return self._get(InterviewRow, interview_id)

    def course(self, course_id: int) -> CourseRow | None:
        return self._get(CourseRow, course_id)

    def exemption(self, exemption_id: int) -> ExemptionRow | None:
        return self._get(ExemptionRow, exemption_id)

    def timeslot(self, timeslot_id: int) -> AgreedTimeslotRow | None:
        return self._get(AgreedTimeslotRow, timeslot_id)

    def absence(self, absence_id: int) -> AbsenceRow | None:
        return self._get(AbsenceRow, absence_id)

    def message(self, message_id: int) -> MessageRow | None:
        return self._get(MessageRow, message_id)

    def active_course(self, citizen_id: int) -> CourseRow | None:
        course = next(
            (c for c in self.all(CourseRow) if c.citizen_id == citizen_id and c.ended_on is None), None
        )
        if course is not None:
            course.interviews.sort(key=lambda i: i.start_at)
        return course

    def caseworkers_offering(self, organisation_id: int, kind: InterviewKind) -> list[CaseworkerRow]:
        return sorted(
            (
                cw
                for cw in self.all(CaseworkerRow)
                if cw.organisation_id == organisation_id
                and not cw.disabled
                and (not cw.offered_kinds or kind.value in cw.offered_kinds)
            ),
            key=lambda cw: cw.id,
        )

    def accepted_timeslots(self, jobcenter_id: int, akasse_id: int) -> list[AgreedTimeslotRow]:
        return [
            t
            for t in self.all(AgreedTimeslotRow)
            if t.jobcenter_id == jobcenter_id and t.akasse_id == akasse_id and t.status == TimeslotStatus.ACCEPTED
        ]

    def closures(
        self, organisation_ids: Sequence[int], first_day: date | None = None, last_day: date | None = None
    ) -> list[OrganisationClosureRow]:
        return sorted(
            (
                c for c in self.all(OrganisationClosureRow)
                if c.organisation_id in organisation_ids
                and (first_day is None or c.day >= first_day) and (last_day is None or c.day <= last_day)
            ),
            key=lambda c: (c.day, c.from_time or time.min, c.id or 0),
        )

    # ---- locks -----------------------------------------------------------------------------------------------

    def lock_citizen(self, citizen_id: int) -> CitizenRow | None:
        self.locks.append(("citizen", citizen_id))
        return self.citizen(citizen_id)

    def claim_caseworker(self, interview: InterviewRow, caseworker_id: int, role: Organisation) -> bool:
        """As the exclusion constraint would: refused when the caseworker has an overlapping active interview."""
        self.claims.append(caseworker_id)
        if self.busy_caseworkers([caseworker_id], interview.start_at, interview.end_at, interview.id):
            return False
        interview.participants.append(InterviewParticipantRow(
            interview_id=interview.id, caseworker_id=caseworker_id, role=role, start_at=interview.start_at,
            end_at=interview.end_at, status=interview.status,
        ))
        return True

    def lock_caseworker(self, caseworker_id: int) -> CaseworkerRow | None:
        self.locks.append(("caseworker", caseworker_id))
        return self.caseworker(caseworker_id)

    # ---- overlaps and availability ---------------------------------------------------------------------------

    def _active_interviews(self, exclude_interview: int | None) -> list[InterviewRow]:
        return [i for i in self.all(InterviewRow) if _active(i.status) and i.id != exclude_interview]

    def busy_caseworkers(
        self, caseworker_ids: Iterable[int], start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> set[int]:
        wanted = set(caseworker_ids)
        return {
            p.caseworker_id
            for i in self._active_interviews(exclude_interview)
            for p in i.participants
            if p.caseworker_id in wanted and _active(p.status) and p.start_at < end and p.end_at > start
        }

    def citizen_has_overlap(
        self, citizen_id: int, start: datetime, end: datetime, exclude_interview: int | None = None
    ) -> bool:
        return any(
            i.citizen_id == citizen_id and i.start_at < end and i.end_at > start
            for i in self._active_interviews(exclude_interview)
        )

    def caseworker_interviews(self, caseworker_id: int, since: datetime) -> list[InterviewRow]:
        return sorted(
            (i for i in self._active_interviews(None) if i.start_at >= since and caseworker_id in i.caseworker_ids),
            key=lambda i: (i.start_at, i.id),
        )

    def citizen_busy_times(self, citizen_id: int, exclude_interview: int | None = None) -> list[tuple[datetime, datetime]]:
        return sorted(
            (i.start_at, i.end_at) for i in self._active_interviews(exclude_interview) if i.citizen_id == citizen_id
        )

    def availability(
        self,
        caseworkers: Sequence[CaseworkerRow],
        first_day: date,
        last_day: date,
        exclude_interview: int | None = None,
        *,
        within: tuple[datetime, datetime] | None = None,
    ) -> list[CaseworkerAvailability]:
        def of(cls: Any, cw_id: int) -> tuple[Interval, ...]:
            return tuple(Interval(r.start_at, r.end_at) for r in self.all(cls) if r.caseworker_id == cw_id and near(r))

        def near(r: Any) -> bool:
            return within is None or (r.start_at < within[1] and within[0] < r.end_at)

        return [
            CaseworkerAvailability(
                caseworker_id=cw.id,
                working_hours=tuple(WorkingHours(w.weekday, w.start_time, w.end_time) for w in cw.working_hours),
                absences=of(AbsenceRow, cw.id),
                busy=of(BusyTimeRow, cw.id),
                interviews=tuple(
                    Interval(p.start_at, p.end_at)
                    for i in self._active_interviews(exclude_interview)
                    for p in i.participants
                    if p.caseworker_id == cw.id and near(p)
                ),
            )
            for cw in caseworkers
        ]

    def offering_availability(
        self,
        organisation_id: int,
        kind: InterviewKind,
        within: tuple[datetime, datetime],
        exclude_interview: int | None = None,
    ) -> list[CaseworkerAvailability]:
        day = within[0].date()
        weekday = within[0].astimezone(COPENHAGEN).weekday()
        found = self.availability(self.caseworkers_offering(organisation_id, kind), day, day, exclude_interview,
                                  within=within)
        return [
            replace(a, working_hours=tuple(h for h in a.working_hours if h.weekday == weekday))
            for a in found
            if any(h.weekday == weekday for h in a.working_hours)
        ]

    # ---- accounts --------------------------------------------------------------------------------------------

    def _by_email(self, email: str) -> CaseworkerRow | None:
        wanted = email.strip().lower()
        return next((cw for cw in self.all(CaseworkerRow) if cw.email.lower() == wanted), None)

    def login_candidate(self, email: str) -> tuple[int, str] | None:
        worker = self._by_email(email)
        if worker is None or worker.disabled or worker.password_hash is None:
            return None
        return worker.id, worker.password_hash

    def supervisor_login_candidate(self, email: str) -> tuple[int, str] | None:
        wanted = email.strip().lower()
        found = next((s for s in self.all(SupervisorRow) if s.email.lower() == wanted), None)
        if found is None or found.disabled or found.password_hash is None:
            return None
        return found.id, found.password_hash

    def lock_supervisor(self, supervisor_id: int) -> SupervisorRow | None:
        return next((s for s in self.all(SupervisorRow) if s.id == supervisor_id), None)

    def active_password_hash(self, caseworker_id: int) -> str | None:
        worker = self.caseworker(caseworker_id)
        return worker.password_hash if worker is not None and not worker.disabled else None

    def email_taken(self, email: str) -> bool:
        return self._by_email(email) is not None or self.lock_supervisor_by_email(email) is not None

    def lock_supervisor_by_email(self, email: str) -> SupervisorRow | None:
        wanted = email.strip().lower()
        return next((s for s in self.all(SupervisorRow) if s.email.lower() == wanted), None)

    def _person(
        self, citizen_id: int | None, caseworker_id: int | None, supervisor_id: int | None
    ) -> CitizenRow | CaseworkerRow | SupervisorRow | None:
        if supervisor_id is not None:
            return self.lock_supervisor(supervisor_id)
        return self.citizen(citizen_id) if citizen_id is not None else self.caseworker(caseworker_id or 0)

    def session_version(
        self, citizen_id: int | None = None, caseworker_id: int | None = None, supervisor_id: int | None = None
    ) -> int | None:
        person = self._person(citizen_id, caseworker_id, supervisor_id)
        return person.session_version if person is not None else None

    def raise_session_version(
        self, citizen_id: int | None = None, caseworker_id: int | None = None, supervisor_id: int | None = None
    ) -> None:
        person = self._person(citizen_id, caseworker_id, supervisor_id)
        if person is not None:
            person.session_version += 1

    # ---- calendars -------------------------------------------------------------------------------------------

    def _last_change(self, row: InterviewRow) -> datetime:
        changes = [
            a.at
            for a in self.all(AuditRow)
            if a.object_type == AuditObject.INTERVIEW and a.object_id == row.id
        ]
        return max(changes, default=row.booked_at)

    def visible_interview(self, interview_id: int) -> VisibleInterview | None:
        row = self.interview(interview_id)
        if row is None:
            return None
        citizen = self.citizen(row.citizen_id)
        assert citizen is not None
        return row, citizen.phone, self._last_change(row), citizen.email

    def citizen_by_feed_token(self, token: str) -> CitizenRow | None:
        return next((c for c in self.all(CitizenRow) if c.calendar_feed_token == token), None)

    def caseworker_by_feed_token(self, token: str) -> CaseworkerRow | None:
        return next(
            (cw for cw in self.all(CaseworkerRow) if cw.calendar_feed_token == token and not cw.disabled), None
        )

    def feed_token_taken(self, token: str) -> bool:
        return self.citizen_by_feed_token(token) is not None or any(
            cw.calendar_feed_token == token for cw in self.all(CaseworkerRow)
        )

    def _mine(self, recipient: Recipient, owner_id: int) -> list[InterviewRow]:
        def mine(i: InterviewRow) -> bool:
            if recipient is Recipient.CITIZEN:
                return i.citizen_id == owner_id
            return owner_id in i.caseworker_ids

        return sorted((i for i in self.all(InterviewRow) if mine(i)), key=lambda i: (i.start_at, i.id))

    def _feed(self, recipient: Recipient, owner_id: int, since: datetime, until: datetime) -> list[InterviewRow]:
        return [i for i in self._mine(recipient, owner_id) if since <= i.start_at < until]

    def feed_summary(self, recipient: Recipient, owner_id: int, since: datetime, until: datetime) -> FeedSummary:
        rows = self._feed(recipient, owner_id, since, until)
        newest = max((self._last_change(i) for i in rows), default=None)
        before = max((i.start_at for i in self._mine(recipient, owner_id) if i.start_at < since), default=None)
        latest = max((i.start_at for i in rows), default=None)
        return FeedSummary(newest, len(rows), sum(i.sequence for i in rows), latest, before)

    def feed_interviews(
        self, recipient: Recipient, owner_id: int, since: datetime, until: datetime
    ) -> list[FeedInterview]:
        result: list[FeedInterview] = []
        for row in self._feed(recipient, owner_id, since, until):
            citizen = self.citizen(row.citizen_id)
            org = self._get(OrganisationRow, row.organisation_id)
            result.append(FeedInterview(
                row.uid, row.sequence, row.status, row.start_at, row.end_at, row.kind, row.format, row.video_link,
                row.booked_at, row.booked_by, row.akasse_participation, org.name, org.kind, org.address,
                citizen.phone if citizen else None, self._last_change(row),
            ))
        return result

    def replace_busy_times(
        self, caseworker_id: int, source: BusySource, intervals: Iterable[tuple[datetime, datetime]], now: datetime
    ) -> None:
        for old in [b for b in self.all(BusyTimeRow) if b.caseworker_id == caseworker_id and b.source == source]:
            self.rows[BusyTimeRow].remove(old)
        for start, end in intervals:
            self.add(BusyTimeRow(caseworker_id=caseworker_id, start_at=start, end_at=end, source=source, imported_at=now))

    def busy_times(self, caseworker_id: int, lo: datetime, hi: datetime) -> list[BusyTimeRow]:
        return sorted(
            (b for b in self.all(BusyTimeRow) if b.caseworker_id == caseworker_id and b.start_at < hi and b.end_at > lo),
            key=lambda b: (b.start_at, b.id),
        )

    def caseworker_ids_with_busy_url(self) -> list[int]:
        return sorted(cw.id for cw in self.all(CaseworkerRow) if cw.busy_ics_url and not cw.disabled)


def _defaults(row: Base) -> None:
    """The columns' scalar defaults, as an INSERT would fill them in."""
    for column in type(row).__table__.columns:  # type: ignore[attr-defined]
        if getattr(row, column.key, None) is not None:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            setattr(row, column.key, default.arg)
        elif default is not None and default.is_callable:
            setattr(row, column.key, default.arg(None))


class FakeUnitOfWork(AbstractUnitOfWork):
    """A unit of work over one :class:`FakeRepository`; ``commits`` counts the commits that were made."""

    def __init__(self, repo: FakeRepository | None = None, *, read_only: bool = False) -> None:
        self.repo: FakeRepository = repo or FakeRepository()
        self.read_only = read_only
        self.commits = 0

    def reader(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.repo, read_only=True)

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.repo.commit()
        self.commits += 1

    def rollback(self) -> None:
        self.repo.rollback()

    def flush(self) -> None:
        self.repo.flush()

    # What the tests look at: the rows the services wrote.

    def audit(self) -> list[AuditRow]:
        return self.repo.all(AuditRow)

    def messages(self, citizen_id: int | None = None) -> list[MessageRow]:
        return [m for m in self.repo.all(MessageRow) if citizen_id is None or m.citizen_id == citizen_id]


def local(day: date, hhmm: str) -> datetime:
    """An instant from a Danish date and wall-clock time, as aware UTC."""
    return datetime.combine(day, time.fromisoformat(hhmm), COPENHAGEN).astimezone(UTC)


__all__ = ["FakeRepository", "FakeUnitOfWork", "local", "timedelta"]
