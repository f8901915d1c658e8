"""What the portal tells its operators: one JSON line per request, with a request id a citizen can quote.

* **Request id.** A sane incoming ``X-Request-ID`` (from the reverse proxy: letters, digits, ``-_.:``, at most 64
  characters) is kept; anything else is replaced by a new random id. It is echoed in the response's
  ``X-Request-ID`` header, written into every log line of the request and shown on the 500/503 error pages, so a
  citizen who calls support can quote it and the operator finds the traceback.
* **Request log.** One JSON line per request on the ``portal.request`` logger: method, the *route template*
  (``/kalender/feed/<token>.ics``), status, duration in milliseconds and the request id. Never the path or the
  query string: the calendar feed carries its secret token in the path, and a path can carry a CPR number or
  an e-mail address in a query. Requests that match no route are logged with route ``-``.
* **Errors.** ``app.logger.exception`` lines come out as JSON too, with the traceback in ``traceback``. Flask's
  own "Exception on <path>" line (an error that escapes the error handlers) names the route template instead.

gunicorn's own access log is off (``gunicorn.conf.py``); this log is the access log.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_request_context, request
from werkzeug.wrappers import Response

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")
_HANDLER_MARK = "_selvbooking_json"

request_log = logging.getLogger("portal.request")


def request_id() -> str | None:
    """This request's id (None outside a request)."""
    return g.get("request_id") if has_request_context() else None


def _incoming_or_new() -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if _SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object on one line; extra fields given as ``extra={"fields": {...}}``."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id()
        if rid:
            line["request_id"] = rid
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (a test runner swaps it between tests)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def _json_handler() -> logging.Handler:
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter())
    setattr(handler, _HANDLER_MARK, True)
    return handler


class HidePathInDevServerLog(logging.Filter):
    """``flask run`` (werkzeug's development server) logs each request line, path included: keep the method
    and the protocol, drop the path, so a feed token stays out of the development log too."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 3 and isinstance(args[0], str) and " HTTP/" in args[0]:
            record.args = (re.sub(r"^(\S*\s)\S+", r"\1-", args[0]), *args[1:])
        return True


def configure_logging(app: Flask) -> None:
    """JSON lines on stderr for the app's logger (``portal``) and its children; idempotent."""
    from flask.logging import default_handler

    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, HidePathInDevServerLog) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(HidePathInDevServerLog())

    logger = logging.getLogger("portal")
    logger.removeHandler(default_handler)
    if not any(getattr(h, _HANDLER_MARK, False) for h in logger.handlers):
        logger.addHandler(_json_handler())
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)


def init_app(app: Flask) -> None:
    """Request ids, the request log and JSON logging; call first in the factory, so it sees every request."""
    configure_logging(app)

    @app.before_request
    def start() -> None:
        g.request_id = _incoming_or_new()
        g.request_started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        rid = g.get("request_id") or _incoming_or_new()
        response.headers[REQUEST_ID_HEADER] = rid
        started = g.get("request_started")
        request_log.info(
            "request",
            extra={
                "request_id": rid,
                "fields": {
                    "method": request.method,
                    # the rule, never the path: the feed's path carries its secret token
                    "route": request.url_rule.rule if request.url_rule is not None else "-",
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
                },
            },
        )
        return response

    def log_exception(exc_info: Any) -> None:
        # Flask's default names request.path: the feed's path carries its secret token
        route = request.url_rule.rule if request.url_rule is not None else "-"
        app.logger.error("Exception on %s [%s]", route, request.method, exc_info=exc_info)

    app.log_exception = log_exception  # type: ignore[method-assign]

    @app.context_processor
    def request_id_context() -> dict[str, Any]:
        return {"request_id": request_id()}
