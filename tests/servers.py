"""Real gunicorn servers for tests: started with the repository's gunicorn.conf.py on a free port, always stopped.

``with gunicorn_server(app_spec, log_path, **env) as url:`` starts ``.venv/bin/gunicorn -c gunicorn.conf.py
<app_spec>`` with ``SELVBOOKING_BIND`` on a free port and the given environment, waits until ``/healthz`` answers
200, yields the base URL, and stops the server (SIGTERM, then SIGKILL) however the block ends. Everything the
server writes (gunicorn's log and the app's JSON lines) goes to ``log_path``.

Under pytest-xdist another worker may take the free port before gunicorn binds it; gunicorn then says
"Connection in use" and gives up, and the server is started again on another port.
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
    process, url = _start(app_spec, log_path, env)
    try:
        yield url
    finally:
        _stop(process)


class _PortTaken(Exception):
    """gunicorn could not bind the port: another process (another xdist worker) took it after free_port()."""


def _start(app_spec: str, log_path: Path, env: dict[str, str], attempts: int = 3) -> tuple[subprocess.Popen, str]:
    """Start gunicorn and wait until it is healthy; on a port taken in between, try again on another port."""
    for _ in range(attempts):
        port = free_port()
        environment = {**os.environ, "SELVBOOKING_BIND": f"127.0.0.1:{port}", **env}
        environment.pop("SELVBOOKING_CONFIG", None)
        logged_before = log_path.stat().st_size if log_path.exists() else 0
        with log_path.open("ab") as log:
            process = subprocess.Popen(  # noqa: S603 - a fixed command line
                [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), app_spec],
                cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_healthy(process, url, log_path, logged_before)
        except _PortTaken:
            _stop(process)
            continue
        except BaseException:
            _stop(process)
            raise
        return process, url
    raise RuntimeError(f"gunicorn found no free port in {attempts} attempts:\n{log_path.read_text()[-3000:]}")


def _wait_until_healthy(process: subprocess.Popen, url: str, log_path: Path, logged_before: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            with log_path.open("rb") as log:
                log.seek(logged_before)
                if b"Connection in use" in log.read():
                    raise _PortTaken
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
