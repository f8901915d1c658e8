"""Delivering a webhook event (issue 16): the outbox's worker hands each claimed event here
(:func:`portal.notices.worker.sender`, by the notice's channel), and it is POSTed to the subscription's URL as JSON,
signed with the subscription's secret.

Headers: ``Selvbooking-Event`` (the event's type), ``Selvbooking-Delivery`` (the notice's key: the same on every
attempt, the receiver's idempotency key) and ``Selvbooking-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
"<t>.<body>">`` (:func:`scheduling.services.webhooks.signature`). ``t`` is the real clock at the attempt, never the
demo's, so a receiver can refuse an old one (a replay). Any 2xx answer is delivered; anything else (a redirect
too: it is not followed), or no answer within ``WEBHOOK_TIMEOUT`` seconds, raises, and the worker tries again
after its back-off. The URL and the secret are read when sending: a subscription deactivated since has nowhere
to go (:class:`~scheduling.services.notices.NoAddress`, failed at once)."""

from __future__ import annotations

import time
from collections.abc import Callable

import requests
from flask import Flask

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


class HttpDelivery:
    """``send(job)`` for the worker: one POST per attempt, over one HTTP session (connections reused).
    ``targets(subscription_id)`` gives the URL and secret now (None: deactivated)."""

    def __init__(
        self, targets: Callable[[int], webhooks.Target | None], *, timeout: float = 10,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.targets, self.timeout, self.clock = targets, timeout, clock
        self.session = requests.Session()

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
    )
