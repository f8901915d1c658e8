"""The outbox in the portal (issue 15): e-mail (:mod:`.mail`), the worker (:mod:`.worker`) and its command
``flask --app portal notices send``, the administrator's list of failed notices and the development mail page
(:mod:`.views`)."""

from __future__ import annotations

import click
from flask import Flask, current_app


def init_app(app: Flask) -> None:
    """The command, the administrator's page, and the development mail page where configured (never in
    production: :class:`portal.config.ProductionConfig` refuses it)."""
    from portal.notices.views import admin_bp, contact_bp, dev_bp

    app.register_blueprint(admin_bp)
    app.register_blueprint(contact_bp)
    if app.config.get("MAIL_DEV_PAGE"):
        app.register_blueprint(dev_bp)

    @app.cli.group("notices")
    def notices_group() -> None:
        """The outbox: e-mail and SMS notices to people, and reminders."""

    @notices_group.command("send")
    @click.option("--once", is_flag=True, help="Send what is due now and stop (for cron).")
    @click.option("--batch", default=50, show_default=True, help="Notices claimed per transaction.")
    @click.option("--poll", default=5.0, show_default=True, help="Seconds between looks when nothing is due.")
    def send(once: bool, batch: int, poll: float) -> None:
        """Deliver the outbox's notices: long-running (stops on SIGTERM after the notice being sent), or --once.

        Several may run at once on PostgreSQL; each notice is sent once (at least once if a worker dies between
        sending and recording: the Message-ID stays the same)."""
        from portal.notices.worker import Stop, run
        from scheduling.services.notices import Summary

        stop = Stop()
        stop.install()
        click.echo("Sender beskeder … (sending notices; stop with Ctrl-C or SIGTERM)" if not once else
                   "Sender de beskeder, der venter … (sending due notices)")

        def report(done: Summary) -> None:
            click.echo(f"{done.sent} sendt, {done.retried} prøves igen, {done.failed} fejlet (sent, retried, failed)")
            for error in done.errors:
                click.echo(f"  {error}", err=True)

        try:
            total = run(current_app._get_current_object(), once=once, batch=batch, poll=poll, report=report, stop=stop)  # type: ignore[attr-defined]
        finally:
            stop.restore()
        click.echo(f"I alt: {total.sent} sendt, {total.retried} prøves igen, {total.failed} fejlet (total).")

    @notices_group.command("remind")
    def remind() -> None:
        """Write the reminders due now to the outbox (the day before an interview; before a book-by date).

        Idempotent: run it from cron every 15 minutes (or more often); a reminder is written once, however many
        run it."""
        from portal import now
        from portal.database import unit_of_work
        from scheduling.services import reminders

        app = current_app._get_current_object()  # type: ignore[attr-defined]
        written = reminders.remind(lambda: unit_of_work(app), now(app))
        click.echo(f"Påmindelser skrevet: {written.interviews} om samtaler, {written.book_by} om at booke "
                   "(reminders written: interviews, book-by).")
