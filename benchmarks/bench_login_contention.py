"""Does a failed log-in hold up the portal's writes? (issue 9: "password hashing must not be a lever")

On a SQLite file with the demo world, one thread writes as fast as it can (a citizen's language, one short write
transaction each) for a few seconds, first alone, then while ten threads try log-ins with wrong passwords and
unknown e-mails. Argon2 takes a good part of a second of CPU per attempt; if it runs inside a write
transaction, every other write waits for it. Printed: writes per second alone, with the failed log-ins, and
the ratio of the two (measured in the same run, so the machine's speed cancels out).

    .venv/bin/python benchmarks/bench_login_contention.py [seconds]
"""

from __future__ import annotations

import os
import sys
import threading
import time as clock
import uuid
from datetime import UTC, date, datetime

from scheduling.adapters import db
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.demo import DEMO_CASEWORKERS, seed_demo
from scheduling.services.accounts import AuthenticationFailed, authenticate_caseworker, set_citizen_locale

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
GUESSERS = 10


def writes_per_second(engine, citizen_id: int, seconds: float) -> tuple[float, int]:
    """Writes per second by one thread, and how many of its writes failed."""
    done = failed = 0
    deadline = clock.monotonic() + seconds
    locale = "da"
    while clock.monotonic() < deadline:
        locale = "en" if locale == "da" else "da"
        try:
            set_citizen_locale(SqlAlchemyUnitOfWork(db.session_factory(engine)), citizen_id, locale)
            done += 1
        except Exception:  # noqa: BLE001 - a write refused under contention ("database is locked") is the finding
            failed += 1
    return done / seconds, failed


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    path = f"/tmp/selvbooking-bench-{uuid.uuid4().hex}.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    ids = seed_demo(SqlAlchemyUnitOfWork(db.session_factory(engine)), TODAY)
    citizen_id = next(iter(ids.values()))

    alone, _ = writes_per_second(engine, citizen_id, seconds)

    stop = threading.Event()
    attempts = [0]

    def guess(n: int) -> None:
        while not stop.is_set():
            email = f"ukendt-{n}@example.dk" if attempts[0] % 2 else (DEMO_CASEWORKERS[0].email or "")
            try:
                authenticate_caseworker(SqlAlchemyUnitOfWork(db.session_factory(engine)), email, "forkert-kodeord", NOW)
            except AuthenticationFailed:
                pass
            except Exception:  # noqa: BLE001, S110 - count only; the writer's numbers are the measurement
                pass
            attempts[0] += 1

    threads = [threading.Thread(target=guess, args=(n,), daemon=True) for n in range(GUESSERS)]
    for thread in threads:
        thread.start()
    clock.sleep(0.5)
    contended, failed = writes_per_second(engine, citizen_id, seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    engine.dispose()
    os.remove(path)
    print(f"writes/s alone:                         {alone:8.1f}")
    print(f"writes/s with {GUESSERS} threads of failed log-ins: {contended:8.1f}  ({failed} writes failed)")
    print(f"ratio:                                  {contended / alone:8.3f}   ({attempts[0]} failed log-ins)")


if __name__ == "__main__":
    main()
