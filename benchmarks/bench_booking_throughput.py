"""Bookings per second with many concurrent clients on PostgreSQL (issue 11, "Bookings without a global queue").

    SELVBOOKING_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        .venv/bin/python benchmarks/bench_booking_throughput.py [--clients 50] [--bookings 2] [--caseworkers 50]

A scratch database per run (created and dropped). The world is tests/integration/world.py's: one a-kasse with
``--caseworkers`` caseworkers working 9–15 on weekdays and one person per client. Each client is a thread with
its own person and its own connection, and self-books ``--bookings`` interviews through the service
(:func:`scheduling.services.booking.self_book`) at the same starts as every other client — so at each start all
clients book at once, each one getting some free caseworker (distinct slots: no one is refused).
Reported: bookings/s with 1 client and with ``--clients``, SQL statements and this process's CPU time per
booking (threads share one core: the GIL), how many transactions wait for a lock on average (sampled from
pg_stat_activity: the queue), refusals (there should be none), then a check in the database that no
caseworker and no person holds overlapping active interviews.
Last, ``--clients`` people race for one slot with one caseworker: exactly one booking.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests.integration.world

from scheduling.adapters import db  # noqa: E402
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork  # noqa: E402
from scheduling.course import Format, InterviewKind  # noqa: E402
from scheduling.services.booking import find_free_slots, self_book  # noqa: E402
from scheduling.services.errors import SlotTaken  # noqa: E402
from tests.integration.world import NOW, SLOT_DAY, a_world  # noqa: E402

JOB = InterviewKind.JOBSAMTALE

OVERLAPS = """
SELECT
  (SELECT count(*) FROM interview_participants a JOIN interview_participants b
     ON a.caseworker_id = b.caseworker_id AND a.interview_id < b.interview_id
    AND a.start_at < b.end_at AND b.start_at < a.end_at
   WHERE a.status <> 'aflyst' AND b.status <> 'aflyst') AS caseworker_overlaps,
  (SELECT count(*) FROM interviews a JOIN interviews b
     ON a.citizen_id = b.citizen_id AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at
   WHERE a.status <> 'aflyst' AND b.status <> 'aflyst') AS person_overlaps
"""


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    name = f"selvbooking_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def count_statements(engine: Engine) -> Counter[str]:
    counter: Counter[str] = Counter()

    @event.listens_for(engine, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        counter["statements"] += 1

    return counter


def book_all(engine: Engine, people: list[int], starts: list, rounds: int) -> tuple[float, Counter[str]]:
    """Each person (a thread) books ``starts[:rounds]``; all start together. Returns (seconds, outcomes); the
    outcomes count "cpu_ms" too, this process's CPU time over all threads (the GIL: one core at most)."""
    factory = db.session_factory(engine)
    barrier = threading.Barrier(len(people))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def client(person: int) -> None:
        barrier.wait()
        for start in starts[:rounds]:
            try:
                self_book(SqlAlchemyUnitOfWork(factory), person, JOB, start, Format.TELEFONISK, NOW)
                outcome = "booked"
            except SlotTaken:
                outcome = "taken"
            except Exception as error:  # noqa: BLE001 - a failure the figures must show
                outcome = f"{type(error).__name__}: {error}"[:120]
            with lock:
                outcomes[outcome] += 1

    threads = [threading.Thread(target=client, args=(p,)) for p in people]
    done = threading.Event()
    waiting: list[int] = []

    def sample_lock_waits() -> None:
        """How many of this database's sessions wait for a lock (a row lock, or another booking's claim)."""
        watcher = create_engine(engine.url)  # its own engine: its statements are not the bookings'
        with watcher.connect() as conn:
            while not done.wait(0.05):
                waiting.append(conn.scalar(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )) or 0)
                conn.rollback()
        watcher.dispose()

    sampler = threading.Thread(target=sample_lock_waits)
    began, cpu = time.perf_counter(), time.process_time()
    sampler.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    sampler.join()
    outcomes["cpu_ms"] = round((time.process_time() - cpu) * 1000)
    outcomes["lock_waiters_x10"] = round(10 * sum(waiting) / max(1, len(waiting)))
    return time.perf_counter() - began, outcomes


def throughput(url: str, clients: int, bookings: int, caseworkers: int) -> None:
    engine = db.make_engine(url, pool_size=clients + 2, max_overflow=4)
    db.upgrade(engine)
    world = a_world(lambda: SqlAlchemyUnitOfWork(db.session_factory(engine)), citizens=clients + 1,
                    akasse_caseworkers=caseworkers)
    solo, crowd = world.citizens[0], world.citizens[1:]
    slots = find_free_slots(SqlAlchemyUnitOfWork(db.session_factory(engine)), solo, JOB, SLOT_DAY,
                            SLOT_DAY.replace(day=SLOT_DAY.day + 3), NOW)
    starts = [s.start for s in slots]
    if len(starts) < 2 * bookings:
        raise SystemExit(f"only {len(starts)} free starts; ask for fewer --bookings")
    statements = count_statements(engine)
    seconds, outcomes = book_all(engine, [solo], starts[bookings:], bookings)
    outcomes.pop("lock_waiters_x10")
    per_booking = statements["statements"] / max(1, outcomes["booked"])
    print(f"  1 client: {outcomes['booked'] / seconds:6.1f} bookings/s ({outcomes['booked']} in {seconds:.2f} s), "
          f"{per_booking:.1f} SQL statements and {outcomes['cpu_ms'] / outcomes['booked']:.0f} ms of this process's "
          "CPU per booking")
    seconds, outcomes = book_all(engine, crowd, starts, bookings)
    cpu = outcomes.pop("cpu_ms") / max(1, outcomes["booked"])
    waiters = outcomes.pop("lock_waiters_x10") / 10
    print(f"  {clients} clients: {outcomes['booked'] / seconds:6.1f} bookings/s ({outcomes['booked']} in {seconds:.2f} s); "
          f"outcomes {dict(outcomes)}; {cpu:.0f} ms CPU per booking in this process (its ceiling: "
          f"{1000 / cpu:.0f}/s); on average {waiters:.1f} of {clients} transactions waiting for a lock")
    with engine.connect() as conn:
        row = conn.execute(text(OVERLAPS)).one()
        active = conn.scalar(text("SELECT count(*) FROM interviews WHERE status <> 'aflyst' AND start_at >= :t"),
                             {"t": starts[0]})
    print(f"  in the database: {active} active interviews booked, {row.caseworker_overlaps} caseworker overlaps, "
          f"{row.person_overlaps} person overlaps")
    engine.dispose()


def one_slot(url: str, clients: int) -> None:
    engine = db.make_engine(url, pool_size=clients + 2, max_overflow=4)
    db.upgrade(engine)
    world = a_world(lambda: SqlAlchemyUnitOfWork(db.session_factory(engine)), citizens=clients, akasse_caseworkers=1)
    slots = find_free_slots(SqlAlchemyUnitOfWork(db.session_factory(engine)), world.citizens[0], JOB, SLOT_DAY,
                            SLOT_DAY, NOW)
    seconds, outcomes = book_all(engine, world.citizens, [slots[0].start], 1)
    outcomes.pop("cpu_ms")
    outcomes.pop("lock_waiters_x10")
    with engine.connect() as conn:
        active = conn.scalar(text("SELECT count(*) FROM interviews WHERE status <> 'aflyst' AND start_at = :t"),
                             {"t": slots[0].start})
    print(f"  {clients} clients for one slot (one caseworker): {dict(outcomes)} in {seconds:.2f} s; "
          f"{active} active interview(s) at that time in the database")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    # Two: a person may self-book only the interviews their obligations call for (issue 13); more per client
    # would measure refusals ("Du har allerede booket …"), not bookings.
    parser.add_argument("--bookings", type=int, default=2, help="bookings per client (more are refused by the rules)")
    parser.add_argument("--caseworkers", type=int, default=50)
    args = parser.parse_args()
    url = os.environ.get("SELVBOOKING_TEST_POSTGRES_URL")
    if not url:
        raise SystemExit("set SELVBOOKING_TEST_POSTGRES_URL to a PostgreSQL server")
    print(f"PostgreSQL, {args.caseworkers} caseworkers, {args.bookings} bookings per client:")
    with scratch_database(url) as scratch:
        throughput(scratch, args.clients, args.bookings, args.caseworkers)
    with scratch_database(url) as scratch:
        one_slot(scratch, args.clients)


if __name__ == "__main__":
    main()
