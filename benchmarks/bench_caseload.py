"""The caseload at scale on PostgreSQL: N people in one a-kasse, one page of 50 from the read model, time and SQL
statements. (The page before issue 11 loaded and evaluated every course: 25 s at 5,000 people, see
benchmarks/caseload-results.md; that query is gone.)

    SELVBOOKING_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m benchmarks.bench_caseload 5000 20000

A scratch database per size is created and dropped. People are inserted in bulk (Core, no hook); the read model
is then filled by ``refresh`` (what ``flask caseload opdater`` does after the upgrade), which is timed too.
"""

from __future__ import annotations

import os
import statistics
import sys
import time as clock
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import make_url

from scheduling.adapters import db
from scheduling.adapters.orm import (
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    HourEntryRow,
    InterviewParticipantRow,
    InterviewRow,
    OrganisationRow,
)
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import (
    BookedBy,
    Format,
    HourKind,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.services.caseload import CaseloadFilter, CaseloadQuery, CaseloadSort, caseload_page, refresh

TODAY = date(2026, 11, 25)
WORKERS = 50


def _world(engine, people: int) -> tuple[int, list[int]]:
    with engine.begin() as conn:
        akasse = conn.execute(insert(OrganisationRow).returning(OrganisationRow.id), [dict(
            kind=Organisation.AKASSE, name="Bench-kassen", book_by_days=8, change_deadline_hours=24, slot_minutes=30,
            faellessamtale_r10_selvbooking=True, faellessamtale_r12_selvbooking=True)]).scalar_one()
        jobcenter = conn.execute(insert(OrganisationRow).returning(OrganisationRow.id), [dict(
            kind=Organisation.JOBCENTER, name="Jobcenter Bench", kommune="Bench", book_by_days=8,
            change_deadline_hours=24, slot_minutes=30, faellessamtale_r10_selvbooking=True,
            faellessamtale_r12_selvbooking=True)]).scalar_one()
        workers = list(conn.execute(insert(CaseworkerRow).returning(CaseworkerRow.id), [dict(
            organisation_id=akasse, name=f"Rådgiver {i}", email=f"r{i}@bench.dk", calendar_feed_token=uuid.uuid4().hex,
            offered_kinds=[], offered_formats=["video"]) for i in range(WORKERS)]).scalars())
        names = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"]
        citizens = list(conn.execute(insert(CitizenRow).returning(CitizenRow.id), [dict(
            cpr=f"{1 + i % 28:02d}{1 + i % 12:02d}{80 + i % 15:02d}{i:04d}"[:10] if i < 10000 else f"{i:010d}",
            name=f"{['Anna', 'Bo', 'Carl', 'Dorte', 'Emil'][i % 5]} {names[i % 8]} {i}", birth_date=date(1985, 1, 1),
            akasse_id=akasse, jobcenter_id=jobcenter, calendar_feed_token=uuid.uuid4().hex,
        ) for i in range(people)]).scalars())
        registered = [TODAY - timedelta(days=130 + (i * 7) % 200) for i in range(people)]
        courses = list(conn.execute(insert(CourseRow).returning(CourseRow.id), [dict(
            citizen_id=c, registered_on=registered[i], placed_on=registered[i], insurance=Insurance.FULLTIME,
        ) for i, c in enumerate(citizens)]).scalars())
        interviews = []
        for i, (citizen, course) in enumerate(zip(citizens, courses, strict=True)):
            start = datetime(2026, 8, 1, 6, 0, tzinfo=UTC) + timedelta(minutes=i)  # one start per person
            interviews.append(dict(
                uid=f"b{course}@bench", sequence=0, course_id=course, citizen_id=citizen,
                kind=InterviewKind.JOBSAMTALE, organisation=Organisation.AKASSE, organisation_id=akasse,
                start_at=start, end_at=start + timedelta(minutes=30), format=Format.PERSONLIGT,
                status=InterviewStatus.HELD, booked_by=BookedBy.CALLED_IN, booked_at=start - timedelta(days=5),
                checklist={}))
        ids = list(conn.execute(insert(InterviewRow).returning(InterviewRow.id), interviews).scalars())
        conn.execute(insert(InterviewParticipantRow), [dict(
            interview_id=iid, caseworker_id=workers[n % WORKERS], role=Organisation.AKASSE,
            start_at=iv["start_at"], end_at=iv["end_at"], status=InterviewStatus.HELD,
        ) for n, (iid, iv) in enumerate(zip(ids, interviews, strict=True))])
        conn.execute(insert(HourEntryRow), [dict(
            course_id=course, registered_on=registered[i] + timedelta(days=30), period_start=registered[i],
            period_end=registered[i] + timedelta(days=29), hours=Decimal("160"), kind=HourKind.DAGPENGE,
            registered_at=datetime.combine(registered[i] + timedelta(days=30), datetime.min.time(), UTC),
        ) for i, course in enumerate(courses)])
    return akasse, workers


def _timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = clock.perf_counter()
        fn()
        times.append(clock.perf_counter() - start)
    return statistics.median(times) * 1000


def run(base: str, people: int) -> None:
    name = f"bench_caseload_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        db.upgrade(url)
        engine = db.make_engine(url)
        factory = db.session_factory(engine, TODAY)
        started = clock.perf_counter()
        akasse, workers = _world(engine, people)
        print(f"\n{people} people: world in {clock.perf_counter() - started:.1f} s")
        started = clock.perf_counter()
        refresh(lambda: SqlAlchemyUnitOfWork(factory), TODAY)
        print(f"  caseload opdater (fill): {clock.perf_counter() - started:.1f} s")
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))  # as autovacuum leaves a table in steady state
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

        def page(**kw):
            statements.clear()
            caseload_page(SqlAlchemyUnitOfWork(factory, read_only=True), CaseloadQuery(akasse, TODAY, **kw))

        cases = {
            "mine (default)": dict(caseworker_id=workers[0]),
            "whole organisation": {},
            "whole, page 40": dict(page=40),
            "whole, by name": dict(sort=CaseloadSort.NAME),
            "whole, by deadline, page 100": dict(sort=CaseloadSort.DEADLINE, page=100),
            "filter overdue": dict(filter=CaseloadFilter.OVERDUE),
            "filter due this week": dict(filter=CaseloadFilter.THIS_WEEK),
            "search name 'anna j'": dict(search="anna j"),
            "search birth date '010180'": dict(search="010180"),
            "search CPR '010180-0000'": dict(search="010180-0000"),
        }
        for label, kw in cases.items():
            ms = _timed(lambda kw=kw: page(**kw), 15)
            print(f"  after  {label:32s} p50 {ms:7.1f} ms  {len(statements)} statements")
        engine.dispose()
    finally:
        with admin.connect() as conn:
            if "--keep" not in sys.argv:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                print(f"  kept database {name}")
        admin.dispose()


if __name__ == "__main__":
    url = os.environ["SELVBOOKING_TEST_POSTGRES_URL"]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    for size in [int(a) for a in args] or [5000]:
        run(url, size)
