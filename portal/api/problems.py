"""Every error under ``/api/`` as ``application/problem+json`` (RFC 9457).

A problem says what went wrong in Danish (``title``, ``detail``), with the HTTP ``status`` and the request path
(``instance``); a refusal by a rule adds the rules core's reason: its rule id (``rule``) and legal basis
(``basis``), the Danish sentence as ``detail``. Bad input names its fields (``errors[].field``): SpecTree's
request validation and a service's :class:`~scheduling.services.errors.InvalidInput` alike.

The domain errors map to statuses by the one table in :mod:`portal.errors` (NotFound 404, SlotTaken and Refused
409, InvalidInput 422, TryAgain 503). The handlers are on the API blueprint (errors raised by its views, 401/403 of
:mod:`portal.api.auth`, 429 of the rate limits); a URL under ``/api/`` that matches no route (404) or not with
that method (405) reaches the application's handler, which hands it here (:func:`is_api_request`).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, request
from flask_babel import gettext as _
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from portal.errors import status_of
from portal.i18n import explain
from scheduling.reasons import Reason
from scheduling.services.errors import DomainError, InvalidInput, Refused, TryAgain
from scheduling.services.safe_changes import ChoicesNeeded

MEDIA_TYPE = "application/problem+json"
PREFIX = "/api/"


class ProblemField(BaseModel):
    """Et felt i forespørgslen, der ikke kunne bruges."""

    field: str = Field(description="Feltets navn; for et felt inde i et andet er delene adskilt med punktum "
                                   "(f.eks. hours.0.hours), for en header dens navn.")
    message: str = Field(description="Hvad der er galt, på dansk.")


class AffectedColleague(BaseModel):
    """En ledig kollega, der kan overtage samtalen på samme tid."""

    id: int = Field(description="Kollegaens id.")
    name: str = Field(description="Kollegaens navn.")


class AffectedInterview(BaseModel):
    """En booket samtale, som et fravær eller en ny arbejdstid rammer, og hvad der kan vælges for den."""

    id: int = Field(description="Samtalens id.")
    start: str = Field(description="Start (ISO 8601 med tidszone).")
    end: str = Field(description="Slut (ISO 8601 med tidszone).")
    kind: str = Field(description="Samtaletypen.")
    format: str = Field(description="Samtaleformen.")
    joint: bool = Field(description="En fælles jobsamtale.")
    colleagues: list[AffectedColleague] = Field(description="Ledige kolleger, der kan overtage den (action=move).")
    may_cancel: bool = Field(description="Om organisationen kan aflyse den (action=cancel).")
    may_keep: bool = Field(description="Om den kan holdes alligevel (action=keep, kun ved ny arbejdstid).")
    problem: str | None = Field(default=None, description="Hvad der mangler ved det valg, der blev sendt.")


CHOICES_TYPE = "/api/v1/docs#samtaler-ramt"


class Problem(BaseModel):
    """En fejl som application/problem+json (RFC 9457)."""

    type: str = Field(default="about:blank", description="Fejlens type (about:blank: HTTP-statussen siger det hele).")
    title: str = Field(description="Kort overskrift på dansk.")
    status: int = Field(description="HTTP-statuskoden.")
    detail: str | None = Field(default=None, description="Forklaringen på dansk; ved en afvisning regelkernens begrundelse.")
    instance: str | None = Field(default=None, description="Stien, forespørgslen gik til.")
    rule: str | None = Field(default=None, description="Reglen, der afviste (R1–R28), når en regel afviste.")
    basis: str | None = Field(default=None, description="Lovgrundlaget for reglen, som regelkataloget skriver det (/regler).")
    errors: list[ProblemField] = Field(default_factory=list, description="De felter, der ikke kunne bruges.")
    interviews: list[AffectedInterview] | None = Field(
        default=None,
        description="Kun når et fravær eller en ny arbejdstid rammer bookede samtaler: samtalerne, og hvad der kan "
                    "vælges for hver (send valgene i choices).",
    )


class RequestInvalid(Exception):
    """The request did not match its schema (SpecTree's validation): 422 with the fields."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


class NotAllowed(Exception):
    """The caller may not do this, whatever the token's scope (an administrator's change by a caseworker who is
    not one): 403 with the Danish ``detail``."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def is_api_request() -> bool:
    return request.path.startswith(PREFIX)


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    reason: Reason | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    type: str = "about:blank",  # noqa: A002  # RFC 9457's member name
    interviews: list[AffectedInterview] | None = None,
) -> Response:
    """A problem response: ``reason`` (a rule's) adds its rule id, legal basis and Danish sentence."""
    body = Problem(type=type, title=title, status=status, detail=detail, instance=request.path,
                   errors=[ProblemField(**e) for e in errors or ()], interviews=interviews)
    if reason is not None:
        body.detail = explain(reason)
        if reason.basis:  # a rule's reason; the services' own (input, not found) have no basis
            body.rule, body.basis = reason.rule, reason.basis
    dumped = body.model_dump()
    if interviews is None:
        dumped.pop("interviews")
    response = Response(json.dumps(dumped, ensure_ascii=False), status=status, mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _titles() -> dict[int, str]:
    return {
        400: _("Forespørgslen kunne ikke bruges"),
        401: _("Manglende eller ugyldig API-nøgle"),
        403: _("API-nøglen må ikke dette"),
        404: _("Findes ikke"),
        405: _("Metoden kan ikke bruges her"),
        409: _("Det kan ikke lade sig gøre"),
        413: _("Forespørgslen er for stor"),
        415: _("Forespørgslen skal være JSON"),
        422: _("Oplysningerne kunne ikke bruges"),
        429: _("For mange forespørgsler"),
        500: _("Der opstod en fejl"),
        503: _("Prøv igen"),
    }


def title_of(status: int) -> str:
    titles = _titles()
    return titles.get(status) or titles[400 if status < 500 else 500]


def from_domain_error(error: DomainError) -> Response:
    """A service's refusal: NotFound 404, SlotTaken and Refused 409 (with the rule), InvalidInput 422."""
    status = status_of(error)
    if isinstance(error, ChoicesNeeded):
        return from_choices_needed(error)
    if isinstance(error, InvalidInput):
        message = explain(error.reason)
        return problem(422, title_of(422), message,
                       errors=[{"field": error.field, "message": message}] if error.field else None)
    if status == 404:
        return problem(404, title_of(404), _("Vi kunne ikke finde det, du leder efter."))
    title = _("Tiden er ikke længere ledig") if not isinstance(error, Refused) else title_of(409)
    return problem(status, title, reason=error.reason)


def from_choices_needed(error: ChoicesNeeded) -> Response:
    """An absence or new working hours that hit booked interviews without a usable choice for each (issue 14): a
    409 listing them with what may be chosen; nothing is saved."""
    wrong = {p.interview_id: p.what for p in error.problems}
    messages = {
        "missing": _("Vælg, hvad der skal ske med samtalen."),
        "reason": _("Skriv en begrundelse til personen, når samtalen aflyses."),
        "colleague": _("Kollegaen er ikke ledig på det tidspunkt. Vælg en anden, eller aflys samtalen."),
        "keep": _("Samtalen kan ikke holdes under et fravær. Vælg en kollega, der overtager den, eller aflys den."),
    }
    interviews = [
        AffectedInterview(
            id=a.id, start=a.start.isoformat(), end=a.end.isoformat(), kind=str(a.kind), format=str(a.format),
            joint=a.joint, colleagues=[AffectedColleague(id=c.id, name=c.name) for c in a.colleagues],
            may_cancel=a.may_cancel, may_keep=a.may_keep,
            problem=messages.get(wrong[a.id], messages["missing"]) if a.id in wrong else None,
        )
        for a in error.affected
    ]
    return problem(409, _("Ændringen rammer bookede samtaler"),
                   _("Vælg i choices, hvad der skal ske med hver samtale: en ledig kollega overtager den (move), den "
                     "aflyses med en begrundelse til personen (cancel) eller, ved en ny arbejdstid, holdes den "
                     "alligevel (keep). Intet er gemt."),
                   type=CHOICES_TYPE, interviews=interviews)


def from_http_error(error: HTTPException) -> Response:
    """An HTTP error (404 for an unknown URL, 405, 413 …) as a problem; 429 carries Retry-After."""
    code = error.code or 500
    headers: dict[str, str] = {}
    detail = None
    if code == 405:
        allowed = error.get_response().headers.get("Allow")
        if allowed:
            headers["Allow"] = allowed
        detail = _("Metoden %(method)s kan ikke bruges på %(path)s.", method=request.method, path=request.path)
    elif code == 404:
        detail = _("Der findes ingen side med den adresse i API'et. Se dokumentationen på /api/v1/docs.")
    elif code == 429:
        headers["Retry-After"] = str(_retry_after())
        detail = _("API-nøglen har sendt for mange forespørgsler. Vent det antal sekunder, Retry-After siger, og prøv igen.")
    elif code == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem(code, title_of(code), detail, headers=headers)


def from_validation(error: RequestInvalid) -> Response:
    return problem(422, title_of(422), _("Et eller flere felter kunne ikke bruges."), errors=error.errors)


def as_problem(error: Exception) -> Response | None:
    """The problem response for an error an API view let through, or None for an unexpected one (500)."""
    if isinstance(error, RequestInvalid):
        return from_validation(error)
    if isinstance(error, DomainError):
        return from_domain_error(error)
    if isinstance(error, NotAllowed):
        return problem(403, title_of(403), error.detail)
    if isinstance(error, HTTPException):
        return from_http_error(error)
    if isinstance(error, TryAgain):
        return problem(503, title_of(503), _("Mange gjorde det samme på samme tid, så vi kunne ikke gemme det. "
                                             "Send forespørgslen igen. Intet er gemt."), headers={"Retry-After": "1"})
    if isinstance(error, OperationalError):
        current_app.logger.exception("Database unavailable")
        return problem(503, title_of(503), _("Vi kunne ikke nå vores database. Prøv igen om lidt. Intet er gemt."),
                       headers={"Retry-After": "5"})
    return None


def unexpected(error: Exception) -> Response:
    current_app.logger.exception("Unhandled error in the API")
    return problem(500, title_of(500), _("Der opstod en fejl hos os. Prøv igen om lidt. Intet er gemt."))


def _retry_after() -> int:
    """Seconds until the exhausted limit lets a request through again: at least 1, and never more than the limit's
    window (Flask-Limiter's ``reset_at`` is a whole second rounded up past the window's end, so a window of 60
    seconds opened this instant said 61)."""
    import math
    import time

    limiter = current_app.extensions.get("selvbooking_limiter")
    limit = getattr(limiter, "current_limit", None) if limiter is not None else None
    reset_at = getattr(limit, "reset_at", None)
    item = getattr(limit, "limit", None)
    window = int(item.get_expiry()) if item is not None else 60
    return min(window, max(1, math.ceil(reset_at - time.time()))) if reset_at else window


def validation_failed(req: Any, resp: Any, error: Exception | None, instance: Any, model_adapter: Any) -> None:
    """SpecTree's hook after request validation: a failed validation becomes a 422 problem with its fields."""
    if error is None:
        return
    # pydantic's own list, with each error's context (the limit of "at most 10"): SpecTree's adapter leaves it out
    errors = error.errors(include_url=False) if isinstance(error, ValidationError) else model_adapter.validation_errors(error)
    items: list[dict[str, Any]] = [dict(item) for item in errors]
    raise RequestInvalid([{"field": _field_name(item), "message": _validation_message(item)} for item in items])


def _field_name(item: dict[str, Any]) -> str:
    return ".".join(str(part) for part in item.get("loc", ())) or "(body)"


def _validation_message(item: dict[str, Any]) -> str:
    """pydantic's error in Danish, by its type (the English text for a kind we have not named)."""
    kind = str(item.get("type", ""))
    context = item.get("ctx") or {}
    messages = {
        "missing": _("Feltet skal udfyldes."),
        "extra_forbidden": _("Feltet kendes ikke."),
        "int_parsing": _("Skriv et helt tal."),
        "int_type": _("Skriv et helt tal."),
        "bool_parsing": _("Skriv true eller false."),
        "bool_type": _("Skriv true eller false."),
        "string_type": _("Skriv en tekst."),
        "float_parsing": _("Skriv et tal."),
        "date_from_datetime_parsing": _("Skriv en dato som ÅÅÅÅ-MM-DD."),
        "date_parsing": _("Skriv en dato som ÅÅÅÅ-MM-DD."),
        "datetime_parsing": _("Skriv et tidspunkt som 2026-11-25T09:00:00+01:00."),
        "datetime_from_date_parsing": _("Skriv et tidspunkt som 2026-11-25T09:00:00+01:00."),
        "timezone_aware": _("Skriv tidspunktet med tidszone, f.eks. 2026-11-25T09:00:00+01:00."),
        "enum": _("Vælg en af værdierne: %(values)s.", values=context.get("expected", "")),
        "literal_error": _("Vælg en af værdierne: %(values)s.", values=context.get("expected", "")),
        "greater_than_equal": _("Skriv et tal på mindst %(limit)s.", limit=context.get("ge", "")),
        "less_than_equal": _("Skriv et tal på højst %(limit)s.", limit=context.get("le", "")),
        "greater_than": _("Skriv et tal større end %(limit)s.", limit=context.get("gt", "")),
        "less_than": _("Skriv et tal mindre end %(limit)s.", limit=context.get("lt", "")),
        "string_too_long": _("Skriv højst %(limit)s tegn.", limit=context.get("max_length", "")),
        "string_too_short": _("Skriv mindst %(limit)s tegn.", limit=context.get("min_length", "")),
        "model_attributes_type": _("Send et JSON-objekt."),
        "dict_type": _("Send et JSON-objekt."),
        "list_type": _("Send en liste."),
        "value_error": str(context.get("error", "")),  # a model's own check: its Danish sentence
    }
    return messages.get(kind) or str(item.get("msg", ""))


def init_app(bp: Blueprint) -> None:
    """The blueprint's handlers: every error its views let through becomes a problem."""

    @bp.errorhandler(Exception)
    def any_error(error: Exception) -> Response:
        return as_problem(error) or unexpected(error)
