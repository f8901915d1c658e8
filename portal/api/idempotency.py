"""``Idempotency-Key`` for the API's changes (:mod:`scheduling.services.api_idempotency` keeps the answers).

``@idempotent`` goes below ``@token_required`` on a POST, PUT, PATCH or DELETE that creates or changes
something. A request with the header is run once per token and key: the same key with the same request (method,
path and JSON body) again gets the first answer, status, body and headers (and ``Idempotent-Replayed: true``);
the same key with another request is a 422 problem; while the first is still running, a second is a 409 problem
("behandles allerede"), also on another app server, until the first answers or its claim is older than
``API_IDEMPOTENCY_ABANDONED_SECONDS`` (its process died: the next request with the key runs). A refusal is an answer like any other and is replayed; a
failure on our side (5xx) is not stored, so the same key may be sent again. Without the header the request
simply runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import Response, current_app, make_response, request
from flask_babel import gettext as _

from portal import now
from portal.api.auth import client
from portal.api.problems import as_problem, problem, title_of
from portal.database import unit_of_work
from scheduling.services import api_idempotency

View = TypeVar("View", bound=Callable[..., Any])

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
REPLAYED = "Idempotent-Replayed"
KEPT_HEADERS = ("Content-Type", "Location")


def _request_hash() -> str:
    """The request's method, path, query string and body (JSON in a canonical form, so key order and spaces do not
    matter): a DELETE takes its input from the query string."""
    raw = request.get_data(cache=True)
    try:
        body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode() if raw else b""
    except ValueError:
        body = raw
    return hashlib.sha256(
        b"\n".join((request.method.encode(), request.path.encode(), request.query_string, body))
    ).hexdigest()


def _key_problem() -> Response:
    message = _("Idempotency-Key skal være 1 til %(n)s synlige tegn.", n=MAX_KEY_LENGTH)
    return problem(422, title_of(422), message, errors=[{"field": HEADER, "message": message}])


def idempotent(view: View) -> View:
    """Decorate an API view that changes something: it honours the ``Idempotency-Key`` header."""

    @wraps(view)
    def once(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isprintable() or key.strip() != key:
            return _key_problem()
        token_id = client().token_id
        abandoned = timedelta(seconds=current_app.config["API_IDEMPOTENCY_ABANDONED_SECONDS"])
        outcome = api_idempotency.begin(unit_of_work(), token_id, key, _request_hash(), now(), abandoned)
        if isinstance(outcome, api_idempotency.Replay):
            replay = Response(outcome.body, status=outcome.status, headers=outcome.headers)
            replay.headers[REPLAYED] = "true"
            return replay
        if isinstance(outcome, api_idempotency.Mismatch):
            message = _("Idempotency-Key er allerede brugt til en anden forespørgsel. Brug en ny nøgle.")
            return problem(422, title_of(422), message, errors=[{"field": HEADER, "message": message}])
        if isinstance(outcome, api_idempotency.InProgress):
            return problem(409, _("Forespørgslen behandles allerede"),
                           _("En forespørgsel med samme Idempotency-Key behandles allerede. Prøv igen om lidt."),
                           headers={"Retry-After": "1"})
        return _run_once(view, token_id, key, args, kwargs)

    once.idempotent = True  # type: ignore[attr-defined]  # the OpenAPI document names the header
    return once  # type: ignore[return-value]


def _run_once(view: Callable[..., Any], token_id: int, key: str, args: Any, kwargs: Any) -> Response:
    try:
        response = make_response(view(*args, **kwargs))
    except Exception as error:
        answer = as_problem(error)
        if answer is None or answer.status_code >= 500:
            api_idempotency.release(unit_of_work(), token_id, key)
            raise
        response = answer
    if response.status_code >= 500:
        api_idempotency.release(unit_of_work(), token_id, key)
        return response
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    api_idempotency.finish(unit_of_work(), token_id, key, response.status_code, response.get_data(as_text=True),
                           headers)
    return response
