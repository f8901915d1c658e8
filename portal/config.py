"""Configuration, one class per environment; chosen by SELVBOOKING_CONFIG (development, testing, production)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEV_SECRET = "dev-only-not-secret"


class Config:
    SECRET_KEY = os.environ.get("SELVBOOKING_SECRET_KEY", DEV_SECRET)
    DATABASE_URL = os.environ.get("SELVBOOKING_DATABASE_URL", f"sqlite:///{INSTANCE / 'selvbooking.sqlite3'}")
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("da", "en")
    DEMO_LOGIN = False  # the demo log-in page; impossible in production (see ProductionConfig)
    SEED_DEMO = False  # fill an empty database with the demo world on start
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 60 * 30  # seconds; sessions expire after 30 minutes without activity
    WTF_CSRF_TIME_LIMIT = None
    TODAY = None  # a fixed "today" (ISO date) for demos and tests; None means the real date
    # The largest request body: the 5 MB .ics upload (scheduling.calendar.busy.MAX_BYTES) with its form around
    # it fits; anything larger is refused with 413 before it is read, so a 100 MB upload costs nothing.
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024


class DevelopmentConfig(Config):
    DEMO_LOGIN = True
    SEED_DEMO = True


class TestingConfig(Config):
    TESTING = True
    DEMO_LOGIN = True
    SEED_DEMO = False
    DATABASE_URL = "sqlite://"
    WTF_CSRF_ENABLED = True


class ProductionConfig(Config):
    DEMO_LOGIN = False
    SEED_DEMO = False
    SESSION_COOKIE_SECURE = True

    @classmethod
    def validate(cls, config: dict) -> None:
        """Refuse to start with a development secret or the demo log-in."""
        if not config.get("SECRET_KEY") or config["SECRET_KEY"] == DEV_SECRET:
            raise RuntimeError("SELVBOOKING_SECRET_KEY skal sættes i produktion (production needs a real secret key).")
        if config.get("DEMO_LOGIN") or config.get("SEED_DEMO"):
            raise RuntimeError("Demo-login kan ikke slås til i produktion (the demo log-in cannot run in production).")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
