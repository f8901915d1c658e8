"""Public pages. The front page sends a logged-in person to their own start page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from portal.i18n import LANG_COOKIE, ONE_YEAR
from portal.urls import local_path

bp = Blueprint("public", __name__, template_folder="templates")


@bp.get("/")
def index() -> str | Response:
    if g.get("current_user"):
        return redirect(g.current_user.home_url)
    return render_template("public/index.html")


@bp.get("/tilgaengelighed")
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.get("/privatliv")
def privacy() -> str:
    return render_template("public/privacy.html")


@bp.post("/sprog/<code>")
def set_language(code: str) -> Response:
    """Choose Danish or English; remembered in the session and a cookie (and on the person, when logged in).

    A POST with the CSRF token (the footer's form): it changes what is stored about the person, so a link or
    an image elsewhere cannot do it for them."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    remember = current_app.extensions.get("selvbooking_remember_locale")
    if remember and g.get("current_user"):
        remember(g.current_user, code)
    response = redirect(local_path(request.form.get("next")) or url_for("public.index"), 303)
    response.set_cookie(LANG_COOKIE, code, max_age=ONE_YEAR, httponly=True, samesite="Lax")
    return response
