"""Public pages. The front page sends a logged-in person to their own start page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from portal.i18n import LANG_COOKIE, ONE_YEAR, locale_code
from portal.urls import local_path
from scheduling.rules.catalogue import RULES

bp = Blueprint("public", __name__, template_folder="templates")


#: Stands in for the session's CSRF token in the front page kept ready for anonymous visitors.
_CSRF_SLOT = "\x00csrf\x00"


@bp.get("/")
def index() -> str | Response:
    """The front page; a logged-in person goes to their own start page.

    Everything on it is the same for every anonymous visitor in one language but the CSRF token of the language
    buttons: the page is rendered once per language (and path prefix) and the visitor's own token put in. A visit
    with a query string or with a message to show (after log-out) is rendered as any other page."""
    if g.get("current_user"):
        return redirect(g.current_user.home_url)
    if request.query_string or session.get("_flashes"):
        return render_template("public/index.html")
    kept: dict[tuple[str, str], str] = current_app.extensions.setdefault("selvbooking_front_pages", {})
    key = (locale_code(), request.script_root)
    if key not in kept:
        kept[key] = render_template("public/index.html", csrf_token=lambda: _CSRF_SLOT)
    return kept[key].replace(_CSRF_SLOT, generate_csrf())


@bp.get("/menu")
def menu() -> str | Response:
    """The main menu and "Log af" as a page: what the phone header's menu button opens without JavaScript (with
    it, the button opens DKFDS's drawer in the page). Someone not logged in has no menu: the front page."""
    if not g.get("current_user"):
        return redirect(url_for("public.index"))
    return render_template("public/menu.html")


@bp.get("/tilgaengelighed")
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.get("/privatliv")
def privacy() -> str:
    return render_template("public/privacy.html")


@bp.get("/regler")
def rules() -> str:
    """The catalogue of rules R1–R28 for anyone: title, legal basis and the section of STAR's guidance."""
    return render_template("public/rules.html", rules=RULES)


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
