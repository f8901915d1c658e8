"""Free-slot search and self-booking through the services on the demo world: latency, and a race.

SQLite always; PostgreSQL too when SELVBOOKING_TEST_POSTGRES_URL names a server (a scratch database is created
and dropped).
"""

from __future__ import annotations

import os
import statistics
import threading
import time as clock
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from scheduling.adapters import db
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Format, InterviewKind
from scheduling.demo import DEMO_CITIZENS, seed_demo
from scheduling.services.booking import cancel, find_free_slots, self_book
from scheduling.services.errors import Refused, SlotTaken

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def run(url: str) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine)
    ids = seed_demo(SqlAlchemyUnitOfWork(engine), TODAY)
    sofie = ids[next(p.cpr for p in DEMO_CITIZENS if p.name.startswith("Sofie"))]
    first, last = TODAY + timedelta(days=7), TODAY + timedelta(days=13)

    times = []
    for _ in range(20):
        start = clock.perf_counter()
        slots = find_free_slots(SqlAlchemyUnitOfWork(engine), sofie, InterviewKind.JOBSAMTALE, first, last, NOW)
        times.append(clock.perf_counter() - start)
    print(f"  find_free_slots (one week, {len(slots)} slots): median {statistics.median(times) * 1000:.1f} ms")

    times = []
    for slot in slots[:20]:
        start = clock.perf_counter()
        interview = self_book(SqlAlchemyUnitOfWork(engine), sofie, InterviewKind.JOBSAMTALE, slot.start, Format.TELEFONISK, NOW)
        times.append(clock.perf_counter() - start)
        cancel(SqlAlchemyUnitOfWork(engine), sofie, interview, NOW)
    print(f"  self_book: median {statistics.median(times) * 1000:.1f} ms over {len(times)} bookings")

    target = slots[-1].start
    outcomes: list[str] = []
    barrier = threading.Barrier(20)

    def racer() -> None:
        barrier.wait()
        try:
            self_book(SqlAlchemyUnitOfWork(engine), sofie, InterviewKind.JOBSAMTALE, target, Format.TELEFONISK, NOW)
            outcomes.append("booked")
        except (SlotTaken, Refused):  # Refused: the first booked holds what her obligation needs (R20)
            outcomes.append("taken")

    start = clock.perf_counter()
    threads = [threading.Thread(target=racer) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = clock.perf_counter() - start
    print(f"  20 threads racing for one slot: {outcomes.count('booked')} booked, {outcomes.count('taken')} taken, {elapsed * 1000:.0f} ms")
    engine.dispose()


def main() -> None:
    path = f"/tmp/selvbooking-bench-{uuid.uuid4().hex}.sqlite3"
    print("SQLite:")
    run(f"sqlite:///{path}")
    os.remove(path)
    pg = os.environ.get("SELVBOOKING_TEST_POSTGRES_URL")
    if pg:
        name = f"selvbooking_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            print("PostgreSQL:")
            run(make_url(pg).set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
