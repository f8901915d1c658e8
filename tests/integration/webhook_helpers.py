"""Helpers for the webhook tests: a real HTTP receiver on loopback (a thread), an administrator, a subscription made
through the service, the webhook deliveries in the outbox, and the worker's HTTP transport for a test's database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from portal.webhooks.sender import HttpDelivery
from scheduling.adapters.orm import CaseworkerRow, NoticeRow
from scheduling.services import webhooks
from scheduling.services.notices import Job
from scheduling.vocabulary import SUBSCRIBABLE_EVENTS, ActorKind, NoticeChannel
from tests.integration.outbox_helpers import notice_rows


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that keeps every POST and answers ``status`` (204 unless changed)."""

    status: int = 204
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/selvbooking"

    def start(self) -> Receiver:
        receiver = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    receiver.received.append(Received(self.path, dict(self.headers.items()), body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def make_admin(uow_factory, caseworker_id: int) -> int:
    with uow_factory() as uow:
        uow.session.get(CaseworkerRow, caseworker_id).is_admin = True
        uow.commit()
    return caseworker_id


def subscribe(uow_factory, admin_id: int, url: str, events=SUBSCRIBABLE_EVENTS, now=None) -> webhooks.Created:
    from tests.integration.world import NOW

    return webhooks.subscribe(uow_factory(), now or NOW, admin_id, url, [str(e) for e in events], allow_loopback_http=True)


def deliveries(uow_factory) -> list[NoticeRow]:
    """The webhook deliveries in the outbox, oldest first."""
    return [row for row in notice_rows(uow_factory) if row.recipient_kind == ActorKind.WEBHOOK]


def http_delivery(uow_factory, timeout: float = 5) -> Callable[[Job], None]:
    """The worker's transport for webhook events, reading the subscription from the test's database; the other
    notices of a change (the person's e-mail or SMS, the caseworkers' invitations) are taken as sent."""
    delivery = HttpDelivery(lambda subscription_id: webhooks.target(uow_factory(), subscription_id), timeout=timeout,
                            allow_loopback=True)  # the receiver listens on loopback

    def send(job: Job) -> None:
        if job.channel == NoticeChannel.WEBHOOK:
            delivery(job)

    return send
