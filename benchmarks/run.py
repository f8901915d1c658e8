"""The one benchmark command (issue 11): the portal under gunicorn on PostgreSQL, driven by wrk from another process.

    .venv/bin/python benchmarks/run.py --world demo                    # the demo world (make bench)
    .venv/bin/python benchmarks/run.py --world national --scale 0.2    # a generated world (benchmarks/world.py)
        [--repeat 3] [--duration 10] [--connections 8] [--bookings 300] [--booking-clients 50] [--port 8765]

1. Creates or reuses a PostgreSQL database per world (``SELVBOOKING_BENCH_POSTGRES_URL``, default
   ``postgresql+psycopg://postgres@127.0.0.1:5432/selvbooking_bench``; the world's name is appended to the
   database's). A demo database is upgraded and seeded by ``flask --app portal demo``; a national one is generated
   by benchmarks/world.py (``--scale``, ``--seed``) unless it already holds people.
2. Picks the people: the organisation with the most people, one of its caseworkers, and a person of it who may
   self-book now; makes their session cookies with the app's own signer (no log-in form is driven).
3. Starts gunicorn with gunicorn.conf.py (2 workers, ``SELVBOOKING_CONFIG=benchmark``: the floor route
   ``/_bench/floor`` and the ``X-SQL-Statements``/``X-SQL-Transactions`` headers, portal/benchmarking.py).
4. For each page: one request read for its status and SQL counts, then wrk for ``--duration`` seconds; the booking
   POST is driven by benchmarks/load_booking.py (Python threads in another process, distinct slots), after which
   the database is checked for double bookings; then every client posts one and the same booking at once (one
   person, one start, each from its own session): the database must hold exactly one interview for it.
5. Repeats the pass ``--repeat`` times and reports medians; the ratio to the floor is taken within each pass.
   Prints a Markdown table and writes it to benchmarks/results/latest.md (and <world>.md), with a plot
   (results/<world>.svg, and .png when matplotlib is installed: ``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess  # nosec B404  # our own gunicorn, wrk and Python
import sys
import tempfile
import time as clock
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
SECRET = "benchmark-secret-not-for-production"  # nosec B105  # signs the benchmark's own cookies only
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/selvbooking_bench"
PREPARE_SECONDS = 300  # the longest the search for bookable (person, slot) pairs may take

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK {\\"requests\\": %d, \\"duration_us\\": %d, \\"status\\": %d, \\"connect\\": %d, \\"read\\": %d, " ..
    "\\"write\\": %d, \\"timeout\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d}\\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Page:
    name: str
    path: str
    cookie: str | None = None
    runs: list[dict[str, float]] = field(default_factory=list)
    statements: int | None = None
    transactions: int | None = None
    status: int | None = None
    seconds: float = 0.0  # the probe's time: a page slower than --slow is measured serially, not with wrk
    serial: bool = False
    paths: tuple[str, ...] = ()  # more addresses read in turn by wrk (``path`` is the first, and the probe's)


# --------------------------------------------------------------------------------------------------------------
# The database and the world


def database_url(world: str, scale: float, seed: int) -> str:
    from sqlalchemy import make_url

    base = make_url(os.environ.get("SELVBOOKING_BENCH_POSTGRES_URL", DEFAULT_URL))
    name = base.database or "selvbooking_bench"
    suffix = "demo" if world == "demo" else f"national_{str(scale).replace('.', '_')}_{seed}"
    return base.set(database=f"{name}_{suffix}").render_as_string(hide_password=False)


def prepare_world(world: str, url: str, scale: float, seed: int, fresh: bool = False) -> None:
    import psycopg
    from sqlalchemy import make_url

    from benchmarks.world import generate, prepare_database, psycopg_url

    if fresh:  # a world is dated from the day it was made: --fresh makes it again for today
        parsed = make_url(url)
        admin = parsed.set(database="postgres").render_as_string(hide_password=False)
        with psycopg.connect(psycopg_url(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')

    prepare_database(url)
    with psycopg.connect(psycopg_url(url)) as conn:
        people = conn.execute("SELECT count(*) FROM citizens").fetchone()[0]  # type: ignore[index]
    if people:
        print(f"reusing {url.rsplit('/', 1)[-1]}: {people:,} people")
        return
    if world == "demo":
        env = {**os.environ, "SELVBOOKING_DATABASE_URL": url, "SELVBOOKING_CONFIG": "benchmark",
               "SELVBOOKING_SECRET_KEY": SECRET}
        subprocess.run([str(BIN / "flask"), "--app", "portal", "demo"], env=env, check=True, cwd=ROOT)  # nosec B603
    else:
        generate(url, scale=scale, seed=seed)


def world_counts(url: str) -> dict[str, int]:
    import psycopg

    from benchmarks.world import psycopg_url

    tables = ("organisations", "caseworkers", "citizens", "courses", "interviews", "hour_entries")
    with psycopg.connect(psycopg_url(url)) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]  # nosec B608
        counts["largest organisation"] = conn.execute(
            "SELECT max(n) FROM (SELECT count(*) n FROM citizens GROUP BY akasse_id "
            "UNION ALL SELECT count(*) FROM citizens GROUP BY jobcenter_id) s").fetchone()[0]  # type: ignore[index]
    return counts


# --------------------------------------------------------------------------------------------------------------
# The people and their cookies


def make_app(url: str) -> Any:
    os.environ["SELVBOOKING_SECRET_KEY"] = SECRET
    from portal import create_app

    return create_app("benchmark", {"DATABASE_URL": url})


def session_cookie(app: Any, data: dict[str, Any], csrf: bool = False) -> tuple[str, str | None]:
    """A session cookie signed as the app signs its own, with ``data``; and a CSRF token for it if asked."""
    from flask import session
    from flask_wtf.csrf import generate_csrf

    with app.test_request_context():
        session.update(data)
        session["seen"] = int(clock.time())
        session.permanent = True
        token = generate_csrf() if csrf else None
        value = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    return f"{app.config['SESSION_COOKIE_NAME']}={value}", token


def pick_people(app: Any, url: str, bookings: int) -> dict[str, Any]:
    """The organisation with the most people; its first caseworker; a person of it who may self-book now (for
    the citizen pages); and ``bookings`` distinct (person, free start) pairs for the booking POST."""
    import psycopg

    from benchmarks.world import psycopg_url

    with psycopg.connect(psycopg_url(url)) as conn:
        org_id, column = conn.execute(
            "SELECT id, col FROM (SELECT akasse_id id, 'akasse_id' col, count(*) n FROM citizens GROUP BY 1 "
            "UNION ALL SELECT jobcenter_id, 'jobcenter_id', count(*) FROM citizens GROUP BY 1) s "
            "ORDER BY n DESC, id LIMIT 1").fetchone()  # type: ignore[misc]
        worker_id, worker_token, worker_version = conn.execute(
            "SELECT id, calendar_feed_token, session_version FROM caseworkers WHERE organisation_id = %s "
            "AND NOT disabled ORDER BY id LIMIT 1", (org_id,)).fetchone()  # type: ignore[misc]
        # the largest jobcenter too, when the largest organisation is an a-kasse (national: ~29,000 people)
        jobcenter_worker = conn.execute(
            "SELECT w.id, w.session_version, o.n FROM caseworkers w JOIN (SELECT jobcenter_id id, count(*) n FROM "
            "citizens GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1) o ON w.organisation_id = o.id "
            "WHERE NOT w.disabled ORDER BY w.id LIMIT 1").fetchone() if column == "akasse_id" else None
        candidates = conn.execute(
            f"SELECT c.id, c.session_version, c.calendar_feed_token, c.akasse_id, c.jobcenter_id FROM citizens c JOIN courses k ON "  # nosec B608
            f"k.citizen_id = c.id AND k.ended_on IS NULL ORDER BY (c.{column} = %s) DESC, c.id LIMIT %s",
            (org_id, max(400, bookings * 4))).fetchall()
    with app.app_context():
        return {"organisation_id": org_id, "caseworker": (worker_id, worker_token, worker_version),
                "jobcenter_caseworker": jobcenter_worker, "people": [row[0] for row in candidates[:64]],
                **_bookable(app, candidates, bookings)}


def _bookable(app: Any, candidates: list[tuple[int, int, str, int, int]], bookings: int) -> dict[str, Any]:
    """A person for the citizen pages, and ``bookings`` distinct (person, organisation, start) triples: the
    people are spread over eight weeks so that no two bookings are for one start at one organisation."""
    from portal import now, today
    from portal.database import reads
    from scheduling.evaluation import evaluate
    from scheduling.services import booking, queries

    monday = today() - timedelta(days=today().weekday())
    taken: set[tuple[int, str]] = set()
    chosen: list[dict[str, Any]] = []
    first: dict[str, Any] | None = None
    found: dict[tuple[int, str, date], list[Any]] = {}  # one search per organisation, kind and week
    deadline = clock.monotonic() + PREPARE_SECONDS
    for n, (citizen_id, version, token, akasse_id, jobcenter_id) in enumerate(candidates):
        if (len(chosen) >= bookings and first) or clock.monotonic() > deadline:
            break
        week = monday + timedelta(weeks=2 + n % 8)
        with app.test_request_context():
            course = queries.load_course(reads(), citizen_id)
            options = evaluate(course, today()).citizen.options
            option = next((o for o in options if o.kind.value == "jobsamtale"), options[0] if options else None)
            if option is None:
                continue
            holder = akasse_id if option.organisation.value == "akasse" else jobcenter_id
            key = (holder, option.kind.value, week)
            if key not in found:
                found[key] = booking.find_free_slots(reads(), citizen_id, option.kind, week, week + timedelta(days=6),
                                                     now())
            slots = found[key]
        if not slots:
            continue
        person = {"citizen_id": citizen_id, "version": version, "token": token, "kind": option.kind.value,
                  "organisation": option.organisation.value, "week": week.isoformat()}
        if first is None:
            first = person
            continue
        for slot in slots:
            # a slot searched for another person of the organisation: this person's own interviews and the rules
            # core at its start must let them book it too (else the POST is a refusal, not a booking)
            if (holder, slot.start.isoformat()) not in taken and _bookable_for(course, option, slot):
                taken.add((holder, slot.start.isoformat()))
                chosen.append({**person, "start": slot.start.isoformat()})
                break
    return {"citizen": first, "bookings": chosen}


def _bookable_for(course: Any, option: Any, slot: Any) -> bool:
    """Would the booking POST accept ``slot`` for this person: free of their own active interviews, and allowed by
    the rules core at its start (the format the POST sends: telefonisk)."""
    from portal import today
    from scheduling.course import Format, InterviewStatus
    from scheduling.evaluation import check_self_booking

    if any(i.status != InterviewStatus.CANCELLED and i.start < slot.end and slot.start < i.end
           for i in course.interviews):
        return False
    return check_self_booking(course, today(), option.kind, option.organisation, Format.TELEFONISK,
                              slot.start).allowed


def booking_requests(app: Any, bookings: list[dict[str, Any]]) -> list[dict[str, str]]:
    requests = []
    for n, b in enumerate(bookings):
        answers = {"kind": b["kind"], "start": b["start"], "timeslot_participation": None,
                   "format": "telefonisk", "participation": None, "token": f"bench-{n}-{clock.time_ns()}"}
        cookie, csrf = session_cookie(
            app, {"user": {"kind": "citizen", "id": b["citizen_id"], "v": b["version"]}, "booking": answers},
            csrf=True)
        requests.append({"cookie": cookie, "body": f"csrf_token={csrf}&token={answers['token']}"})
    return requests


# --------------------------------------------------------------------------------------------------------------
# The server and the load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SELVBOOKING_CONFIG": "benchmark", "SELVBOOKING_DATABASE_URL": url,
           "SELVBOOKING_SECRET_KEY": SECRET, "SELVBOOKING_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
           # no worker restarts during a run: they would reset the RSS measured afterwards
           "SELVBOOKING_MAX_REQUESTS": "0", "SELVBOOKING_LOG_LEVEL": "warning",
           # each worker its own socket: wrk's connections spread over both workers by the kernel's hash, not all
           # on the worker that woke first (gunicorn.conf.py, "SO_REUSEPORT")
           "SELVBOOKING_REUSE_PORT": "1"}
    handle = log.open("wb")
    server = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"], env=env, cwd=ROOT,  # nosec B603
                              stdout=handle, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_bench/floor", timeout=2) as r:  # nosec B310
                if r.status == 200:
                    return server
        except OSError:
            clock.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {log}")


def worker_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def probe(port: int, page: Page, timeout: float = 300) -> None:
    """One request: the status and the SQL the page runs (the benchmark configuration's headers)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{page.path}")
    if page.cookie:
        request.add_header("Cookie", page.cookie)
    opener = urllib.request.build_opener(NoRedirect)
    started = clock.perf_counter()
    try:
        with opener.open(request, timeout=timeout) as response:
            page.status, headers = response.status, response.headers
            response.read()
    except urllib.error.HTTPError as error:
        page.status, headers = error.code, error.headers
    except OSError:  # timed out: nothing to count
        page.status, page.seconds = 0, timeout
        return
    page.seconds = clock.perf_counter() - started
    page.statements = int(headers.get("X-SQL-Statements", "0"))
    page.transactions = int(headers.get("X-SQL-Transactions", "0"))


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        subprocess.run([str(ROOT / "scripts" / "ensure-wrk")], check=True)  # nosec B603
        wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: scripts/ensure-wrk (apt-get install -y wrk)")
    return wrk


def in_turn(script: Path, paths: tuple[str, ...]) -> Path:
    """The report script with a request function that reads ``paths`` in turn (one wrk thread: one counter)."""
    turned = script.with_name(f"in-turn-{len(paths)}-{abs(hash(paths))}.lua")
    listed = ", ".join(json.dumps(path) for path in paths)
    turned.write_text(script.read_text() + f"""
paths = {{{listed}}}
n = 0
request = function()
  n = n % #paths + 1
  return wrk.format(nil, paths[n])
end
""")
    return turned


def run_wrk(wrk: str, port: int, page: Page, duration: int, connections: int, script: Path) -> dict[str, float]:
    if page.paths:
        script = in_turn(script, (page.path, *page.paths))
    command = [wrk, "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "60s", "-s", str(script)]
    if page.cookie:
        command += ["-H", f"Cookie: {page.cookie}"]
    out = subprocess.run([*command, f"http://127.0.0.1:{port}{page.path}"], capture_output=True, text=True,  # nosec B603
                         check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    data = json.loads(line[4:])
    seconds = data["duration_us"] / 1e6
    errors = data["status"] + data["connect"] + data["read"] + data["write"] + data["timeout"]
    return {"rps": data["requests"] / seconds, "p50_ms": data["p50_us"] / 1000, "p99_ms": data["p99_us"] / 1000,
            "errors": errors, "requests": data["requests"]}


def run_serial(port: int, page: Page, requests: int, timeout: float) -> dict[str, float]:
    """A page too slow for wrk (seconds per request: wrk's abandoned requests would keep the workers busy into the
    next page's measurement): ``requests`` requests one after another on one connection."""
    times, errors = [], 0
    started = clock.perf_counter()
    for _ in range(requests):
        probe(port, page, timeout)
        times.append(page.seconds)
        errors += page.status not in range(200, 400)
    elapsed = clock.perf_counter() - started
    times.sort()
    return {"rps": len(times) / elapsed, "p50_ms": statistics.median(times) * 1000, "p99_ms": times[-1] * 1000,
            "errors": errors, "requests": len(times)}


def run_bookings(port: int, requests: list[dict[str, str]], clients: int, work: Path) -> dict[str, float]:
    path = work / "bookings.json"
    path.write_text(json.dumps(requests))
    out = subprocess.run([str(BIN / "python"), str(ROOT / "benchmarks" / "load_booking.py"),  # nosec B603
                          f"127.0.0.1:{port}", str(path), str(clients)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {"rps": data["booked"] / data["seconds"], "p50_ms": data["p50_ms"], "p99_ms": data["p99_ms"],
            "errors": data["errors"], "requests": data["requests"], "statuses": data["statuses"]}


def race_one_slot(app: Any, port: int, booking: dict[str, Any], clients: int, work: Path, url: str) -> dict[str, Any]:
    """``clients`` POSTs of one booking (one person, one start) at once, each from its own session: exactly one
    may book it. Returns the receipts given and the person's active interviews at that start afterwards."""
    import psycopg

    from benchmarks.world import psycopg_url

    path = work / "race.json"
    path.write_text(json.dumps(booking_requests(app, [booking] * clients)))
    out = subprocess.run([str(BIN / "python"), str(ROOT / "benchmarks" / "load_booking.py"),  # nosec B603
                          f"127.0.0.1:{port}", str(path), str(clients)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    with psycopg.connect(psycopg_url(url)) as conn:
        interviews = conn.execute(
            "SELECT count(*) FROM interviews WHERE citizen_id = %s AND start_at = %s AND status <> 'aflyst'",
            (booking["citizen_id"], datetime.fromisoformat(booking["start"]))).fetchone()[0]  # type: ignore[index]
    return {"booked": data["booked"], "interviews": int(interviews), "statuses": data["statuses"],
            "seconds": data["seconds"]}


def double_bookings(url: str) -> int:
    """Active interviews that overlap in time for one caseworker or one person (there must be none)."""
    import psycopg

    from benchmarks.world import psycopg_url

    with psycopg.connect(psycopg_url(url)) as conn:
        caseworkers = conn.execute(
            "SELECT count(*) FROM interview_participants a JOIN interview_participants b ON "
            "a.caseworker_id = b.caseworker_id AND a.interview_id < b.interview_id AND a.start_at < b.end_at "
            "AND b.start_at < a.end_at WHERE a.status <> 'aflyst' AND b.status <> 'aflyst' "
            "AND a.start_at > now() AND b.start_at > now()").fetchone()[0]  # type: ignore[index]
        people = conn.execute(
            "SELECT count(*) FROM interviews a JOIN interviews b ON a.citizen_id = b.citizen_id AND a.id < b.id "
            "AND a.start_at < b.end_at AND b.start_at < a.end_at WHERE a.status <> 'aflyst' "
            "AND b.status <> 'aflyst' AND a.start_at > now() AND b.start_at > now()").fetchone()[0]  # type: ignore[index]
    return int(caseworkers) + int(people)


# --------------------------------------------------------------------------------------------------------------
# The report


def hardware() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({model}), {int(memory) / 1024 / 1024:.0f} GiB RAM, {platform.platform()}"


def median(page: Page, key: str) -> float:
    return statistics.median(run[key] for run in page.runs) if page.runs else float("nan")


def table(world: str, pages: list[Page], counts: dict[str, int], rss: list[float], notes: list[str],
          args: argparse.Namespace) -> str:
    lines = [
        f"# Selvbooking benchmark: {world} world",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {hardware()} · gunicorn 2 workers × 4 threads (gthread) · "
        f"PostgreSQL · wrk -t1 -c{args.connections} -d{args.duration}s · medians of {args.repeat}",
        "",
        "World: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()),
        "",
        "| page | requests/s | ratio to the floor | p50 ms | p99 ms | errors | SQL statements | transactions | status |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        lines.append(
            f"| {page.name}{'¹' if page.serial else ''} | {median(page, 'rps'):.2f} | {median(page, 'ratio'):.3f} | {median(page, 'p50_ms'):.1f} | "
            f"{median(page, 'p99_ms'):.1f} | {int(median(page, 'errors'))} | {_n(page.statements)} | "
            f"{_n(page.transactions)} | {_n(page.status)} |")
    lines += ["", f"RSS of the gunicorn workers afterwards: {', '.join(f'{r:.0f} MB' for r in rss)}", ""]
    lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def _n(value: int | None) -> str:
    return "–" if value is None else str(value)


def plot(world: str, pages: list[Page], stem: Path) -> None:
    """The ratio to the floor per page: an SVG drawn by hand, and a PNG with matplotlib when it is installed."""
    ratios = [(p.name, median(p, "ratio")) for p in pages if p.runs]
    width, bar = 640, 26
    height = 40 + bar * len(ratios)
    top = max([1.0, *(r for _, r in ratios if r == r)])
    rows = []
    for i, (name, ratio) in enumerate(ratios):
        y = 30 + i * bar
        w = 0 if ratio != ratio else int(380 * ratio / top)
        rows.append(f'<text x="235" y="{y + 16}" text-anchor="end" font-size="12">{name}</text>'
                    f'<rect x="240" y="{y + 4}" width="{w}" height="{bar - 8}" fill="#0059b3"/>'
                    f'<text x="{245 + w}" y="{y + 16}" font-size="12">{ratio:.3f}</text>')
    target = 240 + int(380 * 0.2 / top)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">'
           f'<text x="10" y="18" font-size="14">Ratio to the floor route, {world} world (target ≥ 0.20: line)</text>'
           + "".join(rows)
           + f'<line x1="{target}" y1="26" x2="{target}" y2="{height}" stroke="#c00" stroke-dasharray="4"/></svg>')
    stem.with_name(stem.name + ".svg").write_text(svg, encoding="utf-8")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(ratios) + 1))
    ax.barh([n for n, _ in ratios][::-1], [r for _, r in ratios][::-1], color="#0059b3")
    ax.axvline(0.2, color="#c00", linestyle="--", label="target 0.20")
    ax.set_xscale("log")
    ax.set_xlabel("requests/s as a ratio to the floor route (log scale)")
    ax.set_title(f"Selvbooking, {world} world")
    ax.legend()
    fig.tight_layout()
    fig.savefig(stem.with_name(stem.name + ".png"), dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------------------------------------------


def main() -> None:  # noqa: C901 - one script, one story
    parser = argparse.ArgumentParser(description="Selvbooking's benchmark (issue 11)")
    parser.add_argument("--world", choices=["demo", "national"], default="demo")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--bookings", type=int, default=300,
                        help="booking POSTs per pass (distinct slots); all clients start at once, so a pass must "
                        "last well beyond the first wave's answers to measure a rate (130 per pass: ~1 s, of which "
                        "the first wave is a third)")
    parser.add_argument("--booking-clients", type=int, default=50)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--only", help="only the pages whose name contains this (or one of these, comma-separated), "
                        "and the floor; the booking POST only when one of them is 'booking'")
    parser.add_argument("--fresh", action="store_true", help="drop the world's database and make it again")
    parser.add_argument("--slow", type=float, default=1.0,
                        help="a page whose first request takes longer (s) is measured serially, not with wrk")
    parser.add_argument("--slow-requests", type=int, default=3)
    parser.add_argument("--slow-timeout", type=float, default=300)
    args = parser.parse_args()

    url = database_url(args.world, args.scale, args.seed)
    prepare_world(args.world, url, args.scale, args.seed, args.fresh)
    counts = world_counts(url)
    print("world:", counts, flush=True)
    app = make_app(url)
    wrk = ensure_wrk()
    with_bookings = not args.only or any(
        name.strip().lower() in "booking post" for name in args.only.split(",") if name.strip())
    people = pick_people(app, url, args.bookings * args.repeat + 1 if with_bookings else 0)
    worker_id, worker_token, worker_version = people["caseworker"]
    citizen = people["citizen"]
    notes = [f"caseworker {worker_id} of organisation {people['organisation_id']} (the one with the most people)"]
    # Each session with the CSRF token a browser's session holds from its first page on: wrk never stores the
    # cookies it is sent back, so without it every request would make a new one, and no page could be kept
    # (portal/page_cache.py keeps a page only for a session that has its token).
    worker_cookie = session_cookie(app, {"user": {"kind": "caseworker", "id": worker_id, "v": worker_version}},
                                   csrf=True)[0]
    pages = [Page("floor (/_bench/floor)", "/_bench/floor"), Page("front page", "/")]
    if citizen:
        citizen_cookie = session_cookie(app, {"user": {"kind": "citizen", "id": citizen["citizen_id"],
                                                       "v": citizen["version"]}, "booking": {"kind": citizen["kind"]}},
                                        csrf=True)[0]
        pages += [Page("Mine samtaler", "/borger/", citizen_cookie),
                  Page("free times, one week", f"/borger/book/tid?uge={citizen['week']}", citizen_cookie)]
        person_id = citizen["citizen_id"]
        notes.append(f"citizen {person_id} ({citizen['kind']} with the {citizen['organisation']})")
    else:
        person_id = None
        notes.append("no person who may self-book was found: no citizen pages")
    if person_id:
        pages.append(Page("caseworker's person page", f"/sagsbehandler/borger/{person_id}", worker_cookie))
        # one person per wrk connection, read in turn: each view writes its CPR look-up for its person, and eight
        # views of one person at once wait for each other's commit (a real person is not looked up eight at once)
        others = tuple(f"/sagsbehandler/borger/{other}" for other in people["people"][:args.connections] if other != person_id)
        pages.append(Page(f"caseworker's person page, {len(others) + 1} people in turn",
                          f"/sagsbehandler/borger/{person_id}", worker_cookie, paths=others[:args.connections - 1]))
    pages += [Page("Mine borgere (caseload)", "/sagsbehandler/", worker_cookie),
              Page("caseworker's calendar feed", f"/kalender/feed/{worker_token}.ics")]
    if people["jobcenter_caseworker"]:
        other_id, other_version, other_size = people["jobcenter_caseworker"]
        other_cookie = session_cookie(app, {"user": {"kind": "caseworker", "id": other_id, "v": other_version}},
                                      csrf=True)[0]
        pages.append(Page(f"Mine borgere, largest jobcenter ({other_size:,} people)", "/sagsbehandler/", other_cookie))
    if args.only:
        wanted = [name.strip().lower() for name in args.only.split(",") if name.strip()]
        pages = [page for page in pages if page is pages[0] or any(w in page.name.lower() for w in wanted)]
    booking_page = Page("booking POST (Python, threads)", "/borger/book/tjek")
    supervision = Page(f"supervision report, every a-kasse, {SUPERVISION_MONTHS} months²", "")
    with_supervision = not args.only or any(
        w.strip().lower() in supervision.name.lower() or w.strip().lower() == "tilsyn"
        for w in args.only.split(",") if w.strip())
    bookings = people["bookings"]
    probe_booking = bookings.pop() if bookings else None
    race = bookings.pop() if bookings and with_bookings else None  # one slot, raced for by every client
    if with_bookings and len(bookings) < args.bookings * args.repeat:
        notes.append(f"only {len(bookings)} distinct bookable (person, slot) pairs found")
    per_pass = len(bookings) // args.repeat if bookings else 0

    port = args.port or free_port()
    work = Path(tempfile.mkdtemp(prefix="selvbooking-bench-"))
    script = work / "report.lua"
    script.write_text(WRK_SCRIPT)
    server = start_gunicorn(url, port, work / "gunicorn.log")
    try:
        for page in pages:
            probe(port, page, args.slow_timeout)
            print(f"{page.name}: {page.status}, {page.statements} statements in {page.transactions} transactions, "
                  f"{page.seconds:.3f} s", flush=True)
        slow = [page for page in pages if page.seconds > args.slow or page.status == 0]
        fast = [page for page in pages if page not in slow]
        for n in range(args.repeat):
            floor = None
            for page in fast:
                result = run_wrk(wrk, port, page, args.duration, args.connections, script)
                floor = floor or result["rps"]
                result["ratio"] = result["rps"] / floor
                page.runs.append(result)
                print(f"pass {n + 1}: {page.name}: {result['rps']:.1f}/s p50 {result['p50_ms']:.1f} ms "
                      f"p99 {result['p99_ms']:.1f} ms errors {result['errors']:.0f}", flush=True)
            if per_pass and with_bookings:
                prepared = booking_requests(app, bookings[n * per_pass:(n + 1) * per_pass])
                result = run_bookings(port, prepared, args.booking_clients, work)
                result["ratio"] = result["rps"] / floor if floor else float("nan")
                booking_page.runs.append(result)
                print(f"pass {n + 1}: bookings {result}", flush=True)
        # the slow pages last, one request after another (seconds each: under wrk the abandoned requests would
        # keep the workers busy into the next page's measurement); a first request over a minute is the sample
        floor_rps = median(pages[0], "rps")
        for page in slow:
            page.serial = True
            first = page.seconds
            result = (run_serial(port, page, args.slow_requests, args.slow_timeout) if first < 60 and page.status
                      else {"rps": 1 / first, "p50_ms": first * 1000, "p99_ms": first * 1000,
                            "errors": float(page.status == 0), "requests": 1})
            result["ratio"] = result["rps"] / floor_rps
            page.runs.append(result)
            print(f"{page.name} (serial): {result}", flush=True)
        if with_supervision:
            measure_supervision(url, supervision, args.repeat, floor_rps)
            pages.append(supervision)
            notes.append(f"² in the benchmark's own process, not over HTTP: monthly_figures for every a-kasse over "
                         f"the {SUPERVISION_MONTHS} months up to this one (R27, issue 17; "
                         f"benchmarks/bench_supervision.py), on a read-only connection, one run per pass; "
                         f"p50 = the median run")
        if booking_page.runs:
            probe_statements(app, port, booking_page, probe_booking)
            pages.append(booking_page)
            notes.append(f"booking POST: {per_pass} distinct (person, slot) pairs per pass, "
                         f"{args.booking_clients} client threads in another process (benchmarks/load_booking.py); "
                         f"requests/s counts bookings made; errors are answers other than the receipt "
                         f"(statuses seen: {sorted({st for r in booking_page.runs for st in r.get('statuses', [])})}); "
                         f"double bookings in the database afterwards: {double_bookings(url)}")
        if race is not None:
            raced = race_one_slot(app, port, race, args.booking_clients, work, url)
            notes.append(f"one slot, {args.booking_clients} clients at once (one person's booking of one start "
                         f"posted from {args.booking_clients} sessions, each with its own CSRF token and booking "
                         f"token): {raced['booked']} receipts, {raced['interviews']} active interview(s) for it in "
                         f"the database (must be 1), statuses {raced['statuses']}, {raced['seconds']:.2f} s")
            print(f"one slot: {raced}", flush=True)
        if any(page.serial for page in pages):
            notes.append(f"¹ measured serially after the passes ({args.slow_requests} requests one after another on "
                         f"one connection, or only the first when it took over a minute; p99 = the slowest): its "
                         f"first request took longer than {args.slow} s. Status 0 = no answer within "
                         f"{args.slow_timeout:.0f} s.")
        rss = worker_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    notes.append(f"database {url.rsplit('/', 1)[-1]}; gunicorn log {work / 'gunicorn.log'}")
    report = table(args.world, pages, counts, rss, notes, args)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    name = args.world if args.world == "demo" else f"national-{args.scale}"
    (RESULTS / f"{name}.md").write_text(report, encoding="utf-8")
    (RESULTS / "latest.md").write_text(report, encoding="utf-8")
    plot(name, pages, RESULTS / name.replace(".", "_"))
    (RESULTS / f"{name}.json").write_text(json.dumps(
        [{"page": p.name, "statements": p.statements, "transactions": p.transactions, "runs": p.runs}
         for p in pages], indent=1), encoding="utf-8")


SUPERVISION_MONTHS = 24


def measure_supervision(url: str, page: Page, repeat: int, floor_rps: float) -> None:
    """The supervision's report for every a-kasse over 24 months, in process, read-only (issue 17)."""
    from benchmarks.bench_supervision import measure

    for run in measure(url, last=date.today().replace(day=1), months=SUPERVISION_MONTHS, repeat=max(1, repeat)):
        seconds = run["seconds"]
        page.runs.append({"rps": 1 / seconds, "ratio": 1 / seconds / floor_rps, "p50_ms": seconds * 1000,
                          "p99_ms": seconds * 1000, "errors": 0.0, "requests": 1})
        page.statements, page.transactions, page.status = run["statements"], 1, 200
        print(f"{page.name}: {run}", flush=True)


def probe_statements(app: Any, port: int, page: Page, booking: dict[str, Any] | None) -> None:
    """The SQL of one booking POST: one more distinct booking, kept aside, read for its headers."""
    if booking is None:
        return
    request = booking_requests(app, [booking])[0]
    req = urllib.request.Request(f"http://127.0.0.1:{port}/borger/book/tjek", data=request["body"].encode(),
                                 headers={"Cookie": request["cookie"],
                                          "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=60) as response:
            page.status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        page.status, headers = error.code, error.headers
    page.statements = int(headers.get("X-SQL-Statements", "0"))
    page.transactions = int(headers.get("X-SQL-Transactions", "0"))


if __name__ == "__main__":
    main()
