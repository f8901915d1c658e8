"""A Danish-sized world for the benchmarks, written straight into PostgreSQL with COPY.

    .venv/bin/python benchmarks/world.py --url postgresql+psycopg://postgres@127.0.0.1:5432/selvbooking_bench \\
        [--scale 1.0] [--seed 11] [--today 2026-11-30] [--big-share 0.667]

At ``--scale 1``: 150,000 people, each with one contact course, across 25 a-kasser and 98 jobcentre; 3,000
caseworkers with working hours, absences and busy times; about 2,000,000 interviews over two years (held, missed
or cancelled in the past, booked ahead); hour entries every month; some exemptions, control actions and
decisions; agreed timeslots (R22) for every kommune–a-kasse pair that has a person.

Sizes are skewed like the real ones: the jobcentre follow a Zipf law (the largest ~29,000 people at scale 1,
the smallest a few hundred); the largest a-kasse holds ``--big-share`` of everyone (default 2/3, i.e. ~100,000
people at scale 1: the caseload target of issue 11 is one organisation with 100,000 people), the other 24 share
the rest by a Zipf law. Everything is drawn from ``random.Random(seed)`` and dated relative to ``--today``, so
one seed and one day give the same world.

The database is upgraded first (``db upgrade``: the same schema as the ORM, scheduling/adapters/orm.py) and must
be empty. Rows get their ids here; the sequences are moved past them at the end, so the services can add rows.
Afterwards the caseload read model (issue 11, migration 0005) is refreshed if the portal has the command for it
(``flask --app portal caseload opdater``) — the hook for that part: :func:`refresh_read_models` — and every
course's supervision milestones (issue 17, migrations 0027 and 0030: the days and the held interviews counted
against them) are computed: :func:`fill_milestones`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess  # nosec B404  # runs our own flask command
import sys
import time as clock
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
BENCH_PASSWORD = "bench-selvbooking"  # nosec B105  # the benchmark worlds' caseworker password; never production
AKASSER = 25
JOBCENTRE = 98
PEOPLE = 150_000
CASEWORKERS = 3_000
SLOT_MINUTES = 30
DAY_SLOTS = [(h, m) for h in range(9, 15) for m in (0, 30)]  # 09:00–14:30 starts, within working hours
FIRST_NAMES = ["Anne", "Mette", "Lars", "Jens", "Peter", "Hanne", "Søren", "Karen", "Mads", "Sofie", "Ida", "Emil",
               "Frederik", "Camilla", "Nikolaj", "Louise", "Rasmus", "Julie", "Anders", "Maria", "Ali", "Fatima"]
LAST_NAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
              "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Yilmaz"]


def zipf_sizes(total: int, count: int, exponent: float = 1.0, minimum: int = 1) -> list[int]:
    """``count`` sizes summing to ``total``, the i-th proportional to 1/i**exponent, none below ``minimum``."""
    weights = [1 / (i + 1) ** exponent for i in range(count)]
    scale = total / sum(weights)
    sizes = [max(minimum, int(w * scale)) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), COPENHAGEN).astimezone(UTC)


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@dataclass
class Org:
    id: int
    kind: str  # "akasse" | "jobcenter"
    name: str
    size: int
    caseworkers: list[int] = field(default_factory=list)


class Table:
    """Rows of one table in COPY's text format, in memory until written."""

    def __init__(self, name: str, columns: list[str]) -> None:
        self.name, self.columns, self.buffer, self.count = name, columns, io.StringIO(), 0

    def add(self, *values: object) -> None:
        self.buffer.write("\t".join(_text(v) for v in values))
        self.buffer.write("\n")
        self.count += 1


def _text(value: object) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value).replace("\\", "\\\\")
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


class WorldBuilder:
    def __init__(self, scale: float, seed: int, today: date, big_share: float) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.now = local(today, 8)
        self.people = max(60, int(PEOPLE * scale))
        self.caseworker_count = max(2 * (AKASSER + JOBCENTRE), int(CASEWORKERS * scale))
        self.big_share = big_share
        self.ids: dict[str, int] = {}
        self.busy_slots: set[tuple[int, datetime]] = set()
        t = self.tables = {
            "organisations": Table("organisations", ["id", "kind", "name", "kommune", "book_by_days",
                                   "change_deadline_hours", "faellessamtale_r10_selvbooking",
                                   "faellessamtale_r12_selvbooking", "address", "phone", "slot_minutes"]),
            "caseworkers": Table("caseworkers", ["id", "organisation_id", "name", "email", "password_hash",
                                 "oidc_subject", "is_admin", "disabled", "session_version", "calendar_feed_token",
                                 "offered_kinds", "offered_formats", "busy_ics_url"]),
            "working_hours": Table("working_hours", ["id", "caseworker_id", "weekday", "start_time", "end_time"]),
            "absences": Table("absences", ["id", "caseworker_id", "start_at", "end_at", "note"]),
            "busy_times": Table("busy_times", ["id", "caseworker_id", "start_at", "end_at", "source", "imported_at"]),
            "citizens": Table("citizens", ["id", "cpr", "name", "birth_date", "akasse_id", "jobcenter_id", "phone",
                              "email", "locale", "calendar_feed_token", "session_version"]),
            "courses": Table("courses", ["id", "citizen_id", "registered_on", "placed_on", "insurance",
                             "vocational_qualification", "custody_of_children_at_home", "referred_r4_on",
                             "repatriation", "old_rules", "ended_on"]),
            "hour_entries": Table("hour_entries", ["id", "course_id", "registered_on", "period_start", "period_end",
                                  "hours", "kind", "registered_by_id", "registered_at"]),
            "exemptions": Table("exemptions", ["id", "course_id", "ground", "starts_on", "ends_on", "event_on",
                                "documentation", "not_covered_on", "not_covered_decision_id", "registered_by_id",
                                "registered_at"]),
            "control_actions": Table("control_actions", ["id", "course_id", "received_on", "stay_abroad",
                                     "authority", "registered_by_id", "registered_at"]),
            "agreed_timeslots": Table("agreed_timeslots", ["id", "jobcenter_id", "akasse_id", "weekday",
                                      "start_time", "end_time", "valid_from", "valid_to", "akasse_participation",
                                      "status", "proposed_by_id", "proposed_at", "decided_by_id", "decided_at"]),
            "interviews": Table("interviews", ["id", "uid", "sequence", "course_id", "citizen_id", "kind",
                                "organisation", "organisation_id", "start_at", "end_at", "format", "status",
                                "booked_by", "akasse_participation", "format_raised", "format_raised_reason",
                                "control_action_id", "timeslot_id", "booked_at", "rebooked_count", "cancelled_at",
                                "recorded_at", "checklist", "video_link", "caseworker_note", "changed_at"]),
            "interview_participants": Table("interview_participants", ["interview_id", "caseworker_id", "role",
                                            "start_at", "end_at", "status"]),
            "decisions": Table("decisions", ["id", "course_id", "kind", "organisation", "organisation_id",
                               "made_by_id", "made_at", "ground", "assessment", "is_afgoerelse", "letter",
                               "interview_id"]),
        }
        self.t = t

    def next_id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def token(self) -> str:
        return f"{self.rng.getrandbits(192):048x}"

    # ---------------------------------------------------------------------------------------------------------
    def build(self) -> None:
        self.organisations()
        self.caseworkers()
        self.citizens_and_courses()
        self.timeslots()

    def organisations(self) -> None:
        big = int(self.people * self.big_share)
        akasse_sizes = [big, *zipf_sizes(self.people - big, AKASSER - 1, 1.0, 1)]
        jobcenter_sizes = zipf_sizes(self.people, JOBCENTRE, 1.0, max(1, self.people // 600))
        self.akasser = [Org(self.next_id("organisations"), "akasse", f"A-kasse {i + 1:02d}", s)
                        for i, s in enumerate(akasse_sizes)]
        self.jobcentre = [Org(self.next_id("organisations"), "jobcenter", f"Jobcenter Kommune {i + 1:02d}", s)
                          for i, s in enumerate(jobcenter_sizes)]
        for org in self.akasser + self.jobcentre:
            kommune = org.name.removeprefix("Jobcenter ") if org.kind == "jobcenter" else None
            self.t["organisations"].add(org.id, org.kind, org.name, kommune, 8, 24, True, True,
                                        f"{org.name}, Hovedgaden 1", "70 10 20 30", SLOT_MINUTES)

    def caseworkers(self) -> None:
        from scheduling.services.accounts import hash_password

        password = hash_password(BENCH_PASSWORD)
        orgs = self.akasser + self.jobcentre
        spare = self.caseworker_count - 2 * len(orgs)
        for org in orgs:
            count = 2 + int(spare * org.size / (2 * self.people))  # half the caseworkers at each kind of org
            for n in range(count):
                self.caseworker(org, n, password)

    def caseworker(self, org: Org, n: int, password: str) -> None:
        cid = self.next_id("caseworkers")
        org.caseworkers.append(cid)
        kinds = ["jobsamtale", "faellessamtale", "raadighedssamtale"] if org.kind == "akasse" else [
            "jobsamtale", "faellessamtale"]
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        self.t["caseworkers"].add(cid, org.id, name, f"cw{cid}@org{org.id}.bench.example.dk", password, None,
                                  n == 0, False, 0, self.token(), kinds,
                                  ["personligt_fremmoede", "telefonisk", "personligt_digitalt_fremmoede"], None)
        late = self.rng.random() < 0.5
        for weekday in range(5):
            end = time(13, 0) if weekday == 4 else time(15, 30 if late else 0)
            self.t["working_hours"].add(self.next_id("working_hours"), cid, weekday, time(8, 30), end)
        for _ in range(self.rng.randint(3, 7)):  # holidays and courses over the two years and ahead
            start = self.today + timedelta(days=self.rng.randint(-700, 90))
            length = self.rng.choice([1, 1, 2, 5, 7, 14])
            self.t["absences"].add(self.next_id("absences"), cid, local(start, 0), local(start + timedelta(days=length), 0),
                                   self.rng.choice(["Ferie", "Kursus", "Sygdom", None]))
        for week in range(8):  # the team meeting and a few appointments from the caseworker's own calendar
            monday = self.today - timedelta(days=self.today.weekday()) + timedelta(weeks=week)
            day = monday + timedelta(days=n % 5)
            self.t["busy_times"].add(self.next_id("busy_times"), cid, local(day, 9), local(day, 10), "ics-upload",
                                     self.now)
            if self.rng.random() < 0.5:
                other = monday + timedelta(days=self.rng.randint(0, 4))
                hour = self.rng.randint(10, 14)
                self.t["busy_times"].add(self.next_id("busy_times"), cid, local(other, hour), local(other, hour, 45),
                                         "ics-url", self.now)

    # ---------------------------------------------------------------------------------------------------------
    def citizens_and_courses(self) -> None:
        akasse_of = [org for org in self.akasser for _ in range(org.size)]
        jobcenter_of = [org for org in self.jobcentre for _ in range(org.size)]
        self.rng.shuffle(jobcenter_of)
        self.pairs: set[tuple[int, int]] = set()
        cpr_serials: dict[date, int] = {}
        for index in range(self.people):
            akasse, jobcenter = akasse_of[index], jobcenter_of[index]
            self.pairs.add((jobcenter.id, akasse.id))
            birth = date(1960, 1, 1) + timedelta(days=self.rng.randint(0, 365 * 43))
            serial = cpr_serials.get(birth, 0)
            cpr_serials[birth] = serial + 1
            cpr = f"{birth:%d%m%y}{0 if birth.year < 2000 else 4}{serial:03d}"
            citizen_id = self.next_id("citizens")
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            self.t["citizens"].add(citizen_id, cpr, name, birth, akasse.id, jobcenter.id, "20 30 40 50",
                                   f"borger{citizen_id}@bench.example.dk", "da" if index % 10 else "en",
                                   self.token(), 0)
            self.course(citizen_id, akasse, jobcenter)

    def course(self, citizen_id: int, akasse: Org, jobcenter: Org) -> None:
        rng = self.rng
        course_id = self.next_id("courses")
        registered = self.today - timedelta(days=rng.randint(0, 730))
        ended = None
        age = (self.today - registered).days
        if age > 200 and rng.random() < 0.35:  # found work or left benefit
            ended = registered + timedelta(days=rng.randint(120, age - 10))
        self.t["courses"].add(course_id, citizen_id, registered, registered,
                              "deltid" if rng.random() < 0.1 else "fuldtid", rng.random() < 0.6,
                              rng.random() < 0.3, None, False, False, ended)
        last = ended or self.today
        self.hours(course_id, registered, last, akasse)
        if rng.random() < 0.03:
            self.exemption(course_id, registered, last, akasse)
        if rng.random() < 0.02:
            received = registered + timedelta(days=rng.randint(0, max(0, (last - registered).days)))
            self.t["control_actions"].add(self.next_id("control_actions"), course_id, received, False,
                                          "Udbetaling Danmark", rng.choice(jobcenter.caseworkers), local(received, 10))
        self.interviews(course_id, citizen_id, registered, ended, akasse, jobcenter)

    def hours(self, course_id: int, registered: date, last: date, akasse: Org) -> None:
        month = registered.replace(day=1)
        while month <= last:
            following = (month + timedelta(days=32)).replace(day=1)
            reported = following + timedelta(days=3)
            if reported > self.today:
                break
            period_start = max(month, registered)
            self.t["hour_entries"].add(self.next_id("hour_entries"), course_id, reported, period_start,
                                       following - timedelta(days=1), f"{self.rng.uniform(80, 160.33):.2f}",
                                       "dagpenge", None, local(reported, 7))
            month = following

    def exemption(self, course_id: int, registered: date, last: date, akasse: Org) -> None:
        start = registered + timedelta(days=self.rng.randint(0, max(0, (last - registered).days)))
        self.t["exemptions"].add(self.next_id("exemptions"), course_id, self.rng.choice(["nr1", "nr2", "nr3", "nr4"]),
                                 start, start + timedelta(days=self.rng.randint(14, 120)), start,
                                 "Dokumentation modtaget", None, None, self.rng.choice(akasse.caseworkers),
                                 local(start, 9))

    # ---------------------------------------------------------------------------------------------------------
    def interviews(self, course_id: int, citizen_id: int, registered: date, ended: date | None, akasse: Org,
                   jobcenter: Org) -> None:
        """Every 2–5 weeks an interview, alternately with the a-kasse and the jobcenter, the third one joint;
        in the past held (mostly), missed or cancelled; in the next few weeks booked."""
        rng = self.rng
        horizon = min(ended or self.today + timedelta(days=35), self.today + timedelta(days=35))
        day = registered + timedelta(days=rng.randint(3, 12))
        n = 0
        while day <= horizon:
            day = weekday_on_or_after(day)
            holder = akasse if n % 2 == 0 else jobcenter
            kind = "jobsamtale"
            if n == 3:
                kind, holder = "faellessamtale", jobcenter
            elif holder is akasse and n % 6 == 4:
                kind = "raadighedssamtale"
            self.interview(course_id, citizen_id, day, kind, holder, akasse, n)
            n += 1
            day += timedelta(days=rng.randint(14, 35))
        if rng.random() < 0.01 and n > 2:
            made = local(min(self.today, registered + timedelta(days=60)), 11)
            self.t["decisions"].add(self.next_id("decisions"), course_id, "fratagelse_selvbooking", "akasse",
                                    akasse.id, rng.choice(akasse.caseworkers), made, "udeblevet",
                                    "Udeblevet fra to samtaler.", True, "Afgørelse: selvbooking er frataget.", None)

    def interview(self, course_id: int, citizen_id: int, day: date, kind: str, holder: Org, akasse: Org,
                  n: int) -> None:
        rng = self.rng
        start = None
        workers: list[tuple[int, str]] = []
        for _attempt in range(40):
            hour, minute = rng.choice(DAY_SLOTS)
            candidate = local(day, hour, minute)
            worker = rng.choice(holder.caseworkers)
            if (worker, candidate) in self.busy_slots:
                continue
            workers = [(worker, holder.kind)]
            if kind == "faellessamtale":
                partner = rng.choice(akasse.caseworkers)
                if (partner, candidate) in self.busy_slots:
                    continue
                workers.append((partner, "akasse"))
            start = candidate
            break
        if start is None:
            return  # a full day for this organisation: no interview then
        future = start > self.now
        if future:
            status = "booket"
        else:
            roll = rng.random()
            status = "afholdt" if roll < 0.9 else "udeblevet" if roll < 0.95 else "aflyst"
        active = status != "aflyst"
        if active:
            for worker, _role in workers:
                self.busy_slots.add((worker, start))
        self_booked = n > 0 and rng.random() < 0.7
        booked_at = start - timedelta(days=rng.randint(8, 20))
        fmt = rng.choice(["personligt_fremmoede", "telefonisk", "personligt_digitalt_fremmoede"])
        if n == 0:
            fmt = "personligt_fremmoede"
        participation = rng.choice(["deltager_ikke", "video", "fremmoede"]) if kind == "faellessamtale" else None
        interview_id = self.next_id("interviews")
        end = start + timedelta(minutes=SLOT_MINUTES)
        checklist = {"min_plan": True, "joblog": True, "cv": True} if status == "afholdt" else {}
        cancelled_at = start - timedelta(days=2) if status == "aflyst" else None
        recorded_at = end if status in ("afholdt", "udeblevet") else None
        self.t["interviews"].add(
            interview_id, f"bench-{interview_id}@selvbooking.dk", 0, course_id, citizen_id, kind,
            holder.kind, holder.id, start, end, fmt, status, "selvbooking" if self_booked else "indkaldelse",
            participation, False, None, None, None, booked_at, 0, cancelled_at, recorded_at, checklist,
            "https://video.example.dk/m" if fmt == "personligt_digitalt_fremmoede" else None, None,
            # the last change (migration 0028), as the services set it: GET /interviews?changed_since= reads it
            cancelled_at or recorded_at or booked_at,
        )
        for worker, role in workers:
            self.t["interview_participants"].add(interview_id, worker, role, start, end, status)

    def timeslots(self) -> None:
        """R22: two agreed weekly intervals for joint interviews for every jobcenter–a-kasse pair in use."""
        jobcentre = {org.id: org for org in self.jobcentre}
        akasser = {org.id: org for org in self.akasser}
        valid_from = self.today - timedelta(days=730)
        for jobcenter_id, akasse_id in sorted(self.pairs):
            proposer = jobcentre[jobcenter_id].caseworkers[0]
            decider = akasser[akasse_id].caseworkers[0]
            for weekday, hour in ((1, 10), (3, 13)):
                self.t["agreed_timeslots"].add(
                    self.next_id("agreed_timeslots"), jobcenter_id, akasse_id, weekday, time(hour, 0),
                    time(hour + 2, 0), valid_from, None, self.rng.choice(["deltager_ikke", "video", "fremmoede"]),
                    "accepteret", proposer, local(valid_from, 9), decider, local(valid_from, 12),
                )

    def tables_in_order(self) -> Iterator[Table]:
        yield from self.tables.values()


# -------------------------------------------------------------------------------------------------------------
def psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def prepare_database(url: str) -> None:
    """Create the database if missing and upgrade it to the newest schema (refusing one that holds people)."""
    import psycopg
    from sqlalchemy import make_url

    parsed = make_url(url)
    admin = parsed.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(psycopg_url(admin), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{parsed.database}"')
    from scheduling.adapters import db

    engine = db.make_engine(url)
    db.upgrade(engine)
    engine.dispose()


def write(builder: WorldBuilder, url: str) -> None:
    import psycopg

    with psycopg.connect(psycopg_url(url)) as conn:
        if conn.execute("SELECT count(*) FROM organisations").fetchone()[0]:  # type: ignore[index]
            raise SystemExit("The database already holds a world; give an empty one (or drop it first).")
        conn.execute("SET session_replication_role = replica")  # no FK triggers while loading: written in order
        for table in builder.tables_in_order():
            started = clock.perf_counter()
            with conn.cursor().copy(f"COPY {table.name} ({', '.join(table.columns)}) FROM STDIN") as copy:
                data = table.buffer.getvalue()
                for offset in range(0, len(data), 1 << 20):
                    copy.write(data[offset:offset + (1 << 20)])
            print(f"  {table.name:24} {table.count:>10,} rows  {clock.perf_counter() - started:6.1f} s", flush=True)
            table.buffer = io.StringIO()
        conn.execute("SET session_replication_role = DEFAULT")
        for table in builder.tables_in_order():
            if "id" in table.columns:
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"GREATEST((SELECT max(id) FROM {table.name}), 1))")
        conn.commit()
        conn.autocommit = True
        conn.execute("ANALYZE")


def refresh_read_models(url: str) -> None:
    """The hook for the caseload read model (issue 11, migration 0005): when the portal has the command, fill it.

    Rows written with COPY bypass the services that keep the read model in step, so it must be refreshed once
    after generating: ``flask --app portal caseload opdater``. Without that command (before the caseload part is
    merged) nothing happens.
    """
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "portal", "caseload", "opdater"]
    env = {**os.environ, "SELVBOOKING_DATABASE_URL": url, "SELVBOOKING_CONFIG": "benchmark"}
    helped = subprocess.run([*flask[:-1], "--help"], env=env, capture_output=True, cwd=ROOT)  # nosec B603
    if helped.returncode != 0:
        print("  (no `flask --app portal caseload opdater` yet: no read model to refresh)")
        return
    started = clock.perf_counter()
    subprocess.run(flask, env=env, check=True, cwd=ROOT)  # nosec B603
    print(f"  caseload read model refreshed in {clock.perf_counter() - started:.1f} s")
    # The ANALYZE after COPY saw these tables empty; with autovacuum off (as on the benchmark machine) the planner
    # would go on believing that an organisation has a few hundred rows and read every one of its 20,000
    # (the caseload page then spent 250 ms in one query). VACUUM also sets the visibility map, as autovacuum
    # would in a running database, for the index-only counts.
    import psycopg

    with psycopg.connect(psycopg_url(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE caseload_status, caseload_caseworkers")


def fill_milestones(url: str) -> None:
    """The supervision's stored milestones (R27, issue 17, migrations 0027 and 0030: the days and the held
    interviews counted against them): rows written with COPY bypass the session hook that keeps them
    (scheduling/adapters/milestones.py), so every course's are computed once here (the same as
    ``flask --app portal tilsyn opdater``), in one transaction."""
    from scheduling.adapters import db
    from scheduling.adapters.milestones import rebuild

    started = clock.perf_counter()
    engine = db.make_engine(url)
    try:
        with engine.begin() as connection:
            done = rebuild(connection)
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE course_milestones")
    finally:
        engine.dispose()
    print(f"  supervision milestones of {done:,} courses in {clock.perf_counter() - started:.1f} s", flush=True)


def generate(url: str, scale: float = 1.0, seed: int = 11, today: date | None = None,
             big_share: float = 2 / 3) -> WorldBuilder:
    today = today or datetime.now(COPENHAGEN).date()
    started = clock.perf_counter()
    prepare_database(url)
    builder = WorldBuilder(scale, seed, today, big_share)
    builder.build()
    print(f"generated in memory in {clock.perf_counter() - started:.1f} s; writing with COPY", flush=True)
    write(builder, url)
    fill_milestones(url)
    refresh_read_models(url)
    print(f"world ready in {clock.perf_counter() - started:.1f} s", flush=True)
    return builder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get(
        "SELVBOOKING_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/selvbooking_bench_national"))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--big-share", type=float, default=2 / 3,
                        help="the largest a-kasse's share of all people (2/3 → 100,000 at scale 1)")
    args = parser.parse_args()
    generate(args.url, args.scale, args.seed, args.today, args.big_share)


if __name__ == "__main__":
    main()
