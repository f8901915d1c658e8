"""Helpers (no tests) for the SMS tests: an SMS gateway on loopback (the standard library's HTTP server in a
thread) that answers with the statuses it is given and keeps what it received, and an SMS notice to a person."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Gateway:
    """A real HTTP server on 127.0.0.1: each POST answers the next of ``statuses`` (then 200), after ``delay``
    seconds; ``received`` holds each request's JSON body and Authorization header."""

    def __init__(self, statuses: list[int] | None = None, delay: float = 0.0) -> None:
        self.statuses, self.delay = list(statuses or []), delay
        self.received: list[tuple[dict, str | None]] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                gateway.received.append((body, self.headers.get("Authorization")))
                time.sleep(gateway.delay)
                status = gateway.statuses.pop(0) if gateway.statuses else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if status < 300 else b'{"error": "gateway down"}')

            def log_message(self, *args) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/sms"

    def __enter__(self) -> Gateway:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def sms_notice(app, citizen_id: int, mobile: str = "20123456", topic: str = "booking", locale: str = "da") -> str:
    """The person has a mobile number and no e-mail address; tell them of ``topic``: an SMS notice (its key)."""
    from portal import now
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow
    from scheduling.services import notices

    with app.app_context(), unit_of_work() as uow:
        row = uow.session.get(CitizenRow, citizen_id)
        row.email, row.phone, row.notice_choices, row.locale = None, mobile, None, locale
        notice = notices.tell(uow, citizen_id, topic, now())
        uow.commit()
        return notice.key


def clear_outbox(app) -> None:
    """No notices waiting (the demo world's own are sent or not our business)."""
    from sqlalchemy import delete

    from portal.database import unit_of_work
    from scheduling.adapters.orm import NoticeAttemptRow, NoticeRow

    with app.app_context(), unit_of_work() as uow:
        uow.session.execute(delete(NoticeAttemptRow))
        uow.session.execute(delete(NoticeRow))
        uow.commit()


def notice(app, key: str):
    from sqlalchemy import select

    from portal.database import unit_of_work
    from scheduling.adapters.orm import NoticeRow

    with app.app_context(), unit_of_work() as uow:
        row = uow.session.scalar(select(NoticeRow).where(NoticeRow.key == key))
        uow.session.expunge(row)
        return row
