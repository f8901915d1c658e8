"""Render the demo world's pages to files, to compare the HTML before and after a change byte for byte (issue 11).

    .venv/bin/python benchmarks/render_pages.py OUT_DIR [--world demo]
    diff -r BEFORE_DIR AFTER_DIR

Every person's Mine samtaler and four weeks of free times (with and without a chosen kind), the person page of
every person for every caseworker of their a-kasse or jobcenter, every caseworker's caseload and "I dag", and
the front page, each in Danish and English, requested through Flask's test client against the world's
database (benchmarks/run.py makes it). The status, the headers (the cookies' values and expiry
normalised; not the request id, the date or the length, which the look-up count changes) and the body are written; CSRF tokens and the
person page's count of CPR look-ups are normalised (each request changes them). Requests that write (the person page's audit line) write as they would anyway.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import database_url, make_app, session_cookie  # noqa: E402

_CSRF = re.compile(r'(name="csrf_token"[^>]*value=")[^"]*"')
_COOKIE = re.compile(r"^([^=]+)=[^;]*|(Expires)=[^;]*")  # a cookie's value (signed anew) and expiry
_LOOKUPS = re.compile(r'(id="cpr-opslag">[^<]*?)\d+')  # the person page counts its own CPR look-ups


def _value(match: re.Match[str]) -> str:
    return f"{match[1] or match[2]}=V"


def _get(app: Any, data: dict[str, Any], path: str) -> str:
    client = app.test_client()
    key, value = session_cookie(app, data)[0].split("=", 1)
    client.set_cookie(key, value)
    response = client.get(path)
    body = _LOOKUPS.sub(r"\1N", _CSRF.sub(r'\1CSRF"', response.get_data(as_text=True)))
    headers = "".join(f"{name}: {_COOKIE.sub(_value, value) if name == 'Set-Cookie' else value}\n"
                      for name, value in sorted(response.headers.items()) if name not in ("X-Request-ID", "Date", "Content-Length"))
    return f"{response.status_code}\n{headers}\n{body}"


def main() -> None:
    import logging

    import psycopg

    from benchmarks.world import psycopg_url

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--world", choices=["demo", "national"], default="demo")
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--time-of-day", default="08:00", help="the time in Denmark the pages are shown at")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    url = database_url(args.world, args.scale, args.seed)
    app = make_app(url)
    with app.app_context():
        from portal import today

        # the pages at a fixed time of today (the caseworker's day shows what has begun): two runs compare
        app.config.update(TODAY=today().isoformat(), TIME_OF_DAY=args.time_of_day)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with psycopg.connect(psycopg_url(url)) as conn:
        people = conn.execute("SELECT id, session_version, akasse_id, jobcenter_id FROM citizens ORDER BY id").fetchall()
        workers = conn.execute("SELECT id, session_version, organisation_id FROM caseworkers WHERE NOT disabled "
                               "ORDER BY id").fetchall()
    with app.test_request_context():
        from portal import today

        monday = today() - timedelta(days=today().weekday())
    weeks = [(monday + timedelta(weeks=n)).isoformat() for n in (0, 1, 2, 3)]
    count = 0
    for lang in ("da", "en"):
        for citizen_id, version, akasse_id, jobcenter_id in people:
            user = {"user": {"kind": "citizen", "id": citizen_id, "v": version}, "lang": lang}
            pages = {"overview": "/borger/"}
            for week in weeks:
                pages[f"times-{week}"] = f"/borger/book/tid?uge={week}"
            for name, path in pages.items():
                (out / f"{lang}-citizen{citizen_id}-{name}.html").write_text(_get(app, user, path), encoding="utf-8")
                count += 1
            for week in weeks:
                chosen = {**user, "booking": {"kind": "jobsamtale"}}
                (out / f"{lang}-citizen{citizen_id}-times-{week}-jobsamtale.html").write_text(
                    _get(app, chosen, f"/borger/book/tid?uge={week}"), encoding="utf-8")
                count += 1
            for worker_id, worker_version, organisation_id in workers:
                if organisation_id in (akasse_id, jobcenter_id):
                    worker = {"user": {"kind": "caseworker", "id": worker_id, "v": worker_version}, "lang": lang}
                    (out / f"{lang}-worker{worker_id}-person{citizen_id}.html").write_text(
                        _get(app, worker, f"/sagsbehandler/borger/{citizen_id}"), encoding="utf-8")
                    count += 1
        for worker_id, worker_version, _org in workers:
            worker = {"user": {"kind": "caseworker", "id": worker_id, "v": worker_version}, "lang": lang}
            for name, path in {"today": "/sagsbehandler/i-dag", "caseload": "/sagsbehandler/"}.items():
                (out / f"{lang}-worker{worker_id}-{name}.html").write_text(_get(app, worker, path), encoding="utf-8")
                count += 1
        (out / f"{lang}-front.html").write_text(_get(app, {"lang": lang}, "/"), encoding="utf-8")
        count += 1
    print(f"{count} pages written to {out}")


if __name__ == "__main__":
    main()
