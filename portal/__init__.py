"""The Selvbooking web portal: a thin Flask shell around the ``scheduling`` domain."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

from flask import Flask, g

from portal import errors, health, i18n, labels, observability, proxy, security, sessions, templating, urls
from portal.config import CONFIGS, ProductionConfig, environment
from portal.extensions import babel, csrf


def create_app(config: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Application factory: ``config`` names an environment (development, testing, production)."""
    name = config or os.environ.get("SELVBOOKING_CONFIG", "development")
    app = Flask(__name__)
    urls.init_app(app)
    templating.init_app(app)
    sessions.init_app(app)
    app.config.from_object(CONFIGS[name])
    app.config["ENVIRONMENT"] = name
    app.config.update(environment())
    if overrides:
        app.config.update(overrides)
    if name == "production":
        ProductionConfig.validate(app.config)

    observability.init_app(app)  # first: its request id and timer see every request
    proxy.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    errors.init_app(app)
    security.init_app(app)

    from portal import database

    database.init_app(app)

    from portal import calendar, caseworker, citizen, notices, supervision, webhooks
    from portal.auth import bp as auth_bp
    from portal.auth import limits
    from portal.auth.identity import init_app as init_identity
    from portal.public import bp as public_bp

    init_identity(app)
    app.register_blueprint(public_bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(auth_bp)
    limits.init_app(app)
    from portal import api

    api.init_app(app)  # the integration API (issue 16); after the limiter, which limits it per token
    for area in (citizen, caseworker, calendar, supervision):
        app.register_blueprint(area.bp)
    notices.init_app(app)  # the outbox: the worker's command, failed notices, the development mail page
    webhooks.init_app(app)  # the administrator's webhooks (issue 16); their events go through the outbox
    if app.config.get("BENCHMARK"):  # only SELVBOOKING_CONFIG=benchmark: the floor route and the SQL counts
        from portal import benchmarking

        benchmarking.init_app(app)

    @app.context_processor
    def layout_context() -> dict[str, Any]:
        user = g.get("current_user")
        return {
            "current_user": user,
            "home_url": user.home_url if user else "/",
            "nav_links": user.nav_links() if user else [],
        }

    return app


def today(app: Flask | None = None) -> date:
    """Today in Denmark, or the configured demo/test day."""
    from zoneinfo import ZoneInfo

    from flask import current_app

    cfg = (app or current_app).config
    if cfg.get("TODAY"):
        return date.fromisoformat(cfg["TODAY"])
    return datetime.now(ZoneInfo("Europe/Copenhagen")).date()


def now(app: Flask | None = None) -> datetime:
    """The current instant (UTC); with a configured TODAY, that day at the current time of day in Denmark (or at
    the configured TIME_OF_DAY, as the tests have it), so that ``now()`` always falls on ``today()`` in Denmark
    (at 23:30 UTC it is already tomorrow in Copenhagen: taking the UTC time of day put every decision and
    booking on the day after TODAY)."""
    from zoneinfo import ZoneInfo

    from flask import current_app

    cfg = (app or current_app).config
    real = datetime.now(UTC)
    if cfg.get("TODAY"):
        day = date.fromisoformat(cfg["TODAY"])
        local = real.astimezone(ZoneInfo("Europe/Copenhagen"))
        if cfg.get("TIME_OF_DAY"):
            hours, minutes = (int(part) for part in cfg["TIME_OF_DAY"].split(":"))
            local = local.replace(hour=hours, minute=minutes, second=0, microsecond=0)
        return local.replace(year=day.year, month=day.month, day=day.day).astimezone(UTC)
    return real
