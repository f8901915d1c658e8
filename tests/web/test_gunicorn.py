"""The production server (issue 9): gunicorn with the repository's gunicorn.conf.py serves the portal, and
neither its own access log nor the app's request log ever prints a calendar feed's secret token."""

from __future__ import annotations

import gc
import json
import runpy
import shutil
import sqlite3
import time
from pathlib import Path

import requests

from tests.servers import gunicorn_server
from tests.web.helpers import DEMO_TODAY


def test_gunicorn_serves_the_portal_and_no_log_line_holds_a_feed_token(tmp_path, demo_database):
    path = tmp_path / "served.sqlite3"
    shutil.copyfile(demo_database, path)
    with sqlite3.connect(path) as connection:
        (token,) = connection.execute("SELECT calendar_feed_token FROM citizens ORDER BY id LIMIT 1").fetchone()
    log = tmp_path / "gunicorn.log"
    spec = f"portal:create_app('testing', {{'DATABASE_URL': 'sqlite:///{path}', 'TODAY': '{DEMO_TODAY}'}})"
    # gunicorn's own access log switched on too: its format must not print the path either
    with gunicorn_server(spec, log, WEB_CONCURRENCY="1", SELVBOOKING_ACCESS_LOG="-") as url:
        feed = requests.get(f"{url}/kalender/feed/{token}.ics", headers={"X-Request-ID": "feed-request-1"}, timeout=30)
        assert feed.status_code == 200 and feed.text.startswith("BEGIN:VCALENDAR")
        assert feed.headers["X-Request-ID"] == "feed-request-1"
        wrong = requests.get(f"{url}/kalender/feed/{token[:-2]}xy.ics?t={token}", timeout=30)
        assert wrong.status_code == 404
        assert requests.get(f"{url}/", timeout=30).status_code == 200
    text = log.read_text()
    assert token not in text and token[:-2] not in text
    app_lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    feed_lines = [line for line in app_lines if line.get("route") == "/kalender/feed/<token>.ics"]
    assert [(line["status"], line["method"]) for line in feed_lines] == [(200, "GET"), (404, "GET")]
    assert feed_lines[0]["request_id"] == "feed-request-1"
    # gunicorn's access line is there (with the request id), just without the path
    assert '"GET" 200' in text and "request_id=feed-request-1" in text


def test_a_worker_leaves_what_the_loaded_app_holds_out_of_the_collectors_passes():
    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    try:
        settings["post_worker_init"](object())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def _listening_sockets(port: int) -> int:
    """How many sockets listen on ``port`` on this machine (/proc/net/tcp: local address, state 0A = LISTEN)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A")


def test_with_reuse_port_each_worker_listens_itself_and_serves(tmp_path, demo_database):
    """Issue 11 (gunicorn.conf.py, "SO_REUSEPORT"): asked for, each of the two workers opens its own listening
    socket on the address, so the kernel spreads new connections over them (by default they share the arbiter's
    one socket)."""
    path = tmp_path / "served.sqlite3"
    shutil.copyfile(demo_database, path)
    spec = f"portal:create_app('testing', {{'DATABASE_URL': 'sqlite:///{path}', 'TODAY': '{DEMO_TODAY}'}})"
    with gunicorn_server(spec, tmp_path / "gunicorn.log", WEB_CONCURRENCY="2", SELVBOOKING_REUSE_PORT="1") as url:
        for _ in range(4):
            assert requests.get(f"{url}/", timeout=30).status_code == 200
        port = int(url.rsplit(":", 1)[1])
        deadline = time.monotonic() + 30  # the second worker may still be starting
        while _listening_sockets(port) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _listening_sockets(port) == 2
