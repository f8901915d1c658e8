"""Where a request's time goes under the real stack (issue 11, round 4): gunicorn + PostgreSQL + wrk, as run.py.

    .venv/bin/python benchmarks/profile_server.py [--world demo] [--only overview,times] [--duration 10]
        [--connections 8] [--threads 4]
        [--py-spy DIR]   also record each page's gunicorn workers with py-spy (speedscope JSON per page in DIR;
                         ``pip install py-spy``): what the workers' CPU is spent on under load

For each page (the floor, the front page and the pages profile_pages.py requests) wrk drives the server for
``--duration`` seconds, and the CPU time each process spent is read from /proc before and after: the gunicorn
workers, the PostgreSQL backends of the world's database (``pg_stat_activity``), and wrk. Divided by the requests
wrk completed, that is the CPU a request costs each part of the stack — a figure that, unlike requests per second,
hardly moves when other work shares the machine (it is CPU time, not wall time; cache contention still moves it
by some per cent). The ratio to the floor that run.py reports follows from it: with the cores saturated, requests
per second ≈ cores / (CPU per request of all three parts).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess  # nosec B404  # our own gunicorn, wrk and py-spy
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.profile_pages import pages as profile_pages  # noqa: E402
from benchmarks.run import (  # noqa: E402
    WRK_SCRIPT,
    Page,
    database_url,
    ensure_wrk,
    free_port,
    make_app,
    pick_people,
    probe,
    run_wrk,
    session_cookie,
    start_gunicorn,
)

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of stat)


def workers(master: int) -> list[int]:
    return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def backends(url: str) -> list[int]:
    import psycopg

    from benchmarks.world import psycopg_url

    name = url.rsplit("/", 1)[-1]
    with psycopg.connect(psycopg_url(url)) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                            (name,)).fetchall()
    return [int(row[0]) for row in rows]


def measure(wrk: str, port: int, page: Page, args: argparse.Namespace, master: int, url: str, script: Path,
            spy: Path | None) -> dict[str, Any]:
    probe(port, page)  # warms the page (and opens the pool's connections) before anything is counted
    for _ in range(3):
        probe(port, page)
    procs = {"gunicorn": workers(master), "postgres": backends(url)}
    before = {part: sum(cpu_seconds(p) for p in pids) for part, pids in procs.items()}
    recorders = []
    if spy is not None:
        for pid in procs["gunicorn"]:
            out = spy / f"{page.name.split(' ')[0]}-{pid}.speedscope.json"
            recorders.append(subprocess.Popen(  # nosec B603
                [str(ROOT / ".venv" / "bin" / "py-spy"), "record", "-p", str(pid), "-r", "250", "-f", "speedscope",
                 "-o", str(out), "-d", str(args.duration + 1), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    children_before = os.times()
    result = run_wrk(wrk, port, page, args.duration, args.connections, script)
    children_after = os.times()
    # backends the pool opened during the run count from their start (a page's threads may open more than the probes)
    started = set(backends(url)) - set(procs["postgres"])
    procs["postgres"] += sorted(started)
    after = {part: sum(cpu_seconds(p) for p in pids) for part, pids in procs.items()}
    for recorder in recorders:
        recorder.wait()
    n = max(result["requests"], 1)
    cost = {part: (after[part] - before[part]) * 1000 / n for part in procs}
    cost["wrk"] = ((children_after.children_user + children_after.children_system)
                   - (children_before.children_user + children_before.children_system)) * 1000 / n
    return {"page": page.name, "rps": result["rps"], "p50_ms": result["p50_ms"], "requests": result["requests"],
            "statements": page.statements, **{f"{k}_cpu_ms": v for k, v in cost.items()},
            "total_cpu_ms": sum(cost.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--world", choices=["demo", "national"], default="demo")
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--only", help="comma-separated: floor, front, overview, times, person, caseload, feed")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--py-spy", type=Path, dest="spy")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    url = database_url(args.world, args.scale, args.seed)
    app = make_app(url)
    found = {"floor": ("/_bench/floor", ""), "front": ("/", ""), **profile_pages(app, url)}
    worker_id, token, version = pick_people(app, url, 0)["caseworker"]
    found["caseload"] = ("/sagsbehandler/", session_cookie(
        app, {"user": {"kind": "caseworker", "id": worker_id, "v": version}})[0])
    found["feed"] = (f"/kalender/feed/{token}.ics", "")
    wanted = [w.strip() for w in (args.only or ",".join(found)).split(",")]
    wrk = ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="selvbooking-profile-"))
    script = work / "report.lua"
    script.write_text(WRK_SCRIPT)
    if args.spy:
        args.spy.mkdir(parents=True, exist_ok=True)
    os.environ["SELVBOOKING_THREADS"] = str(args.threads)
    port = free_port()
    server = start_gunicorn(url, port, work / "gunicorn.log")
    rows = []
    try:
        for name in wanted:
            path, cookie = found[name]
            row = measure(wrk, port, Page(name, path, cookie or None), args, server.pid, url, script, args.spy)
            rows.append(row)
            print(f"{name:9} {row['rps']:8.1f}/s  p50 {row['p50_ms']:6.1f} ms  CPU per request: gunicorn "
                  f"{row['gunicorn_cpu_ms']:5.2f} ms, PostgreSQL {row['postgres_cpu_ms']:5.2f} ms, wrk "
                  f"{row['wrk_cpu_ms']:5.2f} ms, total {row['total_cpu_ms']:5.2f} ms  ({row['statements']} statements)",
                  flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
