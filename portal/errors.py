"""Every error a person can meet is a page in their language that says what happened and what to do.

**Domain errors** (:mod:`scheduling.services.errors`) mean the same to a citizen and to a caseworker, so they
get the same status everywhere, from this one table:

============================  ======  ==============================================================
error                         status  why
============================  ======  ==============================================================
``NotFound``                  404     the id does not exist *or* is not the caller's: never told apart
``SlotTaken``                 409     the request was fine, someone else got the time first
``Refused``                   409     the request was fine and the caller may use the page; the
                                      course as it stands says no (a rule, a deadline)
``InvalidInput``              422     a value that cannot be used (blank reason, end before start …)
``TryAgain``                  503     not a refusal: the database broke off twice; send it again
============================  ======  ==============================================================

403 stays for "not for you at all" (the wrong kind of user, a caseworker who is not an administrator), which
no rule of the law decides; 400 for a request no form of ours sends (a missing CSRF token, a forged value).

A view may simply let a domain error propagate: the handlers below answer NotFound with the 404 page and the
others with :func:`problem_page` (the reason with its legal basis and a way back, under the view's own title
given with :func:`problem_title`, else the error class's). Where
the form itself is the better answer (a caseworker's action form, the booking step whose time was taken), the
view catches the error and shows the form again with the reason inline, with :func:`status_of`'s status.

A fault on our side (500, or 503 when the database is unreachable or a booking met a conflict twice) shows the
request id, so the person can quote it and the operator finds the log lines (:mod:`portal.observability`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from portal.urls import local_path
from scheduling.reasons import Reason
from scheduling.services.errors import DomainError, InvalidInput, NotFound, Refused, SlotTaken, TryAgain

View = TypeVar("View", bound=Callable[..., Any])

STATUS: dict[type[DomainError], int] = {NotFound: 404, SlotTaken: 409, Refused: 409, InvalidInput: 422}
TITLES = {
    SlotTaken: _l("Tiden er ikke længere ledig"),
    Refused: _l("Det kan ikke lade sig gøre"),
    InvalidInput: _l("Oplysningerne kunne ikke bruges"),
}


def problem_title(title: Any) -> Callable[[View], View]:
    """Decorate a view: the title of the problem page for a domain error it lets through ("Samtalen kunne ikke
    aflyses"); put it below the route and log-in decorators."""

    def decorate(view: View) -> View:
        view.problem_title = title  # type: ignore[attr-defined]
        return view

    return decorate


def status_of(error: DomainError) -> int:
    """The HTTP status of a domain error (the table above); an unknown kind of refusal is a 409."""
    return next((status for kind, status in STATUS.items() if isinstance(error, kind)), 409)


def problem_page(
    status: int, title: str, reason: Reason | None = None, text: str | None = None, back: str | None = None
) -> tuple[str, int]:
    """A refusal or a request that cannot be used, as a page: what happened, why (with the legal basis), a way
    back (``back``, or the page the person came from) and home."""
    page = render_template(
        "errors/problem.html", title=title, reason=reason, text=text, back=back or local_path(_referrer_path())
    )
    return page, status


def _referrer_path() -> str | None:
    """The path of the page the person came from, if it was one of ours."""
    referrer = request.referrer
    if not referrer or not referrer.startswith(request.host_url):
        return None
    return "/" + referrer[len(request.host_url):]


def _page(status: int, title: str, message: str) -> tuple[str, int]:
    page = render_template("errors/error.html", title=title, message=message, show_request_id=status >= 500)
    return page, status


def _not_found() -> tuple[str, int]:
    return _page(404, _("Siden findes ikke"), _("Vi kan ikke finde den side, du leder efter. Tjek adressen, eller gå til forsiden."))


def domain_error(error: DomainError) -> tuple[str, int]:
    """A domain error a view let through: NotFound is the 404 page, the others a problem page with the reason."""
    if isinstance(error, NotFound):
        return _not_found()
    view = current_app.view_functions.get(request.endpoint or "")
    title = getattr(view, "problem_title", None) or next(
        (t for kind, t in TITLES.items() if isinstance(error, kind)), TITLES[Refused]
    )
    return problem_page(status_of(error), str(title), error.reason)


def http_error(error: HTTPException) -> tuple[str, int] | Response:
    if request.path.startswith("/api/"):  # an unknown URL (404) or method (405) under the API: a problem, as JSON
        from portal.api.problems import from_http_error

        return from_http_error(error)
    code = error.code or 500
    if code == 404:
        return _not_found()
    if code == 403:
        return _page(403, _("Du har ikke adgang"), _("Du har ikke adgang til denne side. Log ind med den rigtige bruger."))
    if code == 413:
        limit = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
        return _page(413, _("Filen eller formularen er for stor"), _("Filen eller formularen er for stor: højst %(megabytes)s MB kan sendes. Vælg en mindre fil, og prøv igen. Intet er gemt.", megabytes=limit))
    if code == 405:
        return _page(405, _("Handlingen er ikke mulig"), _("Siden kan ikke bruges på den måde. Gå tilbage og prøv igen."))
    if code == 429:
        return _page(429, _("For mange forsøg"), _("Du har prøvet for mange gange. Vent et par minutter, og prøv igen."))
    if 400 <= code < 500:
        return _page(code, _("Forespørgslen kunne ikke bruges"), _("Noget i forespørgslen var forkert. Gå tilbage og prøv igen. Intet er gemt."))
    return _page(code, _("Der opstod en fejl"), _("Der opstod en fejl hos os. Prøv igen om lidt. Intet er gemt."))


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(HTTPException, http_error)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return _page(
            400,
            _("Siden er udløbet"),
            _("Formularen var for gammel eller kom ikke fra Selvbooking. Gå tilbage, genindlæs siden og prøv igen. Intet er gemt."),
        )

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError) -> tuple[str, int]:
        # the connection was lost or the server refused it: the transaction is gone, the next request retries
        app.logger.exception("Database unavailable")
        return _page(503, _("Der opstod en fejl"), _("Vi kunne ikke nå vores database. Prøv igen om lidt. Intet er gemt."))

    @app.errorhandler(TryAgain)
    def try_again(error: TryAgain) -> tuple[str, int]:
        app.logger.warning("Conflict after retry: %s", error)
        return _page(503, _("Prøv igen"), _("Mange gjorde det samme på samme tid, så vi kunne ikke gemme det. Prøv igen. Intet er gemt."))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error")
        return _page(500, _("Der opstod en fejl"), _("Der opstod en fejl hos os. Prøv igen om lidt. Intet er gemt."))
