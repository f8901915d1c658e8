"""Every error a person can meet is a page in their language that says what happened and what to do.

A fault on our side (500, or 503 when the database is unreachable or a booking met a conflict twice) shows the
request id, so the person can quote it and the operator finds the log lines (:mod:`portal.observability`).
"""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from scheduling.services.errors import TryAgain


def _page(status: int, title: str, message: str) -> tuple[str, int]:
    page = render_template("errors/error.html", title=title, message=message, show_request_id=status >= 500)
    return page, status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return _page(
            400,
            _("Siden er udløbet"),
            _("Formularen var for gammel eller kom ikke fra Selvbooking. Gå tilbage, genindlæs siden og prøv igen. Intet er gemt."),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        if code == 404:
            return _page(404, _("Siden findes ikke"), _("Vi kan ikke finde den side, du leder efter. Tjek adressen, eller gå til forsiden."))
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
