"""Delivering a webhook event (issue 16): the outbox's worker hands each claimed event here
(:func:`portal.notices.worker.sender`, by the notice's channel), and it is POSTed to the subscription's URL as JSON,
signed with the subscription's secret.

Headers: ``Selvbooking-Event`` (the event's type), ``Selvbooking-Delivery`` (the notice's key: the same on every
attempt, the receiver's idempotency key) and ``Selvbooking-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
"<t>.<body>">`` (:func:`scheduling.services.webhooks.signature`). ``t`` is the real clock at the attempt, never the
demo's, so a receiver can refuse an old one (a replay). Any 2xx answer is delivered; anything else (a redirect
too: it is not followed), or no answer within ``WEBHOOK_TIMEOUT`` seconds, raises, and the worker tries again
after its back-off. The URL and the secret are read when sending: a subscription deactivated since has nowhere
to go (:class:`~scheduling.services.notices.NoAddress`, failed at once).

The subscription's URL was refused if it names an internal network (:func:`scheduling.services.webhooks.checked_url`),
but a name may resolve to an internal address later: every connection checks the addresses the name resolves to
before it connects, and the address it reached before a byte is sent (:class:`GuardedAdapter`); an internal one is
:class:`InternalAddress`, failed at once, and nothing is sent. Loopback only where ``WEBHOOK_ALLOW_LOOPBACK_HTTP``
allows it (development and tests)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any

import requests
from flask import Flask
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from portal.database import unit_of_work
from scheduling.services import webhooks
from scheduling.services.notices import Job, NoAddress


class WebhookRefused(Exception):
    """The receiver answered, but not with 2xx: a failed attempt (tried again)."""


def headers(job: Job, secret: str, payload: bytes, timestamp: int) -> dict[str, str]:
    """The request's headers for one attempt."""
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Selvbooking-Webhooks/1",
        webhooks.EVENT_HEADER: job.topic,
        webhooks.DELIVERY_HEADER: job.key,
        webhooks.SIGNATURE_HEADER: webhooks.signature(secret, timestamp, payload),
    }


class InternalAddress(NoAddress):
    """The URL's name leads to an internal address (loopback, private, link-local …): nothing is sent."""


def _guarded(base: type[HTTPConnection], allowed: Callable[[str], bool]) -> type[HTTPConnection]:
    """``base`` that connects only to addresses ``allowed`` says yes to: each address the name resolves to is
    checked before connecting, and the one reached (a name may resolve anew) before the request is sent."""

    def refuse_unless_allowed(address: str, host: str) -> None:
        if not allowed(address):
            raise InternalAddress(f"{host} fører til en intern adresse (resolves to an internal address: {address}).")

    class Guarded(base):  # type: ignore[valid-type, misc]
        def _new_conn(self) -> socket.socket:
            try:
                found = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
            except OSError:
                found = []  # the connection itself says the name is unknown
            for *_rest, sockaddr in found:
                refuse_unless_allowed(str(sockaddr[0]), self.host)
            sock: socket.socket = super()._new_conn()
            try:
                refuse_unless_allowed(str(sock.getpeername()[0]), self.host)
            except InternalAddress:
                sock.close()
                raise
            return sock

    return Guarded


class GuardedAdapter(HTTPAdapter):
    """requests' transport, with connections that reach only the addresses ``allowed`` says yes to."""

    def __init__(self, allowed: Callable[[str], bool]) -> None:
        self.allowed = allowed  # before HTTPAdapter's __init__, which makes the pool manager
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        http = _guarded(HTTPConnection, self.allowed)
        https = _guarded(HTTPSConnection, self.allowed)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("GuardedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


class HttpDelivery:
    """``send(job)`` for the worker: one POST per attempt, over one HTTP session (connections reused).
    ``targets(subscription_id)`` gives the URL and secret now (None: deactivated)."""

    def __init__(
        self, targets: Callable[[int], webhooks.Target | None], *, timeout: float = 10,
        clock: Callable[[], float] = time.time, allow_loopback: bool = False,
    ) -> None:
        self.targets, self.timeout, self.clock = targets, timeout, clock
        self.session = requests.Session()
        # No proxy from the environment: through a proxy the proxy resolves the name and connects, past the guard.
        self.session.trust_env = False
        adapter = GuardedAdapter(lambda address: webhooks.deliverable(address, allow_loopback=allow_loopback))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def __call__(self, job: Job) -> None:
        target = self.targets(job.recipient_id)
        if target is None:
            raise NoAddress("Abonnementet er deaktiveret (the webhook subscription is deactivated).")
        payload = webhooks.body(job.params)
        answer = self.session.post(
            target.url, data=payload, headers=headers(job, target.secret, payload, int(self.clock())),
            timeout=self.timeout, allow_redirects=False,
        )
        answer.close()
        if not 200 <= answer.status_code < 300:
            raise WebhookRefused(f"HTTP {answer.status_code}")


def sender(app: Flask) -> HttpDelivery:
    """The worker's webhook transport, configured from the app (``WEBHOOK_TIMEOUT``)."""
    return HttpDelivery(
        lambda subscription_id: webhooks.target(unit_of_work(app), subscription_id),
        timeout=float(app.config["WEBHOOK_TIMEOUT"]),
        allow_loopback=bool(app.config["WEBHOOK_ALLOW_LOOPBACK_HTTP"]),
    )
