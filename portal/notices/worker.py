"""The outbox's worker: ``flask --app portal notices send`` (long-running) or ``… send --once`` (cron).

Each pass claims a batch of due notices, sends them and records the results
(:func:`scheduling.services.notices.deliver_due`); a full batch is followed at once by the next, otherwise the
worker sleeps ``poll`` seconds. SIGTERM and SIGINT stop it after the notice being sent (systemd's stop, Ctrl-C):
the batch's other notices are given back, due at once for the next worker. Run as
many as you like beside the app servers: on PostgreSQL they share the work (``FOR UPDATE SKIP LOCKED``).
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable
from datetime import timedelta
from types import FrameType

from flask import Flask

from portal import now
from portal.database import unit_of_work
from portal.notices import mail, sms
from portal.notices.mail import Transport
from portal.notices.sms import SmsGateway
from scheduling.services import notices
from scheduling.vocabulary import NoticeChannel


def policy(app: Flask) -> notices.Policy:
    """The retry policy from the configuration (NOTICE_MAX_ATTEMPTS, NOTICE_BACKOFF_SECONDS …)."""
    cfg = app.config
    return notices.Policy(
        max_attempts=int(cfg["NOTICE_MAX_ATTEMPTS"]),
        backoff=timedelta(seconds=float(cfg["NOTICE_BACKOFF_SECONDS"])),
        max_backoff=timedelta(seconds=float(cfg["NOTICE_MAX_BACKOFF_SECONDS"])),
        lease=timedelta(seconds=float(cfg["NOTICE_LEASE_SECONDS"])),
    )


def worker_name() -> str:
    """Who made an attempt, in the attempts log: host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def sender(app: Flask, transport: Transport | None = None, gateway: SmsGateway | None = None) -> Callable[[notices.Job], None]:
    """``send(job)`` by the notice's channel: e-mail (:mod:`.mail`), SMS (:mod:`.sms`) or an organisation's
    webhook (:mod:`portal.webhooks.sender`)."""
    from portal.webhooks import sender as webhook_sender

    by_channel: dict[NoticeChannel, Callable[[notices.Job], None]] = {
        NoticeChannel.EMAIL: mail.sender(app, transport), NoticeChannel.SMS: sms.sender(app, gateway),
        NoticeChannel.WEBHOOK: webhook_sender.sender(app),
    }

    def send(job: notices.Job) -> None:
        by_channel[job.channel](job)

    return send


class Stop:
    """Set by SIGTERM/SIGINT; the loop checks it between notices and sleeps on it."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._before: dict[int, object] = {}

    def install(self) -> None:
        def handler(signum: int, _frame: FrameType | None) -> None:
            self.event.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            self._before[signum] = signal.signal(signum, handler)

    def restore(self) -> None:
        """The handlers from before :meth:`install` (a command run inside another program, e.g. the tests)."""
        for signum, before in self._before.items():
            signal.signal(signum, before)  # type: ignore[arg-type]
        self._before.clear()


def run(
    app: Flask,
    *,
    once: bool = False,
    batch: int = 50,
    poll: float = 5.0,
    report: Callable[[notices.Summary], None] = lambda _summary: None,
    stop: Stop | None = None,
    transport: Transport | None = None,
    gateway: SmsGateway | None = None,
) -> notices.Summary:
    """Deliver due notices until stopped (``once``: until none is due). Returns the total."""
    total, rules, name = notices.Summary(), policy(app), worker_name()
    send = sender(app, transport, gateway)
    stop = stop or Stop()
    while not stop.event.is_set():
        done = notices.deliver_due(
            lambda: unit_of_work(app), send, lambda: now(app), worker=name, policy=rules, limit=batch,
            stopping=stop.event.is_set,
        )
        total.sent, total.retried, total.failed = total.sent + done.sent, total.retried + done.retried, total.failed + done.failed
        total.errors += done.errors
        if done.handled:
            report(done)
        if done.handled < batch:
            if once:
                break
            stop.event.wait(poll)
    return total
