"""The worker's command (issue 15): ``flask --app portal notices send --once`` for cron prints what it did and
stops; the long-running worker stops cleanly on SIGTERM (systemd's stop)."""

from __future__ import annotations

import os
import signal
import subprocess  # nosec B404 - the test starts the worker as an operator would
import sys
import time
from pathlib import Path


def test_send_once_delivers_what_is_due_prints_a_summary_and_stops(app, tmp_path):
    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    result = app.test_cli_runner().invoke(args=["notices", "send", "--once"])
    assert result.exit_code == 0, result.output
    assert "sendt" in result.output and "I alt:" in result.output
    written = list((tmp_path / "mail").glob("*.eml"))
    assert written and f"I alt: {len(written)} sendt" in result.output
    again = app.test_cli_runner().invoke(args=["notices", "send", "--once"])
    assert "I alt: 0 sendt" in again.output


def test_the_long_running_worker_stops_on_sigterm(tmp_path, demo_database):
    import shutil

    database = tmp_path / "worker.sqlite3"
    shutil.copyfile(demo_database, database)
    env = {
        **os.environ, "SELVBOOKING_CONFIG": "development", "SELVBOOKING_DATABASE_URL": f"sqlite:///{database}",
        "SELVBOOKING_MAIL_DIR": str(tmp_path / "mail"),
    }
    flask = Path(sys.executable).with_name("flask")
    worker = subprocess.Popen(  # nosec B603 - a fixed command
        [str(flask), "--app", "portal", "notices", "send", "--poll", "0.2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "mail").glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err
    assert "I alt:" in out and list((tmp_path / "mail").glob("*.eml"))

