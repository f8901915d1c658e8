"""Webhooks in the portal (issue 16): the administrator's page (:mod:`.views`, ``/sagsbehandler/webhooks``) and the
delivery of the events the outbox's worker claims (:mod:`.sender`). What is sent and when:
:mod:`scheduling.services.webhooks`; the format for receivers: ``docs/api.md``, "Webhooks"."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """The administrator's page."""
    from portal.webhooks.views import bp

    app.register_blueprint(bp)
