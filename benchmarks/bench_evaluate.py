"""The rules core's speed: ``evaluate`` of each example course (scheduling/examples/*.json), median per example
and over all of them.

    .venv/bin/python benchmarks/bench_evaluate.py [--rounds N]

Each example is evaluated on its own day (the file's ``on``, else 2026-11-25), ``N`` rounds of a tight loop; the
figure is the median of the per-call times of the rounds, in CPU time of this process (``time.process_time``:
a shared machine's other load does not count). Timings belong here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path

from scheduling.coursejson import course_from_json, day_on
from scheduling.evaluation import evaluate

EXAMPLES = Path(__file__).resolve().parent.parent / "scheduling" / "examples"
DEFAULT_DAY = date(2026, 11, 25)


def per_call(course: object, on: date, rounds: int, calls: int) -> float:
    """The median over ``rounds`` of the mean time of one call in a loop of ``calls`` (seconds)."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(calls):
            evaluate(course, on)  # type: ignore[arg-type]
        times.append((time.process_time() - start) / calls)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    medians = []
    for path in sorted(EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        course = course_from_json(data)
        on = day_on(data) or DEFAULT_DAY
        evaluate(course, on)  # warm up
        median = per_call(course, on, args.rounds, args.calls)
        medians.append(median)
        print(f"  {path.name:40} {median * 1e6:8.1f} µs")
    print(f"  {'median over the examples':40} {statistics.median(medians) * 1e6:8.1f} µs ({len(medians)} examples)")


if __name__ == "__main__":
    main()
