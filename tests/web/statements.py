"""Helpers (no tests) for counting what a page asks of the database, and for growing the demo world.

:func:`counting` listens on the app's engine: every statement sent to the database (``before_cursor_execute``;
SQLite's own ``BEGIN`` is left out, PostgreSQL begins without one) and every transaction (``begin``), split into
read-only ones (the request's reads) and writing ones (a service's). :func:`grow` adds many more rows of every
kind about one person and many more people, caseworkers and hours to their organisations — plain rows, like
``tests/integration/world.py`` (set-up, not a use case) — so a test can show that a page asks the same
whatever the size of the data.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event, select

from tests.web.helpers import DEMO_TODAY


@dataclass(repr=False)
class Counts:
    statements: list[str] = field(default_factory=list)
    reading: int = 0  # read-only transactions begun
    writing: int = 0  # writing transactions begun
    written: list[str] = field(default_factory=list)  # the statements sent inside writing transactions

    @property
    def transactions(self) -> int:
        return self.reading + self.writing

    def __repr__(self) -> str:
        listing = "\n".join(f"  {s.split(chr(10))[0][:160]}" for s in self.statements)
        return f"{len(self.statements)} statements in {self.reading} read + {self.writing} write transactions:\n{listing}"


@contextmanager
def counting(app) -> Iterator[Counts]:
    """Count the statements and transactions on the app's engine inside the block."""
    from scheduling.adapters.db import READ_ONLY

    engine = app.extensions["selvbooking_engine"]
    counts = Counts()

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            counts.statements.append(statement)
            if not _conn.get_execution_options().get(READ_ONLY):
                counts.written.append(statement)

    def on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            counts.reading += 1
        else:
            counts.writing += 1

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "begin", on_begin)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "begin", on_begin)


def page_counts(app, client, path: str, status: int = 200) -> Counts:
    """GET ``path`` and count what it asked of the database."""
    with counting(app) as counts:
        response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:1000]
    return counts


def next_monday() -> date:
    today = date.fromisoformat(DEMO_TODAY)
    return today + timedelta(days=7 - today.weekday())


def _at(day: date, hhmm: str) -> datetime:
    from scheduling.slots import COPENHAGEN

    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), COPENHAGEN).astimezone(UTC)


def grow(app, person: str, *, rows: int = 40, people: int = 40, caseworkers: int = 8) -> None:
    """Many more of everything: for ``person`` an earlier, ended course with ``rows`` held interviews, hour
    entries, decisions and exemptions, ``rows`` cancelled interviews and recorded decisions in the open course,
    ``rows`` messages, history lines and CPR look-ups; in their a-kasse ``caseworkers`` more caseworkers with
    working hours, absences and busy times next week, and ``people`` more people with a course and interviews."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import (
        AbsenceRow,
        AuditRow,
        BusyTimeRow,
        CaseworkerRow,
        CitizenRow,
        CourseRow,
        DecisionRow,
        ExemptionRow,
        HourEntryRow,
        InterviewParticipantRow,
        InterviewRow,
        MessageRow,
        WorkingHoursRow,
    )
    from scheduling.course import (
        BookedBy,
        ExemptionGround,
        Format,
        HourKind,
        Insurance,
        InterviewKind,
        InterviewStatus,
        Organisation,
    )
    from scheduling.vocabulary import ActorKind, BusySource, RecordKind

    today = date.fromisoformat(DEMO_TODAY)
    with app.app_context(), unit_of_work() as uow:
        session = uow.session
        citizen = session.scalar(select(CitizenRow).where(CitizenRow.name == person))
        assert citizen is not None, person
        akasse = citizen.akasse
        colleague = session.scalar(select(CaseworkerRow).where(CaseworkerRow.organisation_id == akasse.id).limit(1))
        open_course = session.scalar(
            select(CourseRow).where(CourseRow.citizen_id == citizen.id, CourseRow.ended_on.is_(None))
        )

        def interview(course: CourseRow, who: CitizenRow, worker: CaseworkerRow, start: datetime,
                      status: InterviewStatus) -> InterviewRow:
            end = start + timedelta(minutes=akasse.slot_minutes)
            row = InterviewRow(
                uid=f"{secrets.token_hex(8)}@grown", sequence=0, course_id=course.id, citizen_id=who.id,
                kind=InterviewKind.JOBSAMTALE, organisation=Organisation.AKASSE, organisation_id=akasse.id,
                start_at=start, end_at=end, format=Format.TELEFONISK, status=status, booked_by=BookedBy.SELF,
                booked_at=start - timedelta(days=3), rebooked_count=0, checklist={},
                participants=[InterviewParticipantRow(caseworker_id=worker.id, role=Organisation.AKASSE,
                                                      start_at=start, end_at=end, status=status)],
            )
            uow.repo.add(row)
            return row

        # the person: an earlier course, ended before the open one began, full of history
        first = open_course.registered_on - timedelta(days=3 * 365)
        old = CourseRow(citizen_id=citizen.id, registered_on=first, placed_on=first, insurance=Insurance.FULLTIME,
                        ended_on=open_course.registered_on - timedelta(days=30))
        uow.repo.add(old)
        uow.flush()
        for i in range(rows):
            day = first + timedelta(days=7 * i + 1)
            held = interview(old, citizen, colleague, _at(day, "10:00"), InterviewStatus.HELD)
            uow.repo.add(HourEntryRow(course_id=old.id, registered_on=day, period_start=day, period_end=day,
                                      hours=Decimal("7.4"), kind=HourKind.DAGPENGE,
                                      registered_at=_at(day, "08:00")))
            uow.flush()
            uow.repo.add(DecisionRow(course_id=old.id, kind=RecordKind.FORMAT_RAISED, organisation=Organisation.AKASSE,
                                     organisation_id=akasse.id, made_by_id=colleague.id, made_at=_at(day, "09:00"),
                                     assessment="Vokset verden", interview_id=held.id))
        for i in range(3):
            uow.repo.add(ExemptionRow(course_id=old.id, ground=ExemptionGround.NR4_EDUCATION,
                                      starts_on=first + timedelta(days=100 * i), ends_on=first + timedelta(days=100 * i + 20),
                                      registered_at=_at(first, "08:00")))
        # the open course: cancelled interviews and recorded (non-binding) decisions
        for i in range(rows):
            day = today + timedelta(days=14 + i)
            cancelled = interview(open_course, citizen, colleague, _at(day, "13:00"), InterviewStatus.CANCELLED)
            cancelled.cancelled_at = _at(today, "08:00")
            uow.flush()
            uow.repo.add(DecisionRow(course_id=open_course.id, kind=RecordKind.FORMAT_RAISED,
                                     organisation=Organisation.AKASSE, organisation_id=akasse.id,
                                     made_by_id=colleague.id, made_at=_at(today - timedelta(days=1), "09:00"),
                                     assessment="Vokset verden", interview_id=cancelled.id))
        for i in range(rows):
            at = _at(today - timedelta(days=i % 30 + 1), "12:00")
            uow.repo.add(MessageRow(citizen_id=citizen.id, kind="booking", subject=f"Besked {i}", body="Tekst",
                                    created_at=at))
            for action in ("self_book", "cpr_viewed"):
                uow.repo.add(AuditRow(at=at, actor_kind=ActorKind.CASEWORKER, actor_id=colleague.id, action=action,
                                      object_type="citizen", object_id=citizen.id, citizen_id=citizen.id, details={}))
        # the organisation: more caseworkers (working, absent and busy next week) and more people
        monday = next_monday()
        workers = []
        for i in range(caseworkers):
            worker = CaseworkerRow(
                organisation_id=akasse.id, name=f"Ekstra rådgiver {i}", email=f"{secrets.token_hex(6)}@grown.example.dk",
                calendar_feed_token=secrets.token_hex(16), offered_kinds=[], offered_formats=[f.value for f in Format],
            )
            worker.working_hours = [WorkingHoursRow(weekday=d, start_time=time(9), end_time=time(15)) for d in range(5)]
            uow.repo.add(worker)
            workers.append(worker)
        uow.flush()
        for worker in workers:
            for d in range(5):
                day = monday + timedelta(days=d)
                uow.repo.add(AbsenceRow(caseworker_id=worker.id, start_at=_at(day, "09:00"), end_at=_at(day, "10:00")))
                uow.repo.add(BusyTimeRow(caseworker_id=worker.id, start_at=_at(day, "11:00"), end_at=_at(day, "12:00"),
                                         source=BusySource.ICS_UPLOAD, imported_at=_at(today, "07:00")))
        for i in range(people):
            other = CitizenRow(
                cpr=f"99{citizen.id:03d}{i:05d}", name=f"Ekstra borger {i}", birth_date=date(1980, 1, 1),
                akasse_id=akasse.id, jobcenter_id=citizen.jobcenter_id, calendar_feed_token=secrets.token_hex(16),
            )
            uow.repo.add(other)
            uow.flush()
            course = CourseRow(citizen_id=other.id, registered_on=today - timedelta(days=40),
                               placed_on=today - timedelta(days=40), insurance=Insurance.FULLTIME)
            uow.repo.add(course)
            uow.flush()
            worker = workers[i % len(workers)]
            slot = i // len(workers)
            interview(course, other, worker, _at(today - timedelta(days=30), "09:00") + timedelta(hours=slot),
                      InterviewStatus.HELD)
            day = monday + timedelta(days=slot % 5)
            interview(course, other, worker, _at(day, "13:00") + timedelta(minutes=akasse.slot_minutes * (slot // 5)),
                      InterviewStatus.BOOKED)
        uow.commit()
