"""Health and readiness for the load balancer and the orchestrator: small JSON answers, nothing personal.

* ``GET /healthz`` — liveness: the process answers and the database answers ``SELECT 1``. 200 ``{"status":
  "ok"}``, or 503 ``{"status": "unavailable"}`` when the database does not answer.
* ``GET /readyz`` — readiness to take traffic: the database is at the newest migration (a new version is not
  sent requests before ``flask --app portal db upgrade`` ran): 200 or 503, with each check named. Redis (the
  shared rate-limit storage of several app servers, when ``SELVBOOKING_REDIS_URL`` is configured) is checked and
  named too, but a Redis that does not answer is "degraded", not unready: the limits then count in each
  process (portal/auth/limits.py), and taking every app server out of the load balancer for it would stop the
  whole portal for a component that holds nothing a request needs.

Neither reads or writes a session (no cookie is set), both are GETs without a form (no CSRF), and neither says
more than "ok" or "unavailable" per check: no versions, no addresses, no error texts.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from werkzeug.wrappers import Response

from portal.database import at_head, database_answers

bp = Blueprint("health", __name__)
log = logging.getLogger("portal.health")

REDIS_TIMEOUT_SECONDS = 2


def _redis_answers(url: str) -> bool:
    try:
        import redis

        client = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # noqa: BLE001
        log.warning("redis check failed", exc_info=True)
        return False


def _answer(checks: dict[str, str]) -> tuple[Response, int]:
    healthy = all(state in ("ok", "not configured", "degraded") for state in checks.values())
    degraded = "degraded" in checks.values()
    body = {"status": ("degraded" if degraded else "ok") if healthy else "unavailable", "checks": checks}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if healthy else 503


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Liveness: the database answers."""
    return _answer({"database": "ok" if database_answers() else "unavailable"})


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Readiness: the database answers and is at the newest migration; Redis answers if configured."""
    checks = {"database": "ok" if database_answers() else "unavailable"}
    if checks["database"] == "ok":
        checks["migrations"] = "ok" if at_head() else "behind"
    redis_url = current_app.config.get("REDIS_URL")
    checks["redis"] = ("ok" if _redis_answers(redis_url) else "degraded") if redis_url else "not configured"
    return _answer(checks)
