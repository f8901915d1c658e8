"""Real gunicorn servers for tests: started with the repository's gunicorn.conf.py on a free port, always stopped.

``with gunicorn_server(app_spec, log_path, **env) as url:`` starts ``.venv/bin/gunicorn -c gunicorn.conf.py
<app_spec>`` with ``SELVBOOKING_BIND`` on a free port and the given environment, waits until ``/healthz`` answers
200, yields the base URL, and stops the server (SIGTERM, then SIGKILL) however the block ends. Everything the
server writes (gunicorn's log and the app's JSON lines) goes to ``log_path``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn_server(app_spec: str, log_path: Path, **env: str) -> Iterator[str]:
    """A gunicorn server for ``app_spec`` (``module:callable(args)``) on a free port; see the module docstring."""
    port = free_port()
    environment = {**os.environ, "SELVBOOKING_BIND": f"127.0.0.1:{port}", **env}
    environment.pop("SELVBOOKING_CONFIG", None)
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), app_spec],
            cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, url, log_path)
        yield url
    finally:
        _stop(process)


def _wait_until_healthy(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{log_path.read_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
