"""The supervision's report (R27, issue 17) at scale: every a-kasse (or jobcenter) over 24 months, in process,
read-only, on an existing database (the national world of benchmarks/world.py): seconds and SQL statements.

    .venv/bin/python -m benchmarks.bench_supervision \\
        postgresql+psycopg://postgres@127.0.0.1:5432/selvbooking_bench_national_1_0_11 [--kind jobcenter] \\
        [--last 2026-11] [--months 24] [--repeat 3]

The connection is opened with ``default_transaction_read_only=on``: it never writes. ``benchmarks/run.py`` runs
the same measurement (:func:`measure`) as its row "supervision report, every a-kasse, 24 months".
"""

from __future__ import annotations

import argparse
import statistics
import time as clock
from datetime import date
from typing import Any

from sqlalchemy import create_engine, event

from scheduling.adapters.db import session_factory
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Organisation
from scheduling.rules.facts import add_months
from scheduling.services.supervision import monthly_figures


def measure(url: str, *, kind: Organisation = Organisation.AKASSE, last: date, months: int = 24,
            repeat: int = 3) -> list[dict[str, Any]]:
    """Each run: seconds, statements, figures, people counted, months above the line."""
    options = "-c default_transaction_read_only=on" if url.startswith("postgresql") else None
    engine = create_engine(url, connect_args={"options": options} if options else {})
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: sent.append(statement))
    factory = session_factory(engine)
    first = add_months(last.replace(day=1), -(months - 1))
    runs = []
    try:
        for _ in range(repeat):
            sent.clear()
            started = clock.perf_counter()
            figures = monthly_figures(SqlAlchemyUnitOfWork(factory, read_only=True), kind=kind, first=first,
                                      last=last)
            seconds = clock.perf_counter() - started
            runs.append({"seconds": seconds, "statements": len(sent), "figures": len(figures),
                         "counted": sum(f.counted for f in figures), "above": sum(f.above for f in figures)})
    finally:
        engine.dispose()
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--kind", choices=[k.value for k in Organisation], default=Organisation.AKASSE.value)
    parser.add_argument("--last", default=f"{date.today():%Y-%m}", help="the last month, YYYY-MM")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    year, month = map(int, args.last.split("-"))
    runs = measure(args.url, kind=Organisation(args.kind), last=date(year, month, 1), months=args.months,
                   repeat=args.repeat)
    for run in runs:
        print(run, flush=True)
    print(f"median {statistics.median(r['seconds'] for r in runs):.3f} s")


if __name__ == "__main__":
    main()
