"""The pages run.py measures, in one process (issue 11): CPU per request, SQL statements, and where the time goes.

    .venv/bin/python benchmarks/profile_pages.py [--world national --scale 0.05] [--only times] [-n 50]
        [--profile]      pyinstrument's tree of the last requests
        [--calls]        cProfile's count of Python calls per request (deterministic: the figure to compare on a
                         shared machine), and the most called functions with --top K; --log keeps the request log on
        [--html DIR]     write each page's HTML (CSRF tokens normalised) to DIR, to compare before and after
        [--requests N]   exactly N requests per page after two warm-up ones, no timing (for callgrind:
                         ``valgrind --tool=callgrind`` with N and N+k requests, the difference / k is the
                         instructions per request, repeatable on a loaded machine)
        [--requests N --callgrind]  under ``valgrind --tool=callgrind --instr-atstart=no``: only the N requests
                         are counted (the total / N is the instructions per request, in one run)

The pages are those ``benchmarks/run.py`` measures (the same people, chosen the same way), requested through
Flask's test client against the world's PostgreSQL database, which is only read (the world must exist: run.py
makes it). CPU time is the process's (``time.process_time``): PostgreSQL's own time is not in it.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import database_url, make_app, pick_people, session_cookie  # noqa: E402


def pages(app: Any, url: str) -> dict[str, tuple[str, str]]:
    people = pick_people(app, url, 0)
    citizen = people["citizen"]
    worker_id, token, worker_version = people["caseworker"]
    # with a CSRF token, as run.py's and a browser's: a page is kept only for a session that has one
    citizen_cookie = session_cookie(app, {"user": {"kind": "citizen", "id": citizen["citizen_id"],
                                                   "v": citizen["version"]}, "booking": {"kind": citizen["kind"]}},
                                    csrf=True)[0]
    worker_cookie = session_cookie(app, {"user": {"kind": "caseworker", "id": worker_id, "v": worker_version}},
                                   csrf=True)[0]
    return {
        "overview": ("/borger/", citizen_cookie),
        "times": (f"/borger/book/tid?uge={citizen['week']}", citizen_cookie),
        "person": (f"/sagsbehandler/borger/{citizen['citizen_id']}", worker_cookie),
        "caseload": ("/sagsbehandler/", worker_cookie),
        "feed": (f"/kalender/feed/{token}.ics", ""),
        "floor": ("/_bench/floor", ""),
    }


def _instrument(on: bool) -> None:
    import os
    import subprocess  # nosec B404  # valgrind's own control script

    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],  # nosec B603 B607
                   check=True, capture_output=True)


def _count_calls(client: Any, name: str, path: str, headers: dict[str, str], n: int, top: int) -> None:
    """Python calls per request: cProfile's count (primitive and recursive) over ``n`` requests, divided by ``n``."""
    import cProfile
    import pstats

    counter = cProfile.Profile()
    counter.enable()
    for _ in range(n):
        response = client.get(path, headers=headers)
    counter.disable()
    stats = pstats.Stats(counter)
    print(f"{name}: {response.status_code}, {stats.total_calls / n:,.0f} Python calls per request ({path})",  # type: ignore[attr-defined]
          file=sys.stdout, flush=True)
    if top:
        rows = sorted(stats.stats.items(), key=lambda item: -item[1][1])[:top]  # type: ignore[attr-defined]
        for (file, line, function), (_cc, calls, own, _cum, _callers) in rows:
            print(f"  {calls / n:8.1f} {own / n * 1e6:7.1f} µs  {function}  {file.rsplit('/', 2)[-2:]}:{line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--world", choices=["demo", "national"], default="national")
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--only", help="comma-separated: overview, times, person, caseload, feed, floor")
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--requests", type=int)
    parser.add_argument("--callgrind", action="store_true",
                        help="with --requests, under valgrind --tool=callgrind --instr-atstart=no: count only the "
                        "requests (callgrind_control switches the instrumentation on and off around them)")
    parser.add_argument("--calls", action="store_true", help="cProfile's count of Python calls per request")
    parser.add_argument("--top", type=int, default=0, help="with --calls: the K functions called most (own calls)")
    parser.add_argument("--log", action="store_true", help="keep the request log line on (written to /dev/null)")
    parser.add_argument("--html", help="write each page's HTML (CSRF tokens normalised) to this directory")
    parser.add_argument("--no-cache", action="store_true", help="compute the free times afresh on every request")
    args = parser.parse_args()
    if not args.log:
        logging.disable(logging.INFO)  # the request log line of every request
    else:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  # the JSON handler writes to whatever sys.stderr is
    if args.no_cache:
        from scheduling.services import slot_cache

        slot_cache.free_slots = lambda _uow, _orgs, _key, _first, _last, compute: compute()  # type: ignore[assignment]
    url = database_url(args.world, args.scale, args.seed)
    app = make_app(url)
    found = pages(app, url)
    wanted = [w.strip() for w in (args.only or ",".join(found)).split(",")]
    for name in wanted:
        path, cookie = found[name]
        client = app.test_client()
        if cookie:
            key, value = cookie.split("=", 1)
            client.set_cookie(key, value)
        headers: dict[str, str] = {}
        for _ in range(2):
            response = client.get(path, headers=headers)
        if args.html:
            html = re.sub(r'(name="csrf_token"[^>]*value=")[^"]*"', r'\1CSRF"', response.get_data(as_text=True))
            Path(args.html, f"{name}.html").write_text(html, encoding="utf-8")
        if args.calls:
            _count_calls(client, name, path, headers, args.n, args.top)
            continue
        if args.requests is not None:
            if args.callgrind:
                _instrument(True)
            for _ in range(args.requests):
                client.get(path, headers=headers)
            if args.callgrind:
                _instrument(False)
            continue
        statements = response.headers.get("X-SQL-Statements")
        cpu = []
        for _ in range(args.n):
            started = time.process_time()
            response = client.get(path, headers=headers)
            cpu.append(time.process_time() - started)
        print(f"{name}: {response.status_code}, {statements} statements, CPU per request median "
              f"{statistics.median(cpu) * 1000:.1f} ms, min {min(cpu) * 1000:.1f} ms ({path})", flush=True)
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(args.n):
                    client.get(path, headers=headers)
            print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
