"""Configuration, one class per environment; chosen by SELVBOOKING_CONFIG (development, testing, production)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEV_SECRET = "dev-only-not-secret"  # nosec B105  # a placeholder production refuses to start with


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
    # With TODAY: a fixed time of day in Denmark ("HH:MM") for tests, so that nothing depends on when they run
    # (the demo world is written at 08:00 on TODAY; a test run at 06:00 saw its own actions before the demo's).
    # None: the real time of day in Denmark, on TODAY.
    TIME_OF_DAY: str | None = None
    # OpenID Connect (MitID through the broker, or the organisation's IdP): from the environment, see environment().
    OIDC_METADATA_URL: str | None = None
    OIDC_CLIENT_ID: str | None = None
    OIDC_CLIENT_SECRET: str | None = None
    OIDC_CPR_CLAIM = "dk:gov:cpr"
    OIDC_SCOPE = "openid profile email"
    # Log-in rate limits (portal/auth/limits.py): failed attempts in a moving window, in a storage every app
    # server shares (Redis in production: SELVBOOKING_REDIS_URL or SELVBOOKING_RATELIMIT_STORAGE_URI).
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI: str | None = "memory://"
    # The exact moving window: the approximate sliding-window counter weighs the previous window's count and let
    # a sixth attempt through when five straddled the window's edge (a flaky test showed it).
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = "selvbooking"
    # Redis unreachable: count in this process's memory with the same limits, rather than a 500 for every log-in
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    LOGIN_LIMIT_PER_IP = "30 per 15 minutes"
    LOGIN_LIMIT_PER_ACCOUNT_AND_IP = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "100 per hour"
    # The integration API's limit per token (portal/api/__init__.py), in the same shared storage
    # (SELVBOOKING_API_RATE_LIMIT, in Flask-Limiter's notation)
    API_RATE_LIMIT = "600 per minute;20000 per hour"
    # an Idempotency-Key claimed by a request that has not answered after this long counts as abandoned (its process
    # died): the next request with the key runs (SELVBOOKING_API_IDEMPOTENCY_ABANDONED_SECONDS)
    API_IDEMPOTENCY_ABANDONED_SECONDS = 60
    PROXIES = 0  # reverse proxies in front of the app whose X-Forwarded-* headers are trusted (portal/proxy.py)
    REDIS_URL: str | None = None  # SELVBOOKING_REDIS_URL: log-in limits' storage, checked by /readyz when set
    # The largest request body: the 5 MB .ics upload (scheduling.calendar.busy.MAX_BYTES) with its form around
    # it fits; anything larger is refused with 413 before it is read, so a 100 MB upload costs nothing.
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    # Rendered pages kept between requests under the person's page versions (portal/page_cache.py; issue 11):
    # SELVBOOKING_PAGE_CACHE=0 turns it off (the benchmark's before/after, or to rule it out when a page looks old)
    PAGE_CACHE = True
    # The outbox (issue 15, portal/notices/): e-mail over SMTP, or as files in MAIL_DIR (development, the demo).
    MAIL_TRANSPORT = "smtp"
    MAIL_DIR = str(INSTANCE / "mail")
    MAIL_DEV_PAGE = False  # /udvikling/mails lists MAIL_DIR's mails; never in production
    MAIL_FROM = "noreply@selvbooking.example.dk"
    MAIL_FROM_NAME = "Selvbooking"
    MAIL_DOMAIN = "selvbooking.example.dk"  # the right-hand side of every Message-ID
    PORTAL_URL = "http://127.0.0.1:5000"  # the link in every notice
    SMTP_HOST = "localhost"
    SMTP_PORT = 587
    SMTP_STARTTLS = True
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    # SMS through a gateway over HTTP (POST JSON {to, text, reference}, bearer token), or as files in SMS_DIR
    SMS_GATEWAY = "http"
    SMS_URL: str | None = None
    SMS_TOKEN: str | None = None
    SMS_TIMEOUT = 10  # seconds; no answer by then is a failed attempt, tried again
    SMS_DIR = str(INSTANCE / "sms")  # listed on /udvikling/mails beside the mails
    NOTICE_MAX_ATTEMPTS = 8  # then the notice is failed and shown to the organisation's administrator
    NOTICE_BACKOFF_SECONDS = 60  # the first retry's wait; doubled for each further one
    NOTICE_MAX_BACKOFF_SECONDS = 6 * 60 * 60
    NOTICE_LEASE_SECONDS = 300  # a claimed notice is another worker's to send again after this
    # webhooks (issue 16): events POSTed to an organisation's https URL; no 2xx answer by then is a failed attempt
    WEBHOOK_TIMEOUT = 10
    WEBHOOK_ALLOW_LOOPBACK_HTTP = False  # http://127.0.0.1, ::1 or localhost allowed: development and tests only


class DevelopmentConfig(Config):
    DEMO_LOGIN = True
    SEED_DEMO = True
    MAIL_TRANSPORT = "file"
    MAIL_DEV_PAGE = True
    SMS_GATEWAY = "file"
    WEBHOOK_ALLOW_LOOPBACK_HTTP = True


class TestingConfig(Config):
    TESTING = True
    TIME_OF_DAY = "12:00"
    DEMO_LOGIN = True
    SEED_DEMO = False
    DATABASE_URL = "sqlite://"
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = False  # the web tests log in many times from one address; the limits' own tests turn it on
    MAIL_TRANSPORT = "file"  # a test that reads the mails gives MAIL_DIR a folder of its own
    MAIL_DEV_PAGE = True
    SMS_GATEWAY = "file"
    WEBHOOK_ALLOW_LOOPBACK_HTTP = True  # the tests' receiver listens on loopback


class BenchmarkConfig(Config):
    """benchmarks/run.py: the portal under gunicorn on PostgreSQL as in production, plus the floor route and the
    SQL counts per request (portal/benchmarking.py). Never for real use: the sessions last a day, so a cookie made
    once serves a whole run, and the log-in limits are off (the benchmark never logs in by form)."""

    BENCHMARK = True
    PERMANENT_SESSION_LIFETIME = 24 * 60 * 60
    RATELIMIT_ENABLED = False


class ProductionConfig(Config):
    DEMO_LOGIN = False
    SEED_DEMO = False
    SESSION_COOKIE_SECURE = True
    RATELIMIT_STORAGE_URI = None  # must be given: Redis shared by the app servers, or memory:// for one server
    PROXIES = 1  # one reverse proxy (SELVBOOKING_PROXIES to change)

    @classmethod
    def validate(cls, config: dict) -> None:
        """Refuse to start with a development secret or the demo log-in."""
        if not config.get("SECRET_KEY") or config["SECRET_KEY"] == DEV_SECRET:
            raise RuntimeError("SELVBOOKING_SECRET_KEY skal sættes i produktion (production needs a real secret key).")
        if config.get("BENCHMARK"):
            raise RuntimeError("Benchmark-tilstanden kan ikke bruges i produktion (no benchmark mode in production).")
        if config.get("MAIL_DEV_PAGE") or config.get("MAIL_TRANSPORT") != "smtp":
            raise RuntimeError("Produktion sender e-mail over SMTP (production sends e-mail over SMTP, no mail page).")
        if config.get("SMS_GATEWAY", "http") != "http":
            raise RuntimeError("Produktion sender SMS gennem en gateway (production sends SMS through SMS_URL).")
        if config.get("WEBHOOK_ALLOW_LOOPBACK_HTTP"):
            raise RuntimeError("Webhooks sendes kun over https i produktion (production delivers webhooks over https only).")
        if config.get("DEMO_LOGIN") or config.get("SEED_DEMO"):
            raise RuntimeError("Demo-login kan ikke slås til i produktion (the demo log-in cannot run in production).")
        if config.get("RATELIMIT_ENABLED") and not config.get("RATELIMIT_STORAGE_URI"):
            raise RuntimeError(
                "SELVBOOKING_REDIS_URL skal sættes i produktion, så alle app-servere deler grænserne for log-ind "
                "(production needs a shared rate-limit storage; SELVBOOKING_RATELIMIT_STORAGE_URI=memory:// for one server)."
            )


def environment() -> dict[str, object]:
    """The settings read from the environment each time an app is created (the README names them)."""
    env = os.environ
    names = ("OIDC_METADATA_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_CPR_CLAIM", "OIDC_SCOPE")
    settings: dict[str, object] = {name: env[name] for name in names if env.get(name)}
    if env.get("SELVBOOKING_REDIS_URL"):
        settings["REDIS_URL"] = env["SELVBOOKING_REDIS_URL"]
    storage = env.get("SELVBOOKING_RATELIMIT_STORAGE_URI") or env.get("SELVBOOKING_REDIS_URL")
    if storage:
        settings["RATELIMIT_STORAGE_URI"] = storage
    settings.update(_mail_settings(env))
    if env.get("SELVBOOKING_API_RATE_LIMIT"):
        settings["API_RATE_LIMIT"] = env["SELVBOOKING_API_RATE_LIMIT"]
    if env.get("SELVBOOKING_API_IDEMPOTENCY_ABANDONED_SECONDS"):
        settings["API_IDEMPOTENCY_ABANDONED_SECONDS"] = int(env["SELVBOOKING_API_IDEMPOTENCY_ABANDONED_SECONDS"])
    if env.get("SELVBOOKING_PROXIES"):
        settings["PROXIES"] = int(env["SELVBOOKING_PROXIES"])
    if env.get("SELVBOOKING_PAGE_CACHE"):
        settings["PAGE_CACHE"] = env["SELVBOOKING_PAGE_CACHE"].lower() not in ("0", "false", "no", "nej")
    return settings


def _mail_settings(env: os._Environ[str] | dict[str, str]) -> dict[str, object]:
    """SELVBOOKING_SMTP_HOST, _PORT, _STARTTLS (0/1), _USERNAME, _PASSWORD; SELVBOOKING_MAIL_FROM, _MAIL_DOMAIN,
    _PORTAL_URL; SELVBOOKING_NOTICE_MAX_ATTEMPTS; SELVBOOKING_SMS_URL, _SMS_TOKEN, _SMS_TIMEOUT (the README names
    them)."""
    settings: dict[str, object] = {}
    for name in ("SMTP_HOST", "SMTP_USERNAME", "SMTP_PASSWORD", "MAIL_FROM", "MAIL_DOMAIN", "PORTAL_URL", "MAIL_DIR",
                 "SMS_URL", "SMS_TOKEN", "SMS_DIR"):
        if env.get(f"SELVBOOKING_{name}"):
            settings[name] = env[f"SELVBOOKING_{name}"]
    for name in ("SMTP_PORT", "NOTICE_MAX_ATTEMPTS", "SMS_TIMEOUT"):
        if env.get(f"SELVBOOKING_{name}"):
            settings[name] = int(env[f"SELVBOOKING_{name}"])
    if env.get("SELVBOOKING_SMTP_STARTTLS"):
        settings["SMTP_STARTTLS"] = env["SELVBOOKING_SMTP_STARTTLS"].lower() not in ("0", "false", "no", "nej")
    return settings


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
    "benchmark": BenchmarkConfig,
}
