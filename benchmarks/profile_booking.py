"""One self-booking end to end, profiled: where its CPU goes and which SQL statements it sends (issue 11).

    SELVBOOKING_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        .venv/bin/python benchmarks/profile_booking.py [--bookings 200] [--caseworkers 50] [--profile] [--sql] \
        [--calls] [--http]

A scratch database (created and dropped) with tests/integration/world.py's world; one client books
``--bookings`` interviews one after another through :func:`scheduling.services.booking.self_book` (with
``--http``: through the portal's booking POST in this process), each person a different one at a free start. Prints the CPU time per booking (this process), the SQL statements per
booking and, with ``--sql``, the statements of the last booking; with ``--profile``, pyinstrument's tree of the
bookings (``pip install pyinstrument``); with ``--calls``, cProfile's count of Python calls per booking (deterministic,
unlike the times on a shared machine) and the functions called most.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

sys.path.append(str(Path(__file__).resolve().parent.parent))  # benchmarks, tests.integration.world

from benchmarks.bench_booking_throughput import scratch_database  # noqa: E402
from scheduling.adapters import db  # noqa: E402
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork  # noqa: E402
from scheduling.course import Format, InterviewKind  # noqa: E402
from scheduling.services.booking import find_free_slots, self_book  # noqa: E402
from tests.integration.world import NOW, SLOT_DAY, a_world  # noqa: E402

JOB = InterviewKind.JOBSAMTALE


def run(url: str, bookings: int, caseworkers: int, profile: bool, show_sql: int, http: bool,  # noqa: PLR0913
        calls: bool = False) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine)
    factory = db.session_factory(engine)
    world = a_world(lambda: SqlAlchemyUnitOfWork(factory), citizens=bookings, akasse_caseworkers=caseworkers)
    slots = find_free_slots(SqlAlchemyUnitOfWork(factory), world.citizens[0], JOB, SLOT_DAY,
                            SLOT_DAY + timedelta(days=13), NOW)
    starts = [s.start for s in slots]
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    def book(person: int, start: object) -> None:
        del statements[:]
        self_book(SqlAlchemyUnitOfWork(factory), person, JOB, start, Format.TELEFONISK, NOW)  # type: ignore[arg-type]

    if http:
        book = _http_booking(url, world.citizens, statements)

    book(world.citizens[0], starts[0])  # warm-up (imports, compiled statement cache)
    for n, person in enumerate(world.citizens[1:], start=1):  # the POSTs' cookies, made before the clock runs
        getattr(book, "prepare", lambda *_: None)(person, starts[n % len(starts)])
    logging.disable(logging.INFO)  # the portal's request log line is not what is measured
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    counter = None
    if calls:
        import cProfile

        counter = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
        counter.enable()
    cpu = time.process_time()
    count = 0
    for n, person in enumerate(world.citizens[1:], start=1):
        book(person, starts[n % len(starts)])
        count += 1
    cpu_ms = (time.process_time() - cpu) * 1000 / count
    if counter is not None:
        counter.disable()
        _print_calls(counter, count)
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{count} bookings: {cpu_ms:.1f} ms CPU and {len(statements)} SQL statements per booking")
    if show_sql:
        for statement in statements:
            print("  ", " ".join(statement.split())[: None if show_sql > 1 else 160])
    engine.dispose()


def _print_calls(counter: Any, count: int) -> None:
    """Python calls per booking (cProfile's count, primitive and recursive) and the most called functions."""
    import pstats

    stats = pstats.Stats(counter)
    print(f"{stats.total_calls / count:,.0f} Python calls per booking (cProfile; CPU below includes its overhead)")
    top = sorted(stats.stats.items(), key=lambda item: -item[1][1])[:15]  # type: ignore[attr-defined]
    for (file, line, name), (_, ncalls, *_rest) in top:
        print(f"  {ncalls / count:8.1f}  {name}  {Path(file).name}:{line}")
    if os.environ.get("PROFILE_BOOKING_CUMULATIVE"):  # the project's own functions by cumulative time
        stats.sort_stats("cumulative").print_stats(r"selvbooking|scheduling|portal", 60)
        stats.sort_stats("tottime").print_stats(25)
        for name in os.environ.get("PROFILE_BOOKING_CALLEES", "").split(","):
            if name:
                stats.print_callees(name)


def _http_booking(url: str, citizens: list[int], statements: list[str]) -> Any:
    """The booking POST through the portal (the benchmark configuration, in this process, Flask's test client):
    the session cookie and CSRF token made as benchmarks/run.py makes them; a receipt redirect is required."""
    from benchmarks.run import booking_requests, make_app

    app = make_app(url)
    app.config["TODAY"] = NOW.date().isoformat()
    client = app.test_client()
    engine = app.extensions["selvbooking_engine"]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    prepared: dict[tuple[int, Any], dict[str, str]] = {}

    def prepare(person: int, start: Any) -> None:
        prepared[person, start] = booking_requests(app, [{"citizen_id": person, "version": 0, "kind": JOB.value,
                                                          "start": start.isoformat()}])[0]

    def book(person: int, start: Any) -> None:
        if (person, start) not in prepared:  # the warm-up
            prepare(person, start)
        del statements[:]
        request = prepared.pop((person, start))
        client.set_cookie(*request["cookie"].split("=", 1))
        response = client.post("/borger/book/tjek", data=request["body"],
                               content_type="application/x-www-form-urlencoded")
        if "kvittering" not in response.headers.get("Location", ""):
            raise SystemExit(f"no receipt: {response.status} {response.get_data(as_text=True)[:300]}")

    book.prepare = prepare  # type: ignore[attr-defined]
    return book


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bookings", type=int, default=200)
    parser.add_argument("--caseworkers", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", action="count", default=0, help="the last booking's statements (twice: in full)")
    parser.add_argument("--calls", action="store_true", help="cProfile's count of Python calls per booking")
    parser.add_argument("--http", action="store_true", help="the booking POST through the portal, not the service")
    args = parser.parse_args()
    url = os.environ.get("SELVBOOKING_TEST_POSTGRES_URL")
    if not url:
        raise SystemExit("set SELVBOOKING_TEST_POSTGRES_URL to a PostgreSQL server")
    with scratch_database(url) as scratch:
        run(scratch, args.bookings, args.caseworkers, args.profile, args.sql, args.http, args.calls)


if __name__ == "__main__":
    main()
